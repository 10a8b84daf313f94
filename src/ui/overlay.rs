//! Windows over the panes: the key help and the load warnings.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, BorderType, Clear, Padding, Paragraph};

use super::block::rect;
use super::text::inert;
use super::theme::Theme;
use crate::app::App;
use crate::app::help::Line as HelpLine;
use crate::app::layout::wrap;

pub(super) fn frame_block<'a>(title: String, hint: &'a str, theme: &Theme) -> Block<'a> {
    Block::bordered()
        .border_type(BorderType::Rounded)
        .border_style(theme.border(true))
        .padding(Padding::horizontal(1))
        .title(Span::styled(title, theme.pane_title(true)))
        .title_bottom(Line::from(Span::styled(hint, theme.dim())).right_aligned())
}

pub(super) fn open(frame: &mut Frame, app: &App, block: Block<'_>) -> Option<Rect> {
    let area = rect(app.overlay_rect()?).intersection(frame.area());
    frame.render_widget(Clear, area);
    let inner = block.inner(area);
    frame.render_widget(block, area);
    (inner.width > 0 && inner.height > 0).then_some(inner)
}

/// Every key, grouped, as `app::help` lays them out for the overlay.
pub fn help(frame: &mut Frame, app: &App, theme: &Theme) {
    let block = frame_block(" Keys ".into(), " j k scroll · Esc closes ", theme);
    let Some(inner) = open(frame, app, block) else {
        return;
    };
    let lines: Vec<Line> = app
        .chrome
        .help_lines()
        .into_iter()
        .skip(app.chrome.overlay_scroll())
        .take(usize::from(inner.height))
        .map(|l| match l {
            HelpLine::Title(t) => Line::from(Span::styled(t, theme.title())),
            HelpLine::Blank => Line::default(),
            HelpLine::Row {
                keys,
                key_width,
                does,
            } => {
                let pad = key_width.saturating_sub(super::text::width(&keys)) + 2;
                Line::from(vec![
                    Span::raw(" "),
                    Span::styled(inert(&keys).into_owned(), theme.key()),
                    Span::raw(" ".repeat(pad)),
                    Span::styled(does, Style::new()),
                ])
            }
        })
        .collect();
    frame.render_widget(Paragraph::new(lines), inner);
}

/// Every load warning, `path: message`, wrapped; scrolls a warning at a
/// time and draws only what fits.
pub fn warnings(frame: &mut Frame, app: &App, theme: &Theme) {
    let n = app.library.warnings().len();
    let title = format!(" {n} load warning{} ", if n == 1 { "" } else { "s" });
    let block = frame_block(title, " j k scroll · Esc closes ", theme);
    let Some(inner) = open(frame, app, block) else {
        return;
    };
    if n == 0 {
        frame.render_widget(
            Paragraph::new(Span::styled("every file loaded cleanly", theme.dim())),
            inner,
        );
        return;
    }
    let width = usize::from(inner.width);
    let mut lines: Vec<Line> = Vec::new();
    for w in app
        .library
        .warnings()
        .iter()
        .skip(app.chrome.overlay_scroll())
    {
        if lines.len() >= usize::from(inner.height) {
            break;
        }
        let path = inert(&w.path.display().to_string()).into_owned();
        let text = format!("{path}: {}", inert(&w.message));
        for (i, r) in wrap(&text, width).into_iter().enumerate() {
            let part = &text[r.clone()];
            // The path part of the first line stands out.
            if i == 0 && r.start == 0 && part.len() > path.len() {
                lines.push(Line::from(vec![
                    Span::styled(part[..path.len()].to_string(), theme.title()),
                    Span::raw(part[path.len()..].to_string()),
                ]));
            } else {
                lines.push(Line::from(part.to_string()));
            }
        }
    }
    lines.truncate(usize::from(inner.height));
    frame.render_widget(Paragraph::new(lines), inner);
}

//! The company overlay: the entities in the current entity's sentences,
//! most shared sentences first, each with its kind letter, its name, and
//! the sentences and articles they share; the selected row reversed.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::entities::kind_letter;
use super::overlay::{frame_block, open};
use super::text::{fit, inert};
use super::theme::Theme;
use crate::app::App;

pub fn draw(frame: &mut Frame, app: &App, theme: &Theme) {
    let Some(c) = &app.company else { return };
    let e = app.library.entity(c.of.entity);
    let title = format!(" Company of {} ", inert(&e.name));
    let block = frame_block(title, " j k move · Enter follows · Esc closes ", theme);
    let Some(inner) = open(frame, app, block) else {
        return;
    };
    let note = |frame: &mut Frame, text: &str| {
        frame.render_widget(
            Paragraph::new(Span::styled(text.to_string(), theme.dim())),
            inner,
        );
    };
    let Some(rows) = &c.rows else {
        note(frame, "reading the listed articles that mention it…");
        return;
    };
    if rows.is_empty() {
        note(
            frame,
            "no other entity shares a sentence with it in the listed articles",
        );
        return;
    }
    let head = "sentences articles";
    let width = usize::from(inner.width);
    let top = Rect::new(inner.x, inner.y, inner.width, 1);
    let pad = width.saturating_sub(head.len());
    frame.render_widget(
        Paragraph::new(Span::styled(
            format!("{}{head}", " ".repeat(pad)),
            theme.dim(),
        )),
        top,
    );
    let visible = usize::from(inner.height.saturating_sub(1));
    let offset = c.selected.saturating_sub(visible.saturating_sub(1));
    for (row, (i, (id, shared))) in rows
        .iter()
        .enumerate()
        .skip(offset)
        .take(visible)
        .enumerate()
    {
        let entity = app.library.entity(*id);
        let kind = theme.kind(entity.kind);
        let counts = format!(" {:>9} {:>8}", shared.sentences, shared.articles);
        let room = width.saturating_sub(2 + counts.len());
        let (name, w) = fit(&[(&entity.name, kind)], room);
        let mut spans = vec![Span::styled(kind_letter(entity.kind), kind), Span::raw(" ")];
        spans.extend(name);
        spans.push(Span::raw(
            " ".repeat(width.saturating_sub(2 + w + counts.len())),
        ));
        spans.push(Span::styled(counts, theme.dim()));
        let mut p = Paragraph::new(Line::from(spans));
        if i == c.selected {
            p = p.style(theme.selected(true));
        }
        let r = Rect::new(inner.x, inner.y + 1 + row as u16, inner.width, 1);
        frame.render_widget(p, r);
    }
}

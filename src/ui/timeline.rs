//! The timeline overlay: the current entity's mentions per period as two
//! sparklines (by the articles' dates, by the dates their sentences
//! give), the selected period reversed in both, the axis's first and last
//! dates, and what the selected period holds.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Sparkline, SparklineBar};

use super::overlay::{frame_block, open};
use super::text::inert;
use super::theme::Theme;
use crate::app::App;
use crate::app::chrome::TIMELINE_BAR_ROWS;
use crate::app::timeline::{Span as Period, Timeline};

pub fn draw(frame: &mut Frame, app: &App, theme: &Theme) {
    let Some(t) = &app.timeline else {
        if let Some(of) = app.timeline_pending {
            counting(frame, app, of.entity, theme);
        }
        return;
    };
    let e = app.library.entity(t.of.entity);
    let title = format!(" Timeline · {} · per {} ", inert(&e.name), t.span.name());
    let block = frame_block(title, " ← → period · Enter lists it · Esc closes ", theme);
    let Some(inner) = open(frame, app, block) else {
        return;
    };
    let bars = t.bars().min(usize::from(inner.width));
    // The bars shown: those that fit, the selected one among them.
    let first = t.first_shown(bars);
    let shown = first..first + bars;
    let selected = t.selected - first;
    // Few periods get wider bars: up to 6 cells each.
    let k = (usize::from(inner.width) / bars.max(1)).clamp(1, 6);
    let mut y = inner.y;
    let mut row = |frame: &mut Frame, h: usize, draw: &dyn Fn(&mut Frame, Rect)| {
        let h = u16::try_from(h).unwrap_or(1);
        if y + h <= inner.bottom() {
            draw(frame, Rect::new(inner.x, y, inner.width, h));
        }
        y += h;
    };
    let total: u32 = t.by_article.iter().sum();
    let undated = if t.undated > 0 {
        format!(", {} in undated articles", t.undated)
    } else {
        String::new()
    };
    let head = format!("by the articles' dates: {}{undated}", mentions(total));
    row(frame, 1, &|f, r| heading(f, r, &head, theme));
    row(frame, TIMELINE_BAR_ROWS, &|f, r| {
        sparkline(f, r, &t.by_article[shown.clone()], k, selected, theme)
    });
    let head = match &t.by_text {
        None => "by the dates the text gives (on Monday…): reading the articles…".to_string(),
        Some(v) => {
            let n: u32 = v.iter().sum();
            let outside = if t.text_outside > 0 {
                format!(", {} outside these dates", t.text_outside)
            } else {
                String::new()
            };
            format!(
                "by the dates the text gives (on Monday…): {}{outside}",
                mentions(n)
            )
        }
    };
    row(frame, 1, &|f, r| heading(f, r, &head, theme));
    let empty = vec![0; bars];
    let by_text = t.by_text.as_ref().map_or(&empty[..], |v| &v[shown.clone()]);
    row(frame, TIMELINE_BAR_ROWS, &|f, r| {
        sparkline(f, r, by_text, k, selected, theme)
    });
    row(frame, 1, &|f, r| caret(f, r, selected, k, theme));
    row(frame, 1, &|f, r| axis(f, r, t, shown.clone(), k, theme));
    let (a, b) = t.period(t.selected);
    let when = if a == b {
        a.to_string()
    } else {
        format!("{a} – {b}")
    };
    let text = t.by_text.as_ref().map_or(String::from("…"), |v| {
        v.get(t.selected).copied().unwrap_or(0).to_string()
    });
    let line = Line::from(vec![
        Span::styled(when, theme.key()),
        Span::raw(format!(
            ": {} by the articles' dates, {text} by the text's",
            t.by_article.get(t.selected).copied().unwrap_or(0)
        )),
    ]);
    row(frame, 1, &|f, r| {
        f.render_widget(Paragraph::new(line.clone()), r)
    });
}

fn heading(frame: &mut Frame, r: Rect, text: &str, theme: &Theme) {
    frame.render_widget(
        Paragraph::new(Span::styled(text.to_string(), theme.dim())),
        r,
    );
}

fn mentions(n: u32) -> String {
    format!("{n} mention{}", if n == 1 { "" } else { "s" })
}

/// One bar a period, `k` cells wide, the selected one reversed (it shows
/// without colour).
fn sparkline(frame: &mut Frame, r: Rect, values: &[u32], k: usize, selected: usize, theme: &Theme) {
    let data: Vec<SparklineBar> = values
        .iter()
        .enumerate()
        .flat_map(|(i, &v)| std::iter::repeat_n((i, v), k))
        .map(|(i, v)| {
            let bar = SparklineBar::from(u64::from(v));
            if i == selected {
                bar.style(Style::new().add_modifier(Modifier::REVERSED))
            } else {
                bar
            }
        })
        .collect();
    let max = values.iter().copied().max().unwrap_or(0).max(1);
    frame.render_widget(
        Sparkline::default()
            .data(data)
            .max(u64::from(max))
            .style(theme.key()),
        r,
    );
}

/// `▲` under the selected period (bars `k` cells wide).
fn caret(frame: &mut Frame, r: Rect, selected: usize, k: usize, theme: &Theme) {
    if selected * k < usize::from(r.width) {
        let pad = " ".repeat(selected * k);
        frame.render_widget(
            Paragraph::new(Line::from(vec![
                Span::raw(pad),
                Span::styled(
                    "▲".repeat(k.min(usize::from(r.width) - selected * k)),
                    theme.key(),
                ),
            ])),
            r,
        );
    }
}

/// The first shown period's date on the left, the last's on the right,
/// under bars `k` cells wide.
fn axis(
    frame: &mut Frame,
    r: Rect,
    t: &Timeline,
    shown: std::ops::Range<usize>,
    k: usize,
    theme: &Theme,
) {
    let cells = shown.len() * k;
    let label = |i: usize| {
        let (a, _) = t.period(i);
        match t.span {
            Period::Day | Period::Week => a.format("%Y-%m-%d").to_string(),
            Period::Month => a.format("%Y-%m").to_string(),
            Period::Year => a.format("%Y").to_string(),
        }
    };
    let first = label(shown.start);
    let last = label(shown.end.saturating_sub(1));
    let room = usize::from(r.width).min(cells.max(first.len()));
    let pad = room.saturating_sub(first.len() + last.len());
    let text = if shown.len() <= 1 || pad == 0 {
        first
    } else {
        format!("{first}{}{last}", " ".repeat(pad))
    };
    frame.render_widget(Paragraph::new(Span::styled(text, theme.dim())), r);
}

/// While a worker counts the mentions: the overlay, saying so.
fn counting(frame: &mut Frame, app: &App, e: crate::resolve::EntityId, theme: &Theme) {
    let name = &app.library.entity(e).name;
    let title = format!(" Timeline · {} ", inert(name));
    let block = frame_block(title, " Esc closes ", theme);
    if let Some(inner) = open(frame, app, block) {
        frame.render_widget(
            Paragraph::new(Span::styled(
                "counting its mentions in the listed articles…",
                theme.dim(),
            )),
            inner,
        );
    }
}

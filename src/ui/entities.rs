//! The entity pane: `›P Khalifa Haftar   12 3` per row, by mention count,
//! with the articles that mention it; the kind shown by a letter and by
//! the name's style, and `✚` in place of the space after the letter on
//! entities first seen in the open report (`P✚Erdogan`). Its bottom
//! border says what is typed to find one, which kinds are hidden, and
//! what the two counts are.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::block::{empty_note, pane_block};
use super::text::{fit, inert, width};
use super::theme::Theme;
use crate::app::{App, EntityScope, Focus};
use crate::entities::Kind;

pub fn kind_letter(kind: Kind) -> &'static str {
    match kind {
        Kind::Person => "P",
        Kind::Organization => "O",
        Kind::Location => "L",
        Kind::Misc => "M",
        Kind::Date => "D",
    }
}

/// The flag of an entity first seen in the open report (no earlier
/// report of its story mentions it): a sign, so it shows without colour.
pub const FIRST_SEEN: &str = "✚";

pub fn draw(frame: &mut Frame, area: Rect, app: &App, theme: &Theme) {
    let focused = app.chrome.focus() == Focus::Entities;
    // Room for " Entities " and the long note between the corners.
    let roomy = area.width >= 38;
    let scope = match (app.pane.scope(), roomy) {
        (EntityScope::Article, true) => " this article · a: all ",
        (EntityScope::Listed, true) => " all listed · a: article ",
        (EntityScope::Article, false) => " article ",
        (EntityScope::Listed, false) => " all listed ",
    };
    let note = Line::from(Span::styled(scope, theme.dim()));
    let (bottom, cursor) = bottom_left(app, theme);
    let legend_w = usize::from(area.width).saturating_sub(4 + width(&line_text(&bottom)));
    let mut block = pane_block("Entities", note, focused, theme).title_bottom(bottom);
    if let Some(legend) = legend(app, legend_w) {
        block = block.title_bottom(Line::from(Span::styled(legend, theme.dim())).right_aligned());
    }
    let inner = block.inner(area);
    frame.render_widget(block, area);
    if let Some(x) = cursor {
        let x = (area.x + 1 + x).min(area.right().saturating_sub(2));
        frame.set_cursor_position((x, area.bottom().saturating_sub(1)));
    }
    if inner.width == 0 || inner.height == 0 {
        return;
    }
    let e = &app.pane;
    if e.rows().is_empty() {
        let msg = match (app.library.entities().is_empty(), e.scope()) {
            (true, _) => "no entities found",
            _ if e.find_text().is_some() => "no entity of the shown kinds has that name",
            _ if !e.all_rows().is_empty() => "no entities of the shown kinds",
            (false, EntityScope::Article) => "no entities in this article",
            (false, EntityScope::Listed) if e.counting() => "counting the listed articles…",
            (false, EntityScope::Listed) => "no entities in the listed articles",
        };
        frame.render_widget(empty_note(msg, theme), inner);
        return;
    }
    let rows = usize::from(inner.height);
    let end = (e.offset() + rows).min(e.rows().len());
    let shown = &e.rows()[e.offset()..end];
    // Counts in two columns, as wide as the widest on screen.
    let mentions_w = shown.iter().map(|r| digits(r.mentions)).max().unwrap_or(1);
    let articles_w = shown.iter().map(|r| digits(r.articles)).max().unwrap_or(1);
    // Marker, kind letter, then a space or the first-seen flag.
    let lead = 3;
    for (row, r) in shown.iter().enumerate() {
        let pos = e.offset() + row;
        let entity = app.library.entity(r.entity);
        let kind = theme.kind(entity.kind);
        let marker = if app.current_entity() == Some(r.entity) {
            "›"
        } else {
            " "
        };
        let counts = format!(" {:>mentions_w$} {:>articles_w$}", r.mentions, r.articles);
        let room = usize::from(inner.width).saturating_sub(lead + counts.len());
        let (name, w) = fit(&[(&entity.name, kind)], room);
        let mut spans = vec![
            Span::styled(marker, theme.key()),
            Span::styled(kind_letter(entity.kind), kind),
        ];
        if e.is_first_seen(r.entity) {
            spans.push(Span::styled(FIRST_SEEN, theme.unread()));
        } else {
            spans.push(Span::raw(" "));
        }
        spans.extend(name);
        let pad = usize::from(inner.width).saturating_sub(lead + w + counts.len());
        spans.push(Span::raw(" ".repeat(pad)));
        spans.push(Span::styled(counts, theme.dim()));
        let mut p = Paragraph::new(Line::from(spans));
        if pos == e.selected() {
            p = p.style(theme.selected(focused));
        }
        let r = Rect::new(inner.x, inner.y + row as u16, inner.width, 1);
        frame.render_widget(p, r);
    }
}

fn digits(n: u32) -> usize {
    n.to_string().len()
}

fn line_text(l: &Line) -> String {
    l.spans.iter().map(|s| s.content.as_ref()).collect()
}

/// The bottom border's left: what is typed to find an entity (`/haf`,
/// with the cursor's column while typing) and the kinds shown when some
/// are hidden (`P O · M D`).
fn bottom_left<'a>(app: &App, theme: &Theme) -> (Line<'a>, Option<u16>) {
    let pane = &app.pane;
    let mut spans: Vec<Span> = Vec::new();
    let mut cursor = None;
    if let Some(text) = pane.find_text() {
        let text = inert(text).into_owned();
        spans.push(Span::styled(" /", theme.key()));
        let at = 2 + width(&text);
        spans.push(Span::raw(text));
        spans.push(Span::raw(" "));
        if pane.is_finding() && app.chrome.focus() == Focus::Entities {
            cursor = Some(at as u16);
        }
    }
    if pane.hides_some_kind() {
        spans.push(Span::raw(" "));
        for k in Kind::ALL {
            if pane.shows_kind(k) {
                spans.push(Span::styled(kind_letter(k), theme.kind(k)));
            } else {
                spans.push(Span::styled("·", theme.dim()));
            }
            spans.push(Span::raw(" "));
        }
    }
    (Line::from(spans), cursor)
}

/// What the two numbers of a row are, if `room` lets it be said.
fn legend(app: &App, room: usize) -> Option<&'static str> {
    let flags = app
        .pane
        .rows()
        .iter()
        .any(|r| app.pane.is_first_seen(r.entity));
    let long = match (app.pane.scope(), flags) {
        (EntityScope::Article, false) => " mentions here · articles ",
        (EntityScope::Article, true) => " ✚ first seen · mentions here · articles ",
        (EntityScope::Listed, _) => " mentions · articles ",
    };
    [long, " mentions · articles ", " mentions articles "]
        .into_iter()
        .find(|l| width(l) <= room)
}

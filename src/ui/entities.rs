//! The entity pane: `› P Khalifa Haftar   12` per row, by mention count,
//! the kind shown by a letter and by the name's style.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::block::{empty_note, pane_block};
use super::text::fit;
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
    let block = pane_block("Entities", note, focused, theme);
    let inner = block.inner(area);
    frame.render_widget(block, area);
    if inner.width == 0 || inner.height == 0 {
        return;
    }
    let e = &app.pane;
    if e.rows().is_empty() {
        let msg = match (app.library.entities().is_empty(), e.scope()) {
            (true, _) => "no entities found",
            (false, EntityScope::Article) => "no entities in this article",
            (false, EntityScope::Listed) => "no entities in the listed articles",
        };
        frame.render_widget(empty_note(msg, theme), inner);
        return;
    }
    let rows = usize::from(inner.height);
    let end = (e.offset() + rows).min(e.rows().len());
    for (row, pos) in (e.offset()..end).enumerate() {
        let (id, count) = e.rows()[pos];
        let entity = app.library.entity(id);
        let kind = theme.kind(entity.kind);
        let marker = if app.current_entity() == Some(id) {
            "›"
        } else {
            " "
        };
        let count = format!(" {count}");
        let room = usize::from(inner.width).saturating_sub(3 + count.len());
        let (name, w) = fit(&[(&entity.name, kind)], room);
        let mut spans = vec![
            Span::styled(marker, theme.key()),
            Span::styled(kind_letter(entity.kind), kind),
            Span::raw(" "),
        ];
        spans.extend(name);
        let pad = usize::from(inner.width).saturating_sub(3 + w + count.len());
        spans.push(Span::raw(" ".repeat(pad)));
        spans.push(Span::styled(count, theme.dim()));
        let mut p = Paragraph::new(Line::from(spans));
        if pos == e.selected() {
            p = p.style(theme.selected(focused));
        }
        let r = Rect::new(inner.x, inner.y + row as u16, inner.width, 1);
        frame.render_widget(p, r);
    }
}

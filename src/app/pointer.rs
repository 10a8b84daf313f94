//! The mouse: a click focuses a pane and selects a row (a second click
//! opens it, or jumps to the entity), a click on a mention puts the
//! cursor on it, and the wheel scrolls the pane under the pointer.

use super::action::{Focus, Move};
use super::navigate::activate_entity;
use super::state::App;

pub(super) fn click(app: &mut App, x: u16, y: u16) {
    if let Some(r) = app.overlay_rect() {
        if !r.contains(x, y) {
            app.chrome.close_overlay();
        }
        return;
    }
    let screen = *app.chrome.screen();
    let Some(pane) = screen.pane_at(x, y, app.chrome.focus()) else {
        return;
    };
    app.chrome.focus_on(pane);
    let inner = screen.pane(pane).inner();
    if !inner.contains(x, y) {
        return;
    }
    let row = usize::from(y - inner.y);
    match pane {
        Focus::List => {
            let i = app.list.offset() + row;
            if i < app.list.len() {
                if i == app.list.selected() {
                    app.open_selected();
                } else {
                    let rows = app.list_rows();
                    app.list.select(i, rows);
                }
            }
        }
        Focus::Entities => {
            let i = app.pane.offset() + row;
            if i < app.pane.rows().len() {
                if i == app.pane.selected() {
                    activate_entity(app);
                } else {
                    app.pane.select(i);
                }
            }
        }
        Focus::Reader => {
            let text = screen.reader_text();
            if app.reader.open_layout().is_none() || !text.contains(x, y) {
                return;
            }
            let (row, col) = (usize::from(y - text.y), usize::from(x - text.x));
            if let Some(i) = app.reader.mention_at(app.open_mentions(), row, col) {
                app.reader.put_cursor(i);
            }
        }
    }
}

pub(super) fn wheel(app: &mut App, x: u16, y: u16, rows: isize) {
    let warnings = app.library.warnings().len();
    if app.chrome.overlay().is_some() {
        app.chrome.scroll_overlay(Move::By(rows), warnings);
        return;
    }
    match app.chrome.screen().pane_at(x, y, app.chrome.focus()) {
        Some(Focus::List) => {
            let page = app.list_rows();
            app.list.move_selection(Move::By(rows), page);
        }
        Some(Focus::Entities) => {
            let page = app.entity_rows();
            app.pane.move_selection(Move::By(rows), page);
        }
        Some(Focus::Reader) => {
            let page = app.reader_rows();
            app.reader.scroll_by(Move::By(rows), page);
        }
        None => {}
    }
}

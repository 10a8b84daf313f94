//! Moving between mentions.
//!
//! - `]` / `[` move the mention cursor through every mention of the open
//!   article in reading order, wrapping at the ends. They do not change the
//!   current entity (the status line keeps following it); `*` adopts the
//!   entity under the cursor. When the cursor is off screen they start from
//!   the first (last) mention on screen instead, so they always act on what
//!   you are looking at.
//! - `n` / `N` go to the next / previous mention of the current entity:
//!   first within the open article, then into the next / previous article
//!   of the list (in its current order) that mentions it, wrapping around
//!   the list; that article opens and the list selects it (on its own
//!   row: a story folded over it unfolds in place, as for `J`). With no
//!   current entity they adopt the one under the cursor.
//! - Any jump scrolls the mention into view, a third of the way down.

use super::action::Focus;
use super::state::App;
use crate::resolve::EntityId;

/// Puts the mention cursor on mention `i` of the open article and
/// scrolls it into view.
fn set_cursor(app: &mut App, i: usize) {
    let rows = app.reader_rows();
    let a = app.reader.open();
    let mentions = a.map_or(&[][..], |a| app.library.mentions(a));
    app.reader.set_cursor(i, mentions, rows);
}

fn search_from(app: &App, forward: bool) -> usize {
    app.reader
        .search_from(app.open_mentions(), forward, app.reader_rows())
}

fn cursor_visible(app: &App) -> bool {
    app.reader
        .cursor_visible(app.open_mentions(), app.reader_rows())
}

/// `]` (`forward`) and `[`.
pub(super) fn step_mention(app: &mut App, forward: bool) {
    let n = app.open_mentions().len();
    if n == 0 {
        app.chrome.note("no entity mentions in this article");
        return;
    }
    let from = search_from(app, forward);
    let i = if forward {
        if from >= n {
            app.chrome.note("wrapped to the first mention");
            0
        } else {
            from
        }
    } else if from == 0 {
        app.chrome.note("wrapped to the last mention");
        n - 1
    } else {
        from - 1
    };
    set_cursor(app, i);
}

/// The first mention of entity `e` in the open article.
fn first_mention(app: &App, e: EntityId) -> Option<usize> {
    app.open_mentions()
        .iter()
        .position(|m| app.open_entity_of(m) == e)
}

/// `n` (`forward`) and `N`.
pub(super) fn step_entity(app: &mut App, forward: bool) {
    if app.current_entity().is_none()
        && let Some(m) = app.cursor_mention()
    {
        app.follow_entity(app.open_entity_of(&m));
    }
    let Some(e) = app.current_entity() else {
        app.chrome
            .warn("no current entity: Enter on one in the entity pane, or * on a mention");
        return;
    };
    // Within the open article.
    let ms = app.open_mentions();
    let from = search_from(app, forward);
    let here = if forward {
        (from..ms.len()).find(|&i| app.open_entity_of(&ms[i]) == e)
    } else {
        (0..from.min(ms.len()))
            .rev()
            .find(|&i| app.open_entity_of(&ms[i]) == e)
    };
    if let Some(i) = here {
        set_cursor(app, i);
        return;
    }
    // Into the next (previous) listed article that mentions it.
    // Among every listed report, folded away or not.
    let view = app.list.reports();
    let len = view.len();
    let selected = app
        .list
        .selected_article()
        .and_then(|a| view.iter().position(|&v| v == a))
        .unwrap_or(0);
    let at = app
        .reader
        .open()
        .and_then(|o| view.iter().position(|&v| v == o));
    let found = (len > 0)
        .then(|| {
            (1..=len).find_map(|k| {
                let idx = match (at, forward) {
                    (Some(p), true) => (p + k) % len,
                    (Some(p), false) => (p + len * 2 - k) % len,
                    // Not listed: start at the selection itself.
                    (None, true) => (selected + k - 1) % len,
                    (None, false) => (selected + len * 2 + 1 - k) % len,
                };
                app.library.mentions_entity(view[idx], e).then_some(idx)
            })
        })
        .flatten();
    let name = app.library.entity(e).name.clone();
    match found {
        Some(idx) => {
            let a = app.list.reports()[idx];
            let wrapped = match at {
                Some(p) => (forward && idx <= p) || (!forward && idx >= p),
                None => false,
            };
            let rows = app.list_rows();
            // On its own row, as `J` opens it: the selection is the
            // report read, whatever a grouping, `Z` or `Enter` does next.
            app.list.reveal(a, rows);
            app.open_article(a);
            let lib = &app.library;
            let ms = lib.mentions(a);
            let i = if forward {
                ms.iter().position(|m| lib.entity_of(a, m) == e)
            } else {
                ms.iter().rposition(|m| lib.entity_of(a, m) == e)
            };
            if let Some(i) = i {
                set_cursor(app, i);
            }
            if wrapped {
                app.chrome.note(if forward {
                    format!("wrapped to the first listed article with {name}")
                } else {
                    format!("wrapped to the last listed article with {name}")
                });
            }
        }
        None => {
            // Not in any listed article: wrap within the open one, if it can.
            let ms = app.open_mentions();
            let i = if forward {
                ms.iter().position(|m| app.open_entity_of(m) == e)
            } else {
                ms.iter().rposition(|m| app.open_entity_of(m) == e)
            };
            match i {
                Some(i) => {
                    set_cursor(app, i);
                    app.chrome
                        .note(format!("wrapped: no listed article mentions {name}"));
                }
                None => app
                    .chrome
                    .warn(format!("no listed article mentions {name}")),
            }
        }
    }
}

/// `*`: the entity under the mention cursor (or the first on screen)
/// becomes current.
pub(super) fn follow_cursor(app: &mut App) {
    if !cursor_visible(app) {
        let from = search_from(app, true);
        if from < app.open_mentions().len() {
            set_cursor(app, from);
        }
    }
    match app.cursor_mention() {
        Some(m) => {
            let e = app.open_entity_of(&m);
            app.follow_entity(e);
            let name = &app.library.entity(e).name;
            let text = format!("following {name}: n / N jump to its mentions");
            app.chrome.note(text);
        }
        None => app
            .chrome
            .warn("no mention on screen: ] moves the cursor to one"),
    }
}

/// `Enter` in the entity pane: the selected entity becomes current and
/// the cursor jumps to its first mention, in the open article or else in
/// the first listed article that mentions it.
pub(super) fn activate_entity(app: &mut App) {
    let Some(e) = app.pane.selected_entity() else {
        return;
    };
    app.follow_entity(e);
    if let Some(i) = first_mention(app, e) {
        set_cursor(app, i);
        return;
    }
    let found = app
        .list
        .reports()
        .iter()
        .copied()
        .find(|&a| app.library.mentions_entity(a, e));
    match found {
        Some(a) => {
            let rows = app.list_rows();
            app.list.reveal(a, rows);
            app.open_article(a);
            if let Some(i) = first_mention(app, e) {
                set_cursor(app, i);
            }
        }
        None => {
            let name = &app.library.entity(e).name;
            let text = format!("no listed article mentions {name}");
            app.chrome.warn(text);
        }
    }
}

/// `f` in the entity pane: lists only the articles that mention the
/// selected entity.
pub(super) fn filter_by_entity(app: &mut App) {
    let Some(e) = app.pane.selected_entity() else {
        return;
    };
    app.follow_entity(e);
    // The filter chose it: Esc, clearing the filter, stops following it.
    app.nav.set_from_filter();
    let entity = app.library.entity(e);
    let name = entity.name.clone();
    app.filter.set_input(format!("entity:{}", entity.id));
    app.filter.stop_editing();
    app.refilter();
    app.chrome.focus_on(Focus::List);
    let n = app.list.reports().len();
    app.chrome.note(format!(
        "{n} article{} mention {name} (Esc clears)",
        if n == 1 { "" } else { "s" }
    ));
}

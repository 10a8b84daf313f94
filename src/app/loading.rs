//! How a background load fills the app: articles join the list in date
//! order as they are listed, their mentions arrive as they are extracted,
//! and each resolution of the corpus's entities is swapped in whole. Every
//! step keeps the selection on the article it was on.

use std::sync::Arc;

use super::filtered_list::{self, Outcome};
use super::state::App;
use crate::corpus::Warning;
use crate::ingest::{Listed, Progress};
use crate::resolve::{Mention, Resolution};
use crate::stories::Grouping;

pub(super) fn loaded(app: &mut App, batch: Vec<Listed>) {
    let fresh = app.library.add_listed(batch);
    if app.filter.is_active_query() {
        rejudge(app, &fresh);
    } else {
        relist(app);
    }
}

pub(super) fn mentions(app: &mut App, batch: Vec<(u32, Vec<Mention>)>) {
    let changed = app.library.add_mentions(batch);
    if app.reader.open().is_some_and(|a| changed.contains(&a)) {
        // Mentions of the open article changed under the cursor.
        app.reader.clear_cursor();
        app.nav.mentions_changed();
        app.refresh_entities(false);
    }
    if app.filter.is_active_query() {
        rejudge(app, &changed);
    }
}

/// Articles new or changed under a filter are judged on their own.
fn rejudge(app: &mut App, articles: &[usize]) {
    let rows = app.list_rows();
    let o = filtered_list::rejudge(&mut app.filter, &app.library, &mut app.list, rows, articles);
    app.after_filtering(o);
}

/// A new resolution of the corpus's entities: swapped in at once. What
/// shows entities follows: the entity pane (its selection kept), the
/// filter when entities decide it, the position of the cursor.
pub(super) fn resolved(app: &mut App, resolution: Arc<Resolution>) {
    let selected = app
        .pane
        .selected_entity()
        .map(|e| app.library.entity(e).surface);
    app.library.adopt(resolution);
    app.refresh_entities(false);
    if let Some(s) = selected {
        let e = app.library.entities().entity_of(s);
        app.pane.select_entity(e);
    }
    let rows = app.list_rows();
    let o: Outcome = filtered_list::reresolve(&mut app.filter, &app.library, &mut app.list, rows);
    app.after_filtering(o);
}

/// A new grouping into stories: swapped in at once. The open article's
/// new passages are asked for again if its earlier reports changed.
pub(super) fn stories(app: &mut App, grouping: Arc<Grouping>) {
    app.library.adopt_stories(grouping);
    app.ask_new_passages();
}

pub(super) fn warnings(app: &mut App, w: Vec<Warning>) {
    app.library.add_warnings(w);
}

pub(super) fn progress(app: &mut App, p: Progress) {
    app.library.set_progress(p);
}

/// The load is over: the newest article opens if nothing is open yet.
pub(super) fn finished(app: &mut App, p: Progress) {
    app.library.finish_loading();
    if app.reader.open().is_none()
        && let Some(a) = app.selected_article()
    {
        app.show_article(a);
    }
    // Nothing to read: the reader has nothing to show; the command line
    // says why.
    if app.library.is_empty() {
        app.chrome.quit();
    }
    if app.chrome.message().is_none() {
        app.chrome.note(format!(
            "loaded {} articles from {} files: {} mentions",
            p.articles, p.files_listed, p.mentions
        ));
    }
}

/// Rebuilds the list after articles joined, keeping the selection on the
/// article it was on.
fn relist(app: &mut App) {
    let selected = app.selected_article().filter(|_| app.list.touched());
    app.list.set(app.library.order().to_vec());
    let rows = app.list_rows();
    app.list.reselect(selected, rows);
}

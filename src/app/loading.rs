//! How a background load fills the app: articles join the list in date
//! order as they are listed, entities arrive as they are extracted, and
//! when the load is over entities are linked across the whole corpus.
//! Every step keeps the selection on the article it was on.

use super::filtered_list;
use super::state::App;
use crate::corpus::Warning;
use crate::entities::ArticleEntities;
use crate::ingest::{Loaded, Origin, Progress};

pub(super) fn loaded(app: &mut App, batch: Vec<Loaded>) {
    let fresh = app.library.add_loaded(batch);
    if app.filter.is_active_query() {
        rejudge(app, &fresh);
    } else {
        relist(app);
    }
}

pub(super) fn extracted(app: &mut App, batch: Vec<(Origin, ArticleEntities)>) {
    let changed = app.library.add_extracted(batch);
    if app.reader.open().is_some_and(|a| changed.contains(&a)) {
        // Mentions of the open article changed under the cursor.
        app.reader.clear_cursor();
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

pub(super) fn warnings(app: &mut App, w: Vec<Warning>) {
    app.library.add_warnings(w);
}

pub(super) fn progress(app: &mut App, p: Progress) {
    app.library.set_progress(p);
}

/// The load is over: entities are linked across the corpus (their
/// numbers change, so everything that holds one is renumbered), and the
/// newest article opens if nothing is open yet.
pub(super) fn finished(app: &mut App, p: Progress) {
    let map = app.library.link_corpus();
    let renumber = |e: u32| map.get(e as usize).copied().flatten();
    app.nav.renumber(renumber);
    let selected_entity = app.pane.selected_entity().and_then(renumber);
    app.refresh_entities(false);
    if let Some(e) = selected_entity {
        app.pane.select_entity(e);
    }
    if app.filter.is_active_query() {
        app.refilter();
    }
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

//! How a background load fills the app: articles join the list in date
//! order as they are listed, their mentions arrive as they are extracted,
//! and each resolution of the corpus's entities is swapped in whole. Every
//! step keeps the selection on the article it was on.

use std::path::PathBuf;
use std::sync::Arc;

use super::action::FetchGauge;
use super::filtered_list::{self, Outcome};
use super::query::fold;
use super::request::Request;
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
    app.feed_words();
    follow_new_version(app, &fresh);
}

/// The open article left (its file changed on disk, and the watcher said
/// so): its new version, once listed, takes its place in the reader and
/// the list, read if the old one was. Otherwise the reader would go on
/// showing an article that is no more, its entities gone with it.
fn follow_new_version(app: &mut App, fresh: &[usize]) {
    let Some(open) = app.reader.open() else {
        return;
    };
    if !app.library.is_gone(open) {
        return;
    }
    let lib = &app.library;
    let (path, index) = (&lib.meta(open).path, lib.index_in_file(open));
    let Some(&new) = fresh
        .iter()
        .find(|&&a| &lib.meta(a).path == path && lib.index_in_file(a) == index)
    else {
        return;
    };
    let was_read = lib.is_read(open);
    let rows = app.list_rows();
    app.list.reselect(Some(new), rows);
    app.show_article(new);
    if was_read {
        app.set_read(new, true);
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

/// A new grouping into stories: swapped in at once. The reader is left
/// as it is; the list's selection stays on the row showing the open
/// article when it was (see [`super::list::ListView::set_stories`]). The
/// open article's new passages are asked for again if its earlier
/// reports changed.
pub(super) fn stories(app: &mut App, grouping: Arc<Grouping>) {
    app.library.adopt_stories(grouping);
    let rows = app.list_rows();
    let firsts = app.library.story_firsts();
    app.list.set_stories(firsts, app.reader.open(), rows);
    app.refresh_first_seen();
    app.ask_new_passages();
}

/// Warnings of the load (and of the feeds, the watched folders): each
/// said once, however often a round meets it again.
pub(super) fn warnings(app: &mut App, w: Vec<Warning>) {
    for w in w {
        app.library.warn_once(w);
    }
}

pub(super) fn progress(app: &mut App, p: Progress) {
    app.library.set_progress(p);
}

/// The load (or a round of it) is over: the newest article opens if
/// nothing is open yet.
pub(super) fn finished(app: &mut App, p: Progress) {
    let first = !app.loaded_once;
    app.loaded_once = true;
    app.library.finish_loading();
    app.feed_words();
    app.resort();
    if app.reader.open().is_none()
        && let Some(a) = app.selected_article()
    {
        app.show_article(a);
    }
    // Nothing to read: the reader has nothing to show; the command line
    // says why. (Feed items may still come: the reader waits for them.)
    if app.library.is_empty() && !app.library.has_feeds() {
        app.chrome.quit();
    }
    if first && app.chrome.message().is_none() {
        app.chrome.note(format!(
            "loaded {} articles from {} files: {} mentions",
            p.articles, p.files_listed, p.mentions
        ));
    }
}

/// Files changed in the opened folders: the articles of every path named
/// leave (those still there come back as the load reads them again), and
/// the articles of files that appeared will arrive new.
pub(super) fn files_changed(app: &mut App, gone: Vec<PathBuf>, added: Vec<PathBuf>) {
    let leaving = app.library.articles_of_files(&gone);
    // A file "added" that the load had listed already (it appeared while
    // the load began) is a change, not news.
    let known: std::collections::HashSet<&std::path::Path> = leaving
        .iter()
        .map(|&a| app.library.meta(a).path.as_path())
        .collect();
    let added: Vec<PathBuf> = added
        .into_iter()
        .filter(|p| !known.contains(p.as_path()))
        .collect();
    let n = added.len();
    app.library.await_new(added);
    withdraw(app, leaving);
    if n > 0 {
        app.chrome.note(format!(
            "{n} new file{} in the opened folders",
            if n == 1 { "" } else { "s" }
        ));
    }
}

/// Feed items are coming (their tags first), and replaced ones leave.
pub(super) fn feed_items(app: &mut App, tags: Vec<(String, Arc<[String]>)>, gone: Vec<String>) {
    // Folded once here, as `tag:` compares them.
    app.library.await_tags(tags.into_iter().map(|(id, t)| {
        let folded: Arc<[String]> = t.iter().map(|t| fold(t)).collect();
        (id, folded)
    }));
    let leaving = app.library.articles_with_ids(&gone);
    withdraw(app, leaving);
}

/// Articles leave the library and every list; the load forgets their
/// entities.
fn withdraw(app: &mut App, leaving: Vec<usize>) {
    if leaving.is_empty() {
        return;
    }
    app.library.withdraw(&leaving);
    // The selection stays on its article, or goes to the next one.
    let selected = app.selected_article().filter(|&a| !app.library.is_gone(a));
    let lib = &app.library;
    app.list.retain(|&a| !lib.is_gone(a));
    let rows = app.list_rows();
    match selected {
        Some(a) => app.list.reselect(Some(a), rows),
        None => app.list.follow(rows),
    }
    app.refresh_entities(false);
    app.queue(Request::Forget(leaving));
}

/// How the feeds' fetch goes; its end is said.
pub(super) fn fetching(app: &mut App, g: FetchGauge) {
    app.library.set_fetch(g);
    if g.over {
        let failed = if g.failed > 0 {
            format!(", {} failed (w)", g.failed)
        } else {
            String::new()
        };
        app.chrome.note(format!(
            "fetched {} feeds: {} new items{failed}",
            g.total, g.new_items
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

//! How a background load fills the app: articles join the list in date
//! order as they are listed, entities arrive as they are extracted, and
//! when the load is over entities are linked across the whole corpus.
//! Every step keeps the selection on the article it was on.

use std::cmp::Ordering;

use super::bodies::BodySource;
use super::state::{App, Message};
use super::update::{distinct_entities, refilter, refresh_entities, show_article};
use crate::corpus::Warning;
use crate::entities::ArticleEntities;
use crate::index::EntityId;
use crate::ingest::{Loaded, Origin, Progress};

/// Newest first; undated after dated; then in the order of the files
/// (and of articles in a file), which is the order of their paths. Keys
/// are packed once per article: merging a batch into a list of 100,000
/// compares numbers, not dates and paths.
pub(super) fn newest_first_key(
    date: Option<chrono::NaiveDate>,
    origin: Option<Origin>,
    i: usize,
) -> (u32, u64) {
    use chrono::Datelike;
    let day = match date {
        Some(d) => u32::MAX - 1 - d.num_days_from_ce().clamp(0, i32::MAX - 2) as u32,
        None => u32::MAX,
    };
    let then = match origin {
        Some(k) => (u64::from(k.file) << 32) | u64::from(k.index),
        None => i as u64,
    };
    (day, then)
}

fn newer_first(app: &App, a: usize, b: usize) -> Ordering {
    app.order_keys[a].cmp(&app.order_keys[b]).then(a.cmp(&b))
}

/// Two lists already newest first, as one: a merge, not a sort of 100,000.
pub(super) fn merge_newest_first(app: &App, a: &[usize], b: &[usize]) -> Vec<usize> {
    let mut merged = Vec::with_capacity(a.len() + b.len());
    let (mut i, mut j) = (0, 0);
    while i < a.len() && j < b.len() {
        if newer_first(app, a[i], b[j]) != Ordering::Greater {
            merged.push(a[i]);
            i += 1;
        } else {
            merged.push(b[j]);
            j += 1;
        }
    }
    merged.extend_from_slice(&a[i..]);
    merged.extend_from_slice(&b[j..]);
    merged
}

pub(super) fn loaded(app: &mut App, batch: Vec<Loaded>) {
    let first_new = app.articles.len();
    for l in batch {
        let i = app.articles.len();
        app.bodies.push(BodySource::File {
            index: l.origin.index,
        });
        app.origin.push(Some(l.origin));
        app.order_keys
            .push(newest_first_key(l.meta.date, Some(l.origin), i));
        app.by_origin.insert(l.origin, i);
        let read = app.marks.contains(l.meta.fingerprint.hash);
        app.read.push(read);
        app.unread += usize::from(!read);
        app.articles.push(l.meta);
        let found = l.entities.or_else(|| app.early_entities.remove(&l.origin));
        if let Some(found) = found {
            app.index.add_article(i, found);
        }
        let m = &app.articles[i];
        app.columns
            .push(&m.title, m.date, &distinct_entities(&app.index, i));
    }
    let mut fresh: Vec<usize> = (first_new..app.articles.len()).collect();
    fresh.sort_by(|&a, &b| newer_first(app, a, b));
    app.order = merge_newest_first(app, &app.order, &fresh);
    if app.filter.applied.is_some() {
        super::filtered_list::rejudge(app, &fresh);
    } else {
        relist(app);
    }
}

pub(super) fn extracted(app: &mut App, batch: Vec<(Origin, ArticleEntities)>) {
    let mut open_changed = false;
    let mut changed = Vec::with_capacity(batch.len());
    for (key, found) in batch {
        let Some(&i) = app.by_origin.get(&key) else {
            // Workers send in batches: this article's listing is on its way.
            app.early_entities.insert(key, found);
            continue;
        };
        app.index.add_article(i, found);
        app.columns
            .set_entities(i, &distinct_entities(&app.index, i));
        open_changed |= app.open == Some(i);
        changed.push(i);
    }
    if open_changed {
        // Mentions of the open article changed under the cursor.
        app.reader.cursor = None;
        refresh_entities(app, false);
    }
    if app.filter.applied.is_some() {
        super::filtered_list::rejudge(app, &changed);
    }
}

pub(super) fn warnings(app: &mut App, w: Vec<Warning>) {
    app.warnings.extend(w);
}

pub(super) fn progress(app: &mut App, p: Progress) {
    app.loading = Some(p);
}

/// The load is over: entities are linked across the corpus (their
/// numbers change, so everything that holds one is renumbered), and the
/// newest article opens if nothing is open yet.
pub(super) fn finished(app: &mut App, p: Progress) {
    app.loading = None;
    let map = app.index.finish();
    let renumber = |e: EntityId| map.get(e as usize).copied().flatten();
    app.current = app.current.and_then(renumber);
    app.position = None;
    app.position_keys = (None, None);
    app.columns.renumber(renumber);
    let selected_entity = app
        .entities
        .rows
        .get(app.entities.selected)
        .and_then(|(e, _)| renumber(*e));
    refresh_entities(app, false);
    if let Some(e) = selected_entity
        && let Some(k) = app.entities.rows.iter().position(|(r, _)| *r == e)
    {
        app.entities.selected = k;
    }
    if app.filter.applied.is_some() {
        refilter(app);
    }
    if app.open.is_none()
        && let Some(a) = app.selected_article()
    {
        show_article(app, a);
    }
    // Nothing to read: the reader has nothing to show; the command line
    // says why.
    if app.articles.is_empty() {
        app.should_quit = true;
    }
    if app.message.is_none() {
        app.message = Some(Message {
            text: format!(
                "loaded {} articles from {} files: {} mentions",
                p.articles, p.files_listed, p.mentions
            ),
            error: false,
        });
    }
}

/// Rebuilds the list after articles joined, keeping the selection on the
/// article it was on.
fn relist(app: &mut App) {
    let selected = app.selected_article().filter(|_| app.touched);
    app.view = app.order.clone();
    app.view_generation += 1;
    app.selected = selected
        .and_then(|a| app.view.iter().position(|&v| v == a))
        .unwrap_or(0);
    super::update::follow_list(app);
}

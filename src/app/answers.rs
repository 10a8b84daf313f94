//! The answers to the app's requests, applied: a body read back from its
//! file, a big layout made on a worker, an article's new passages, part
//! of a text scan, a slice of ranking, the word index's reads and
//! segments.

use std::ops::Range;

use super::action::{EntityScope, ListedKey, PassagesOf, ReadBody};
use super::filtered_list::{self, RANK_SLICE};
use super::layout::ReaderLayout;
use super::reader::Waiting;
use super::request::Request;
use super::screen::Mode;
use super::state::App;
use super::words::Handoff;
use crate::corpus::Warning;
use crate::resolve::SurfaceId;
use crate::text_index::{ArticleTerms, Merged, Segment};

pub(super) fn body_read(app: &mut App, a: usize, result: Result<ReadBody, String>) {
    app.reader.done_waiting(Waiting::Body(a));
    match result {
        Ok(read) => {
            if read.changed {
                // The file is not what its entities were found in: they
                // are found again (off this thread), so every mention
                // points at the right text; none is shown meanwhile.
                let meta = app.library.meta(a);
                let (path, date) = (meta.path.clone(), meta.date);
                app.library.replace_body(a, &read.body);
                // Its words too: read again, off this thread.
                app.library.words_mut().read_again(a);
                app.feed_words();
                if let Some(origin) = app.library.origin(a) {
                    app.queue(Request::ExtractAgain {
                        article: a,
                        origin,
                        path: path.clone(),
                        body: read.body.clone(),
                        date,
                    });
                }
                if app.reader.open() == Some(a) {
                    app.reader.clear_cursor();
                    app.nav.mentions_changed();
                }
                if app.library.is_read(a) {
                    // Read as it is now, too.
                    app.set_read(a, true);
                }
                app.library.warn_once(Warning::new(
                    path,
                    "changed on disk since it was read; shown and extracted again",
                ));
            }
            app.library.remember_body(a, read.body.clone());
            if app.reader.open() == Some(a) {
                let screen = app.chrome.screen();
                let width = screen.reader_text().width;
                if width > 0 && screen.mode != Mode::TooSmall {
                    app.lay_out(a, read.body, width);
                }
                if app.pane.scope() == EntityScope::Article {
                    app.refresh_entities(false);
                }
                app.ask_new_passages();
            }
        }
        Err(why) => {
            let path = app.library.meta(a).path.clone();
            if app.reader.open() == Some(a) {
                app.chrome
                    .warn(format!("cannot show {}: {why}", path.display()));
            }
            app.library
                .warn_once(Warning::new(path, format!("cannot show it: {why}")));
        }
    }
}

pub(super) fn layout_ready(app: &mut App, layout: ReaderLayout) {
    let a = layout.article;
    app.reader.done_waiting(Waiting::Layout(a));
    if app.reader.open() != Some(a) {
        return;
    }
    let width = app.chrome.screen().reader_text().width;
    let fits = layout.width == width;
    let rows = app.reader_rows();
    app.reader.adopt_layout(layout, rows);
    app.reader.reveal_pending(rows);
    if !fits {
        // The terminal changed while it was being laid out.
        app.relayout();
    }
}

/// The new passages of an article: kept if they are the ones asked for
/// last (the article still open, its body and earlier reports the same).
pub(super) fn new_passages(app: &mut App, of: PassagesOf, ranges: Vec<Range<usize>>) {
    app.reader.answer_passages(of, ranges);
}

/// Part of a text scan: the articles found join the list.
pub(super) fn text_scanned(app: &mut App, generation: u64, checked: usize, found: Vec<usize>) {
    let rows = app.list_rows();
    let o = filtered_list::text_scanned(
        &mut app.filter,
        &app.library,
        &mut app.list,
        rows,
        generation,
        checked,
        found,
    );
    app.after_filtering(o);
}

/// The listed articles' surface counts from a worker: kept, and the pane
/// shown with them, if they are for the list and mentions shown now; an
/// older count is dropped (a newer one is asked for when the pane shows
/// the listed articles again).
pub(super) fn listed_counted(app: &mut App, key: ListedKey, counts: Vec<(SurfaceId, u32)>) {
    if key != app.listed_key() {
        app.pane.done_counting(key);
        return;
    }
    app.pane.keep_listed_counts(key, counts);
    if app.pane.scope() == EntityScope::Listed {
        app.refresh_entities(false);
    }
}

/// A slice of ranking between frames.
pub(super) fn tick(app: &mut App) {
    let rows = app.list_rows();
    let ranked = filtered_list::score_matches(
        &mut app.filter,
        &app.library,
        &mut app.list,
        rows,
        Some(RANK_SLICE),
    );
    app.after_filtering(filtered_list::Outcome {
        ranked,
        ..Default::default()
    });
}

/// Words read for the word index: filed, and the index moved on.
pub(super) fn words_read(app: &mut App, terms: Vec<(u32, ArticleTerms)>, done: bool) {
    let lib = &app.library;
    let terms: Vec<_> = terms
        .into_iter()
        .filter(|(a, _)| (*a as usize) < lib.len() && !lib.is_gone(*a as usize))
        .collect();
    app.library.words_mut().add(terms, done);
    app.feed_words();
}

/// A segment of the word index is built: its articles are found by their
/// words from now on, and the filter looks at them again.
pub(super) fn words_built(app: &mut App, segment: Handoff<Segment>) {
    if let Some(segment) = segment.take() {
        let articles = app.library.words_mut().built(segment);
        let rows = app.list_rows();
        let o = filtered_list::reindexed(
            &mut app.filter,
            &app.library,
            &mut app.list,
            rows,
            &articles,
        );
        app.after_filtering(o);
    }
    app.feed_words();
}

/// Segments of the word index are merged (what queries find is the same).
pub(super) fn words_merged(app: &mut App, merged: Handoff<Merged>) {
    if let Some(merged) = merged.take() {
        app.library.words_mut().merged(merged);
    }
    app.feed_words();
}

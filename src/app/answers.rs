//! The answers to the app's requests, applied: a body read back from its
//! file, a big layout made on a worker, part of a text scan, a slice of
//! ranking.

use super::action::{EntityScope, ReadBody};
use super::filtered_list::{self, RANK_SLICE};
use super::layout::ReaderLayout;
use super::reader::Waiting;
use super::screen::Mode;
use super::state::App;
use crate::corpus::Warning;
use crate::entities::Extractor;

pub(super) fn body_read(app: &mut App, a: usize, result: Result<ReadBody, String>) {
    app.reader.done_waiting(Waiting::Body(a));
    match result {
        Ok(read) => {
            if read.changed {
                // The file is not what its entities were found in: find
                // them again, so every mention points at the right text.
                let date = app.library.meta(a).date;
                let never = std::sync::atomic::AtomicBool::new(false);
                let path = app.library.meta(a).path.clone();
                let found = Extractor::new()
                    .extract_contained(&read.body, date, &never)
                    .map(Option::unwrap_or_default)
                    .unwrap_or_else(|text| {
                        app.library.add_warnings([Warning::new(path.clone(), text)]);
                        Default::default()
                    });
                app.library.replace_body(a, &read.body, found);
                if app.library.is_read(a) {
                    // Read as it is now, too.
                    app.set_read(a, true);
                }
                app.library.add_warnings([Warning::new(
                    path,
                    "changed on disk since it was read; shown and extracted again",
                )]);
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
            }
        }
        Err(why) => {
            let path = app.library.meta(a).path.clone();
            if app.reader.open() == Some(a) {
                app.chrome
                    .warn(format!("cannot show {}: {why}", path.display()));
            }
            app.library
                .add_warnings([Warning::new(path, format!("cannot show it: {why}"))]);
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
    if !fits {
        // The terminal changed while it was being laid out.
        app.relayout();
    }
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

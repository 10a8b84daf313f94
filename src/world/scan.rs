//! The phrase search over bodies on disk that a filter with a `"phrase"`
//! asks for: files are read and parsed on a worker thread, and partial
//! results go back to the app as they come.

use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

use crate::app::Action;
use crate::app::matching::contains_ignore_case;
use crate::corpus::load::parse_file;

/// Reads bodies from disk and checks the phrases (`(phrase, negated)`)
/// in articles `(article, path, index in file)`, calling `emit` with
/// partial results about every 50 ms and at the end. Stops when `cancel`
/// is set.
pub fn scan_text(
    generation: u64,
    phrases: &[(String, bool)],
    mut items: Vec<(usize, PathBuf, u32)>,
    cancel: &AtomicBool,
    mut emit: impl FnMut(Action),
) {
    // One parse per file, however many of its articles are asked about.
    items.sort_by(|a, b| a.1.cmp(&b.1).then(a.2.cmp(&b.2)));
    let mut found = Vec::new();
    let mut checked = 0;
    let mut last = Instant::now();
    let mut k = 0;
    while k < items.len() {
        if cancel.load(Ordering::Relaxed) {
            return;
        }
        let path = items[k].1.clone();
        let parsed = parse_file(&path);
        while k < items.len() && items[k].1 == path {
            let (a, _, index) = &items[k];
            if let Some(art) = parsed.articles.get(*index as usize) {
                let all = phrases
                    .iter()
                    .all(|(ph, negated)| contains_ignore_case(&art.body, ph) != *negated);
                if all {
                    found.push(*a);
                }
            }
            checked += 1;
            k += 1;
        }
        if last.elapsed() > Duration::from_millis(50) {
            emit(Action::TextScanned {
                generation,
                checked: std::mem::take(&mut checked),
                found: std::mem::take(&mut found),
            });
            last = Instant::now();
        }
    }
    emit(Action::TextScanned {
        generation,
        checked,
        found,
    });
}

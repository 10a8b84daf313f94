//! Articles in, entity index out, on every core.

use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};

use crate::corpus::Article;
use crate::entities::{ArticleEntities, Extractor};
use crate::index::EntityIndex;

/// Extracts every article and links entities across the corpus. The index
/// knows article `i` as `articles[i]`; the result does not depend on the
/// number of threads.
pub fn analyze(articles: &[Article]) -> EntityIndex {
    let threads = std::thread::available_parallelism()
        .map(|n| n.get())
        .unwrap_or(1)
        .min(articles.len().max(1));
    let found = extract_all(articles, threads);
    let mut index = EntityIndex::new();
    for (i, f) in found.into_iter().enumerate() {
        index.add_article(i, f);
    }
    index.finish();
    index
}

/// Extraction of each article, in order, on `threads` threads taking the
/// next article as they free up (articles vary a lot in size).
pub fn extract_all(articles: &[Article], threads: usize) -> Vec<ArticleEntities> {
    let extractor = Extractor::new();
    let next = AtomicUsize::new(0);
    let results: Mutex<Vec<Option<ArticleEntities>>> = Mutex::new(vec![None; articles.len()]);
    std::thread::scope(|s| {
        for _ in 0..threads.max(1) {
            s.spawn(|| {
                loop {
                    let i = next.fetch_add(1, Ordering::Relaxed);
                    let Some(a) = articles.get(i) else { break };
                    let e = extractor.extract(&a.body, a.date);
                    results.lock().expect("results lock")[i] = Some(e);
                }
            });
        }
    });
    results
        .into_inner()
        .expect("results lock")
        .into_iter()
        .map(Option::unwrap_or_default)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::corpus::bundled;

    #[test]
    fn thread_count_does_not_change_the_result() {
        let articles = bundled::sample().articles;
        assert_eq!(extract_all(&articles, 1), extract_all(&articles, 3));
    }
}

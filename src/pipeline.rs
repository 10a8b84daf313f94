//! Articles in, entity index out, on every core.

use std::sync::Mutex;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};

use crate::corpus::{Article, Warning};
use crate::entities::{ArticleEntities, Extractor};
use crate::index::EntityIndex;

/// Extracts every article and links entities across the corpus. The index
/// knows article `i` as `articles[i]`; the result does not depend on the
/// number of threads. An article extraction failed on (a bug) has no
/// entities and a warning in `warnings`.
pub fn analyze(articles: &[Article], warnings: &mut Vec<Warning>) -> EntityIndex {
    let threads = std::thread::available_parallelism()
        .map(|n| n.get())
        .unwrap_or(1)
        .min(articles.len().max(1));
    let found = extract_all(articles, threads);
    let mut index = EntityIndex::new();
    for (i, f) in found.into_iter().enumerate() {
        let f = f.unwrap_or_else(|why| {
            warnings.push(Warning::new(&articles[i].path, why));
            ArticleEntities::default()
        });
        index.add_article(i, f);
    }
    index.finish();
    index
}

/// Extraction of each article, in order, on `threads` threads taking the
/// next article as they free up (articles vary a lot in size). `Err` for
/// an article a bug stopped, with the warning to show.
pub fn extract_all(articles: &[Article], threads: usize) -> Vec<Result<ArticleEntities, String>> {
    let extractor = Extractor::new();
    let never = AtomicBool::new(false);
    let next = AtomicUsize::new(0);
    type Slot = Option<Result<ArticleEntities, String>>;
    let results: Mutex<Vec<Slot>> = Mutex::new(vec![None; articles.len()]);
    std::thread::scope(|s| {
        for _ in 0..threads.max(1) {
            s.spawn(|| {
                loop {
                    let i = next.fetch_add(1, Ordering::Relaxed);
                    let Some(a) = articles.get(i) else { break };
                    let e = extractor
                        .extract_contained(&a.body, a.date, &never)
                        .map(Option::unwrap_or_default);
                    results.lock().expect("results lock")[i] = Some(e);
                }
            });
        }
    });
    results
        .into_inner()
        .expect("results lock")
        .into_iter()
        .map(|r| r.unwrap_or_else(|| Ok(ArticleEntities::default())))
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

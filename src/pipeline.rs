//! Articles in, entity index and stories out, on every core.

use std::ops::Range;
use std::sync::Mutex;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};

use crate::corpus::{Article, Warning};
use crate::entities::{ArticleEntities, Extractor};
use crate::guard;
use crate::index::EntityIndex;
use crate::stories::{self, Sketch, Stories, Threader};

/// What [`analyze`] finds: the entity index, and each article's story
/// sketch (`sketches[i]` is `articles[i]`'s).
pub struct Analysis {
    pub index: EntityIndex,
    pub sketches: Vec<Sketch>,
}

/// Extracts every article and links entities across the corpus. The index
/// knows article `i` as `articles[i]`; the result does not depend on the
/// number of threads. An article extraction failed on (a bug) has no
/// entities and a warning in `warnings`.
pub fn analyze(articles: &[Article], warnings: &mut Vec<Warning>) -> Analysis {
    let threads = std::thread::available_parallelism()
        .map(|n| n.get())
        .unwrap_or(1)
        .min(articles.len().max(1));
    let found = extract_all(articles, threads);
    let mut index = EntityIndex::new();
    let mut sketches = Vec::with_capacity(articles.len());
    for (i, f) in found.into_iter().enumerate() {
        let (f, sketch) = f.unwrap_or_else(|why| {
            warnings.push(Warning::new(&articles[i].path, why));
            (
                ArticleEntities::default(),
                Sketch::new("", articles[i].date, &[]),
            )
        });
        index.add_article(i, f);
        sketches.push(sketch);
    }
    index.finish();
    Analysis { index, sketches }
}

/// The stories of a corpus from its sketches, and the new passages of
/// every article (`new[i]`: byte ranges of `articles[i].body`); the story
/// numbers are indices into `articles`.
pub fn stories(articles: &[Article], sketches: Vec<Sketch>) -> (Stories, Vec<Vec<Range<usize>>>) {
    let mut threader = Threader::new();
    for (i, (a, s)) in articles.iter().zip(sketches).enumerate() {
        threader.add(i as u32, &a.id, s);
    }
    let grouped = threader.group();
    let mut new = vec![Vec::new(); articles.len()];
    for (a, ranges) in stories::new_in_stories(&grouped, |a| &articles[a as usize].body) {
        new[a as usize] = ranges;
    }
    (grouped, new)
}

/// Extraction and story sketch of each article, in order, on `threads`
/// threads taking the next article as they free up (articles vary a lot
/// in size). `Err` for an article a bug stopped, with the warning to show.
pub fn extract_all(
    articles: &[Article],
    threads: usize,
) -> Vec<Result<(ArticleEntities, Sketch), String>> {
    let extractor = Extractor::new();
    let never = AtomicBool::new(false);
    let next = AtomicUsize::new(0);
    type Slot = Option<Result<(ArticleEntities, Sketch), String>>;
    let results: Mutex<Vec<Slot>> = Mutex::new(vec![None; articles.len()]);
    std::thread::scope(|s| {
        for _ in 0..threads.max(1) {
            s.spawn(|| {
                loop {
                    let i = next.fetch_add(1, Ordering::Relaxed);
                    let Some(a) = articles.get(i) else { break };
                    let e = extractor
                        .extract_contained(&a.body, a.date, &never)
                        .map(Option::unwrap_or_default)
                        .and_then(|found| {
                            guard::contain(|| {
                                Sketch::new(&a.body, a.date, &stories::entity_keys(&found))
                            })
                            .map(|sketch| (found, sketch))
                            .map_err(|why| guard::warning_text("grouping it into stories", &why))
                        });
                    results.lock().expect("results lock")[i] = Some(e);
                }
            });
        }
    });
    results
        .into_inner()
        .expect("results lock")
        .into_iter()
        .zip(articles)
        .map(|(r, a)| {
            r.unwrap_or_else(|| Ok((ArticleEntities::default(), Sketch::new("", a.date, &[]))))
        })
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

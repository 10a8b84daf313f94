//! Articles in, entity index out.

use crate::corpus::Article;
use crate::entities::Extractor;
use crate::index::EntityIndex;

/// Extracts every article and links entities across the corpus. The index
/// knows article `i` as `articles[i]`.
pub fn analyze(articles: &[Article]) -> EntityIndex {
    let extractor = Extractor::new();
    let mut index = EntityIndex::new();
    for (i, a) in articles.iter().enumerate() {
        index.add_article(i, extractor.extract(&a.body, a.date));
    }
    index.finish();
    index
}

//! The extraction pipeline for one article.

use chrono::NaiveDate;

use super::ArticleEntities;

/// Finds, types and links the entities of one article at a time. Built
/// once (it holds the model and gazetteers) and shared across threads.
#[derive(Debug, Default)]
pub struct Extractor {}

impl Extractor {
    pub fn new() -> Self {
        Extractor {}
    }

    /// The entities of `body`, with dates resolved against `date`.
    pub fn extract(&self, body: &str, date: Option<NaiveDate>) -> ArticleEntities {
        let _ = (body, date);
        ArticleEntities::default()
    }
}

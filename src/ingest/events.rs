//! What a load tells the app, and how it names articles.

use crate::corpus::{ArticleMeta, Warning};
use crate::entities::ArticleEntities;

use super::progress::Progress;

/// Identifies an article across the run: the file it came from (in
/// discovery order) and its place in that file.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Origin {
    pub file: u32,
    pub index: u32,
}

/// An article as the list needs it: metadata, no body.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Loaded {
    pub origin: Origin,
    pub meta: ArticleMeta,
    /// Present when the cache had them; otherwise an `Event::Entities`
    /// follows.
    pub entities: Option<ArticleEntities>,
}

#[derive(Debug)]
pub enum Event {
    Articles(Vec<Loaded>),
    Entities(Vec<(Origin, ArticleEntities)>),
    Warnings(Vec<Warning>),
    Progress(Progress),
    /// Everything is listed and extracted; the last event.
    Finished(Progress),
}

//! What resolution keeps of each article between passes.

use crate::corpus::SortKey;

use super::surfaces::SurfaceId;

/// What the resolver keeps of one article.
#[derive(Debug, Default)]
pub(super) struct ArticleEvidence {
    /// Where the article sorts (the batch path's order), and its place in
    /// the load to break ties; `None` until listed.
    pub order: Option<(SortKey, u64)>,
    /// The surface of each of its entities, in the order extraction gave
    /// them; `None` until extracted.
    pub found: Option<Box<[SurfaceId]>>,
    /// The surfaces it mentions, in order of first mention, with their
    /// mentions in it and the form of the surface's name it gave them.
    pub mentioned: Box<[Named]>,
}

/// A surface an article mentions.
#[derive(Clone, Copy, Debug, Default)]
pub(super) struct Named {
    pub surface: SurfaceId,
    pub mentions: u32,
    /// Which of the surface's forms the article named it by.
    pub form: u32,
}

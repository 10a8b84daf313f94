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
    /// mentions in it.
    pub mentioned: Box<[(SurfaceId, u32)]>,
}

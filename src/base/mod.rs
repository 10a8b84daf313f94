//! The foundation below every layer: fast hashing and the maps keyed by
//! it, one compact binary codec, the one way names are compared, the merge
//! of sorted lists, the one way untrusted text is made harmless for a
//! terminal, and opening files without blocking. It imports nothing of
//! lede; everything else may import it.

pub mod codec;
pub mod files;
pub mod hash;
pub mod inert;
pub mod merge;
pub mod names;
pub mod union_find;

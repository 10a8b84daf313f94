//! The foundation below every layer: fast hashing and the maps keyed by
//! it, one compact binary codec, and the one way names are compared. It
//! imports nothing of lede; everything else may import it.

pub mod codec;
pub mod hash;
pub mod names;
pub mod union_find;

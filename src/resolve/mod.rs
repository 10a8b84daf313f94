//! Corpus-wide entity resolution: which mentions, across every article,
//! name one entity, what it is called, and its readable id.

pub mod link;
pub mod naming;

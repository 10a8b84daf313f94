//! Corpus-wide entity resolution: which mentions, across every article,
//! name one entity, what it is called, and its readable id.
//!
//! Extraction names *surfaces* ([`surfaces`]: a kind and a normalised
//! name, or a resolved date). A [`Resolver`] interns each article's
//! entities to surfaces as the article arrives (its mentions then point
//! at surfaces, for good) and keeps the evidence across articles. A pass
//! ([`Resolver::resolve`]; the rules in [`link`], the names in
//! [`naming`]) turns that evidence into an immutable [`Resolution`]:
//! surface -> entity, the entity table, entity -> articles. A pass sees
//! the articles in the order the corpus sorts in, not the order they came
//! in, so the same files give the same entities whichever way they were
//! read. The app holds the latest resolution and the surfaces that came
//! after it ([`EntityTable`]) and swaps in a new one in O(1).

mod context;
mod evidence;
mod keys;
pub mod link;
pub mod naming;
mod nicknames;
mod pass;
mod resolution;
mod resolver;
pub mod surfaces;
mod table;
mod variants;

pub use resolution::{Entity, EntityId, Mention, PassStats, Resolution};
pub use resolver::{Added, Resolved, Resolver, resolve_corpus};
pub use surfaces::{SurfaceId, SurfaceInfo};
pub use table::{EntityMap, EntityTable};

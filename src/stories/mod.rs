//! Stories: which reports cover one story, and what each update adds.
//!
//! A corpus-wide stage after entity extraction; pure (no terminal, no
//! files). Three steps:
//!
//! 1. [`Sketch::new`] summarises one article in a few hundred bytes (cheap
//!    enough for an extraction worker; [`Sketch::encode`] / [`Sketch::decode`]
//!    store it).
//! 2. A [`Threader`] collects sketches as articles load; [`Threader::group`]
//!    turns them into [`Stories`], deterministically and whatever the
//!    order they came in.
//! 3. [`Seen`] / [`new_passages`] find the passages of a report that no
//!    earlier report of its story carried, from the bodies.

mod novelty;
mod sketch;
mod thread;
mod words;

pub use novelty::{REPEAT_AT, Seen, new_in_stories, new_passages};
pub use sketch::{DecodeError, MAX_ENCODED, Sketch};
pub use thread::{MERGE_AT, Stories, Story, Threader};

use crate::entities::ArticleEntities;
use crate::entities::features::{FxHashMap, hash_bytes};
use crate::index::normalize;

/// An article's entities as sketch input: `(key, mentions)`, the key a
/// hash of the entity's kind and normalised name (a resolved date: of the
/// date it denotes), so one entity has one key in every article and in
/// every run. Unresolved dates (`on Monday` in an undated report) are left
/// out: they name no day another report could share.
pub fn entity_keys(found: &ArticleEntities) -> Vec<(u32, u32)> {
    let mut counts: FxHashMap<usize, u32> = FxHashMap::default();
    for m in &found.mentions {
        *counts.entry(m.entity as usize).or_default() += 1;
    }
    let mut out: Vec<(u32, u32)> = counts
        .into_iter()
        .filter_map(|(e, n)| {
            let e = found.entities.get(e)?;
            let text = match e.date {
                Some(d) => format!("date {d}"),
                None if e.kind == crate::entities::Kind::Date => return None,
                None => format!("{} {}", e.kind.as_str(), normalize(&e.name)),
            };
            let h = hash_bytes(text.as_bytes());
            Some(((h >> 32) as u32 ^ h as u32, n))
        })
        .collect();
    out.sort_unstable();
    out
}

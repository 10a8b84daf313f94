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

mod cadence;
mod novelty;
mod sketch;
mod thread;
mod words;

pub use cadence::Cadence;
pub use novelty::{REPEAT_AT, Seen, new_in_stories, new_passages};
pub use sketch::{DecodeError, MAX_ENCODED, Sketch};
pub use thread::{Grouping, GroupingStats, MERGE_AT, Stories, Story, Threader};

use chrono::Datelike;

use crate::base::hash::{hash_bytes, mix};
use crate::base::names::normalize;
use crate::entities::{ArticleEntities, DateValue, Kind};

/// An article's entities as sketch input: `(key, mentions)`, the key a
/// hash of the entity's kind and normalised name (a resolved date: of the
/// date it denotes), so one entity has one key in every article and in
/// every run. Unresolved dates (`on Monday` in an undated report) are left
/// out: they name no day another report could share.
pub fn entity_keys(found: &ArticleEntities) -> Vec<(u32, u32)> {
    let mut counts = vec![0u32; found.entities.len()];
    for m in &found.mentions {
        if let Some(c) = counts.get_mut(m.entity as usize) {
            *c += 1;
        }
    }
    let mut out: Vec<(u32, u32)> = found
        .entities
        .iter()
        .zip(counts)
        .filter(|&(_, n)| n > 0)
        .filter_map(|(e, n)| {
            let h = match e.date {
                Some(DateValue::Year(y)) => mix(mix(1, y as u64), 0),
                Some(DateValue::Month(y, m)) => mix(mix(2, y as u64), m as u64),
                Some(DateValue::Day(d)) => mix(3, d.num_days_from_ce() as u64),
                None if e.kind == Kind::Date => return None,
                None => mix(
                    hash_bytes(normalize(&e.name).as_bytes()),
                    e.kind as u64 + 10,
                ),
            };
            Some((((h >> 32) ^ h) as u32, n))
        })
        .collect();
    out.sort_unstable();
    out
}

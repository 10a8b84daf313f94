//! A load run to its end, for the batch path (`lede extract --json`):
//! every article with its body and mentions, in the order the corpus
//! sorts in, the last resolution, and the warnings in a stable order.
//! What the reader shows and what a script gets come from one pipeline.

use std::sync::Arc;

use crate::corpus::load::unique_ids;
use crate::corpus::{Article, SortKey, Warning};
use crate::resolve::{Mention, Resolution};

use super::Ingest;
use super::events::{Event, Listed, Note, Origin};

/// A whole corpus, loaded, extracted and resolved.
#[derive(Debug, Default)]
pub struct Batch {
    /// Newest first (the order `corpus::load` sorts in), ids unique.
    pub articles: Vec<Article>,
    /// Each article's mentions, naming surfaces of `resolution`.
    pub mentions: Vec<Vec<Mention>>,
    pub resolution: Arc<Resolution>,
    /// The walk's first, then each file's, in the order files were found.
    pub warnings: Vec<Warning>,
}

/// Runs `ingest` (started with [`super::Options::keep_bodies`], or on
/// texts) to its end and gathers what it found.
pub fn collect(ingest: Ingest) -> Batch {
    let mut listed: Vec<Listed> = Vec::new();
    let mut notes: Vec<Note> = Vec::new();
    let mut resolution = Arc::new(Resolution::default());
    for event in ingest.events.iter() {
        match event {
            Event::Listed(batch) => listed.extend(batch),
            Event::Mentions(batch) => {
                for (a, m) in batch {
                    listed[a as usize].mentions = Some(m);
                }
            }
            Event::Resolved(r) => resolution = r,
            Event::Warnings(w) => notes.extend(w),
            Event::Surfaces(_) | Event::Progress(_) => {}
            Event::Finished(_) => break,
        }
    }
    // Sorted as the batch path always sorted: newest first, then path
    // and id; ties in the order files were found.
    let key = |l: &Listed| -> (SortKey, Origin) { (l.meta.sort_key(), l.origin) };
    listed.sort_by_cached_key(key);
    let (mut articles, mentions): (Vec<Article>, Vec<Vec<Mention>>) = listed
        .into_iter()
        .map(|l| {
            let body = l.body.as_deref().unwrap_or_default().to_string();
            (
                Article { meta: l.meta, body },
                l.mentions.unwrap_or_default(),
            )
        })
        .unzip();
    unique_ids(&mut articles);
    notes.sort_by_key(|n| n.at);
    Batch {
        articles,
        mentions,
        resolution,
        warnings: notes.into_iter().map(|n| n.warning).collect(),
    }
}

//! A load run to its end, for the batch path (`lede extract --json`):
//! every article with its body, mentions and story sketch, in the order
//! the corpus sorts in, the last resolution, and the warnings in a stable
//! order. What the reader shows and what a script gets come from one
//! pipeline.

use std::ops::Range;
use std::sync::Arc;

use crate::corpus::load::unique_ids;
use crate::corpus::{Article, SortKey, Warning};
use crate::resolve::{Mention, Resolution};
use crate::stories::{self, Sketch, Stories, Threader};

use super::Ingest;
use super::events::{Event, Listed, Note, Origin};

/// A whole corpus, loaded, extracted and resolved.
#[derive(Debug, Default)]
pub struct Batch {
    /// Newest first (the order `corpus::load` sorts in), ids unique.
    pub articles: Vec<Article>,
    /// Each article's mentions, naming surfaces of `resolution`.
    pub mentions: Vec<Vec<Mention>>,
    /// Each article's story sketch.
    pub sketches: Vec<Sketch>,
    /// Its articles numbered by their place in `articles`.
    pub resolution: Arc<Resolution>,
    /// The walk's first, then each file's, in the order files were found.
    pub warnings: Vec<Warning>,
}

/// Runs `ingest` (started with [`super::Options::keep_bodies`], for the
/// bodies and the sketches) to its end and gathers what it found.
pub fn collect(ingest: Ingest) -> Batch {
    let mut listed: Vec<(Listed, Option<Sketch>)> = Vec::new();
    let mut notes: Vec<Note> = Vec::new();
    let mut resolution = Arc::new(Resolution::default());
    for event in ingest.events.iter() {
        match event {
            Event::Listed(batch) => listed.extend(batch.into_iter().map(|l| (l, None))),
            Event::Mentions(batch) => {
                for (a, m) in batch {
                    listed[a as usize].0.mentions = Some(m);
                }
            }
            Event::Sketches(batch) => {
                for (a, s) in batch {
                    listed[a as usize].1 = Some(s);
                }
            }
            Event::Resolved(r) => resolution = r,
            Event::Warnings(w) => notes.extend(w),
            Event::Surfaces(_) | Event::Stories(_) | Event::Progress(_) => {}
            Event::Finished(_) => break,
        }
    }
    // Sorted as the batch path always sorted: newest first, then path
    // and id; ties in the order files were found.
    let key =
        |(l, _): &(Listed, Option<Sketch>)| -> (SortKey, Origin) { (l.meta.sort_key(), l.origin) };
    listed.sort_by_cached_key(key);
    let mut articles = Vec::with_capacity(listed.len());
    let mut mentions = Vec::with_capacity(listed.len());
    let mut sketches = Vec::with_capacity(listed.len());
    // Each article's number in the load (the resolution's) -> its place.
    let mut place = vec![u32::MAX; listed.len()];
    for (i, (l, _)) in listed.iter().enumerate() {
        if let Some(p) = place.get_mut(l.article as usize) {
            *p = i as u32;
        }
    }
    for (l, sketch) in listed {
        let body = l.body.as_deref().unwrap_or_default().to_string();
        // Only a load stopped early leaves an article unsketched.
        sketches.push(sketch.unwrap_or_else(|| Sketch::new("", l.meta.date, &[])));
        articles.push(Article { meta: l.meta, body });
        mentions.push(l.mentions.unwrap_or_default());
    }
    unique_ids(&mut articles);
    notes.sort_by_key(|n| n.at);
    // The resolution numbers articles as they were loaded; the batch, as
    // they sort.
    let resolution = Arc::new(resolution.renumbered(&place));
    Batch {
        articles,
        mentions,
        sketches,
        resolution,
        warnings: notes.into_iter().map(|n| n.warning).collect(),
    }
}

impl Batch {
    /// The stories of the batch, grouped from its sketches (taken), and
    /// the new passages of every article (`new[i]`: byte ranges of
    /// `articles[i].body`); story numbers are indices into `articles`.
    pub fn stories(&mut self) -> (Stories, Vec<Vec<Range<usize>>>) {
        let mut threader = Threader::new();
        let sketches = std::mem::take(&mut self.sketches);
        for (i, (a, s)) in self.articles.iter().zip(sketches).enumerate() {
            threader.add(i as u32, &a.id, s);
        }
        let grouped = threader.group();
        let mut new = vec![Vec::new(); self.articles.len()];
        let bodies = |a: u32| self.articles[a as usize].body.as_str();
        for (a, ranges) in stories::new_in_stories(&grouped, bodies) {
            new[a as usize] = ranges;
        }
        (grouped, new)
    }
}

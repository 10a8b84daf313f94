//! An entity's company: the entities mentioned in the same sentences as
//! it, with how many sentences and articles they share. The counting is
//! pure (sentences from `corpus::sentences`); the app asks a worker to
//! read the bodies, `lede extract --cooccurrence` counts every pair of
//! the corpus with the same function.

use std::ops::Range;

use crate::base::hash::FxHashMap;
use crate::corpus::sentences::sentences;
use crate::resolve::EntityId;

/// An article's mentions as byte ranges of its body and their entities,
/// in reading order.
pub type Mentioned = Vec<(Range<usize>, EntityId)>;

/// The distinct pairs of entities `(a, b)`, `a < b`, that share a
/// sentence of `text`, once per sentence that holds both, in sentence
/// order. `mentions` are byte ranges of `text` and their entities, in
/// reading order (a mention belongs to the sentence it starts in).
pub fn sentence_pairs(
    text: &str,
    mentions: &[(Range<usize>, EntityId)],
) -> Vec<(EntityId, EntityId)> {
    let mut out = Vec::new();
    let mut here: Vec<EntityId> = Vec::new();
    let mut next = 0;
    for s in sentences(text) {
        here.clear();
        while next < mentions.len() && mentions[next].0.start < s.end {
            if mentions[next].0.start >= s.start {
                here.push(mentions[next].1);
            }
            next += 1;
        }
        here.sort_unstable();
        here.dedup();
        for (i, &a) in here.iter().enumerate() {
            for &b in &here[i + 1..] {
                out.push((a, b));
            }
        }
    }
    out
}

/// Sentences and articles shared, per pair or per entity.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Shared {
    pub sentences: u32,
    pub articles: u32,
}

/// Counts shared sentences and articles, an article at a time.
#[derive(Debug, Default)]
pub struct Tally<K> {
    counts: FxHashMap<K, Shared>,
    /// The keys the article being added has counted already.
    seen: Vec<K>,
}

impl<K: Copy + Eq + std::hash::Hash + Ord> Tally<K> {
    /// Adds one article's keys, one per sentence they share.
    pub fn add_article(&mut self, keys: impl IntoIterator<Item = K>) {
        self.seen.clear();
        for k in keys {
            self.counts.entry(k).or_default().sentences += 1;
            self.seen.push(k);
        }
        self.seen.sort_unstable();
        self.seen.dedup();
        for k in &self.seen {
            if let Some(c) = self.counts.get_mut(k) {
                c.articles += 1;
            }
        }
    }

    /// Every key with its counts: most sentences first, then most
    /// articles, then by key.
    pub fn ranked(self) -> Vec<(K, Shared)> {
        let mut v: Vec<(K, Shared)> = self.counts.into_iter().collect();
        v.sort_by(|a, b| {
            b.1.sentences
                .cmp(&a.1.sentences)
                .then(b.1.articles.cmp(&a.1.articles))
                .then(a.0.cmp(&b.0))
        });
        v
    }
}

/// The company of `entity` in some articles: each item is an article's
/// text and its mentions (in reading order).
pub fn company_in<'t>(
    entity: EntityId,
    articles: impl IntoIterator<Item = (&'t str, &'t [(Range<usize>, EntityId)])>,
) -> Vec<(EntityId, Shared)> {
    let mut tally = Tally::default();
    for (text, mentions) in articles {
        let pairs = sentence_pairs(text, mentions);
        tally.add_article(pairs.into_iter().filter_map(|(a, b)| {
            if a == entity {
                Some(b)
            } else if b == entity {
                Some(a)
            } else {
                None
            }
        }));
    }
    tally.ranked()
}

/// What a company was computed for: an answer for anything else is
/// stale.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct CompanyOf {
    pub entity: EntityId,
    pub resolution: u64,
    pub list: u64,
    pub mentions: u64,
}

/// The company overlay's state.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Company {
    pub of: CompanyOf,
    /// `None` while a worker reads the bodies.
    pub rows: Option<Vec<(EntityId, Shared)>>,
    pub selected: usize,
}

impl Company {
    /// The entity of the selected row.
    pub fn selected_entity(&self) -> Option<EntityId> {
        self.rows.as_ref()?.get(self.selected).map(|r| r.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn mentions(text: &str, names: &[(&str, EntityId)]) -> Vec<(Range<usize>, EntityId)> {
        let mut v: Vec<(Range<usize>, EntityId)> = names
            .iter()
            .flat_map(|&(n, e)| text.match_indices(n).map(move |(i, _)| (i..i + n.len(), e)))
            .collect();
        v.sort_by_key(|m| m.0.start);
        v
    }

    #[test]
    fn pairs_of_one_sentence_once_per_sentence() {
        let text = "Haftar met Sarraj and Haftar in Rome. Sarraj left. \
                    Rome and Haftar and Sarraj again.";
        let m = mentions(text, &[("Haftar", 1), ("Sarraj", 2), ("Rome", 3)]);
        assert_eq!(
            sentence_pairs(text, &m),
            [(1, 2), (1, 3), (2, 3), (1, 2), (1, 3), (2, 3)]
        );
        assert!(sentence_pairs(text, &[]).is_empty());
    }

    #[test]
    fn company_counts_sentences_and_articles() {
        let a = "Haftar met Sarraj. Haftar spoke of Sarraj again.";
        let b = "Sarraj and Haftar in Rome. Rome was quiet.";
        let c = "Rome alone.";
        let (ma, mb, mc) = (
            mentions(a, &[("Haftar", 1), ("Sarraj", 2)]),
            mentions(b, &[("Haftar", 1), ("Sarraj", 2), ("Rome", 3)]),
            mentions(c, &[("Rome", 3)]),
        );
        let got = company_in(1, [(a, &ma[..]), (b, &mb[..]), (c, &mc[..])]);
        let s = |sentences, articles| Shared {
            sentences,
            articles,
        };
        assert_eq!(got, [(2, s(3, 2)), (3, s(1, 1))]);
        assert!(company_in(9, [(a, &ma[..])]).is_empty());
    }
}

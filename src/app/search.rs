//! Filtering a list of 100,000 articles between two keystrokes.
//!
//! Matching is split in two. First *which* articles pass, exactly: a fuzzy
//! term matches where its letters appear in order, which is what
//! SkimMatcherV2 decides too (this module checks it the same way, without
//! scoring, in tens of nanoseconds per title), entity terms through a set
//! of matching entities computed once per query, dates and ids directly.
//! When the query only grew (typing appends), only the articles that
//! passed before are checked again. Then *in what order*: SkimMatcherV2
//! scores the survivors, in slices between frames ([`Ranking`]), and the
//! list settles into score order as soon as they are all scored.
//!
//! A phrase term needs bodies, which a large load does not hold: articles
//! whose body is in memory are checked at once, the rest by a scan on a
//! worker thread that reports as it goes.

use chrono::NaiveDate;
use fuzzy_matcher::FuzzyMatcher;
use fuzzy_matcher::skim::SkimMatcherV2;

use super::filter::{DateRange, Query, TermKind, contains_ignore_case};
use crate::base::hash::FxHashMap;
use crate::index::{EntityId, EntityIndex};

/// A fuzzy pattern, ready to test: SkimMatcherV2's smart case (an ASCII
/// capital makes it case-sensitive), its ASCII-only case folding.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Pattern {
    chars: Vec<char>,
    case_sensitive: bool,
    ascii: bool,
}

impl Pattern {
    pub fn new(p: &str) -> Pattern {
        Pattern {
            chars: p.chars().collect(),
            case_sensitive: p.chars().any(|c| c.is_ascii_uppercase()),
            ascii: p.is_ascii(),
        }
    }

    /// Whether the pattern's characters appear in `text` in order, as
    /// SkimMatcherV2 requires before it scores.
    pub fn is_in(&self, text: &str) -> bool {
        if self.chars.is_empty() {
            return true;
        }
        if self.ascii {
            // A byte of a multi-byte character never equals an ASCII one.
            let mut want = self.chars.iter().map(|&c| c as u8);
            let mut next = want.next();
            for &b in text.as_bytes() {
                let Some(w) = next else { break };
                let same = if self.case_sensitive {
                    b == w
                } else {
                    b.eq_ignore_ascii_case(&w)
                };
                if same {
                    next = want.next();
                }
            }
            return next.is_none();
        }
        let mut want = self.chars.iter();
        let mut next = want.next();
        for c in text.chars() {
            let Some(&w) = next else { break };
            let same = if self.case_sensitive {
                c == w
            } else {
                c.eq_ignore_ascii_case(&w)
            };
            if same {
                next = want.next();
            }
        }
        next.is_none()
    }
}

/// A query made ready for one index and for fast matching.
#[derive(Debug)]
pub struct Prepared {
    pub query: Query,
    terms: Vec<Prep>,
    /// Entities checked against the fuzzy terms so far (the index grows
    /// while a load runs).
    covered: usize,
}

#[derive(Debug)]
enum Prep {
    /// A word (`title` too) or an `@word` (entities only).
    Fuzzy {
        pattern: Pattern,
        raw: String,
        titles: bool,
        /// Entities whose name or an alias matches, as a bit set.
        entities: Vec<u64>,
    },
    Id(Option<EntityId>),
    Phrase(String),
    Date(DateRange),
    Read(bool),
}

/// What one article does with a query before any body is read.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Verdict {
    Pass,
    Fail,
    /// Depends on a phrase in a body not in memory.
    NeedsText,
}

fn entity_matches(index: &EntityIndex, p: &Pattern, only: Option<&[u64]>) -> Vec<u64> {
    let n = index.entities().len();
    let mut bits = vec![0u64; n.div_ceil(64)];
    for (i, e) in index.entities().iter().enumerate() {
        if only.is_some_and(|o| o.get(i / 64).is_none_or(|w| w & (1 << (i % 64)) == 0)) {
            continue;
        }
        if p.is_in(&e.name) || e.aliases.iter().any(|a| p.is_in(a)) {
            bits[i / 64] |= 1 << (i % 64);
        }
    }
    bits
}

fn has(bits: &[u64], e: EntityId) -> bool {
    let i = e as usize;
    bits.get(i / 64).is_some_and(|w| w & (1 << (i % 64)) != 0)
}

impl Prepared {
    /// Prepares `query`; when `prev` was prepared for a query that this
    /// one only narrows, its entity sets are narrowed rather than rebuilt.
    pub fn new(query: Query, index: &EntityIndex, prev: Option<&Prepared>) -> Prepared {
        let prev = prev.filter(|p| narrows(&p.query, &query));
        let terms = query
            .terms
            .iter()
            .enumerate()
            .map(|(k, t)| match &t.kind {
                TermKind::Word(p) | TermKind::Entity(p) => {
                    let pattern = Pattern::new(p);
                    let before = prev.and_then(|pr| match pr.terms.get(k) {
                        Some(Prep::Fuzzy { entities, .. }) => Some(entities.as_slice()),
                        _ => None,
                    });
                    Prep::Fuzzy {
                        entities: entity_matches(index, &pattern, before),
                        pattern,
                        raw: p.clone(),
                        titles: matches!(t.kind, TermKind::Word(_)),
                    }
                }
                TermKind::EntityId(id) => Prep::Id(index.find(id)),
                TermKind::Phrase(ph) => Prep::Phrase(ph.clone()),
                TermKind::Date(r) => Prep::Date(*r),
                TermKind::Read(r) => Prep::Read(*r),
            })
            .collect();
        Prepared {
            query,
            terms,
            covered: index.entities().len(),
        }
    }

    /// Checks the entities the index gained since, so articles that
    /// mention them can match.
    pub fn refresh(&mut self, index: &EntityIndex) {
        let n = index.entities().len();
        if n <= self.covered {
            return;
        }
        for t in &mut self.terms {
            if let Prep::Fuzzy {
                pattern, entities, ..
            } = t
            {
                entities.resize(n.div_ceil(64), 0);
                for i in self.covered..n {
                    let e = index.entity(i as EntityId);
                    if pattern.is_in(&e.name) || e.aliases.iter().any(|a| pattern.is_in(a)) {
                        entities[i / 64] |= 1 << (i % 64);
                    }
                }
            }
        }
        self.covered = n;
    }

    /// Whether read marks decide part of the query.
    pub fn has_read_term(&self) -> bool {
        self.terms.iter().any(|t| matches!(t, Prep::Read(_)))
    }

    pub fn has_phrase(&self) -> bool {
        self.terms.iter().any(|t| matches!(t, Prep::Phrase(_)))
    }

    /// The phrases and whether each is negated, for a text scan.
    pub fn phrases(&self) -> Vec<(String, bool)> {
        self.query
            .terms
            .iter()
            .zip(&self.terms)
            .filter_map(|(t, p)| match p {
                Prep::Phrase(ph) => Some((ph.clone(), t.negated)),
                _ => None,
            })
            .collect()
    }

    /// Whether an article passes, on what is in memory. `body` is `None`
    /// when it is not.
    pub fn verdict(
        &self,
        title: &str,
        date: Option<NaiveDate>,
        body: Option<&str>,
        entities: &[EntityId],
        read: bool,
    ) -> Verdict {
        let mut needs_text = false;
        for (t, p) in self.query.terms.iter().zip(&self.terms) {
            let hit = match p {
                Prep::Date(r) => date.is_some_and(|d| r.contains(d)),
                Prep::Read(r) => read == *r,
                Prep::Id(id) => id.is_some_and(|id| entities.binary_search(&id).is_ok()),
                Prep::Fuzzy {
                    pattern,
                    titles,
                    entities: set,
                    ..
                } => (*titles && pattern.is_in(title)) || entities.iter().any(|&e| has(set, e)),
                Prep::Phrase(ph) => match body {
                    Some(b) => contains_ignore_case(b, ph),
                    None => {
                        needs_text = true;
                        continue;
                    }
                },
            };
            if hit == t.negated {
                return Verdict::Fail;
            }
        }
        if needs_text {
            Verdict::NeedsText
        } else {
            Verdict::Pass
        }
    }

    /// Whether the query orders by score (some positive fuzzy term).
    pub fn ranks(&self) -> bool {
        self.query.ranks()
    }

    /// The score an article ranks by: over positive fuzzy terms, the best
    /// of SkimMatcherV2's score against the title and against the names of
    /// the article's matching entities. `cache` keeps entity scores.
    pub fn score(
        &self,
        skim: &SkimMatcherV2,
        title: &str,
        entities: &[EntityId],
        index: &EntityIndex,
        cache: &mut FxHashMap<(usize, EntityId), i64>,
    ) -> i64 {
        let mut total = 0;
        for (k, (t, p)) in self.query.terms.iter().zip(&self.terms).enumerate() {
            let Prep::Fuzzy {
                raw,
                titles,
                entities: set,
                ..
            } = p
            else {
                continue;
            };
            if t.negated {
                continue;
            }
            let mut best = if *titles {
                skim.fuzzy_match(title, raw).unwrap_or(i64::MIN)
            } else {
                i64::MIN
            };
            for &e in entities.iter().filter(|&&e| has(set, e)) {
                let s = *cache.entry((k, e)).or_insert_with(|| {
                    let ent = index.entity(e);
                    std::iter::once(&ent.name)
                        .chain(&ent.aliases)
                        .filter_map(|n| skim.fuzzy_match(n, raw))
                        .max()
                        .unwrap_or(i64::MIN)
                });
                best = best.max(s);
            }
            if best > i64::MIN {
                total += best;
            }
        }
        total
    }
}

impl Prepared {
    /// The entity the query's first `@word` term matches best (ties: more
    /// mentions, then first seen): what `Enter` makes current.
    pub fn best_entity(&self, skim: &SkimMatcherV2, index: &EntityIndex) -> Option<EntityId> {
        let (raw, set) = self
            .query
            .terms
            .iter()
            .zip(&self.terms)
            .find_map(|(t, p)| match (p, &t.kind) {
                (Prep::Fuzzy { raw, entities, .. }, TermKind::Entity(_)) if !t.negated => {
                    Some((raw, entities))
                }
                _ => None,
            })?;
        (0..index.entities().len() as EntityId)
            .filter(|&e| has(set, e))
            .filter_map(|e| {
                let ent = index.entity(e);
                let s = std::iter::once(&ent.name)
                    .chain(&ent.aliases)
                    .filter_map(|n| skim.fuzzy_match(n, raw))
                    .max()?;
                Some((e, s, ent.mentions))
            })
            .max_by(|a, b| a.1.cmp(&b.1).then(a.2.cmp(&b.2)).then(b.0.cmp(&a.0)))
            .map(|(e, _, _)| e)
    }
}

/// Whether every article that passes `new` passes `old`: `new` only adds
/// terms, or extends positive fuzzy patterns (typing appends).
pub fn narrows(old: &Query, new: &Query) -> bool {
    new.terms.len() >= old.terms.len()
        && old.terms.iter().zip(&new.terms).all(|(o, n)| {
            o == n
                || (!o.negated
                    && !n.negated
                    && match (&o.kind, &n.kind) {
                        (TermKind::Word(a), TermKind::Word(b))
                        | (TermKind::Entity(a), TermKind::Entity(b)) => b.starts_with(a.as_str()),
                        _ => false,
                    })
        })
}

/// Scoring the survivors of a ranked query, a slice at a time.
#[derive(Debug)]
pub struct Ranking {
    pub generation: u64,
    /// The articles to order, and their scores as far as computed.
    pub candidates: Vec<usize>,
    pub scores: Vec<i64>,
    pub cache: FxHashMap<(usize, EntityId), i64>,
}

impl Ranking {
    pub fn done(&self) -> bool {
        self.scores.len() >= self.candidates.len()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn patterns_match_in_order() {
        let p = Pattern::new("hft");
        assert!(p.is_in("Khalifa Haftar"));
        assert!(!p.is_in("Tripoli"));
        assert!(Pattern::new("").is_in("anything"));
        // Smart case: a capital makes it case-sensitive.
        assert!(!Pattern::new("Haf").is_in("haftar"));
        assert!(Pattern::new("haf").is_in("HAFTAR"));
        // Non-ASCII: folding is ASCII-only, as in SkimMatcherV2.
        assert!(Pattern::new("erdoğ").is_in("Erdoğan"));
        assert!(!Pattern::new("é").is_in("É"));
    }

    #[test]
    fn narrowing() {
        let q = |s: &str| Query::parse(s).unwrap();
        assert!(narrows(&q("haf"), &q("haft")));
        assert!(narrows(&q("haftar"), &q("haftar sirte")));
        assert!(narrows(&q("haftar"), &q("haftar !gna")));
        assert!(narrows(&q("@gn"), &q("@gna")));
        assert!(!narrows(&q("haft"), &q("haf")));
        assert!(!narrows(&q("!gn"), &q("!gna")));
        assert!(!narrows(&q("haftar"), &q("@haftar")));
        assert!(!narrows(&q("date:2020"), &q("date:2020-01")));
    }

    proptest! {
        /// The match test is SkimMatcherV2's, exactly.
        #[test]
        fn same_matches_as_skim(text in "[a-zA-Zé ĞğıİÉ.-]{0,30}", pat in "[a-zA-Zé ğÉ]{0,5}") {
            let skim = SkimMatcherV2::default().smart_case();
            prop_assert_eq!(
                Pattern::new(&pat).is_in(&text),
                skim.fuzzy_match(&text, &pat).is_some()
            );
        }
    }
}

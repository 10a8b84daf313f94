//! When a load regroups its stories.
//!
//! A grouping regroups every article from scratch (so the last one is the
//! canonical grouping, whatever came before it), which costs time in
//! proportion to the corpus. Groupings during a load are a preview: they
//! wait for the corpus to have grown by [`GROWTH`] since the last, and
//! for the time all groupings took, the next one's estimate included, to
//! stay within [`SHARE`] of the time since the load began. The estimate
//! is the last grouping's cost per article (before the first, a generous
//! guess), so a load that lists a large corpus at once from the cache
//! does not group it twice, once at the start and once at the end.

use std::time::{Duration, Instant};

/// The corpus grows by this factor between two groupings of a load (so
/// all of them together cost about twice the last: a geometric series).
pub const GROWTH: f64 = 2.0;
/// At most this share of a load's time goes to its groupings before the
/// last, which runs at the end whatever the budget.
pub const SHARE: f64 = 1.0 / 24.0;
/// A grouping's cost per article before one was timed: what one costs on
/// a loaded two-core machine, with margin.
const GUESS_PER_ARTICLE: Duration = Duration::from_micros(30);

/// The schedule of a load's groupings.
#[derive(Clone, Debug)]
pub struct Cadence {
    began: Instant,
    /// Articles at the last grouping.
    at: usize,
    /// Time spent grouping so far, and the last grouping's cost per
    /// article.
    spent: Duration,
    per_article: Duration,
    groupings: u32,
}

impl Cadence {
    /// The schedule of a load beginning now.
    pub fn new() -> Cadence {
        Cadence::since(Instant::now())
    }

    /// The schedule of a load that began at `began`.
    pub fn since(began: Instant) -> Cadence {
        Cadence {
            began,
            at: 0,
            spent: Duration::ZERO,
            per_article: GUESS_PER_ARTICLE,
            groupings: 0,
        }
    }

    /// Whether a corpus of `articles` is due a grouping at `now`.
    pub fn due_at(&self, articles: usize, now: Instant) -> bool {
        let grown = articles as f64 >= (self.at as f64 * GROWTH).max(self.at as f64 + 1.0);
        let estimate = self.per_article * articles as u32;
        let budget = now.saturating_duration_since(self.began).mul_f64(SHARE);
        grown && self.spent + estimate <= budget
    }

    /// Whether a corpus of `articles` is due a grouping now.
    pub fn due(&self, articles: usize) -> bool {
        self.due_at(articles, Instant::now())
    }

    /// A grouping of `articles` took `took`.
    pub fn grouped(&mut self, articles: usize, took: Duration) {
        self.at = articles;
        self.spent += took;
        self.groupings += 1;
        if articles > 0 {
            self.per_article = took / articles as u32;
        }
    }

    /// Groupings so far.
    pub fn groupings(&self) -> u32 {
        self.groupings
    }

    /// Time all groupings so far took.
    pub fn spent(&self) -> Duration {
        self.spent
    }
}

impl Default for Cadence {
    fn default() -> Self {
        Cadence::new()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The time since the load began at which `spent` is its budget.
    fn when(spent: Duration) -> Duration {
        spent.div_f64(SHARE)
    }

    #[test]
    fn a_grouping_waits_for_the_corpus_to_grow_and_for_its_budget() {
        let t0 = Instant::now();
        let ms = Duration::from_millis;
        let mut c = Cadence::since(t0);
        // The first: 1,000 articles at the guessed 30 µs cost 30 ms.
        assert!(!c.due_at(1000, t0 + when(ms(30)) - ms(20)));
        assert!(c.due_at(1000, t0 + when(ms(30)) + ms(20)));
        assert!(!c.due_at(0, t0 + Duration::from_secs(600)));
        c.grouped(1000, ms(10));
        assert_eq!((c.groupings(), c.spent()), (1, ms(10)));
        // Not grown enough yet, however long ago.
        let grown = (1000.0 * GROWTH) as usize;
        assert!(!c.due_at(grown - 1, t0 + Duration::from_secs(600)));
        // At the measured 10 µs an article: the grouping's cost and the
        // 10 ms spent.
        let cost = ms(10) + Duration::from_micros(10) * grown as u32;
        assert!(!c.due_at(grown, t0 + when(cost) - ms(20)));
        assert!(c.due_at(grown, t0 + when(cost) + ms(20)));
    }

    #[test]
    fn a_large_corpus_listed_at_once_is_not_grouped_early() {
        // A load from the cache lists 100,000 articles in its first
        // seconds: a grouping then (3 s at the guess) would be followed by
        // the last one soon after.
        let t0 = Instant::now();
        let c = Cadence::since(t0);
        let secs = Duration::from_secs;
        assert!(!c.due_at(100_000, t0 + secs(1)));
        assert!(!c.due_at(100_000, t0 + when(secs(3)) - secs(1)));
        assert!(c.due_at(100_000, t0 + when(secs(3)) + secs(1)));
    }
}

//! Which of several entities a short form's articles are about: the
//! evidence that settles a surname two people of the corpus bear
//! (`Gigante` in obituaries of Vincent Gigante, where his brother Louis
//! is named too) when no article links it to either.
//!
//! The articles that use the short form alone talk about some things;
//! the articles of each candidate talk about others. The candidate whose
//! articles share clearly more of those things (rare ones weighing more
//! than `Associated Press`) is the one the short form names; when no
//! candidate stands out, the short form stays apart.

use crate::base::hash::FxHashSet;

/// Articles as lists of the candidates they mention, packed: article `a`
/// mentions `list[at[a]..at[a + 1]]`.
#[derive(Debug, Default)]
pub struct Articles {
    pub at: Vec<u32>,
    pub list: Vec<u32>,
}

impl Articles {
    /// The articles given as lists of candidates, in canonical order.
    pub fn from_lists<I, J>(lists: I) -> Articles
    where
        I: IntoIterator<Item = J>,
        J: IntoIterator<Item = u32>,
    {
        let mut a = Articles {
            at: vec![0],
            list: Vec::new(),
        };
        for l in lists {
            a.list.extend(l);
            a.at.push(a.list.len() as u32);
        }
        a
    }

    fn len(&self) -> usize {
        self.at.len() - 1
    }

    fn of(&self, a: usize) -> &[u32] {
        &self.list[self.at[a] as usize..self.at[a + 1] as usize]
    }
}

/// The articles each candidate is mentioned in, and how many articles
/// mention each unit: built once per pass, on the first short form that
/// needs it.
pub(super) struct Context<'a> {
    articles: &'a Articles,
    unit_of: &'a [usize],
    /// Candidate -> articles, ascending, packed like [`Articles`].
    post_at: Vec<u32>,
    post: Vec<u32>,
    /// Unit -> articles mentioning one of its candidates.
    df: Vec<u32>,
}

/// How many articles of each side are read: enough to know what a name
/// is about, few enough that a name in every article costs no more than
/// a rare one.
const SAMPLE: usize = 48;

/// How many times the best candidate's shared context must outweigh the
/// next one's.
const MARGIN: f64 = 2.0;

/// The fewest things the best candidate's articles must share with the
/// short form's.
const MIN_SHARED: usize = 2;

impl<'a> Context<'a> {
    /// `unit_of[c]`: the unit of candidate `c` (of `unit_of.len()`).
    pub fn new(articles: &'a Articles, unit_of: &'a [usize]) -> Context<'a> {
        let n = unit_of.len();
        let mut post_at = vec![0u32; n + 1];
        for &c in &articles.list {
            post_at[c as usize + 1] += 1;
        }
        for c in 0..n {
            post_at[c + 1] += post_at[c];
        }
        let mut fill = post_at.clone();
        let mut post = vec![0u32; articles.list.len()];
        let mut df = vec![0u32; n];
        // The last article each unit was counted in: once an article.
        let mut last = vec![u32::MAX; n];
        for a in 0..articles.len() {
            for &c in articles.of(a) {
                post[fill[c as usize] as usize] = a as u32;
                fill[c as usize] += 1;
                let u = unit_of[c as usize];
                if last[u] != a as u32 {
                    last[u] = a as u32;
                    df[u] += 1;
                }
            }
        }
        Context {
            articles,
            unit_of,
            post_at,
            post,
            df,
        }
    }

    fn articles_of(&self, c: usize) -> &[u32] {
        &self.post[self.post_at[c] as usize..self.post_at[c + 1] as usize]
    }

    /// The first [`SAMPLE`] articles (in canonical order) `members`
    /// (candidates) are mentioned in and `keep` keeps: at most a few
    /// times the sample is looked at, however many articles name them.
    fn sample(&self, members: &[usize], keep: &dyn Fn(u32) -> bool) -> Vec<u32> {
        let mut arts: Vec<u32> = Vec::new();
        for &c in members {
            let kept = self.articles_of(c).iter().take(4 * SAMPLE);
            arts.extend(kept.copied().filter(|&a| keep(a)).take(SAMPLE));
        }
        arts.sort_unstable();
        arts.dedup();
        arts.truncate(SAMPLE);
        arts
    }

    /// What `arts` mention, as units, leaving out `skip`.
    fn about(&self, arts: &[u32], skip: &dyn Fn(usize) -> bool) -> FxHashSet<usize> {
        let mut out = FxHashSet::default();
        for &a in arts {
            for &c in self.articles.of(a as usize) {
                let u = self.unit_of[c as usize];
                if !skip(u) {
                    out.insert(u);
                }
            }
        }
        out
    }

    /// Which of `options` (each the candidates of one entity the short
    /// form could join) the articles of `short` (its candidates) are
    /// about, if one clearly is. `skip(u)`: a unit that is no evidence
    /// (the short form, the options themselves).
    pub fn choose(
        &self,
        short: &[usize],
        options: &[Vec<usize>],
        skip: &dyn Fn(usize) -> bool,
    ) -> Option<usize> {
        let own = self.sample(short, &|_| true);
        let mine = self.about(&own, skip);
        if mine.is_empty() {
            return None;
        }
        let short_unit = self.unit_of[short[0]];
        // Articles that name both are no evidence: there, the article
        // itself declined to link the short form.
        let without_short = |a: u32| {
            let named = self.articles.of(a as usize).iter();
            !named
                .map(|&c| self.unit_of[c as usize])
                .any(|u| u == short_unit)
        };
        let weight = |u: &usize| 1.0 / (1.0 + f64::from(self.df[*u]).ln());
        let mut scores: Vec<(f64, usize)> = options
            .iter()
            .map(|o| {
                let theirs = self.about(&self.sample(o, &without_short), skip);
                let shared: Vec<&usize> = mine.intersection(&theirs).collect();
                (shared.iter().map(|u| weight(u)).sum(), shared.len())
            })
            .collect();
        let best = (0..scores.len()).max_by(|&a, &b| scores[a].0.total_cmp(&scores[b].0))?;
        let (top, shared) = scores[best];
        scores[best].0 = 0.0;
        let second = scores.iter().map(|s| s.0).fold(0.0, f64::max);
        (shared >= MIN_SHARED && top >= MARGIN * second).then_some(best)
    }
}

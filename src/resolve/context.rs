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
    /// Scratch of [`Context::choose`], by unit (sets without hashing or
    /// allocating, a short form after another): the stamp of the last
    /// short form whose articles mention it, and of the last option whose
    /// articles were found to share it.
    mine: Vec<u32>,
    shared: Vec<u32>,
    stamp: u32,
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
            mine: vec![0; df.len()],
            shared: vec![0; df.len()],
            df,
            stamp: 0,
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

    /// Whether one article mentions both some candidate of `a` and some
    /// of `b`.
    pub fn named_together(&self, a: &[usize], b: &[usize]) -> bool {
        let mut of_a: Vec<u32> = a
            .iter()
            .flat_map(|&c| self.articles_of(c))
            .copied()
            .collect();
        of_a.sort_unstable();
        b.iter()
            .flat_map(|&c| self.articles_of(c))
            .any(|x| of_a.binary_search(x).is_ok())
    }

    fn next_stamp(&mut self) -> u32 {
        self.stamp += 1;
        self.stamp
    }
    /// Which of `options` (each the candidates of one entity the short
    /// form could join) the articles of `short` (its candidates) are
    /// about, if one clearly is. `skip(u)`: a unit that is no evidence
    /// (the short form, the options themselves).
    pub fn choose(
        &mut self,
        short: &[usize],
        options: &[Vec<usize>],
        skip: &dyn Fn(usize) -> bool,
    ) -> Option<usize> {
        let (articles, unit_of) = (self.articles, self.unit_of);
        // What the short form's articles mention, as units, leaving out
        // `skip`: marked in `mine` with this stamp.
        let own = self.sample(short, &|_| true);
        let mine = self.next_stamp();
        let mut about_anything = false;
        for &a in &own {
            for &c in articles.of(a as usize) {
                let u = unit_of[c as usize];
                if !skip(u) {
                    self.mine[u] = mine;
                    about_anything = true;
                }
            }
        }
        if !about_anything {
            return None;
        }
        let short_unit = unit_of[short[0]];
        // Articles that name both are no evidence: there, the article
        // itself declined to link the short form.
        let without_short = |a: u32| {
            let named = articles.of(a as usize).iter();
            !named.map(|&c| unit_of[c as usize]).any(|u| u == short_unit)
        };
        let df = &self.df;
        let weight = |u: usize| 1.0 / (1.0 + f64::from(df[u]).ln());
        let mut scores: Vec<(f64, usize)> = Vec::with_capacity(options.len());
        let mut shared: Vec<usize> = Vec::new();
        for o in options {
            // The units both sides mention, each once (summed in unit
            // order: the same sets, the same score).
            let theirs = self.sample(o, &without_short);
            self.stamp += 1;
            let counted = self.stamp;
            shared.clear();
            for &a in &theirs {
                for &c in articles.of(a as usize) {
                    let u = unit_of[c as usize];
                    if self.mine[u] == mine && self.shared[u] != counted {
                        self.shared[u] = counted;
                        shared.push(u);
                    }
                }
            }
            shared.sort_unstable();
            scores.push((shared.iter().map(|&u| weight(u)).sum(), shared.len()));
        }
        let best = (0..scores.len()).max_by(|&a, &b| scores[a].0.total_cmp(&scores[b].0))?;
        let (top, shared) = scores[best];
        scores[best].0 = 0.0;
        let second = scores.iter().map(|s| s.0).fold(0.0, f64::max);
        (shared >= MIN_SHARED && top >= MARGIN * second).then_some(best)
    }
}

//! Which of several entities a short form's articles are about: the
//! evidence that settles a surname two people of the corpus bear
//! (`Gigante` in obituaries of Vincent Gigante, where his brother Louis
//! is named too) when no article links it to either.
//!
//! The articles that use the short form alone talk about some things;
//! the articles of each candidate talk about others. The candidate whose
//! articles share clearly more of those things (rare ones weighing more
//! than `Associated Press`) is the one the short form names; when no
//! candidate stands out, the short form stays apart. The same evidence,
//! one article at a time, says which person a surname names where the
//! article writes it alone (`Bush` beside the Saints' coach), whatever
//! the pooled answer.

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

    pub fn len(&self) -> usize {
        self.at.len() - 1
    }

    pub fn of(&self, a: usize) -> &[u32] {
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
    /// The stamp of the last [`Holders`] whose options mention it.
    held: Vec<u32>,
    held_at: Vec<u32>,
    /// Scratch of [`Context::scores`], by option: weight and count.
    by_option: Vec<(f64, usize)>,
    stamp: u32,
}

/// How many articles of each side are read: enough to know what a name
/// is about, few enough that a name in every article costs no more than
/// a rare one.
const SAMPLE: usize = 48;

/// How many times the best candidate's shared context must outweigh the
/// next one's.
const MARGIN: f64 = 2.0;

/// The most people bearing one surname that an article's own context
/// tells apart: the few things one article names single out one of a
/// few people, not one of dozens of `Smith`s (and reading every article
/// of such a surname against each of them would cost a pass more than
/// linking does).
const MAX_EACH: usize = 4;

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
            held: vec![0; df.len()],
            held_at: vec![0; df.len()],
            by_option: Vec::new(),
            df,
            stamp: 0,
        }
    }

    fn articles_of(&self, c: usize) -> &[u32] {
        &self.post[self.post_at[c] as usize..self.post_at[c + 1] as usize]
    }

    /// Every article `members` (candidates) are mentioned in, ascending.
    fn articles_of_all(&self, members: &[usize]) -> Vec<u32> {
        let mut arts: Vec<u32> = members
            .iter()
            .flat_map(|&c| self.articles_of(c).iter().copied())
            .collect();
        arts.sort_unstable();
        arts.dedup();
        arts
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
        let of_a = self.articles_of_all(a);
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
        let holders = self.holders(short, options);
        self.pooled(short, &holders, skip)
    }

    /// [`Context::choose`], and which of `options` each article that
    /// uses the short form alone is about where one clearly is: the same
    /// evidence, the short form's articles read one at a time instead of
    /// pooled. An article that names one of the options too is left out
    /// (there, extraction declined to link them). Articles ascending, in
    /// canonical order.
    pub fn choose_each(
        &mut self,
        short: &[usize],
        options: &[Vec<usize>],
        skip: &dyn Fn(usize) -> bool,
    ) -> (Option<usize>, Vec<(u32, usize)>) {
        let holders = self.holders(short, options);
        let pooled = self.pooled(short, &holders, skip);
        if options.len() > MAX_EACH {
            return (pooled, Vec::new());
        }
        let mut option_units: Vec<usize> =
            options.iter().flatten().map(|&c| self.unit_of[c]).collect();
        option_units.sort_unstable();
        let mut chosen = Vec::new();
        for a in self.articles_of_all(short) {
            let named = self.articles.of(a as usize).iter();
            if named
                .map(|&c| self.unit_of[c as usize])
                .any(|u| option_units.binary_search(&u).is_ok())
            {
                continue;
            }
            if let Some(k) = self.scores(&[a], &holders, skip).and_then(decide) {
                chosen.push((a, k));
            }
        }
        (pooled, chosen)
    }

    /// The option the short form's articles, pooled, are about.
    fn pooled(
        &mut self,
        short: &[usize],
        holders: &Holders,
        skip: &dyn Fn(usize) -> bool,
    ) -> Option<usize> {
        let own = self.sample(short, &|_| true);
        decide(self.scores(&own, holders, skip)?)
    }

    /// What each option's articles mention, as units -> the options
    /// whose articles mention it (each option's sample, leaving out the
    /// articles that name the short form too: there, the article itself
    /// declined to link it).
    fn holders(&mut self, short: &[usize], options: &[Vec<usize>]) -> Holders {
        let (articles, unit_of) = (self.articles, self.unit_of);
        let short_unit = unit_of[short[0]];
        let without_short = |a: u32| {
            let named = articles.of(a as usize).iter();
            !named.map(|&c| unit_of[c as usize]).any(|u| u == short_unit)
        };
        let held = self.next_stamp();
        let mut pairs: Vec<(u32, u32)> = Vec::new();
        for (k, o) in options.iter().enumerate() {
            let theirs = self.sample(o, &without_short);
            let counted = self.next_stamp();
            for &a in &theirs {
                for &c in articles.of(a as usize) {
                    let u = unit_of[c as usize];
                    if self.shared[u] != counted {
                        self.shared[u] = counted;
                        pairs.push((u as u32, k as u32));
                    }
                }
            }
        }
        pairs.sort_unstable();
        for (i, &(u, _)) in pairs.iter().enumerate() {
            let u = u as usize;
            if self.held[u] != held {
                self.held[u] = held;
                self.held_at[u] = i as u32;
            }
        }
        Holders {
            pairs,
            held,
            options: options.len(),
        }
    }

    /// The options' shares of what articles `own` mention (leaving out
    /// `skip`): for each option some of its articles share a unit with,
    /// by option, the weight of the units shared (rare ones weighing
    /// more), summed in unit order (the same sets, the same score), and
    /// how many. `None` when they mention nothing else.
    fn scores(
        &mut self,
        own: &[u32],
        holders: &Holders,
        skip: &dyn Fn(usize) -> bool,
    ) -> Option<Vec<(u32, f64, usize)>> {
        let (articles, unit_of) = (self.articles, self.unit_of);
        let mine = self.next_stamp();
        let mut units: Vec<usize> = Vec::new();
        let mut about_anything = false;
        for &a in own {
            for &c in articles.of(a as usize) {
                let u = unit_of[c as usize];
                if self.mine[u] == mine {
                    continue;
                }
                self.mine[u] = mine;
                // `skip` asked only of what may count.
                let held = self.held[u] == holders.held;
                if (held || !about_anything) && !skip(u) {
                    about_anything = true;
                    if held {
                        units.push(u);
                    }
                }
            }
        }
        if !about_anything {
            return None;
        }
        units.sort_unstable();
        // Summed by option in a dense scratch; the options touched listed.
        let by_option = &mut self.by_option;
        by_option.resize(holders.options, (0.0, 0));
        let mut touched: Vec<u32> = Vec::new();
        for u in units {
            let weight = 1.0 / (1.0 + f64::from(self.df[u]).ln());
            let from = self.held_at[u] as usize;
            let of_u = holders.pairs[from..]
                .iter()
                .take_while(|p| p.0 as usize == u);
            for &(_, k) in of_u {
                let s = &mut by_option[k as usize];
                if s.1 == 0 {
                    touched.push(k);
                }
                s.0 += weight;
                s.1 += 1;
            }
        }
        touched.sort_unstable();
        let scores = touched
            .iter()
            .map(|&k| {
                let (w, n) = std::mem::take(&mut by_option[k as usize]);
                (k, w, n)
            })
            .collect();
        Some(scores)
    }
}

/// The units the options' articles mention, and the options that
/// mention each: marked `held` in [`Context`]'s scratch, so that a unit
/// no option mentions costs no lookup.
struct Holders {
    /// (unit, option), sorted; a unit's first at `Context::held_at`.
    pairs: Vec<(u32, u32)>,
    held: u32,
    options: usize,
}

/// The option whose score (option, weight, things shared; by option,
/// the others scoring nothing) clearly leads, if one does: [`MIN_SHARED`]
/// things shared at least, [`MARGIN`] times the next one's weight.
fn decide(mut scores: Vec<(u32, f64, usize)>) -> Option<usize> {
    let best = (0..scores.len()).max_by(|&a, &b| scores[a].1.total_cmp(&scores[b].1))?;
    let (k, top, shared) = scores[best];
    scores[best].1 = 0.0;
    let second = scores.iter().map(|s| s.1).fold(0.0, f64::max);
    (shared >= MIN_SHARED && top >= MARGIN * second).then_some(k as usize)
}

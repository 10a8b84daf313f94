//! The list under a filter, kept up to date cheaply: every keystroke
//! decides which articles pass at once (on every core for a large list,
//! and only among the previous matches when the query just grew); ranking
//! by score and phrase searches in bodies on disk follow in the
//! background, refining the list as they finish. Articles arriving from a
//! background load are judged on their own, not with everything else.

use std::path::PathBuf;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

use super::action::{Cancel, EntityScope};
use super::bodies::BodySource;
use super::matching::{Prepared, Ranking, Verdict, narrows};
use super::query::Query;
use super::request::Request;
use super::state::{App, Scan};
use super::update::{follow_list, refresh_entities};

/// Up to this many matches are ranked at once, before the list is shown.
const RANK_AT_ONCE: usize = 256;
/// From this many articles on, judging runs on every core.
const PARALLEL_FROM: usize = 20_000;
/// How long one slice of ranking may take between frames.
pub const RANK_SLICE: Duration = Duration::from_millis(8);

/// Re-reads the filter input: a query that parses is applied to the list
/// at once; one that does not leaves the list as it was and says why.
pub(super) fn refilter(app: &mut App) {
    let query = match Query::parse(&app.filter.input) {
        Ok(q) => q,
        Err(e) => {
            app.filter.error = Some(e.to_string());
            return;
        }
    };
    app.filter.error = None;
    let before = app.selected_article();
    stop_background(app);
    app.filter.generation += 1;
    app.filter.text_found.clear();
    if query.is_empty() {
        app.filter.applied = None;
        app.filter.candidates = Bits::default();
        let all = app.order.clone();
        show(app, all, before, false);
        return;
    }
    let prev = app.filter.applied.take();
    let narrowing = prev.as_ref().is_some_and(|p| narrows(&p.query, &query));
    let prep = Prepared::new(query, &app.index, prev.as_ref());
    let pool = if narrowing {
        std::mem::take(&mut app.filter.candidates)
    } else {
        Bits::all(app.articles.len())
    };
    let (pass_bits, waiting) = judge(app, &prep, &pool);
    let mut candidates = pass_bits.clone();
    for &a in &waiting {
        candidates.set(a);
    }
    // In list order: the order is read in sequence, membership from a
    // bit set that fits in cache.
    let pass: Vec<usize> = app
        .order
        .iter()
        .copied()
        .filter(|&a| pass_bits.get(a))
        .collect();
    app.filter.candidates = candidates;
    let ranks = prep.ranks();
    if !waiting.is_empty() {
        start_scan(app, &prep, &waiting);
    }
    app.filter.applied = Some(prep);
    // While the new scores are computed, a narrowed list keeps the order
    // it had, so it does not jump about under the user's eyes.
    let shown = if narrowing && ranks {
        in_order_of(&app.view, pass, app.articles.len())
    } else {
        pass
    };
    show(app, shown, before, ranks);
    if ranks {
        start_ranking(app);
    }
}

/// `items` in the order they have in `order`, those not in it after.
fn in_order_of(order: &[usize], items: Vec<usize>, n: usize) -> Vec<usize> {
    let mut wanted = vec![false; n];
    for &i in &items {
        wanted[i] = true;
    }
    let mut out: Vec<usize> = order.iter().copied().filter(|&i| wanted[i]).collect();
    for &i in &out {
        wanted[i] = false;
    }
    out.extend(items.into_iter().filter(|&i| wanted[i]));
    out
}

/// Puts `view` on screen; the selection stays on the article it was on,
/// or goes to the best match when the list is ranked.
fn show(app: &mut App, view: Vec<usize>, before: Option<usize>, ranked: bool) {
    app.view = view;
    app.view_generation += 1;
    app.selected = match (ranked, before) {
        (false, Some(b)) => app.view.iter().position(|&i| i == b).unwrap_or(0),
        _ => 0,
    };
    app.list_offset = 0;
    follow_list(app);
    if app.entities.scope == EntityScope::Listed {
        refresh_entities(app, false);
    }
}

fn stop_background(app: &mut App) {
    app.filter.ranking = None;
    if let Some(s) = app.filter.scanning.take() {
        s.cancel.store(true, Ordering::Relaxed);
    }
}

/// A set of article indices.
#[derive(Clone, Debug, Default)]
pub struct Bits(Vec<u64>);

impl Bits {
    pub fn all(n: usize) -> Bits {
        let mut v = vec![u64::MAX; n.div_ceil(64)];
        if !n.is_multiple_of(64)
            && let Some(last) = v.last_mut()
        {
            *last = (1u64 << (n % 64)) - 1;
        }
        Bits(v)
    }

    pub fn none(n: usize) -> Bits {
        Bits(vec![0; n.div_ceil(64)])
    }

    pub fn get(&self, i: usize) -> bool {
        self.0.get(i / 64).is_some_and(|w| w & (1 << (i % 64)) != 0)
    }

    pub fn set(&mut self, i: usize) {
        if self.0.len() <= i / 64 {
            self.0.resize(i / 64 + 1, 0);
        }
        self.0[i / 64] |= 1 << (i % 64);
    }

    pub fn clear(&mut self, i: usize) {
        if let Some(w) = self.0.get_mut(i / 64) {
            *w &= !(1 << (i % 64));
        }
    }

    /// The members, ascending.
    fn members(&self, from_word: usize, to_word: usize) -> impl Iterator<Item = usize> + '_ {
        self.0[from_word..to_word]
            .iter()
            .enumerate()
            .flat_map(move |(k, &w)| {
                let base = (from_word + k) * 64;
                let mut w = w;
                std::iter::from_fn(move || {
                    if w == 0 {
                        return None;
                    }
                    let b = w.trailing_zeros() as usize;
                    w &= w - 1;
                    Some(base + b)
                })
            })
    }
}

/// Judges the articles of `pool` in index order (memory read in sequence),
/// on every core when there are many: those that pass, and those that wait
/// for a text scan.
fn judge(app: &App, prep: &Prepared, pool: &Bits) -> (Bits, Vec<usize>) {
    let cols = &app.columns;
    let n = app.articles.len();
    let words = n.div_ceil(64).min(pool.0.len());
    let run = |from: usize, to: usize| {
        let mut pass = Bits::none(n);
        let mut waiting = Vec::new();
        for a in pool.members(from, to) {
            if a >= n {
                break;
            }
            let body = if prep.has_phrase() {
                app.bodies.get(a)
            } else {
                None
            };
            match prep.verdict(
                cols.title(a),
                cols.date(a),
                body.as_deref(),
                cols.entities(a),
                app.read[a],
            ) {
                Verdict::Pass => pass.set(a),
                Verdict::NeedsText => waiting.push(a),
                Verdict::Fail => {}
            }
        }
        (pass, waiting)
    };
    if n < PARALLEL_FROM {
        return run(0, words);
    }
    let threads = std::thread::available_parallelism()
        .map(|n| n.get())
        .unwrap_or(1)
        .clamp(1, 8);
    let per = words.div_ceil(threads);
    let parts: Vec<(Bits, Vec<usize>)> = std::thread::scope(|s| {
        let handles: Vec<_> = (0..threads)
            .map(|t| {
                let (from, to) = ((t * per).min(words), ((t + 1) * per).min(words));
                s.spawn(move || run(from, to))
            })
            .collect();
        handles
            .into_iter()
            .map(|h| h.join().expect("a judging thread"))
            .collect()
    });
    let mut pass = Bits::none(n);
    let mut waiting = Vec::new();
    for (p, w) in parts {
        for (dst, src) in pass.0.iter_mut().zip(&p.0) {
            *dst |= src;
        }
        waiting.extend(w);
    }
    (pass, waiting)
}

fn start_ranking(app: &mut App) {
    let candidates = app.view.clone();
    app.filter.ranking = Some(Ranking {
        generation: app.filter.generation,
        scores: Vec::with_capacity(candidates.len()),
        candidates,
        cache: Default::default(),
    });
    if app.view.len() <= RANK_AT_ONCE {
        score_matches(app, None);
    }
}

/// Scores matches for at most `budget` (all of them with `None`), and
/// orders the list once every one is scored.
pub(super) fn score_matches(app: &mut App, budget: Option<Duration>) {
    let Some(mut r) = app.filter.ranking.take() else {
        return;
    };
    let Some(prep) = app.filter.applied.as_ref() else {
        return;
    };
    let start = Instant::now();
    let skim = app.filter.matcher.skim();
    while r.scores.len() < r.candidates.len() {
        let a = r.candidates[r.scores.len()];
        let s = prep.score(
            skim,
            app.columns.title(a),
            app.columns.entities(a),
            &app.index,
            &mut r.cache,
        );
        r.scores.push(s);
        if r.scores.len() % 64 == 0 && budget.is_some_and(|b| start.elapsed() >= b) {
            break;
        }
    }
    if !r.done() {
        app.filter.ranking = Some(r);
        return;
    }
    let mut order: Vec<(usize, i64)> = r.candidates.into_iter().zip(r.scores).collect();
    // Equal scores keep the list's order (newest first).
    order.sort_by(|x, y| {
        y.1.cmp(&x.1)
            .then(app.order_keys[x.0].cmp(&app.order_keys[y.0]))
    });
    let keep_place = app.selected != 0;
    let before = app.selected_article();
    app.view = order.into_iter().map(|(a, _)| a).collect();
    app.view_generation += 1;
    app.selected = if keep_place {
        before
            .and_then(|b| app.view.iter().position(|&i| i == b))
            .unwrap_or(0)
    } else {
        0
    };
    follow_list(app);
    if app.entities.scope == EntityScope::Listed {
        refresh_entities(app, false);
    }
}

fn start_scan(app: &mut App, prep: &Prepared, waiting: &[usize]) {
    let items: Vec<(usize, PathBuf, u32)> = waiting
        .iter()
        .filter_map(|&a| match app.bodies.source(a) {
            Some(BodySource::File { index, .. }) => Some((a, app.articles[a].path.clone(), *index)),
            _ => None,
        })
        .collect();
    let cancel = match &mut app.filter.scanning {
        Some(s) => {
            s.total += items.len();
            s.cancel.clone()
        }
        None => {
            let cancel = Arc::new(AtomicBool::new(false));
            app.filter.scanning = Some(Scan {
                total: items.len(),
                checked: 0,
                cancel: cancel.clone(),
            });
            cancel
        }
    };
    app.requests.push(Request::ScanText {
        generation: app.filter.generation,
        phrases: prep.phrases(),
        items,
        cancel: Cancel(cancel),
    });
}

/// Results of a text scan: the articles found join the list.
pub(super) fn text_scanned(app: &mut App, generation: u64, checked: usize, found: Vec<usize>) {
    if generation != app.filter.generation {
        return;
    }
    if let Some(s) = &mut app.filter.scanning {
        s.checked += checked;
        if s.checked >= s.total {
            app.filter.scanning = None;
        }
    }
    if found.is_empty() {
        return;
    }
    app.filter.text_found.extend(&found);
    admit(app, found);
}

/// Articles now known to pass join the list: in list order, or, when the
/// list is ranked, at the end until ranking places them.
fn admit(app: &mut App, mut passing: Vec<usize>) {
    let before = app.selected_article();
    let ranks = app.filter.applied.as_ref().is_some_and(Prepared::ranks);
    if ranks {
        app.view.extend(passing);
        app.view_generation += 1;
        start_ranking(app);
    } else {
        passing.sort_by_key(|&a| app.order_keys[a]);
        app.view = super::loading::merge_newest_first(app, &app.view, &passing);
        app.view_generation += 1;
    }
    if let Some(b) = before {
        app.selected = app.view.iter().position(|&i| i == b).unwrap_or(0);
    }
    follow_list(app);
}

/// Articles that joined the corpus, or whose entities changed, under an
/// active filter: only they are judged again.
pub(super) fn rejudge(app: &mut App, articles: &[usize]) {
    let Some(mut prep) = app.filter.applied.take() else {
        return;
    };
    prep.refresh(&app.index);
    let mut pool = Bits::none(app.articles.len());
    for &a in articles {
        pool.set(a);
        app.filter.candidates.clear(a);
    }
    let had = app.view.len();
    app.view.retain(|&a| !pool.get(a));
    let (pass_bits, waiting) = judge(app, &prep, &pool);
    let pass: Vec<usize> = articles
        .iter()
        .copied()
        .filter(|&a| pass_bits.get(a))
        .collect();
    for &a in pass.iter().chain(&waiting) {
        app.filter.candidates.set(a);
    }
    if !waiting.is_empty() {
        start_scan(app, &prep, &waiting);
    }
    app.filter.applied = Some(prep);
    if app.view.len() != had {
        app.view_generation += 1;
    }
    admit(app, pass);
}

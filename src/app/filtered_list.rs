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

use super::action::Cancel;
use super::bits::Bits;
use super::library::Library;
use super::list::ListView;
use super::matching::{Facts, Matcher, Prepared, Ranking, Verdict};
use super::query::Query;
use super::request::Request;
use crate::resolve::EntityId;

/// Up to this many matches are ranked at once, before the list is shown.
const RANK_AT_ONCE: usize = 256;
/// From this many articles on, judging runs on every core...
const PARALLEL_FROM: usize = 20_000;
/// ...unless fewer than this are to be judged: the few thousand a new
/// segment of the word index brings would wait for threads to start, and
/// on a busy machine for cores to run them, longer than they take to
/// judge on this thread (a millisecond or two).
const JUDGE_HERE_BELOW: usize = 8192;
/// How long one slice of ranking may take between frames.
pub const RANK_SLICE: Duration = Duration::from_millis(8);
/// The longest query kept: a paste of a megabyte must not become a
/// query that takes minutes to match (each term is matched against every
/// title and entity, and scored).
pub const MAX_QUERY_CHARS: usize = 256;

/// What typing a character did.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Typed {
    Yes,
    /// A control character: not typed.
    No,
    /// The query is as long as it gets.
    Full,
}

/// The filter query as typed, whether it is being edited, and the last
/// version of it that parsed (which the list shows), with the work under
/// way to keep the list up to date.
#[derive(Debug, Default)]
pub struct FilterState {
    input: String,
    editing: bool,
    /// The query the list is filtered by; `None` when empty.
    applied: Option<Prepared>,
    /// Why `input` does not parse; the list keeps the last good query.
    error: Option<String>,
    matcher: Matcher,
    /// Articles that may pass the applied query (they passed on what is in
    /// memory, or wait for a text scan): where a narrower query looks.
    candidates: Bits,
    /// Articles waiting for the text scan, and those it found.
    text_found: Vec<usize>,
    /// Bumped by every new query: late results of an old one are dropped.
    generation: u64,
    /// Scoring of the matches in progress (large lists rank between
    /// frames).
    ranking: Option<Ranking>,
    /// A text scan in progress: articles to check, and a way to stop it.
    scanning: Option<Scan>,
}

/// A phrase search over bodies read from disk.
#[derive(Debug, Clone)]
pub struct Scan {
    pub total: usize,
    pub checked: usize,
    pub cancel: Arc<AtomicBool>,
}

impl FilterState {
    /// The query as typed.
    pub fn input(&self) -> &str {
        &self.input
    }

    pub fn is_editing(&self) -> bool {
        self.editing
    }

    /// Why the query typed does not parse.
    pub fn error(&self) -> Option<&str> {
        self.error.as_deref()
    }

    /// A query is applied: the list is filtered.
    pub fn is_active_query(&self) -> bool {
        self.applied.is_some()
    }

    /// A query is applied or typed (Esc clears it).
    pub fn is_active(&self) -> bool {
        self.applied.is_some() || !self.input.is_empty()
    }

    /// The text scan under way.
    pub fn scanning(&self) -> Option<&Scan> {
        self.scanning.as_ref()
    }

    /// Whether the matches are being ranked (in slices, between frames).
    pub fn is_ranking(&self) -> bool {
        self.ranking.is_some()
    }

    pub fn start_editing(&mut self) {
        self.editing = true;
    }

    pub fn stop_editing(&mut self) {
        self.editing = false;
    }

    /// The query typed is as long as it gets ([`MAX_QUERY_CHARS`]).
    pub fn is_full(&self) -> bool {
        self.input.chars().count() >= MAX_QUERY_CHARS
    }

    /// Types a character (control characters are not typed; nothing is
    /// past [`MAX_QUERY_CHARS`]).
    pub fn type_char(&mut self, c: char) -> Typed {
        if c.is_control() {
            return Typed::No;
        }
        if self.is_full() {
            return Typed::Full;
        }
        self.input.push(c);
        Typed::Yes
    }

    /// Pasted text, as one line of query: line breaks and tabs become
    /// spaces, other control characters go. Whether all of it was kept
    /// (the query stops at [`MAX_QUERY_CHARS`]).
    pub fn paste(&mut self, text: &str) -> bool {
        let room = MAX_QUERY_CHARS.saturating_sub(self.input.chars().count());
        let mut cleaned = text.chars().filter_map(|c| match c {
            '\n' | '\r' | '\t' => Some(' '),
            c if c.is_control() => None,
            c => Some(c),
        });
        self.input.extend(cleaned.by_ref().take(room));
        cleaned.next().is_none()
    }

    pub fn backspace(&mut self) {
        self.input.pop();
    }

    /// Deletes the last word (Ctrl-W).
    pub fn delete_word(&mut self) {
        let s = self.input.trim_end();
        // Past the whole space: a pasted no-break space is two bytes.
        let cut = s
            .char_indices()
            .rev()
            .find(|&(_, c)| c.is_whitespace())
            .map_or(0, |(i, c)| i + c.len_utf8());
        self.input.truncate(cut);
    }

    pub fn clear_input(&mut self) {
        self.input.clear();
    }

    /// The query typed, replaced.
    pub fn set_input(&mut self, input: String) {
        self.input = input;
    }

    /// Char indices of the applied query's fuzzy matches in `title`, for
    /// highlighting.
    pub fn title_matches(&self, title: &str) -> Vec<usize> {
        match &self.applied {
            Some(f) => f.title_indices(self.matcher.skim(), title),
            None => Vec::new(),
        }
    }

    /// The entity the applied query's first `@name` term matches best.
    pub fn best_entity(&self, lib: &Library) -> Option<EntityId> {
        self.applied
            .as_ref()
            .and_then(|f| f.best_entity(self.matcher.skim(), lib.entities()))
    }

    /// A read mark changed. The list stays as it is (an article opened
    /// from `is:unread` does not vanish under the cursor), but the next
    /// keystroke judges every article again: the last matches no longer
    /// bound what can match.
    pub fn read_marks_changed(&mut self, articles: usize) {
        if self.applied.as_ref().is_some_and(|p| p.has_read_term()) {
            self.candidates = Bits::all(articles);
        }
    }

    fn stop_background(&mut self) {
        self.ranking = None;
        if let Some(s) = self.scanning.take() {
            s.cancel.store(true, Ordering::Relaxed);
        }
    }
}

/// What a step of filtering did to the list.
#[derive(Debug, Default)]
pub struct Outcome {
    /// A new list is shown (a new query).
    pub shown: bool,
    /// Ranking finished: the list is in score order.
    pub ranked: bool,
    /// Bodies on disk to scan for phrases.
    pub scan: Option<Request>,
}

/// Re-reads the filter input: a query that parses is applied to the list
/// at once; one that does not leaves the list as it was and says why.
/// `rows` list rows are shown.
pub fn refilter(f: &mut FilterState, lib: &Library, list: &mut ListView, rows: usize) -> Outcome {
    let query = match Query::parse(&f.input) {
        Ok(q) => q,
        Err(e) => {
            f.error = Some(e.to_string());
            return Outcome::default();
        }
    };
    f.error = None;
    let before = list.selected_article();
    f.stop_background();
    f.generation += 1;
    f.text_found.clear();
    if query.is_empty() {
        f.applied = None;
        f.candidates = Bits::default();
        list.show(lib.order().to_vec());
        list.reselect(before, rows);
        return Outcome {
            shown: true,
            ..Outcome::default()
        };
    }
    let prev = f.applied.take();
    let prep = Prepared::with_index(query, lib.entities(), prev.as_ref(), Some(lib.words()));
    let narrowing = prev.as_ref().is_some_and(|p| prep.narrows_from(p));
    let pool = if narrowing {
        std::mem::take(&mut f.candidates)
    } else {
        Bits::all(lib.len())
    };
    let (pass_bits, waiting) = judge(lib, &prep, &pool);
    let mut candidates = pass_bits.clone();
    for &a in &waiting {
        candidates.set(a);
    }
    // In list order: the order is read in sequence, membership from a
    // bit set that fits in cache.
    let pass: Vec<usize> = lib
        .order()
        .iter()
        .copied()
        .filter(|&a| pass_bits.get(a))
        .collect();
    f.candidates = candidates;
    let ranks = prep.ranks();
    let scan = (!waiting.is_empty()).then(|| start_scan(f, lib, &prep, &waiting));
    f.applied = Some(prep);
    // While the new scores are computed, a narrowed list keeps the order
    // it had, so it does not jump about under the user's eyes.
    let shown = if narrowing && ranks {
        in_order_of(list.reports(), pass, lib.len())
    } else {
        pass
    };
    list.show(shown);
    // Ranked: the best match is selected; otherwise the selection stays
    // on the article it was on.
    list.reselect(if ranks { None } else { before }, rows);
    let ranked = ranks && start_ranking(f, lib, list, rows);
    Outcome {
        shown: true,
        ranked,
        scan,
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

/// Judges the articles of `pool` in index order (memory read in sequence),
/// on every core when there are many: those that pass, and those that wait
/// for a text scan.
fn judge(lib: &Library, prep: &Prepared, pool: &Bits) -> (Bits, Vec<usize>) {
    let cols = lib.columns();
    let n = lib.len();
    let words = n.div_ceil(64).min(pool.words());
    let run = |from: usize, to: usize| {
        let mut pass = Bits::none(n);
        let mut waiting = Vec::new();
        for a in pool.members(from, to) {
            if a >= n {
                break;
            }
            if lib.is_gone(a) {
                continue;
            }
            let body = if prep.has_phrase() { lib.body(a) } else { None };
            let meta = lib.meta(a);
            let facts = Facts {
                article: a,
                title: cols.title(a),
                date: cols.date(a),
                body: body.as_deref(),
                surfaces: cols.surfaces(a),
                read: lib.is_read(a),
                source: meta.source.as_deref(),
                path: &meta.path,
                tags: lib.tags(a),
                starred: lib.is_starred(a),
            };
            match prep.verdict(&facts) {
                Verdict::Pass => pass.set(a),
                Verdict::NeedsText => waiting.push(a),
                Verdict::Fail => {}
            }
        }
        (pass, waiting)
    };
    if n < PARALLEL_FROM || pool.count() < JUDGE_HERE_BELOW {
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
        pass.union_with(&p);
        waiting.extend(w);
    }
    (pass, waiting)
}

/// Starts ranking the list; a short list is ranked at once (returns
/// whether it was).
fn start_ranking(f: &mut FilterState, lib: &Library, list: &mut ListView, rows: usize) -> bool {
    let candidates = list.reports().to_vec();
    f.ranking = Some(Ranking {
        generation: f.generation,
        scores: Vec::with_capacity(candidates.len()),
        candidates,
        cache: Default::default(),
    });
    list.reports().len() <= RANK_AT_ONCE && score_matches(f, lib, list, rows, None)
}

/// Scores matches for at most `budget` (all of them with `None`), and
/// orders the list once every one is scored. Returns whether it was.
pub fn score_matches(
    f: &mut FilterState,
    lib: &Library,
    list: &mut ListView,
    rows: usize,
    budget: Option<Duration>,
) -> bool {
    let Some(mut r) = f.ranking.take() else {
        return false;
    };
    let Some(prep) = f.applied.as_ref() else {
        return false;
    };
    let start = Instant::now();
    let skim = f.matcher.skim();
    let cols = lib.columns();
    while r.scores.len() < r.candidates.len() {
        let a = r.candidates[r.scores.len()];
        let s = prep.score(
            skim,
            (a, cols.title(a)),
            cols.surfaces(a),
            lib.entities(),
            &mut r.cache,
        );
        r.scores.push(s);
        if r.scores.len() % 64 == 0 && budget.is_some_and(|b| start.elapsed() >= b) {
            break;
        }
    }
    if !r.done() {
        f.ranking = Some(r);
        return false;
    }
    let mut order: Vec<(usize, i64)> = r
        .candidates
        .into_iter()
        .zip(r.scores)
        // Gone while it was ranked.
        .filter(|&(a, _)| !lib.is_gone(a))
        .collect();
    // Equal scores keep the list's order (newest first).
    order.sort_by(|x, y| {
        y.1.cmp(&x.1)
            .then(lib.order_key(x.0).cmp(&lib.order_key(y.0)))
    });
    let keep_place = list.selected() != 0;
    let before = list.selected_article();
    list.set(order.into_iter().map(|(a, _)| a).collect());
    list.reselect(if keep_place { before } else { None }, rows);
    true
}

fn start_scan(f: &mut FilterState, lib: &Library, prep: &Prepared, waiting: &[usize]) -> Request {
    let items: Vec<(usize, PathBuf, u32)> = waiting
        .iter()
        .filter_map(|&a| Some((a, lib.meta(a).path.clone(), lib.index_in_file(a)?)))
        .collect();
    let cancel = match &mut f.scanning {
        Some(s) => {
            s.total += items.len();
            s.cancel.clone()
        }
        None => {
            let cancel = Arc::new(AtomicBool::new(false));
            f.scanning = Some(Scan {
                total: items.len(),
                checked: 0,
                cancel: cancel.clone(),
            });
            cancel
        }
    };
    Request::ScanText {
        generation: f.generation,
        phrases: prep.phrases(),
        items,
        cancel: Cancel(cancel),
    }
}

/// Results of a text scan: the articles found join the list.
#[allow(clippy::too_many_arguments)]
pub fn text_scanned(
    f: &mut FilterState,
    lib: &Library,
    list: &mut ListView,
    rows: usize,
    generation: u64,
    checked: usize,
    found: Vec<usize>,
) -> Outcome {
    if generation != f.generation {
        return Outcome::default();
    }
    if let Some(s) = &mut f.scanning {
        s.checked += checked;
        if s.checked >= s.total {
            f.scanning = None;
        }
    }
    let found: Vec<usize> = found.into_iter().filter(|&a| !lib.is_gone(a)).collect();
    if found.is_empty() {
        return Outcome::default();
    }
    f.text_found.extend(&found);
    Outcome {
        ranked: admit(f, lib, list, rows, found),
        ..Outcome::default()
    }
}

/// Articles now known to pass join the list: in list order, or, when the
/// list is ranked, at the end until ranking places them. Returns whether
/// the list was ranked at once.
fn admit(
    f: &mut FilterState,
    lib: &Library,
    list: &mut ListView,
    rows: usize,
    mut passing: Vec<usize>,
) -> bool {
    let before = list.selected_article();
    let ranks = f.applied.as_ref().is_some_and(Prepared::ranks);
    let mut ranked = false;
    if ranks {
        list.extend(passing);
        ranked = start_ranking(f, lib, list, rows);
    } else {
        passing.sort_by_key(|&a| lib.order_key(a));
        let merged = lib.merge_newest_first(list.reports(), &passing);
        list.set(merged);
    }
    match before {
        Some(b) => list.reselect(Some(b), rows),
        None => list.follow(rows),
    }
    ranked
}

/// A new resolution: when entities decide part of the query, it is made
/// ready for the new entities and every article is judged again (the
/// selection stays on the article it was on).
pub fn reresolve(f: &mut FilterState, lib: &Library, list: &mut ListView, rows: usize) -> Outcome {
    if !f.applied.as_ref().is_some_and(Prepared::uses_entities) {
        return Outcome::default();
    }
    rejudge_all(f, lib, list, rows)
}

/// Articles became searchable by their words: under a query with plain
/// words they are judged again, or every article is when a word now
/// matches by words where it matched by letters.
pub fn reindexed(
    f: &mut FilterState,
    lib: &Library,
    list: &mut ListView,
    rows: usize,
    articles: &[usize],
) -> Outcome {
    let Some(prep) = f.applied.as_mut().filter(|p| p.uses_words()) else {
        return Outcome::default();
    };
    if prep.refresh_text(lib.words()) {
        let query = prep.query.clone();
        f.applied = Some(Prepared::with_index(
            query,
            lib.entities(),
            None,
            Some(lib.words()),
        ));
        return rejudge_all(f, lib, list, rows);
    }
    rejudge(f, lib, list, rows, articles)
}

/// Every article judged again, the selection kept on its article.
fn rejudge_all(f: &mut FilterState, lib: &Library, list: &mut ListView, rows: usize) -> Outcome {
    // In the order shown, so a ranked list keeps it until ranked again;
    // the selection stays on its article.
    let before = list.selected_article();
    let all = in_order_of(list.reports(), (0..lib.len()).collect(), lib.len());
    let o = rejudge(f, lib, list, rows, &all);
    if before.is_some() {
        list.reselect(before, rows);
    }
    o
}

/// Articles that joined the corpus, or whose entities changed, under an
/// active filter: only they are judged again.
pub fn rejudge(
    f: &mut FilterState,
    lib: &Library,
    list: &mut ListView,
    rows: usize,
    articles: &[usize],
) -> Outcome {
    let Some(mut prep) = f.applied.take() else {
        return Outcome::default();
    };
    prep.refresh(lib.entities(), lib.words());
    let mut pool = Bits::none(lib.len());
    for &a in articles {
        pool.set(a);
        f.candidates.clear(a);
    }
    list.retain(|&a| !pool.get(a));
    let (pass_bits, waiting) = judge(lib, &prep, &pool);
    let pass: Vec<usize> = articles
        .iter()
        .copied()
        .filter(|&a| pass_bits.get(a))
        .collect();
    for &a in pass.iter().chain(&waiting) {
        f.candidates.set(a);
    }
    let scan = (!waiting.is_empty()).then(|| start_scan(f, lib, &prep, &waiting));
    f.applied = Some(prep);
    Outcome {
        ranked: admit(f, lib, list, rows, pass),
        scan,
        ..Outcome::default()
    }
}

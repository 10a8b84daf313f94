//! Filtering a list of 100,000 articles between two keystrokes.
//!
//! A plain word or an `@name` matches *by words* first: an article passes
//! when a word of its title, of the name or an alias of an entity it
//! mentions, or (plain words) of its body starts with what was typed,
//! ignoring case and diacritics ([`crate::text_index::words`]; bodies
//! through the word index, [`super::words`]). Only when nothing matches
//! by words does a term match by *scattered letters* (fuzzy), so
//! `@iran` finds Iran and Iranian but not Ireland, while `@irn` still
//! finds Iran.
//!
//! Matching is split in two. First *which* articles pass, exactly: a fuzzy
//! term matches where its letters appear in order, which is what
//! SkimMatcherV2 decides too (this module checks it the same way, without
//! scoring, in tens of nanoseconds per title), entity terms through a set
//! of matching entities computed once per query (and the set of surfaces
//! that belong to them: articles are matched by the surfaces they
//! mention, so a new resolution rewrites no article), dates and ids
//! directly.
//! When the query only grew (typing appends), only the articles that
//! passed before are checked again. Then *in what order*: SkimMatcherV2
//! scores the survivors, in slices between frames ([`Ranking`]), and the
//! list settles into score order as soon as they are all scored.
//!
//! A phrase term needs bodies, which a large load does not hold: articles
//! whose body is in memory are checked at once, the rest by a scan on a
//! worker thread that reports as it goes.

use std::path::Path;

use chrono::NaiveDate;
use fuzzy_matcher::FuzzyMatcher;
use fuzzy_matcher::skim::SkimMatcherV2;

use super::bits::Bits;
use super::query::{DateRange, Query, TermKind, fold};
use super::words::Words;
use crate::base::hash::FxHashMap;
use crate::resolve::{Entity, EntityId, EntityTable, SurfaceId};
use crate::text_index::words::{MAX_WORD_BYTES, for_each_word, words as folded_words};
use crate::text_index::{self, Hits, Match};

/// How a word term matches.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Way {
    /// A word starts with what was typed.
    Words,
    /// Its letters appear in order: nothing matched by words.
    Letters,
}

/// Whether `text` has the (folded) words `w` in a row, the last one as a
/// prefix, as the word index finds them.
pub fn has_word_prefix(text: &str, w: &[String]) -> bool {
    match w {
        [] => false,
        [one] => starts_a_word(text, one),
        _ => text_index::Pattern::Prefix(w.to_vec()).is_in(text),
    }
}

/// Whether `text` has the (folded) words `w` in a row, whole.
fn has_whole_words(text: &str, w: &[String]) -> bool {
    match w {
        [] => false,
        [one] => {
            let mut hit = false;
            for_each_word(text, |_, _, x| hit = hit || x == one);
            hit
        }
        _ => text_index::Pattern::Words(w.to_vec()).is_in(text),
    }
}

/// Whether a word of `text` starts with `prefix` (folded).
fn starts_a_word(text: &str, prefix: &str) -> bool {
    let mut p = prefix;
    if p.len() > MAX_WORD_BYTES {
        let mut end = MAX_WORD_BYTES;
        while !p.is_char_boundary(end) {
            end -= 1;
        }
        p = &p[..end];
    }
    if text.is_ascii() && p.is_ascii() {
        // Words of ASCII text are its runs of letters and digits.
        let (t, p) = (text.as_bytes(), p.as_bytes());
        return (0..t.len()).any(|i| {
            t[i].is_ascii_alphanumeric()
                && (i == 0 || !t[i - 1].is_ascii_alphanumeric())
                && t.len() - i >= p.len()
                && t[i..i + p.len()].eq_ignore_ascii_case(p)
        });
    }
    let mut hit = false;
    for_each_word(text, |_, _, w| hit = hit || w.starts_with(p));
    hit
}

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

/// A query made ready for one entity table and for fast matching.
#[derive(Debug)]
pub struct Prepared {
    pub query: Query,
    terms: Vec<Prep>,
    /// The resolution the entity numbers are of.
    generation: u64,
    /// Entities and surfaces checked so far (the table grows while a
    /// load runs).
    entities_covered: usize,
    surfaces_covered: usize,
    /// The surfaces that name another entity in some article than their
    /// own (a surname alone: `Resolution::entity_in`), and by term,
    /// whether it holds that entity there, by (article, surface).
    overridden: Set,
    per_article: Vec<OverrideHits>,
}

/// Whether a term holds the entity a surface names in an article, by
/// (article, surface), sorted.
type OverrideHits = Vec<(u32, SurfaceId, bool)>;

/// A set of numbers (entities or surfaces), one bit each.
type Set = Vec<u64>;

fn has(bits: &[u64], i: u32) -> bool {
    let i = i as usize;
    bits.get(i / 64).is_some_and(|w| w & (1 << (i % 64)) != 0)
}

fn put(bits: &mut Set, i: usize) {
    if bits.len() <= i / 64 {
        bits.resize(i / 64 + 1, 0);
    }
    bits[i / 64] |= 1 << (i % 64);
}

/// What the word index finds for a plain word.
#[derive(Debug)]
struct TextHits {
    /// The articles with a word starting with it (title or body), with
    /// their counts.
    hits: Hits,
    bits: Bits,
    /// The articles the index had when asked: the others are judged by
    /// their titles.
    searchable: Bits,
}

impl TextHits {
    fn of(index: &Words, raw: &str, words: &[String]) -> TextHits {
        let hits = match words {
            [one] => index.lookup(Match::Prefix(one)),
            _ => index.search(raw),
        };
        let mut bits = Bits::default();
        for a in hits.articles() {
            bits.set(a as usize);
        }
        TextHits {
            hits,
            bits,
            searchable: index.searchable().clone(),
        }
    }
}

#[derive(Debug)]
enum Prep {
    /// A word (`title` and bodies too) or an `@word` (entities only).
    Fuzzy {
        pattern: Pattern,
        raw: String,
        /// `raw`'s folded words.
        words: Vec<String>,
        titles: bool,
        way: Way,
        /// Entities whose name or an alias matches, and their surfaces.
        entities: Set,
        surfaces: Set,
        /// Plain words with a word index: what it finds.
        text: Option<TextHits>,
    },
    /// `entity:id`: the entity, and its surfaces.
    Id {
        entity: Option<EntityId>,
        surfaces: Set,
    },
    Phrase(String),
    Date(DateRange),
    Read(bool),
    /// Folded: in the folded source, or the folded address of a feed.
    Feed(String),
    /// Folded: one of the article's (folded) tags.
    Tag(String),
    Starred,
}

/// What a query looks at in one article, short of a body on disk.
#[derive(Clone, Copy, Debug)]
pub struct Facts<'a> {
    /// Its number (the word index's name for it).
    pub article: usize,
    pub title: &'a str,
    pub date: Option<NaiveDate>,
    /// `None` when not in memory.
    pub body: Option<&'a str>,
    /// The surfaces it mentions, sorted.
    pub surfaces: &'a [SurfaceId],
    pub read: bool,
    /// Its source, and where it came from (a feed item: its feed's
    /// address).
    pub source: Option<&'a str>,
    pub path: &'a Path,
    /// Its tags, folded ([`fold`]).
    pub tags: &'a [String],
    pub starred: bool,
}

/// Whether the source of an article (or, for a feed item, its feed's
/// address) holds `folded`.
fn from_feed(f: &Facts, folded: &str) -> bool {
    let web = |p: &Path| {
        let p = p.to_string_lossy();
        (p.starts_with("http://") || p.starts_with("https://")) && fold(&p).contains(folded)
    };
    f.source.is_some_and(|s| fold(s).contains(folded)) || web(f.path)
}

/// What one article does with a query before any body is read.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Verdict {
    Pass,
    Fail,
    /// Depends on a phrase in a body not in memory.
    NeedsText,
}

fn matches(p: &Pattern, e: &Entity) -> bool {
    p.is_in(&e.name) || e.aliases.iter().any(|a| p.is_in(a))
}

fn matches_words(w: &[String], e: &Entity) -> bool {
    has_word_prefix(&e.name, w) || e.aliases.iter().any(|a| has_word_prefix(a, w))
}

/// The entities of `table` from `from` on whose name or an alias matches
/// (by words `w`, or by the letters of `p`) (among those of `only`, when
/// given), added to `bits`.
fn entity_matches(
    table: &EntityTable,
    way: Way,
    p: &Pattern,
    w: &[String],
    from: usize,
    only: Option<&[u64]>,
    bits: &mut Set,
) {
    for (i, e) in table.iter().enumerate().skip(from) {
        if only.is_some_and(|o| !has(o, i as u32)) {
            continue;
        }
        let hit = match way {
            Way::Words => matches_words(w, e),
            Way::Letters => matches(p, e),
        };
        if hit {
            put(bits, i);
        }
    }
}

/// The surfaces of `table` from `from` on whose entity is in `entities`,
/// added to `bits`; when `only` is given, among its surfaces (a query
/// that narrows the last looks among the last's). Once per query, over
/// every surface: kept to a load and a bit test each.
fn surfaces_of(
    table: &EntityTable,
    entities: &[u64],
    from: usize,
    only: Option<&[u64]>,
    bits: &mut Set,
) {
    let n = table.surfaces();
    if bits.len() < n.div_ceil(64) {
        bits.resize(n.div_ceil(64), 0);
    }
    if let Some(only) = only {
        for (w, &word) in only.iter().enumerate() {
            let mut word = word;
            while word != 0 {
                let s = w * 64 + word.trailing_zeros() as usize;
                word &= word - 1;
                if s >= from && s < n && has(entities, table.entity_of(s as SurfaceId)) {
                    bits[s / 64] |= 1 << (s % 64);
                }
            }
        }
        return;
    }
    let resolved = table.resolution().entities_of_surfaces();
    for (s, &e) in resolved.iter().enumerate().skip(from) {
        if has(entities, e) {
            bits[s / 64] |= 1 << (s % 64);
        }
    }
    for s in resolved.len().max(from)..n {
        if has(entities, table.entity_of(s as SurfaceId)) {
            bits[s / 64] |= 1 << (s % 64);
        }
    }
}

/// Where a surface names another entity in an article than its own (a
/// surname alone, `Resolution::entity_in`): those surfaces, and for each
/// term, whether it holds that entity there, by (article, surface). Few:
/// a walk over the resolution's overrides.
fn per_article(table: &EntityTable, terms: &[Prep]) -> (Set, Vec<OverrideHits>) {
    let overrides = table.resolution().overrides();
    let mut surfaces = Set::new();
    for &(_, s, _) in overrides {
        put(&mut surfaces, s as usize);
    }
    let hits = terms
        .iter()
        .map(|t| {
            let holds = |e: EntityId| match t {
                Prep::Fuzzy { entities, .. } => has(entities, e),
                Prep::Id { entity, .. } => *entity == Some(e),
                _ => false,
            };
            match t {
                Prep::Fuzzy { .. } | Prep::Id { .. } => overrides
                    .iter()
                    .map(|&(a, s, e)| (a, s, holds(e)))
                    .collect(),
                _ => Vec::new(),
            }
        })
        .collect();
    (surfaces, hits)
}

/// The surfaces of entity `e` from `from` on, added to `bits`.
fn surfaces_of_one(table: &EntityTable, e: Option<EntityId>, from: usize, bits: &mut Set) {
    if let Some(e) = e {
        for s in from..table.surfaces() {
            if table.entity_of(s as SurfaceId) == e {
                put(bits, s);
            }
        }
    }
}

impl Prepared {
    /// Prepares `query` without a word index (plain words match titles
    /// and entity names only); see [`Prepared::with_index`].
    pub fn new(query: Query, table: &EntityTable, prev: Option<&Prepared>) -> Prepared {
        Prepared::with_index(query, table, prev, None)
    }

    /// Prepares `query`; when `prev` was prepared for a query that this
    /// one only narrows (and for the same resolution), its entity sets are
    /// narrowed rather than rebuilt. Plain words find bodies through
    /// `index`, as far as it is built.
    pub fn with_index(
        query: Query,
        table: &EntityTable,
        prev: Option<&Prepared>,
        index: Option<&Words>,
    ) -> Prepared {
        let prev = prev.filter(|p| {
            p.generation == table.generation()
                && p.entities_covered == table.len()
                && p.surfaces_covered == table.surfaces()
                && narrows(&p.query, &query)
        });
        let terms: Vec<Prep> = query
            .terms
            .iter()
            .enumerate()
            .map(|(k, t)| match &t.kind {
                TermKind::Word(p) | TermKind::Entity(p) => {
                    let pattern = Pattern::new(p);
                    let words = folded_words(p);
                    let titles = matches!(t.kind, TermKind::Word(_));
                    let before = prev.and_then(|pr| match pr.terms.get(k) {
                        Some(Prep::Fuzzy {
                            entities,
                            surfaces,
                            way,
                            ..
                        }) => Some((entities.as_slice(), surfaces.as_slice(), *way)),
                        _ => None,
                    });
                    // By words first (a word prefix is in order, so the
                    // last set, however it matched, holds this one's).
                    let mut entities = Set::new();
                    let only = before.map(|b| b.0);
                    let w = Way::Words;
                    entity_matches(table, w, &pattern, &words, 0, only, &mut entities);
                    let text = index
                        .filter(|_| titles && !words.is_empty())
                        .map(|i| TextHits::of(i, p, &words));
                    let by_words = entities.iter().any(|&b| b != 0)
                        || text.as_ref().is_some_and(|t| !t.hits.is_empty());
                    let way = if by_words { Way::Words } else { Way::Letters };
                    if way == Way::Letters {
                        entities.clear();
                        let only = before.filter(|b| b.2 == Way::Letters).map(|b| b.0);
                        let l = Way::Letters;
                        entity_matches(table, l, &pattern, &words, 0, only, &mut entities);
                    }
                    let only = before
                        .filter(|b| !(b.2 == Way::Words && way == Way::Letters))
                        .map(|b| b.1);
                    let mut surfaces = Set::new();
                    surfaces_of(table, &entities, 0, only, &mut surfaces);
                    Prep::Fuzzy {
                        entities,
                        surfaces,
                        pattern,
                        raw: p.clone(),
                        words,
                        titles,
                        way,
                        text: text.filter(|_| way == Way::Words),
                    }
                }
                TermKind::EntityId(id) => {
                    let entity = table.find(id);
                    let mut surfaces = Set::new();
                    surfaces_of_one(table, entity, 0, &mut surfaces);
                    Prep::Id { entity, surfaces }
                }
                TermKind::Phrase(ph) => Prep::Phrase(ph.clone()),
                TermKind::Date(r) => Prep::Date(*r),
                TermKind::Read(r) => Prep::Read(*r),
                TermKind::Feed(f) => Prep::Feed(f.clone()),
                TermKind::Tag(t) => Prep::Tag(t.clone()),
                TermKind::Starred => Prep::Starred,
            })
            .collect();
        let (overridden, per_article) = per_article(table, &terms);
        Prepared {
            query,
            terms,
            generation: table.generation(),
            entities_covered: table.len(),
            surfaces_covered: table.surfaces(),
            overridden,
            per_article,
        }
    }

    /// Whether term `k` (whose surfaces are `set`) holds the entity
    /// surface `s` names in article `article`.
    fn names(&self, k: usize, article: usize, s: SurfaceId, set: &Set) -> bool {
        if has(&self.overridden, s)
            && let Some(hits) = self.per_article.get(k)
            && let Ok(i) = hits.binary_search_by(|h| (h.0, h.1).cmp(&(article as u32, s)))
        {
            return hits[i].2;
        }
        has(set, s)
    }

    /// Takes in what the entity table gained since: new surfaces (and
    /// their provisional entities) are checked, so articles that mention
    /// them can match; after a new resolution, everything is (plain words
    /// still finding bodies through `index`).
    pub fn refresh(&mut self, table: &EntityTable, index: &Words) {
        if self.generation != table.generation() {
            *self = Prepared::with_index(self.query.clone(), table, None, Some(index));
            return;
        }
        let (e0, s0) = (self.entities_covered, self.surfaces_covered);
        for t in &mut self.terms {
            match t {
                Prep::Fuzzy {
                    pattern,
                    words,
                    way,
                    entities,
                    surfaces,
                    ..
                } => {
                    entity_matches(table, *way, pattern, words, e0, None, entities);
                    surfaces_of(table, entities, s0, None, surfaces);
                }
                Prep::Id { entity, surfaces } => surfaces_of_one(table, *entity, s0, surfaces),
                Prep::Phrase(_)
                | Prep::Date(_)
                | Prep::Read(_)
                | Prep::Feed(_)
                | Prep::Tag(_)
                | Prep::Starred => {}
            }
        }
        self.entities_covered = table.len();
        self.surfaces_covered = table.surfaces();
        (self.overridden, self.per_article) = per_article(table, &self.terms);
    }

    /// Whether entities decide part of the query (a new resolution may
    /// change what it lists).
    pub fn uses_entities(&self) -> bool {
        self.terms
            .iter()
            .any(|t| matches!(t, Prep::Fuzzy { .. } | Prep::Id { .. }))
    }

    /// Whether the word index decides part of the query (plain words).
    pub fn uses_words(&self) -> bool {
        self.terms
            .iter()
            .any(|t| matches!(t, Prep::Fuzzy { titles: true, .. }))
    }

    /// Takes in what the word index found since: plain words look it up
    /// again. Returns whether a term would now match another way (by
    /// words rather than letters): the query is then to be prepared
    /// again.
    pub fn refresh_text(&mut self, index: &Words) -> bool {
        for t in &mut self.terms {
            if let Prep::Fuzzy {
                raw,
                words,
                titles: true,
                way,
                text,
                ..
            } = t
            {
                if words.is_empty() {
                    continue;
                }
                let found = TextHits::of(index, raw, words);
                if *way == Way::Letters && !found.hits.is_empty() {
                    return true;
                }
                if *way == Way::Words {
                    *text = Some(found);
                }
            }
        }
        false
    }

    /// Whether `self`, prepared after `prev`, lists only articles that
    /// `prev` listed: its query narrows `prev`'s and every term matches
    /// the same way (by words, or by letters).
    pub fn narrows_from(&self, prev: &Prepared) -> bool {
        narrows(&prev.query, &self.query)
            && self
                .terms
                .iter()
                .zip(&prev.terms)
                .all(|(a, b)| match (a, b) {
                    (Prep::Fuzzy { way: x, .. }, Prep::Fuzzy { way: y, .. }) => x == y,
                    _ => true,
                })
    }

    /// Whether read marks (or stars, kept with them) decide part of the
    /// query.
    pub fn has_read_term(&self) -> bool {
        self.terms
            .iter()
            .any(|t| matches!(t, Prep::Read(_) | Prep::Starred))
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

    /// Whether an article passes, on what is in memory of it.
    pub fn verdict(&self, f: &Facts) -> Verdict {
        let mut needs_text = false;
        for (k, (t, p)) in self.query.terms.iter().zip(&self.terms).enumerate() {
            let named = |set: &Set| f.surfaces.iter().any(|&s| self.names(k, f.article, s, set));
            let hit = match p {
                Prep::Date(r) => f.date.is_some_and(|d| r.contains(d)),
                Prep::Read(r) => f.read == *r,
                Prep::Starred => f.starred,
                Prep::Id { surfaces: set, .. } => named(set),
                Prep::Fuzzy {
                    pattern,
                    words,
                    titles,
                    way,
                    text,
                    surfaces: set,
                    ..
                } => {
                    named(set)
                        || (*titles
                            && match (way, text) {
                                (Way::Letters, _) => pattern.is_in(f.title),
                                (Way::Words, Some(t)) if t.searchable.get(f.article) => {
                                    t.bits.get(f.article)
                                }
                                (Way::Words, _) => has_word_prefix(f.title, words),
                            })
                }
                Prep::Feed(name) => from_feed(f, name),
                Prep::Tag(tag) => f.tags.iter().any(|t| t == tag),
                Prep::Phrase(ph) => match f.body {
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

    /// The score article `article` ranks by, summed over positive word
    /// terms. A term matching by words scores a whole word of the title
    /// above a word it starts, those above a name of a matching entity
    /// the article mentions (a whole word of it above a start), and all of
    /// those above the body alone (more often, higher): title and entity
    /// hits come first. A term matching by letters scores the best of
    /// SkimMatcherV2's score against the title and against the names of
    /// the article's matching entities. `cache` keeps entity scores.
    pub fn score(
        &self,
        skim: &SkimMatcherV2,
        (article, title): (usize, &str),
        surfaces: &[SurfaceId],
        table: &EntityTable,
        cache: &mut FxHashMap<(usize, EntityId), i64>,
    ) -> i64 {
        let mut total = 0;
        for (k, (t, p)) in self.query.terms.iter().zip(&self.terms).enumerate() {
            let Prep::Fuzzy {
                raw,
                words,
                titles,
                way,
                text,
                surfaces: set,
                ..
            } = p
            else {
                continue;
            };
            if t.negated {
                continue;
            }
            if *way == Way::Words {
                let whole = |s: &str| has_whole_words(s, words);
                let mut best = 0;
                if *titles && has_word_prefix(title, words) {
                    best = if whole(title) { 3000 } else { 2500 };
                }
                for &s in surfaces.iter().filter(|&&s| self.names(k, article, s, set)) {
                    let e = table.entity_in(article as u32, s);
                    let s = *cache.entry((k, e)).or_insert_with(|| {
                        let ent = table.entity(e);
                        let exact = std::iter::once(&ent.name)
                            .chain(&ent.aliases)
                            .any(|n| whole(n));
                        if exact { 2000 } else { 1500 }
                    });
                    best = best.max(s);
                }
                let body = text
                    .as_ref()
                    .and_then(|t| t.hits.get(article as u32))
                    .filter(|h| h.body > 0)
                    .map_or(0, |h| 500 + 4 * i64::from(h.body.min(100)));
                total += best + body;
                continue;
            }
            let mut best = if *titles {
                skim.fuzzy_match(title, raw).unwrap_or(i64::MIN)
            } else {
                i64::MIN
            };
            for &s in surfaces.iter().filter(|&&s| self.names(k, article, s, set)) {
                let e = table.entity_in(article as u32, s);
                let s = *cache.entry((k, e)).or_insert_with(|| {
                    let ent = table.entity(e);
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
    pub fn best_entity(&self, skim: &SkimMatcherV2, table: &EntityTable) -> Option<EntityId> {
        let (raw, words, set) =
            self.query
                .terms
                .iter()
                .zip(&self.terms)
                .find_map(|(t, p)| match (p, &t.kind) {
                    (
                        Prep::Fuzzy {
                            raw,
                            words,
                            entities,
                            ..
                        },
                        TermKind::Entity(_),
                    ) if !t.negated => Some((raw, words, entities)),
                    _ => None,
                })?;
        // A name that is what was typed, then one with it as a whole
        // word, then the rest.
        let closeness = |n: &str| {
            if folded_words(n) == *words {
                2
            } else if has_whole_words(n, words) {
                1
            } else {
                0
            }
        };
        (0..table.len() as EntityId)
            .filter(|&e| has(set, e))
            .filter_map(|e| {
                let ent = table.entity(e);
                if ent.mentions == 0 {
                    return None;
                }
                let names = || std::iter::once(&ent.name).chain(&ent.aliases);
                let s = names().filter_map(|n| skim.fuzzy_match(n, raw)).max()?;
                let close = names().map(|n| closeness(n)).max().unwrap_or(0);
                Some((e, (close, s), ent.mentions))
            })
            .max_by(|a, b| a.1.cmp(&b.1).then(a.2.cmp(&b.2)).then(b.0.cmp(&a.0)))
            .map(|(e, _, _)| e)
    }
}

impl Prepared {
    /// Char indices of `title` that the query's plain words match, sorted:
    /// the words they start (matching by words) or their letters (by
    /// letters), for highlighting.
    pub fn title_indices(&self, skim: &SkimMatcherV2, title: &str) -> Vec<usize> {
        let mut out = Vec::new();
        for (t, p) in self.query.terms.iter().zip(&self.terms) {
            let Prep::Fuzzy {
                raw,
                words,
                titles: true,
                way,
                ..
            } = p
            else {
                continue;
            };
            if t.negated {
                continue;
            }
            match way {
                Way::Letters => {
                    if let Some((_, idx)) = skim.fuzzy_indices(title, raw) {
                        out.extend(idx);
                    }
                }
                Way::Words => {
                    let pattern = [text_index::Pattern::Prefix(words.clone())];
                    let found = text_index::find(title, &pattern);
                    for (i, (b, _)) in title.char_indices().enumerate() {
                        if found.iter().any(|f| f.start <= b && b < f.end) {
                            out.push(i);
                        }
                    }
                }
            }
        }
        out.sort_unstable();
        out.dedup();
        out
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

/// The one fuzzy matcher of the app.
pub struct Matcher {
    skim: SkimMatcherV2,
}

impl Default for Matcher {
    fn default() -> Self {
        Matcher {
            skim: SkimMatcherV2::default().smart_case(),
        }
    }
}

impl std::fmt::Debug for Matcher {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Matcher(SkimMatcherV2)")
    }
}

impl Matcher {
    pub fn skim(&self) -> &SkimMatcherV2 {
        &self.skim
    }
}

/// Whether `hay` contains `needle_lower` (already lowercase), ignoring case.
/// ASCII needles search the bytes without allocating.
pub fn contains_ignore_case(hay: &str, needle_lower: &str) -> bool {
    if needle_lower.is_ascii() {
        let (h, n) = (hay.as_bytes(), needle_lower.as_bytes());
        if n.is_empty() {
            return true;
        }
        let first = n[0];
        let alt = first.to_ascii_uppercase();
        h.len() >= n.len()
            && (0..=h.len() - n.len()).any(|i| {
                (h[i] == first || h[i] == alt) && h[i..i + n.len()].eq_ignore_ascii_case(n)
            })
    } else {
        hay.to_lowercase().contains(needle_lower)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::corpus::Article;
    use crate::entities::{ArticleEntities, FoundEntity, FoundMention, Kind};
    use crate::resolve::resolve_corpus;
    use proptest::prelude::*;
    use std::path::PathBuf;

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

    fn article(title: &str, date: &str, body: &str) -> Article {
        Article::new(
            crate::corpus::ArticleMeta {
                id: title.into(),
                path: PathBuf::from(format!("{title}.txt")),
                date: date.parse().ok(),
                title: title.into(),
                explicit_title: true,
                source: None,
                url: None,
                ..Default::default()
            },
            body.into(),
        )
    }

    /// Article 0 mentions Khalifa Haftar (alias Haftar); article 1 the LNA.
    fn corpus() -> (Vec<Article>, EntityTable, Vec<Vec<SurfaceId>>) {
        let arts = vec![
            article(
                "Haftar forces enter Sirte",
                "2020-01-06",
                "Khalifa Haftar said. Oil Ports were seized.",
            ),
            article("Militias withdraw", "2020-01-07", "The LNA said nothing."),
            article("Undated note", "", "Nothing here."),
        ];
        let found = vec![
            ArticleEntities {
                entities: vec![FoundEntity {
                    name: "Khalifa Haftar".into(),
                    kind: Kind::Person,
                    aliases: vec!["Haftar".into()],
                    date: None,
                }],
                mentions: vec![FoundMention {
                    start: 0,
                    end: 14,
                    entity: 0,
                }],
            },
            ArticleEntities {
                entities: vec![FoundEntity {
                    name: "Libyan National Army".into(),
                    kind: Kind::Organization,
                    aliases: vec!["LNA".into()],
                    date: None,
                }],
                mentions: vec![FoundMention {
                    start: 4,
                    end: 7,
                    entity: 0,
                }],
            },
            ArticleEntities::default(),
        ];
        let resolved = resolve_corpus(arts.iter().map(|a| &a.meta).zip(found));
        let ents = resolved
            .mentions
            .iter()
            .map(|ms| {
                let mut v: Vec<_> = ms.iter().map(|m| m.entity).collect();
                v.sort_unstable();
                v.dedup();
                v
            })
            .collect();
        (arts, EntityTable::new(resolved.resolution), ents)
    }

    fn facts<'a>(a: &'a Article, surfaces: &'a [SurfaceId], read: bool) -> Facts<'a> {
        Facts {
            // (No word index here: the number is not looked up.)
            article: 0,
            title: &a.title,
            date: a.date,
            body: Some(&a.body),
            surfaces,
            read,
            source: a.source.as_deref(),
            path: &a.path,
            tags: &[],
            starred: false,
        }
    }

    #[test]
    fn feed_and_tag_terms() {
        let mut item = article("Talks in Cairo", "2020-01-07", "Envoys met.");
        item.meta.source = Some("Al Jazeera English".into());
        item.meta.path = "https://www.aljazeera.com/xml/rss/all.xml".into();
        let mut file = article("A note", "2020-01-06", "Envoys met.");
        file.meta.source = Some("Reuters".into());
        let tags = ["libya".to_string(), "northafrica".to_string()];
        let table = EntityTable::default();
        let holds = |q: &str, a: &Article, tags: &[String]| {
            let f = Prepared::new(Query::parse(q).unwrap(), &table, None);
            let mut x = facts(a, &[], false);
            x.tags = tags;
            f.verdict(&x) == Verdict::Pass
        };
        assert!(holds("feed:aljazeera", &item, &[]));
        assert!(holds("feed:\"al jazeera\"", &item, &[]));
        assert!(holds("feed:xml", &item, &[]), "the feed's address");
        assert!(!holds("feed:reuters", &item, &[]));
        assert!(holds("feed:reuters", &file, &[]), "a file's source");
        assert!(!holds("feed:home", &file, &[]), "a file's path is no feed");
        assert!(holds("tag:libya", &item, &tags));
        assert!(holds("tag:North-Africa", &item, &tags));
        assert!(!holds("tag:liby", &item, &tags), "a whole tag");
        assert!(holds("!tag:egypt", &item, &tags));
        assert!(!holds("tag:libya", &file, &[]));
    }

    fn matching(q: &str) -> Vec<usize> {
        let (arts, table, ents) = corpus();
        let skim = SkimMatcherV2::default().smart_case();
        let f = Prepared::new(Query::parse(q).unwrap(), &table, None);
        let mut cache = Default::default();
        let mut hits: Vec<(usize, i64)> = (0..arts.len())
            .filter(|&i| {
                let a = &arts[i];
                f.verdict(&facts(a, &ents[i], i == 2)) == Verdict::Pass
            })
            .map(|i| {
                (
                    i,
                    f.score(&skim, (i, &arts[i].title), &ents[i], &table, &mut cache),
                )
            })
            .collect();
        if f.ranks() {
            hits.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
        }
        hits.into_iter().map(|(i, _)| i).collect()
    }

    #[test]
    fn words_match_titles_and_entity_names() {
        assert_eq!(matching("sirte"), [0]);
        assert_eq!(matching("srt"), [0], "fuzzy");
        assert_eq!(matching("national"), [1], "through an entity name");
        assert_eq!(matching("lna"), [1], "through an alias");
        assert_eq!(matching(""), [0, 1, 2]);
    }

    #[test]
    fn at_terms_match_entities_only() {
        assert_eq!(matching("@haft"), [0]);
        assert_eq!(
            matching("@sirte"),
            Vec::<usize>::new(),
            "a title is not an entity"
        );
        assert_eq!(matching("@lna"), [1]);
    }

    #[test]
    fn phrases_dates_ids_and_negation() {
        assert_eq!(matching("\"oil ports\""), [0]);
        assert_eq!(matching("\"OIL PORTS\""), [0]);
        assert_eq!(matching("\"ports oil\""), Vec::<usize>::new());
        assert_eq!(matching("date:2020-01-07"), [1]);
        assert_eq!(matching("date:2020-01"), [0, 1]);
        assert_eq!(matching("date:2020-01-01..2020-01-06"), [0]);
        assert_eq!(matching("!date:2020"), [2], "undated articles fail a date");
        assert_eq!(matching("entity:khalifa-haftar"), [0]);
        assert_eq!(matching("entity:nobody"), Vec::<usize>::new());
        assert_eq!(matching("!@haft"), [1, 2]);
        assert_eq!(matching("!\"said\""), [2]);
        assert_eq!(matching("said !lna"), Vec::<usize>::new());
        assert_eq!(matching("date:2020 !sirte"), [1]);
        // `matching` has article 2 read, the others not.
        assert_eq!(matching("is:read"), [2]);
        assert_eq!(matching("is:unread"), [0, 1]);
        assert_eq!(matching("!is:read date:2020"), [0, 1]);
        assert_eq!(matching("is:unread @haft"), [0]);
    }

    #[test]
    fn ordered_by_score_then_corpus_order() {
        let arts = [
            article("Sit for tea", "2020-01-07", ""),
            article("Sirte falls", "2020-01-06", ""),
            article("Nothing", "2020-01-05", ""),
            article("Sirte again", "2020-01-04", ""),
        ];
        let table = EntityTable::default();
        let skim = SkimMatcherV2::default().smart_case();
        let f = Prepared::new(Query::parse("sirte").unwrap(), &table, None);
        let mut cache = Default::default();
        let s: Vec<_> = arts
            .iter()
            .map(|a| {
                (f.verdict(&facts(a, &[], false)) == Verdict::Pass)
                    .then(|| f.score(&skim, (0, &a.title), &[], &table, &mut cache))
            })
            .collect();
        assert!(
            s[1] > s[0],
            "{s:?}: a contiguous match beats a scattered one"
        );
        assert_eq!(s[2], None);
        assert_eq!(s[1], s[3]);
        // Terms without a score (dates, phrases) keep the corpus order.
        assert!(!Query::parse("date:2020 \"x\"").unwrap().ranks());
        assert!(!Query::parse("!sirte").unwrap().ranks());
        assert!(Query::parse("@sirte").unwrap().ranks());
    }

    #[test]
    fn non_ascii_phrases_ignore_case() {
        assert!(contains_ignore_case("Recep ERDOĞAN spoke", "erdoğan"));
        assert!(contains_ignore_case("abc", ""));
        assert!(!contains_ignore_case("ab", "abc"));
        assert!(contains_ignore_case("xxABC", "abc"));
    }

    #[test]
    fn best_entity_and_title_highlights() {
        let (_, table, _) = corpus();
        let skim = SkimMatcherV2::default().smart_case();
        let f = Prepared::new(Query::parse("@haftar").unwrap(), &table, None);
        assert_eq!(f.best_entity(&skim, &table), table.find("khalifa-haftar"));
        let f = Prepared::new(Query::parse("sirte").unwrap(), &table, None);
        assert_eq!(f.best_entity(&skim, &table), None);
        // Scattered letters (nothing starts a word with `srt`) are shown
        // as such; a word's start is shown whole.
        let f = Prepared::new(Query::parse("srt !x @y").unwrap(), &table, None);
        assert_eq!(
            f.title_indices(&skim, "Haftar forces enter Sirte"),
            [20, 22, 23]
        );
        let f = Prepared::new(Query::parse("for").unwrap(), &table, None);
        assert_eq!(
            f.title_indices(&skim, "Haftar forces enter Sirte"),
            [7, 8, 9]
        );
    }

    /// A title, a body, and the entity it mentions (name, kind, aliases).
    type Doc<'a> = (&'a str, &'a str, Option<(&'a str, Kind, &'a [&'a str])>);

    /// Articles, their entities, the surfaces each mentions, the index.
    type Indexed = (Vec<Article>, EntityTable, Vec<Vec<SurfaceId>>, Words);

    /// Articles, one entity each (by name and aliases), and a word index
    /// of their titles and bodies, built here.
    fn indexed(docs: &[Doc]) -> Indexed {
        let arts: Vec<Article> = docs
            .iter()
            .enumerate()
            .map(|(i, (t, b, _))| article(t, &format!("2020-01-{:02}", 28 - i), b))
            .collect();
        let found = docs.iter().map(|(.., e)| match e {
            Some((name, kind, aliases)) => ArticleEntities {
                entities: vec![FoundEntity {
                    name: (*name).into(),
                    kind: *kind,
                    aliases: aliases.iter().map(|a| (*a).into()).collect(),
                    date: None,
                }],
                mentions: vec![FoundMention {
                    start: 0,
                    end: 1,
                    entity: 0,
                }],
            },
            None => ArticleEntities::default(),
        });
        let resolved = resolve_corpus(arts.iter().map(|a| &a.meta).zip(found));
        let ents = resolved
            .mentions
            .iter()
            .map(|ms| ms.iter().map(|m| m.entity).collect())
            .collect();
        let mut words = Words::default();
        words.next_to_read(arts.len());
        let terms = arts
            .iter()
            .enumerate()
            .map(|(i, a)| (i as u32, text_index::ArticleTerms::new(&a.title, &a.body)))
            .collect();
        words.add(terms, true);
        let job = words.build_job(true).unwrap();
        words.built(job.run());
        (arts, EntityTable::new(resolved.resolution), ents, words)
    }

    /// The articles `q` lists, ranked, with the index.
    fn listed(q: &str, (arts, table, ents, words): &Indexed) -> Vec<usize> {
        let skim = SkimMatcherV2::default().smart_case();
        let f = Prepared::with_index(Query::parse(q).unwrap(), table, None, Some(words));
        let mut cache = Default::default();
        let mut hits: Vec<(usize, i64)> = (0..arts.len())
            .filter(|&i| {
                let mut x = facts(&arts[i], &ents[i], false);
                x.article = i;
                x.body = None;
                f.verdict(&x) == Verdict::Pass
            })
            .map(|i| {
                (
                    i,
                    f.score(&skim, (i, &arts[i].title), &ents[i], table, &mut cache),
                )
            })
            .collect();
        hits.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
        hits.into_iter().map(|(i, _)| i).collect()
    }

    #[test]
    fn at_names_match_words_of_names_before_scattered_letters() {
        let c = indexed(&[
            (
                "Talks resume",
                "Envoys met.",
                Some(("Iran", Kind::Location, &[])),
            ),
            (
                "Oil prices",
                "Markets rose.",
                Some(("Iranian Oil Company", Kind::Organization, &[])),
            ),
            ("Rugby", "A match.", Some(("Ireland", Kind::Location, &[]))),
            (
                "Rail",
                "Trains.",
                Some((
                    "International Railway Association",
                    Kind::Organization,
                    &["IRA"],
                )),
            ),
            (
                "Ports",
                "Ships.",
                Some(("Port of Tehran", Kind::Location, &["Bandar Iran"])),
            ),
        ]);
        // A whole word of a name (Iran, Bandar Iran) before a start of one.
        assert_eq!(
            listed("@iran", &c),
            [0, 4, 1],
            "a word of a name or alias starts with it"
        );
        assert_eq!(listed("@IRAN", &c), [0, 4, 1], "ignoring case");
        assert_eq!(listed("@ira", &c), [3, 0, 1, 4], "IRA: an alias, whole");
        // Nothing starts a word with `irn`: scattered letters, then.
        let irn = listed("@irn", &c);
        assert_eq!(irn.len(), 5, "{irn:?}: every name with i, r, n in order");
        assert_eq!(irn[0], 0, "{irn:?}: Iran, the tightest, first");
        assert_eq!(listed("@ire", &c), [2]);
        let skim = SkimMatcherV2::default().smart_case();
        let f = Prepared::with_index(Query::parse("@iran").unwrap(), &c.1, None, Some(&c.3));
        assert_eq!(
            f.best_entity(&skim, &c.1),
            c.1.find("iran"),
            "the name typed whole first"
        );
    }

    #[test]
    fn plain_words_find_bodies_ranked_below_titles_and_entities() {
        let c = indexed(&[
            (
                "Markets rally",
                "Traders cheered the ceasefire twice: the ceasefire held.",
                None,
            ),
            ("Ceasefire holds in Tripoli", "Guns fell silent.", None),
            (
                "Envoy speaks",
                "Nothing of it.",
                Some(("Ceasefire Committee", Kind::Organization, &[])),
            ),
            (
                "Weather",
                "Sunny, a cease of rain; fire in the hills.",
                None,
            ),
            ("Ceasefires elsewhere", "More talks.", None),
            (
                "Sports",
                "A quiet day; the ceasefire was mentioned once.",
                None,
            ),
        ]);
        // The title's whole word, a title word it starts, an entity, then
        // bodies by how often; `cease ... fire` scattered is no match.
        assert_eq!(listed("ceasefire", &c), [1, 4, 2, 0, 5]);
        assert_eq!(listed("Ceasefire", &c), [1, 4, 2, 0, 5], "case is ignored");
        assert_eq!(listed("ceasef", &c), [1, 4, 2, 0, 5], "a word's start");
        assert_eq!(
            listed("\"ceasefire\"", &c),
            Vec::<usize>::new(),
            "phrases need bodies"
        );
        // Without any word starting so, scattered letters in titles.
        assert_eq!(listed("mkrly", &c), [0]);
        assert!(listed("zzzq", &c).is_empty());
        // Words and other terms together.
        assert_eq!(listed("ceasefire !tripoli", &c), [4, 2, 0, 5]);
        assert_eq!(listed("silent guns", &c), [1]);
    }

    #[test]
    fn unsearchable_articles_are_judged_by_their_titles() {
        let (arts, table, ents, _) = indexed(&[("x", "y", None)]);
        let words = Words::default();
        let f = Prepared::with_index(Query::parse("hold").unwrap(), &table, None, Some(&words));
        let mut a = article("Ceasefire holds", "", "The truce holds.");
        a.meta.title = "Ceasefire holds".into();
        let x = facts(&a, &[], false);
        assert_eq!(f.verdict(&x), Verdict::Pass);
        let b = article("Household names", "", "");
        assert_eq!(f.verdict(&facts(&b, &[], false)), Verdict::Pass);
        let _ = (arts, ents);
    }

    #[test]
    fn words_match_ascii_and_folded_text_alike() {
        let w = |s: &str| folded_words(s);
        assert!(has_word_prefix("Recep Tayyip Erdoğan", &w("erdog")));
        assert!(has_word_prefix("Recep Tayyip Erdogan", &w("Erdoğ")));
        assert!(has_word_prefix("al-Qaeda fighters", &w("qae")));
        assert!(has_word_prefix("al-Qaeda fighters", &w("al-qa")));
        assert!(!has_word_prefix("Ireland", &w("iran")));
        assert!(!has_word_prefix("soil", &w("oil")));
        assert!(has_word_prefix("OIL", &w("oil")));
        assert!(!has_word_prefix("", &w("oil")));
        assert!(!has_word_prefix("oil", &[]));
        assert!(has_whole_words("Oil ports", &w("OIL")));
        assert!(!has_whole_words("Oils", &w("oil")));
        assert!(has_whole_words("al-Qaeda fighters", &w("al qaeda")));
        assert!(!has_whole_words("al-Qaeda fighters", &w("al qae")));
    }
}

//! Filtering a list of 100,000 articles between two keystrokes.
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

use super::query::{DateRange, Query, TermKind, fold};
use crate::base::hash::FxHashMap;
use crate::resolve::{Entity, EntityId, EntityTable, SurfaceId};

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
}

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

#[derive(Debug)]
enum Prep {
    /// A word (`title` too) or an `@word` (entities only).
    Fuzzy {
        pattern: Pattern,
        raw: String,
        titles: bool,
        /// Entities whose name or an alias matches, and their surfaces.
        entities: Set,
        surfaces: Set,
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

/// The entities of `table` from `from` on whose name or an alias matches
/// `p` (among those of `only`, when given), added to `bits`.
fn entity_matches(
    table: &EntityTable,
    p: &Pattern,
    from: usize,
    only: Option<&[u64]>,
    bits: &mut Set,
) {
    for (i, e) in table.iter().enumerate().skip(from) {
        if only.is_some_and(|o| !has(o, i as u32)) {
            continue;
        }
        if matches(p, e) {
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
    /// Prepares `query`; when `prev` was prepared for a query that this
    /// one only narrows (and for the same resolution), its entity sets are
    /// narrowed rather than rebuilt.
    pub fn new(query: Query, table: &EntityTable, prev: Option<&Prepared>) -> Prepared {
        let prev = prev.filter(|p| {
            p.generation == table.generation()
                && p.entities_covered == table.len()
                && p.surfaces_covered == table.surfaces()
                && narrows(&p.query, &query)
        });
        let terms = query
            .terms
            .iter()
            .enumerate()
            .map(|(k, t)| match &t.kind {
                TermKind::Word(p) | TermKind::Entity(p) => {
                    let pattern = Pattern::new(p);
                    let before = prev.and_then(|pr| match pr.terms.get(k) {
                        Some(Prep::Fuzzy {
                            entities, surfaces, ..
                        }) => Some((entities.as_slice(), surfaces.as_slice())),
                        _ => None,
                    });
                    let mut entities = Set::new();
                    entity_matches(table, &pattern, 0, before.map(|b| b.0), &mut entities);
                    let mut surfaces = Set::new();
                    surfaces_of(table, &entities, 0, before.map(|b| b.1), &mut surfaces);
                    Prep::Fuzzy {
                        entities,
                        surfaces,
                        pattern,
                        raw: p.clone(),
                        titles: matches!(t.kind, TermKind::Word(_)),
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
        Prepared {
            query,
            terms,
            generation: table.generation(),
            entities_covered: table.len(),
            surfaces_covered: table.surfaces(),
        }
    }

    /// Takes in what the entity table gained since: new surfaces (and
    /// their provisional entities) are checked, so articles that mention
    /// them can match; after a new resolution, everything is.
    pub fn refresh(&mut self, table: &EntityTable) {
        if self.generation != table.generation() {
            *self = Prepared::new(self.query.clone(), table, None);
            return;
        }
        let (e0, s0) = (self.entities_covered, self.surfaces_covered);
        for t in &mut self.terms {
            match t {
                Prep::Fuzzy {
                    pattern,
                    entities,
                    surfaces,
                    ..
                } => {
                    entity_matches(table, pattern, e0, None, entities);
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
    }

    /// Whether entities decide part of the query (a new resolution may
    /// change what it lists).
    pub fn uses_entities(&self) -> bool {
        self.terms
            .iter()
            .any(|t| matches!(t, Prep::Fuzzy { .. } | Prep::Id { .. }))
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
        for (t, p) in self.query.terms.iter().zip(&self.terms) {
            let hit = match p {
                Prep::Date(r) => f.date.is_some_and(|d| r.contains(d)),
                Prep::Read(r) => f.read == *r,
                Prep::Starred => f.starred,
                Prep::Id { surfaces: set, .. } => f.surfaces.iter().any(|&s| has(set, s)),
                Prep::Fuzzy {
                    pattern,
                    titles,
                    surfaces: set,
                    ..
                } => (*titles && pattern.is_in(f.title)) || f.surfaces.iter().any(|&s| has(set, s)),
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

    /// The score an article ranks by: over positive fuzzy terms, the best
    /// of SkimMatcherV2's score against the title and against the names of
    /// the article's matching entities (by the surfaces it mentions).
    /// `cache` keeps entity scores.
    pub fn score(
        &self,
        skim: &SkimMatcherV2,
        title: &str,
        surfaces: &[SurfaceId],
        table: &EntityTable,
        cache: &mut FxHashMap<(usize, EntityId), i64>,
    ) -> i64 {
        let mut total = 0;
        for (k, (t, p)) in self.query.terms.iter().zip(&self.terms).enumerate() {
            let Prep::Fuzzy {
                raw,
                titles,
                surfaces: set,
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
            for &s in surfaces.iter().filter(|&&s| has(set, s)) {
                let e = table.entity_of(s);
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
        (0..table.len() as EntityId)
            .filter(|&e| has(set, e))
            .filter_map(|e| {
                let ent = table.entity(e);
                if ent.mentions == 0 {
                    return None;
                }
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

    /// Char indices of `title` matched by the query's plain words, sorted.
    pub fn title_indices(&self, query: &Query, title: &str) -> Vec<usize> {
        let mut out: Vec<usize> = query
            .title_patterns()
            .filter_map(|p| self.skim.fuzzy_indices(title, p))
            .flat_map(|(_, idx)| idx)
            .collect();
        out.sort_unstable();
        out.dedup();
        out
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
                    f.score(&skim, &arts[i].title, &ents[i], &table, &mut cache),
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
                    .then(|| f.score(&skim, &a.title, &[], &table, &mut cache))
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
        let m = Matcher::default();
        let skim = SkimMatcherV2::default().smart_case();
        let f = Prepared::new(Query::parse("@haftar").unwrap(), &table, None);
        assert_eq!(f.best_entity(&skim, &table), table.find("khalifa-haftar"));
        let f = Prepared::new(Query::parse("sirte").unwrap(), &table, None);
        assert_eq!(f.best_entity(&skim, &table), None);
        let q = Query::parse("srt !x @y").unwrap();
        assert_eq!(
            m.title_indices(&q, "Haftar forces enter Sirte"),
            [20, 22, 23]
        );
    }
}

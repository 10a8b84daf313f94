//! The filter query language, and matching one article against a query.
//! Pure and terminal-free; the list view is rebuilt from it in `update`.
//!
//! A query is space-separated terms, all of which must hold:
//!
//! | term | holds when |
//! | --- | --- |
//! | `word` | `word` fuzzy-matches the title, or the name or an alias of an entity the article mentions |
//! | `@word` | the article mentions an entity whose name or an alias fuzzy-matches `word` (`@"khalifa h"` for spaces) |
//! | `"a phrase"` | the body contains the phrase, ignoring case |
//! | `date:2020`, `date:2020-01`, `date:2020-01-06` | the article's date is in that year, month or day |
//! | `date:2020-01-01..2020-01-31` | the date is in the range (inclusive; either end may be left out) |
//! | `entity:khalifa-haftar` | the article mentions the entity with this id (what `f` types) |
//! | `is:unread`, `is:read` | the article is unread / read |
//! | `!term` | the term does not hold |
//!
//! Fuzzy matching is fuzzy-matcher's SkimMatcherV2 with smart case (a
//! capital in the pattern makes it case-sensitive). Entities are scored
//! once per query ([`search::Prepared::new`](super::search::Prepared::new)), not once per article, so matching an
//! article is a lookup per entity it mentions.

use chrono::NaiveDate;
use fuzzy_matcher::FuzzyMatcher;
use fuzzy_matcher::skim::SkimMatcherV2;

use crate::entities::DateValue;

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Query {
    pub terms: Vec<Term>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Term {
    pub negated: bool,
    pub kind: TermKind,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum TermKind {
    /// Fuzzy against title and entity names.
    Word(String),
    /// Fuzzy against entity names only.
    Entity(String),
    /// Exact entity id.
    EntityId(String),
    /// Lowercased phrase the body must contain.
    Phrase(String),
    Date(DateRange),
    /// The article is read (`true`) or unread.
    Read(bool),
}

/// Inclusive; `None` leaves that end open.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct DateRange {
    pub from: Option<NaiveDate>,
    pub to: Option<NaiveDate>,
}

impl DateRange {
    pub fn contains(&self, d: NaiveDate) -> bool {
        self.from.is_none_or(|f| f <= d) && self.to.is_none_or(|t| d <= t)
    }
}

#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum QueryError {
    #[error("unclosed quote: close the phrase with \"")]
    UnclosedQuote,
    #[error("{0} needs something after it")]
    Empty(&'static str),
    #[error("bad date {0:?}: use date:YYYY, YYYY-MM, YYYY-MM-DD or FROM..TO")]
    BadDate(String),
    #[error("date range {0:?} ends before it starts")]
    BackwardsRange(String),
    #[error("is:{0} is not known: use is:unread or is:read")]
    BadIs(String),
}

impl Query {
    /// Parses a query; the empty string is the empty query (everything).
    pub fn parse(input: &str) -> Result<Query, QueryError> {
        let mut terms = Vec::new();
        let mut rest = input.trim_start();
        while !rest.is_empty() {
            let (term, after) = parse_term(rest)?;
            terms.push(term);
            rest = after.trim_start();
        }
        Ok(Query { terms })
    }

    pub fn is_empty(&self) -> bool {
        self.terms.is_empty()
    }

    /// Whether matches are ordered by score (some positive fuzzy term).
    pub fn ranks(&self) -> bool {
        self.terms
            .iter()
            .any(|t| !t.negated && matches!(t.kind, TermKind::Word(_) | TermKind::Entity(_)))
    }

    /// The fuzzy patterns whose matches are highlighted in titles.
    pub fn title_patterns(&self) -> impl Iterator<Item = &str> {
        self.terms.iter().filter_map(|t| match &t.kind {
            TermKind::Word(w) if !t.negated => Some(w.as_str()),
            _ => None,
        })
    }
}

/// One term off the front of `s` (which starts with a non-space), and the
/// rest of `s`.
fn parse_term(s: &str) -> Result<(Term, &str), QueryError> {
    let (negated, s) = match s.strip_prefix('!') {
        Some(r) => (true, r),
        None => (false, s),
    };
    let (prefix, s) = if let Some(r) = s.strip_prefix('@') {
        ("@", r)
    } else if let Some(r) = s.strip_prefix("date:") {
        ("date:", r)
    } else if let Some(r) = s.strip_prefix("entity:") {
        ("entity:", r)
    } else if let Some(r) = s.strip_prefix("is:") {
        ("is:", r)
    } else {
        ("", s)
    };
    let (value, quoted, rest) = if let Some(r) = s.strip_prefix('"') {
        let end = r.find('"').ok_or(QueryError::UnclosedQuote)?;
        (&r[..end], true, &r[end + 1..])
    } else {
        let end = s.find(char::is_whitespace).unwrap_or(s.len());
        (&s[..end], false, &s[end..])
    };
    if value.trim().is_empty() {
        return Err(QueryError::Empty(match (prefix, negated, quoted) {
            ("@", ..) => "@",
            ("date:", ..) => "date:",
            ("entity:", ..) => "entity:",
            ("is:", ..) => "is:",
            (_, _, true) => "a quote",
            _ => "!",
        }));
    }
    let kind = match prefix {
        "@" => TermKind::Entity(value.trim().to_string()),
        "date:" => TermKind::Date(parse_dates(value)?),
        "entity:" => TermKind::EntityId(value.to_string()),
        "is:" => match value {
            "unread" => TermKind::Read(false),
            "read" => TermKind::Read(true),
            other => return Err(QueryError::BadIs(other.to_string())),
        },
        _ if quoted => TermKind::Phrase(value.to_lowercase()),
        _ => TermKind::Word(value.to_string()),
    };
    Ok((Term { negated, kind }, rest))
}

fn parse_dates(s: &str) -> Result<DateRange, QueryError> {
    let bad = || QueryError::BadDate(s.to_string());
    let one = |p: &str| DateValue::parse(p).ok_or_else(bad);
    let range = match s.split_once("..") {
        None => {
            let d = one(s)?;
            DateRange {
                from: d.first_day(),
                to: last_day(d),
            }
        }
        Some((a, b)) => {
            if a.is_empty() && b.is_empty() {
                return Err(bad());
            }
            let from = if a.is_empty() {
                None
            } else {
                one(a)?.first_day()
            };
            let to = if b.is_empty() {
                None
            } else {
                last_day(one(b)?)
            };
            DateRange { from, to }
        }
    };
    if let (Some(f), Some(t)) = (range.from, range.to)
        && f > t
    {
        return Err(QueryError::BackwardsRange(s.to_string()));
    }
    Ok(range)
}

fn last_day(d: DateValue) -> Option<NaiveDate> {
    match d {
        DateValue::Year(y) => NaiveDate::from_ymd_opt(y, 12, 31),
        DateValue::Month(y, m) => {
            let (ny, nm) = if m == 12 { (y + 1, 1) } else { (y, m + 1) };
            NaiveDate::from_ymd_opt(ny, nm, 1)?.pred_opt()
        }
        DateValue::Day(d) => Some(d),
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

    pub fn score(&self, choice: &str, pattern: &str) -> Option<i64> {
        self.skim.fuzzy_match(choice, pattern)
    }

    /// Best score of `pattern` against an entity's name and aliases.
    pub fn entity_score(&self, e: &crate::index::Entity, pattern: &str) -> Option<i64> {
        std::iter::once(&e.name)
            .chain(&e.aliases)
            .filter_map(|n| self.score(n, pattern))
            .max()
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
    use crate::app::search::{Prepared, Verdict};
    use crate::corpus::Article;
    use crate::entities::{ArticleEntities, FoundEntity, FoundMention, Kind};
    use crate::index::{EntityId, EntityIndex};
    use fuzzy_matcher::skim::SkimMatcherV2;
    use std::path::PathBuf;

    fn word(w: &str) -> Term {
        Term {
            negated: false,
            kind: TermKind::Word(w.into()),
        }
    }

    #[test]
    fn parses_every_term_kind() {
        let q = Query::parse(r#"sirte @haft "oil ports" date:2020-01 !gna entity:khalifa-haftar"#)
            .unwrap();
        let d = |s: &str| NaiveDate::parse_from_str(s, "%Y-%m-%d").ok();
        assert_eq!(
            q.terms,
            [
                word("sirte"),
                Term {
                    negated: false,
                    kind: TermKind::Entity("haft".into())
                },
                Term {
                    negated: false,
                    kind: TermKind::Phrase("oil ports".into())
                },
                Term {
                    negated: false,
                    kind: TermKind::Date(DateRange {
                        from: d("2020-01-01"),
                        to: d("2020-01-31")
                    })
                },
                Term {
                    negated: true,
                    kind: TermKind::Word("gna".into())
                },
                Term {
                    negated: false,
                    kind: TermKind::EntityId("khalifa-haftar".into())
                },
            ]
        );
        assert!(Query::parse("").unwrap().is_empty());
        assert!(Query::parse("   ").unwrap().is_empty());
        assert_eq!(
            Query::parse("@\"khalifa h\"").unwrap().terms[0].kind,
            TermKind::Entity("khalifa h".into())
        );
        assert!(Query::parse("!\"a b\"").unwrap().terms[0].negated);
    }

    #[test]
    fn date_forms() {
        let r = |s: &str| match Query::parse(s).unwrap().terms[0].kind {
            TermKind::Date(r) => (r.from.map(|d| d.to_string()), r.to.map(|d| d.to_string())),
            _ => panic!(),
        };
        let s = |x: &str| Some(x.to_string());
        assert_eq!(r("date:2020"), (s("2020-01-01"), s("2020-12-31")));
        assert_eq!(r("date:2020-02"), (s("2020-02-01"), s("2020-02-29")));
        assert_eq!(r("date:2020-12"), (s("2020-12-01"), s("2020-12-31")));
        assert_eq!(r("date:2020-01-06"), (s("2020-01-06"), s("2020-01-06")));
        assert_eq!(
            r("date:2020-01-01..2020-01-31"),
            (s("2020-01-01"), s("2020-01-31"))
        );
        assert_eq!(
            r("date:2020-01..2020-02"),
            (s("2020-01-01"), s("2020-02-29"))
        );
        assert_eq!(r("date:..2019"), (None, s("2019-12-31")));
        assert_eq!(r("date:2021-03-01.."), (s("2021-03-01"), None));
    }

    #[test]
    fn malformed_terms_are_errors_with_a_message() {
        let err = |s: &str| Query::parse(s).unwrap_err().to_string();
        assert!(err("\"open phrase").contains("unclosed quote"));
        assert!(err("sirte \"").contains("unclosed quote"));
        assert!(err("date:2020-13").contains("bad date \"2020-13\""));
        assert!(err("date:yesterday").contains("bad date"));
        assert!(err("date:").contains("date: needs"));
        assert!(err("date:..").contains("bad date"));
        assert!(err("date:2020-02..2020-01").contains("ends before"));
        assert!(err("@").contains("@ needs"));
        assert!(err("!").contains("! needs"));
        assert!(err("\"\"").contains("quote needs"));
        assert!(err("entity:").contains("entity: needs"));
    }

    #[test]
    fn odd_input_never_panics() {
        for s in [
            "\"",
            "!\"",
            "@\"",
            "date:\"",
            "!!",
            "!@",
            "é\"",
            "\"é",
            "date:2020-01-01..x",
            "date:....",
            "\u{1b}[2J",
            "@\"\"",
            "!!!x",
            "日本\"語",
        ] {
            let _ = Query::parse(s);
        }
    }

    fn article(title: &str, date: &str, body: &str) -> Article {
        Article {
            id: title.into(),
            path: PathBuf::from(format!("{title}.txt")),
            date: date.parse().ok(),
            title: title.into(),
            explicit_title: true,
            source: None,
            url: None,
            body: body.into(),
        }
    }

    /// Article 0 mentions Khalifa Haftar (alias Haftar); article 1 the LNA.
    fn corpus() -> (Vec<Article>, EntityIndex, Vec<Vec<EntityId>>) {
        let arts = vec![
            article(
                "Haftar forces enter Sirte",
                "2020-01-06",
                "Khalifa Haftar said. Oil Ports were seized.",
            ),
            article("Militias withdraw", "2020-01-07", "The LNA said nothing."),
            article("Undated note", "", "Nothing here."),
        ];
        let mut index = EntityIndex::new();
        index.add_article(
            0,
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
        );
        index.add_article(
            1,
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
        );
        index.finish();
        let ents = (0..arts.len())
            .map(|i| {
                let mut v: Vec<_> = index.mentions(i).iter().map(|m| m.entity).collect();
                v.sort_unstable();
                v.dedup();
                v
            })
            .collect();
        (arts, index, ents)
    }

    fn matching(q: &str) -> Vec<usize> {
        let (arts, index, ents) = corpus();
        let skim = SkimMatcherV2::default().smart_case();
        let f = Prepared::new(Query::parse(q).unwrap(), &index, None);
        let mut cache = Default::default();
        let mut hits: Vec<(usize, i64)> = (0..arts.len())
            .filter(|&i| {
                let a = &arts[i];
                f.verdict(&a.title, a.date, Some(&a.body), &ents[i], i == 2) == Verdict::Pass
            })
            .map(|i| {
                (
                    i,
                    f.score(&skim, &arts[i].title, &ents[i], &index, &mut cache),
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
        let index = EntityIndex::new();
        let skim = SkimMatcherV2::default().smart_case();
        let f = Prepared::new(Query::parse("sirte").unwrap(), &index, None);
        let mut cache = Default::default();
        let s: Vec<_> = arts
            .iter()
            .map(|a| {
                (f.verdict(&a.title, a.date, Some(&a.body), &[], false) == Verdict::Pass)
                    .then(|| f.score(&skim, &a.title, &[], &index, &mut cache))
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
        let (_, index, _) = corpus();
        let m = Matcher::default();
        let skim = SkimMatcherV2::default().smart_case();
        let f = Prepared::new(Query::parse("@haftar").unwrap(), &index, None);
        assert_eq!(f.best_entity(&skim, &index), index.find("khalifa-haftar"));
        let f = Prepared::new(Query::parse("sirte").unwrap(), &index, None);
        assert_eq!(f.best_entity(&skim, &index), None);
        let q = Query::parse("srt !x @y").unwrap();
        assert_eq!(
            m.title_indices(&q, "Haftar forces enter Sirte"),
            [20, 22, 23]
        );
    }
}

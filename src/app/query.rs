//! The filter query language: what `/` reads, parsed into terms.
//! Pure and terminal-free; [`super::matching`] prepares a query for
//! matching articles.
//!
//! A query is space-separated terms, all of which must hold:
//!
//! | term | holds when |
//! | --- | --- |
//! | `word` | a word of the title or body, or of the name or an alias of an entity the article mentions, starts with `word` (else, when nothing does, its letters are in order in the title or such a name) |
//! | `@word` | the article mentions an entity a word of whose name or an alias starts with `word` (else, when none does, whose name has its letters in order) (`@"khalifa h"` for spaces) |
//! | `"a phrase"` | the body contains the phrase, ignoring case |
//! | `date:2020`, `date:2020-01`, `date:2020-01-06` | the article's date is in that year, month or day |
//! | `date:today`, `date:yesterday` | the article is dated today, yesterday |
//! | `date:7d`, `date:2w`, `date:3m`, `date:1y` | it is dated in the last 7 days, 2 weeks, 3 months, year (today included) |
//! | `date:2020-01-01..2020-01-31`, `date:2w..`, `date:..2020-01-31` | the date is in the range (inclusive; either end may be left out) |
//! | `entity:khalifa-haftar` | the article mentions the entity with this id (what `f` types) |
//! | `is:unread`, `is:read` | the article is unread / read |
//! | `is:starred` | the article is starred |
//! | `feed:aljazeera` | the article's source (a feed's name, or its address) contains the word, ignoring case, spaces and punctuation |
//! | `tag:libya`, `tag:"north africa"` | the article (a feed item) has the tag, or its feed has, ignoring case |
//! | `!term` | the term does not hold |
//!
//! Words are [`crate::text_index::words`]' (case and accents ignored);
//! matching by letters is fuzzy-matcher's SkimMatcherV2 with smart case (a
//! capital in the pattern makes it case-sensitive). See
//! [`super::matching`].

use chrono::NaiveDate;

use crate::corpus::dates::{SpanError, parse_day_span};

/// The days a `date:` term names: [`crate::corpus::dates::DaySpan`], the
/// one parser of them (relative forms included).
pub use crate::corpus::dates::DaySpan as DateRange;

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
    /// Words of the title, body and entity names (else their letters).
    Word(String),
    /// Words of entity names only (else their letters).
    Entity(String),
    /// Exact entity id.
    EntityId(String),
    /// Lowercased phrase the body must contain.
    Phrase(String),
    Date(DateRange),
    /// The article is read (`true`) or unread.
    Read(bool),
    /// Its source (a feed's name or address) contains this, folded
    /// ([`fold`]).
    Feed(String),
    /// It has this tag, folded ([`fold`]).
    Tag(String),
    /// The article is starred (`is:starred`).
    Starred,
}

/// A name as `feed:` and `tag:` compare it: lowercase letters and digits
/// only, so `feed:aljazeera` finds "Al Jazeera" and `tag:north-africa`
/// "North Africa".
pub fn fold(s: &str) -> String {
    s.chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect()
}

#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum QueryError {
    #[error("unclosed quote: close the phrase with \"")]
    UnclosedQuote,
    #[error("{0} needs something after it")]
    Empty(&'static str),
    #[error(transparent)]
    Date(#[from] SpanError),
    #[error("is:{0} is not known: use is:unread or is:read (or is:starred)")]
    BadIs(String),
    #[error("{0} needs a letter or a digit after it")]
    NoLetters(&'static str),
}

impl Query {
    /// Parses a query, relative dates from today (local time); the empty
    /// string is the empty query (everything).
    pub fn parse(input: &str) -> Result<Query, QueryError> {
        Query::parse_on(input, chrono::Local::now().date_naive())
    }

    /// Parses a query with relative dates (`date:7d`) counted back from
    /// `today`.
    pub fn parse_on(input: &str, today: NaiveDate) -> Result<Query, QueryError> {
        let mut terms = Vec::new();
        let mut rest = input.trim_start();
        while !rest.is_empty() {
            let (term, after) = parse_term(rest, today)?;
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
}

/// One term off the front of `s` (which starts with a non-space), and the
/// rest of `s`.
fn parse_term(s: &str, today: NaiveDate) -> Result<(Term, &str), QueryError> {
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
    } else if let Some(r) = s.strip_prefix("feed:") {
        ("feed:", r)
    } else if let Some(r) = s.strip_prefix("tag:") {
        ("tag:", r)
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
            ("feed:", ..) => "feed:",
            ("tag:", ..) => "tag:",
            (_, _, true) => "a quote",
            _ => "!",
        }));
    }
    let kind = match prefix {
        "@" => TermKind::Entity(value.trim().to_string()),
        "date:" => TermKind::Date(parse_day_span(value, today)?),
        "entity:" => TermKind::EntityId(value.to_string()),
        "is:" => match value {
            "unread" => TermKind::Read(false),
            "read" => TermKind::Read(true),
            "starred" => TermKind::Starred,
            other => return Err(QueryError::BadIs(other.to_string())),
        },
        "feed:" | "tag:" => {
            let folded = fold(value);
            if folded.is_empty() {
                return Err(QueryError::NoLetters(prefix));
            }
            if prefix == "feed:" {
                TermKind::Feed(folded)
            } else {
                TermKind::Tag(folded)
            }
        }
        _ if quoted => TermKind::Phrase(value.to_lowercase()),
        _ => TermKind::Word(value.to_string()),
    };
    Ok((Term { negated, kind }, rest))
}

/// `input` with its `date:` terms (but negated ones) replaced by `term`,
/// which goes last: what choosing a period of the timeline does to the
/// filter. An input that does not parse keeps all of itself.
pub fn with_date_term(input: &str, term: &str) -> String {
    // Which terms are dates does not depend on the day: any day does.
    let today = NaiveDate::MIN;
    let mut kept: Vec<&str> = Vec::new();
    let mut rest = input.trim_start();
    while !rest.is_empty() {
        let Ok((t, after)) = parse_term(rest, today) else {
            kept = vec![input.trim()];
            break;
        };
        if t.negated || !matches!(t.kind, TermKind::Date(_)) {
            kept.push(rest[..rest.len() - after.len()].trim_end());
        }
        rest = after.trim_start();
    }
    kept.push(term);
    kept.retain(|s| !s.is_empty());
    kept.join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

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
    fn relative_dates_count_back_from_today() {
        let today: NaiveDate = "2020-02-10".parse().unwrap();
        let r = |s: &str| match Query::parse_on(s, today).unwrap().terms[0].kind {
            TermKind::Date(r) => (r.from.map(|d| d.to_string()), r.to.map(|d| d.to_string())),
            _ => panic!(),
        };
        let s = |x: &str| Some(x.to_string());
        assert_eq!(r("date:today"), (s("2020-02-10"), s("2020-02-10")));
        assert_eq!(r("date:yesterday"), (s("2020-02-09"), s("2020-02-09")));
        assert_eq!(r("date:7d"), (s("2020-02-04"), s("2020-02-10")));
        assert_eq!(r("date:2w.."), (s("2020-01-28"), None));
        assert_eq!(r("date:..2020-01-31"), (None, s("2020-01-31")));
        assert_eq!(r("date:..7d"), (None, s("2020-02-03")));
        assert_eq!(
            r("date:yesterday..today"),
            (s("2020-02-09"), s("2020-02-10"))
        );
        // The same parser as `corpus::dates`: one definition of a span.
        let span = parse_day_span("3m", today).unwrap();
        assert_eq!(
            Query::parse_on("date:3m", today).unwrap().terms[0].kind,
            TermKind::Date(span)
        );
    }

    #[test]
    fn malformed_terms_are_errors_with_a_message() {
        let err = |s: &str| Query::parse(s).unwrap_err().to_string();
        assert!(err("\"open phrase").contains("unclosed quote"));
        assert!(err("sirte \"").contains("unclosed quote"));
        assert!(err("date:2020-13").contains("bad date \"2020-13\""));
        assert!(err("date:tomorrow").contains("bad date"));
        assert!(err("date:0d").contains("bad date"));
        assert!(err("date:").contains("date: needs"));
        assert!(err("date:..").contains("bad date"));
        assert!(err("date:2020-02..2020-01").contains("ends before"));
        assert!(err("@").contains("@ needs"));
        assert!(err("!").contains("! needs"));
        assert!(err("\"\"").contains("quote needs"));
        assert!(err("entity:").contains("entity: needs"));
        assert!(err("feed:").contains("feed: needs"));
        assert!(err("tag:\"\"").contains("tag: needs"));
        assert!(err("tag:--").contains("tag: needs a letter"));
    }

    #[test]
    fn feed_and_tag_terms_are_folded() {
        let kind = |s: &str| Query::parse(s).unwrap().terms[0].kind.clone();
        assert_eq!(kind("feed:AlJazeera"), TermKind::Feed("aljazeera".into()));
        assert_eq!(
            kind("feed:\"Al Jazeera\""),
            TermKind::Feed("aljazeera".into())
        );
        assert_eq!(
            kind("tag:north-africa"),
            TermKind::Tag("northafrica".into())
        );
        assert_eq!(
            kind("tag:\"North Africa\""),
            TermKind::Tag("northafrica".into())
        );
        assert!(Query::parse("!tag:libya").unwrap().terms[0].negated);
        assert_eq!(fold("Ağrı 2020"), "ağrı2020");
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

    #[test]
    fn a_period_replaces_the_date_terms() {
        let t = "date:2020-01-06..2020-01-12";
        assert_eq!(with_date_term("", t), t);
        assert_eq!(
            with_date_term("@haftar  date:2019 !date:2020-01-08 \"on date:x\"", t),
            format!("@haftar !date:2020-01-08 \"on date:x\" {t}")
        );
        assert_eq!(with_date_term("\"open", t), format!("\"open {t}"));
    }
}

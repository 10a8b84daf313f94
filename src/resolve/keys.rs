//! How resolution compares names across the corpus: a looser key than
//! the one surfaces are interned by, the words of a name, and what the
//! gazetteer knows a name as.

use std::sync::OnceLock;

use crate::base::hash::FxHashSet;
use crate::base::names::normalize;
use crate::entities::Kind;
use crate::entities::gazetteer::{Category, Gazetteer, Hit, SOURCES};
use crate::entities::link::without_suffix;
use crate::entities::rules::{Suffix, lists, without_name_suffix};
use crate::entities::tokens::tokenize;

/// The key two spellings of one name share: the normalised name (`key`,
/// [`crate::base::names::normalize`]) without its full stops, with a run
/// of single letters written as one word (`U. S.`, `U.S.` and `US` are
/// all `us`; `J. K. Rowling` is `jk rowling`), and a person's name
/// without the office before it (`President Obama` is `obama`, `Dr.
/// Sanjay Gupta` is `sanjay gupta`; a style borne as part of the name
/// stays: `King Abdullah`), and without a father's `Sr.` after it. A
/// leading `The` the name is written with
/// stays (`The Hague` is not the `Hague` of William Hague): extraction
/// keeps it only where the gazetteer knows the name with it. A name of
/// something else that opens or closes with a country's other name is
/// read with the country's standard name ([`with_standard_country`]).
pub(crate) fn loose_key(written: &str, key: &str, kind: Kind) -> String {
    let standard = (kind != Kind::Person)
        .then(|| with_standard_country(written))
        .flatten();
    match standard {
        Some(standard) => loose_words(&standard, &normalize(&standard), kind),
        None => loose_words(written, key, kind),
    }
}

/// [`loose_key`] of a name as it is written.
fn loose_words(written: &str, key: &str, kind: Kind) -> String {
    let mut out = String::with_capacity(key.len() + 4);
    let with_the = written
        .get(..4)
        .is_some_and(|w| w.eq_ignore_ascii_case("the "));
    if with_the && !key.starts_with("the ") {
        out.push_str("the ");
    }
    let skip = match kind {
        Kind::Person => office_words(written),
        _ => 0,
    };
    // A father's suffix names the father by the name without it (`W. Mark
    // Felt Sr.` is `w mark felt`); a son's stays (`donald trump jr`).
    let mut key_words: Vec<&str> = key.split(' ').skip(skip).collect();
    if kind == Kind::Person && without_name_suffix(&key_words).1 == Some(Suffix::Senior) {
        key_words.pop();
    }
    let mut letters_run = false;
    for word in key_words {
        let word: String = word.chars().filter(|&c| c != '.').collect();
        if word.is_empty() {
            continue;
        }
        let single = word.chars().count() == 1 && word.chars().all(char::is_alphabetic);
        if !(out.is_empty() || out.ends_with(' ') || single && letters_run) {
            out.push(' ');
        }
        out.push_str(&word);
        letters_run = single;
    }
    out
}

/// A name that opens or closes with a country's other name, with the
/// country's standard name instead (`U.S. Geological Survey` and `United
/// States Geological Survey`, `UK Border Agency` and `United Kingdom
/// Border Agency`, `T-Mobile USA` and `T-Mobile US` are spelt alike);
/// `None` when it has none there or is only the country.
fn with_standard_country(written: &str) -> Option<String> {
    let tokens = tokenize(written);
    let words: Vec<&str> = tokens.iter().map(|t| t.text(written)).collect();
    let gaz = Gazetteer::embedded();
    // Closing it, after a name (`T-Mobile USA`, `T-Mobile US`), not after
    // `of` (the `Bank of America` is not named for a country's standard
    // name).
    let closing = (1..words.len().min(4)).rev().find_map(|k| {
        let at = words.len() - k;
        let before = words[at - 1];
        if !before.chars().next().is_some_and(char::is_uppercase) {
            return None;
        }
        let standard = country(gaz, &words[at..])?;
        let from = tokens[at].start as usize;
        (standard != &written[from..]).then(|| format!("{}{standard}", &written[..from]))
    });
    if closing.is_some() {
        return closing;
    }
    (1..words.len().min(5)).rev().find_map(|k| {
        // Initials spaced out are the name written close (`U. S.`).
        let close = (k > 1
            && words[..k]
                .iter()
                .all(|w| w.trim_end_matches('.').len() == 1))
        .then(|| words[..k].concat());
        let standard = match &close {
            Some(close) => country(gaz, &[close.as_str()]),
            None => country(gaz, &words[..k]),
        }?;
        let prefix = &written[..tokens[k - 1].end as usize];
        (standard != prefix)
            .then(|| format!("{standard}{}", &written[tokens[k - 1].end as usize..]))
    })
}

/// The standard name of the country `words` are a name of, if they are.
fn country<'g>(gaz: &'g Gazetteer, words: &[&str]) -> Option<&'g str> {
    let hit = gaz.lookup(words)?;
    (hit.primary == Category::Country).then(|| gaz.canonical(hit))
}

/// Styles borne as part of a name: not an office that comes off it.
const STYLES: &[&str] = &[
    "King",
    "Queen",
    "Prince",
    "Princess",
    "Crown",
    "Pope",
    "Emir",
    "Sultan",
    "Sheikh",
    "Shaikh",
    "Sir",
    "Dame",
    "Lord",
    "Lady",
    "Cardinal",
    "Ayatollah",
    "Imam",
    "Rabbi",
    "Bishop",
    "Archbishop",
    "Reverend",
    "Rev.",
];

/// How many words of a person's name, as written, are offices before it
/// (`Prime Minister`, `Dr.`), leaving at least one word of the name.
fn office_words(written: &str) -> usize {
    let words: Vec<&str> = written.split_whitespace().collect();
    let titles = &lists().titles;
    let mut at = 0;
    while at < words.len() && !STYLES.contains(&words[at]) {
        match titles.longest_at(&words[at..]) {
            Some(n) if at + n < words.len() => at += n,
            _ => break,
        }
    }
    at
}

/// A loose key without the company suffixes it ends with (`intel corp`
/// -> `intel`); the key itself when it has none, or is nothing else.
pub(crate) fn without_company(loose: &str) -> &str {
    let stem = without_suffix(loose);
    let stem = without_closing_country(stem);
    if stem.is_empty() { loose } else { stem }
}

/// A name without the country's standard name closing it, when a name is
/// left (`t-mobile united states`: a company's arm in a country, as it
/// writes itself, is the company); a name closing on `of` keeps it, and
/// so does a short one, most likely an acronym of a body whose arm
/// abroad is a thing of its own (`BBC America`).
fn without_closing_country(loose: &str) -> &str {
    // Where each of the last three words starts, last first.
    let mut at = loose.len();
    for _ in 0..3 {
        let Some(space) = loose[..at].rfind(' ') else {
            return loose;
        };
        let rest = loose[..space].trim_end();
        if rest.is_empty() || rest.ends_with([' ', '-']) {
            return loose;
        }
        let before = rest.rsplit(' ').next().unwrap_or(rest);
        if matches!(before, "of" | "the" | "for" | "in" | "and") {
            return loose;
        }
        if country_names().contains(&loose[space + 1..]) {
            let short = rest.len() <= 4 && !rest.contains([' ', '-']);
            return if short { loose } else { rest };
        }
        at = space;
    }
    loose
}

/// The standard names of the countries the gazetteer lists, normalised
/// (`united states`), read once.
fn country_names() -> &'static FxHashSet<String> {
    static NAMES: OnceLock<FxHashSet<String>> = OnceLock::new();
    NAMES.get_or_init(|| {
        SOURCES
            .iter()
            .filter(|(cat, _)| *cat == Category::Country)
            .flat_map(|(_, text)| text.lines())
            .filter(|l| !l.starts_with('#'))
            .filter_map(|l| l.split('\t').next())
            .map(|name| normalize(name.trim()))
            .filter(|name| !name.is_empty())
            .collect()
    })
}

/// The words of a loose key.
pub(crate) fn words(loose: &str) -> impl DoubleEndedIterator<Item = &str> + Clone {
    loose.split(' ').filter(|w| !w.is_empty())
}

/// What the gazetteer knows a name as, read as written.
pub(crate) fn known(name: &str) -> Option<Hit> {
    let tokens = tokenize(name);
    let words: Vec<&str> = tokens.iter().map(|t| t.text(name)).collect();
    if words.is_empty() {
        return None;
    }
    Gazetteer::embedded().lookup(&words)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn loose(s: &str) -> String {
        loose_key(s, &normalize(s), Kind::Organization)
    }

    fn person(s: &str) -> String {
        loose_key(s, &normalize(s), Kind::Person)
    }

    #[test]
    fn spellings_of_one_name_share_a_loose_key() {
        assert_eq!(loose("A.B. Velm Survey"), "ab velm survey");
        assert_eq!(loose("A. B. Velm Survey"), "ab velm survey");
        assert_eq!(loose("AB Velm Survey"), "ab velm survey");
        assert_eq!(loose("J. K. Rowling"), loose("J.K. Rowling"));
        assert_eq!(loose("George W. Bush"), "george w bush");
        assert_eq!(loose("Haftar's"), "haftar");
        assert_eq!(loose("The Hague"), "the hague");
        assert_ne!(loose("The Hague"), loose("Hague"));
    }

    #[test]
    fn a_countrys_other_names_open_a_name_as_its_standard_name_does() {
        assert_eq!(
            loose("U.S. Velm Survey"),
            loose("United States Velm Survey")
        );
        assert_eq!(loose("US Velm Survey"), "united states velm survey");
        assert_eq!(loose("U. S. Velm Survey"), "united states velm survey");
        assert_eq!(loose("UK Orsa Agency"), loose("United Kingdom Orsa Agency"));
        assert_eq!(loose("U.S."), "us", "a country alone is left as written");
        assert_eq!(
            loose("Velm U.S. Office"),
            "velm us office",
            "only an opening or a closing"
        );
        assert_eq!(loose("Velm USA"), "velm united states");
        assert_eq!(loose("Velm US"), loose("Velm USA"));
        assert_eq!(
            loose("Bank of America"),
            "bank of america",
            "not after `of`"
        );
        assert_eq!(person("Jordan Velm"), "jordan velm", "not a person's name");
    }

    #[test]
    fn offices_come_off_a_persons_name() {
        assert_eq!(person("President Obama"), "obama");
        assert_eq!(person("Dr. Sanjay Gupta"), "sanjay gupta");
        assert_eq!(person("Prime Minister Theresa May"), "theresa may");
        assert_eq!(person("King Abdullah"), "king abdullah");
        assert_eq!(person("President"), "president", "a name is left");
        assert_eq!(loose("President Hotel"), "president hotel", "people only");
    }

    #[test]
    fn company_suffixes_come_off() {
        assert_eq!(without_company(&loose("Intel Corp.")), "intel");
        assert_eq!(without_company(&loose("Apple Inc")), "apple");
        assert_eq!(without_company("inc"), "inc");
        assert_eq!(without_company("intel"), "intel");
        // A company's arm in a country is the company.
        assert_eq!(without_company(&loose("Velmora USA")), "velmora");
        assert_eq!(
            without_company(&loose("Velm-Net United Kingdom Ltd")),
            "velm-net"
        );
        assert_eq!(
            without_company("bank of united states"),
            "bank of united states"
        );
        assert_eq!(without_company("united states"), "united states");
        assert_eq!(without_company("vtx united states"), "vtx united states");
    }
}

//! Precise rules applied on top of the tagger's spans. Each one encodes a
//! regularity of news English that a model trained on 1996 wire copy
//! misses, and each is tested on sentences written for it:
//! titles are not names, known places and groups have known kinds,
//! facilities (`al-Qardabiya air base`) and places named by their noun
//! (`the Abu Grain area`) are locations, adjectives of a place mentioned in
//! the text are nationalities (`Misratan`), an acronym defined in brackets
//! is one entity with its long form, and `X, also known as Y` names one
//! thing twice.

mod aliases;
mod known;
mod names;
mod places;
mod titles;

pub use aliases::{acronym_definitions, also_known_as};
pub use known::{derived_demonyms, gazetteer};
pub use names::{
    extend_particle_names, people_by_apposition, split_known_pairs, trim_function_words,
};
pub use places::{facilities, place_heads, place_nouns, places_by_apposition};
pub use titles::{people_after_titles, strip_titles};

use super::Kind;
use super::gazetteer::{Category, Gazetteer, Match};

/// A name over tokens `start..end`.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Span {
    pub start: usize,
    pub end: usize,
    pub kind: Kind,
    /// The tagger's confidence; rules use 1.0 for what they are sure of.
    pub score: f32,
}

impl Span {
    pub fn new(start: usize, end: usize, kind: Kind, score: f32) -> Self {
        Span {
            start,
            end,
            kind,
            score,
        }
    }

    fn overlaps(&self, start: usize, end: usize) -> bool {
        self.start < end && start < self.end
    }
}

fn is_capitalized(w: &str) -> bool {
    w.chars().next().is_some_and(char::is_uppercase)
}

/// `al-Mahjoub`, `el-Sisi`, `bin Salman`: Arabic particles start names in
/// lowercase.
fn is_name_word(w: &str) -> bool {
    if is_capitalized(w) {
        return true;
    }
    for p in [
        "al-", "el-", "ad-", "ar-", "as-", "at-", "az-", "ash-", "an-", "ul-", "bin-", "wal-",
        "wa-",
    ] {
        if let Some(rest) = w.strip_prefix(p)
            && is_capitalized(rest)
        {
            return true;
        }
    }
    false
}

/// Lowercase particles inside names: `Charles de Gaulle`, `Abu Bakr al
/// Baghdadi`, `Ludwig van Beethoven`.
const PARTICLES: &[&str] = &[
    "de", "del", "della", "di", "da", "du", "dos", "van", "von", "der", "den", "bin", "ibn", "al",
    "el", "la", "le",
];

/// Where the run of name words ending just before `end` starts (at most
/// five words back; particles inside, never at the edge; determiners and
/// pronouns never part of it). Returns `end` when there is none.
fn name_run_start(words: &[&str], end: usize) -> usize {
    let mut k = end;
    let mut start = end;
    while k > 0 && end - k < 5 {
        let w = words[k - 1];
        if is_name_word(w) && !LEADING_NOISE.contains(&w) && !TRAILING_NOISE.contains(&w) {
            k -= 1;
            start = k;
        } else if PARTICLES.contains(&w) && start < end {
            k -= 1;
        } else {
            break;
        }
    }
    start
}

fn category_kind(c: Category) -> Kind {
    match c {
        Category::Country | Category::City | Category::Region => Kind::Location,
        Category::Demonym => Kind::Misc,
        Category::Organization => Kind::Organization,
    }
}

/// Words that open or close a span only by mistake: `The Turkish`,
/// `Sirte Protection Force He said` (a garbled sentence boundary).
const LEADING_NOISE: &[&str] = &[
    "The",
    "A",
    "An",
    "This",
    "That",
    "These",
    "Those",
    // Capitalised only because they open the sentence: `On Wednesday`,
    // `In Tripoli`, `Since Haftar's offensive`.
    "On",
    "In",
    "At",
    "By",
    "From",
    "Since",
    "Until",
    "After",
    "Before",
    "During",
    "Under",
    "With",
    "For",
    "To",
    "As",
    "When",
    "While",
    "If",
    "Meanwhile",
    "Earlier",
    "Later",
];

const TRAILING_NOISE: &[&str] = &[
    "He", "She", "It", "They", "We", "I", "You", "The", "A", "An", "His", "Her", "Its", "Their",
    "Our", "But", "And", "Or", "This", "That",
];

/// Two token ranges that name the same thing.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Link {
    pub a: (usize, usize),
    pub b: (usize, usize),
}

pub fn sort(spans: &mut [Span]) {
    spans.sort_by_key(|s| (s.start, s.end));
}

#[cfg(test)]
mod test_util {
    use super::Span;
    use crate::entities::Kind;
    use crate::entities::tokens::tokenize;

    pub(super) fn words(text: &str) -> Vec<&str> {
        tokenize(text).iter().map(|t| t.text(text)).collect()
    }

    pub(super) fn show(w: &[&str], spans: &[Span]) -> Vec<(String, Kind)> {
        spans
            .iter()
            .map(|s| (w[s.start..s.end].join(" "), s.kind))
            .collect()
    }

    pub(super) fn find(w: &[&str], phrase: &str, kind: Kind) -> Span {
        let p: Vec<&str> = phrase.split(' ').collect();
        let start = (0..w.len())
            .find(|&i| w[i..].starts_with(&p))
            .expect("phrase in text");
        Span::new(start, start + p.len(), kind, 0.5)
    }
}

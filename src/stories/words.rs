//! Words as story threading compares them: lowercased, hashed, never
//! allocated. A word is a run of letters and digits; digits stay joined
//! across `.` and `,` (`5.6`, `1,000`), so a figure is one word. Everything
//! else separates words, so `al-Mahjoub` is `al` `mahjoub` and `Haftar's`
//! is `haftar` `s` (a stopword).

use std::sync::OnceLock;

use crate::entities::features::{FxHashSet, hash_bytes, mix};

/// A word of a text: its byte range, the hash of its lowercased form, and
/// whether it is a function word that carries no topic.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Word {
    pub start: usize,
    pub end: usize,
    pub hash: u64,
    pub stop: bool,
}

/// Function words (articles, pronouns, auxiliaries, prepositions,
/// conjunctions, common adverbs) and the reporting verbs every news story
/// uses (`said`, `told`): they say nothing about which event a report
/// covers or whether a sentence was said before. Written for lede.
const STOPWORDS: &[&str] = &[
    "a",
    "about",
    "above",
    "after",
    "again",
    "against",
    "all",
    "also",
    "am",
    "an",
    "and",
    "any",
    "are",
    "as",
    "at",
    "be",
    "because",
    "been",
    "before",
    "being",
    "below",
    "between",
    "both",
    "but",
    "by",
    "can",
    "could",
    "did",
    "do",
    "does",
    "doing",
    "down",
    "during",
    "each",
    "even",
    "ever",
    "few",
    "for",
    "from",
    "further",
    "had",
    "has",
    "have",
    "having",
    "he",
    "her",
    "here",
    "hers",
    "herself",
    "him",
    "himself",
    "his",
    "how",
    "however",
    "i",
    "if",
    "in",
    "into",
    "is",
    "it",
    "its",
    "itself",
    "just",
    "may",
    "me",
    "might",
    "more",
    "most",
    "much",
    "must",
    "my",
    "myself",
    "no",
    "nor",
    "not",
    "now",
    "of",
    "off",
    "on",
    "once",
    "one",
    "only",
    "or",
    "other",
    "our",
    "ours",
    "ourselves",
    "out",
    "over",
    "own",
    "same",
    "she",
    "should",
    "so",
    "some",
    "such",
    "than",
    "that",
    "the",
    "their",
    "theirs",
    "them",
    "themselves",
    "then",
    "there",
    "these",
    "they",
    "this",
    "those",
    "through",
    "to",
    "too",
    "under",
    "until",
    "up",
    "upon",
    "us",
    "very",
    "was",
    "we",
    "were",
    "what",
    "when",
    "where",
    "whether",
    "which",
    "while",
    "who",
    "whom",
    "whose",
    "why",
    "will",
    "with",
    "within",
    "without",
    "would",
    "yet",
    "you",
    "your",
    "yours",
    "yourself",
    "s",
    "t",
    "d",
    "ll",
    "re",
    "ve",
    "m",
    "said",
    "says",
    "say",
    "told",
    "according",
    "added",
    "since",
    "among",
    "around",
    "across",
    "along",
    "behind",
    "toward",
    "towards",
    "via",
    "per",
    "onto",
    "amid",
];

fn stopwords() -> &'static FxHashSet<u64> {
    static SET: OnceLock<FxHashSet<u64>> = OnceLock::new();
    SET.get_or_init(|| STOPWORDS.iter().map(|w| finish(hash_str(w))).collect())
}

const SEED: u64 = 0x6c65_6465_7374_6f72;

/// The running hash of a word's lowercased bytes (see [`finish`]).
fn hash_str(lower: &str) -> u64 {
    lower.bytes().fold(SEED, |h, b| mix(h, b as u64))
}

/// Spreads a running hash over all 64 bits (the sketch's MinHash takes
/// bins and values from different bits).
fn finish(h: u64) -> u64 {
    hash_bytes(&h.to_le_bytes())
}

/// The words of `text`, in order.
#[cfg(test)]
pub fn words(text: &str) -> Vec<Word> {
    let mut out = Vec::with_capacity(text.len() / 6);
    for_each_word(text, |w| out.push(w));
    out
}

/// Calls `f` on every word of `text`, in order, allocating nothing.
pub fn for_each_word(text: &str, mut f: impl FnMut(Word)) {
    let stop = stopwords();
    let bytes = text.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        let Some((c, len)) = char_at(text, i) else {
            break;
        };
        if !c.is_alphanumeric() {
            i += len;
            continue;
        }
        let start = i;
        let mut h = SEED;
        let mut prev_digit = false;
        while i < bytes.len() {
            let Some((c, len)) = char_at(text, i) else {
                break;
            };
            if c.is_alphanumeric() {
                if c.is_ascii() {
                    h = mix(h, c.to_ascii_lowercase() as u64);
                } else {
                    let mut buf = [0u8; 4];
                    for l in c.to_lowercase() {
                        for &b in l.encode_utf8(&mut buf).as_bytes() {
                            h = mix(h, b as u64);
                        }
                    }
                }
                prev_digit = c.is_ascii_digit();
                i += len;
            } else if prev_digit
                && matches!(c, '.' | ',')
                && bytes.get(i + 1).is_some_and(u8::is_ascii_digit)
            {
                h = mix(h, c as u64);
                i += len;
            } else {
                break;
            }
        }
        let hash = finish(h);
        f(Word {
            start,
            end: i,
            hash,
            stop: stop.contains(&hash),
        });
    }
}

/// The character at byte `i` of `text` (a char boundary) and its length.
#[inline]
fn char_at(text: &str, i: usize) -> Option<(char, usize)> {
    let b = *text.as_bytes().get(i)?;
    if b < 0x80 {
        return Some((b as char, 1));
    }
    let c = text.get(i..)?.chars().next()?;
    Some((c, c.len_utf8()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(text: &str) -> Vec<&str> {
        words(text).iter().map(|w| &text[w.start..w.end]).collect()
    }

    #[test]
    fn splits_on_punctuation_and_keeps_figures_whole() {
        assert_eq!(
            texts("Haftar's al-Mahjoub: 5.6 quake, 1,000 dead."),
            [
                "Haftar", "s", "al", "Mahjoub", "5.6", "quake", "1,000", "dead"
            ]
        );
    }

    #[test]
    fn case_does_not_matter_and_stopwords_are_flagged() {
        let w = words("Sirte SIRTE the The Ünal ünal");
        assert_eq!(w[0].hash, w[1].hash);
        assert!(!w[0].stop);
        assert!(w[2].stop && w[3].stop);
        assert_eq!(w[4].hash, w[5].hash);
    }

    #[test]
    fn odd_text_never_panics() {
        for t in [
            "",
            " ",
            "..",
            "1.",
            ".1",
            "a\u{301}b",
            "日本語のテキスト",
            "\u{0}\u{1b}[2J",
        ] {
            let w = words(t);
            for x in &w {
                assert!(t.is_char_boundary(x.start) && t.is_char_boundary(x.end));
                assert!(x.start < x.end);
            }
        }
    }
}

//! Where the words of a query stand in one text, for highlighting and for
//! stepping between hits in the reader: byte ranges of the text as
//! written, ignoring case and diacritics like the index ([`super::words`]).
//!
//! - A word matches whole words: `oil` finds `Oil` and `OIL`, not `soil`
//!   or `oils`.
//! - A prefix matches words that start with it: `oil` finds `oils`.
//! - Either of several words (`al-Qaeda` as typed) matches those words in a
//!   row, whatever stands between them (`al Qaeda`, `Al-Qaeda`); only the
//!   last is a prefix.
//! - A phrase matches anywhere, like the filter's `"a phrase"`: `"il po"`
//!   finds the middle of `oil ports`. It is found in one pass with memory
//!   for the phrase alone, so a 100 MB body costs no copy.

use crate::base::names::fold_char;

use super::words::{self, for_each_word};

/// Something to find in a text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Pattern {
    /// Whole words in a row (folded).
    Words(Vec<String>),
    /// Words in a row, the last one a prefix (folded).
    Prefix(Vec<String>),
    /// Text anywhere (folded).
    Phrase(String),
}

impl Pattern {
    /// The whole words of what was typed.
    pub fn words(typed: &str) -> Pattern {
        Pattern::Words(words::words(typed))
    }

    /// What was typed, its last word a prefix.
    pub fn prefix(typed: &str) -> Pattern {
        Pattern::Prefix(words::words(typed))
    }

    /// What was typed, as a phrase; runs of spaces fold to one.
    pub fn phrase(typed: &str) -> Pattern {
        let mut folded = String::with_capacity(typed.len());
        let mut space = false;
        for c in typed.trim().chars() {
            if c.is_whitespace() {
                space = true;
                continue;
            }
            if space {
                folded.push(' ');
                space = false;
            }
            fold_char(c, &mut folded);
        }
        Pattern::Phrase(folded)
    }

    /// Whether `text` has a hit anywhere.
    pub fn is_in(&self, text: &str) -> bool {
        !find(text, std::slice::from_ref(self)).is_empty()
    }

    fn is_empty(&self) -> bool {
        match self {
            Pattern::Words(w) | Pattern::Prefix(w) => w.is_empty(),
            Pattern::Phrase(p) => p.is_empty(),
        }
    }
}

/// A hit: `text[start..end]`, of `patterns[pattern]`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Found {
    pub start: usize,
    pub end: usize,
    pub pattern: usize,
}

/// Every hit of every pattern in `text`, by start (then end, then
/// pattern). Hits of one pattern never overlap each other; hits of two
/// patterns may. Ranges are on character boundaries.
pub fn find(text: &str, patterns: &[Pattern]) -> Vec<Found> {
    let mut out = Vec::new();
    let mut worded: Vec<(usize, &[String], bool)> = Vec::new();
    for (i, p) in patterns.iter().enumerate() {
        if p.is_empty() {
            continue;
        }
        match p {
            Pattern::Words(w) => worded.push((i, w, false)),
            Pattern::Prefix(w) => worded.push((i, w, true)),
            Pattern::Phrase(s) => find_phrase(text, s, i, &mut out),
        }
    }
    if !worded.is_empty() {
        find_words(text, &worded, &mut out);
    }
    out.sort_unstable_by_key(|f| (f.start, f.end, f.pattern));
    out
}

/// Word patterns, over one pass of the text's words. The last few words
/// seen are kept so a pattern of several words can look back.
fn find_words(text: &str, patterns: &[(usize, &[String], bool)], out: &mut Vec<Found>) {
    let longest = patterns.iter().map(|p| p.1.len()).max().unwrap_or(0);
    // The last `longest` words: (start, end, folded), oldest first.
    let mut recent: std::collections::VecDeque<(usize, usize, String)> =
        std::collections::VecDeque::with_capacity(longest);
    // Where each pattern's last hit ended: hits of one pattern never overlap.
    let mut last_end = vec![0usize; patterns.len()];
    for_each_word(text, |start, end, folded| {
        if recent.len() == longest {
            let mut reused = recent.pop_front().expect("not empty");
            reused.2.clear();
            reused.2.push_str(folded);
            reused.0 = start;
            reused.1 = end;
            recent.push_back(reused);
        } else {
            recent.push_back((start, end, folded.to_string()));
        }
        for (k, &(index, words, prefix)) in patterns.iter().enumerate() {
            let n = words.len();
            if recent.len() < n {
                continue;
            }
            let first = recent.len() - n;
            let matched = words.iter().enumerate().all(|(j, w)| {
                let seen = &recent[first + j].2;
                if prefix && j + 1 == n {
                    seen.starts_with(w.as_str())
                } else {
                    seen == w
                }
            });
            let from = recent[first].0;
            if matched && from >= last_end[k] {
                out.push(Found {
                    start: from,
                    end,
                    pattern: index,
                });
                last_end[k] = end;
            }
        }
    });
}

/// A phrase anywhere: Knuth–Morris–Pratt over the folded bytes of the text,
/// produced a character at a time, remembering where in the text each of
/// the last `phrase.len()` folded bytes came from.
fn find_phrase(text: &str, phrase: &str, index: usize, out: &mut Vec<Found>) {
    let p = phrase.as_bytes();
    let m = p.len();
    // fail[i]: the longest proper prefix of p[..=i] that is also its suffix.
    let mut fail = vec![0usize; m];
    let mut k = 0;
    for i in 1..m {
        while k > 0 && p[i] != p[k] {
            k = fail[k - 1];
        }
        if p[i] == p[k] {
            k += 1;
        }
        fail[i] = k;
    }
    let mut origin = vec![0usize; m];
    let mut matched = 0usize;
    let mut seen = 0usize;
    let mut folded = String::with_capacity(8);
    let mut space = false;
    for (at, c) in text.char_indices() {
        folded.clear();
        if c.is_whitespace() {
            // Runs of whitespace (a line break too) are one space.
            if space {
                continue;
            }
            space = true;
            folded.push(' ');
        } else {
            space = false;
            fold_char(c, &mut folded);
        }
        for &b in folded.as_bytes() {
            origin[seen % m] = at;
            seen += 1;
            while matched > 0 && b != p[matched] {
                matched = fail[matched - 1];
            }
            if b == p[matched] {
                matched += 1;
            }
            if matched == m {
                let start = origin[(seen - m) % m];
                out.push(Found {
                    start,
                    end: at + c.len_utf8(),
                    pattern: index,
                });
                // Hits of one phrase do not overlap: start afresh.
                matched = 0;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn hits<'a>(text: &'a str, p: &Pattern) -> Vec<&'a str> {
        find(text, std::slice::from_ref(p))
            .iter()
            .map(|f| &text[f.start..f.end])
            .collect()
    }

    #[test]
    fn whole_words_ignoring_case_and_diacritics() {
        let text = "Oil, soil and OIL; oils. Erdoğan met ERDOGAN.";
        assert_eq!(hits(text, &Pattern::words("oil")), ["Oil", "OIL"]);
        assert_eq!(
            hits(text, &Pattern::words("Erdogan")),
            ["Erdoğan", "ERDOGAN"]
        );
        assert_eq!(hits(text, &Pattern::prefix("oil")), ["Oil", "OIL", "oils"]);
        assert!(hits(text, &Pattern::words("oi")).is_empty());
    }

    #[test]
    fn several_words_in_a_row() {
        let text = "Al-Qaeda and al Qaeda's allies, not al or Qaeda alone: al-Qa";
        assert_eq!(
            hits(text, &Pattern::words("al-qaeda")),
            ["Al-Qaeda", "al Qaeda"]
        );
        assert_eq!(
            hits(text, &Pattern::prefix("al qa")),
            ["Al-Qaeda", "al Qaeda", "al-Qa"]
        );
    }

    #[test]
    fn a_repeated_word_pattern_does_not_overlap_itself() {
        assert_eq!(hits("x x x", &Pattern::words("x x")), ["x x"]);
    }

    #[test]
    fn phrases_anywhere_with_original_offsets() {
        let text = "Oil  Ports of\nSIRTE and the oil ports";
        assert_eq!(
            hits(text, &Pattern::phrase("oil ports")),
            ["Oil  Ports", "oil ports"]
        );
        assert_eq!(
            hits(text, &Pattern::phrase("ports of sirte")),
            ["Ports of\nSIRTE"]
        );
        assert_eq!(hits(text, &Pattern::phrase("il po")), ["il  Po", "il po"]);
        assert_eq!(hits("aaaa", &Pattern::phrase("aa")), ["aa", "aa"]);
        assert_eq!(hits("abababc", &Pattern::phrase("ababc")), ["ababc"]);
    }

    #[test]
    fn phrases_across_folded_expansions() {
        // ß folds to ss: the hit covers the whole ß.
        let text = "Die Straße, die STRASSE";
        assert_eq!(
            hits(text, &Pattern::phrase("strasse")),
            ["Straße", "STRASSE"]
        );
        assert_eq!(hits(text, &Pattern::phrase("sse")), ["ße", "SSE"]);
        assert_eq!(hits("café", &Pattern::phrase("CAFE")), ["café"]);
        assert_eq!(
            hits("cafe\u{301}!", &Pattern::phrase("cafe!")),
            ["cafe\u{301}!"]
        );
    }

    #[test]
    fn several_patterns_sorted_by_start() {
        let text = "oil ports near Sirte oil";
        let pats = [Pattern::words("sirte"), Pattern::phrase("oil")];
        let got: Vec<_> = find(text, &pats)
            .iter()
            .map(|f| (&text[f.start..f.end], f.pattern))
            .collect();
        assert_eq!(got, [("oil", 1), ("Sirte", 0), ("oil", 1)]);
    }

    #[test]
    fn empty_patterns_find_nothing() {
        for p in [
            Pattern::words(" ... "),
            Pattern::phrase("  "),
            Pattern::prefix(""),
        ] {
            assert!(find("anything at all", &[p]).is_empty());
        }
        assert!(!Pattern::phrase("x").is_in(""));
        assert!(Pattern::phrase("t a").is_in("at all"));
    }
}

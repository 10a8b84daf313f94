//! Find in the article: where the filter's words and phrases are in a
//! body, for the reader to highlight and `;` / `,` to step through. Pure.
//!
//! A word hits where a word of the body starts with it, a phrase wherever
//! the body holds it, both ignoring case (what a reader looking for the
//! word expects; the list's own fuzzy matching of titles and names is
//! another matter). Negated terms and terms of other kinds hit nothing.

use std::ops::Range;

use super::query::{Query, TermKind};

/// Bodies longer than this are not searched for hits on the app's
/// thread (a keystroke in the filter must not wait on a 100 MB report).
pub const MAX_BODY: usize = 1 << 20;

/// Byte ranges of `body` that the query's words and phrases hit, in
/// order, overlapping ones merged.
pub fn find(body: &str, query: &Query) -> Vec<Range<usize>> {
    let mut hits = Vec::new();
    for t in query.terms.iter().filter(|t| !t.negated) {
        match &t.kind {
            TermKind::Word(w) => occurrences(body, w, true, &mut hits),
            TermKind::Phrase(p) => occurrences(body, p, false, &mut hits),
            _ => {}
        }
    }
    hits.sort_unstable_by_key(|r| (r.start, r.end));
    let mut merged: Vec<Range<usize>> = Vec::with_capacity(hits.len());
    for r in hits {
        match merged.last_mut() {
            Some(last) if r.start <= last.end => last.end = last.end.max(r.end),
            _ => merged.push(r),
        }
    }
    merged
}

/// Every place `needle` is in `body`, ignoring case (by full Unicode
/// lower-casing, char by char); at word starts only when `word_start`.
fn occurrences(body: &str, needle: &str, word_start: bool, out: &mut Vec<Range<usize>>) {
    if needle.is_ascii() {
        return ascii_occurrences(body, needle.as_bytes(), word_start, out);
    }
    let needle: Vec<char> = needle.chars().flat_map(char::to_lowercase).collect();
    let Some(&first) = needle.first() else {
        return;
    };
    let mut prev: Option<char> = None;
    for (i, c) in body.char_indices() {
        let at_start = !word_start || !prev.is_some_and(char::is_alphanumeric);
        prev = Some(c);
        if !at_start || !c.to_lowercase().any(|l| l == first) {
            continue;
        }
        if let Some(end) = match_at(&body[i..], &needle) {
            out.push(i..i + end);
        }
    }
}

/// [`occurrences`] of an ASCII needle, on bytes: its case variants are
/// ASCII too (but for a few letters such as the Kelvin sign, which are
/// not looked for), so no character is decoded but before a candidate.
fn ascii_occurrences(body: &str, needle: &[u8], word_start: bool, out: &mut Vec<Range<usize>>) {
    let hay = body.as_bytes();
    let Some(&first) = needle.first() else {
        return;
    };
    if hay.len() < needle.len() {
        return;
    }
    let (lo, up) = (first.to_ascii_lowercase(), first.to_ascii_uppercase());
    for i in 0..=hay.len() - needle.len() {
        if (hay[i] != lo && hay[i] != up) || !hay[i..i + needle.len()].eq_ignore_ascii_case(needle)
        {
            continue;
        }
        // A word starts here unless a letter or a digit is just before.
        let after_word = match hay[..i].last() {
            None => false,
            Some(b) if b.is_ascii() => b.is_ascii_alphanumeric(),
            Some(_) => body[..i]
                .chars()
                .next_back()
                .is_some_and(char::is_alphanumeric),
        };
        if !word_start || !after_word {
            out.push(i..i + needle.len());
        }
    }
}

/// The byte length of the start of `hay` that equals `needle` (lower
/// case) when lower-cased, if it does.
fn match_at(hay: &str, needle: &[char]) -> Option<usize> {
    let mut want = needle.iter();
    let mut pending = want.next();
    for (i, c) in hay.char_indices() {
        for l in c.to_lowercase() {
            match pending {
                Some(&w) if w == l => pending = want.next(),
                _ => return None,
            }
        }
        if pending.is_none() {
            return Some(i + c.len_utf8());
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts<'a>(body: &'a str, q: &str) -> Vec<&'a str> {
        find(body, &Query::parse(q).unwrap())
            .into_iter()
            .map(|r| &body[r])
            .collect()
    }

    #[test]
    fn words_hit_at_word_starts_phrases_anywhere_any_case() {
        let body = "Sirte fell. The SIRTE Protection Force left Sirte's port; desirte.";
        assert_eq!(texts(body, "sirte"), ["Sirte", "SIRTE", "Sirte"]);
        assert_eq!(texts(body, "sir"), ["Sir", "SIR", "Sir"]);
        assert_eq!(texts(body, "\"rte fell\""), ["rte fell"]);
        assert_eq!(texts(body, "\"irte\""), ["irte", "IRTE", "irte", "irte"]);
        // Negated terms and other kinds hit nothing.
        assert!(texts(body, "!sirte date:2020 @sirte is:read").is_empty());
    }

    #[test]
    fn ascii_and_unicode_searches_agree() {
        let body = "Sirte, SIRTE; éSirte 北Sirte desirte sirtes Şirte";
        for q in ["sirte", "\"irte\""] {
            let query = Query::parse(q).unwrap();
            let mut slow = Vec::new();
            for t in &query.terms {
                let (n, w) = match &t.kind {
                    TermKind::Word(w) => (w.as_str(), true),
                    TermKind::Phrase(p) => (p.as_str(), false),
                    _ => continue,
                };
                // The char-by-char search, forced.
                let chars: Vec<char> = n.chars().collect();
                let mut prev: Option<char> = None;
                for (i, c) in body.char_indices() {
                    let start = !w || !prev.is_some_and(char::is_alphanumeric);
                    prev = Some(c);
                    if start && let Some(end) = match_at(&body[i..], &chars) {
                        slow.push(i..i + end);
                    }
                }
            }
            assert_eq!(find(body, &query), slow, "{q}");
        }
        assert_eq!(texts(body, "sirte").len(), 3, "Sirte SIRTE sirtes");
    }

    #[test]
    fn overlapping_hits_merge_and_non_ascii_folds() {
        let body = "Erdoğan met ERDOĞAN; İstanbul.";
        assert_eq!(
            texts(body, "erdoğan \"oğan met\""),
            ["Erdoğan met", "ERDOĞAN"]
        );
        // A lower-cased needle longer in bytes than the text it matches.
        assert_eq!(texts(body, "i̇stan"), ["İstan"]);
        assert!(texts("", "x").is_empty());
    }
}

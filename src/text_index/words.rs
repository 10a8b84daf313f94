//! What a word is, for search: one definition shared by the index, the
//! query and the highlighter, so a word found in one is found in all.
//!
//! A word is a run of letters, digits and combining marks (`Haftar's` is
//! `haftar` and `s`, `al-Mahjoub` is `al` and `mahjoub`, `3.5` is `3` and
//! `5`), folded by [`crate::base::names::fold_char`] (case and diacritics
//! ignored). Han, Hiragana and Katakana, written without spaces, are a
//! word per character. A word is cut at [`MAX_WORD_BYTES`] of its folded
//! form: a megabyte without a space is one word, not a megabyte of index.

use crate::base::names::fold_char;

/// Longest folded word kept, in bytes. Longer words are cut (at a
/// character) to their first 64 bytes; a query is cut the same way, so
/// their first 64 bytes still find them.
pub const MAX_WORD_BYTES: usize = 64;

/// Calls `f(start, end, folded)` for every word of `text` in order:
/// `text[start..end]` is the word as written, `folded` its search form
/// (never empty).
pub fn for_each_word(text: &str, mut f: impl FnMut(usize, usize, &str)) {
    let mut folded = String::with_capacity(MAX_WORD_BYTES + 8);
    let mut start = None;
    let bytes = text.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        // ASCII, by far the commonest case, without decoding a char.
        let (c, len) = if b.is_ascii() {
            (b as char, 1)
        } else {
            let c = text[i..].chars().next().expect("a char at a boundary");
            (c, c.len_utf8())
        };
        match class(c) {
            Class::Letter => {
                if start.is_none() {
                    start = Some(i);
                }
                push_folded(c, &mut folded);
            }
            Class::Mark if start.is_some() => {}
            Class::Mark | Class::Other => {
                if let Some(s) = start.take() {
                    emit(s, i, &mut folded, &mut f);
                }
            }
            Class::Single => {
                if let Some(s) = start.take() {
                    emit(s, i, &mut folded, &mut f);
                }
                push_folded(c, &mut folded);
                emit(i, i + len, &mut folded, &mut f);
            }
        }
        i += len;
    }
    if let Some(s) = start {
        emit(s, text.len(), &mut folded, &mut f);
    }
}

/// The folded words of `text`, in order (a query's words).
pub fn words(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    for_each_word(text, |_, _, w| out.push(w.to_string()));
    out
}

/// Adds `c` folded, unless the word is already at its cap.
#[inline]
fn push_folded(c: char, folded: &mut String) {
    if folded.len() >= MAX_WORD_BYTES {
        return;
    }
    if c.is_ascii() {
        folded.push(c.to_ascii_lowercase());
    } else {
        fold_char(c, folded);
    }
    if folded.len() > MAX_WORD_BYTES {
        let mut cut = MAX_WORD_BYTES;
        while !folded.is_char_boundary(cut) {
            cut -= 1;
        }
        folded.truncate(cut);
    }
}

fn emit(start: usize, end: usize, folded: &mut String, f: &mut impl FnMut(usize, usize, &str)) {
    // A word of nothing but marks or ignorable forms folds to nothing.
    if !folded.is_empty() {
        f(start, end, folded);
    }
    folded.clear();
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Class {
    /// Part of a word.
    Letter,
    /// A combining mark: part of the word it follows.
    Mark,
    /// A word by itself (an ideograph, a kana).
    Single,
    /// Between words.
    Other,
}

#[inline]
fn class(c: char) -> Class {
    if c.is_ascii() {
        return if c.is_ascii_alphanumeric() {
            Class::Letter
        } else {
            Class::Other
        };
    }
    if is_single(c) {
        Class::Single
    } else if c.is_alphanumeric() {
        Class::Letter
    } else if unicode_normalization::char::is_combining_mark(c) {
        Class::Mark
    } else {
        Class::Other
    }
}

/// Scripts written without spaces between words, taken a character at a
/// time: Han ideographs (and their extensions and compatibility forms),
/// Hiragana and Katakana.
fn is_single(c: char) -> bool {
    matches!(c as u32,
        0x3040..=0x30ff
        | 0x3400..=0x4dbf
        | 0x4e00..=0x9fff
        | 0xf900..=0xfaff
        | 0x20000..=0x3ffff)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn spans(text: &str) -> Vec<(&str, String)> {
        let mut out = Vec::new();
        for_each_word(text, |s, e, w| out.push((&text[s..e], w.to_string())));
        out
    }

    #[test]
    fn words_are_runs_of_letters_and_digits_folded() {
        let got = spans("Haftar's forces, al-Mahjoub: 3.5% ÉLYSÉE");
        let words: Vec<_> = got.iter().map(|(_, w)| w.as_str()).collect();
        assert_eq!(
            words,
            ["haftar", "s", "forces", "al", "mahjoub", "3", "5", "elysee"]
        );
        assert_eq!(got[7].0, "ÉLYSÉE");
    }

    #[test]
    fn combining_marks_stay_in_their_word() {
        // `e` + combining acute, then `x`: one word, offsets cover the mark.
        let text = "cafe\u{301} x";
        let got = spans(text);
        assert_eq!(got[0], ("cafe\u{301}", "cafe".to_string()));
        assert_eq!(got[1].1, "x");
        // A mark with nothing before it is no word.
        assert!(spans("\u{301}\u{302}").is_empty());
    }

    #[test]
    fn ideographs_and_kana_are_a_word_each() {
        let got = spans("在北京 Tokyo東京");
        let words: Vec<_> = got.iter().map(|(_, w)| w.as_str()).collect();
        assert_eq!(words, ["在", "北", "京", "tokyo", "東", "京"]);
    }

    #[test]
    fn long_words_are_cut_at_a_character() {
        let long = "é".repeat(100);
        let got = spans(&long);
        assert_eq!(got.len(), 1);
        assert_eq!(got[0].0, long, "the span is the whole word");
        assert_eq!(got[0].1, "e".repeat(MAX_WORD_BYTES));
        let wide = "Ж".repeat(100);
        let w = &spans(&wide)[0].1;
        assert!(w.len() <= MAX_WORD_BYTES && w.len() >= MAX_WORD_BYTES - 1);
        assert!(w.chars().all(|c| c == 'ж'));
    }

    #[test]
    fn spans_are_on_char_boundaries_for_any_text() {
        let text = "x\u{200b}y 🇱🇾 a\u{0}b ’Ω’ ﬁne";
        for_each_word(text, |s, e, w| {
            assert!(text.is_char_boundary(s) && text.is_char_boundary(e));
            assert!(!w.is_empty());
        });
        assert_eq!(words(text), ["x", "y", "a", "b", "ω", "fine"]);
    }
}

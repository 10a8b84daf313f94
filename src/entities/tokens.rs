//! Tokens as the tagger was trained on them (CoNLL-2003 style): words keep
//! inner hyphens and apostrophes (`al-Mahjoub`, `O'Neill`), possessives and
//! `n't` split off (`Haftar` `'s`), abbreviations and dotted acronyms keep
//! their periods (`U.S.`, `Gen.`), numbers keep separators (`1,000`, `3.5`),
//! every other punctuation mark is a token of its own. Trademark signs
//! are no tokens at all: `BlackBerry® Q10` is the two words of one name,
//! not a name broken by a symbol.

use std::ops::Range;

use crate::base::names::is_trademark_sign;
use crate::corpus::sentences::sentences;

/// A token as byte offsets into the text it came from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Token {
    pub start: u32,
    pub end: u32,
}

impl Token {
    pub fn range(&self) -> Range<usize> {
        self.start as usize..self.end as usize
    }

    pub fn text<'a>(&self, source: &'a str) -> &'a str {
        &source[self.range()]
    }
}

/// Abbreviations that keep their period as part of the token.
const ABBREVIATIONS: &[&str] = &[
    "mr", "mrs", "ms", "dr", "prof", "gen", "lt", "col", "maj", "capt", "sgt", "cpl", "adm", "gov",
    "sen", "rep", "rev", "hon", "st", "ft", "mt", "jr", "sr", "inc", "corp", "ltd", "co", "bros",
    "vs", "etc", "no", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct",
    "nov", "dec", "ave", "blvd", "dept", "est", "approx", "fig", "vol", "pres", "brig", "cmdr",
    "amb",
];

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || is_mark(c)
}

/// Combining marks stay inside the word they modify.
fn is_mark(c: char) -> bool {
    matches!(c as u32, 0x0300..=0x036F | 0x1AB0..=0x1AFF | 0x1DC0..=0x1DFF | 0x20D0..=0x20FF | 0xFE20..=0xFE2F)
        || c == '\u{200d}'
}

/// Splits `text` into tokens.
pub fn tokenize(text: &str) -> Vec<Token> {
    let mut out = Vec::with_capacity(text.len() / 5);
    let mut chars = text.char_indices().peekable();
    while let Some(&(start, c)) = chars.peek() {
        if c.is_whitespace() || is_trademark_sign(c) {
            chars.next();
            continue;
        }
        if !is_word_char(c) {
            chars.next();
            out.push(Token {
                start: start as u32,
                end: (start + c.len_utf8()) as u32,
            });
            continue;
        }
        // A word: letters and digits, joined by single inner hyphens,
        // apostrophes, and (between digits) commas and periods.
        let mut end = start;
        let mut prev = c;
        while let Some(&(i, ch)) = chars.peek() {
            if is_word_char(ch) {
                end = i + ch.len_utf8();
                prev = ch;
                chars.next();
                continue;
            }
            let next = text[i + ch.len_utf8()..].chars().next();
            let joins = match ch {
                '-' | '‑' => next.is_some_and(is_word_char),
                '\'' | '’' => next.is_some_and(char::is_alphabetic),
                ',' | '.' | ':' => {
                    prev.is_ascii_digit() && next.is_some_and(|n| n.is_ascii_digit())
                }
                // `AT&T`, `S&P`, `H&M`: capitals joined by an ampersand with
                // no space are one name's letters (CoNLL writes them so).
                '&' => {
                    let before = &text[start..i];
                    before.len() <= 3
                        && before.bytes().all(|b| b.is_ascii_uppercase())
                        && next.is_some_and(|n| n.is_ascii_uppercase())
                }
                _ => false,
            };
            if !joins {
                break;
            }
            chars.next();
            prev = ch;
        }
        let word = &text[start..end];
        // Periods: `U.S.`, `Gen.`, initials `J.`.
        let mut word_end = end;
        if text[end..].starts_with('.') {
            let dotted = dotted_acronym_len(&text[start..]);
            if dotted > 0 {
                word_end = start + dotted;
                // Skip the characters the acronym consumed.
                while let Some(&(i, _)) = chars.peek() {
                    if i >= word_end {
                        break;
                    }
                    chars.next();
                }
            } else if takes_period(word) {
                word_end = end + 1;
                chars.next();
            }
        }
        push_word(text, start, word_end, &mut out);
    }
    out
}

/// `U.S.`, `U.N.`, `e.g.`: single letters each followed by a period, at
/// least two of them. Returns the byte length, or 0.
fn dotted_acronym_len(s: &str) -> usize {
    let b = s.as_bytes();
    let mut i = 0;
    let mut letters = 0;
    while i + 1 < b.len() && b[i].is_ascii_alphabetic() && b[i + 1] == b'.' {
        letters += 1;
        i += 2;
        if i < b.len() && b[i].is_ascii_alphabetic() && (i + 1 >= b.len() || b[i + 1] != b'.') {
            return 0; // `U.Sx`: not an acronym
        }
    }
    if letters >= 2 { i } else { 0 }
}

fn takes_period(word: &str) -> bool {
    let single_initial = word.chars().count() == 1 && word.chars().all(char::is_uppercase);
    single_initial || ABBREVIATIONS.contains(&word.to_ascii_lowercase().as_str())
}

/// Pushes a word, splitting a trailing possessive (`'s`, `’s`) or `n't`.
fn push_word(text: &str, start: usize, end: usize, out: &mut Vec<Token>) {
    let word = &text[start..end];
    let split = ["'s", "’s", "'S", "’S"]
        .iter()
        .find(|s| word.len() > s.len() && word.ends_with(*s))
        .map(|s| end - s.len())
        .or_else(|| {
            ["n't", "n’t", "N'T"]
                .iter()
                .find(|s| word.len() > s.len() && word.ends_with(*s))
                .map(|s| end - s.len())
        });
    match split {
        Some(at) => {
            out.push(Token {
                start: start as u32,
                end: at as u32,
            });
            out.push(Token {
                start: at as u32,
                end: end as u32,
            });
        }
        None => out.push(Token {
            start: start as u32,
            end: end as u32,
        }),
    }
    // A plural possessive apostrophe (`forces'`) stays a token of its own:
    // `'` followed by a space does not join a word.
}

/// Groups tokens into sentences: index ranges into `tokens`.
pub fn sentence_spans(text: &str, tokens: &[Token]) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut t = 0;
    for s in sentences(text) {
        let first = t;
        while t < tokens.len() && (tokens[t].start as usize) < s.end {
            t += 1;
        }
        if t > first {
            out.push(first..t);
        }
    }
    if t < tokens.len() {
        out.push(t..tokens.len());
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn toks(text: &str) -> Vec<&str> {
        tokenize(text).iter().map(|t| t.text(text)).collect()
    }

    #[test]
    fn words_punctuation_and_possessives() {
        assert_eq!(
            toks("Haftar's forces, said \"yes\"."),
            [
                "Haftar", "'s", "forces", ",", "said", "\"", "yes", "\"", "."
            ]
        );
        assert_eq!(toks("Erdogan’s move"), ["Erdogan", "’s", "move"]);
        assert_eq!(toks("don't go"), ["do", "n't", "go"]);
    }

    #[test]
    fn hyphens_and_apostrophes_inside_names() {
        assert_eq!(
            toks("Khaled al-Mahjoub met O'Neill in Guinea-Bissau -- then left"),
            [
                "Khaled",
                "al-Mahjoub",
                "met",
                "O'Neill",
                "in",
                "Guinea-Bissau",
                "-",
                "-",
                "then",
                "left"
            ]
        );
    }

    #[test]
    fn trademark_signs_are_no_tokens() {
        assert_eq!(
            toks("the BlackBerry® Q10 and Windows™ 8, Acme℠."),
            [
                "the",
                "BlackBerry",
                "Q10",
                "and",
                "Windows",
                "8",
                ",",
                "Acme",
                "."
            ]
        );
    }

    #[test]
    fn abbreviations_acronyms_and_numbers() {
        assert_eq!(
            toks("Gen. Smith of the U.S. Army paid $1,000.50 on Jan. 5."),
            [
                "Gen.", "Smith", "of", "the", "U.S.", "Army", "paid", "$", "1,000.50", "on",
                "Jan.", "5", "."
            ]
        );
        assert_eq!(toks("J. K. Rowling"), ["J.", "K.", "Rowling"]);
        assert_eq!(
            toks("at 10:30 in 2020-01-06"),
            ["at", "10:30", "in", "2020-01-06"]
        );
        assert_eq!(toks("end. Next"), ["end", ".", "Next"]);
        assert_eq!(
            toks("AT&T and the S&P 500 ; Marks & Spencer , Velm&Co , ABCD&E"),
            [
                "AT&T", "and", "the", "S&P", "500", ";", "Marks", "&", "Spencer", ",", "Velm", "&",
                "Co", ",", "ABCD", "&", "E"
            ]
        );
    }

    #[test]
    fn offsets_stay_on_character_boundaries() {
        let text = "Erdoğan visited 東京 and Zürich 🇹🇷 e\u{301}";
        for t in tokenize(text) {
            assert!(text.is_char_boundary(t.start as usize));
            assert!(text.is_char_boundary(t.end as usize));
        }
        assert_eq!(
            toks("Erdoğan visited Zürich"),
            ["Erdoğan", "visited", "Zürich"]
        );
    }

    #[test]
    fn sentences_group_tokens() {
        let text = "Gen. Smith left. Then Jones came.";
        let tokens = tokenize(text);
        let spans = sentence_spans(text, &tokens);
        assert_eq!(spans, [0..4, 4..8]);
    }
}

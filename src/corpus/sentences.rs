//! Sentence boundaries in cleaned text.
//!
//! A sentence ends at `.`, `!` or `?` (with any closing quotes or brackets
//! after it) followed by a space and something that can start a sentence,
//! and always at a paragraph break. It does not end after a known
//! abbreviation (`Mr.`, `Gen.`, `Jan.`), an initial (`J. Smith`), a dotted
//! acronym followed by a word that does not start sentences (`U.S. troops`),
//! or inside a quotation.

use std::ops::Range;

/// Abbreviations that take a period and rarely end a sentence.
const ABBREVIATIONS: &[&str] = &[
    "mr", "mrs", "ms", "dr", "prof", "gen", "lt", "col", "maj", "capt", "cpt", "sgt", "cpl", "adm",
    "cmdr", "brig", "gov", "sen", "rep", "rev", "hon", "pres", "amb", "st", "ft", "mt", "jr", "sr",
    "inc", "corp", "ltd", "co", "bros", "vs", "etc", "no", "nos", "vol", "fig", "approx", "dept",
    "est", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
    "mon", "tue", "tues", "wed", "thu", "thur", "thurs", "fri", "sat", "sun", "ave", "blvd", "rd",
    "e.g", "i.e", "cf", "al", "ca",
];

/// Words that very often start a sentence; after a dotted acronym such as
/// `U.S.` one of these means the acronym ended the sentence.
const SENTENCE_STARTERS: &[&str] = &[
    "The",
    "A",
    "An",
    "He",
    "She",
    "It",
    "They",
    "We",
    "I",
    "But",
    "And",
    "In",
    "On",
    "At",
    "This",
    "That",
    "These",
    "Those",
    "There",
    "His",
    "Her",
    "Its",
    "Their",
    "Our",
    "However",
    "Meanwhile",
    "Officials",
    "If",
    "When",
    "As",
    "After",
    "Before",
    "Since",
    "While",
    "Some",
    "Many",
];

/// Byte ranges of the sentences of `text`, in order, trimmed of spaces.
pub fn sentences(text: &str) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let bytes = text.as_bytes();
    let mut start = 0;
    let mut in_quote = false;
    // Where the current quotation opened, so an unbalanced quote cannot
    // swallow the rest of a long paragraph.
    let mut quote_opened = 0;
    let mut i = 0;
    let push = |out: &mut Vec<Range<usize>>, s: usize, e: usize| {
        let piece = &text[s..e];
        let lead = piece.len() - piece.trim_start().len();
        let trail = piece.len() - piece.trim_end().len();
        if s + lead < e - trail {
            out.push(s + lead..e - trail);
        }
    };
    while i < bytes.len() {
        let b = bytes[i];
        if b == b'\n' && i + 1 < bytes.len() && bytes[i + 1] == b'\n' {
            push(&mut out, start, i);
            in_quote = false;
            start = i + 2;
            i += 2;
            continue;
        }
        if b == b'"' {
            in_quote = !in_quote;
            quote_opened = i;
        } else if bytes[i..].starts_with("“".as_bytes()) {
            in_quote = true;
            quote_opened = i;
        } else if bytes[i..].starts_with("”".as_bytes()) {
            in_quote = false;
        }
        if in_quote && i - quote_opened > 1000 {
            in_quote = false;
        }
        if matches!(b, b'.' | b'!' | b'?') && !in_quote {
            // Swallow repeated terminators and closing quotes or brackets.
            let mut end = i + 1;
            while end < bytes.len() && matches!(bytes[end], b'.' | b'!' | b'?') {
                end += 1;
            }
            end = skip_closers(text, end);
            if is_boundary(text, start, i, end) {
                push(&mut out, start, end);
                start = end;
                i = end;
                continue;
            }
        } else if matches!(b, b'.' | b'!' | b'?') && in_quote {
            // `"... now." He said`: the quote closes right after the stop.
            let after = i + 1;
            if after < bytes.len() && (bytes[after] == b'"' || text[after..].starts_with('”')) {
                let end = skip_closers(text, after);
                in_quote = false;
                if is_boundary(text, start, i, end) {
                    push(&mut out, start, end);
                    start = end;
                    i = end;
                    continue;
                }
                i = end;
                continue;
            }
        }
        i += 1;
    }
    push(&mut out, start, bytes.len());
    out
}

fn skip_closers(text: &str, mut end: usize) -> usize {
    loop {
        let rest = &text[end..];
        let closer = ['"', '\'', ')', ']', '”', '’', '»']
            .into_iter()
            .find(|c| rest.starts_with(*c));
        match closer {
            Some(c) => end += c.len_utf8(),
            None => return end,
        }
    }
}

/// Whether the terminator at `stop` (text continues at `end`) ends a sentence.
fn is_boundary(text: &str, start: usize, stop: usize, end: usize) -> bool {
    let rest = &text[end..];
    // Needs whitespace after it, then something that can open a sentence.
    let Some(after) = rest.strip_prefix([' ', '\n', '\t']) else {
        return rest.is_empty();
    };
    let after = after.trim_start();
    let Some(next) = after.chars().next() else {
        return true;
    };
    if !(next.is_uppercase() || next.is_ascii_digit() || "\"“'‘([".contains(next)) {
        return false;
    }
    if text.as_bytes()[stop] != b'.' {
        return true;
    }
    // The word the period ends.
    // (Past the whole separator: `“` and some spaces are several bytes.)
    let word_start = text[start..stop]
        .char_indices()
        .rev()
        .find(|&(_, c)| c.is_whitespace() || "\"“(".contains(c))
        .map(|(p, c)| start + p + c.len_utf8())
        .unwrap_or(start);
    let word = &text[word_start..stop];
    let next_word: String = after.chars().take_while(|c| c.is_alphanumeric()).collect();
    if word.chars().count() == 1 && word.chars().all(char::is_uppercase) {
        return false; // an initial: `J. Smith`
    }
    let lower = word.to_lowercase();
    if ABBREVIATIONS.contains(&lower.as_str()) {
        return false;
    }
    // `U.S.` or `U.N.`: ends the sentence only before a typical starter.
    if word.contains('.') && word.chars().filter(|c| c.is_alphabetic()).count() <= 4 {
        return SENTENCE_STARTERS.contains(&next_word.as_str());
    }
    true
}

#[cfg(test)]
mod tests {
    use super::*;

    fn split(text: &str) -> Vec<&str> {
        sentences(text).into_iter().map(|r| &text[r]).collect()
    }

    #[test]
    fn splits_plain_sentences() {
        assert_eq!(
            split("It rained. Then it stopped! Did it? Yes."),
            ["It rained.", "Then it stopped!", "Did it?", "Yes."]
        );
    }

    #[test]
    fn not_after_abbreviations_or_initials() {
        assert_eq!(
            split("Mr. Smith met Gen. Jones on Jan. 5 in St. Louis. J. K. Rowling came."),
            [
                "Mr. Smith met Gen. Jones on Jan. 5 in St. Louis.",
                "J. K. Rowling came."
            ]
        );
    }

    #[test]
    fn dotted_acronyms() {
        assert_eq!(
            split("The U.S. Army left. U.S. officials said so."),
            ["The U.S. Army left.", "U.S. officials said so."]
        );
        assert_eq!(
            split("Troops came from the U.S. The rest stayed."),
            ["Troops came from the U.S.", "The rest stayed."]
        );
    }

    #[test]
    fn not_inside_quotes() {
        assert_eq!(
            split("He said \"Stop. Go home.\" Then he left. \"Fine,\" she said."),
            [
                "He said \"Stop. Go home.\"",
                "Then he left.",
                "\"Fine,\" she said."
            ]
        );
    }

    #[test]
    fn paragraph_breaks_end_sentences() {
        assert_eq!(
            split("Turkish forces\n\nThe progress"),
            ["Turkish forces", "The progress"]
        );
    }

    #[test]
    fn lowercase_continuation_is_not_a_boundary() {
        assert_eq!(split("a 3.5 rise. and more"), ["a 3.5 rise. and more"]);
    }

    #[test]
    fn a_word_after_a_multibyte_quote_or_space_is_read_whole() {
        // Found by fuzzing (after cleanup turned its vertical tabs into
        // spaces): the word before a period was cut one byte past `”`,
        // inside it.
        let fuzzed = "\u{201c}\u{201d}ye_y+\u{41f}.  K";
        assert_eq!(split(fuzzed), ["\u{201c}\u{201d}ye_y+\u{41f}.", "K"]);
        assert_eq!(
            split("He said “Gen. Ali left.” Then\u{a0}Mr. Omar came. Done."),
            [
                "He said “Gen. Ali left.”",
                "Then\u{a0}Mr. Omar came.",
                "Done."
            ]
        );
    }

    #[test]
    fn unbalanced_quote_does_not_swallow_everything() {
        let long = format!("\"Open quote. {} End. Next one.", "word ".repeat(300));
        assert!(split(&long).len() >= 2);
    }
}

//! Firms named for their founders, joined by an ampersand: `Procter &
//! Gamble`, `Marks & Spencer`, `Ernst & Young`, `Douglas & Lomason`. The
//! tagger finds the well-known ones whole and reads the others as two
//! people (`Simon` & `Schuster`) or a person and a stray `&`. And brands
//! of a letter and a word (`T-Mobile`), which it reads as the English
//! word they end on.

use super::words::lists;
use super::{
    Link, Origin, Overlap, Span, Spans, Text, in_running_text, is_capitalized, is_corporate,
};
use crate::entities::gazetteer::Category;
use crate::entities::kind::Kind;

/// `T-Mobile`, `E-Trade`, `H-P`: one capital, a hyphen, and a capitalised
/// word is a name wherever it stands untagged in running text, a firm's
/// most often; not a member of Congress's party and state (`D-Mass.`). English writes its letter-words small after the hyphen
/// (`X-ray`, `T-shirt`, `U-turn`); a title-case headline capitalises
/// them, so only running text is evidence ([`in_running_text`]). The kind vouches for nothing ([`Origin::Cut`]): the
/// article's other readings of the name decide it. And capitals joined
/// by an ampersand ([`ampersand_letters`]: `AT&T`).
pub(super) fn letter_brands(t: &Text, spans: &mut Spans, _: &mut Vec<Link>) {
    let words = t.words;
    let mut found = Vec::new();
    for (i, w) in words.iter().enumerate() {
        // `Edward Markey (D-Mass.)`, `Nick Rahall, D-W.Va.`: a member's
        // party and state.
        let party = i > 0
            && matches!(words[i - 1], "(" | ",")
            && super::names::party_and_state(&words[i..]).is_some();
        if !is_letter_brand(w) || party || !spans.overlapping(i, i + 1).is_empty() {
            continue;
        }
        if in_running_text(t, i) {
            found.push(Span::new(
                i,
                i + 1,
                Kind::Organization,
                Origin::Cut("letter_brands"),
            ));
        }
    }
    for s in found {
        spans.insert(s, Overlap::Gap);
    }
    ampersand_letters(spans, words);
}

/// Letters joined by an ampersand that are a common noun's, not a name's.
const AMPERSAND_TERMS: &[&str] = &[
    "M&A", "R&D", "Q&A", "P&L", "B&B", "R&B", "S&L", "F&B", "D&D", "B&W", "C&W",
];

/// `AT&T`, `S&P`, `H&M`, `P&G` (one token: capitals and an ampersand with
/// no space, [`crate::entities::tokens`]): a firm's name wherever it
/// stands, but the letters of a common noun (`M&A`, `R&D`, `Q&A`), which
/// are no name even where the tagger read one.
fn ampersand_letters(spans: &mut Spans, words: &[&str]) {
    let letters = |w: &str| {
        w.split_once('&').is_some_and(|(a, b)| {
            !a.is_empty()
                && !b.is_empty()
                && a.bytes().chain(b.bytes()).all(|c| c.is_ascii_uppercase())
        })
    };
    let mut found = Vec::new();
    for (i, w) in words.iter().enumerate() {
        if letters(w) && !AMPERSAND_TERMS.contains(w) && spans.overlapping(i, i + 1).is_empty() {
            found.push(spans.settled(i, i + 1, Kind::Organization));
        }
    }
    for s in found {
        spans.insert(s, Overlap::Gap);
    }
    spans.retain(|s| !(s.len() == 1 && AMPERSAND_TERMS.contains(&words[s.start])));
}

/// Words that follow a name but never a possessive, which a noun follows:
/// where one comes after `X's`, the `'s` is part of the name (`Moody's
/// said`, `Christie's will`). Not a participle, which may be a
/// possessive's adjective (`Obama's reported choice`).
const AFTER_A_NAME: &[&str] = &[
    "said", "says", "is", "was", "has", "had", "will", "would", "could", "can", "did", "does",
    "also",
];

/// `Moody's said`, `at Sotheby's in London`, `Boatmen's Bancshares Inc.`:
/// shops, agencies and firms named `X's`. Where the article writes `X's`
/// before a verb, or opening a firm's name that a company's suffix
/// closes, the `'s` is the name's, and every `X's` of the article is the
/// firm, whatever the tagger read `X` as (a person's surname, most
/// often). Not where the article writes `X` without the `'s` too (there
/// `'s` is a possessive or a contraction: `Obama's said`), nor a place
/// the gazetteer knows, nor a person's full name.
pub(super) fn possessive_firms(t: &Text, spans: &mut Spans, _: &mut Vec<Link>) {
    let words = t.words;
    let apostrophe = |w: &str| matches!(w, "'s" | "’s");
    // What comes before the `'s` at token `i`: the span ending there, or
    // the capitalised word.
    let owner = |spans: &Spans, i: usize| -> Option<(usize, usize)> {
        match spans.ending_at(i) {
            Some(k) => Some((spans[k].start, i)),
            None => {
                (is_capitalized(words[i - 1]) && !t.sentence_start[i - 1]).then_some((i - 1, i))
            }
        }
    };
    let mut firms: Vec<&[&str]> = Vec::new();
    for i in 1..words.len().saturating_sub(1) {
        if !apostrophe(words[i]) || !is_capitalized(words[i - 1]) {
            continue;
        }
        let next = words[i + 1];
        let verb = AFTER_A_NAME.contains(&next);
        let firm_name = is_capitalized(next)
            && words[i + 2..words.len().min(i + 4)]
                .iter()
                .any(|w| is_corporate(w));
        if !(verb || firm_name) {
            continue;
        }
        let Some((start, end)) = owner(spans, i) else {
            continue;
        };
        let name = &words[start..end];
        let person = spans[spans.overlapping(start, end)]
            .iter()
            .any(|s| s.kind == Kind::Person && s.len() >= 2);
        if person || t.gaz.lookup(name).is_some() || firms.contains(&name) {
            continue;
        }
        // A name the article ever writes without the `'s` is named so:
        // there `'s` is a possessive or a contraction (`Obama's said`,
        // `He's also`).
        let bare = (0..=words.len() - name.len()).any(|j| {
            &words[j..j + name.len()] == name
                && !words.get(j + name.len()).is_some_and(|w| apostrophe(w))
        });
        if !bare {
            firms.push(name);
        }
    }
    if firms.is_empty() {
        return;
    }
    let mut found = Vec::new();
    for i in 1..words.len() {
        if !apostrophe(words[i]) {
            continue;
        }
        let Some(&name) = firms
            .iter()
            .find(|n| i >= n.len() && &words[i - n.len()..i] == **n)
        else {
            continue;
        };
        let start = i - name.len();
        // A span over more than the name and its `'s` is a longer name's
        // (`Moody's Investors Service`).
        let longer = spans[spans.overlapping(start, i + 1)]
            .iter()
            .any(|s| s.start <= start && s.end > i + 1 || s.start < start);
        if !longer && !t.crosses_sentence(start, i + 1) {
            found.push(spans.settled(start, i + 1, Kind::Organization));
        }
    }
    for s in found {
        spans.insert(s, Overlap::All);
    }
}

/// One capital letter, a hyphen, then a capitalised word or capitals.
fn is_letter_brand(w: &str) -> bool {
    let mut c = w.chars();
    let (Some(letter), Some('-'), Some(first)) = (c.next(), c.next(), c.next()) else {
        return false;
    };
    let rest: Vec<char> = c.collect();
    letter.is_ascii_uppercase()
        && first.is_uppercase()
        && rest.iter().all(|c| c.is_alphabetic())
        && (rest.iter().any(|c| c.is_lowercase()) || rest.len() <= 3)
}

/// The most words on either side of the `&`.
const SIDE: usize = 2;

/// Capitalised words on both sides of an `&`, one or two on each (a
/// second one no English word), in one sentence, are one body's name, whatever spans lay over them; with the
/// `Co.` or `Inc.` that may follow. Not where a side is a country, a
/// region, a people or a body the gazetteer knows (`Israel & Gaza`, a
/// headline's `and`), nor a person's
/// full name the tagger is sure of, nor what a rule settled. A name then
/// `and Co` is a firm too (`Eli Lilly and Co`).
pub(super) fn ampersand_names(t: &Text, spans: &mut Spans, _: &mut Vec<Link>) {
    let words = t.words;
    let name_word = |i: usize| {
        words.get(i).is_some_and(|w| {
            is_capitalized(w) && w.chars().any(char::is_alphabetic) && !matches!(*w, "&" | "I")
        })
    };
    let mut found = Vec::new();
    for i in 1..words.len().saturating_sub(1) {
        if words[i] != "&" || !name_word(i - 1) || !name_word(i + 1) {
            continue;
        }
        // A second word on a side is no English word (`Auditors Ernst &
        // Young`: the auditors are not in the name), no title, and none
        // after a company's suffix (`JPMorgan Chase & Co. CEO Jamie
        // Dimon`).
        let more = |k: usize| {
            name_word(k) && !t.lexicon.is_common(words[k]) && !lists().titles.contains(words[k])
        };
        let mut start = i - 1;
        while start > 0 && i - start < SIDE && more(start - 1) && !t.sentence_start[start] {
            start -= 1;
        }
        let mut end = i + 2;
        while end - (i + 1) < SIDE && more(end) && !is_corporate(words[end - 1]) {
            end += 1;
        }
        if matches!(words.get(end), Some(&("Co." | "Inc." | "Co" | "Inc"))) {
            end += 1;
        }
        let (left, right) = (&words[start..i], &words[i + 1..end]);
        // Founders' names are words of two letters or more with a small
        // letter (not `M&A`, `Q&A`, `WBA & IBO`), and not both English
        // words (`Hit & Run`, `Law & Order`; but `Marks & Spencer`).
        let founder = |w: &str| {
            w.chars().filter(|c| c.is_alphabetic()).count() >= 2
                && w.chars().any(char::is_lowercase)
        };
        let (a, b) = (words[i - 1], words[i + 1]);
        if !founder(a) || !founder(b) || (t.lexicon.is_common(a) && t.lexicon.is_common(b)) {
            continue;
        }
        // A span already over all of it is the tagger's reading of a
        // longer name (`HP Technology Forum & Expo`).
        let held = spans[spans.overlapping(start, end)]
            .iter()
            .any(|s| s.start <= start && end <= s.end);
        // A city's name is a founder's as often (`Young`, `Spencer`).
        let known = |side: &[&str]| {
            [side, &side[..1]].iter().any(|words| {
                t.gaz
                    .lookup(words)
                    .is_some_and(|h| h.primary != Category::City)
            })
        };
        let sure_person = spans[spans.overlapping(start, end)].iter().any(|s| {
            s.origin.is_settled()
                || (s.kind == Kind::Person && s.len() >= 2 && s.origin.confidence() >= 0.5)
        });
        if held || t.crosses_sentence(start, end) || known(left) || known(right) || sure_person {
            continue;
        }
        found.push((start, end));
    }
    // `Eli Lilly and Co`, `Johnson Matthey and Co.`: a name, then `and
    // Co`, is the firm the name founded, whatever the tagger made of the
    // `Co` (a body of its own, most often).
    for i in 1..words.len().saturating_sub(1) {
        if words[i] != "and" || !matches!(words[i + 1], "Co" | "Co.") {
            continue;
        }
        let Some(k) = spans.ending_at(i) else {
            continue;
        };
        let s = spans[k];
        if !s.origin.is_settled() && !t.crosses_sentence(s.start, i + 2) {
            found.push((s.start, i + 2));
        }
    }
    for (start, end) in found {
        let whole = spans.settled(start, end, Kind::Organization);
        spans.insert(whole, Overlap::All);
    }
}

#[cfg(test)]
mod tests {
    use super::super::test_util::*;
    use crate::entities::kind::Kind;

    #[test]
    fn a_letter_and_a_capitalised_word_is_a_brand_in_running_text() {
        let w = words(
            "Customers of Q-Velm can buy the phone , said Tarn Orsk , D-Mass. , and \
             Q-Velm staff agreed . An X-ray and a T-shirt were given away by V-Orsk , \
             said Q-VT . Q-Velm Unveils Phones For Everyone .",
        );
        let mut spans = tagged(&[find(&w, "Tarn Orsk", Kind::Person)]);
        // A span the tagger gave stands.
        let second = w.iter().rposition(|&x| x == "staff").unwrap() - 1;
        spans.insert(
            super::Span::new(second, second + 1, Kind::Misc, super::Origin::Tagger(0.4)),
            super::Overlap::Gap,
        );
        run(&["letter_brands"], &w, &mut spans);
        assert_eq!(
            show(&w, &spans),
            [
                ("Q-Velm".into(), Kind::Organization),
                ("Tarn Orsk".into(), Kind::Person),
                ("Q-Velm".into(), Kind::Misc),
                ("V-Orsk".into(), Kind::Organization),
                ("Q-VT".into(), Kind::Organization),
            ]
        );
        assert_eq!(spans[0].origin, super::Origin::Cut("letter_brands"));
    }

    #[test]
    fn capitals_joined_by_an_ampersand_are_a_firm_but_a_common_nouns() {
        let w = words("AT&T and H&M rose , the S&P fell , M&A slowed and R&D grew .");
        let mut spans = tagged_in_turn(&w, &[("S&P", Kind::Misc), ("M&A", Kind::Organization)]);
        run(&["letter_brands"], &w, &mut spans);
        assert_eq!(
            show(&w, &spans),
            [
                ("AT&T".into(), Kind::Organization),
                ("H&M".into(), Kind::Organization),
                // The tagger's reading stands.
                ("S&P".into(), Kind::Misc),
            ]
        );
    }

    #[test]
    fn a_firm_named_with_an_apostrophe_s_keeps_it() {
        let w = words(
            "Velmy's said sales fell , and Velmy's shares rose . Art sold at Quistby's \
             in Orsa . Tarnmen's Bancshares Inc. grew ; Tarnmen's staff left . Dara Velm's \
             said nothing ; Dale's dog barked . Orsk's said so , Orsk agreed .",
        );
        let mut spans = tagged_in_turn(
            &w,
            &[
                ("Velmy", Kind::Person),
                ("Velmy", Kind::Person),
                ("Quistby", Kind::Organization),
                ("Tarnmen", Kind::Organization),
                ("Bancshares Inc.", Kind::Organization),
                ("Tarnmen", Kind::Organization),
                ("Dara Velm", Kind::Person),
                ("Dale", Kind::Person),
                ("Orsk", Kind::Person),
                ("Orsk", Kind::Person),
            ],
        );
        run(&["possessive_firms"], &w, &mut spans);
        assert_eq!(
            show(&w, &spans),
            [
                ("Velmy 's".into(), Kind::Organization),
                ("Velmy 's".into(), Kind::Organization),
                // Nothing says `in` follows no possessive.
                ("Quistby".into(), Kind::Organization),
                ("Tarnmen 's".into(), Kind::Organization),
                ("Bancshares Inc.".into(), Kind::Organization),
                ("Tarnmen 's".into(), Kind::Organization),
                ("Dara Velm".into(), Kind::Person),
                ("Dale".into(), Kind::Person),
                // Written without the `'s` too: a contraction.
                ("Orsk".into(), Kind::Person),
                ("Orsk".into(), Kind::Person),
            ]
        );
    }

    #[test]
    fn a_name_then_and_co_is_one_firm() {
        let w =
            words("Velm Orsk and Co said so , and Tarn Quist and Co. agreed ; Dale and Co came .");
        let mut spans = tagged_in_turn(
            &w,
            &[
                ("Velm Orsk", Kind::Person),
                ("Co", Kind::Organization),
                ("Tarn Quist", Kind::Organization),
            ],
        );
        run(&["ampersand_names"], &w, &mut spans);
        assert_eq!(
            show(&w, &spans),
            [
                ("Velm Orsk and Co".into(), Kind::Organization),
                ("Tarn Quist and Co.".into(), Kind::Organization),
            ]
        );
    }

    #[test]
    fn a_firm_opening_the_text_is_read_like_any_other() {
        let w = words("Vint Lasker & Co. said so .");
        let mut spans = tagged(&[]);
        run(&["ampersand_names"], &w, &mut spans);
        assert_eq!(
            show(&w, &spans),
            [("Vint Lasker & Co.".into(), Kind::Organization)]
        );
    }

    #[test]
    fn names_joined_by_an_ampersand_are_one_firm() {
        let w = words(
            "Shares of Velm & Tarnby rose ; Orsa & Quist Co. fell ; Vint Lasker & Co. CEO Ana Lisk left . Auditors Dale & Renn \
             signed . Egypt & Libya talked . Tova Renn & Dale Orsk met . Its M & A and \
             Hit & Run rules , the WBA & IBO belts and the Velm Forum & Expo stayed .",
        );
        let mut spans = tagged(&[
            find(&w, "Velm", Kind::Person),
            find(&w, "Tarnby", Kind::Person),
            find(&w, "Quist", Kind::Person),
            find(&w, "Egypt", Kind::Location),
            find(&w, "Libya", Kind::Location),
            find(&w, "Tova Renn", Kind::Person),
            find(&w, "Dale Orsk", Kind::Person),
            find(&w, "Velm Forum & Expo", Kind::Organization),
        ]);
        run(&["ampersand_names"], &w, &mut spans);
        assert_eq!(
            show(&w, &spans),
            [
                ("Velm & Tarnby".into(), Kind::Organization),
                ("Orsa & Quist Co.".into(), Kind::Organization),
                // A title after a company's suffix is not the firm's.
                ("Vint Lasker & Co.".into(), Kind::Organization),
                ("Dale & Renn".into(), Kind::Organization),
                // Places the gazetteer knows, and people the tagger is
                // sure of, stay themselves.
                ("Egypt".into(), Kind::Location),
                ("Libya".into(), Kind::Location),
                ("Tova Renn".into(), Kind::Person),
                ("Dale Orsk".into(), Kind::Person),
                // Letters, English words, acronyms: no founders; and a
                // longer name over the `&` is left whole.
                ("Velm Forum & Expo".into(), Kind::Organization),
            ]
        );
    }
}

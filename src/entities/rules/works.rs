//! Titles of works and models of products: a film, a book, a show or a
//! song is named in quotes (`"American Pie"`, `"Catching Fire,"`), and is
//! a misc name whatever its words read as alone (`"Australia"`, the
//! film); so is a product whose name ends on its model's number
//! (`BlackBerry Q10`, `Windows 95`), and a ship named with its navy's
//! letters (`USS Carney`).

use super::{Link, Origin, Overlap, Span, Spans, Text, is_short_number};
use crate::entities::kind::Kind;

/// A name read as a body or a place that fills a pair of quotes (a comma
/// or a full stop may close it inside them) is a title, misc, even one
/// the gazetteer knows. A person's name in quotes stays a person
/// (`"Magic" Johnson` is the nickname rule's), and so does what another
/// rule settled.
pub(super) fn quoted_titles(t: &Text, spans: &mut Spans, _: &mut Vec<Link>) {
    let words = t.words;
    for i in 0..spans.len() {
        let s = spans[i];
        let open = !s.origin.is_settled() || s.origin == Origin::Rule("gazetteer");
        if !matches!(s.kind, Kind::Organization | Kind::Location) || !open {
            continue;
        }
        let opened = s
            .start
            .checked_sub(1)
            .is_some_and(|p| matches!(words[p], "\"" | "“"));
        let closed = matches!(
            &words[s.end..],
            ["\"" | "”", ..] | ["," | ".", "\"" | "”", ..]
        );
        if opened && closed {
            spans.settle(i, Kind::Misc);
        }
    }
}

/// A product's name ends on its model's number or code (`BlackBerry
/// Q10`, `Windows 95`, `Airbus A380`): a name read as a body or a person
/// that ends on one is the product, misc, and so is a name followed by a
/// code of three letters and digits or more (`Airbus` `A380`; not
/// `Microsoft` `2013`, nor a quarter's `Q2`), or a name of two words or
/// more by a model's number (`BlackBerry Curve` `8900`).
/// (In CoNLL-2003's training text names ending on a number are misc six
/// times in seven; the rest are clubs and papers: `Schalke 04`.)
pub(super) fn product_models(t: &Text, spans: &mut Spans, _: &mut Vec<Link>) {
    let words = t.words;
    let digits = |w: &str| w.chars().any(|c| c.is_ascii_digit());
    // A model's code opens on a letter (`Q10`, `A380`; not `46th`, `76ers`,
    // an odds' `16-1`); a number alone (`95`) names a model only after a
    // name read as a body.
    let code = |w: &str| {
        w.starts_with(|c: char| c.is_alphabetic())
            && digits(w)
            && w.chars().all(char::is_alphanumeric)
    };
    let mut longer = Vec::new();
    for i in 0..spans.len() {
        let s = spans[i];
        if matches!(s.kind, Kind::Location | Kind::Date) || s.origin.is_settled() {
            continue;
        }
        let first = words[s.start];
        let named = first.chars().any(char::is_alphabetic) && !digits(first);
        let free_after = spans.get(i + 1).is_none_or(|n| n.start > s.end);
        let last = words[s.end - 1];
        let model = code(last) || s.kind == Kind::Organization && is_short_number(last);
        if s.len() >= 2 && named && model {
            spans.set_kind(i, Kind::Misc);
        } else if named
            && free_after
            && s.end < words.len()
            && !t.crosses_sentence(s.start, s.end + 1)
            && ((code(words[s.end]) && words[s.end].chars().count() >= 3)
                || (s.len() >= 2 && s.kind != Kind::Person && model_number(words[s.end])))
        {
            longer.push(Span::new(s.start, s.end + 1, Kind::Misc, s.origin));
        }
    }
    for s in longer {
        spans.insert(s, Overlap::All);
    }
}

/// A model's number after a name of two words or more (`BlackBerry
/// Curve` `8900`; a club's score follows one word, `Surrey` `212`): three
/// or four digits, and no year (`Microsoft` `2013`).
fn model_number(w: &str) -> bool {
    is_short_number(w)
        && w.len() >= 3
        && !(w.len() == 4 && (w.starts_with("19") || w.starts_with("20")))
}

/// The letters that open a ship's name.
const SHIPS: &[&str] = &["USS", "HMS", "HMAS", "HMCS", "HMNZS", "RMS", "INS"];

/// `USS Carney`, `HMS Diamond`, `RMS Titanic`: a ship's letters and its
/// name are a ship, misc, whatever the tagger read (a body, most often);
/// untagged, the letters and the capitalised words after them (two at
/// most) are the ship. Not what another rule settled.
pub(super) fn vessels(t: &Text, spans: &mut Spans, _: &mut Vec<Link>) {
    let words = t.words;
    let mut found = Vec::new();
    for i in 0..words.len().saturating_sub(1) {
        if !SHIPS.contains(&words[i]) {
            continue;
        }
        let mut end = i + 1;
        while end < words.len()
            && end - i <= 2
            && !t.sentence_start[end]
            && super::is_title_case(words[end])
        {
            end += 1;
        }
        if end == i + 1 {
            continue;
        }
        // The tagger's spans there: each inside the ship's name, or one
        // that is the ship's name from its letters on.
        let over = spans.overlapping(i, end);
        let inside = spans[over.clone()]
            .iter()
            .all(|s| i <= s.start && s.end <= end && !s.origin.is_settled());
        if inside {
            found.push(spans.settled(i, end, Kind::Misc));
        } else if let [s] = &spans[over.clone()]
            && s.start == i
            && !s.origin.is_settled()
        {
            spans.set_kind(over.start, Kind::Misc);
        }
    }
    for s in found {
        spans.insert(s, Overlap::Covered);
    }
}

#[cfg(test)]
mod tests {
    use super::super::test_util::*;
    use crate::entities::kind::Kind;

    #[test]
    fn a_ships_letters_and_name_are_a_ship() {
        let w = words(
            "The USS Velmar shot down drones , and HMS Orsk Dale fired while the USS \
             sailed . RMS Tarnia sank .",
        );
        let mut spans = tagged_in_turn(
            &w,
            &[
                ("USS Velmar", Kind::Organization),
                ("Orsk Dale", Kind::Person),
                ("USS", Kind::Organization),
            ],
        );
        run(&["vessels"], &w, &mut spans);
        assert_eq!(
            show(&w, &spans),
            [
                ("USS Velmar".into(), Kind::Misc),
                ("HMS Orsk Dale".into(), Kind::Misc),
                // Letters alone name no ship.
                ("USS".into(), Kind::Organization),
                ("RMS Tarnia".into(), Kind::Misc),
            ]
        );
    }

    #[test]
    fn a_product_ending_on_its_models_number_is_misc() {
        let w = words(
            "The Velmberry Q10 and Orsa 95 sold ; Velm Group and Velm 4 Tarn rose . \
             Tarnbus A380 jets flew ; Velmsoft 2013 sales grew . The Velmberry Curve 8900 \
             sold ; Tarnshire 212 and Orsa Group 2012 results .",
        );
        let mut spans = tagged(&[
            find(&w, "Velmberry Q10", Kind::Person),
            find(&w, "Orsa 95", Kind::Organization),
            find(&w, "Velm Group", Kind::Organization),
            find(&w, "Velm 4 Tarn", Kind::Organization),
            find(&w, "Tarnbus", Kind::Organization),
            find(&w, "Velmsoft", Kind::Organization),
            find(&w, "Velmberry Curve", Kind::Organization),
            find(&w, "Tarnshire", Kind::Organization),
            find(&w, "Orsa Group", Kind::Organization),
        ]);
        run(&["product_models"], &w, &mut spans);
        assert_eq!(
            show(&w, &spans),
            [
                ("Velmberry Q10".into(), Kind::Misc),
                ("Orsa 95".into(), Kind::Misc),
                ("Velm Group".into(), Kind::Organization),
                ("Velm 4 Tarn".into(), Kind::Organization),
                ("Tarnbus A380".into(), Kind::Misc),
                ("Velmsoft".into(), Kind::Organization),
                // A model's number after a name of two words; not a
                // club's score, nor a year.
                ("Velmberry Curve 8900".into(), Kind::Misc),
                ("Tarnshire".into(), Kind::Organization),
                ("Orsa Group".into(), Kind::Organization),
            ]
        );
    }

    #[test]
    fn a_code_opening_the_next_paragraph_is_no_model() {
        let text = "Shares of Tarnbus rose\n\nA380 jets flew .";
        let w = words(text);
        let mut spans = tagged(&[find(&w, "Tarnbus", Kind::Organization)]);
        run_sentences(&["product_models"], &w, text, &mut spans);
        assert_eq!(show(&w, &spans), [("Tarnbus".into(), Kind::Organization)]);
    }

    #[test]
    fn a_name_in_quotes_is_a_title() {
        let w = words(
            "She starred in \" Velm Pie , \" then \" Australia \" . \" Orsa Group is ready , \" he said . \
             Fans of \" Tova Renn \" and the Velm Group left .",
        );
        let mut spans = tagged(&[
            find(&w, "Velm Pie", Kind::Organization),
            find(&w, "Australia", Kind::Location),
            find(&w, "Orsa Group", Kind::Organization),
            find(&w, "Tova Renn", Kind::Person),
            find(&w, "Velm Group", Kind::Organization),
        ]);
        run(&["quoted_titles"], &w, &mut spans);
        assert_eq!(
            show(&w, &spans),
            [
                ("Velm Pie".into(), Kind::Misc),
                ("Australia".into(), Kind::Misc),
                ("Orsa Group".into(), Kind::Organization),
                ("Tova Renn".into(), Kind::Person),
                ("Velm Group".into(), Kind::Organization),
            ]
        );
    }
}

//! What the gazetteer knows: known names get their known kind, known
//! places and groups the tagger missed are added, and an adjective of a
//! known place (`Misratan`) is a nationality.

use std::collections::{HashMap, HashSet};

use super::words::lists;
use super::{Link, Overlap, Spans, Text, is_capitalized, opens_clause};
use crate::entities::gazetteer::{Category, Gazetteer};
use crate::entities::kind::Kind;

/// Known names get their known kind; known countries, regions, demonyms
/// and organizations the tagger missed are added, and so are known cities
/// after a locative preposition (`in Benghazi`). A city name alone keeps
/// the tagger's kind: `Houston` may be a person.
pub(super) fn gazetteer(t: &Text, spans: &mut Spans, _: &mut Vec<Link>) {
    let (words, gaz) = (t.words, t.gaz);
    for i in 0..spans.len() {
        let s = spans[i];
        let Some(hit) = gaz.lookup(&words[s.range()]) else {
            continue;
        };
        // A confident person keeps its kind: `Jordan` scored, `Chad` said.
        let sure_person = s.kind == Kind::Person && s.origin.confidence() >= 0.5;
        if hit.primary != Category::City {
            if !sure_person {
                spans.set_kind(i, hit.primary.kind());
            }
        } else if s.start.checked_sub(1).is_some_and(|p| {
            is_locative(t, p)
                || (s.kind == Kind::Organization && lists().place_verbs.contains(words[p]))
        }) {
            // `in Sirte`: a known city after a locative preposition is
            // the place, whatever sports pages taught the tagger.
            spans.settle(i, Kind::Location);
        }
    }
    for m in gaz.matches(words) {
        let cat = m.hit.primary;
        let wanted = match cat {
            Category::City => {
                let name = &words[m.start..m.end];
                m.start.checked_sub(1).is_some_and(|p| is_locative(t, p))
                    && name.iter().map(|w| w.chars().count()).sum::<usize>() >= 4
                    && !(name.len() == 1
                        && (lists().not_cities.contains(name[0])
                            || crate::entities::dates::is_calendar_word(name[0])))
            }
            _ => true,
        };
        if wanted {
            // A known name that contains tagger spans replaces them (`North
            // African` over `African`); one inside a longer span stays
            // inside.
            spans.insert(spans.settled(m.start, m.end, cat.kind()), Overlap::Covered);
        }
    }
}

/// Whether token `p` is a locative preposition (`in`, `near`), written
/// with a capital where it opens a sentence (`Near Sirte, troops...`).
fn is_locative(t: &Text, p: usize) -> bool {
    let w = t.words[p];
    lists().locatives.contains(w)
        || (opens_clause(t, p) && lists().locatives.contains(&w.to_lowercase()))
}

/// `Misratan forces` in a text that names `Misrata`: an adjective formed
/// from a place the text names, or from a known country or region, is a
/// nationality (misc). Known cities alone are not enough: `Susan` is not
/// an adjective of Susa.
pub(super) fn derived_demonyms(t: &Text, spans: &mut Spans, _: &mut Vec<Link>) {
    let words = t.words;
    // Sets, and one verdict per distinct word: an article naming the same
    // place ten thousand times costs no more per word than one naming it
    // once.
    let places: HashSet<String> = spans
        .iter()
        .filter(|s| s.kind == Kind::Location)
        .map(|s| words[s.range()].join(" "))
        .collect();
    let mut verdicts: HashMap<&str, bool> = HashMap::new();
    for (i, &w) in words.iter().enumerate() {
        if w.len() < 5 || !is_capitalized(w) || w.chars().any(|c| !c.is_alphabetic()) {
            continue;
        }
        let over = spans.overlapping(i, i + 1);
        let tagged = (!over.is_empty()).then_some(over.start);
        if let Some(p) = tagged
            && (spans[p].len() > 1 || spans[p].kind == Kind::Person)
        {
            continue;
        }
        let is_demonym = *verdicts
            .entry(w)
            .or_insert_with(|| demonym_of_known_place(w, &places, t.gaz));
        if !is_demonym {
            continue;
        }
        match tagged {
            Some(p) => spans.set_kind(p, Kind::Misc),
            None => {
                spans.insert(spans.settled(i, i + 1, Kind::Misc), Overlap::Gap);
            }
        }
    }
}

fn demonym_of_known_place(w: &str, places: &HashSet<String>, gaz: &Gazetteer) -> bool {
    let mut place = String::with_capacity(w.len() + 2);
    for suffix in ["ian", "an", "n", "i", "ese"] {
        let Some(base) = w.strip_suffix(suffix) else {
            continue;
        };
        if base.len() < 3 {
            continue;
        }
        for ending in ["", "a", "e", "o", "ia", "y", "ah"] {
            place.clear();
            place.push_str(base);
            place.push_str(ending);
            if place == w {
                continue;
            }
            if places.contains(place.as_str()) {
                return true;
            }
            if gaz
                .lookup(&[place.as_str()])
                .is_some_and(|h| matches!(h.primary, Category::Country | Category::Region))
            {
                return true;
            }
        }
    }
    false
}

#[cfg(test)]
mod tests {
    use super::super::test_util::*;
    use super::super::{Origin, Span};
    use crate::entities::kind::Kind;

    #[test]
    fn known_names_get_known_kinds_and_missed_ones_are_added() {
        let w = words(
            "Envoys from Norway and the UN met Chadian officials in Mosul near the Red Sea .",
        );
        // The tagger called Norway a person and missed the rest.
        let mut spans = tagged(&[find(&w, "Norway", Kind::Person)]);
        run(&["gazetteer"], &w, &mut spans);
        assert_eq!(
            show(&w, &spans),
            [
                ("Norway".into(), Kind::Location),
                ("UN".into(), Kind::Organization),
                ("Chadian".into(), Kind::Misc),
                ("Mosul".into(), Kind::Location),
                ("Red Sea".into(), Kind::Location),
            ]
        );
    }

    #[test]
    fn a_city_name_alone_keeps_the_taggers_kind() {
        let w = words("Houston said the deal was done .");
        let mut spans = tagged(&[find(&w, "Houston", Kind::Person)]);
        run(&["gazetteer"], &w, &mut spans);
        assert_eq!(show(&w, &spans), [("Houston".into(), Kind::Person)]);
    }

    #[test]
    fn adjectives_of_known_places_are_misc() {
        let w =
            words("Zawiyan fighters left Zawiya ; Tuvaluan militias and Tobrukan units stayed .");
        let mut spans = tagged(&[find(&w, "Zawiya", Kind::Location)]);
        run(&["derived_demonyms"], &w, &mut spans);
        let got = show(&w, &spans);
        assert!(got.contains(&("Zawiyan".into(), Kind::Misc)), "{got:?}");
        assert!(got.contains(&("Tuvaluan".into(), Kind::Misc)), "{got:?}");
        assert!(
            !got.iter().any(|(t, _)| t == "Tobrukan"),
            "a city alone is not enough"
        );
        assert!(got.contains(&("Zawiya".into(), Kind::Location)), "{got:?}");
    }

    #[test]
    fn ordinary_capitalised_words_are_not_demonyms() {
        let w = words("Officials said Tuesday that Susan and Morgan left .");
        let mut spans = tagged(&[find(&w, "Morgan", Kind::Person)]);
        run(&["derived_demonyms"], &w, &mut spans);
        assert_eq!(show(&w, &spans), [("Morgan".into(), Kind::Person)]);
    }

    #[test]
    fn a_known_city_after_a_locative_opening_a_sentence_is_a_place() {
        let w = words("Near Sirte , troops massed . In Derna , they waited .");
        let mut spans = tagged(&[find(&w, "Sirte", Kind::Person)]);
        run(&["gazetteer"], &w, &mut spans);
        assert_eq!(
            show(&w, &spans),
            [
                ("Sirte".into(), Kind::Location),
                ("Derna".into(), Kind::Location)
            ]
        );
    }

    #[test]
    fn a_known_city_after_a_locative_is_a_place() {
        let w =
            words("Fans cheered Sirte and clashes in Sirte went on , then troops entered Sirte .");
        let mut spans = tagged(&[
            find(&w, "Sirte", Kind::Organization),
            Span::new(6, 7, Kind::Organization, Origin::Tagger(0.3)),
            Span::new(13, 14, Kind::Organization, Origin::Tagger(0.3)),
        ]);
        assert_eq!((w[6], w[13]), ("Sirte", "Sirte"));
        run(&["gazetteer"], &w, &mut spans);
        assert_eq!(spans[0].kind, Kind::Organization, "no locative before it");
        assert_eq!(spans[1].kind, Kind::Location);
        assert_eq!(spans[2].kind, Kind::Location, "entered");
    }
}

//! What the gazetteer knows: known names get their known kind, known
//! places and groups the tagger missed are added, and an adjective of a
//! known place (`Misratan`) is a nationality.

use super::*;

/// Prepositions after which a known city name is a place. Only those that
/// place something: `to`, `from`, `of` and `and` precede people as often
/// (`said to Clinton`, `Dole and Clinton`).
const LOCATIVE: &[&str] = &[
    "in", "near", "at", "outside", "around", "toward", "towards", "into", "across", "via",
    "inside", "within",
];

/// Words after which a known city the tagger took for an organization is
/// the place: troops `entered Sirte`, `withdrew from Sirte`. (An
/// organization named like a city is mostly a sports club, and sports
/// clubs do not get entered or captured.)
const PLACE_VERBS: &[&str] = &[
    "from",
    "to",
    "entered",
    "captured",
    "seized",
    "reached",
    "took",
    "retook",
    "left",
    "fled",
    "besieged",
    "surrounded",
    "shelled",
    "bombed",
    "stormed",
    "visited",
    "toward",
    "towards",
];

/// Capitalised words that are also the names of some city somewhere, and
/// never a place in running text after `in` (nor are months and weekdays:
/// [`crate::entities::dates::is_calendar_word`]).
const NOT_CITIES: &[&str] = &["God", "Mass", "Parliament", "Congress", "Court"];

/// Known names get their known kind; known countries, regions, demonyms
/// and organizations the tagger missed are added, and so are known cities
/// after a locative preposition (`in Benghazi`). A city name alone keeps
/// the tagger's kind: `Houston` may be a person.
pub fn gazetteer(words: &[&str], spans: &mut Vec<Span>, gaz: &Gazetteer) {
    for s in spans.iter_mut() {
        let Some(hit) = gaz.lookup(&words[s.start..s.end]) else {
            continue;
        };
        // A confident person keeps its kind: `Jordan` scored, `Chad` said.
        let sure_person = s.kind == Kind::Person && s.score >= 0.5;
        if hit.primary != Category::City {
            if !sure_person {
                s.kind = category_kind(hit.primary);
            }
        } else if s.start.checked_sub(1).is_some_and(|p| {
            LOCATIVE.contains(&words[p])
                || (s.kind == Kind::Organization && PLACE_VERBS.contains(&words[p]))
        }) {
            // `in Sirte`: a known city after a locative preposition is
            // the place, whatever sports pages taught the tagger.
            s.kind = Kind::Location;
            s.score = 1.0;
        }
    }
    let matches: Vec<Match> = gaz.matches(words);
    for m in matches {
        let cat = m.hit.primary;
        let wanted = match cat {
            Category::City => {
                let name = &words[m.start..m.end];
                m.start
                    .checked_sub(1)
                    .is_some_and(|p| LOCATIVE.contains(&words[p]))
                    && name.iter().map(|w| w.chars().count()).sum::<usize>() >= 4
                    && !(name.len() == 1
                        && (NOT_CITIES.contains(&name[0])
                            || crate::entities::dates::is_calendar_word(name[0])))
            }
            _ => true,
        };
        if !wanted {
            continue;
        }
        // A known name that contains tagger spans replaces them (`North
        // African` over `African`); one inside a longer span stays inside.
        if spans
            .iter()
            .any(|s| s.overlaps(m.start, m.end) && !(m.start <= s.start && s.end <= m.end))
        {
            continue;
        }
        spans.retain(|s| !s.overlaps(m.start, m.end));
        spans.push(Span::new(m.start, m.end, category_kind(cat), 1.0));
    }
    sort(spans);
}

/// `Misratan forces` in a text that names `Misrata`: an adjective formed
/// from a place the text names, or from a known country or region, is a
/// nationality (misc). Known cities alone are not enough: `Susan` is not
/// an adjective of Susa.
pub fn derived_demonyms(words: &[&str], spans: &mut Vec<Span>, gaz: &Gazetteer) {
    let places: Vec<String> = spans
        .iter()
        .filter(|s| s.kind == Kind::Location)
        .map(|s| words[s.start..s.end].join(" "))
        .collect();
    for (i, &w) in words.iter().enumerate() {
        if w.len() < 5 || !is_capitalized(w) || w.chars().any(|c| !c.is_alphabetic()) {
            continue;
        }
        let tagged = spans.iter().position(|s| s.overlaps(i, i + 1));
        if let Some(p) = tagged
            && (spans[p].end - spans[p].start > 1 || spans[p].kind == Kind::Person)
        {
            continue;
        }
        if !demonym_of_known_place(w, &places, gaz) {
            continue;
        }
        match tagged {
            Some(p) => spans[p].kind = Kind::Misc,
            None => spans.push(Span::new(i, i + 1, Kind::Misc, 1.0)),
        }
    }
    sort(spans);
}

fn demonym_of_known_place(w: &str, places: &[String], gaz: &Gazetteer) -> bool {
    for suffix in ["ian", "an", "n", "i", "ese"] {
        let Some(base) = w.strip_suffix(suffix) else {
            continue;
        };
        if base.len() < 3 {
            continue;
        }
        for ending in ["", "a", "e", "o", "ia", "y", "ah"] {
            let place = format!("{base}{ending}");
            if place == w {
                continue;
            }
            if places.contains(&place) {
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
    use super::*;

    #[test]
    fn known_names_get_known_kinds_and_missed_ones_are_added() {
        let w = words(
            "Envoys from Norway and the UN met Chadian officials in Mosul near the Red Sea .",
        );
        // The tagger called Norway a person and missed the rest.
        let mut spans = vec![find(&w, "Norway", Kind::Person)];
        gazetteer(&w, &mut spans, Gazetteer::embedded());
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
        let mut spans = vec![find(&w, "Houston", Kind::Person)];
        gazetteer(&w, &mut spans, Gazetteer::embedded());
        assert_eq!(show(&w, &spans), [("Houston".into(), Kind::Person)]);
    }

    #[test]
    fn adjectives_of_known_places_are_misc() {
        let w =
            words("Zawiyan fighters left Zawiya ; Tuvaluan militias and Tobrukan units stayed .");
        let mut spans = vec![find(&w, "Zawiya", Kind::Location)];
        derived_demonyms(&w, &mut spans, Gazetteer::embedded());
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
        let mut spans = vec![find(&w, "Morgan", Kind::Person)];
        derived_demonyms(&w, &mut spans, Gazetteer::embedded());
        assert_eq!(show(&w, &spans), [("Morgan".into(), Kind::Person)]);
    }

    #[test]
    fn a_known_city_after_a_locative_is_a_place() {
        let w =
            words("Fans cheered Sirte and clashes in Sirte went on , then troops entered Sirte .");
        let mut spans = vec![
            find(&w, "Sirte", Kind::Organization),
            Span::new(6, 7, Kind::Organization, 0.3),
            Span::new(13, 14, Kind::Organization, 0.3),
        ];
        assert_eq!((w[6], w[13]), ("Sirte", "Sirte"));
        gazetteer(&w, &mut spans, Gazetteer::embedded());
        assert_eq!(spans[0].kind, Kind::Organization, "no locative before it");
        assert_eq!(spans[1].kind, Kind::Location);
        assert_eq!(spans[2].kind, Kind::Location, "entered");
    }
}

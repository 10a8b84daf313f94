//! Names the text says are one: an acronym in brackets and its long form
//! (`Libyan National Army (LNA)`), and `X, also known as Y`.

use super::words::lists;
use super::{Link, Overlap, Spans, Text, is_capitalized, is_name_word};
use crate::entities::kind::Kind;

/// `Libyan National Army (LNA)`: the bracketed acronym is the long form's
/// alias, and of its kind (`United Arab Emirates (UAE)` is a place).
/// Creates the acronym's span (or the long form's, from the acronym's
/// letters, as an organization) when the tagger missed one, and links the
/// two.
pub(super) fn acronym_definitions(t: &Text, spans: &mut Spans, links: &mut Vec<Link>) {
    let words = t.words;
    for i in 1..words.len().saturating_sub(1) {
        let acr = words[i];
        if words[i - 1] != "(" || !is_acronym(acr) {
            continue;
        }
        let closes = matches!(words.get(i + 1).copied(), Some(")" | "," | ";"));
        if !closes {
            continue;
        }
        let letters: Vec<char> = acr.chars().filter(|c| c.is_alphabetic()).collect();
        let end = i - 1;
        // The long form: a span ending right before the bracket, or the
        // capitalised words whose initials spell the acronym.
        let found = spans.ending_at(end).map(|p| spans[p]);
        let (start, kind) = match found {
            Some(s) if initials_match(&words[s.range()], &letters) => (s.start, s.kind),
            _ => match long_form_start(words, end, &letters) {
                Some(start) => {
                    let long = spans.settled(start, end, Kind::Organization);
                    spans.insert(long, Overlap::All);
                    (start, Kind::Organization)
                }
                None => continue,
            },
        };
        spans.insert(spans.settled(i, i + 1, kind), Overlap::All);
        links.push(Link {
            a: (start, end),
            b: (i, i + 1),
        });
    }
}

fn is_acronym(w: &str) -> bool {
    let letters = w.chars().filter(|c| c.is_alphabetic()).count();
    (2..=8).contains(&letters)
        && w.chars()
            .all(|c| c.is_uppercase() || c == '.' || c == '-' || c == '&' || c.is_ascii_digit())
}

/// Whether the words of `name` spell `letters`: each capitalised word by
/// its initial (each capitalised part of a hyphenated one: `al-Qaeda`
/// gives Q), an acronym inside by its initial or all its letters (`UN
/// Support Mission in Libya` is UNSMIL), a stopword or a name particle by
/// its initial or not at all (`Organisation of Islamic Cooperation` is OIC,
/// `Mohammed bin Salman` is MBS).
fn initials_match(name: &[&str], letters: &[char]) -> bool {
    fn options(w: &str) -> Vec<Vec<char>> {
        let upper = |c: char| c.to_uppercase().next().unwrap_or(c);
        if lists().acronym_stopwords.contains(w) || lists().particles.contains(w) {
            return vec![Vec::new(), w.chars().take(1).map(upper).collect()];
        }
        let initials: Vec<char> = w
            .split('-')
            .filter(|p| is_capitalized(p))
            .filter_map(|p| p.chars().next())
            .map(upper)
            .collect();
        if is_acronym(w) && w.chars().filter(|c| c.is_alphabetic()).count() > 1 {
            let all: Vec<char> = w.chars().filter(|c| c.is_alphabetic()).collect();
            return vec![all, initials];
        }
        vec![initials]
    }
    fn spells(name: &[&str], letters: &[char]) -> bool {
        let Some((w, rest)) = name.split_first() else {
            return letters.is_empty();
        };
        options(w).iter().any(|o| {
            letters.len() >= o.len()
                && o.iter()
                    .zip(letters)
                    .all(|(a, b)| b.to_uppercase().eq([*a]))
                && spells(rest, &letters[o.len()..])
        })
    }
    // Something must be spelled by a word, not by stopwords alone.
    name.iter().any(|w| !lists().acronym_stopwords.contains(w)) && spells(name, letters)
}

/// The start of the words before `end` whose initials spell `letters`:
/// capitalised words and acronym stopwords only, so `Islamic State from
/// Iraq and Levante (ISIL)` names no single thing.
fn long_form_start(words: &[&str], end: usize, letters: &[char]) -> Option<usize> {
    let max = letters.len() * 2 + 2;
    (end.saturating_sub(max)..end)
        .filter(|&s| is_capitalized(words[s]))
        .filter(|&s| {
            words[s..end].iter().all(|w| {
                is_name_word(w)
                    || lists().acronym_stopwords.contains(w)
                    || lists().particles.contains(w)
            })
        })
        .find(|&s| initials_match(&words[s..end], letters))
}

/// `ISIL, also known as ISIS` and `(also called X)`: pairs of token ranges.
pub(super) fn also_known_as(t: &Text, spans: &mut Spans, links: &mut Vec<Link>) {
    let words = t.words;
    for a in spans.iter() {
        let mut k = a.end;
        if matches!(words.get(k).copied(), Some("," | "(")) {
            k += 1;
        }
        let Some(phrase_len) = lists()
            .alias_phrases
            .longest_at(&words[k.min(words.len())..])
        else {
            continue;
        };
        let b_start = k + phrase_len;
        let after = spans.overlapping(b_start, b_start + 1);
        if let Some(b) = spans[after].first().filter(|s| s.start == b_start) {
            links.push(Link {
                a: (a.start, a.end),
                b: (b.start, b.end),
            });
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::test_util::*;
    use crate::entities::kind::Kind;

    #[test]
    fn bracketed_acronyms_join_their_long_form() {
        let w = words(
            "The Syrian Democratic Forces ( SDF ) and the Government of National Unity ( GNU ) met .",
        );
        let mut spans = tagged(&[find(&w, "Syrian Democratic Forces", Kind::Organization)]);
        let pairs = run(&["acronym_definitions"], &w, &mut spans);
        assert_eq!(
            show(&w, &spans),
            [
                ("Syrian Democratic Forces".into(), Kind::Organization),
                ("SDF".into(), Kind::Organization),
                ("Government of National Unity".into(), Kind::Organization),
                ("GNU".into(), Kind::Organization),
            ]
        );
        assert_eq!(pairs.len(), 2);
    }

    #[test]
    fn an_acronym_of_a_place_is_a_place() {
        let w = words("aid from the Dominican Republic ( DR ) arrived");
        let mut spans = tagged(&[find(&w, "Dominican Republic", Kind::Location)]);
        run(&["acronym_definitions"], &w, &mut spans);
        assert_eq!(spans.iter().filter(|s| s.kind == Kind::Location).count(), 2);
    }

    #[test]
    fn acronyms_inside_and_stopwords_may_spell_letters() {
        let w = words(
            "The UN Support Mission in Libya ( UNSMIL ) and the Organisation of Islamic \
             Cooperation ( OIC ) spoke .",
        );
        let mut spans = tagged(&[
            find(&w, "UN Support Mission", Kind::Organization),
            find(&w, "Libya", Kind::Location),
        ]);
        let pairs = run(&["acronym_definitions"], &w, &mut spans);
        let got = show(&w, &spans);
        assert!(
            got.contains(&("UN Support Mission in Libya".into(), Kind::Organization)),
            "{got:?}"
        );
        assert!(got.contains(&(
            "Organisation of Islamic Cooperation".into(),
            Kind::Organization
        )));
        assert_eq!(pairs.len(), 2);
    }

    #[test]
    fn name_particles_may_spell_a_letter_of_an_acronym() {
        let w = words(
            "fighters of Jama'at Nusrat al-Islam wal-Muslimin ( JNIM ) , and of Mohammed bin Salman ( MBS ) .",
        );
        let mut spans = tagged(&[
            find(
                &w,
                "Jama'at Nusrat al-Islam wal-Muslimin",
                Kind::Organization,
            ),
            find(&w, "Mohammed bin Salman", Kind::Person),
        ]);
        let pairs = run(&["acronym_definitions"], &w, &mut spans);
        assert_eq!(
            show(&w, &spans),
            [
                (
                    "Jama'at Nusrat al-Islam wal-Muslimin".into(),
                    Kind::Organization
                ),
                ("JNIM".into(), Kind::Organization),
                ("Mohammed bin Salman".into(), Kind::Person),
                ("MBS".into(), Kind::Person),
            ]
        );
        assert_eq!(pairs.len(), 2);
    }

    #[test]
    fn brackets_that_are_not_acronyms_are_ignored() {
        let w = words("The army ( OK ) said the Red Cross ( ICRC ) left .");
        let mut spans = tagged(&[find(&w, "Red Cross", Kind::Organization)]);
        let pairs = run(&["acronym_definitions"], &w, &mut spans);
        assert!(pairs.is_empty(), "ICRC does not spell Red Cross");
    }

    #[test]
    fn a_long_form_must_be_one_name() {
        let w = words("the Islamic State from Iraq and Levante ( ISIL ) left");
        let mut spans = tagged(&[
            find(&w, "Islamic State", Kind::Organization),
            find(&w, "Iraq", Kind::Location),
        ]);
        let pairs = run(&["acronym_definitions"], &w, &mut spans);
        assert!(pairs.is_empty());
        assert_eq!(spans.len(), 2);
    }

    #[test]
    fn also_known_as_links_two_names() {
        let w = words("the Nusra Front , also known as Jabhat al-Nusra , and others");
        let mut spans = tagged(&[
            find(&w, "Nusra Front", Kind::Organization),
            find(&w, "Jabhat al-Nusra", Kind::Organization),
        ]);
        assert_eq!(run(&["also_known_as"], &w, &mut spans).len(), 1);
        let w = words("Kofi Mensah , better known as Kojo , and Ama Owusu , nicknamed Amy .");
        let mut spans = tagged(&[
            find(&w, "Kofi Mensah", Kind::Person),
            find(&w, "Kojo", Kind::Person),
            find(&w, "Ama Owusu", Kind::Person),
            find(&w, "Amy", Kind::Person),
        ]);
        assert_eq!(run(&["also_known_as"], &w, &mut spans).len(), 2);
    }
}

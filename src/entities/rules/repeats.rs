//! A name the article gives once is its name everywhere in the article:
//! the tagger reads each sentence with what came before it, so a headline
//! (`Hewlett-Packard to buy EYP`) or a sentence's first word (`HP today
//! announced`) can go untagged where the same name, a line later, is
//! found.

use crate::base::hash::FxHashMap;

use super::words::lists;
use super::{Link, Origin, Overlap, Span, Spans, Text, is_capitalized, opens_clause};
use crate::entities::kind::Kind;

/// How sure the tagger must have been of a name for its other
/// occurrences to be taken as names too.
const SURE: f32 = 0.3;

/// `Hewlett-Packard agreed ... Hewlett-Packard on Monday said`: where the
/// words of a name found with some confidence stand again, untagged and
/// alone (no capitalised word beside them), they are the name again; so
/// are they where the tagger found only pieces of them, each less sure
/// than the whole was (`the BlackBerry Q10` ... `The [BlackBerry] Q10`). A
/// single word that is also a common English word is not taken where only
/// its place at a sentence's start capitalises it (`Police said`, but
/// `HP said`), unless the tagger found it twice (`Felt said`). The repeat's kind is the name's, though it vouches for
/// nothing ([`Origin::Cut`]): linking weighs the readings of a name, and a
/// repeat counts for none of them.
pub(super) fn repeated_names(t: &Text, spans: &mut Spans, _: &mut Vec<Link>) {
    let words = t.words;
    // First word -> the names it opens ([`Found`]), longest first.
    let mut names: FxHashMap<&str, Vec<Found>> = FxHashMap::default();
    for s in spans.iter() {
        let name = &words[s.range()];
        if s.kind == Kind::Date
            || s.origin.confidence() < SURE
            || !is_capitalized(name[0])
            || !is_capitalized(name[name.len() - 1])
            || (name.len() == 1 && !is_word_of_a_name(name[0]))
        {
            continue;
        }
        let known = names.entry(name[0]).or_default();
        let confidence = s.origin.confidence();
        match known.iter_mut().find(|f| f.words == name) {
            Some(k) => {
                k.times += 1;
                k.confidence = k.confidence.max(confidence);
            }
            None => known.push(Found {
                words: name,
                kind: s.kind,
                times: 1,
                confidence,
            }),
        }
    }
    if names.is_empty() {
        return;
    }
    for known in names.values_mut() {
        known.sort_by_key(|f| std::cmp::Reverse(f.words.len()));
    }
    let capitalised = |i: usize| words.get(i).is_some_and(|w| is_capitalized(w));
    let mut found: Vec<Span> = Vec::new();
    let mut i = 0;
    while i < words.len() {
        let Some(known) = names.get(words[i]) else {
            i += 1;
            continue;
        };
        let hit = known.iter().find(|f| {
            let (n, end) = (f.words, i + f.words.len());
            words[i..].starts_with(n)
                && (spans.overlapping(i, end).is_empty() || pieces_of(spans, i, end, f))
                && !t.crosses_sentence(i, end)
                && !capitalised(end)
                && (i == 0
                    || !capitalised(i - 1)
                    || opens_clause(t, i)
                    || (opens_clause(t, i - 1) && lists().leading_noise.contains(words[i - 1])))
                && !(i >= 2 && matches!(words[i - 1], "'s" | "’s") && capitalised(i - 2))
                && !(n.len() == 1
                    && f.times < 2
                    && opens_clause(t, i)
                    && n[0].chars().any(char::is_lowercase)
                    && (t.lexicon.is_common(n[0]) || lists().leading_noise.contains(n[0])))
        });
        match hit {
            Some(f) => {
                let n = f.words.len();
                found.push(Span::new(i, i + n, f.kind, Origin::Cut("repeated_names")));
                i += n;
            }
            None => i += 1,
        }
    }
    for s in found {
        spans.insert(s, Overlap::Covered);
    }
}

/// A name found with some confidence.
struct Found<'a> {
    words: &'a [&'a str],
    kind: Kind,
    /// How many times it was found.
    times: u32,
    /// The tagger's most confident reading of it.
    confidence: f32,
}

/// Whether the spans over tokens `start..end` (the words of `name`) are
/// only the tagger's pieces of it, each less sure of itself than the
/// tagger once was of the whole: no span runs past its edges, none is
/// the name itself, and no rule settled one.
fn pieces_of(spans: &Spans, start: usize, end: usize, name: &Found) -> bool {
    let inside = &spans[spans.overlapping(start, end)];
    // A function word the tagger once took in (`The Canadian Press`) does
    // not make its reading without it (`Canadian Press`) a piece.
    name.words.len() >= 2
        && !lists().leading_noise.contains(name.words[0])
        && inside.iter().all(|s| {
            start <= s.start
                && s.end <= end
                && s.len() < name.words.len()
                && !s.origin.is_settled()
                && s.origin.confidence() < name.confidence
        })
}

/// Whether a word alone may be a name to look for again: not an
/// abbreviation (`St.`), not `I` with a verb (`I'm`).
fn is_word_of_a_name(w: &str) -> bool {
    !w.ends_with('.') && !w.starts_with("I'") && !w.starts_with("I’")
}

#[cfg(test)]
mod tests {
    use super::super::test_util::{find, find_nth, run, show, tagged, words};
    use super::*;

    #[test]
    fn a_name_found_once_is_found_where_it_stands_again() {
        // The headline and the sentence's first word went untagged.
        let w = words(
            "Vantrex to buy Oldane . Analysts said Vantrex Holdings agreed to buy Oldane . \
             Vantrex on Monday said so , and Quill Ferro agreed with Ferro .",
        );
        let mut spans = tagged(&[
            find(&w, "Vantrex Holdings", Kind::Organization),
            find(&w, "Oldane", Kind::Organization),
            find(&w, "Quill Ferro", Kind::Person),
        ]);
        // `Vantrex` alone was never a name of its own.
        spans.insert(find(&w, "Vantrex", Kind::Organization), Overlap::Gap);
        run(&["repeated_names"], &w, &mut spans);
        assert_eq!(
            show(&w, &spans),
            [
                ("Vantrex".into(), Kind::Organization),
                ("Oldane".into(), Kind::Organization),
                ("Vantrex Holdings".into(), Kind::Organization),
                ("Oldane".into(), Kind::Organization),
                ("Vantrex".into(), Kind::Organization),
                ("Quill Ferro".into(), Kind::Person),
            ]
        );
        // A repeat vouches for no kind: linking weighs the others.
        assert_eq!(spans[3].origin, Origin::Cut("repeated_names"));
        assert_eq!(spans[3].origin.confidence(), 0.0);
    }

    #[test]
    fn pieces_of_a_name_the_tagger_was_surer_of_are_the_name() {
        let w = words(
            "Vantrex unveiled the Quillo Z10 today . The Quillo Z10 ships in May . \
             A Quillo Z10 case and the Quillo Z10 price . The Orbis Bay Tower fell .",
        );
        let piece = |phrase: &str, nth: usize, kind: Kind, c: f32| {
            let s = find_nth(&w, phrase, nth, kind);
            Span::new(s.start, s.end, kind, Origin::Tagger(c))
        };
        let mut spans = tagged(&[
            piece("Quillo Z10", 0, Kind::Misc, 0.6),
            // Less sure than the whole: a piece of it, after a sentence's
            // function word too.
            piece("Quillo", 1, Kind::Organization, 0.2),
            // Surer than the whole: the tagger's reading stands.
            piece("Quillo", 2, Kind::Organization, 0.9),
        ]);
        // A rule's reading stands too.
        let z10 = piece("Z10", 3, Kind::Misc, 0.0);
        spans.insert(
            Span::new(
                z10.start,
                z10.end,
                Kind::Misc,
                Origin::Rule("product_models"),
            ),
            Overlap::Gap,
        );
        run(&["repeated_names"], &w, &mut spans);
        assert_eq!(
            show(&w, &spans),
            [
                ("Quillo Z10".into(), Kind::Misc),
                ("Quillo Z10".into(), Kind::Misc),
                ("Quillo".into(), Kind::Organization),
                ("Z10".into(), Kind::Misc),
            ]
        );
        assert_eq!(spans[1].origin, Origin::Cut("repeated_names"));
    }

    #[test]
    fn a_function_word_the_tagger_took_in_makes_no_pieces() {
        let w = words("The Orbis Press said so . Then Orbis Press said more .");
        let mut spans = tagged(&[
            Span::new(0, 3, Kind::Organization, Origin::Tagger(0.8)),
            Span::new(7, 9, Kind::Organization, Origin::Tagger(0.3)),
        ]);
        run(&["repeated_names"], &w, &mut spans);
        assert_eq!(
            show(&w, &spans),
            [
                ("The Orbis Press".into(), Kind::Organization),
                ("Orbis Press".into(), Kind::Organization),
            ]
        );
    }

    #[test]
    fn a_repeat_beside_capitalised_words_is_part_of_another_name() {
        let w = words(
            "Oldane said so . The Oldane Bridge fell . Sam Oldane left . \
             Oldane's Club won . Vint Oldane's Club won .",
        );
        let mut spans = tagged(&[find(&w, "Oldane", Kind::Organization)]);
        run(&["repeated_names"], &w, &mut spans);
        // Only `Oldane's Club` at a sentence's start: `Club` after a
        // name's possessive is no name on its own either.
        assert_eq!(
            show(&w, &spans),
            [
                ("Oldane".into(), Kind::Organization),
                ("Oldane".into(), Kind::Organization),
            ]
        );
        assert_eq!(
            spans[1].start,
            w.iter().position(|x| *x == "'s").unwrap() - 1
        );
    }

    #[test]
    fn a_common_word_is_not_taken_where_a_sentence_capitalises_it() {
        let w = words("The Police arrived . Police said so , and the Police left .");
        let mut spans = tagged(&[find(&w, "Police", Kind::Organization)]);
        run(&["repeated_names"], &w, &mut spans);
        let found: Vec<usize> = spans.iter().map(|s| s.start).collect();
        assert_eq!(found, [1, 10]);

        // Found twice, it is a name the article uses: at a sentence's
        // start too (`Felt said`, after `W. Mark Felt` and `Felt` found).
        let w = words("The Velm Felt left . Felt said so , and Felt cried .");
        let mut spans = tagged(&[
            Span::new(2, 3, Kind::Person, Origin::Tagger(0.5)),
            Span::new(10, 11, Kind::Person, Origin::Tagger(0.5)),
        ]);
        assert_eq!((w[2], w[10]), ("Felt", "Felt"));
        run(&["repeated_names"], &w, &mut spans);
        assert_eq!(
            spans.iter().map(|s| s.start).collect::<Vec<_>>(),
            [2, 5, 10]
        );

        // In capitals, the word is no common word at a sentence's start.
        let w = words("HP said so . Shares of HP rose .");
        let mut spans = tagged(&[Span::new(6, 7, Kind::Organization, Origin::Tagger(0.5))]);
        run(&["repeated_names"], &w, &mut spans);
        assert_eq!(spans.iter().map(|s| s.start).collect::<Vec<_>>(), [0, 6]);
    }

    #[test]
    fn unsure_names_abbreviations_and_dates_are_not_looked_for() {
        let w = words(
            "Maro met Cleft at E. 52nd St. on Monday . Maro left , Cleft stayed , \
             St. Monday passed .",
        );
        let mut spans = tagged(&[
            Span::new(0, 1, Kind::Person, Origin::Tagger(0.1)),
            find(&w, "Cleft", Kind::Person),
            find(&w, "St.", Kind::Organization),
            find(&w, "Monday", Kind::Date),
        ]);
        run(&["repeated_names"], &w, &mut spans);
        let cleft: Vec<&Span> = spans.iter().filter(|s| w[s.start] == "Cleft").collect();
        assert_eq!(spans.len(), 5, "{:?}", show(&w, &spans));
        assert_eq!(cleft.len(), 2);
    }
}

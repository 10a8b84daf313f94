//! The extent of names and people: particle names go on (`Abdel Fattah
//! al-Burhan`), determiners and pronouns come off, `Name, a spokesman
//! for...` is a person, and a span of two names the text uses alone is two.

use super::*;

/// `Abdel Fattah al-Burhan`: a person's name goes on over Arabic particle
/// names the tagger stopped before, and over particles into the rest of
/// the name when the tagger made that a span of its own (`Ursula` `von der`
/// `Leyen`).
pub fn extend_particle_names(words: &[&str], spans: &mut Vec<Span>) {
    let mut k = 0;
    while k < spans.len() {
        if spans[k].kind != Kind::Person {
            k += 1;
            continue;
        }
        let limit = spans.get(k + 1).map_or(words.len(), |n| n.start);
        let mut end = spans[k].end;
        while end < limit && !is_capitalized(words[end]) && is_name_word(words[end]) {
            end += 1;
        }
        // `von der Leyen`, `de Gaulle`: particles then a capitalised name.
        let mut p = end;
        while p < limit && PARTICLES.contains(&words[p]) {
            p += 1;
        }
        if p > end && p < words.len() && is_capitalized(words[p]) {
            if p == limit {
                // The rest of the name is a short span of its own.
                if let Some(next) = spans.get(k + 1).copied()
                    && next.end - next.start <= 2
                {
                    end = next.end;
                    spans.remove(k + 1);
                }
            } else {
                end = p;
                while end < limit && is_capitalized(words[end]) && end - p < 2 {
                    end += 1;
                }
            }
        }
        spans[k].end = end;
        k += 1;
    }
}

/// Trims determiners and pronouns off the ends of spans, unless the whole
/// span is a known name (`The Hague`, `The Economist`). A capitalised
/// determiner goes only where a sentence starts: inside a sentence the
/// capital says it belongs to the name (`at The Oval`).
pub fn trim_function_words(
    words: &[&str],
    sentence_start: &[bool],
    spans: &mut Vec<Span>,
    gaz: &Gazetteer,
) {
    for s in spans.iter_mut() {
        if gaz.lookup(&words[s.start..s.end]).is_some() {
            continue;
        }
        while s.end - s.start > 1
            && LEADING_NOISE.contains(&words[s.start])
            && opens_clause(words, sentence_start, s.start)
        {
            s.start += 1;
        }
        while s.end - s.start > 1 && TRAILING_NOISE.contains(&words[s.end - 1]) {
            s.end -= 1;
        }
    }
    spans.retain(|s| !(s.end - s.start == 1 && LEADING_NOISE.contains(&words[s.start])));
}

/// Whether token `i` opens a sentence or a quoted or bracketed clause,
/// where any word is capitalised.
fn opens_clause(words: &[&str], sentence_start: &[bool], i: usize) -> bool {
    sentence_start.get(i).copied().unwrap_or(true)
        || i.checked_sub(1).is_some_and(|p| {
            matches!(
                words[p],
                "(" | "[" | "\"" | "“" | "'" | "‘" | ":" | "—" | "–" | "-"
            )
        })
}

/// Role nouns that, after a name and a comma, say the name is a person:
/// `Khaled al-Mahjoub, a spokesman for...`.
const ROLES: &[&str] = &[
    "spokesman",
    "spokeswoman",
    "spokesperson",
    "commander",
    "leader",
    "minister",
    "president",
    "official",
    "adviser",
    "advisor",
    "envoy",
    "general",
    "chief",
    "head",
    "analyst",
    "researcher",
    "professor",
    "director",
    "founder",
    "ambassador",
    "mayor",
    "governor",
    "lawmaker",
    "senator",
    "colonel",
    "journalist",
    "correspondent",
    "activist",
    "negotiator",
    "representative",
    "deputy",
    "secretary",
    "chairman",
    "chairwoman",
    "lawyer",
    "doctor",
    "prosecutor",
    "judge",
    "member",
];

/// `Khaled al-Mahjoub, a spokesman for the army`: a run of name words
/// followed by a comma and a role noun (within a few words) is a person,
/// even where the tagger missed it or called it something else.
pub fn people_by_apposition(words: &[&str], spans: &mut Vec<Span>) {
    let mut i = 0;
    while i < words.len() {
        if !is_name_word(words[i]) {
            i += 1;
            continue;
        }
        let mut start = i;
        while i < words.len() && is_name_word(words[i]) && i - start < 5 {
            i += 1;
        }
        let end = i;
        // `On Wednesday, the minister said`, `In March Omar Sayed, the
        // commander`: a capitalised preposition or determiner opens the
        // sentence, and a month or weekday is a date, not the name.
        while start < end
            && (LEADING_NOISE.contains(&words[start])
                || (end - start > 2 && crate::entities::dates::is_calendar_word(words[start])))
        {
            start += 1;
        }
        // Two name words at least: one capitalised word opening a sentence
        // (`Meanwhile, the minister`) is not a name.
        if end - start < 2 || words.get(end) != Some(&",") {
            continue;
        }
        let role = words[end + 1..words.len().min(end + 5)]
            .iter()
            .take_while(|w| !matches!(**w, "," | "." | ";"))
            .any(|w| ROLES.contains(&w.to_lowercase().as_str()));
        if !role {
            continue;
        }
        let covered: Vec<usize> = spans
            .iter()
            .enumerate()
            .filter(|(_, s)| s.start < end && start < s.end)
            .map(|(k, _)| k)
            .collect();
        let untouched = covered.is_empty();
        let same_run = covered.len() == 1 && {
            let s = spans[covered[0]];
            (s.start, s.end) == (start, end) && s.score < 1.0
        };
        if untouched || same_run {
            spans.retain(|s| !(s.start < end && start < s.end));
            spans.push(Span::new(start, end, Kind::Person, 1.0));
        }
    }
    sort(spans);
}

/// `The Haftar LNA received...`: a span made of two names the text uses on
/// their own elsewhere is two mentions.
pub fn split_known_pairs(words: &[&str], spans: &mut Vec<Span>) {
    let mut out = Vec::with_capacity(spans.len());
    for s in spans.iter() {
        if s.end - s.start < 2 || s.score >= 1.0 {
            out.push(*s);
            continue;
        }
        let alone = |start: usize, end: usize| -> Option<Kind> {
            spans
                .iter()
                .find(|o| {
                    (o.start, o.end) != (s.start, s.end)
                        && o.end - o.start == end - start
                        && words[o.start..o.end] == words[start..end]
                })
                .map(|o| o.kind)
        };
        let whole_elsewhere = alone(s.start, s.end).is_some();
        let split = (s.start + 1..s.end).find_map(|p| {
            let l = alone(s.start, p)?;
            let r = alone(p, s.end)?;
            // `Philadelphia Eagles`, `U.S. Treasury`: an organization
            // named with a place is one name.
            let place_named_org =
                s.kind == Kind::Organization && (l == Kind::Location || r == Kind::Location);
            (l != r && !place_named_org).then_some((p, l, r))
        });
        match split {
            Some((p, l, r)) if !whole_elsewhere => {
                out.push(Span::new(s.start, p, l, s.score));
                out.push(Span::new(p, s.end, r, s.score));
            }
            _ => out.push(*s),
        }
    }
    *spans = out;
    sort(spans);
}

#[cfg(test)]
mod tests {
    use super::super::test_util::*;
    use super::*;

    #[test]
    fn particle_names_continue_a_person() {
        let w = words("General Abdel Fattah al-Burhan , the army chief , spoke .");
        let mut spans = vec![find(&w, "Abdel Fattah", Kind::Person)];
        extend_particle_names(&w, &mut spans);
        assert_eq!(
            show(&w, &spans),
            [("Abdel Fattah al-Burhan".into(), Kind::Person)]
        );
        let w = words("Talks with Ursula von der Leyen and Anne de Vries ended .");
        let mut spans = vec![
            find(&w, "Ursula", Kind::Person),
            find(&w, "Leyen", Kind::Organization),
            find(&w, "Anne", Kind::Person),
        ];
        extend_particle_names(&w, &mut spans);
        assert_eq!(
            show(&w, &spans),
            [
                ("Ursula von der Leyen".into(), Kind::Person),
                ("Anne de Vries".into(), Kind::Person)
            ]
        );
    }

    #[test]
    fn determiners_and_pronouns_are_trimmed() {
        let w = words(
            "The Turkish move . Derna Protection Force He said . The Hague ruled ( The Turkish left ) .",
        );
        let mut spans = vec![
            find(&w, "The Turkish", Kind::Misc),
            find(&w, "Derna Protection Force He", Kind::Organization),
            find(&w, "The Hague", Kind::Location),
            Span::new(14, 16, Kind::Misc, 0.5),
        ];
        assert_eq!(w[14..16].join(" "), "The Turkish");
        let starts: Vec<bool> = (0..w.len()).map(|i| i == 0 || w[i - 1] == ".").collect();
        trim_function_words(&w, &starts, &mut spans, Gazetteer::embedded());
        assert_eq!(
            show(&w, &spans),
            [
                ("Turkish".into(), Kind::Misc),
                ("Derna Protection Force".into(), Kind::Organization),
                ("The Hague".into(), Kind::Location),
                ("Turkish".into(), Kind::Misc),
            ]
        );
    }

    #[test]
    fn a_capitalised_determiner_inside_a_sentence_is_part_of_the_name() {
        let w = words("They played at The Oval on Friday .");
        let mut spans = vec![find(&w, "The Oval", Kind::Location)];
        let starts: Vec<bool> = (0..w.len()).map(|i| i == 0).collect();
        trim_function_words(&w, &starts, &mut spans, Gazetteer::embedded());
        assert_eq!(show(&w, &spans), [("The Oval".into(), Kind::Location)]);
    }

    #[test]
    fn a_name_with_a_role_after_it_is_a_person() {
        let w = words(
            "Samir al-Hassi , a spokesman for the council , said so . Tripoli , the capital , and Bani Walid , a town , were calm . \
             On Wednesday , the minister left . In March Omar Sayed , the commander , stayed .",
        );
        let mut spans = vec![find(&w, "Tripoli", Kind::Location)];
        people_by_apposition(&w, &mut spans);
        assert_eq!(
            show(&w, &spans),
            [
                ("Samir al-Hassi".into(), Kind::Person),
                ("Tripoli".into(), Kind::Location),
                ("Omar Sayed".into(), Kind::Person),
            ]
        );
    }

    #[test]
    fn an_organization_named_after_a_place_is_not_split() {
        let w = words("Philadelphia won . The Eagles lost . The Philadelphia Eagles drew .");
        let mut spans = vec![
            find(&w, "Philadelphia", Kind::Location),
            find(&w, "Eagles", Kind::Organization),
            Span::new(8, 10, Kind::Organization, 0.5),
        ];
        assert_eq!(w[8..10].join(" "), "Philadelphia Eagles");
        split_known_pairs(&w, &mut spans);
        assert_eq!(spans.len(), 3);
    }

    #[test]
    fn a_span_of_two_known_names_is_split() {
        let w = words("Ortiz said the MDC won . The Ortiz MDC then left .");
        let mut spans = vec![
            find(&w, "Ortiz", Kind::Person),
            find(&w, "MDC", Kind::Organization),
            Span::new(7, 9, Kind::Organization, 0.5),
        ];
        assert_eq!(w[7..9].join(" "), "Ortiz MDC");
        split_known_pairs(&w, &mut spans);
        assert_eq!(
            show(&w, &spans),
            [
                ("Ortiz".into(), Kind::Person),
                ("MDC".into(), Kind::Organization),
                ("Ortiz".into(), Kind::Person),
                ("MDC".into(), Kind::Organization),
            ]
        );
    }
}

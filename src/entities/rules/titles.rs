//! Titles: `President Erdogan` is the person `Erdogan`, a title inside a
//! name splits a body from a person, and a name after a title only people
//! carry (`Mr`, `Field Marshal`) is a person's.

use super::*;

/// Words that title a person but are not part of the name.
const TITLES: &[&str] = &[
    "President",
    "Prime",
    "Minister",
    "Vice",
    "Deputy",
    "Foreign",
    "Defence",
    "Defense",
    "Interior",
    "Finance",
    "Secretary",
    "General",
    "Gen.",
    "Gen",
    "Lieutenant",
    "Lt.",
    "Colonel",
    "Col.",
    "Major",
    "Maj.",
    "Captain",
    "Capt.",
    "Commander",
    "Marshal",
    "Field",
    "Admiral",
    "Adm.",
    "Sergeant",
    "Sgt.",
    "Mr.",
    "Mrs.",
    "Ms.",
    "Dr.",
    "Mr",
    "Mrs",
    "Ms",
    "Dr",
    "Professor",
    "Prof.",
    "Chancellor",
    "Senator",
    "Sen.",
    "Rep.",
    "Governor",
    "Gov.",
    "Mayor",
    "Ambassador",
    "Envoy",
    "Judge",
    "Justice",
    "Chief",
    "Spokesman",
    "Spokeswoman",
    "Spokesperson",
    "Speaker",
    "Premier",
    "Pope",
    "Cardinal",
    "Bishop",
    "Rabbi",
    "Imam",
    "Ayatollah",
    "Emir",
    "Sultan",
    "Crown",
    "Prince",
    "Princess",
    "Queen",
    "King",
    "Sir",
    "Dame",
    "Lord",
    "Lady",
    "Reverend",
    "Rev.",
    "Former",
    "Late",
    "Acting",
    "Interim",
    "Opposition",
    "Leader",
    "Chairman",
    "Chairwoman",
    "CEO",
];

/// Words that end the names of bodies: after a title inside a name they
/// say the title belongs to the body (`the US Justice Department`), not to
/// a person.
const BODY_HEADS: &[&str] = &[
    "Department",
    "Ministry",
    "Office",
    "Council",
    "Court",
    "Committee",
    "Commission",
    "Agency",
    "Party",
    "Bank",
    "Company",
    "Group",
    "Union",
    "Association",
    "Force",
    "Forces",
    "Army",
    "Navy",
    "Service",
    "Services",
    "Authority",
    "Bureau",
    "Institute",
    "University",
    "League",
    "Club",
    "Corporation",
    "Corp",
    "Inc",
    "Ltd",
    "Fund",
    "Guard",
    "Assembly",
    "Parliament",
    "Government",
    "Cabinet",
    "Board",
    "Staff",
    "Brigade",
    "Command",
    "Corps",
];

/// Removes titles at the start of person spans: `President Erdogan` is the
/// person `Erdogan`.
///
/// Titles also end other spans by mistake (`US Secretary` of State Antony
/// Blinken): a title closing a span that is not a person is cut off, and
/// what is left is judged again by the gazetteer rule. A title inside one
/// (`European Commission President Ursula` von der Leyen) splits it: the
/// body before, the person after.
pub fn strip_titles(words: &[&str], spans: &mut Vec<Span>) {
    let mut people = Vec::new();
    for s in spans.iter_mut() {
        if s.kind == Kind::Person {
            while s.end - s.start > 1 && TITLES.contains(&words[s.start]) {
                s.start += 1;
            }
        } else if s.score < 1.0 {
            if let Some((title, name)) = title_inside(words, s) {
                people.push(Span::new(name, s.end, Kind::Person, s.score));
                s.end = title;
                s.score = 0.0;
                continue;
            }
            let before = s.end;
            while s.end - s.start > 1 && TITLES.contains(&words[s.end - 1]) {
                s.end -= 1;
            }
            if s.end != before {
                // Half a name: let the known-names rule decide its kind.
                s.score = 0.0;
            }
        }
    }
    spans.extend(people);
    spans.retain(|s| !(s.end - s.start == 1 && TITLES.contains(&words[s.start])));
    sort(spans);
}

/// In a span that is not a person: where a run of titles starts inside
/// it, and where the name after them starts, when that name is the rest of
/// the span and looks like a person's (capitalised, no body's head word).
fn title_inside(words: &[&str], s: &Span) -> Option<(usize, usize)> {
    let title = (s.start + 1..s.end.saturating_sub(1)).find(|&p| TITLES.contains(&words[p]))?;
    let mut name = title;
    while name < s.end && TITLES.contains(&words[name]) {
        name += 1;
    }
    let rest = &words[name..s.end];
    let personal = !rest.is_empty()
        && rest.iter().all(|w| is_capitalized(w))
        && !rest.iter().any(|w| BODY_HEADS.contains(w));
    personal.then_some((title, name))
}

/// Titles only people carry: a name right after one is a person's (`Mr
/// Haftar`, `Field Marshal Haftar`), whatever the tagger made of it.
/// (`General`, `Chief` or `Justice` also open names of bodies.)
const PERSONAL_TITLES: &[&str] = &[
    "Mr",
    "Mr.",
    "Mrs",
    "Mrs.",
    "Ms",
    "Ms.",
    "Dr",
    "Dr.",
    "President",
    "Marshal",
    "Colonel",
    "Col.",
    "Gen.",
    "Lt.",
    "Lieutenant",
    "Sgt.",
    "Sergeant",
    "Capt.",
    "Captain",
    "Maj.",
    "Sen.",
    "Senator",
    "Rep.",
    "Gov.",
    "Governor",
    "Mayor",
    "Ambassador",
    "Envoy",
    "Sheikh",
    "Shaikh",
    "Emir",
    "Imam",
    "Ayatollah",
    "Pope",
    "Prince",
    "Princess",
    "King",
    "Queen",
    "Minister",
    "Chancellor",
    "Spokesman",
    "Spokeswoman",
    "Premier",
    "Commander",
];

/// A short name right after a personal title is a person: `Mr Haftar`,
/// `Field Marshal Haftar`.
pub fn people_after_titles(words: &[&str], spans: &mut [Span]) {
    for s in spans.iter_mut() {
        if s.kind == Kind::Person || s.score >= 1.0 || s.end - s.start > 3 || s.start == 0 {
            continue;
        }
        let name = &words[s.start..s.end];
        if PERSONAL_TITLES.contains(&words[s.start - 1])
            && name.iter().all(|w| is_capitalized(w))
            && !name.iter().any(|w| BODY_HEADS.contains(w))
        {
            s.kind = Kind::Person;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::test_util::*;
    use super::*;

    #[test]
    fn titles_are_not_part_of_names() {
        let w = words("Prime Minister Kemal Aydin met President Lena Ortiz .");
        let mut spans = vec![
            find(&w, "Prime Minister Kemal Aydin", Kind::Person),
            find(&w, "President Lena Ortiz", Kind::Person),
        ];
        strip_titles(&w, &mut spans);
        assert_eq!(
            show(&w, &spans),
            [
                ("Kemal Aydin".into(), Kind::Person),
                ("Lena Ortiz".into(), Kind::Person)
            ]
        );
    }

    #[test]
    fn a_title_closing_another_kind_of_span_is_cut_off() {
        let w = words("US Secretary of State Lena Ortiz spoke .");
        let mut spans = vec![
            find(&w, "US Secretary", Kind::Organization),
            find(&w, "Lena Ortiz", Kind::Person),
        ];
        strip_titles(&w, &mut spans);
        gazetteer(&w, &mut spans, Gazetteer::embedded());
        assert_eq!(
            show(&w, &spans),
            [
                ("US".into(), Kind::Location),
                ("Lena Ortiz".into(), Kind::Person)
            ]
        );
    }

    #[test]
    fn a_title_inside_a_name_splits_the_body_from_the_person() {
        let w = words(
            "The Ardan Commission President Mara Venn met Central Bank Governor Ilse Kant , \
             and the Velm Justice Department .",
        );
        let mut spans = vec![
            find(
                &w,
                "Ardan Commission President Mara Venn",
                Kind::Organization,
            ),
            find(&w, "Central Bank Governor Ilse Kant", Kind::Organization),
            find(&w, "Velm Justice Department", Kind::Organization),
        ];
        strip_titles(&w, &mut spans);
        assert_eq!(
            show(&w, &spans),
            [
                ("Ardan Commission".into(), Kind::Organization),
                ("Mara Venn".into(), Kind::Person),
                ("Central Bank".into(), Kind::Organization),
                ("Ilse Kant".into(), Kind::Person),
                ("Velm Justice Department".into(), Kind::Organization),
            ]
        );
    }
}

//! Titles: `President Erdogan` is the person `Erdogan`, a title inside a
//! name splits a body from a person, and a name after a title only people
//! carry (`Mr`, `Field Marshal`) is a person's.

use super::words::{WordList, lists};
use super::{
    Link, Overlap, Span, Spans, Text, closed_at, in_running_text, is_capitalized, is_title_case,
    names_nothing,
};
use crate::entities::kind::Kind;

/// Removes titles from person spans: `President Erdogan` is the person
/// `Erdogan`, and in `Philippine President Rodrigo Duterte` the person is
/// `Rodrigo Duterte`, after the title (what comes before it is a name of
/// its own, of a kind nothing vouches for).
///
/// Titles also end other spans by mistake (`US Secretary` of State Antony
/// Blinken): a title closing a span that is not a person is cut off, and
/// what is left is judged again by the gazetteer rule. A title inside one
/// (`European Commission President Ursula` von der Leyen) splits it: the
/// body before, the person after. The rest of a title of the form `X of
/// Y` (`Secretary of State Antony Blinken`) is not part of the name after
/// it.
pub(super) fn strip_titles(t: &Text, spans: &mut Spans, _: &mut Vec<Link>) {
    let words = t.words;
    // People found inside spans that end with them, and people whose span
    // held nothing else of a name (the rest of a title), which they replace.
    let mut people = Vec::new();
    let mut replacing = Vec::new();
    for i in 0..spans.len() {
        let s = spans[i];
        if let Some(name) = after_title_of(t, &s) {
            replacing.push(spans.settled(name, s.end, Kind::Person));
            continue;
        }
        if s.kind == Kind::Person {
            let mut start = s.start;
            while s.end - start > 1 && lists().titles.contains(words[start]) {
                start += 1;
            }
            // `Andrew Feldman, SeaMicro CEO`: a title closing it leaves
            // the body the person works for, no person. Only a title no
            // one is named (an acronym, or two words: `Chief Executive`),
            // as `Major` and `King` are surnames too.
            let mut end = s.end;
            while end - start > 1 && lists().titles.contains(words[end - 1]) {
                end -= 1;
            }
            let closing = &words[end..s.end];
            if !(closing.len() >= 2 || closing.iter().any(|w| is_acronym_title(w))) {
                end = s.end;
            }
            match title_inside(words, &Span { start, ..s }) {
                Some((title, name)) => {
                    people.push(Span::new(name, s.end, Kind::Person, s.origin));
                    spans.cut(i, start, title);
                    spans.set_kind(i, holder_kind(t, start, title));
                }
                None if end < s.end && !s.origin.is_settled() => {
                    spans.cut(i, start, end);
                    spans.set_kind(i, Kind::Organization);
                }
                None => spans.narrow(i, start, s.end),
            }
        } else if !s.origin.is_settled() {
            // `Senator Jo Will` read as a body: a title only people carry,
            // then a person's name.
            let name = past(words, &s, &lists().personal_titles);
            if name > s.start && name < s.end && is_personal(&words[name..s.end]) {
                spans.narrow(i, name, s.end);
                spans.settle(i, Kind::Person);
                continue;
            }
            // `CEO Steve Jobs`, `Rev. Larry Kroon` read as a body: any
            // title, then a name of two words or more that opens on a
            // given name the dictionary lists or ends on no English word
            // (not `Chief Medical Examiner`).
            let name = past(words, &s, &lists().titles);
            if name > s.start
                && s.end - name >= 2
                && is_personal(&words[name..s.end])
                && (t.lexicon.is_name(words[name]) || !t.lexicon.is_common(words[s.end - 1]))
            {
                spans.narrow(i, name, s.end);
                spans.settle(i, Kind::Person);
                continue;
            }
            // `Detective Inspector Sarah Jones of Avon` read as one body:
            // titles, a person's name of two words or more, then `of` and
            // what the person serves, a name of its own.
            if name > s.start
                && let Some(of) = (name + 2..s.end.saturating_sub(1)).find(|&p| words[p] == "of")
                && is_personal(&words[name..of])
                && (t.lexicon.is_name(words[name]) || !t.lexicon.is_common(words[of - 1]))
            {
                people.push(spans.settled(name, of, Kind::Person));
                spans.cut(i, of + 1, s.end);
                continue;
            }
            // `Exxon CEO Darren` Woods: the tagger stopped inside the name;
            // a given name the dictionary lists, after a title, goes on
            // over the capitalised words no span holds.
            if name > s.start && s.end - name == 1 && t.lexicon.is_name(words[name]) {
                let end = free_name_words(t, spans, s.end);
                if end > s.end && is_personal(&words[name..end]) {
                    replacing.push(spans.settled(name, end, Kind::Person));
                    continue;
                }
            }
            if let Some((title, name)) = title_inside(words, &s) {
                people.push(Span::new(name, s.end, Kind::Person, s.origin));
                spans.cut(i, s.start, title);
                if holder_kind(t, s.start, title) == Kind::Location {
                    spans.set_kind(i, Kind::Location);
                }
                continue;
            }
            // A title's word a few words after `of` is the field the body
            // is of (`Department of Defense`, `Ministry of Justice`,
            // `Department of the Interior`, `Department of Criminal
            // Justice`).
            let of_before =
                |end: usize| words[s.start.max(end.saturating_sub(4))..end - 1].contains(&"of");
            let mut end = s.end;
            while end - s.start > 1 && lists().titles.contains(words[end - 1]) && !of_before(end) {
                end -= 1;
            }
            if end != s.end {
                // Half a name, whose kind was the whole's: nothing vouches
                // for it now (the gazetteer rule may know it), but a
                // place's whose post it was (`the Lakewood Sheriff`).
                spans.cut(i, s.start, end);
                if holder_kind(t, s.start, end) == Kind::Location {
                    spans.set_kind(i, Kind::Location);
                }
            }
        }
    }
    for p in people {
        // Where the title ended the span: nothing else lies there.
        spans.insert(p, Overlap::Gap);
    }
    for p in replacing {
        spans.insert(p, Overlap::All);
    }
    // A title alone is no name, nor a word that opens a compound title
    // before it (`City` of `City Attorney Terry White`).
    spans.retain(|s| {
        !(s.len() == 1
            && (lists().titles.contains(words[s.start])
                || lists().title_qualifiers.contains(words[s.start])
                    && words.get(s.end).is_some_and(|w| lists().titles.contains(w))))
    });
    holders_of_titles(t, spans);
}

/// `Palmer Public Safety Director Jon Owen`, `Velm County Sheriff Dale
/// Orsek`: a name right before a person's title, the title right before
/// the person, is what the person holds the title in, a body or a place,
/// whatever the tagger read. Only for a name of two words or more ending
/// in an ordinary English word (`Public Safety`), which no one's name
/// does but a surname that is a word too.
fn holders_of_titles(t: &Text, spans: &mut Spans) {
    let words = t.words;
    let l = lists();
    for i in 0..spans.len().saturating_sub(1) {
        let (s, next) = (spans[i], spans[i + 1]);
        let title = &words[s.end..next.start];
        if s.kind != Kind::Person
            || s.origin.is_settled()
            || s.len() < 2
            || next.kind != Kind::Person
            || title.is_empty()
            || !title.iter().all(|w| l.titles.contains(w))
            || !t.lexicon.is_common(words[s.end - 1])
        {
            continue;
        }
        spans.set_kind(i, Kind::Organization);
    }
}

/// Where span `s` goes on past the words of `list` opening it.
fn past(words: &[&str], s: &Span, list: &WordList) -> usize {
    let mut at = s.start;
    while at < s.end && list.contains(words[at]) {
        at += 1;
    }
    at
}

/// `Secretary of State Antony Blinken`, `Minister of Foreign Affairs
/// Sergei Lavrov`, `Speaker of the House Nancy Pelosi`: in a span right
/// after `<title> of` (or `of the`), where the person's name starts (its
/// first word not an English word, else the last two words), when the
/// rest looks like a person's name of two words or more.
fn after_title_of(t: &Text, s: &Span) -> Option<usize> {
    let words = t.words;
    let after_the = match words[..s.start] {
        [.., _, "of", "the"] => true,
        [.., _, "of"] => false,
        _ => return None,
    };
    let of = s.start - 1 - usize::from(after_the);
    if !lists().titles.contains(words[of - 1]) {
        return None;
    }
    let last_two = s.end.checked_sub(2).filter(|&p| p > s.start)?;
    let name = (s.start + 1..last_two)
        .find(|&p| !t.lexicon.is_common(words[p]))
        .unwrap_or(last_two);
    // After `the`, what the title is of and the person are capitalised
    // words alone, the name three at most (`House Nancy Pelosi`): a body
    // may be what the title is of (`Director of the Bayou La Batre Rural
    // Health Clinic`, `Chair of the Federation of State Medical Boards of
    // the United States`).
    let fits =
        !after_the || (s.end - name <= 3 && words[s.range()].iter().all(|w| is_capitalized(w)));
    (fits && is_personal(&words[name..s.end])).then_some(name)
}

/// In a span: where its titles start inside it, and where the name after
/// the last of them starts (`Santa Monica Chief Deputy City Attorney
/// Terry White`), when that name is the rest of the span and looks like a
/// person's (capitalised, no body's head word).
fn title_inside(words: &[&str], s: &Span) -> Option<(usize, usize)> {
    let titles = &lists().titles;
    let last_word = s.end.saturating_sub(1);
    // After `of` a title's word is what a body is of (`Ministry of Foreign
    // Affairs`, `Department of Defense Secretary Lloyd Austin`).
    let title = (s.start + 1..last_word)
        .find(|&p| titles.contains(words[p]) && !matches!(words[p - 1], "of" | "the"))?;
    let last = (title..last_word)
        .rev()
        .find(|&p| titles.contains(words[p]))
        .unwrap_or(title);
    let name = last + 1;
    // Titles all the way (`Lakewood Sheriff Deputy`) leave no one's name.
    (is_personal(&words[name..s.end]) && !words[name..s.end].iter().all(|w| titles.contains(w)))
        .then_some((title, name))
}

/// The kind of what a title follows (`Velmco CEO`, `London Mayor`): a
/// place the gazetteer knows is the place whose office it is; anything
/// else is the body the person works for. (The gazetteer rule keeps a
/// city's kind as the tagger read it, and the tagger read the whole.)
fn holder_kind(t: &Text, start: usize, end: usize) -> Kind {
    match t.gaz.lookup(&t.words[start..end]) {
        Some(hit) if hit.primary.kind() == Kind::Location => Kind::Location,
        _ => Kind::Organization,
    }
}

/// Where a name going on from token `from` over capitalised words that no
/// span holds ends, in its sentence and at most two words on.
fn free_name_words(t: &Text, spans: &Spans, from: usize) -> usize {
    let mut end = from;
    while end < t.words.len()
        && end - from < 2
        && !t.sentence_start[end]
        && is_capitalized(t.words[end])
        && t.words[end]
            .chars()
            .all(|c| c.is_alphabetic() || c == '-' || c == '\'')
        && !lists().titles.contains(t.words[end])
        && spans.overlapping(end, end + 1).is_empty()
    {
        end += 1;
    }
    end
}

/// A title in capitals (`CEO`, `CFO`): no one's name.
fn is_acronym_title(w: &str) -> bool {
    w.len() >= 2 && w.chars().all(|c| c.is_ascii_uppercase())
}

/// Whether words look like a person's name: capitalised, none the head
/// word of a body's name (`Department`, `Brigade`).
fn is_personal(name: &[&str]) -> bool {
    !name.is_empty()
        && name.iter().all(|w| is_capitalized(w))
        && !name.iter().any(|w| lists().body_heads.contains(w))
}

/// A short name right after a personal title is a person: `Mr Haftar`,
/// `Field Marshal Haftar`.
pub(super) fn people_after_titles(t: &Text, spans: &mut Spans, _: &mut Vec<Link>) {
    let words = t.words;
    for i in 0..spans.len() {
        let s = spans[i];
        // The title in the same sentence (not the headline's last word).
        if s.kind == Kind::Person
            || s.origin.is_settled()
            || s.len() > 3
            || s.start == 0
            || t.sentence_start[s.start]
        {
            continue;
        }
        let name = &words[s.range()];
        if lists().personal_titles.contains(words[s.start - 1])
            && name.iter().all(|w| is_capitalized(w))
            && !name.iter().any(|w| lists().body_heads.contains(w))
        {
            spans.set_kind(i, Kind::Person);
        }
    }
}

/// The most words of a name a role written small introduces.
const ROLE_NAME: usize = 3;

/// `Chinese leader Xi said`, `his sister Kim Yo Jong warned`, `opposition
/// leader Navalny`: a role written small (a noun only people are, not
/// `official` or `chief`, which also qualify things: `the official Xinhua
/// news agency`), right before capitalised words in running text, names
/// the person who holds it. The tagger's reading of a short name there
/// becomes a person's; words it left alone (one to three) are a person's
/// name, where a word written small or a mark closes them (capitals inside
/// running text mark names: `Chinese leader Xi`, though `xi` is a Greek
/// letter too). Never a name the gazetteer knows, a title, a weekday
/// or a month, nor a body's head word.
pub(super) fn people_after_roles(t: &Text, spans: &mut Spans, _: &mut Vec<Link>) {
    let words = t.words;
    let namelike = |w: &str| {
        is_title_case(w)
            && !w.starts_with("I'")
            && !w.starts_with("I’")
            && !names_nothing(w)
            && !lists().body_heads.contains(w)
    };
    let mut found = Vec::new();
    for i in 0..words.len().saturating_sub(1) {
        let from = i + 1;
        // (Most words are followed by none capitalised: that first.)
        if !is_capitalized(words[from])
            || !lists().roles.contains(words[i])
            || matches!(
                words[i],
                "official" | "chief" | "head" | "general" | "member"
            )
            || t.sentence_start[from]
            || !namelike(words[from])
            || !in_running_text(t, from)
        {
            continue;
        }
        let over = spans.overlapping(from, from + 1);
        if let Some(k) = (!over.is_empty()).then_some(over.start) {
            let s = spans[k];
            if s.start == from
                && s.kind != Kind::Person
                && !s.origin.is_settled()
                && s.len() <= ROLE_NAME
                && words[s.range()].iter().all(|w| namelike(w))
                && t.gaz.lookup(&words[s.range()]).is_none()
            {
                spans.settle(k, Kind::Person);
            }
            continue;
        }
        let mut end = from;
        while end < words.len()
            && end - from < ROLE_NAME
            && !t.sentence_start[end]
            && namelike(words[end])
            && spans.overlapping(end, end + 1).is_empty()
        {
            end += 1;
        }
        let closed = closed_at(words, end);
        // Or a person's name the tagger found right after them is the
        // rest of the name (`his son Chip [Carter]`).
        let over = spans.overlapping(end, end + 1);
        let person_after = (!over.is_empty()).then(|| spans[over.start]).filter(|s| {
            s.start == end
                && s.kind == Kind::Person
                && !s.origin.is_settled()
                && end - from + s.len() <= ROLE_NAME
        });
        if let Some(p) = person_after {
            found.push(spans.settled(from, p.end, Kind::Person));
        } else if closed && t.gaz.lookup(&words[from..end]).is_none() {
            found.push(spans.settled(from, end, Kind::Person));
        }
    }
    for s in found {
        spans.insert(s, Overlap::All);
    }
}

#[cfg(test)]
mod tests {
    use super::super::Origin;
    use super::super::test_util::*;
    use crate::entities::kind::Kind;

    #[test]
    fn a_role_written_small_names_the_person_after_it() {
        let w = words(
            "The talks ended when the Orsan leader Xu met his sister Kim Yo Vell , and opposition \
             leader Velmorin , read as a place , spoke , and his son Chip Quistle came ; the \
             official Velmco news agency , the \
             leader Monday and the party leader Police Department said nothing , nor did the \
             minister Lisbon or the minister Dale Orsk Velm Tarn , and the director I've met .",
        );
        let mut spans = tagged(&[
            find(&w, "Velmorin", Kind::Location),
            find(&w, "Quistle", Kind::Person),
        ]);
        run(&["people_after_roles"], &w, &mut spans);
        assert_eq!(
            show(&w, &spans),
            [
                ("Xu".into(), Kind::Person),
                ("Kim Yo Vell".into(), Kind::Person),
                ("Velmorin".into(), Kind::Person),
                // The tagger's surname after the given name it left.
                ("Chip Quistle".into(), Kind::Person),
            ]
        );
    }

    #[test]
    fn titles_are_not_part_of_names() {
        let w = words("Prime Minister Kemal Aydin met President Lena Ortiz .");
        let mut spans = tagged(&[
            find(&w, "Prime Minister Kemal Aydin", Kind::Person),
            find(&w, "President Lena Ortiz", Kind::Person),
        ]);
        run(&["strip_titles"], &w, &mut spans);
        assert_eq!(
            show(&w, &spans),
            [
                ("Kemal Aydin".into(), Kind::Person),
                ("Lena Ortiz".into(), Kind::Person)
            ]
        );
    }

    #[test]
    fn a_word_opening_a_compound_title_is_no_name() {
        let w = words(
            "City Attorney Dara Velm and Police Capt. Tarn Oslo spoke in Velm City . County voters left .",
        );
        let mut spans = tagged(&[
            find(&w, "City", Kind::Organization),
            find(&w, "Dara Velm", Kind::Person),
            find(&w, "Police", Kind::Organization),
            find(&w, "Tarn Oslo", Kind::Person),
            find(&w, "Velm City", Kind::Location),
            find(&w, "County", Kind::Organization),
        ]);
        run(&["strip_titles"], &w, &mut spans);
        assert_eq!(
            show(&w, &spans),
            [
                ("Dara Velm".into(), Kind::Person),
                ("Tarn Oslo".into(), Kind::Person),
                ("Velm City".into(), Kind::Location),
                ("County".into(), Kind::Organization),
            ]
        );
    }

    #[test]
    fn the_person_is_after_the_last_title_inside_a_span() {
        let w = words("Velm Orsa Chief Deputy City Attorney Tarn Kessa confirmed it .");
        let mut spans = tagged(&[find(
            &w,
            "Velm Orsa Chief Deputy City Attorney Tarn Kessa",
            Kind::Organization,
        )]);
        run(&["strip_titles"], &w, &mut spans);
        assert_eq!(
            show(&w, &spans),
            [
                ("Velm Orsa".into(), Kind::Organization),
                ("Tarn Kessa".into(), Kind::Person),
            ]
        );
    }

    #[test]
    fn a_place_before_a_title_stays_a_place() {
        let w = words(
            "Velm Orsa Mayor Tarn Kessa met Lisbon Mayor Dara Quist and Lisbon Mayor Ana Velm . \
             The fifth Lisbon Sheriff Deputy fell .",
        );
        let mut spans = tagged(&[
            find(&w, "Velm Orsa Mayor Tarn Kessa", Kind::Organization),
            find(&w, "Lisbon Mayor Dara Quist", Kind::Organization),
            find(&w, "Lisbon Mayor Ana Velm", Kind::Person),
            find(&w, "Lisbon Sheriff Deputy", Kind::Organization),
        ]);
        run(&["strip_titles"], &w, &mut spans);
        assert_eq!(
            show(&w, &spans),
            [
                ("Velm Orsa".into(), Kind::Organization),
                ("Tarn Kessa".into(), Kind::Person),
                ("Lisbon".into(), Kind::Location),
                ("Dara Quist".into(), Kind::Person),
                ("Lisbon".into(), Kind::Location),
                ("Ana Velm".into(), Kind::Person),
                // Titles all the way after the place: no one is named.
                ("Lisbon".into(), Kind::Location),
            ]
        );
    }

    #[test]
    fn titles_a_persons_name_and_of_read_as_a_body_part_the_person() {
        let w = words("Detective Inspector Dara Quist of Velmshire said so .");
        let mut spans = tagged(&[find(
            &w,
            "Detective Inspector Dara Quist of Velmshire",
            Kind::Organization,
        )]);
        run(&["strip_titles"], &w, &mut spans);
        assert_eq!(
            show(&w, &spans),
            [
                ("Dara Quist".into(), Kind::Person),
                ("Velmshire".into(), Kind::Organization),
            ]
        );
    }

    #[test]
    fn a_given_name_after_a_title_goes_on_over_untagged_capitals() {
        let w = words("Velmco CEO Darren Quist said so . Velmco CEO Darren said so .");
        let mut spans = tagged_in_turn(
            &w,
            &[
                ("Velmco", Kind::Organization),
                ("CEO Darren", Kind::Misc),
                ("Velmco", Kind::Organization),
                ("CEO Darren", Kind::Misc),
            ],
        );
        run(&["strip_titles"], &w, &mut spans);
        assert_eq!(
            show(&w, &spans),
            [
                ("Velmco".into(), Kind::Organization),
                ("Darren Quist".into(), Kind::Person),
                ("Velmco".into(), Kind::Organization),
                ("CEO Darren".into(), Kind::Misc),
            ]
        );
    }

    #[test]
    fn a_title_then_a_persons_name_read_as_a_body_is_the_person() {
        let w = words(
            "CEO Tim Orsek spoke . Rev. Dale Quist prayed . The Chief Medical Examiner and \
             CEO Velm Group left .",
        );
        let mut spans = tagged(&[
            find(&w, "CEO Tim Orsek", Kind::Organization),
            find(&w, "Rev. Dale Quist", Kind::Organization),
            find(&w, "Chief Medical Examiner", Kind::Organization),
            find(&w, "CEO Velm Group", Kind::Organization),
        ]);
        run(&["strip_titles"], &w, &mut spans);
        assert_eq!(
            show(&w, &spans),
            [
                ("Tim Orsek".into(), Kind::Person),
                ("Dale Quist".into(), Kind::Person),
                ("Chief Medical Examiner".into(), Kind::Organization),
                ("CEO Velm Group".into(), Kind::Organization),
            ]
        );
    }

    #[test]
    fn a_name_before_a_persons_title_is_what_the_title_is_in() {
        let w = words(
            "Velm Public Safety Director Dale Orsek said so . Tarn Fire Chief Ana Vale \
             and Lena Ortiz Director Kemal Aydin came .",
        );
        let mut spans = tagged(&[
            find(&w, "Velm Public Safety", Kind::Person),
            find(&w, "Dale Orsek", Kind::Person),
            find(&w, "Tarn Fire", Kind::Person),
            find(&w, "Ana Vale", Kind::Person),
            find(&w, "Lena Ortiz", Kind::Person),
            find(&w, "Kemal Aydin", Kind::Person),
        ]);
        run(&["strip_titles"], &w, &mut spans);
        let kinds: Vec<Kind> = spans.iter().map(|s| s.kind).collect();
        use Kind::{Organization, Person};
        // A name ending in no English word is a person's still.
        assert_eq!(
            kinds,
            [Organization, Person, Organization, Person, Person, Person]
        );
    }

    #[test]
    fn a_title_closing_another_kind_of_span_is_cut_off() {
        let w = words("US Secretary of State Lena Ortiz spoke .");
        let mut spans = tagged(&[
            find(&w, "US Secretary", Kind::Organization),
            find(&w, "Lena Ortiz", Kind::Person),
        ]);
        run(&["strip_titles"], &w, &mut spans);
        // Cut down, `US` keeps a kind that was the whole span's, and says so.
        assert_eq!(spans[0].origin, Origin::Cut("strip_titles"));
        assert_eq!(spans[0].origin.confidence(), 0.0);
        run(&["gazetteer"], &w, &mut spans);
        assert_eq!(
            show(&w, &spans),
            [
                ("US".into(), Kind::Location),
                ("Lena Ortiz".into(), Kind::Person)
            ]
        );
        // ... until the gazetteer, which knows it, settles it.
        assert_eq!(spans[0].origin, Origin::Rule("gazetteer"));
    }

    #[test]
    fn a_person_after_a_title_inside_the_span_is_the_person() {
        let w = words(
            "Ardanian President Mara Venn met Secretary of State Ilse Kant and the \
             Minister of Foreign Affairs Tom Vale .",
        );
        let mut spans = tagged(&[
            find(&w, "Ardanian President Mara Venn", Kind::Person),
            find(&w, "State Ilse Kant", Kind::Organization),
            find(&w, "Foreign Affairs Tom Vale", Kind::Organization),
        ]);
        run(&["strip_titles"], &w, &mut spans);
        assert_eq!(
            show(&w, &spans),
            [
                ("Ardanian".into(), Kind::Organization),
                ("Mara Venn".into(), Kind::Person),
                ("Ilse Kant".into(), Kind::Person),
                ("Tom Vale".into(), Kind::Person),
            ]
        );
        // What came before the title is of no vouched kind.
        assert_eq!(spans[0].origin, Origin::Cut("strip_titles"));
        assert_eq!(spans[2].origin, Origin::Rule("strip_titles"));
    }

    #[test]
    fn a_title_after_of_is_the_field_a_body_is_of() {
        let w = words(
            "The Velm Department of Defense , the Orsa Ministry of the Interior , the \
             Tarn Department of Criminal Justice and the Velm Justice spoke .",
        );
        let mut spans = tagged(&[
            find(&w, "Velm Department of Defense", Kind::Organization),
            find(&w, "Orsa Ministry of the Interior", Kind::Organization),
            find(
                &w,
                "Tarn Department of Criminal Justice",
                Kind::Organization,
            ),
            find(&w, "Velm Justice", Kind::Organization),
        ]);
        run(&["strip_titles"], &w, &mut spans);
        assert_eq!(
            show(&w, &spans),
            [
                ("Velm Department of Defense".into(), Kind::Organization),
                ("Orsa Ministry of the Interior".into(), Kind::Organization),
                (
                    "Tarn Department of Criminal Justice".into(),
                    Kind::Organization
                ),
                ("Velm".into(), Kind::Organization),
            ]
        );
        // Inside a span, after `of`: the body's field, then a person's
        // title and name, or the rest of the body's name.
        let w = words(
            "The Velm Department of Defense Secretary Ilse Kant and the Orsa Ministry of \
             Foreign Affairs met the Speaker of the House Tova Renn and the Director of \
             the Velm Orsay Tarn Rural Health Clinic .",
        );
        let mut spans = tagged(&[
            find(
                &w,
                "Velm Department of Defense Secretary Ilse Kant",
                Kind::Organization,
            ),
            find(&w, "Orsa Ministry of Foreign Affairs", Kind::Organization),
            find(&w, "House Tova Renn", Kind::Organization),
            find(
                &w,
                "Velm Orsay Tarn Rural Health Clinic",
                Kind::Organization,
            ),
        ]);
        run(&["strip_titles"], &w, &mut spans);
        assert_eq!(
            show(&w, &spans),
            [
                ("Velm Department of Defense".into(), Kind::Organization),
                ("Ilse Kant".into(), Kind::Person),
                (
                    "Orsa Ministry of Foreign Affairs".into(),
                    Kind::Organization
                ),
                ("Tova Renn".into(), Kind::Person),
                (
                    "Velm Orsay Tarn Rural Health Clinic".into(),
                    Kind::Organization
                ),
            ]
        );
    }

    #[test]
    fn a_body_named_after_the_title_of_the_is_no_person() {
        let w = words("She was Chair of the Federation of Velm Boards of the Tarn Isles .");
        let mut spans = tagged(&[find(
            &w,
            "Federation of Velm Boards of the Tarn Isles",
            Kind::Organization,
        )]);
        run(&["strip_titles"], &w, &mut spans);
        assert_eq!(
            show(&w, &spans),
            [(
                "Federation of Velm Boards of the Tarn Isles".into(),
                Kind::Organization
            )]
        );
    }

    #[test]
    fn a_title_closing_a_person_span_leaves_the_body() {
        let w = words("said Lena Ortiz , Velmco CEO , and John Major agreed .");
        let mut spans = tagged(&[
            find(&w, "Lena Ortiz", Kind::Person),
            find(&w, "Velmco CEO", Kind::Person),
            find(&w, "John Major", Kind::Person),
        ]);
        run(&["strip_titles"], &w, &mut spans);
        assert_eq!(
            show(&w, &spans),
            [
                ("Lena Ortiz".into(), Kind::Person),
                ("Velmco".into(), Kind::Organization),
                ("John Major".into(), Kind::Person),
            ]
        );
    }

    #[test]
    fn a_body_that_opens_with_a_personal_title_is_a_person() {
        let w = words(
            "Senator Jo Will met Mr Tarn Velm , Attorney Dara Quist and the Senate Ethics \
             Committee .",
        );
        let mut spans = tagged(&[
            find(&w, "Senator Jo Will", Kind::Organization),
            find(&w, "Mr Tarn Velm", Kind::Organization),
            find(&w, "Attorney Dara Quist", Kind::Organization),
            find(&w, "Senate Ethics Committee", Kind::Organization),
        ]);
        run(&["strip_titles"], &w, &mut spans);
        assert_eq!(
            show(&w, &spans),
            [
                ("Jo Will".into(), Kind::Person),
                ("Tarn Velm".into(), Kind::Person),
                ("Dara Quist".into(), Kind::Person),
                ("Senate Ethics Committee".into(), Kind::Organization),
            ]
        );
    }

    #[test]
    fn a_title_inside_a_name_splits_the_body_from_the_person() {
        let w = words(
            "The Ardan Commission President Mara Venn met Central Bank Governor Ilse Kant , \
             and the Velm Justice Department .",
        );
        let mut spans = tagged(&[
            find(
                &w,
                "Ardan Commission President Mara Venn",
                Kind::Organization,
            ),
            find(&w, "Central Bank Governor Ilse Kant", Kind::Organization),
            find(&w, "Velm Justice Department", Kind::Organization),
        ]);
        run(&["strip_titles"], &w, &mut spans);
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
        // The person is the tagger's reading of its words; the body is cut.
        assert_eq!(spans[1].origin, Origin::Tagger(0.5));
        assert_eq!(spans[0].origin, Origin::Cut("strip_titles"));
    }
}

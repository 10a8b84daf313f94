//! The extent of names and people: particle names go on (`Abdel Fattah
//! al-Burhan`), and so does a person's name over `Jr.` or `Sr.`
//! (`Arcade Joseph Comeaux Jr.`), determiners, pronouns and a closing weekday come off
//! (`Brian Nichols Saturday`), a nationality opening a person's name is
//! a name of its own (`Mexican Ariel Cruz`), `Name, a spokesman
//! for...` and `Name, 48,` are people, a nickname in quotes or brackets
//! stays inside the name, no person's name ends on a body's head word
//! (`George Washington University`), and a span of two names the text
//! uses alone is two.

use std::ops::Range;

use crate::base::hash::{FxHashMap, FxHashSet, SEED, mix};

use super::words::{is_corporate, lists, name_suffix};
use super::{
    Link, Overlap, Span, Spans, Text, closed_at, in_running_text, is_capitalized, is_initial,
    is_name_word, is_title_case, names_nothing, opens_clause, person_verb_at, without_name_suffix,
};
use crate::entities::gazetteer::Category;
use crate::entities::kind::Kind;

/// `Abdel Fattah al-Burhan`, `Jabhat al-Nusra`: a name goes on over Arabic
/// particle names the tagger stopped before, and a person's over particles
/// into the rest of the name when the tagger made that a span of its own
/// (`Ursula` `von der` `Leyen`).
pub(super) fn extend_particle_names(t: &Text, spans: &mut Spans, _: &mut Vec<Link>) {
    let words = t.words;
    let mut k = 0;
    while k < spans.len() {
        let s = spans[k];
        let limit = spans.get(k + 1).map_or(words.len(), |n| n.start);
        let mut end = s.end;
        while end < limit && !is_capitalized(words[end]) && is_name_word(words[end]) {
            end += 1;
        }
        if s.kind != Kind::Person {
            if end != s.end {
                spans.insert(Span { end, ..s }, Overlap::All);
            }
            k += 1;
            continue;
        }
        // `von der Leyen`, `de Gaulle`: particles then a capitalised name.
        let mut p = end;
        while p < limit && lists().particles.contains(words[p]) {
            p += 1;
        }
        if p > end && p < words.len() && is_capitalized(words[p]) {
            if p == limit {
                // The rest of the name is a short span of its own, which
                // the person takes in: two words, or three the tagger read
                // as a person's too (`Mohammed bin Abdulrahman Al Thani`).
                if let Some(next) = spans.get(k + 1)
                    && (next.len() <= 2 || next.len() == 3 && next.kind == Kind::Person)
                {
                    end = next.end;
                }
            } else {
                end = p;
                while end < limit && is_capitalized(words[end]) && end - p < 2 {
                    end += 1;
                }
            }
        }
        if end != s.end {
            spans.insert(Span { end, ..s }, Overlap::All);
        }
        k += 1;
    }
}

/// `Arcade Joseph Comeaux Jr.`, `W. Mark Felt Sr.`: a person's name of two
/// words or more goes on over the suffix after it, which tells a son from
/// his father; a name the tagger read otherwise that ends on one is a
/// person's.
/// So does a person's name over a sovereign's numeral ([`is_regnal`]).
pub(super) fn name_suffixes(t: &Text, spans: &mut Spans, _: &mut Vec<Link>) {
    let words = t.words;
    // `Queen Elizabeth II`, `Pope Benedict XVI`: a person's name goes on
    // over a sovereign's numeral, whatever the tagger made of it.
    let mut numbered = Vec::new();
    for (k, s) in spans.iter().enumerate() {
        let next = spans.get(k + 1);
        if s.kind == Kind::Person
            && s.len() <= 3
            && is_regnal(words, s.start, s.end)
            && next.is_none_or(|n| n.start > s.end || n.end == s.end + 1)
            && !t.crosses_sentence(s.start, s.end + 1)
        {
            numbered.push(Span::new(s.start, s.end + 1, Kind::Person, s.origin));
        }
    }
    for s in numbered {
        spans.insert(s, Overlap::All);
    }
    for k in 0..spans.len() {
        let s = spans[k];
        if without_name_suffix(&words[s.range()]).1.is_some() {
            if s.kind != Kind::Person && !s.origin.is_settled() {
                spans.set_kind(k, Kind::Person);
            }
            continue;
        }
        let free = spans.get(k + 1).is_none_or(|n| n.start > s.end);
        if s.kind == Kind::Person
            && s.len() >= 2
            && free
            && s.end < words.len()
            && !t.crosses_sentence(s.start, s.end + 1)
            && without_name_suffix(&words[s.start..s.end + 1]).1.is_some()
        {
            spans.insert(
                Span {
                    end: s.end + 1,
                    ..s
                },
                Overlap::All,
            );
        }
    }
}

/// Titles of those who reign, after which `I` is a numeral (`Queen
/// Elizabeth I`), not the pronoun.
const SOVEREIGNS: &[&str] = &[
    "King", "Queen", "Emperor", "Empress", "Pope", "Tsar", "Czar", "Sultan", "Shah", "Kaiser",
    "Prince", "Princess", "Pharaoh",
];

/// Whether token `at`, after a person's name that starts at token
/// `name`, is the numeral of a sovereign or a pope (`Elizabeth II`,
/// `Benedict XVI`): a Roman numeral of two letters or more (or `V`, `X`),
/// or `I` where a sovereign's title opens the name or `of` follows
/// (`Pedro I of Brazil`), or closes the sentence (`Elizabeth I.`).
pub(super) fn is_regnal(words: &[&str], name: usize, at: usize) -> bool {
    let Some(&w) = words.get(at) else {
        return false;
    };
    match w {
        "I" | "I." => {
            w == "I."
                || words.get(at + 1) == Some(&"of")
                || name
                    .checked_sub(1)
                    .is_some_and(|p| SOVEREIGNS.contains(&words[p]))
        }
        _ => is_regnal_numeral(w),
    }
}

/// A Roman numeral a name may end on but `I`, the pronoun as often:
/// two letters or more, or `V` or `X`.
pub(crate) fn is_regnal_numeral(w: &str) -> bool {
    is_roman_numeral(w) && (w.len() >= 2 || matches!(w, "V" | "X"))
}

/// A Roman numeral up to 39 (`XXXIX`), in capitals.
fn is_roman_numeral(w: &str) -> bool {
    let tens = w.len() - w.trim_start_matches('X').len();
    let rest = &w[tens..];
    tens <= 3
        && !w.is_empty()
        && matches!(
            rest,
            "" | "I" | "II" | "III" | "IV" | "V" | "VI" | "VII" | "VIII" | "IX"
        )
}

/// `Mexican Ariel Cruz, 30,`, `American Hasim Rahman`: a nationality the
/// gazetteer knows, opening a person's name of two words or more (or a
/// name the article gives a person alone, whatever the tagger read the
/// whole as), is no part of it but a misc name of its own.
pub(super) fn people_after_demonyms(t: &Text, spans: &mut Spans, _: &mut Vec<Link>) {
    let words = t.words;
    let people: FxHashSet<&[&str]> = spans
        .iter()
        .filter(|s| s.kind == Kind::Person && s.len() >= 2)
        .map(|s| &words[s.range()])
        .collect();
    let demonym = |w: &str| {
        t.gaz
            .lookup(&[w])
            .is_some_and(|h| h.primary == Category::Demonym)
    };
    for i in (0..spans.len()).rev() {
        let s = spans[i];
        if s.len() < 3 || !demonym(words[s.start]) || !is_capitalized(words[s.start + 1]) {
            continue;
        }
        let rest = &words[s.start + 1..s.end];
        let person = s.kind == Kind::Person || (!s.origin.is_settled() && people.contains(rest));
        if person && t.gaz.lookup(rest).is_none() {
            spans.split(i, s.start + 1, Kind::Misc, Kind::Person);
        }
    }
    // `American Pie` read as a nationality and a person `Pie`: an English
    // word is no one's whole name, so the two are one name, a work's or a
    // brand's (`British Airways`), written as one.
    let mut works = Vec::new();
    for pair in spans.windows(2) {
        let (a, b) = (pair[0], pair[1]);
        if a.len() == 1
            && b.len() == 1
            && b.start == a.end
            && a.kind == Kind::Misc
            && b.kind == Kind::Person
            && !a.origin.is_settled()
            && !b.origin.is_settled()
            && demonym(words[a.start])
            && is_title_case(words[b.start])
            && t.lexicon.is_common(words[b.start])
            && !t.lexicon.is_name(words[b.start])
        {
            works.push(Span::new(a.start, b.end, Kind::Misc, b.origin));
        }
    }
    for s in works {
        spans.insert(s, Overlap::Covered);
    }
}

/// Trims determiners and pronouns off the ends of spans, unless the whole
/// span is a known name (`The Hague`, `The Economist`), and a weekday off
/// the end of a name of anything but an event (`Brian Nichols Saturday`,
/// but `Black Friday`). A capitalised
/// determiner goes only where a sentence starts: inside a sentence the
/// capital says it belongs to the name (`at The Oval`).
pub(super) fn trim_function_words(t: &Text, spans: &mut Spans, _: &mut Vec<Link>) {
    let words = t.words;
    for i in 0..spans.len() {
        let s = spans[i];
        if t.gaz.lookup(&words[s.range()]).is_some() {
            continue;
        }
        let (mut start, mut end) = (s.start, s.end);
        while end - start > 1
            && lists().leading_noise.contains(words[start])
            && opens_clause(t, start)
        {
            start += 1;
        }
        while end - start > 1
            && ((lists().trailing_noise.contains(words[end - 1])
                && !is_regnal(words, start, end - 1))
                || (s.kind != Kind::Misc && crate::entities::dates::is_weekday(words[end - 1])))
        {
            end -= 1;
        }
        spans.narrow(i, start, end);
    }
    spans.retain(|s| !(s.len() == 1 && lists().leading_noise.contains(words[s.start])));
}

/// `The AfD is leading`, `votes for the SPD.`: a one-word name after
/// `the` that a verb or a mark follows is no one's (a person's name takes
/// no article), but a title or a role (`the Pope said`, `the Doctor
/// said`, a character's name) and a name that modifies
/// the noun after it (`the Obama administration`), which is not read
/// here. The kind goes to a body, unsettled: the article's other
/// readings of the name still count.
pub(super) fn no_one_after_the(t: &Text, spans: &mut Spans, _: &mut Vec<Link>) {
    const VERBS: &[&str] = &[
        "is", "was", "are", "were", "has", "have", "had", "said", "says", "will", "would", "could",
        "can", "may", "might", "must", "should", "did", "does", "also",
    ];
    let words = t.words;
    for i in 0..spans.len() {
        let s = spans[i];
        let after = words.get(s.end).copied().unwrap_or(".");
        if s.kind == Kind::Person
            && s.len() == 1
            && !s.origin.is_settled()
            && s.start > 0
            && words[s.start - 1].eq_ignore_ascii_case("the")
            && !lists().titles.contains(words[s.start])
            && !lists().roles.contains(&words[s.start].to_lowercase())
            && (VERBS.contains(&after) || matches!(after, "," | "." | ";" | ":" | ")"))
        {
            spans.set_kind(i, Kind::Organization);
        }
    }
}

/// `Khaled al-Mahjoub, a spokesman for the army`: a run of name words
/// followed by a comma and a role noun (within a few words) is a person,
/// even where the tagger missed it or called it something else.
pub(super) fn people_by_apposition(t: &Text, spans: &mut Spans, _: &mut Vec<Link>) {
    let words = t.words;
    let mut i = 0;
    while i < words.len() {
        if !is_name_word(words[i]) {
            i += 1;
            continue;
        }
        let mut start = i;
        // The run stays in its sentence: a headline's last word is no part
        // of the name opening the next paragraph (`... brought down Nixon`
        // / `W. Mark Felt, the former FBI official`).
        while i < words.len()
            && is_name_word(words[i])
            && i - start < 5
            && (i == start || !t.sentence_start[i])
        {
            i += 1;
        }
        let end = i;
        // `On Wednesday, the minister said`, `In March Omar Sayed, the
        // commander`: a capitalised preposition or determiner opens the
        // sentence, and a month or weekday is a date, not the name.
        while start < end
            && (lists().leading_noise.contains(words[start])
                || (end - start > 2 && crate::entities::dates::is_calendar_word(words[start])))
        {
            start += 1;
        }
        // A title inside the run is the person's (`SeaMicro Chief
        // Executive Andrew Feldman, who will become general manager`):
        // the name is what follows it, one word enough after a title.
        let titled = (start..end.saturating_sub(1))
            .rev()
            .find(|&p| lists().titles.contains(words[p]));
        // Where the run is titles then the name (`Interior Ken Salazar`),
        // a span over the titles too is the tagger's reading of the name.
        // `head coach of the Portland Trail Blazers, is the fourth coach`:
        // what a determiner opens is no one's name, but for a title's
        // (`the Interior Secretary Tarn Vale`).
        if titled.is_none() && start > 0 && matches!(words[start - 1], "the" | "a" | "an") {
            continue;
        }
        let mut from = start;
        if let Some(p) = titled {
            if !words[start..=p].iter().all(|w| lists().titles.contains(w)) {
                from = p + 1;
            }
            start = p + 1;
        }
        // Two name words at least: one capitalised word opening a sentence
        // (`Meanwhile, the minister`) is not a name.
        if end - start < if titled.is_some() { 1 } else { 2 } || words.get(end) != Some(&",") {
            continue;
        }
        // `Andrew Feldman, SeaMicro CEO, who will become general manager`:
        // a run that ends with a title names a body and a post, no person.
        if lists().titles.contains(words[end - 1]) {
            continue;
        }
        // The role is the apposition's, not a clause's after it: `by`,
        // `which` or `that` ends the search (`PT Timor Putra Nasional,
        // controlled by a son of President Suharto`; `who` says a person
        // is meant), and so does a quote
        // closing a title (`"American Pie," the actress`).
        // A role a name follows is that name's (`in Borno State, army
        // spokesman Brigadier General Onyema Nwachukwu said`): no
        // apposition of the run before the comma.
        let window = end + 1..words.len().min(end + 5);
        let role = words[window.clone()]
            .iter()
            .zip(window)
            .take_while(|(w, _)| {
                !matches!(
                    **w,
                    "," | "." | ";" | "\"" | "”" | "''" | "by" | "which" | "that"
                )
            })
            .any(|(w, p)| {
                lists().roles.contains(&w.to_lowercase())
                    && !words.get(p + 1).is_some_and(|n| is_name_word(n))
            });
        // `Robyn Norma Mendes, 48, were found`: an age says a person too,
        // where the name opens on a given name the dictionary lists or on
        // no English word (not `Lo Presti, 52`, a surname alone).
        let aged = || {
            let first = words[start];
            age_follows(&words[end + 1..])
                && (t.lexicon.is_name(first) || !t.lexicon.is_common(first))
                && t.gaz.lookup(&words[start..end]).is_none()
        };
        if !role && !aged() {
            continue;
        }
        // Where nothing lies, or over the tagger's own readings of part or
        // all of the same words (`Khaled` `al-Mahjoub` read as `al-Mahjoub`,
        // misc); never over part of another name or a settled one.
        let covered = spans.overlapping(start, end);
        let inside = spans[covered]
            .iter()
            .all(|s| from <= s.start && s.end <= end && !s.origin.is_settled());
        if inside {
            spans.insert(spans.settled(start, end, Kind::Person), Overlap::All);
        }
    }
}

/// A person's name does not end on a body's head word: `George
/// Washington University`, `Salvation Army`, `Judiciary Committee` read
/// as people are bodies; and a school read as a place is a body too.
pub(super) fn bodies_by_head(t: &Text, spans: &mut Spans, _: &mut Vec<Link>) {
    let words = t.words;
    for i in 0..spans.len() {
        let s = spans[i];
        if s.len() < 2 || s.origin.is_settled() {
            continue;
        }
        let head = words[s.end - 1];
        // A place's neither, but for a school's head (`Johns Hopkins
        // University`; a `Bank` or a `House` names places too).
        let school = s.kind == Kind::Location && matches!(head, "University" | "College");
        if (s.kind == Kind::Person && lists().body_heads.contains(head)) || school {
            spans.set_kind(i, Kind::Organization);
        }
    }
}

/// `the U.S. Attorney's Office`, `the Los Angeles County Sheriff's
/// Department`, `the Cook County Medical Examiner's Office`: a name, an
/// apostrophe's `s` and a body's head word, capitalised, are one body's
/// name, whatever the tagger made of its pieces (the title it ends on is
/// the office's, no person's), and so is `Sam's Club`; a plural's
/// apostrophe too (`Westminster Magistrates' Court`). Side-by-side
/// pieces before the `'s` go in too. Not where the article names what
/// comes before the `'s` by itself, the gazetteer knows it or it is a
/// person's full name, and no title ends it: that name owns the body
/// (`Nixon's Committee`, `Israel's Government`, `George W. Bush's
/// Council`); and a head word in lowercase (`Putin's office`) is no name.
pub(super) fn offices(t: &Text, spans: &mut Spans, _: &mut Vec<Link>) {
    const PIECES: usize = 3;
    let words = t.words;
    // `'s`, or a plural's apostrophe (`Westminster Magistrates' Court`).
    let possessive = |end: usize| match words.get(end) {
        Some(&("'s" | "’s")) => true,
        Some(&("'" | "’")) => end > 0 && words[end - 1].ends_with('s'),
        _ => false,
    };
    // Names the article writes without the possessive after them: read
    // only for an article that has a candidate.
    let alone: std::cell::OnceCell<FxHashSet<&[&str]>> = std::cell::OnceCell::new();
    let alone = || {
        alone.get_or_init(|| {
            spans
                .iter()
                .filter(|s| !possessive(s.end))
                .map(|s| &words[s.range()])
                .collect()
        })
    };
    let mut found = Vec::new();
    for (i, s) in spans.iter().enumerate() {
        let end = s.end;
        if s.kind == Kind::Date
            || !possessive(end)
            || !words
                .get(end + 1)
                .is_some_and(|w| is_title_case(w) && lists().body_heads.contains(w))
        {
            continue;
        }
        // An owner the article names by itself, or that the gazetteer
        // knows, owns the body (`Nixon's Committee`, `Israel's
        // Government`); a title names the office (`Attorney's Office`).
        let name = &words[s.range()];
        let owner = alone().contains(name)
            || t.gaz.lookup(name).is_some()
            || (s.kind == Kind::Person && s.len() >= 2);
        if owner && !lists().titles.contains(words[end - 1]) {
            continue;
        }
        let mut start = s.start;
        for p in spans[i.saturating_sub(PIECES - 1)..i].iter().rev() {
            if p.end != start || p.kind == Kind::Date {
                break;
            }
            start = p.start;
        }
        if !t.crosses_sentence(start, end + 2) {
            found.push(spans.settled(start, end + 2, Kind::Organization));
        }
    }
    for s in found {
        spans.insert(s, Overlap::Covered);
    }
}

/// `the [Texas Department] of [Criminal Justice]`, `the [Ministry] of
/// [Defence]`: a body's name ending on a body's head word, then `of`, then
/// a name the tagger read as a body or a place, or up to three
/// capitalised words it left alone before a small word (`the [Ministry]
/// of Health in Gaza`), are one body's name; but a firm's suffix ends its
/// name (`Daniels Pharmaceuticals Inc of St. Petersburg` is a firm and
/// where it is).
pub(super) fn bodies_of(t: &Text, spans: &mut Spans, _: &mut Vec<Link>) {
    const MORE: usize = 3;
    let words = t.words;
    let mut joined = Vec::new();
    for (i, body) in spans.iter().enumerate() {
        let from = body.end + 1;
        if body.kind != Kind::Organization
            || body.origin.is_settled()
            || words.get(body.end) != Some(&"of")
            || !lists().body_heads.contains(words[body.end - 1])
            || is_corporate(words[body.end - 1])
        {
            continue;
        }
        // A name read as a body or a place, or capitalised words the
        // tagger left alone before a small word (`Ministry of Health in`).
        let end = match spans.get(i + 1) {
            Some(of) if of.start == from => {
                (matches!(of.kind, Kind::Organization | Kind::Location) && !of.origin.is_settled())
                    .then_some(of.end)
            }
            next => {
                let free = next.map_or(words.len(), |n| n.start);
                let end = capitalised_run(t, from, free, MORE);
                (end > from && closed_at(words, end)).then_some(end)
            }
        };
        if let Some(end) = end
            && !t.crosses_sentence(body.start, end)
        {
            joined.push(Span::new(body.start, end, Kind::Organization, body.origin));
        }
    }
    for s in joined {
        spans.insert(s, Overlap::Covered);
    }
    fields_joined_by_and(t, spans);
}

/// `the [National Institute of Allergy] and [Infectious Diseases]`, `the
/// Department of Housing and Urban Development`: a body's name ending on
/// its head word, `of` and one field, then `and` and one to three more
/// capitalised words, is one name, where every field word is an English
/// word (a field is a common noun: not `the Bank of England and
/// Barclays`) and none a body's head (not `the Ministry of Defence and
/// Foreign Office`).
fn fields_joined_by_and(t: &Text, spans: &mut Spans) {
    const MORE: usize = 3;
    let words = t.words;
    let field =
        |w: &str| is_title_case(w) && t.lexicon.is_common(w) && !lists().body_heads.contains(w);
    let mut joined = Vec::new();
    for (i, body) in spans.iter().enumerate() {
        let and = body.end;
        if body.kind != Kind::Organization
            || body.len() < 3
            || words.get(and) != Some(&"and")
            || words[and - 2] != "of"
            || !lists().body_heads.contains(words[and - 3])
            || !field(words[and - 1])
        {
            continue;
        }
        // Up to the next span's end where it lies right after `and` and
        // the rule did not settle it, else over words no span holds.
        let until = match spans.get(i + 1) {
            Some(n) if n.start == and + 1 && !n.origin.is_settled() => n.end,
            Some(n) => n.start,
            None => words.len(),
        };
        let end = capitalised_run(t, and + 1, until.min(and + 1 + MORE), MORE);
        if end > and + 1
            && closed_at(words, end)
            && words[and + 1..end].iter().all(|w| field(w))
            && !t.crosses_sentence(body.start, end)
        {
            joined.push(Span::new(body.start, end, Kind::Organization, body.origin));
        }
    }
    for s in joined {
        spans.insert(s, Overlap::Covered);
    }
}

/// `Regina Benjamin, MD, was nominated`, `Jane Orsk, M. D., M. B. A.`:
/// the degrees and honours after a person's name and a comma are no
/// names (the tagger reads `MD` as Maryland), however many follow; nor
/// is a member's party and state (`Alexandria Ocasio-Cortez, D-N.Y.,`,
/// `Ted Cruz (R-Texas)`).
pub(super) fn degrees(t: &Text, spans: &mut Spans, _: &mut Vec<Link>) {
    let words = t.words;
    let mut letters: Vec<std::ops::Range<usize>> = Vec::new();
    for s in spans.iter().filter(|s| s.kind == Kind::Person) {
        let mut at = s.end;
        while matches!(words.get(at), Some(&("," | "(")))
            && let Some(n) = lists()
                .degrees
                .longest_at(&words[at + 1..])
                .or_else(|| party_and_state(&words[at + 1..]))
        {
            letters.push(at + 1..at + 1 + n);
            at += 1 + n;
        }
    }
    // What the tagger made of them goes; a span running on past them is
    // another name's, and stays.
    if !letters.is_empty() {
        spans.retain(|s| !letters.iter().any(|r| r.start <= s.start && s.end <= r.end));
    }
}

/// The tokens of a member's party and state (`D-N.Y.`, cut `D-N` `.`
/// `Y.`; `R-Texas`), up to the comma or bracket that closes them.
pub(super) fn party_and_state(words: &[&str]) -> Option<usize> {
    let party = words.first()?;
    let mut c = party.chars();
    if !(matches!(c.next(), Some('D' | 'R' | 'I'))
        && c.next() == Some('-')
        && c.next().is_some_and(char::is_uppercase))
    {
        return None;
    }
    let n = words
        .iter()
        .take(4)
        .position(|w| matches!(*w, "," | ")"))
        .unwrap_or(1);
    (n >= 1).then_some(n)
}

/// `W. Mark Felt, who`, `Christopher Kenyon Simpson of`: a person's name
/// the tagger stopped one word short of goes on over one capitalised word
/// it left alone, in running text, when a word written small or a mark
/// follows; and over a middle initial or a particle into the rest of the
/// name where the tagger read the two apart (`Regina M. Benjamin`,
/// `Mohammed bin Rashid Al Maktoum`). Not over a
/// weekday or a month (`Smith Thursday`), a name the gazetteer knows
/// (`told Smith Reuters`), a title (`County Sheriff`), a son's or
/// father's suffix (`name_suffixes` reads those), a function word, nor
/// what a rule settled.
pub(super) fn people_go_on(t: &Text, spans: &mut Spans, _: &mut Vec<Link>) {
    let words = t.words;
    // `[Regina] M. [Benjamin]`: a middle initial between two pieces of a
    // person's name the tagger read apart makes them one name.
    // So do two pieces side by side where the second opens on a particle
    // (`[Mohammed bin Rashid] [Al Maktoum]`).
    let particle = |w: &str| lists().particles.contains(&w.to_lowercase());
    let mut joined = Vec::new();
    for pair in spans.windows(2) {
        let (a, b) = (pair[0], pair[1]);
        // And two pieces side by side in running text (`[Mike] [Johnson]`),
        // or around one capitalised word the tagger left alone (`[Kim] Yo
        // [Jong]`): capitals inside running text mark names.
        let between = (b.start == a.end + 1 && is_initial(words[a.end]))
            || (b.start == a.end && (particle(words[b.start]) || in_running_text(t, a.start)))
            || (b.start == a.end + 1 && in_running_text(t, a.start) && lone_name_word(t, a.end));
        if a.kind == Kind::Person
            && b.kind == Kind::Person
            && !a.origin.is_settled()
            && !b.origin.is_settled()
            && between
            && !t.crosses_sentence(a.start, b.end)
        {
            joined.push(Span::new(a.start, b.end, Kind::Person, a.origin));
        }
    }
    for s in joined {
        spans.insert(s, Overlap::Covered);
    }
    let mut longer = Vec::new();
    for (i, s) in spans.iter().enumerate() {
        let end = s.end;
        if s.kind != Kind::Person
            || s.origin.is_settled()
            || end >= words.len()
            || spans.get(i + 1).is_some_and(|n| n.start == end)
            || t.sentence_start[end]
            || !is_title_case(words[end])
            || names_nothing(words[end])
            || name_suffix(words[end]).is_some()
            || t.gaz.lookup(&words[end..end + 1]).is_some()
        {
            continue;
        }
        if closed_at(words, end + 1) && in_running_text(t, s.start) {
            longer.push(Span::new(s.start, end + 1, Kind::Person, s.origin));
        }
    }
    for s in longer {
        spans.insert(s, Overlap::Covered);
    }
}

/// Whether token `i` could be one word of a person's name: capitalised,
/// no weekday or month, no title, no body's head, nothing the gazetteer
/// knows.
fn lone_name_word(t: &Text, i: usize) -> bool {
    let w = t.words[i];
    is_title_case(w)
        && !names_nothing(w)
        && !lists().body_heads.contains(w)
        && t.gaz.lookup(&t.words[i..i + 1]).is_none()
}

/// The end of the run of plain capitalised words (or a nickname such as
/// `49ers`) from token `from` (the tagger's leftovers after a name),
/// `most` of them at most and none past `until`: no sentence starts in
/// it, and a weekday, a month or a function word ends it.
fn capitalised_run(t: &Text, from: usize, until: usize, most: usize) -> usize {
    let words = t.words;
    let last = until.min(from + most).min(words.len());
    (from..last)
        .find(|&j| {
            t.sentence_start[j]
                || !(is_title_case(words[j]) || is_numbered_nickname(words[j]))
                || crate::entities::dates::is_calendar_word(words[j])
                || lists().leading_noise.contains(words[j])
        })
        .unwrap_or(last)
}

/// A team's nickname that opens on a number (`49ers`, `76ers`): digits,
/// then three small letters or more (not a decade, `1990s`).
fn is_numbered_nickname(w: &str) -> bool {
    let letters = w.trim_start_matches(|c: char| c.is_ascii_digit());
    letters.len() < w.len() && letters.len() >= 3 && letters.chars().all(|c| c.is_ascii_lowercase())
}

/// `The Kansas City Chiefs lost`, `the Los Angeles Times reported`: a
/// place followed by one or two capitalised words the tagger left alone,
/// in running text, then by a word written small, is the first part of
/// a team's, a paper's or a body's name, which goes on over them. Not a
/// weekday or a month after the place (`Paris Thursday`), not a place
/// the gazetteer knows, not a name in capitals (`LONDON Reuters -`), nor
/// what a rule settled.
pub(super) fn places_naming_bodies(t: &Text, spans: &mut Spans, _: &mut Vec<Link>) {
    const MORE: usize = 2;
    let words = t.words;
    let mut longer = Vec::new();
    for (i, s) in spans.iter().enumerate() {
        if s.kind != Kind::Location
            || s.origin.is_settled()
            || !words[s.range()].iter().all(|w| is_title_case(w))
        {
            continue;
        }
        let free_until = spans.get(i + 1).map_or(words.len(), |n| n.start);
        let mut end = capitalised_run(t, s.end, free_until, MORE);
        // A club's letters close its name (`New York City FC`, `Inter
        // Miami CF`).
        if end < free_until && matches!(words[end], "FC" | "CF" | "SC" | "AFC") {
            end += 1;
        }
        // Two places side by side are two (`Indonesia Aceh rescue`).
        if end == s.end
            || !closed_at(words, end)
            || !in_running_text(t, s.start)
            || t.gaz.lookup(&words[s.end..end]).is_some()
            || (end - s.end >= 2 && words[s.end..end].iter().all(|w| lists().titles.contains(w)))
        {
            // (Nor a post, titles all the way: `the fifth Lakewood Sheriff
            // Deputy slain`; but `Time Lord`.)
            continue;
        }
        // (A place's own name, `Jordan River`, `Mt Cook`, is a place
        // again once `place_heads` reads its head.)
        longer.push(Span::new(s.start, end, Kind::Organization, s.origin));
    }
    for s in longer {
        spans.insert(s, Overlap::Covered);
    }
}

/// `The U.S. Geological Survey`, `the Kenya Airways`: a place written
/// straight before a body's name, in capitals, is the first word of that
/// body's name, as a country's agencies and a city's firms are named; so
/// is a body before one of its own (`the Senate Armed Services
/// Committee`).
/// Only where the body's name ends on a body's head word or is a body the
/// gazetteer knows (`U.S. Senate`), and where nothing but `the` or a
/// sentence's start comes before the place: `in Iraq Al Qaeda fighters`
/// names a place and a group.
pub(super) fn places_opening_bodies(t: &Text, spans: &mut Spans, _: &mut Vec<Link>) {
    let words = t.words;
    let mut joined = Vec::new();
    for pair in spans.windows(2) {
        let (place, body) = (pair[0], pair[1]);
        let name = &words[body.range()];
        let led = place.start == 0
            || opens_clause(t, place.start)
            || matches!(words[place.start - 1], "the" | "The");
        if matches!(place.kind, Kind::Location | Kind::Organization)
            && body.kind == Kind::Organization
            && place.end == body.start
            && led
            && !t.crosses_sentence(place.start, body.end)
            && name.iter().all(|w| is_title_case(w))
            && (lists().body_heads.contains(name[name.len() - 1])
                || t.gaz
                    .lookup(name)
                    .is_some_and(|h| h.primary == Category::Organization))
        {
            joined.push((place.start, body.end));
        }
    }
    for (start, end) in joined {
        spans.insert(
            spans.settled(start, end, Kind::Organization),
            Overlap::Covered,
        );
    }
}

/// Whether the words after a name's comma give an age (`Robyn Mendes, 48,
/// were found`; `said Ines Hale, 35.`): a number under 120 set off alone,
/// not one of a list of numbers (`Route Nine, 12, 14 and 16`).
fn age_follows(after: &[&str]) -> bool {
    let age = |n: &str| n.len() <= 3 && n.parse::<u8>().is_ok_and(|n| n < 120);
    let number = |w: &str| w.starts_with(|c: char| c.is_ascii_digit());
    match after {
        [n, ",", next, ..] => age(n) && !number(next),
        [n, "." | ";", ..] => age(n),
        _ => false,
    }
}

/// `Vincent "the Chin" Gigante`, `Earvin 'Magic' Johnson`: a nickname in
/// quotes between a given name and a surname is part of one person's
/// name, which the quotes would otherwise cut into three (a given name,
/// the nickname, a surname that then goes to whichever other person of
/// the article bears it). Only where a person stands on one side of the
/// quotes, the nickname is one to three words, one capitalised, and a
/// capitalised name word on each side; the name the span is known by
/// leaves the nickname out ([`quoted_nickname`]).
pub(super) fn quoted_nicknames(t: &Text, spans: &mut Spans, _: &mut Vec<Link>) {
    let words = t.words;
    let mut found = Vec::new();
    for open in 1..words.len().saturating_sub(3) {
        if !OPENING_QUOTES.contains(&words[open]) {
            continue;
        }
        let Some(close) =
            (open + 2..(open + 5).min(words.len() - 1)).find(|&j| closes(words[open], words[j]))
        else {
            continue;
        };
        let nickname = &words[open + 1..close];
        // In brackets, a place or a body the gazetteer knows, or an
        // acronym, is what the person stands for (`Olaf Ludwig (Germany)
        // Telekom`), and what comes before is one given name.
        let bracket = words[open] == "(";
        if bracket
            && (t.gaz.lookup(nickname).is_some()
                || nickname
                    .iter()
                    .any(|w| w.len() > 1 && !w.chars().any(char::is_lowercase))
                || spans.ending_at(open).is_some_and(|i| spans[i].len() > 1))
        {
            continue;
        }
        if !nickname.iter().any(|w| is_capitalized(w))
            || !nickname
                .iter()
                .all(|w| w.chars().any(char::is_alphanumeric))
            || !is_capitalized(words[open - 1])
            || !is_capitalized(words[close + 1])
        {
            continue;
        }
        // The given name(s) before, the surname after: the spans there, or
        // the word itself.
        let before = spans.ending_at(open).map(|i| spans[i]);
        let after = spans
            .overlapping(close + 1, close + 2)
            .next()
            .map(|i| spans[i])
            .filter(|s| s.start == close + 1);
        let person = |s: Option<Span>| s.is_some_and(|s| s.kind == Kind::Person);
        // What stands before the quotes is a given name: a person's, or,
        // before a person's surname alone, one word the tagger read as
        // something else that the gazetteer does not know (`Earvin`); not
        // the `Watergate` before a full name in `Watergate 'Bagman' Fred
        // LaRue`.
        let given = person(before)
            || person(after)
                && after.is_some_and(|s| s.len() == 1)
                && before.is_none_or(|s| s.len() == 1 && t.gaz.lookup(&words[s.range()]).is_none());
        let from = before.map_or(open - 1, |s| s.start);
        let to = after.map_or(close + 2, |s| s.end);
        if !given
            || open - from > 3
            || to - close - 1 > 3
            || t.crosses_sentence(from, to)
            || words[from..open].iter().any(|w| !is_name_word(w))
            || words[close + 1..to].iter().any(|w| !is_name_word(w))
        {
            continue;
        }
        found.push((from, to));
    }
    for (from, to) in found {
        let span = spans.settled(from, to, Kind::Person);
        spans.insert(span, Overlap::All);
    }
}

/// Quotes, or brackets (`Kimani (Kiki) Gray`), around a nickname.
const OPENING_QUOTES: &[&str] = &["\"", "“", "'", "‘", "("];
const CLOSING_QUOTES: &[&str] = &["\"", "”", "'", "’", ")"];

/// Whether `close` ends what `open` opened: a bracket its bracket, a
/// quote any quote.
fn closes(open: &str, close: &str) -> bool {
    if open == "(" || close == ")" {
        open == "(" && close == ")"
    } else {
        CLOSING_QUOTES.contains(&close)
    }
}

/// The quoted nickname inside a person's name (`"the Chin"` in `Vincent
/// "the Chin" Gigante`, [`quoted_nicknames`]), as a range of `name`'s
/// words, quotes included: what the name is known by leaves it out.
pub(crate) fn quoted_nickname(name: &[&str]) -> Option<Range<usize>> {
    let open = (1..name.len()).find(|&i| OPENING_QUOTES.contains(&name[i]))?;
    let close = (open + 2..name.len() - 1).find(|&j| closes(name[open], name[j]))?;
    Some(open..close + 1)
}

/// Whether token `i` could be a one-word name of a person the tagger left
/// or doubted: title case, no English word (but one of two letters, as
/// many Chinese surnames are: `Xi`, `Ma`), no title, no weekday or month,
/// and nothing the gazetteer knows.
fn surname_word(t: &Text, i: usize) -> bool {
    let w = t.words[i];
    is_title_case(w)
        && w.chars().all(|c| c.is_alphabetic() || c == '-')
        && (w.chars().count() <= 2 || !t.lexicon.is_common(w))
        && !names_nothing(w)
        && t.gaz.lookup(&t.words[i..i + 1]).is_none()
}

/// Whether the word at token `i` stands alone: no capitalised word right
/// before it in its sentence, nor right after it (`Point MacKenzie and`).
fn stands_alone(t: &Text, i: usize) -> bool {
    let words = t.words;
    let before = i > 0 && !t.sentence_start[i] && is_capitalized(words[i - 1]);
    let after = words.get(i + 1).is_some_and(|n| is_capitalized(n));
    !before && !after
}

/// `Putin and Xi signed`, `Macron and Scholz agreed`: a word paired by
/// `and` or `or` with a person's name (of the tagger's reading, sure
/// enough, or a rule's) is a person's name too, where nothing else is
/// said of it: a word no span holds, or a one-word span of another kind
/// the tagger doubted ([`surname_word`] says which words may be), standing
/// alone.
pub(super) fn people_in_pairs(t: &Text, spans: &mut Spans, _: &mut Vec<Link>) {
    // A margin of about 8 in the tagger's weights (`Putin and Xi`: 14).
    const SURE: f32 = 0.15;
    let words = t.words;
    let person_at = |spans: &Spans, start: usize, end: usize| {
        let over = spans.overlapping(start, end);
        over.len() == 1 && {
            let s = spans[over.start];
            s.kind == Kind::Person
                && s.origin.confidence() >= SURE
                && s.start <= start
                && end <= s.end
        }
    };
    // The word at `i` as the other of the pair: its span's index, if one.
    let other = |spans: &Spans, i: usize| -> Option<Option<usize>> {
        if !surname_word(t, i) || !stands_alone(t, i) {
            return None;
        }
        let over = spans.overlapping(i, i + 1);
        if over.is_empty() {
            return Some(None);
        }
        let s = spans[over.start];
        (s.len() == 1
            && s.kind != Kind::Person
            && !s.origin.is_settled()
            && s.origin.confidence() < SURE)
            .then_some(Some(over.start))
    };
    let mut found = Vec::new();
    let mut retyped = Vec::new();
    let pairs = (1..words.len().saturating_sub(1)).filter(|&k| matches!(words[k], "and" | "or"));
    for k in pairs {
        if t.crosses_sentence(k - 1, k + 2) {
            continue;
        }
        // The person on one side, the word on the other.
        for (person, word) in [(k - 1, k + 1), (k + 1, k - 1)] {
            if !person_at(spans, person, person + 1) {
                continue;
            }
            match other(spans, word) {
                Some(None) => found.push(spans.settled(word, word + 1, Kind::Person)),
                Some(Some(i)) => retyped.push(i),
                None => {}
            }
        }
    }
    for i in retyped {
        spans.settle(i, Kind::Person);
    }
    for s in found {
        spans.insert(s, Overlap::Gap);
    }
}

/// Kin and posts only people have (`Merkel's successor`, `Obama's former
/// wife`): the word before the `'s` is a person's name, one word the
/// tagger left or doubted ([`surname_word`]). Not a post a body has too
/// (`Apple's spokesman`).
pub(super) fn people_with_kin(t: &Text, spans: &mut Spans, _: &mut Vec<Link>) {
    const KIN: &[&str] = &[
        "wife",
        "husband",
        "son",
        "daughter",
        "mother",
        "father",
        "brother",
        "sister",
        "widow",
        "widower",
        "girlfriend",
        "boyfriend",
        "fiancee",
        "fiance",
        "successor",
        "predecessor",
        "grandson",
        "granddaughter",
        "nephew",
        "niece",
        "stepson",
        "stepdaughter",
    ];
    let words = t.words;
    let mut found = Vec::new();
    let mut retyped = Vec::new();
    for k in 1..words.len().saturating_sub(1) {
        // (The word before the `'s` stands alone but for it.)
        let alone = k < 2 || t.sentence_start[k - 1] || !is_capitalized(words[k - 2]);
        if !matches!(words[k], "'s" | "’s") || !surname_word(t, k - 1) || !alone {
            continue;
        }
        // The kin word, or one word written small before it (`former`).
        let kin = |j: usize| words.get(j).is_some_and(|w| KIN.contains(w));
        let small = words[k + 1].chars().next().is_some_and(char::is_lowercase);
        if !(kin(k + 1) || small && kin(k + 2)) {
            continue;
        }
        let over = spans.overlapping(k - 1, k);
        if over.is_empty() {
            found.push(spans.settled(k - 1, k, Kind::Person));
        } else {
            let s = spans[over.start];
            if s.len() == 1 && s.kind != Kind::Person && !s.origin.is_settled() {
                retyped.push(over.start);
            }
        }
    }
    for i in retyped {
        spans.settle(i, Kind::Person);
    }
    for s in found {
        spans.insert(s, Overlap::Gap);
    }
}

/// `Tiger Woods shot a 67 ... Woods said`: a name of two or three words
/// in plain capitals that the tagger read as a body or a misc name is a
/// person's where the article writes its last word alone, untagged, as
/// someone who speaks (`said`, `, who`; not after a determiner: `the
/// Times said`), and that word is no name the gazetteer knows. Its bare
/// uses are then found as the person's by `people_by_name_part`.
pub(super) fn people_who_speak(t: &Text, spans: &mut Spans, _: &mut Vec<Link>) {
    let words = t.words;
    let covered: Vec<bool> = {
        let mut c = vec![false; words.len()];
        for s in spans.iter() {
            c[s.range()].fill(true);
        }
        c
    };
    let speaks_at = |k: usize| {
        !covered[k]
            && person_verb_at(words, k + 1)
            && !k
                .checked_sub(1)
                .is_some_and(|p| matches!(words[p], "the" | "The" | "a" | "A" | "an" | "An"))
    };
    // The words written alone as someone who speaks: one walk over the
    // text, so a long article costs no more per name.
    // A common word speaks as a name only where its place does not
    // capitalise it: not opening a sentence (`Police said`), but after a
    // quote that closes one (`," Woods said`).
    let by_place = |k: usize| {
        let closing_quote = k >= 2
            && matches!(words[k - 1], "\"" | "”" | "''")
            && matches!(words[k - 2], "," | "." | "?" | "!");
        opens_clause(t, k) && !closing_quote
    };
    let speakers: FxHashSet<&str> = (0..words.len())
        .filter(|&k| speaks_at(k) && !(by_place(k) && t.lexicon.is_common(words[k])))
        .map(|k| words[k])
        .collect();
    if speakers.is_empty() {
        return;
    }
    let mut people = Vec::new();
    for (i, s) in spans.iter().enumerate() {
        let name = &words[s.range()];
        if !matches!(s.kind, Kind::Organization | Kind::Misc)
            || !(2..=3).contains(&name.len())
            || s.origin.is_settled()
            || !name.iter().all(|w| is_title_case(w))
            || t.gaz.lookup(name).is_some()
        {
            continue;
        }
        let last = name[name.len() - 1];
        if speakers.contains(last)
            && t.gaz.lookup(&[last]).is_none()
            && !lists().body_heads.contains(last)
        {
            people.push(i);
        }
    }
    for i in people {
        spans.set_kind(i, Kind::Person);
    }
}

/// `Theresa May ... May said`, `Xi Jinping ... Xi said`: a capitalised
/// word the tagger left alone is a person when it is the last word of the
/// full name of exactly one person the article names (or, when it is
/// nobody's last word, the first word of exactly one: the family name of
/// `Xi Jinping` or `Kim Jong Un`), and it stands alone: not in capitals,
/// not next to another capitalised word (but a title before it), not a
/// name the gazetteer knows as something else.
pub(super) fn people_by_name_part(t: &Text, spans: &mut Spans, _: &mut Vec<Link>) {
    let words = t.words;
    // (word, whether it is the last, the full name), sorted: each word's
    // distinct full names, as the last word and as the first.
    let mut parts: Vec<(&str, bool, &[&str])> = Vec::new();
    for s in spans
        .iter()
        .filter(|s| s.kind == Kind::Person && s.len() >= 2)
    {
        let (full, _) = without_name_suffix(&words[s.range()]);
        parts.push((full[full.len() - 1], true, full));
        parts.push((full[0], false, full));
    }
    if parts.is_empty() {
        return;
    }
    parts.sort_unstable();
    parts.dedup();
    // The one full name `w` is the last word of, or (when it is nobody's
    // last word) the first word of; `None` when none or several. A name
    // that is the end of a longer one is that one's (`Mark Felt`, `W. Mark
    // Felt`), as a name that opens a longer one is (`Kim Jong`), and one
    // with initials for words another writes out is the other's (`W. Mark
    // Felt`, `William Mark Felt`).
    let owner = |w: &str| {
        let from = parts.partition_point(|p| p.0 < w);
        let of = |last: bool| {
            parts[from..]
                .iter()
                .take_while(|p| p.0 == w)
                .filter(move |p| p.1 == last)
                .map(|p| p.2)
        };
        let people = |last: bool| {
            of(last)
                .filter(|&name| {
                    !of(last).any(|other| {
                        let held = if last {
                            other.ends_with(name)
                        } else {
                            other.starts_with(name)
                        };
                        other.len() > name.len() && held || spelt_out(name, other)
                    })
                })
                .count()
        };
        let lasts = people(true);
        let n = if lasts > 0 { lasts } else { people(false) };
        n == 1
    };
    // The first letters of those words: most tokens are ruled out by them.
    let initials = parts
        .iter()
        .filter_map(|p| p.0.bytes().next())
        .fold(0u128, |m, b| m | 1 << (b & 127));
    let may_be_part = |w: &str| {
        w.bytes()
            .next()
            .is_some_and(|b| b >= 128 || initials & 1 << b != 0)
    };
    let capitalised = |i: usize| words.get(i).is_some_and(|w| is_capitalized(w));
    let mut found = Vec::new();
    let mut covered = spans.iter().map(|s| s.range()).peekable();
    for (i, &w) in words.iter().enumerate() {
        while covered.next_if(|r| r.end <= i).is_some() {}
        if !may_be_part(w)
            || covered.peek().is_some_and(|r| r.start <= i)
            || !is_capitalized(w)
            || !w.chars().any(char::is_lowercase)
            || capitalised(i + 1)
            || (i > 0
                && capitalised(i - 1)
                && !opens_clause(t, i)
                && !lists().titles.contains(words[i - 1]))
            || lists().leading_noise.contains(w)
        {
            continue;
        }
        if owner(w) && t.gaz.lookup(&[w]).is_none() {
            found.push(i);
        }
    }
    for i in found {
        spans.insert(spans.settled(i, i + 1, Kind::Person), Overlap::Gap);
    }
}

/// Whether `long` is the name `short` writes with initials, word for word
/// (`William Mark Felt`, `W. Mark Felt`), and is not the same.
fn spelt_out(short: &[&str], long: &[&str]) -> bool {
    let initial_of = |i: &str, w: &str| {
        is_initial(i) && w.chars().count() > 2 && w.chars().next() == i.chars().next()
    };
    short.len() == long.len()
        && short != long
        && short
            .iter()
            .zip(long)
            .all(|(s, l)| s == l || initial_of(s, l))
}

/// `The Haftar LNA received...`: a span made of two names the text uses on
/// their own elsewhere is two mentions.
pub(super) fn split_known_pairs(t: &Text, spans: &mut Spans, _: &mut Vec<Link>) {
    let words = t.words;
    if !spans.iter().any(|s| s.len() >= 2 && !s.origin.is_settled()) {
        return;
    }
    // Decided on the spans as they stand, then split. Each text (by a hash
    // of its words): how many spans read it, and the first of them.
    let text_hash = |r: std::ops::Range<usize>| {
        words[r].iter().fold(SEED, |h, w| {
            mix(w.bytes().fold(h, |h, b| mix(h, u64::from(b))), 0x20)
        })
    };
    let mut seen: FxHashMap<u64, (usize, usize)> = FxHashMap::default();
    for (i, s) in spans.iter().enumerate() {
        seen.entry(text_hash(s.range())).or_insert((0, i)).0 += 1;
    }
    // The span reading `start..end` first, and how many do (a hash that
    // matches other words is no match).
    let reading = |start: usize, end: usize| {
        let &(count, i) = seen.get(&text_hash(start..end))?;
        (words[spans[i].range()] == words[start..end]).then_some((count, spans[i].kind))
    };
    let mut splits = Vec::new();
    for (i, s) in spans.iter().enumerate() {
        if s.len() < 2 || s.origin.is_settled() {
            continue;
        }
        // The kind of a span reading `start..end` alone (never `s`
        // itself: its parts are shorter).
        let alone = |start: usize, end: usize| reading(start, end).map(|e| e.1);
        let whole_elsewhere = reading(s.start, s.end).is_some_and(|e| e.0 > 1);
        let split = (s.start + 1..s.end).find_map(|p| {
            let l = alone(s.start, p)?;
            let r = alone(p, s.end)?;
            // `Philadelphia Eagles`, `U.S. Treasury`: an organization
            // named with a place is one name.
            let place_named_org =
                s.kind == Kind::Organization && (l == Kind::Location || r == Kind::Location);
            (l != r && !place_named_org).then_some((p, l, r))
        });
        if let Some((p, l, r)) = split
            && !whole_elsewhere
        {
            splits.push((i, p, l, r));
        }
    }
    // From the last, so the indices of those before stay.
    for (i, p, l, r) in splits.into_iter().rev() {
        spans.split(i, p, l, r);
    }
}

#[cfg(test)]
mod tests {
    use super::super::test_util::*;
    use super::super::{Origin, Overlap, Span, Spans};
    use crate::entities::kind::Kind;

    #[test]
    fn particle_names_continue_a_person() {
        let w = words("General Abdel Fattah al-Burhan , the army chief , spoke .");
        let mut spans = tagged(&[find(&w, "Abdel Fattah", Kind::Person)]);
        run(&["extend_particle_names"], &w, &mut spans);
        assert_eq!(
            show(&w, &spans),
            [("Abdel Fattah al-Burhan".into(), Kind::Person)]
        );
        let w = words("Talks with Ursula von der Leyen and Anne de Vries ended .");
        let mut spans = tagged(&[
            find(&w, "Ursula", Kind::Person),
            find(&w, "Leyen", Kind::Organization),
            find(&w, "Anne", Kind::Person),
        ]);
        run(&["extend_particle_names"], &w, &mut spans);
        assert_eq!(
            show(&w, &spans),
            [
                ("Ursula von der Leyen".into(), Kind::Person),
                ("Anne de Vries".into(), Kind::Person)
            ]
        );
        // Three words after the particle, when the tagger read a person
        // there too; not a body of three words.
        let w = words("Sheikh Tamim bin Velm Al Orsa met Dara bin Velm Orsk Bank .");
        let mut spans = tagged(&[
            find(&w, "Tamim", Kind::Person),
            find(&w, "Velm Al Orsa", Kind::Person),
            find(&w, "Dara", Kind::Person),
            find(&w, "Velm Orsk Bank", Kind::Organization),
        ]);
        run(&["extend_particle_names"], &w, &mut spans);
        assert_eq!(
            show(&w, &spans),
            [
                ("Tamim bin Velm Al Orsa".into(), Kind::Person),
                ("Dara".into(), Kind::Person),
                ("Velm Orsk Bank".into(), Kind::Organization),
            ]
        );
    }

    #[test]
    fn determiners_and_pronouns_are_trimmed() {
        let w = words(
            "The Turkish move . Derna Protection Force He said . The Hague ruled ( The Turkish left ) . \
             Rival Velmco Group Inc fell . Further company coverage .",
        );
        let mut spans = tagged(&[
            find(&w, "The Turkish", Kind::Misc),
            find(&w, "Derna Protection Force He", Kind::Organization),
            find(&w, "The Hague", Kind::Location),
            Span::new(14, 16, Kind::Misc, Origin::Tagger(0.5)),
            find(&w, "Rival Velmco Group Inc", Kind::Organization),
            find(&w, "Further", Kind::Person),
        ]);
        assert_eq!(w[14..16].join(" "), "The Turkish");
        run(&["trim_function_words"], &w, &mut spans);
        assert_eq!(
            show(&w, &spans),
            [
                ("Turkish".into(), Kind::Misc),
                ("Derna Protection Force".into(), Kind::Organization),
                ("The Hague".into(), Kind::Location),
                ("Turkish".into(), Kind::Misc),
                // A describing word opening a sentence; a sentence's
                // adverb alone is no name.
                ("Velmco Group Inc".into(), Kind::Organization),
            ]
        );
    }

    #[test]
    fn a_quoted_nickname_is_inside_the_persons_name() {
        let w = words(
            "Boss Dario \" the Wolf \" Velmonte died . Earvin ' Magic ' Tarsk spoke . \
             Watergate ' Bagman ' Orin Kessel left . He said \" Yes \" Tarsk nodded .",
        );
        let mut spans = tagged(&[
            find(&w, "Dario", Kind::Person),
            find(&w, "Wolf", Kind::Organization),
            find(&w, "Velmonte", Kind::Person),
            // The tagger's guess for a given name it never saw.
            find(&w, "Earvin", Kind::Location),
            find(&w, "Tarsk", Kind::Person),
            find(&w, "Watergate", Kind::Misc),
            find(&w, "Orin Kessel", Kind::Person),
        ]);
        run(&["quoted_nicknames"], &w, &mut spans);
        assert_eq!(
            show(&w, &spans)[..2],
            [
                ("Dario \" the Wolf \" Velmonte".into(), Kind::Person),
                ("Earvin ' Magic ' Tarsk".into(), Kind::Person),
            ]
        );
        // A headline's topic before the quotes is no given name; a quoted
        // word after a lowercase one is a quotation.
        assert_eq!(
            show(&w, &spans)[2..],
            [
                ("Watergate".into(), Kind::Misc),
                ("Orin Kessel".into(), Kind::Person),
            ]
        );
        assert_eq!(spans[0].origin, Origin::Rule("quoted_nicknames"));
        let name: Vec<&str> = w[spans[0].range()].to_vec();
        assert_eq!(super::quoted_nickname(&name), Some(1..5));
        // Brackets too, each closing its own: not the acronym a body's
        // name defines.
        let w = words(
            "Slain Kimani ( Kiki ) Orsay was 16 . The Velm Army ( VA ) Chief spoke . Tova \" Ana ) Brill left . \
             1 . Olaf Tarsk ( Germany ) Velmcom 4 hours .",
        );
        let mut spans = tagged(&[
            find(&w, "Kimani", Kind::Person),
            find(&w, "Kiki", Kind::Person),
            find(&w, "Orsay", Kind::Location),
            find(&w, "Velm Army", Kind::Organization),
            find(&w, "VA", Kind::Organization),
            find(&w, "Tova", Kind::Person),
            find(&w, "Brill", Kind::Person),
            find(&w, "Olaf Tarsk", Kind::Person),
            find(&w, "Germany", Kind::Location),
            find(&w, "Velmcom", Kind::Organization),
        ]);
        run(&["quoted_nicknames"], &w, &mut spans);
        assert_eq!(
            show(&w, &spans),
            [
                ("Kimani ( Kiki ) Orsay".into(), Kind::Person),
                ("Velm Army".into(), Kind::Organization),
                ("VA".into(), Kind::Organization),
                ("Tova".into(), Kind::Person),
                ("Brill".into(), Kind::Person),
                ("Olaf Tarsk".into(), Kind::Person),
                ("Germany".into(), Kind::Location),
                ("Velmcom".into(), Kind::Organization),
            ]
        );
        let name: Vec<&str> = w[spans[0].range()].to_vec();
        assert_eq!(super::quoted_nickname(&name), Some(1..4));
        assert_eq!(super::quoted_nickname(&["Orin", "Kessel"]), None);
    }

    #[test]
    fn words_capitalised_for_opening_a_sentence_leave_names() {
        let w = words(
            "And Orsa won again . Near Kessa Vale , troops advanced . If Tarn wins , fans cheer .",
        );
        let mut spans = tagged(&[
            find(&w, "And Orsa", Kind::Organization),
            find(&w, "Near Kessa Vale", Kind::Location),
            find(&w, "If Tarn", Kind::Person),
        ]);
        run(&["trim_function_words"], &w, &mut spans);
        assert_eq!(
            show(&w, &spans),
            [
                ("Orsa".into(), Kind::Organization),
                ("Kessa Vale".into(), Kind::Location),
                ("Tarn".into(), Kind::Person),
            ]
        );
    }

    #[test]
    fn a_name_after_the_that_a_verb_follows_is_no_persons() {
        let w = words(
            "The Velmd is leading , votes for the Orsk fell and the Quist administration \
             and the Pope said so ; Dara Velm is here , and the Tarn Orsa is too .",
        );
        let people = ["Velmd", "Orsk", "Quist", "Pope", "Dara Velm", "Tarn Orsa"];
        let mut spans = tagged_in_turn(&w, &people.map(|p| (p, Kind::Person)));
        run(&["no_one_after_the"], &w, &mut spans);
        assert_eq!(
            show(&w, &spans),
            [
                ("Velmd".into(), Kind::Organization),
                ("Orsk".into(), Kind::Person),
                ("Quist".into(), Kind::Person),
                ("Pope".into(), Kind::Person),
                ("Dara Velm".into(), Kind::Person),
                ("Tarn Orsa".into(), Kind::Person),
            ]
        );
    }

    #[test]
    fn a_capitalised_determiner_inside_a_sentence_is_part_of_the_name() {
        let w = words("They played at The Oval on Friday .");
        let mut spans = tagged(&[find(&w, "The Oval", Kind::Location)]);
        run(&["trim_function_words"], &w, &mut spans);
        assert_eq!(show(&w, &spans), [("The Oval".into(), Kind::Location)]);
    }

    #[test]
    fn a_title_inside_a_run_before_a_role_leaves_the_person_after_it() {
        let w = words(
            "Velmco Chief Executive Dara Quist , who will become general manager , spoke . \
             President Orsek , the leader , left . The Secretary of the Interior Tarn Vale , \
             who will head the agency , agreed .",
        );
        let mut spans = tagged(&[
            find(&w, "Velmco", Kind::Organization),
            find(&w, "Dara Quist", Kind::Person),
            find(&w, "Interior Tarn Vale", Kind::Organization),
        ]);
        run(&["people_by_apposition"], &w, &mut spans);
        assert_eq!(
            show(&w, &spans),
            [
                ("Velmco".into(), Kind::Organization),
                ("Dara Quist".into(), Kind::Person),
                ("Orsek".into(), Kind::Person),
                ("Tarn Vale".into(), Kind::Person),
            ]
        );
    }

    #[test]
    fn a_name_with_a_role_after_it_is_a_person() {
        let w = words(
            "Samir al-Hassi , a spokesman for the council , said so . Tripoli , the capital , and Bani Walid , a town , were calm . \
             On Wednesday , the minister left . In March Omar Sayed , the commander , stayed . \
             Velmco CEO , the new manager , spoke . He led the Orsa Red Hawks , the head of the league said .",
        );
        let mut spans = tagged(&[find(&w, "Tripoli", Kind::Location)]);
        run(&["people_by_apposition"], &w, &mut spans);
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
    fn a_role_before_a_name_is_that_names_not_the_run_before_the_comma() {
        let w = words(
            "Troops fought in Orsa State , army spokesman Brigadier General Tarn Velmco said . \
             Dara Quist , a spokesman , left .",
        );
        let mut spans = tagged(&[find(&w, "Orsa State", Kind::Location)]);
        run(&["people_by_apposition"], &w, &mut spans);
        assert_eq!(
            show(&w, &spans),
            [
                ("Orsa State".into(), Kind::Location),
                ("Dara Quist".into(), Kind::Person)
            ]
        );
    }

    #[test]
    fn a_kin_after_a_name_makes_a_person_but_a_clause_after_it_does_not() {
        let w = words(
            "Kim Tova Renn , the sister of the leader , came . Orsa Timor Putra , controlled by \
             a son of the leader , grew . Tarn Vale Group , which a son runs , fell . \
             \" Velm Pie , \" the actress said .",
        );
        let mut spans = tagged(&[
            find(&w, "Kim Tova Renn", Kind::Organization),
            find(&w, "Orsa Timor Putra", Kind::Organization),
            find(&w, "Tarn Vale Group", Kind::Organization),
            find(&w, "Velm Pie", Kind::Misc),
        ]);
        run(&["people_by_apposition"], &w, &mut spans);
        assert_eq!(
            show(&w, &spans),
            [
                ("Kim Tova Renn".into(), Kind::Person),
                ("Orsa Timor Putra".into(), Kind::Organization),
                ("Tarn Vale Group".into(), Kind::Organization),
                ("Velm Pie".into(), Kind::Misc),
            ]
        );
    }

    #[test]
    fn a_person_ending_on_a_bodys_head_is_a_body() {
        let w = words(
            "Dara Velm of Tarn Orsay University met the Velm Committee and Ana Bank at Orsk \
             College on the Velm Bank .",
        );
        let mut spans = tagged(&[
            find(&w, "Dara Velm", Kind::Person),
            find(&w, "Tarn Orsay University", Kind::Person),
            find(&w, "Velm Committee", Kind::Person),
            find(&w, "Bank", Kind::Person),
            find(&w, "Orsk College", Kind::Location),
            find(&w, "Velm Bank", Kind::Location),
        ]);
        run(&["bodies_by_head"], &w, &mut spans);
        assert_eq!(
            show(&w, &spans),
            [
                ("Dara Velm".into(), Kind::Person),
                ("Tarn Orsay University".into(), Kind::Organization),
                ("Velm Committee".into(), Kind::Organization),
                ("Bank".into(), Kind::Person),
                // A school read as a place; a bank of a river stays.
                ("Orsk College".into(), Kind::Organization),
                ("Velm Bank".into(), Kind::Location),
            ]
        );
    }

    #[test]
    fn a_place_before_capitalised_words_names_a_body() {
        let w = words(
            "The Velmar Colts lost to the Orsay 49ers . A report in the Orsay Daily Ledger said so . \
             Fans in Velmar Thursday cheered and Velmar Tarnia Orsk Dale shouted . \
             VELMAR Reuters - the Colts won . The fifth Velmar Sheriff Deputy fell . \
             Fans of Orsay FC and Velmar United FC sang .",
        );
        let mut spans = Spans::new();
        for (i, &x) in w.iter().enumerate() {
            if matches!(x, "Velmar" | "Orsay" | "VELMAR") {
                let place = Span::new(i, i + 1, Kind::Location, Origin::Tagger(0.5));
                spans.insert(place, Overlap::Gap);
            }
        }
        run(&["places_naming_bodies"], &w, &mut spans);
        assert_eq!(
            show(&w, &spans),
            [
                ("Velmar Colts".into(), Kind::Organization),
                ("Orsay 49ers".into(), Kind::Organization),
                ("Orsay Daily Ledger".into(), Kind::Organization),
                // A weekday after it; more than two capitalised words.
                ("Velmar".into(), Kind::Location),
                ("Velmar".into(), Kind::Location),
                // In capitals: a dateline.
                ("VELMAR".into(), Kind::Location),
                // A post, no body.
                ("Velmar".into(), Kind::Location),
                ("Orsay FC".into(), Kind::Organization),
                ("Velmar United FC".into(), Kind::Organization),
            ]
        );
    }

    #[test]
    fn a_place_before_a_bodys_name_opens_it() {
        let w = words(
            "The Velmar Geological Survey said so . Tarnia Orsay Institute fell . \
             Fighters in Velmar Orsay Institute fled . Velmar Orsay beat Tarnia .",
        );
        let mut spans = tagged(&[
            find(&w, "Velmar", Kind::Location),
            find(&w, "Geological Survey", Kind::Organization),
            find(&w, "Tarnia", Kind::Location),
            find(&w, "Orsay Institute", Kind::Organization),
        ]);
        // After `in`, the place is where the body is; a body not named
        // by its head is a team, or anything: apart.
        for (phrase, nth, kind) in [
            ("Velmar", 1, Kind::Location),
            ("Orsay Institute", 1, Kind::Organization),
            ("Velmar", 2, Kind::Location),
            ("Orsay", 2, Kind::Organization),
        ] {
            assert!(spans.insert(find_nth(&w, phrase, nth, kind), Overlap::Gap));
        }
        run(&["places_opening_bodies"], &w, &mut spans);
        assert_eq!(
            show(&w, &spans),
            [
                ("Velmar Geological Survey".into(), Kind::Organization),
                ("Tarnia Orsay Institute".into(), Kind::Organization),
                ("Velmar".into(), Kind::Location),
                ("Orsay Institute".into(), Kind::Organization),
                ("Velmar".into(), Kind::Location),
                ("Orsay".into(), Kind::Organization),
            ]
        );
        // A body before one of its own.
        let w = words("They testified before the Senate Armed Services Committee .");
        let senate = w.iter().position(|&x| x == "Senate").unwrap();
        let mut spans = tagged(&[
            Span::new(senate, senate + 1, Kind::Organization, Origin::Tagger(0.5)),
            find(&w, "Armed Services Committee", Kind::Organization),
        ]);
        run(&["places_opening_bodies"], &w, &mut spans);
        assert_eq!(
            show(&w, &spans),
            [("Senate Armed Services Committee".into(), Kind::Organization)]
        );
    }

    #[test]
    fn a_name_with_an_age_after_it_is_a_person() {
        let w = words(
            "Katherine Lind , 61 , and Robyn Norma Keel , 48 , were found . Police named Ines Ruud , 35 . \
             Apex Corp , 2009 , grew . Route Nine , 12 , 14 and 16 stayed shut . Lo Varsi , 52 , died .",
        );
        let mut spans = tagged(&[find(&w, "Robyn Norma Keel", Kind::Organization)]);
        run(&["people_by_apposition"], &w, &mut spans);
        assert_eq!(
            show(&w, &spans),
            [
                ("Katherine Lind".into(), Kind::Person),
                ("Robyn Norma Keel".into(), Kind::Person),
                ("Ines Ruud".into(), Kind::Person),
            ]
        );
    }

    #[test]
    fn a_name_with_a_role_after_it_stays_in_its_sentence() {
        let text = "Old agent brought down Nixon\n\nW. Mark Felt , the former official , died .";
        let w: Vec<&str> = crate::entities::tokens::tokenize(text)
            .iter()
            .map(|t| t.text(text))
            .collect();
        let mut spans = tagged(&[]);
        run_sentences(&["people_by_apposition"], &w, text, &mut spans);
        assert_eq!(show(&w, &spans), [("W. Mark Felt".into(), Kind::Person)]);
    }

    #[test]
    fn a_word_paired_with_a_persons_name_is_a_persons_name() {
        let w = words(
            "Ortin and Xu signed a pact . Velm and Congress met . Only Point Tarnac and Dale \
             Orsk spoke , and Quistle or Renn left .",
        );
        let mut spans = tagged_in_turn(
            &w,
            &[
                ("Ortin", Kind::Person),
                ("Dale Orsk", Kind::Person),
                ("Quistle", Kind::Location),
                ("Renn", Kind::Person),
            ],
        );
        // The tagger doubted `Quistle`.
        let q = w.iter().position(|&x| x == "Quistle").unwrap();
        let i = spans.overlapping(q, q + 1).start;
        spans.reshape(|s, _, out| {
            out.push(if s.start == q {
                Span::new(s.start, s.end, s.kind, Origin::Tagger(0.05))
            } else {
                *s
            })
        });
        assert_eq!(spans[i].origin, Origin::Tagger(0.05));
        run(&["people_in_pairs"], &w, &mut spans);
        assert_eq!(
            show(&w, &spans),
            [
                ("Ortin".into(), Kind::Person),
                // Two letters: an English word, but a Chinese surname too.
                ("Xu".into(), Kind::Person),
                // Beside no person; an English word; a longer name's end.
                ("Dale Orsk".into(), Kind::Person),
                ("Quistle".into(), Kind::Person),
                ("Renn".into(), Kind::Person),
            ]
        );
    }

    #[test]
    fn kin_only_people_have_name_a_person() {
        let w = words(
            "Velmar's successor said so . Quistle's spokesman left . Velmond's former wife spoke . \
             The Tarn Orsa's son came .",
        );
        let mut spans = tagged(&[]);
        run(&["people_with_kin"], &w, &mut spans);
        assert_eq!(
            show(&w, &spans),
            [
                ("Velmar".into(), Kind::Person),
                ("Velmond".into(), Kind::Person)
            ]
        );
    }

    #[test]
    fn a_persons_name_goes_on_over_a_sons_or_a_fathers_suffix() {
        let w = words(
            "Tova Renn Jr. met Dale Velm Sr. ; the Orsa Quell Jr. group and Quist Jr. left . \
             Tarn Osk .\nJr. fans cheered .",
        );
        let mut spans = tagged(&[
            find(&w, "Tova Renn", Kind::Person),
            find(&w, "Dale Velm Sr.", Kind::Person),
            find(&w, "Orsa Quell Jr.", Kind::Organization),
            find(&w, "Quist", Kind::Person),
            find(&w, "Tarn Osk", Kind::Person),
        ]);
        run(&["name_suffixes"], &w, &mut spans);
        assert_eq!(
            show(&w, &spans),
            [
                ("Tova Renn Jr.".into(), Kind::Person),
                ("Dale Velm Sr.".into(), Kind::Person),
                // A name that ends on a suffix is a person's.
                ("Orsa Quell Jr.".into(), Kind::Person),
                // One word is too few to say a suffix follows a name.
                ("Quist".into(), Kind::Person),
                ("Tarn Osk".into(), Kind::Person),
            ]
        );
    }

    #[test]
    fn a_sovereigns_numeral_is_part_of_the_name() {
        let w = words(
            "Queen Velma II met Pope Orsin XVI and Tarn I of Orsa ; King Dalo I spoke , \
             and Dara I said so . Ana XL left .",
        );
        let mut spans = tagged_in_turn(
            &w,
            &[
                ("Velma", Kind::Person),
                ("II", Kind::Organization),
                ("Orsin", Kind::Person),
                ("Tarn", Kind::Person),
                ("Dalo", Kind::Person),
                ("Dara", Kind::Person),
                ("Ana", Kind::Person),
            ],
        );
        run(&["name_suffixes", "trim_function_words"], &w, &mut spans);
        assert_eq!(
            show(&w, &spans),
            [
                ("Velma II".into(), Kind::Person),
                ("Orsin XVI".into(), Kind::Person),
                ("Tarn I".into(), Kind::Person),
                ("Dalo I".into(), Kind::Person),
                // The pronoun; and no numeral past 39.
                ("Dara".into(), Kind::Person),
                ("Ana".into(), Kind::Person),
            ]
        );
        // The tagger's `I` at a name's end stays where it is a numeral.
        let w = words("Pedro I of Orsa ruled , and Dara I left .");
        let mut spans = tagged_in_turn(&w, &[("Pedro I", Kind::Person), ("Dara I", Kind::Person)]);
        run(&["trim_function_words"], &w, &mut spans);
        assert_eq!(
            show(&w, &spans),
            [
                ("Pedro I".into(), Kind::Person),
                ("Dara".into(), Kind::Person)
            ]
        );
    }

    #[test]
    fn a_nationality_opening_a_persons_name_is_a_name_of_its_own() {
        let w = words(
            "Cruz met Mexican Tova Renn and Libyan Dara Quist . Dara Quist spoke . \
             The Mexican Football Federation and Mexican Renn agreed .",
        );
        // (`find` would take the first `Dara Quist`, inside the longer span.)
        let quist = w.iter().rposition(|&x| x == "Quist").unwrap();
        let mut spans = tagged(&[
            find(&w, "Mexican Tova Renn", Kind::Person),
            find(&w, "Libyan Dara Quist", Kind::Organization),
            Span::new(quist - 1, quist + 1, Kind::Person, Origin::Tagger(0.5)),
            find(&w, "Mexican Football Federation", Kind::Organization),
            find(&w, "Mexican Renn", Kind::Person),
        ]);
        run(&["people_after_demonyms"], &w, &mut spans);
        assert_eq!(
            show(&w, &spans),
            [
                ("Mexican".into(), Kind::Misc),
                ("Tova Renn".into(), Kind::Person),
                // A body's name, but the rest a person's of the article.
                ("Libyan".into(), Kind::Misc),
                ("Dara Quist".into(), Kind::Person),
                ("Dara Quist".into(), Kind::Person),
                ("Mexican Football Federation".into(), Kind::Organization),
                // One word left is too little to say.
                ("Mexican Renn".into(), Kind::Person),
            ]
        );
    }

    #[test]
    fn a_nationality_and_an_english_word_read_as_a_person_are_one_name() {
        let w = words("She starred in American Pie and met Mexican Renn .");
        let mut spans = tagged_in_turn(
            &w,
            &[
                ("American", Kind::Misc),
                ("Pie", Kind::Person),
                ("Mexican", Kind::Misc),
                ("Renn", Kind::Person),
            ],
        );
        run(&["people_after_demonyms"], &w, &mut spans);
        assert_eq!(
            show(&w, &spans),
            [
                ("American Pie".into(), Kind::Misc),
                ("Mexican".into(), Kind::Misc),
                ("Renn".into(), Kind::Person),
            ]
        );
    }

    #[test]
    fn a_weekday_ends_no_name_but_an_events() {
        let w = words(
            "Police held Tova Renn Saturday ; the Velm Clinic Monday said so , \
             before Black Friday .",
        );
        let mut spans = tagged(&[
            find(&w, "Tova Renn Saturday", Kind::Person),
            find(&w, "Velm Clinic Monday", Kind::Organization),
            find(&w, "Black Friday", Kind::Misc),
        ]);
        run(&["trim_function_words"], &w, &mut spans);
        assert_eq!(
            show(&w, &spans),
            [
                ("Tova Renn".into(), Kind::Person),
                ("Velm Clinic".into(), Kind::Organization),
                ("Black Friday".into(), Kind::Misc),
            ]
        );
    }

    #[test]
    fn a_name_whose_last_word_speaks_alone_is_a_persons() {
        let w = words(
            "Tiger Woods shot a 67 . \" It was tough , \" Woods said . Velm Times rose ; \
             the Times said so . Troy Police came . Police said so . Orsa Group fell .",
        );
        let mut spans = tagged(&[
            find(&w, "Tiger Woods", Kind::Organization),
            find(&w, "Velm Times", Kind::Organization),
            find(&w, "Troy Police", Kind::Organization),
            find(&w, "Orsa Group", Kind::Organization),
        ]);
        run(&["people_who_speak"], &w, &mut spans);
        assert_eq!(
            show(&w, &spans),
            [
                ("Tiger Woods".into(), Kind::Person),
                // After a determiner, at a sentence's start, or a body's
                // head: no one speaks.
                ("Velm Times".into(), Kind::Organization),
                ("Troy Police".into(), Kind::Organization),
                ("Orsa Group".into(), Kind::Organization),
            ]
        );
    }

    #[test]
    fn a_word_of_a_full_name_alone_is_the_person() {
        let w = words(
            "Lena Marsh met Xi Tarnov and Mara Venn . Marsh said Xi was late ; Venn and \
             Lena agreed . Marsh Street and Venn Hall stayed shut . MARSH left .",
        );
        let mut spans = tagged(&[
            find(&w, "Lena Marsh", Kind::Person),
            find(&w, "Xi Tarnov", Kind::Person),
            find(&w, "Mara Venn", Kind::Person),
        ]);
        run(&["people_by_name_part"], &w, &mut spans);
        assert_eq!(
            show(&w, &spans),
            [
                ("Lena Marsh".into(), Kind::Person),
                ("Xi Tarnov".into(), Kind::Person),
                ("Mara Venn".into(), Kind::Person),
                ("Marsh".into(), Kind::Person),
                ("Xi".into(), Kind::Person),
                ("Venn".into(), Kind::Person),
                ("Lena".into(), Kind::Person),
            ]
        );
    }

    #[test]
    fn a_word_shared_by_two_full_names_is_nobodys() {
        let w = words("Lena Marsh and Tom Marsh met . Marsh said so .");
        let mut spans = tagged(&[
            find(&w, "Lena Marsh", Kind::Person),
            find(&w, "Tom Marsh", Kind::Person),
        ]);
        run(&["people_by_name_part"], &w, &mut spans);
        assert_eq!(spans.len(), 2);
    }

    #[test]
    fn names_of_one_person_written_longer_or_with_initials_share_their_words() {
        let w = words(
            "W. Lena Marsh and Walda Lena Marsh and Lena Marsh : one woman . \
             Marsh said so . Quennel Dal and Quennel Dal Sun met . Quennel left .",
        );
        let person = |phrase: &str, nth: usize| find_nth(&w, phrase, nth, Kind::Person);
        let mut spans = tagged(&[
            person("W. Lena Marsh", 0),
            person("Walda Lena Marsh", 0),
            person("Lena Marsh", 2),
            person("Quennel Dal", 0),
            person("Quennel Dal Sun", 0),
        ]);
        run(&["people_by_name_part"], &w, &mut spans);
        let alone: Vec<String> = show(&w, &spans)
            .into_iter()
            .map(|(name, _)| name)
            .filter(|name| !name.contains(' '))
            .collect();
        assert_eq!(alone, ["Marsh", "Quennel"]);
        // Initials of other words are another person's name.
        let w = words("W. Lena Marsh and Walda Tova Marsh met . Marsh said so .");
        let mut spans = tagged(&[
            find(&w, "W. Lena Marsh", Kind::Person),
            find(&w, "Walda Tova Marsh", Kind::Person),
        ]);
        run(&["people_by_name_part"], &w, &mut spans);
        assert_eq!(spans.len(), 2);
    }

    #[test]
    fn a_title_and_its_office_are_one_body() {
        let w = words(
            "The Velm County Sheriff's Department and the Tarn Attorney's Office met \
             at Sam's Club . Orsk's Committee , Lena Marsh's Council and Egypt's \
             Government spoke , and Orsk said so ; Dal's office closed . Tarn Magistrates' \
             Court sat .",
        );
        let mut spans = tagged_in_turn(
            &w,
            &[
                ("Velm", Kind::Location),
                ("County Sheriff", Kind::Person),
                ("Tarn Attorney", Kind::Organization),
                ("Office", Kind::Organization),
                ("Sam", Kind::Person),
                ("Orsk", Kind::Person),
                ("Lena Marsh", Kind::Person),
                ("Egypt", Kind::Location),
                ("Orsk", Kind::Person),
                ("Dal", Kind::Person),
                ("Tarn Magistrates", Kind::Location),
            ],
        );
        run(&["offices"], &w, &mut spans);
        assert_eq!(
            show(&w, &spans),
            [
                (
                    "Velm County Sheriff 's Department".into(),
                    Kind::Organization
                ),
                ("Tarn Attorney 's Office".into(), Kind::Organization),
                ("Sam 's Club".into(), Kind::Organization),
                // Named by itself elsewhere, a person's full name, a known
                // place: the owner; a head word in lowercase.
                ("Orsk".into(), Kind::Person),
                ("Lena Marsh".into(), Kind::Person),
                ("Egypt".into(), Kind::Location),
                ("Orsk".into(), Kind::Person),
                ("Dal".into(), Kind::Person),
                ("Tarn Magistrates ' Court".into(), Kind::Organization),
            ]
        );
    }

    #[test]
    fn a_bodys_name_goes_on_over_of_and_a_name() {
        let w = words(
            "The Tarn Department of Criminal Justice , the Velm Ministry of Orsay , \
             Velm Pharma Inc of Orsay and the Tarn Department of Lena Marsh spoke .",
        );
        let mut spans = tagged_in_turn(
            &w,
            &[
                ("Tarn Department", Kind::Organization),
                ("Criminal Justice", Kind::Organization),
                ("Velm Ministry", Kind::Organization),
                ("Orsay", Kind::Location),
                ("Velm Pharma Inc", Kind::Organization),
                ("Orsay", Kind::Location),
                ("Tarn Department", Kind::Organization),
                ("Lena Marsh", Kind::Person),
            ],
        );
        // Capitalised words the tagger left alone, before a small word;
        // not before another capitalised word.
        let w2 = words(
            "The Velm Ministry of Public Health in Orsay and the Tarn Agency of Dal Orsk Renn Tova spoke .",
        );
        let mut spans2 = tagged_in_turn(
            &w2,
            &[
                ("Velm Ministry", Kind::Organization),
                ("Tarn Agency", Kind::Organization),
            ],
        );
        run(&["bodies_of"], &w2, &mut spans2);
        assert_eq!(
            show(&w2, &spans2),
            [
                ("Velm Ministry of Public Health".into(), Kind::Organization),
                ("Tarn Agency".into(), Kind::Organization),
            ]
        );
        run(&["bodies_of"], &w, &mut spans);
        assert_eq!(
            show(&w, &spans),
            [
                (
                    "Tarn Department of Criminal Justice".into(),
                    Kind::Organization
                ),
                ("Velm Ministry of Orsay".into(), Kind::Organization),
                // A firm's suffix ends it; a person is no body's part.
                ("Velm Pharma Inc".into(), Kind::Organization),
                ("Orsay".into(), Kind::Location),
                ("Tarn Department".into(), Kind::Organization),
                ("Lena Marsh".into(), Kind::Person),
            ]
        );
    }

    #[test]
    fn a_bodys_fields_joined_by_and_are_one_name() {
        let w = words(
            "The Velm Institute of Allergy and Infectious Diseases said so ; the Tarn Department \
             of Housing and Urban Development agreed ; the Bank of Velm and Orsk Quist \
             disagreed , and the Ministry of Defence and Foreign Office left .",
        );
        let mut spans = tagged_in_turn(
            &w,
            &[
                ("Velm Institute of Allergy", Kind::Organization),
                ("Infectious Diseases", Kind::Location),
                ("Tarn Department of Housing", Kind::Organization),
                ("Bank of Velm", Kind::Organization),
                ("Orsk Quist", Kind::Person),
                ("Ministry of Defence", Kind::Organization),
                ("Foreign Office", Kind::Organization),
            ],
        );
        run(&["bodies_of"], &w, &mut spans);
        assert_eq!(
            show(&w, &spans),
            [
                (
                    "Velm Institute of Allergy and Infectious Diseases".into(),
                    Kind::Organization
                ),
                (
                    "Tarn Department of Housing and Urban Development".into(),
                    Kind::Organization
                ),
                ("Bank of Velm".into(), Kind::Organization),
                ("Orsk Quist".into(), Kind::Person),
                ("Ministry of Defence".into(), Kind::Organization),
                ("Foreign Office".into(), Kind::Organization),
            ]
        );
    }

    #[test]
    fn degrees_after_a_persons_name_are_no_names() {
        let w = words(
            "Lena Marsh , MD , spoke to Tova Renn , M. D. , M. B. A. , Ana Lisk , D-N . Y. , \
             Dal Quist ( R-Texas ) , and to Velm , MD , \
             Orsay , MD , and Dal Orsk , MD Anderson Center .",
        );
        let mut spans = tagged_in_turn(
            &w,
            &[
                ("Lena Marsh", Kind::Person),
                ("MD", Kind::Location),
                ("Tova Renn", Kind::Person),
                ("M. D.", Kind::Person),
                ("M. B. A.", Kind::Person),
                ("Ana Lisk", Kind::Person),
                ("D-N", Kind::Misc),
                ("Y.", Kind::Organization),
                ("Dal Quist", Kind::Person),
                ("R-Texas", Kind::Organization),
                ("Velm", Kind::Person),
                ("MD", Kind::Location),
                ("Orsay", Kind::Location),
                ("MD", Kind::Location),
                ("Dal Orsk", Kind::Person),
                ("MD Anderson Center", Kind::Organization),
            ],
        );
        run(&["degrees"], &w, &mut spans);
        assert_eq!(
            show(&w, &spans),
            [
                ("Lena Marsh".into(), Kind::Person),
                ("Tova Renn".into(), Kind::Person),
                ("Ana Lisk".into(), Kind::Person),
                ("Dal Quist".into(), Kind::Person),
                ("Velm".into(), Kind::Person),
                // After a place, `MD` is Maryland; a name runs on past it.
                ("Orsay".into(), Kind::Location),
                ("MD".into(), Kind::Location),
                ("Dal Orsk".into(), Kind::Person),
                ("MD Anderson Center".into(), Kind::Organization),
            ]
        );
    }

    #[test]
    fn a_middle_initial_joins_the_pieces_of_a_name() {
        let w =
            words("They named Lena M. Marsh , and Tova . R. Dal left , and Dal bin Orsk Al Velm .");
        let people =
            ["Lena", "Marsh", "Tova", "Dal", "bin Orsk", "Al Velm"].map(|p| (p, Kind::Person));
        let mut spans = tagged_in_turn(&w, &people);
        run(&["people_go_on"], &w, &mut spans);
        assert_eq!(
            show(&w, &spans),
            [
                ("Lena M. Marsh".into(), Kind::Person),
                // A sentence's end is no initial.
                ("Tova".into(), Kind::Person),
                ("Dal".into(), Kind::Person),
                // A piece that opens on a particle.
                ("bin Orsk Al Velm".into(), Kind::Person),
            ]
        );
    }

    #[test]
    fn two_pieces_of_a_name_side_by_side_in_running_text_are_one() {
        let w = words("The deal was reached by House Speaker Ana Quist today .");
        let people = ["Ana", "Quist"].map(|p| (p, Kind::Person));
        let mut spans = tagged_in_turn(&w, &people);
        run(&["people_go_on"], &w, &mut spans);
        assert_eq!(show(&w, &spans), [("Ana Quist".into(), Kind::Person)]);
        // A title-case headline says nothing of where names end.
        let w = words("Speaker Ana Quist Tova Renn Talks End");
        let people = ["Ana Quist", "Tova Renn"].map(|p| (p, Kind::Person));
        let mut spans = tagged_in_turn(&w, &people);
        run(&["people_go_on"], &w, &mut spans);
        assert_eq!(spans.len(), 2);
        // Around one capitalised word the tagger left, no weekday and
        // nothing the gazetteer knows.
        let w = words(
            "The leader 's sister , Kim Yo Jong , warned them ; Ana Monday Quist and Tova London Renn came .",
        );
        let people = ["Kim", "Jong", "Ana", "Quist", "Tova", "Renn"].map(|p| (p, Kind::Person));
        let mut spans = tagged_in_turn(&w, &people);
        run(&["people_go_on"], &w, &mut spans);
        assert_eq!(
            show(&w, &spans),
            [
                ("Kim Yo Jong".into(), Kind::Person),
                ("Ana".into(), Kind::Person),
                ("Quist".into(), Kind::Person),
                ("Tova".into(), Kind::Person),
                ("Renn".into(), Kind::Person),
            ]
        );
    }

    #[test]
    fn a_persons_name_goes_on_over_one_word_the_tagger_left() {
        let w = words(
            "W. Lena Marsh , who led the agency , died . Tova Renn Velm of Orsay left . \
             Dal Orsk Thursday said so , and Ana Quist Sheriff spoke . Ana Velm Tarn Orsk \
             came , Tova Reuters said .",
        );
        let people: Vec<(&str, Kind)> = [
            "W. Lena",
            "Tova Renn",
            "Dal Orsk",
            "Ana Quist",
            "Ana Velm",
            "Tova",
        ]
        .map(|p| (p, Kind::Person))
        .to_vec();
        let mut spans = tagged_in_turn(&w, &people);
        run(&["people_go_on"], &w, &mut spans);
        assert_eq!(
            show(&w, &spans),
            [
                ("W. Lena Marsh".into(), Kind::Person),
                ("Tova Renn Velm".into(), Kind::Person),
                // A weekday, a title, two capitalised words, a known name.
                ("Dal Orsk".into(), Kind::Person),
                ("Ana Quist".into(), Kind::Person),
                ("Ana Velm".into(), Kind::Person),
                ("Tova".into(), Kind::Person),
            ]
        );
    }

    #[test]
    fn an_organization_named_after_a_place_is_not_split() {
        let w = words("Philadelphia won . The Eagles lost . The Philadelphia Eagles drew .");
        let mut spans = tagged(&[
            find(&w, "Philadelphia", Kind::Location),
            find(&w, "Eagles", Kind::Organization),
            Span::new(8, 10, Kind::Organization, Origin::Tagger(0.5)),
        ]);
        assert_eq!(w[8..10].join(" "), "Philadelphia Eagles");
        run(&["split_known_pairs"], &w, &mut spans);
        assert_eq!(spans.len(), 3);
    }

    #[test]
    fn a_span_of_two_known_names_is_split() {
        let w = words("Ortiz said the MDC won . The Ortiz MDC then left .");
        let mut spans = tagged(&[
            find(&w, "Ortiz", Kind::Person),
            find(&w, "MDC", Kind::Organization),
            Span::new(7, 9, Kind::Organization, Origin::Tagger(0.5)),
        ]);
        assert_eq!(w[7..9].join(" "), "Ortiz MDC");
        run(&["split_known_pairs"], &w, &mut spans);
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

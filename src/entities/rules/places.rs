//! Places named by where they stand or what they are: a wire report's
//! dateline (`WASHINGTON (Reuters) -`), facilities (`al-Qardabiya air base`),
//! numbered roads (`223rd Street`), names headed by a place word (`the
//! Dnipro River`, `Lake Chad`), names before a place noun (`the Abu Grein
//! area`) or apposed to one (`Abu Grein, a town...`), and a country
//! closing a brand's name (`T-Mobile USA`).

use super::words::lists;
use super::{
    Link, Overlap, Span, Spans, Text, in_capitals, is_capitalized, is_short_number, is_title_case,
    name_run_start,
};
use crate::entities::gazetteer::{Category, Gazetteer};
use crate::entities::kind::Kind;

/// `WASHINGTON (Reuters) -`, `BEIJING, March 3 (Reuters) -`,
/// `CHRISTCHURCH, New Zealand (AP) —`: the words in capitals opening a
/// wire report's first sentence, before the agency in brackets and a
/// dash, are the place it was filed from, whatever the tagger read
/// (`HOUSTON` a team, `WASHINGTON` nothing). Without an agency, only a
/// place the gazetteer knows (`WASHINGTON —`; not `BREAKING NEWS —`).
pub(super) fn datelines(t: &Text, spans: &mut Spans, _: &mut Vec<Link>) {
    let words = t.words;
    let mut found = Vec::new();
    for i in (0..words.len()).filter(|&i| t.sentence_start[i]) {
        let mut end = i;
        while end < words.len() && end - i < 4 && in_capitals(words[end]) {
            end += 1;
        }
        if end == i {
            continue;
        }
        let mut k = end;
        // `, New Zealand`, `, Calif.`, `, March 3`.
        if words.get(k) == Some(&",") {
            k += 1;
            let from = k;
            while k < words.len()
                && k - from < 4
                && (is_capitalized(words[k]) || words[k].bytes().all(|b| b.is_ascii_digit()))
            {
                k += 1;
            }
        }
        // `(Reuters)`, `(AP)`.
        let mut agency = false;
        if words.get(k) == Some(&"(")
            && let Some(close) = (k + 2..words.len().min(k + 5)).find(|&c| words[c] == ")")
            && words[k + 1..close].iter().all(|w| is_capitalized(w))
        {
            agency = true;
            k = close + 1;
        }
        let dash = words
            .get(k)
            .is_some_and(|w| matches!(*w, "-" | "—" | "–" | "--"));
        if dash
            && !t.crosses_sentence(i, k + 1)
            && (agency || t.gaz.lookup(&words[i..end]).is_some())
        {
            found.push(i..end);
        }
    }
    for r in found {
        spans.insert(
            spans.settled(r.start, r.end, Kind::Location),
            Overlap::Covered,
        );
    }
}

/// `al-Qardabiya air base`, `Mitiga airport`: the name and its facility noun
/// are one location.
pub(super) fn facilities(t: &Text, spans: &mut Spans, _: &mut Vec<Link>) {
    let words = t.words;
    let mut i = 1;
    while i < words.len() {
        let Some(fac) = lists().facilities.longest_at(&words[i..]) else {
            i += 1;
            continue;
        };
        let fac_end = i + fac;
        // `port` is a computer's too (`USB port`, `Thunderbolt port`): only
        // a name read as a place makes a harbour of it.
        let ending = spans.ending_at(i);
        if words[i..fac_end] == ["port"] && ending.is_none_or(|p| spans[p].kind != Kind::Location) {
            i = fac_end;
            continue;
        }
        // The name right before: a span ending here, or name-like words.
        let start = match ending {
            Some(p) => spans[p].start,
            None => {
                let k = name_run_start(words, i);
                // A single capitalised word opening a sentence is not
                // enough evidence on its own.
                if k == i || (k == 0 && i - k == 1 && !words[0].contains('-')) {
                    i = fac_end;
                    continue;
                }
                k
            }
        };
        // `port` and `crossing` alone are common nouns after many names
        // (`the Libyan port`): demand a place-like name, not a demonym.
        let name = &words[start..i];
        if name.len() == 1 && looks_like_demonym(t.gaz, name[0]) {
            i = fac_end;
            continue;
        }
        spans.insert(spans.settled(start, fac_end, Kind::Location), Overlap::All);
        i = fac_end;
    }
}

/// Names whose head says they are places (`Dnipro River`, `Bole
/// International Airport`, `Lake Chad`) are locations, whatever kind the
/// tagger gave them. Multi-word names only: a lone `Sea` or `Cape` says
/// nothing.
pub(super) fn place_heads(t: &Text, spans: &mut Spans, _: &mut Vec<Link>) {
    // A country's divisions, whose words an armed group's branches take
    // too (`Islamic State West Africa Province`): a body the tagger was
    // sure of (a margin of about 120) stays one.
    const DIVISIONS: &[&str] = &[
        "Province",
        "Governorate",
        "Prefecture",
        "Oblast",
        "Krai",
        "Pradesh",
    ];
    let words = t.words;
    for i in 0..spans.len() {
        let s = spans[i];
        if s.len() < 2 || s.kind == Kind::Location {
            continue;
        }
        if s.kind == Kind::Organization
            && s.origin.confidence() >= 0.7
            && DIVISIONS.contains(&words[s.end - 1])
        {
            continue;
        }
        let first = words[s.start];
        if lists().place_last_words.ends(&words[s.range()])
            || lists().place_first_words.contains(first)
            || (lists().place_of_words.contains(first) && words[s.start + 1] == "of")
        {
            spans.set_kind(i, Kind::Location);
        }
    }
}

/// Numbered roads are places: `223rd Street`, `97th Avenue`, `Interstate
/// 75`, `Route 66`, whatever the tagger made of their words (`Street`
/// alone, a person).
pub(super) fn numbered_roads(t: &Text, spans: &mut Spans, _: &mut Vec<Link>) {
    let words = t.words;
    let ordinal = |w: &str| {
        let digits = w.bytes().take_while(u8::is_ascii_digit).count();
        digits > 0
            && matches!(
                w[digits..].to_ascii_lowercase().as_str(),
                "st" | "nd" | "rd" | "th"
            )
    };
    let mut found = Vec::new();
    for i in 0..words.len().saturating_sub(1) {
        let road = if ordinal(words[i]) {
            lists()
                .place_last_words
                .longest_at(&words[i + 1..])
                .map(|n| i + 1 + n)
        } else if matches!(words[i], "Interstate" | "Highway" | "Route")
            && is_short_number(words[i + 1])
        {
            Some(i + 2)
        } else {
            None
        };
        if let Some(end) = road.filter(|&end| !t.crosses_sentence(i, end)) {
            found.push((i, end));
        }
    }
    for (start, end) in found {
        spans.insert(spans.settled(start, end, Kind::Location), Overlap::All);
    }
}

fn looks_like_demonym(gaz: &Gazetteer, w: &str) -> bool {
    gaz.lookup(&[w])
        .is_some_and(|h| h.primary == Category::Demonym)
}

/// `the Abu Grain area`, `in the Jufra district`: a name followed by a
/// place noun is a place. A body's name too before the noun of a
/// country's division (`Fujian province`, `Taitung county`), where it is
/// written in title case (not `the NATO region`) and no rule settled it.
pub(super) fn place_nouns(t: &Text, spans: &mut Spans, _: &mut Vec<Link>) {
    let words = t.words;
    for i in 1..words.len() {
        if !lists().place_nouns.contains(words[i]) {
            continue;
        }
        if let Some(p) = spans.ending_at(i) {
            let s = spans[p];
            let division = s.kind == Kind::Organization
                && !s.origin.is_settled()
                && matches!(
                    words[i],
                    "province" | "governorate" | "county" | "district" | "municipality"
                )
                && words[s.range()].iter().all(|w| is_title_case(w));
            if (matches!(s.kind, Kind::Person | Kind::Misc) || division)
                && !looks_like_demonym(t.gaz, words[s.start])
            {
                spans.set_kind(p, Kind::Location);
            }
            continue;
        }
        // An untagged name between `the` and the noun.
        let k = name_run_start(words, i);
        if k < i && k > 0 && words[k - 1].eq_ignore_ascii_case("the") {
            if (k..i).any(|w| looks_like_demonym(t.gaz, words[w])) {
                continue;
            }
            spans.insert(spans.settled(k, i, Kind::Location), Overlap::Gap);
        }
    }
}

/// `Abu Grein, a town about 120km southeast of the city`, `Sirte, Haftar's
/// hometown`: a name the tagger thought a person or a body, followed by a
/// comma and a place noun, is a place. Names the rules already settled
/// keep their kind.
pub(super) fn places_by_apposition(t: &Text, spans: &mut Spans, _: &mut Vec<Link>) {
    let words = t.words;
    for i in 0..spans.len() {
        let s = spans[i];
        if s.kind == Kind::Location || s.origin.is_settled() || words.get(s.end) != Some(&",") {
            continue;
        }
        // `a`, `the`, or a possessive (`Haftar 's`), then at most two
        // lowercase modifiers, then the noun.
        let mut k = s.end + 1;
        match words.get(k).copied() {
            Some("a" | "an" | "the") => k += 1,
            Some(w) if is_capitalized(w) && matches!(words.get(k + 1), Some(&("'s" | "’s"))) => {
                k += 2
            }
            _ => continue,
        }
        let mut modifiers = 0;
        while modifiers < 2
            && words.get(k).is_some_and(|w| {
                !lists().apposed_places.contains(w) && w.chars().all(char::is_lowercase)
            })
        {
            k += 1;
            modifiers += 1;
        }
        let names_place = words
            .get(k)
            .is_some_and(|w| lists().apposed_places.contains(w))
            && words
                .get(k + 1)
                .is_none_or(|w| lists().after_apposed_place.contains(w));
        if names_place {
            spans.set_kind(i, Kind::Location);
        }
    }
}

/// `a temple in Ayodhya, Uttar Pradesh.`, `the jury in Fulton County,
/// Georgia, heard`: after `in`, `near` or `outside`, a place, a comma, and
/// a name of three words at most that a comma or the sentence's end
/// closes, the name is the region or the country the place is in,
/// whatever the tagger read. Not after `at`, which names a team as well
/// as a place (`his coach at Torino, Emiliano Mondonico`), nor after a
/// role (`the prime minister in Gaza, Ismail Haniyeh,`). What a rule
/// settled keeps its kind.
pub(super) fn places_in_places(t: &Text, spans: &mut Spans, _: &mut Vec<Link>) {
    let words = t.words;
    let mut regions = Vec::new();
    for (i, pair) in spans.windows(2).enumerate() {
        let (place, region) = (pair[0], pair[1]);
        let closed = match words.get(region.end) {
            None => true,
            Some(&w) => matches!(w, "," | "." | ";") || t.sentence_start[region.end],
        };
        // `the prime minister in Gaza, Ismail Haniyeh,`: after a role,
        // the name is whom the role names.
        let role = words[place.start.saturating_sub(4)..place.start.saturating_sub(1)]
            .iter()
            .any(|w| lists().roles.contains(w));
        if place.kind == Kind::Location
            && !role
            && region.kind != Kind::Location
            && region.kind != Kind::Date
            && !region.origin.is_settled()
            && region.len() <= 3
            && place.start > 0
            && matches!(words[place.start - 1], "in" | "near" | "outside")
            && words.get(place.end) == Some(&",")
            && region.start == place.end + 1
            && closed
            && !t.crosses_sentence(place.start, region.end)
        {
            regions.push(i + 1);
        }
    }
    for i in regions {
        spans.set_kind(i, Kind::Location);
    }
}

/// `T-Mobile USA`, `Velm Systems Germany`: a country right after the name
/// of a body or a brand, nothing between them, is the market the body is
/// named for and part of its name (an organization's name is not its
/// place part). A body the gazetteer knows, or an acronym, is named
/// alone (`UN Syria envoy`): there the country is said of it.
pub(super) fn countries_closing_names(t: &Text, spans: &mut Spans, _: &mut Vec<Link>) {
    let words = t.words;
    let acronym = |w: &str| !w.chars().any(char::is_lowercase);
    let mut joins = Vec::new();
    for i in 1..spans.len() {
        let (a, b) = (spans[i - 1], spans[i]);
        if a.end != b.start
            || b.len() != 1
            || t.crosses_sentence(a.start, b.end)
            || !matches!(a.kind, Kind::Organization | Kind::Misc)
            || b.kind != Kind::Location
            || a.origin.is_settled()
            || b.origin.is_settled()
            || words[a.range()].iter().all(|w| acronym(w))
            || t.gaz.lookup(&words[a.range()]).is_some()
        {
            continue;
        }
        let country = t.gaz.lookup(&words[b.range()]);
        if country.is_some_and(|h| h.primary == Category::Country) {
            joins.push(i - 1);
        }
    }
    for &i in joins.iter().rev() {
        let (a, b) = (spans[i], spans[i + 1]);
        let whole = Span::new(a.start, b.end, Kind::Organization, a.origin);
        spans.insert(whole, Overlap::Covered);
    }
}

#[cfg(test)]
mod tests {
    use super::super::test_util::*;
    use super::super::{Origin, Span, Spans};
    use crate::entities::kind::Kind;

    #[test]
    fn a_wire_reports_capitals_before_its_agency_are_the_place_it_came_from() {
        let text = "TARNSBY (Reuters) - Oil rose .\n\nVELM CITY , March 3 (AP) — Orsa said so \
                    .\n\nBREAKING NEWS — Orsa fell .\n\nLONDON — Tova left .\n\nThen \
                    OSK (Reuters) - was read .";
        let w = words(text);
        let mut spans = tagged(&[find(&w, "TARNSBY", Kind::Organization)]);
        run_sentences(&["datelines"], &w, text, &mut spans);
        assert_eq!(
            show(&w, &spans),
            [
                ("TARNSBY".into(), Kind::Location),
                ("VELM CITY".into(), Kind::Location),
                // Without an agency, a place the gazetteer knows.
                ("LONDON".into(), Kind::Location),
            ]
        );
        assert!(spans.iter().all(|s| s.origin == Origin::Rule("datelines")));
    }

    #[test]
    fn a_country_opening_the_next_paragraph_closes_no_name() {
        let text = "Shares of Velm Systems rose\n\nFrance said so .";
        let w = words(text);
        let mut spans = tagged(&[
            find(&w, "Velm Systems", Kind::Organization),
            find(&w, "France", Kind::Location),
        ]);
        run_sentences(&["countries_closing_names"], &w, text, &mut spans);
        assert_eq!(
            show(&w, &spans),
            [
                ("Velm Systems".into(), Kind::Organization),
                ("France".into(), Kind::Location),
            ]
        );
    }

    #[test]
    fn a_country_closing_a_brand_is_part_of_its_name() {
        let w = words(
            "Velm-Mobile Germany and Orsa Systems France grew , the Tarn Group Italy fell , \
             the UN Syria envoy left and NATO Canada spoke .",
        );
        let mut spans = tagged(&[
            find(&w, "Velm-Mobile", Kind::Misc),
            find(&w, "Germany", Kind::Location),
            find(&w, "Orsa Systems", Kind::Organization),
            find(&w, "France", Kind::Location),
            find(&w, "Tarn Group", Kind::Person),
            find(&w, "Italy", Kind::Location),
            find(&w, "UN", Kind::Organization),
            find(&w, "Syria", Kind::Location),
            find(&w, "NATO", Kind::Organization),
            find(&w, "Canada", Kind::Location),
        ]);
        run(&["countries_closing_names"], &w, &mut spans);
        assert_eq!(
            show(&w, &spans),
            [
                ("Velm-Mobile Germany".into(), Kind::Organization),
                ("Orsa Systems France".into(), Kind::Organization),
                // A person is no body named for a market.
                ("Tarn Group".into(), Kind::Person),
                ("Italy".into(), Kind::Location),
                // A known body, an acronym: the country is said of it.
                ("UN".into(), Kind::Organization),
                ("Syria".into(), Kind::Location),
                ("NATO".into(), Kind::Organization),
                ("Canada".into(), Kind::Location),
            ]
        );
    }

    #[test]
    fn facilities_are_locations() {
        let w = words(
            "Rebels seized the al-Wattiya air base and Mitiga airport , then the Libyan port .",
        );
        let mut spans = tagged(&[find(&w, "Libyan", Kind::Misc)]);
        run(&["facilities"], &w, &mut spans);
        assert_eq!(
            show(&w, &spans),
            [
                ("al-Wattiya air base".into(), Kind::Location),
                ("Mitiga airport".into(), Kind::Location),
                ("Libyan".into(), Kind::Misc),
            ]
        );
    }

    #[test]
    fn a_numbered_road_stays_in_its_paragraph() {
        let text = "The list ended at 223rd\n\nStreet parties and Route\n\n66 fans left .";
        let w = words(text);
        let mut spans = tagged(&[]);
        run_sentences(&["numbered_roads"], &w, text, &mut spans);
        assert_eq!(show(&w, &spans), []);
    }

    #[test]
    fn numbered_roads_are_places() {
        let w = words(
            "Shots near 223rd Street and 97th Avenue ; a chase on Interstate 75 and Route 66 . \
             He came 3rd in Race 5 .",
        );
        let mut spans = tagged(&[
            find(&w, "Street", Kind::Person),
            find(&w, "Interstate", Kind::Organization),
            find(&w, "Race", Kind::Misc),
        ]);
        run(&["numbered_roads"], &w, &mut spans);
        assert_eq!(
            show(&w, &spans),
            [
                ("223rd Street".into(), Kind::Location),
                ("97th Avenue".into(), Kind::Location),
                ("Interstate 75".into(), Kind::Location),
                ("Route 66".into(), Kind::Location),
                ("Race".into(), Kind::Misc),
            ]
        );
    }

    #[test]
    fn only_a_place_makes_a_port_a_harbour() {
        let w = words(
            "Ships left the Tanjung Velo port . Plug it into a USB port or the Thunderbolt port .",
        );
        let mut spans = tagged(&[
            find(&w, "Tanjung Velo", Kind::Location),
            find(&w, "USB", Kind::Organization),
        ]);
        run(&["facilities"], &w, &mut spans);
        assert_eq!(
            show(&w, &spans),
            [
                ("Tanjung Velo port".into(), Kind::Location),
                ("USB".into(), Kind::Organization),
            ]
        );
    }

    #[test]
    fn names_headed_by_a_place_word_are_places() {
        let w = words(
            "Flights from Torvik International Airport crossed the Orsa River , Lake Velm , \
             the Gulf of Ardan and the Kessan Dam in the Gulf War , said the River Group and Sea . \
             Shots on Pitkin Ave. and Delmar Street hit a Square bar . Votes in Velm Pradesh \
             and Orsk Oblast were counted at Tarn Stadium .",
        );
        let mut spans = tagged(&[
            find(&w, "Torvik International Airport", Kind::Organization),
            find(&w, "Orsa River", Kind::Organization),
            find(&w, "Lake Velm", Kind::Person),
            find(&w, "Gulf of Ardan", Kind::Organization),
            find(&w, "Kessan Dam", Kind::Misc),
            find(&w, "Gulf War", Kind::Misc),
            find(&w, "River Group", Kind::Organization),
            find(&w, "Sea", Kind::Organization),
            find(&w, "Pitkin Ave.", Kind::Person),
            find(&w, "Delmar Street", Kind::Organization),
            find(&w, "Square", Kind::Organization),
            find(&w, "Velm Pradesh", Kind::Person),
            find(&w, "Orsk Oblast", Kind::Organization),
            find(&w, "Tarn Stadium", Kind::Organization),
        ]);
        // The tagger sure of a body ending on a division's word.
        let w2 = words("Fighters of the Velm State Orsa Province attacked .");
        let mut spans2 = tagged(&[Span::new(3, 7, Kind::Organization, Origin::Tagger(0.8))]);
        run(&["place_heads"], &w2, &mut spans2);
        assert_eq!(
            show(&w2, &spans2),
            [("Velm State Orsa Province".into(), Kind::Organization)]
        );
        run(&["place_heads"], &w, &mut spans);
        assert_eq!(
            show(&w, &spans),
            [
                ("Torvik International Airport".into(), Kind::Location),
                ("Orsa River".into(), Kind::Location),
                ("Lake Velm".into(), Kind::Location),
                ("Gulf of Ardan".into(), Kind::Location),
                ("Kessan Dam".into(), Kind::Location),
                ("Gulf War".into(), Kind::Misc),
                ("River Group".into(), Kind::Organization),
                ("Sea".into(), Kind::Organization),
                ("Pitkin Ave.".into(), Kind::Location),
                ("Delmar Street".into(), Kind::Location),
                ("Square".into(), Kind::Organization),
                ("Velm Pradesh".into(), Kind::Location),
                ("Orsk Oblast".into(), Kind::Location),
                ("Tarn Stadium".into(), Kind::Location),
            ]
        );
    }

    #[test]
    fn names_before_place_nouns_are_places() {
        let w = words(
            "Clashes in the Wadi Rabie area and the Jufra district spread to the Orsa river , \
             Velm province and the VLM district , near the Tarn area .",
        );
        let mut spans = tagged(&[
            find(&w, "Wadi Rabie", Kind::Person),
            find(&w, "Orsa", Kind::Person),
            find(&w, "Velm", Kind::Organization),
            find(&w, "VLM", Kind::Organization),
            find(&w, "Tarn", Kind::Organization),
        ]);
        run(&["place_nouns"], &w, &mut spans);
        assert_eq!(
            show(&w, &spans),
            [
                ("Wadi Rabie".into(), Kind::Location),
                ("Jufra".into(), Kind::Location),
                ("Orsa".into(), Kind::Location),
                ("Velm".into(), Kind::Location),
                ("VLM".into(), Kind::Organization),
                ("Tarn".into(), Kind::Organization),
            ]
        );
    }

    #[test]
    fn a_name_then_a_comma_and_a_place_noun_is_a_place() {
        let w = words(
            "They took Abu Grein , a town about 120km away , and Wadi Sofeggin , a small \
             desert village . Omar Sayed , a town councillor , and Lena Ortiz , the city's \
             mayor , spoke of Kessa , Haftar's hometown .",
        );
        let mut spans = tagged(&[
            find(&w, "Abu Grein", Kind::Person),
            find(&w, "Wadi Sofeggin", Kind::Organization),
            find(&w, "Omar Sayed", Kind::Person),
            find(&w, "Lena Ortiz", Kind::Person),
            find(&w, "Kessa", Kind::Person),
        ]);
        run(&["places_by_apposition"], &w, &mut spans);
        assert_eq!(
            show(&w, &spans),
            [
                ("Abu Grein".into(), Kind::Location),
                ("Wadi Sofeggin".into(), Kind::Location),
                ("Omar Sayed".into(), Kind::Person),
                ("Lena Ortiz".into(), Kind::Person),
                ("Kessa".into(), Kind::Location),
            ]
        );
    }

    #[test]
    fn a_name_after_a_place_and_a_comma_is_where_the_place_is() {
        let w = words(
            "A temple in Velmar , Tarn Orsay . The jury in Dal County , Quist , heard . \
             His coach at Velmar , Ana Renn . The minister in Velmar , Tova Marsh , spoke . \
             It happened in Velmar , Lena Orsk said .",
        );
        let mut spans = tagged_in_turn(
            &w,
            &[
                ("Velmar", Kind::Location),
                ("Tarn Orsay", Kind::Person),
                ("Dal County", Kind::Location),
                ("Quist", Kind::Organization),
                ("Velmar", Kind::Location),
                ("Ana Renn", Kind::Person),
                ("Velmar", Kind::Location),
                ("Tova Marsh", Kind::Person),
                ("Velmar", Kind::Location),
                ("Lena Orsk", Kind::Person),
            ],
        );
        run(&["places_in_places"], &w, &mut spans);
        let kinds: Vec<Kind> = spans.iter().map(|s| s.kind).collect();
        use Kind::{Location as L, Person as P};
        // After `at`, after a role, and before what is no comma or end:
        // the tagger's reading stands.
        assert_eq!(kinds, [L, L, L, L, L, P, L, P, L, P]);
    }

    #[test]
    fn facility_names_keep_particles_but_not_determiners() {
        let w = words("Flights left Charles de Gaulle airport . The airport closed .");
        let mut spans = Spans::new();
        run(&["facilities"], &w, &mut spans);
        assert_eq!(
            show(&w, &spans),
            [("Charles de Gaulle airport".into(), Kind::Location)]
        );
    }
}

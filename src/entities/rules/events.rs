//! Events named after a place, a body or a people: `Hong Kong Open`,
//! `Monaco Grand Prix`. The name is the event's, misc,
//! not the place's that opens it.

use super::words::lists;
use super::{Link, Overlap, Span, Spans, Text, is_title_case};
use crate::entities::kind::Kind;

/// A name of two words or more that ends on an event's word (`Greater
/// Milwaukee Open` read as a body) is the event, misc; and a place, a
/// body or a people's name followed by one (`Hong Kong` `Open`) goes on
/// over it, the whole the event. A person's name keeps its kind (a
/// `Davis` before `Cup` is the tagger's to read), and so does what
/// another rule settled.
pub(super) fn events(t: &Text, spans: &mut Spans, _: &mut Vec<Link>) {
    let words = t.words;
    let event = &lists().event_words;
    let mut longer = Vec::new();
    for i in 0..spans.len() {
        let s = spans[i];
        if matches!(s.kind, Kind::Person | Kind::Date) || s.origin.is_settled() {
            continue;
        }
        if s.len() >= 2 && event.ends(&words[s.range()]) {
            spans.set_kind(i, Kind::Misc);
            continue;
        }
        let free_until = spans.get(i + 1).map_or(words.len(), |n| n.start);
        // The event's words after the name, or the rest of them where the
        // tagger stopped inside them (`[Abu Dhabi Grand] Prix`).
        let end = event
            .longest_at(&words[s.end..free_until])
            .map(|n| s.end + n)
            .or_else(|| {
                (1..s.len()).find_map(|k| {
                    let from = s.end - k;
                    event
                        .longest_at(&words[from..free_until])
                        .filter(|&n| n > k)
                        .map(|n| from + n)
                })
            });
        let Some(end) = end else {
            continue;
        };
        if !t.crosses_sentence(s.start, end) {
            longer.push(Span::new(s.start, end, Kind::Misc, s.origin));
        }
    }
    for s in longer {
        spans.insert(s, Overlap::All);
    }
}

/// Words that name a storm with the name after them.
const STORMS: &[&str] = &["Hurricane", "Typhoon", "Cyclone", "Storm", "Superstorm"];

/// `Hurricane Milton made landfall`, `Typhoon Haikui`, `Tropical Storm
/// Alberto`: a storm's word then a name (one word, title case, whatever
/// the tagger read it as) is the storm, one misc name with its word, not
/// a person `Milton` an archive would join to every other Milton.
pub(super) fn storms(t: &Text, spans: &mut Spans, _: &mut Vec<Link>) {
    let words = t.words;
    let mut found = Vec::new();
    for i in 0..words.len().saturating_sub(1) {
        let name = i + 1;
        if !words[i].starts_with(|c: char| c.is_ascii_uppercase())
            || !STORMS.contains(&words[i])
            || !is_title_case(words[name])
            || t.sentence_start[name]
            || words.get(name + 1).is_some_and(|w| is_title_case(w))
        {
            continue;
        }
        // `Tropical Storm`: the word before goes in too.
        let start = if i > 0 && words[i - 1] == "Tropical" && !t.sentence_start[i] {
            i - 1
        } else {
            i
        };
        // Not a longer name's part (`Storm Shadow missiles` aside, a span
        // reaching past the name is another name's).
        let over = spans.overlapping(start, name + 1);
        let inside = spans[over]
            .iter()
            .all(|s| start <= s.start && s.end <= name + 1 && !s.origin.is_settled());
        if inside {
            found.push(spans.settled(start, name + 1, Kind::Misc));
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
    fn a_storms_word_and_its_name_are_the_storm() {
        let w = words(
            "Hurricane Velma struck , then Tropical Storm Orsin and Typhoon Tarn Dale came ; \
             Storm Quist hit Orsa .",
        );
        let mut spans = tagged_in_turn(
            &w,
            &[
                ("Velma", Kind::Person),
                ("Tarn Dale", Kind::Person),
                ("Storm Quist", Kind::Organization),
            ],
        );
        run(&["storms"], &w, &mut spans);
        assert_eq!(
            show(&w, &spans),
            [
                ("Hurricane Velma".into(), Kind::Misc),
                ("Tropical Storm Orsin".into(), Kind::Misc),
                // Two capitalised words after it: another name.
                ("Tarn Dale".into(), Kind::Person),
                ("Storm Quist".into(), Kind::Misc),
            ]
        );
    }

    #[test]
    fn a_name_ending_on_an_events_word_is_the_event() {
        let w = words(
            "Velm won the Tarnsby Open , then the Orsa Grand Prix and the Tarnish Cup . \
             The Greater Velm Open began . Dale Cup spoke . Tarnsby opened . The Vell Orsk \
             Grand Prix ended .",
        );
        let mut spans = tagged_in_turn(
            &w,
            &[
                ("Velm", Kind::Person),
                ("Tarnsby", Kind::Location),
                ("Orsa", Kind::Organization),
                ("Tarnish", Kind::Misc),
                ("Greater Velm Open", Kind::Organization),
                ("Dale", Kind::Person),
                ("Tarnsby", Kind::Location),
                ("Vell Orsk Grand", Kind::Location),
            ],
        );
        run(&["events"], &w, &mut spans);
        assert_eq!(
            show(&w, &spans),
            [
                ("Velm".into(), Kind::Person),
                ("Tarnsby Open".into(), Kind::Misc),
                ("Orsa Grand Prix".into(), Kind::Misc),
                ("Tarnish Cup".into(), Kind::Misc),
                ("Greater Velm Open".into(), Kind::Misc),
                // A person's name keeps its kind and its end.
                ("Dale".into(), Kind::Person),
                // `opened` is no event's word.
                ("Tarnsby".into(), Kind::Location),
                // The tagger stopped inside the event's words.
                ("Vell Orsk Grand Prix".into(), Kind::Misc),
            ]
        );
    }

    #[test]
    fn an_events_word_in_the_next_paragraph_is_no_part_of_the_name() {
        let text = "Shares rose in Tarnsby\n\nOpen days begin .";
        let w = words(text);
        let mut spans = tagged(&[find(&w, "Tarnsby", Kind::Location)]);
        run_sentences(&["events"], &w, text, &mut spans);
        assert_eq!(show(&w, &spans), [("Tarnsby".into(), Kind::Location)]);
    }
}

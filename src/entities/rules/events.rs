//! Events named after a place, a body or a people: `Hong Kong Open`,
//! `Monaco Grand Prix`. The name is the event's, misc,
//! not the place's that opens it.

use super::words::lists;
use super::{Link, Overlap, Span, Spans, Text};
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

#[cfg(test)]
mod tests {
    use super::super::test_util::*;
    use crate::entities::kind::Kind;

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

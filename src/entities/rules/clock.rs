//! Times of day: after a clock time (`10:24 AM EDT`, `1350 GMT`), `AM`
//! and `PM` are no names, and a time zone is misc, never a person (`ET`)
//! or a body (`BST`).

use super::words::lists;
use super::{Link, Origin, Span, Spans, Text};
use crate::entities::kind::Kind;

/// A span that opens right after a clock time with `AM`, `PM` or a time
/// zone: the marks of the time of day go, the zone is misc, and what
/// follows it (`EDT` `May 2`) is a name of its own, of the kind the
/// whole was read as, that nothing vouches for.
pub(super) fn clock_times(t: &Text, spans: &mut Spans, _: &mut Vec<Link>) {
    let words = t.words;
    let zones = &lists().time_zones;
    let after_time = |s: &Span| {
        s.start
            .checked_sub(1)
            .is_some_and(|p| is_clock_time(words[p]))
    };
    let opens = |s: &Span| is_time_of_day(words[s.start]) || zones.contains(words[s.start]);
    if !spans.iter().any(|s| after_time(s) && opens(s)) {
        return;
    }
    spans.reshape(|s, pass, out| {
        if !after_time(s) || !opens(s) || s.origin.is_settled() {
            out.push(*s);
            return;
        }
        let mut k = s.start;
        while k < s.end && is_time_of_day(words[k]) {
            k += 1;
        }
        if k < s.end && zones.contains(words[k]) {
            out.push(Span::new(k, k + 1, Kind::Misc, Origin::Rule(pass)));
            k += 1;
        }
        if k < s.end {
            out.push(s.cut_part(k, s.end, pass));
        }
    });
}

/// The marks of a time of day: `AM`, `PM`, `A.M.`, `P.M.`.
fn is_time_of_day(w: &str) -> bool {
    matches!(w, "AM" | "PM" | "A.M." | "P.M.")
}

/// A clock time as a token: `10:24`, `1350`, `3pm`, `a.m.`.
fn is_clock_time(w: &str) -> bool {
    let digits = w.bytes().filter(u8::is_ascii_digit).count();
    (w.contains(':') && digits >= 3 && w.bytes().all(|b| b.is_ascii_digit() || b == b':'))
        || (w.len() == 4 && digits == 4)
        || matches!(w, "a.m." | "p.m." | "am" | "pm")
        || ((w.ends_with("am") || w.ends_with("pm")) && digits >= 1 && digits + 2 == w.len())
}

#[cfg(test)]
mod tests {
    use super::super::test_util::*;
    use super::{Origin, Span};
    use crate::entities::kind::Kind;

    #[test]
    fn a_zone_after_a_clock_time_is_misc_and_the_time_of_day_no_name() {
        let w = words(
            "Posted 10:24 AM EDT by Tova . Shares fell at 1350 GMT . Updated 3:21 PM ET \
             Velm Daily . The ET Group met . Orsa won at 10:00 AM .",
        );
        let am = w.iter().rposition(|&x| x == "AM").unwrap();
        let mut spans = tagged(&[
            find(&w, "AM EDT", Kind::Organization),
            find(&w, "Tova", Kind::Person),
            find(&w, "GMT", Kind::Organization),
            find(&w, "PM ET Velm Daily", Kind::Person),
            find(&w, "ET Group", Kind::Organization),
            find(&w, "Orsa", Kind::Organization),
            Span::new(am, am + 1, Kind::Organization, Origin::Tagger(0.5)),
        ]);
        run(&["clock_times"], &w, &mut spans);
        assert_eq!(
            show(&w, &spans),
            [
                ("EDT".into(), Kind::Misc),
                ("Tova".into(), Kind::Person),
                ("GMT".into(), Kind::Misc),
                ("ET".into(), Kind::Misc),
                ("Velm Daily".into(), Kind::Person),
                // Not after a clock time: a name of its own.
                ("ET Group".into(), Kind::Organization),
                ("Orsa".into(), Kind::Organization),
            ]
        );
    }
}

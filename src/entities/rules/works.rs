//! Titles of works: a film, a book, a show or a song is named in quotes
//! (`"American Pie"`, `"Catching Fire,"`), and is a misc name whatever
//! its words read as alone (`"Australia"`, the film).

use super::{Link, Origin, Spans, Text};
use crate::entities::kind::Kind;

/// A name read as a body or a place that fills a pair of quotes (a comma
/// or a full stop may close it inside them) is a title, misc, even one
/// the gazetteer knows. A person's name in quotes stays a person
/// (`"Magic" Johnson` is the nickname rule's), and so does what another
/// rule settled.
pub(super) fn quoted_titles(t: &Text, spans: &mut Spans, _: &mut Vec<Link>) {
    let words = t.words;
    for i in 0..spans.len() {
        let s = spans[i];
        let open = !s.origin.is_settled() || s.origin == Origin::Rule("gazetteer");
        if !matches!(s.kind, Kind::Organization | Kind::Location) || !open {
            continue;
        }
        let opened = s
            .start
            .checked_sub(1)
            .is_some_and(|p| matches!(words[p], "\"" | "“"));
        let closed = matches!(
            &words[s.end..],
            ["\"" | "”", ..] | ["," | ".", "\"" | "”", ..]
        );
        if opened && closed {
            spans.settle(i, Kind::Misc);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::test_util::*;
    use crate::entities::kind::Kind;

    #[test]
    fn a_name_in_quotes_is_a_title() {
        let w = words(
            "She starred in \" Velm Pie , \" then \" Australia \" . \" Orsa Group is ready , \" he said . \
             Fans of \" Tova Renn \" and the Velm Group left .",
        );
        let mut spans = tagged(&[
            find(&w, "Velm Pie", Kind::Organization),
            find(&w, "Australia", Kind::Location),
            find(&w, "Orsa Group", Kind::Organization),
            find(&w, "Tova Renn", Kind::Person),
            find(&w, "Velm Group", Kind::Organization),
        ]);
        run(&["quoted_titles"], &w, &mut spans);
        assert_eq!(
            show(&w, &spans),
            [
                ("Velm Pie".into(), Kind::Misc),
                ("Australia".into(), Kind::Misc),
                ("Orsa Group".into(), Kind::Organization),
                ("Tova Renn".into(), Kind::Person),
                ("Velm Group".into(), Kind::Organization),
            ]
        );
    }
}

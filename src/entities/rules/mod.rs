//! Precise rules applied on top of the tagger's spans. Each one encodes a
//! regularity of news English that a model trained on 1996 wire copy
//! misses, and each is tested on sentences written for it:
//! names are made of words of names and a headline's capitals are no
//! evidence of one, titles are not names, a word of a person's full name
//! alone is that person, known places and groups have known kinds,
//! facilities (`al-Qardabiya air base`) and places named by their noun
//! (`the Abu Grain area`) are locations, adjectives of a place mentioned in
//! the text are nationalities (`Misratan`), an acronym defined in brackets
//! is one entity with its long form, `X, also known as Y` names one
//! thing twice, and a nickname in quotes stays inside the name it
//! interrupts (`Vincent "the Chin" Gigante`).
//!
//! The rules run as the passes of one table (`PASSES`, below), in its
//! order, over spans kept sorted and apart throughout (`Spans`); each span
//! records which pass settled it ([`Origin`]). A new rule goes in the file
//! of its theme and in the table, where its place in the order is decided;
//! the words it reads go in a list of `assets/words/`.

mod aliases;
mod clock;
mod edges;
mod events;
mod firms;
mod known;
mod names;
mod places;
mod repeats;
mod spans;
mod titles;
mod words;
mod works;

pub use spans::{Origin, Span};
pub(crate) use spans::{Overlap, Spans};
pub(crate) use words::SOURCES as WORD_LIST_SOURCES;

pub(crate) use self::names::{is_regnal_numeral, quoted_nickname};
pub(crate) use self::words::{Suffix, is_corporate, lists, name_suffix, without_name_suffix};

use super::features::Lexicon;
use super::gazetteer::Gazetteer;

/// Two token ranges that name the same thing.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Link {
    pub a: (usize, usize),
    pub b: (usize, usize),
}

/// The document the rules read: its tokens, where its sentences start,
/// and the gazetteer and English lexicon of the extractor running them.
pub(crate) struct Text<'a> {
    pub words: &'a [&'a str],
    /// Whether token `i` opens a sentence.
    pub sentence_start: &'a [bool],
    pub gaz: &'a Gazetteer,
    pub lexicon: &'a Lexicon,
    /// Whether token `i` stands in running text ([`in_running_text`]),
    /// worked out for the whole text the first time a rule asks.
    pub running: std::cell::OnceCell<Vec<bool>>,
}

impl Text<'_> {
    /// Whether tokens `start..end` run across the start of a sentence.
    /// No rule makes a name that does: a paragraph may end without a
    /// full stop (`according to RussiaToday` / `Brooklynites on Twitter`).
    fn crosses_sentence(&self, start: usize, end: usize) -> bool {
        (start + 1..end).any(|i| self.sentence_start[i])
    }
}

/// One rule pass: its name, and what it does to the spans (and to the
/// links, for the passes that find names the text says are one).
pub(crate) struct Pass {
    pub name: &'static str,
    run: fn(&Text, &mut Spans, &mut Vec<Link>),
}

/// The rule passes in the order they run. The order matters: names are
/// cut to words and to capitals that mean something first, titles come
/// off before names are looked up, the gazetteer settles known names
/// before the place rules guess, acronyms are read once the long forms
/// have their kinds, and `also known as` links the spans as they end up.
pub(crate) const PASSES: &[Pass] = &[
    Pass {
        name: "word_edges",
        run: edges::word_edges,
    },
    Pass {
        name: "clock_times",
        run: clock::clock_times,
    },
    Pass {
        name: "datelines",
        run: places::datelines,
    },
    Pass {
        name: "ampersand_names",
        run: firms::ampersand_names,
    },
    Pass {
        name: "possessive_firms",
        run: firms::possessive_firms,
    },
    Pass {
        name: "letter_brands",
        run: firms::letter_brands,
    },
    Pass {
        name: "bodies_of",
        run: names::bodies_of,
    },
    Pass {
        name: "uncertain_capitals",
        run: edges::uncertain_capitals,
    },
    Pass {
        name: "capitalised_openers",
        run: edges::capitalised_openers,
    },
    Pass {
        name: "offices",
        run: names::offices,
    },
    Pass {
        name: "strip_titles",
        run: titles::strip_titles,
    },
    Pass {
        name: "people_after_titles",
        run: titles::people_after_titles,
    },
    Pass {
        name: "people_after_roles",
        run: titles::people_after_roles,
    },
    Pass {
        name: "extend_particle_names",
        run: names::extend_particle_names,
    },
    Pass {
        name: "name_suffixes",
        run: names::name_suffixes,
    },
    Pass {
        name: "trim_function_words",
        run: names::trim_function_words,
    },
    Pass {
        name: "no_one_after_the",
        run: names::no_one_after_the,
    },
    Pass {
        name: "people_go_on",
        run: names::people_go_on,
    },
    Pass {
        name: "degrees",
        run: names::degrees,
    },
    Pass {
        name: "people_by_apposition",
        run: names::people_by_apposition,
    },
    Pass {
        name: "people_after_demonyms",
        run: names::people_after_demonyms,
    },
    Pass {
        name: "quoted_nicknames",
        run: names::quoted_nicknames,
    },
    Pass {
        name: "people_in_pairs",
        run: names::people_in_pairs,
    },
    Pass {
        name: "people_with_kin",
        run: names::people_with_kin,
    },
    Pass {
        name: "people_who_speak",
        run: names::people_who_speak,
    },
    Pass {
        name: "people_by_name_part",
        run: names::people_by_name_part,
    },
    Pass {
        name: "repeated_names",
        run: repeats::repeated_names,
    },
    Pass {
        name: "countries_closing_names",
        run: places::countries_closing_names,
    },
    Pass {
        name: "events",
        run: events::events,
    },
    Pass {
        name: "storms",
        run: events::storms,
    },
    Pass {
        name: "places_naming_bodies",
        run: names::places_naming_bodies,
    },
    Pass {
        name: "gazetteer",
        run: known::gazetteer,
    },
    Pass {
        name: "quoted_titles",
        run: works::quoted_titles,
    },
    Pass {
        name: "product_models",
        run: works::product_models,
    },
    Pass {
        name: "vessels",
        run: works::vessels,
    },
    Pass {
        name: "facilities",
        run: places::facilities,
    },
    Pass {
        name: "numbered_roads",
        run: places::numbered_roads,
    },
    Pass {
        name: "bodies_by_head",
        run: names::bodies_by_head,
    },
    Pass {
        name: "places_opening_bodies",
        run: names::places_opening_bodies,
    },
    Pass {
        name: "place_heads",
        run: places::place_heads,
    },
    Pass {
        name: "place_nouns",
        run: places::place_nouns,
    },
    Pass {
        name: "places_by_apposition",
        run: places::places_by_apposition,
    },
    Pass {
        name: "places_in_places",
        run: places::places_in_places,
    },
    Pass {
        name: "acronym_definitions",
        run: aliases::acronym_definitions,
    },
    Pass {
        name: "derived_demonyms",
        run: known::derived_demonyms,
    },
    Pass {
        name: "split_known_pairs",
        run: names::split_known_pairs,
    },
    Pass {
        name: "also_known_as",
        run: aliases::also_known_as,
    },
];

/// Which of [`PASSES`] run: all of them, unless an evaluation switches
/// some off by name to measure what they do.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct PassSet {
    /// Bit `i` set: pass `i` is off.
    off: u64,
}

const _: () = assert!(PASSES.len() <= 64, "PassSet holds 64 passes");

impl PassSet {
    pub const ALL: PassSet = PassSet { off: 0 };

    /// The same set without the pass called `name`. An unknown name is an
    /// error that lists the names there are.
    pub fn without(self, name: &str) -> Result<PassSet, String> {
        match PASSES.iter().position(|p| p.name == name) {
            Some(i) => Ok(PassSet {
                off: self.off | 1 << i,
            }),
            None => {
                let names: Vec<&str> = PASSES.iter().map(|p| p.name).collect();
                Err(format!(
                    "no rule pass is called {name:?}; there are {}",
                    names.join(", ")
                ))
            }
        }
    }

    /// Whether pass `i` of [`PASSES`] runs.
    pub fn runs(self, i: usize) -> bool {
        self.off & 1 << i == 0
    }
}

/// Runs the passes of `passes` over the tagger's `spans`, in order.
/// Returns the spans and the pairs of them the text says are one.
pub(crate) fn run(text: &Text, mut spans: Spans, passes: PassSet) -> (Spans, Vec<Link>) {
    let mut links = Vec::new();
    for (i, pass) in PASSES.iter().enumerate() {
        if passes.runs(i) {
            spans.start_pass(pass.name);
            (pass.run)(text, &mut spans, &mut links);
        }
    }
    (spans, links)
}

/// Whether token `i` opens a sentence or a quoted or bracketed clause,
/// where any word is capitalised.
fn opens_clause(t: &Text, i: usize) -> bool {
    t.sentence_start.get(i).copied().unwrap_or(true)
        || i.checked_sub(1).is_some_and(|p| {
            matches!(
                t.words[p],
                "(" | "[" | "\"" | "“" | "'" | "‘" | ":" | "—" | "–" | "-"
            )
        })
}

/// Whether token `i` stands in running text: its sentence has a word of
/// four letters or more written small, which a title-case headline
/// (`T-Mobile USA Announces BlackBerry Q10 Availability`) has not, and
/// capitals there say something of names.
fn in_running_text(t: &Text, i: usize) -> bool {
    // Sentence by sentence, once: a rule asks for each name it weighs,
    // and a long sentence of names would otherwise be read for each.
    let running = t.running.get_or_init(|| {
        let mut running = vec![false; t.words.len()];
        let mut start = 0;
        while start < t.words.len() {
            let end = (start + 1..t.words.len())
                .find(|&j| t.sentence_start[j])
                .unwrap_or(t.words.len());
            let small = t.words[start..end].iter().any(|w| {
                w.chars().next().is_some_and(char::is_lowercase) && w.chars().count() >= 4
            });
            running[start..end].fill(small);
            start = end;
        }
        running
    });
    running.get(i).copied().unwrap_or(false)
}

/// An initial: a capital letter and a period (`W.`, `C.`).
fn is_initial(w: &str) -> bool {
    let mut c = w.chars();
    c.next().is_some_and(char::is_uppercase) && c.next() == Some('.') && c.next().is_none()
}

fn is_capitalized(w: &str) -> bool {
    w.chars().next().is_some_and(char::is_uppercase)
}

/// Whether `w` is a title, a word that opens sentences and clauses
/// (`lists().leading_noise`) or a weekday or a month: none of them a word
/// of a name by itself.
pub(super) fn names_nothing(w: &str) -> bool {
    lists().titles.contains(w)
        || lists().leading_noise.contains(w)
        || crate::entities::dates::is_calendar_word(w)
}

/// Whether the word at token `at` leaves a name before it closed: none
/// there, or one without a capital (a small word, a mark).
pub(super) fn closed_at(words: &[&str], at: usize) -> bool {
    words
        .get(at)
        .is_none_or(|w| !w.chars().next().is_some_and(char::is_uppercase))
}

/// A word in plain capitals: a capital, then a small letter somewhere
/// (`Woods`, `McDonald`; not `NATO`).
pub(crate) fn is_title_case(w: &str) -> bool {
    let mut c = w.chars();
    c.next().is_some_and(char::is_uppercase) && c.any(char::is_lowercase)
}

fn letters(w: &str) -> usize {
    w.chars().filter(|c| c.is_alphabetic()).count()
}

/// A word in capitals: two letters or more, none lowercase.
pub(crate) fn in_capitals(w: &str) -> bool {
    !w.chars().any(char::is_lowercase) && letters(w) >= 2
}

/// Whether the word at `end` (or the one after a comma there) says that
/// the name before it is someone who speaks: a verb of saying (`Jordan
/// said`), or `who` or `whose` (`person-verbs.txt`).
pub(crate) fn person_verb_at(words: &[&str], end: usize) -> bool {
    let after = match words.get(end) {
        Some(&",") => words.get(end + 1),
        w => w,
    };
    after.is_some_and(|w| lists().person_verbs.contains(w))
}

/// A number of one to four digits, as a road's (`Route 66`) or a
/// model's (`Windows 95`).
fn is_short_number(w: &str) -> bool {
    (1..=4).contains(&w.len()) && w.bytes().all(|b| b.is_ascii_digit())
}

/// `al-Mahjoub`, `el-Sisi`, `bin Salman`: Arabic particles start names in
/// lowercase.
fn is_name_word(w: &str) -> bool {
    if is_capitalized(w) {
        return true;
    }
    // The particle is the word up to its first hyphen (each in the list
    // has one, at its end).
    w.find('-').is_some_and(|h| {
        let (particle, rest) = w.split_at(h + 1);
        lists().name_prefixes.contains(particle) && is_capitalized(rest)
    })
}

/// Where the run of name words ending just before `end` starts (at most
/// five words back; particles inside, never at the edge; determiners and
/// pronouns never part of it). Returns `end` when there is none.
fn name_run_start(words: &[&str], end: usize) -> usize {
    let mut k = end;
    let mut start = end;
    while k > 0 && end - k < 5 {
        let w = words[k - 1];
        if is_name_word(w)
            && !lists().leading_noise.contains(w)
            && !lists().trailing_noise.contains(w)
        {
            k -= 1;
            start = k;
        } else if lists().particles.contains(w) && start < end {
            k -= 1;
        } else {
            break;
        }
    }
    start
}

#[cfg(test)]
mod test_util {
    use super::{Link, Origin, Overlap, PASSES, PassSet, Span, Spans, Text};
    use crate::entities::gazetteer::Gazetteer;
    use crate::entities::kind::Kind;
    use crate::entities::tagger::Tagger;
    use crate::entities::tokens::tokenize;

    pub(super) fn words(text: &str) -> Vec<&str> {
        tokenize(text).iter().map(|t| t.text(text)).collect()
    }

    pub(super) fn show(w: &[&str], spans: &[Span]) -> Vec<(String, Kind)> {
        spans
            .iter()
            .map(|s| (w[s.start..s.end].join(" "), s.kind))
            .collect()
    }

    /// A span of the tagger, half sure, over the first `phrase` in `w`.
    pub(super) fn find(w: &[&str], phrase: &str, kind: Kind) -> Span {
        find_nth(w, phrase, 0, kind)
    }

    /// The same over the `nth` `phrase` in `w` (the first is 0).
    pub(super) fn find_nth(w: &[&str], phrase: &str, nth: usize, kind: Kind) -> Span {
        let p: Vec<&str> = phrase.split(' ').collect();
        let start = (0..w.len())
            .filter(|&i| w[i..].starts_with(&p))
            .nth(nth)
            .expect("phrase in text");
        Span::new(start, start + p.len(), kind, Origin::Tagger(0.5))
    }

    /// The spans of `list` as the tagger gives them, half sure, each over
    /// the first of its phrase in `w` that the spans before it leave free.
    pub(super) fn tagged_in_turn(w: &[&str], list: &[(&str, Kind)]) -> Spans {
        let mut spans = Spans::new();
        for &(phrase, kind) in list {
            let free = (0..)
                .map(|nth| find_nth(w, phrase, nth, kind))
                .find(|s| spans.overlapping(s.start, s.end).is_empty())
                .expect("a free phrase in text");
            spans.insert(free, Overlap::Gap);
        }
        spans
    }

    /// The spans of `list` (none overlapping another), as the tagger gives them.
    pub(super) fn tagged(list: &[Span]) -> Spans {
        let mut spans = Spans::new();
        for s in list {
            assert!(spans.insert(*s, Overlap::Gap), "{s:?} overlaps");
        }
        spans
    }

    /// Runs the passes named (in the table's order, the others off) over
    /// `spans` of `w`, with the embedded gazetteer; sentences start at the
    /// first token and after a full stop. Returns the links they found.
    pub(super) fn run(names: &[&str], w: &[&str], spans: &mut Spans) -> Vec<Link> {
        let starts: Vec<bool> = (0..w.len()).map(|i| i == 0 || w[i - 1] == ".").collect();
        run_with(names, w, &starts, spans)
    }

    /// Like [`run`], with the sentences the extractor finds in `text`
    /// (whose tokens `w` are): paragraphs end sentences.
    pub(super) fn run_sentences(
        names: &[&str],
        w: &[&str],
        text: &str,
        spans: &mut Spans,
    ) -> Vec<Link> {
        let tokens = tokenize(text);
        let mut starts = vec![false; w.len()];
        for r in crate::entities::tokens::sentence_spans(text, &tokens) {
            starts[r.start] = true;
        }
        run_with(names, w, &starts, spans)
    }

    fn run_with(names: &[&str], w: &[&str], starts: &[bool], spans: &mut Spans) -> Vec<Link> {
        let mut set = PassSet::ALL;
        for p in PASSES.iter().filter(|p| !names.contains(&p.name)) {
            set = set.without(p.name).unwrap();
        }
        assert!(
            names.iter().all(|n| PASSES.iter().any(|p| p.name == *n)),
            "{names:?}"
        );
        let text = Text {
            words: w,
            sentence_start: starts,
            gaz: Gazetteer::embedded(),
            lexicon: Tagger::embedded().lexicon(),
            running: Default::default(),
        };
        let (out, links) = super::run(&text, std::mem::take(spans), set);
        *spans = out;
        links
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::entities::kind::Kind;

    #[test]
    fn every_pass_has_a_name_of_its_own() {
        for (i, p) in PASSES.iter().enumerate() {
            assert!(
                !p.name.is_empty() && p.name.chars().all(|c| c.is_ascii_lowercase() || c == '_'),
                "{:?}",
                p.name
            );
            assert!(
                PASSES[..i].iter().all(|q| q.name != p.name),
                "{} twice",
                p.name
            );
        }
    }

    #[test]
    fn a_pass_set_switches_off_only_the_passes_named() {
        assert!((0..PASSES.len()).all(|i| PassSet::ALL.runs(i)));
        let set = PassSet::ALL
            .without("gazetteer")
            .and_then(|s| s.without("also_known_as"))
            .unwrap();
        for (i, p) in PASSES.iter().enumerate() {
            let off = p.name == "gazetteer" || p.name == "also_known_as";
            assert_eq!(set.runs(i), !off, "{}", p.name);
        }
        assert!(PassSet::ALL.without("Gazetteer").is_err());
    }

    #[test]
    fn a_pass_switched_off_does_not_run() {
        // `Mitiga airport` is a place by the facilities pass alone.
        let w = test_util::words("Drones struck Mitiga airport .");
        let starts = vec![false; w.len()];
        let text = Text {
            words: &w,
            sentence_start: &starts,
            gaz: Gazetteer::embedded(),
            lexicon: crate::entities::tagger::Tagger::embedded().lexicon(),
            running: Default::default(),
        };
        let (on, _) = run(&text, Spans::new(), PassSet::ALL);
        let (off, _) = run(
            &text,
            Spans::new(),
            PassSet::ALL.without("facilities").unwrap(),
        );
        assert_eq!(
            test_util::show(&w, &on),
            [("Mitiga airport".into(), Kind::Location)]
        );
        assert_eq!(on[0].origin, Origin::Rule("facilities"));
        assert!(off.is_empty());
    }
}

//! The word lists the rules read, compiled in from `assets/words/`: one
//! word or phrase (tokens separated by spaces) per line, matched exactly,
//! case included; blank lines and lines starting with `#` are skipped.
//! Each file says what its list is for and which rules read it.

use std::sync::OnceLock;

use crate::base::hash::FxHashMap;

/// The entries of one list, by their first token.
#[derive(Debug, Default)]
pub(crate) struct WordList {
    by_first: FxHashMap<&'static str, Entries>,
    /// Tokens in the longest entry.
    longest: usize,
}

/// The entries that start with one token.
#[derive(Debug, Default)]
struct Entries {
    /// The token alone is an entry.
    word: bool,
    /// The tokens after the first of the longer entries.
    rests: Vec<Vec<&'static str>>,
}

impl WordList {
    pub(crate) fn parse(text: &'static str) -> WordList {
        let mut list = WordList::default();
        for line in text.lines().map(str::trim) {
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            let mut tokens = line.split_whitespace();
            let Some(first) = tokens.next() else {
                continue;
            };
            let rest: Vec<&'static str> = tokens.collect();
            list.longest = list.longest.max(rest.len() + 1);
            let e = list.by_first.entry(first).or_default();
            if rest.is_empty() {
                e.word = true;
            } else {
                e.rests.push(rest);
            }
        }
        list
    }

    /// Whether the word alone is an entry.
    pub(crate) fn contains(&self, word: &str) -> bool {
        self.by_first.get(word).is_some_and(|e| e.word)
    }

    /// The length in tokens of the longest entry that `words` start with.
    pub(crate) fn longest_at(&self, words: &[&str]) -> Option<usize> {
        let e = self.by_first.get(words.first()?)?;
        let longer = e
            .rests
            .iter()
            .filter(|r| words[1..].starts_with(r))
            .map(|r| r.len() + 1)
            .max();
        longer.or(e.word.then_some(1))
    }

    /// Whether `name` ends with an entry.
    pub(crate) fn ends(&self, name: &[&str]) -> bool {
        (1..=self.longest.min(name.len()))
            .any(|n| self.longest_at(&name[name.len() - n..]) == Some(n))
    }
}

macro_rules! word_lists {
    ($($(#[doc = $doc:literal])* $field:ident: $file:literal,)*) => {
        /// The lists, one field per file of `assets/words/`.
        #[derive(Debug)]
        pub(crate) struct WordLists {
            $($(#[doc = $doc])* pub $field: WordList,)*
        }

        /// The files of the lists as compiled in, by name: hashed into the
        /// cache's fingerprint.
        pub(crate) const SOURCES: &[(&str, &str)] = &[
            $(($file, include_str!(concat!("../../../assets/words/", $file))),)*
        ];

        impl WordLists {
            fn parse() -> WordLists {
                let mut files = SOURCES.iter();
                WordLists {
                    $($field: WordList::parse(files.next().expect("a file per list").1),)*
                }
            }
        }
    };
}

word_lists! {
    /// Titles of people that are not part of their names.
    titles: "titles.txt",
    /// Titles only people carry.
    personal_titles: "personal-titles.txt",
    /// Words that open a compound title (`City Attorney`).
    title_qualifiers: "title-qualifiers.txt",
    /// Last words of the names of bodies.
    body_heads: "body-heads.txt",
    /// Lowercase particles inside names.
    particles: "particles.txt",
    /// Arabic particles joined to a name by a hyphen.
    name_prefixes: "name-prefixes.txt",
    /// Degrees and honours after a person's name and a comma (`MD`).
    degrees: "degrees.txt",
    /// Words that close a son's name (`Jr.`).
    junior_suffixes: "junior-suffixes.txt",
    /// Words that close a father's name (`Sr.`).
    senior_suffixes: "senior-suffixes.txt",
    /// Last words of the names of events (`Open`, `Grand Prix`).
    event_words: "event-words.txt",
    /// Words that open a span only by mistake.
    leading_noise: "leading-noise.txt",
    /// Words that close a span only by mistake.
    trailing_noise: "trailing-noise.txt",
    /// Words after a bare surname that say a person is meant (`said`).
    person_verbs: "person-verbs.txt",
    /// Time zones (`EDT`, `GMT`).
    time_zones: "time-zones.txt",
    /// Role nouns apposed to a person's name.
    roles: "roles.txt",
    /// Prepositions after which a known city is a place.
    locatives: "locatives.txt",
    /// Words after which a known city is the place.
    place_verbs: "place-verbs.txt",
    /// Names of cities that are never places in running text.
    not_cities: "not-cities.txt",
    /// Facility nouns that make a location of the name before them.
    facilities: "facilities.txt",
    /// Last words of the names of places.
    place_last_words: "place-last-words.txt",
    /// First words of the names of places.
    place_first_words: "place-first-words.txt",
    /// First words of the names of places when `of` follows.
    place_of_words: "place-of-words.txt",
    /// Nouns after the name of a place.
    place_nouns: "place-nouns.txt",
    /// Nouns apposed to the name of a place.
    apposed_places: "apposed-places.txt",
    /// Words that may follow such a noun.
    after_apposed_place: "after-apposed-place.txt",
    /// Words an acronym's letters may skip.
    acronym_stopwords: "acronym-stopwords.txt",
    /// Phrases that introduce another name for the same thing.
    alias_phrases: "alias-phrases.txt",
}

/// The lists, read once.
pub(crate) fn lists() -> &'static WordLists {
    static LISTS: OnceLock<WordLists> = OnceLock::new();
    LISTS.get_or_init(WordLists::parse)
}

/// Words a company's name may end with that do not make it another name.
const CORPORATE: &[&str] = &[
    "inc",
    "incorporated",
    "corp",
    "corporation",
    "co",
    "company",
    "ltd",
    "llc",
    "plc",
    "ag",
    "sa",
    "s.a",
    "nv",
    "n.v",
    "gmbh",
];

/// Whether a word of a name, as written, is a company's suffix (`Inc.`).
pub(crate) fn is_corporate(word: &str) -> bool {
    let word = word.trim_end_matches('.');
    CORPORATE.iter().any(|c| c.eq_ignore_ascii_case(word))
}

/// What a word closing a person's name says of the person.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Suffix {
    /// The son (`Jr.`): another person than the name without it.
    Junior,
    /// The father (`Sr.`): the person the name without it names.
    Senior,
}

/// The suffix a word, as written or normalised (`Jr.`, `jr`), is.
pub(crate) fn name_suffix(word: &str) -> Option<Suffix> {
    let word = word.trim_end_matches('.');
    let listed = |list: &WordList| {
        list.by_first
            .keys()
            .any(|s| s.trim_end_matches('.').eq_ignore_ascii_case(word))
    };
    let l = lists();
    if listed(&l.junior_suffixes) {
        Some(Suffix::Junior)
    } else if listed(&l.senior_suffixes) {
        Some(Suffix::Senior)
    } else {
        None
    }
}

/// A person's name without the suffix closing it, and the suffix
/// (`Arcade Joseph Comeaux` and `Jr.`): the last word left is the
/// surname. A suffix after one word stays (nothing would be left of a
/// name).
pub(crate) fn without_name_suffix<'a, 'w>(name: &'a [&'w str]) -> (&'a [&'w str], Option<Suffix>) {
    match name {
        [rest @ .., last] if rest.len() >= 2 => match name_suffix(last) {
            Some(suffix) => (rest, Some(suffix)),
            None => (name, None),
        },
        _ => (name, None),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lists_read_words_phrases_and_comments() {
        let list = WordList::parse("# a comment\nair base\n\n  airport  \nair\nair field\n");
        assert!(list.contains("airport") && list.contains("air"));
        assert!(!list.contains("base") && !list.contains("# a comment"));
        let w = ["air", "base", "x"];
        assert_eq!(list.longest_at(&w), Some(2));
        assert_eq!(list.longest_at(&w[1..]), None);
        assert_eq!(list.longest_at(&["air", "strike"]), Some(1));
        assert_eq!(list.longest_at(&[]), None);
        assert!(list.ends(&["Mitiga", "airport"]) && list.ends(&["an", "air", "field"]));
        assert!(!list.ends(&["air", "strike"]) && !list.ends(&[]));
    }

    #[test]
    fn every_list_file_is_compiled_in_and_has_entries() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/words");
        let mut files: Vec<String> = std::fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .filter(|n| n.ends_with(".txt"))
            .collect();
        files.sort();
        let mut compiled: Vec<String> = SOURCES.iter().map(|(n, _)| n.to_string()).collect();
        compiled.sort();
        assert_eq!(files, compiled);
        for (name, text) in SOURCES {
            assert!(WordList::parse(text).longest > 0, "{name} is empty");
        }
        // Every list parses (a missing file would not compile).
        assert!(lists().titles.contains("President"));
    }

    #[test]
    fn lists_of_words_hold_no_phrases() {
        let l = lists();
        for (name, list) in [
            ("titles", &l.titles),
            ("personal_titles", &l.personal_titles),
            ("title_qualifiers", &l.title_qualifiers),
            ("body_heads", &l.body_heads),
            ("particles", &l.particles),
            ("name_prefixes", &l.name_prefixes),
            ("junior_suffixes", &l.junior_suffixes),
            ("senior_suffixes", &l.senior_suffixes),
            ("leading_noise", &l.leading_noise),
            ("trailing_noise", &l.trailing_noise),
            ("roles", &l.roles),
            ("time_zones", &l.time_zones),
            ("person_verbs", &l.person_verbs),
            ("locatives", &l.locatives),
            ("place_verbs", &l.place_verbs),
            ("not_cities", &l.not_cities),
            ("place_first_words", &l.place_first_words),
            ("place_of_words", &l.place_of_words),
            ("place_nouns", &l.place_nouns),
            ("apposed_places", &l.apposed_places),
            ("after_apposed_place", &l.after_apposed_place),
            ("acronym_stopwords", &l.acronym_stopwords),
        ] {
            assert_eq!(list.longest, 1, "{name} is read a word at a time");
        }
        assert!(
            l.name_prefixes
                .by_first
                .keys()
                .all(|p| p.ends_with('-') && p.matches('-').count() == 1),
            "is_name_word looks a prefix up by the word up to its hyphen"
        );
    }
}

//! Where names start and end.
//!
//! A name is made of words: it never opens or closes on punctuation, a
//! quote or a possessive (`Intel’s`, `Doctor Who'`), never runs across a
//! quote (`State of the Union” on Sunday`) or a run of punctuation (`& & &
//! Tripoli`), and is at most [`MAX_NAME_TOKENS`] long.
//!
//! A capital that only says where a sentence or a headline starts, or a
//! word written in capitals for emphasis, is no evidence of a name: there
//! an ordinary English word joins a name only when the article also
//! writes it as one where capitals mean something (`And Liverpool`,
//! `Sixers Hire Maurice Cheeks`, `LIVE`, `VIDEO`).

use std::ops::Range;

use super::words::{is_corporate, lists};
use super::{Link, Overlap, Span, Spans, Text, in_capitals, is_initial, letters, opens_clause};
use crate::base::hash::{FxHashSet, SEED, mix};
use crate::entities::features::lower_hash;
use crate::entities::gazetteer::Category;
use crate::entities::kind::Kind;

/// The most tokens a name may have: `UN Office for the Coordination of
/// Humanitarian Affairs` has 8; what the tagger runs on past 12 is a list
/// or a garbled line, not a name.
pub(crate) const MAX_NAME_TOKENS: usize = 12;

/// A word token: it starts with a letter or a digit.
fn is_word(w: &str) -> bool {
    w.chars().next().is_some_and(char::is_alphanumeric)
}

/// A word that can stand at the end of a name: a capital somewhere
/// (`Haftar`, `iPhone`), a digit first (`76ers`; not an age or a measure,
/// `20-year-old`), or an Arabic particle before a capital (`al-Nusra`).
fn is_name_word(w: &str) -> bool {
    w.chars().any(char::is_uppercase)
        || w.chars().next().is_some_and(|c| c.is_ascii_digit()) && !is_measure(w)
        || super::is_name_word(w)
}

/// Lowercase words that may stand inside a name (`Bank of England`,
/// `Charles de Gaulle`, `University of California at Berkeley`), or open
/// one as a particle (`van Gaal`): the words acronyms skip and the name
/// particles, and a few more.
fn inner_word(w: &str) -> bool {
    let l = lists();
    l.acronym_stopwords.contains(w)
        || l.particles.contains(w)
        || matches!(w, "at" | "upon" | "y" | "e" | "'s" | "’s" | "a" | "an")
}

fn is_quote(w: &str) -> bool {
    matches!(
        w,
        "\"" | "“" | "”" | "„" | "‘" | "’" | "'" | "«" | "»" | "‹" | "›" | "`" | "``" | "''"
    )
}

/// Whether a name can start with `w`: a capital, a digit (`76ers`,
/// `7-Eleven`; not an age or a measure, `20-year-old`, `6-foot`), or an
/// Arabic particle before a capital (`al-Qaeda`).
fn is_name_start(w: &str) -> bool {
    super::is_name_word(w)
        || (w.chars().next().is_some_and(|c| c.is_ascii_digit()) && !is_measure(w))
}

/// An age or a measure before a name (`20-year-old`, `6-foot`): a number
/// joined to a lowercase word, which no name opens on.
fn is_measure(w: &str) -> bool {
    w.chars().next().is_some_and(|c| c.is_ascii_digit())
        && w.split('-')
            .skip(1)
            .any(|part| part.chars().next().is_some_and(char::is_lowercase))
}

/// Whether token `k` inside a span ends the name it is in: a double quote,
/// a single quote that is not the apostrophe of a plural inside a name
/// (`African Nations ' Cup`, `Workers ' Party`), a semicolon, the first of
/// two tokens that are not words (`& &`), a comma (but where `commas_join`:
/// a place's name, a body's list of fields), or (but in the titles of works,
/// `misc`) a lowercase word names never hold (`Micro Devices is
/// acquiring`).
fn ends_name(words: &[&str], k: usize, end: usize, works: bool, commas_join: bool) -> bool {
    let w = words[k];
    if is_quote(w) {
        let apostrophe = matches!(w, "'" | "’")
            && k > 0
            && words[k - 1].ends_with('s')
            && words.get(k + 1).is_some_and(|w| starts_upper(w));
        return !apostrophe;
    }
    if w == ";" || (!is_word(w) && k + 1 < end && !is_word(words[k + 1])) {
        return true;
    }
    // A comma between names parts them (`the radical Weather Underground,
    // Felt died`), but a place's (`Washington, D.C.`).
    if w == "," && !commas_join {
        return true;
    }
    !works && is_word(w) && !is_name_word(w) && !inner_word(w)
}

/// `Bureau of Alcohol, Tobacco, Firearms and Explosives`: a body's head
/// word, `of`, then single capitalised words parted by commas and the
/// last two joined by `and`, is one name over its commas.
fn lists_fields(words: &[&str], range: &Range<usize>) -> bool {
    let w = &words[range.clone()];
    let Some(of) = w.iter().position(|&x| x == "of") else {
        return false;
    };
    if of == 0 || !lists().body_heads.contains(w[of - 1]) {
        return false;
    }
    // After `of`: word (`,` word)* `and` word, every word capitalised.
    let fields = &w[of + 1..];
    fields.len() >= 5
        && fields.contains(&",")
        && fields[fields.len() - 2] == "and"
        && fields.iter().enumerate().all(|(i, x)| {
            if i % 2 == 0 {
                is_name_word(x)
            } else {
                *x == "," || (*x == "and" && i == fields.len() - 2)
            }
        })
}

/// `range` without what cannot open or close a name at its ends: tokens
/// that are not words, and lowercase words (but a particle opening it,
/// `van Gaal`). A closing `'s` stays when no word follows it: then it is
/// part of the name (`at Lord 's ,`), not a possessive (`Intel ’s
/// shares`); so does a bracket closing one the name opened (`Mladost (
/// L )`).
fn word_range(words: &[&str], range: Range<usize>) -> Range<usize> {
    let (mut a, mut b) = (range.start, range.end);
    while a < b && !(is_name_word(words[a]) || lists().particles.contains(words[a])) {
        a += 1;
    }
    while b > a && !is_name_word(words[b - 1]) {
        let named = b - 1 > a
            && matches!(words[b - 1], "'s" | "’s")
            && !words.get(b).is_some_and(|w| is_word(w));
        let closing = words[b - 1] == ")" && words[a..b - 1].contains(&"(");
        if named || closing {
            break;
        }
        b -= 1;
    }
    a..b
}

/// Whether tokens `range` can be a name at all: not empty, a capital
/// somewhere, not too long.
fn can_be_name(words: &[&str], range: &Range<usize>) -> bool {
    !range.is_empty()
        && range.len() <= MAX_NAME_TOKENS
        && words[range.clone()]
            .iter()
            .any(|w| w.chars().any(char::is_uppercase))
}

/// Names open and close on words of names, and what ends a name inside a
/// span ([`ends_name`]) splits it: what lies on either side are names of
/// their own when they can be (their kind was the whole's: nothing
/// vouches for it now). A span too long to be a name goes.
pub(super) fn word_edges(t: &Text, spans: &mut Spans, _: &mut Vec<Link>) {
    let words = t.words;
    let mut pieces = Vec::new();
    // The texts the tagger found as names of their own, hashed: only when
    // a span holds a possessive before a capital.
    // (Not one beside an `and`: there the tagger may have cut the very
    // name in question, `Fish` and `Wildlife Service`.)
    let beside_and =
        |s: &Span| words.get(s.end) == Some(&"and") || s.start > 0 && words[s.start - 1] == "and";
    let named_alone: FxHashSet<u64> = if spans
        .iter()
        .any(|s| possessive_at(words, s).is_some() || and_at(words, s).is_some())
    {
        spans
            .iter()
            .filter(|s| !beside_and(s))
            .map(|s| text_hash(words, s.range()))
            .collect()
    } else {
        FxHashSet::default()
    };
    spans.reshape(|s, pass, out| {
        // A company's suffix alone names nothing (`Sorority, Inc.`,
        // `Hewlett-Packard Co.'s` cut apart).
        if words[s.range()]
            .iter()
            .all(|w| is_corporate(w) || !is_word(w))
        {
            return;
        }
        // Most names are words of names throughout.
        if s.len() <= MAX_NAME_TOKENS && words[s.range()].iter().all(|w| is_name_word(w)) {
            out.push(*s);
            return;
        }
        // `BBC's Frances Harrison`, `The Washington Post's Howard Kurtz`:
        // a possessive after a name that stands alone (an acronym, a name
        // the gazetteer knows, or one the article names by itself) ends
        // it, and what follows is a name of its own, a person's when it
        // opens on a given name the dictionary lists. Not in a name built
        // on a common noun's possessive (`People's Liberation Army`,
        // `Sheriff's Department`).
        if !s.origin.is_settled()
            && let Some(k) = possessive_at(words, s)
        {
            let before = word_range(words, s.start..k);
            let after = word_range(words, k + 1..s.end);
            let alone = before.len() == 1 && in_capitals(words[before.start])
                || t.gaz.lookup(&words[before.clone()]).is_some()
                || named_alone.contains(&text_hash(words, before.clone()));
            if alone && can_be_name(words, &before) && can_be_name(words, &after) {
                out.push(s.cut_part(before.start, before.end, pass));
                let given = persons_name(t, &after);
                let mut person = s.cut_part(after.start, after.end, pass);
                if given {
                    person.kind = Kind::Person;
                }
                out.push(person);
                return;
            }
        }
        // `Elissa Wall and Susie Barlow`, `Windows XP and Windows Vista`:
        // two names joined by `and` are two where each is a person's name
        // opening on a given name the dictionary lists, or each is named
        // alone in the article or known to the gazetteer; not a name
        // holding `and` (`Securities and Exchange Commission`).
        if !s.origin.is_settled()
            && let Some(k) = and_at(words, s)
        {
            let left = word_range(words, s.start..k);
            let right = word_range(words, k + 1..s.end);
            let person = |r: &Range<usize>| persons_name(t, r);
            let alone = |r: &Range<usize>| {
                t.gaz.lookup(&words[r.clone()]).is_some()
                    || named_alone.contains(&text_hash(words, r.clone()))
            };
            if can_be_name(words, &left)
                && can_be_name(words, &right)
                && (person(&left) && person(&right) || alone(&left) && alone(&right))
            {
                for r in [left, right] {
                    let mut part = s.cut_part(r.start, r.end, pass);
                    if person(&r) {
                        part.kind = Kind::Person;
                    }
                    out.push(part);
                }
                return;
            }
        }
        let inner = word_range(words, s.range());
        let works = s.kind == Kind::Misc;
        pieces.clear();
        let mut from = inner.start;
        let commas_join = s.kind == Kind::Location || lists_fields(words, &inner);
        for k in inner.clone() {
            if ends_name(words, k, inner.end, works, commas_join) {
                pieces.push(from..k);
                from = k + 1;
            }
        }
        pieces.push(from..inner.end);
        let whole = pieces.len() == 1;
        for r in pieces.drain(..) {
            // What was cut off is a name only if it starts like one (not
            // `on Sunday` after `State of the Union”`).
            // (An age before it is no part of it: `as 20-year-old Tiger
            // Woods` is `Tiger Woods`.)
            let starts_well = words[r.clone()]
                .iter()
                .find(|w| is_word(w) && !is_measure(w))
                .is_some_and(|w| is_name_start(w));
            let r = word_range(words, r);
            if !can_be_name(words, &r) || !(whole || starts_well) {
                continue;
            }
            out.push(if whole {
                s.trimmed(r.start, r.end)
            } else {
                s.cut_part(r.start, r.end, pass)
            });
        }
    });
}

/// Where a span holds a possessive (`'s`) with a capitalised word after
/// it, inside the span.
fn possessive_at(words: &[&str], s: &Span) -> Option<usize> {
    (s.start + 1..s.end.saturating_sub(1))
        .find(|&k| matches!(words[k], "'s" | "’s") && starts_upper(words[k + 1]))
}

/// Whether words `r` read as a person's full name: two or more, all
/// capitalised, opening on a given name the dictionary lists (`Frances
/// Harrison`).
fn persons_name(t: &Text, r: &Range<usize>) -> bool {
    r.len() >= 2
        && t.words[r.clone()].iter().all(|w| starts_upper(w))
        && t.lexicon.is_name(t.words[r.start])
}

/// Where a span holds `and` between capitalised words, inside it.
fn and_at(words: &[&str], s: &Span) -> Option<usize> {
    (s.start + 1..s.end.saturating_sub(1))
        .find(|&k| words[k] == "and" && starts_upper(words[k - 1]) && starts_upper(words[k + 1]))
}

/// A hash of the words `range`, in lowercase.
fn text_hash(words: &[&str], range: Range<usize>) -> u64 {
    words[range].iter().fold(SEED, |h, w| mix(h, lower_hash(w)))
}

/// How far the capitals of each sentence can be trusted.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Sentence {
    /// Running text: a capital inside it marks a name.
    Running,
    /// Written in capitals (`TRUMP AND MAY ONCE HAND-IN-HAND`).
    Capitals,
    /// A headline in title case (`Sixers Hire Maurice Cheeks as Head
    /// Coach`): ordinary words are capitalised too.
    TitleCase,
}

/// What the article says of its capitals: which words it writes
/// capitalised where capitals mean something (`vouched`) or in lowercase
/// (`lowercase`), as hashes of the lowercased word ([`lower_hash`]).
struct Casing {
    vouched: FxHashSet<u64>,
    lowercase: FxHashSet<u64>,
}

fn starts_upper(w: &str) -> bool {
    w.chars().next().is_some_and(char::is_uppercase)
}

/// The kind of the sentence of each token.
fn sentence_kinds(t: &Text) -> Vec<Sentence> {
    let words = t.words;
    let mut sentence_of = vec![Sentence::Running; words.len()];
    let mut start = 0;
    for end in 1..=words.len() {
        if end == words.len() || t.sentence_start[end] {
            sentence_of[start..end].fill(sentence_kind(t, start..end));
            start = end;
        }
    }
    sentence_of
}

/// The lowercase first letter of a word, when it is an ASCII letter.
fn ascii_initial(w: &str) -> Option<u8> {
    w.as_bytes()
        .first()
        .filter(|b| b.is_ascii_alphabetic())
        .map(u8::to_ascii_lowercase)
}

impl Casing {
    /// The facts for the words of `candidates` (those [`Casing::doubtful`]
    /// will be asked about): only words that start as one of them does
    /// are hashed.
    fn of(t: &Text, sentence_of: &[Sentence], candidates: impl Iterator<Item = usize>) -> Casing {
        // Bit `c - b'a'`: a candidate starts with ASCII letter `c`; `other`:
        // one starts otherwise (then every such word is looked at).
        let (mut initials, mut other) = (0u32, false);
        for i in candidates {
            match ascii_initial(t.words[i]) {
                Some(c) => initials |= 1 << (c - b'a'),
                None => other = true,
            }
        }
        let mut vouched = FxHashSet::default();
        let mut lowercase = FxHashSet::default();
        for (i, w) in t.words.iter().enumerate() {
            let wanted = match ascii_initial(w) {
                Some(c) => initials & 1 << (c - b'a') != 0,
                None => other,
            };
            if !wanted {
                continue;
            }
            if w.chars().next().is_some_and(char::is_lowercase) {
                lowercase.insert(lower_hash(w));
            } else if sentence_of[i] == Sentence::Running
                && starts_upper(w)
                && !in_capitals(w)
                && !opens_clause(t, i)
            {
                vouched.insert(lower_hash(w));
            }
        }
        Casing { vouched, lowercase }
    }

    /// Whether the article capitalises `w` where capitals mean something.
    fn vouches(&self, w: &str) -> bool {
        self.vouched.contains(&lower_hash(w))
    }

    /// Whether token `i`, which [`may_be_doubtful`], is an ordinary word
    /// capitalised for where it stands rather than part of a name: the
    /// article writes it (or an inflection of it) in lowercase, and never
    /// capitalised in running text.
    fn doubtful(&self, w: &str) -> bool {
        if self.vouched.contains(&lower_hash(w)) {
            return false;
        }
        let mut form = w.to_lowercase();
        let word = form.len();
        let has = |form: &mut String, ending: &str| {
            form.truncate(word);
            form.push_str(ending);
            self.lowercase.contains(&lower_hash(form))
        };
        if ["", "s", "es", "d", "ed", "ing"]
            .iter()
            .any(|e| has(&mut form, e))
        {
            return true;
        }
        // `hiring` for `hire`, `rival` for `rivals`.
        form.truncate(word);
        if form.ends_with('e') || form.ends_with('s') {
            form.pop();
            let stem = form.len();
            let seen = self.lowercase.contains(&lower_hash(&form)) || {
                form.push_str("ing");
                self.lowercase.contains(&lower_hash(&form))
            };
            form.truncate(stem);
            return seen;
        }
        false
    }
}

/// Whether token `i` is capitalised, an English word, and stands in a
/// headline or is written in capitals: what [`Casing::doubtful`] looks
/// into further.
fn may_be_doubtful(t: &Text, sentence_of: &[Sentence], i: usize) -> bool {
    let w = t.words[i];
    starts_upper(w)
        && (sentence_of[i] != Sentence::Running || in_capitals(w))
        && t.lexicon.is_common(w)
}

/// What kind of capitals a sentence has: written in capitals (two words
/// or more with letters, none lowercase), a title-case headline (at most
/// 30 tokens, no word in lowercase but the short function words title
/// case leaves so, three capitalised words at least, two of them
/// ordinary English words), or running text.
fn sentence_kind(t: &Text, range: Range<usize>) -> Sentence {
    let words = &t.words[range];
    let function_word = |w: &str| TITLE_CASE_LOWER.iter().any(|f| f.eq_ignore_ascii_case(w));
    let (mut lettered, mut capitalised, mut lowercase) = (0, 0, false);
    for w in words {
        let Some(first) = w.chars().find(|c| c.is_alphabetic()) else {
            continue;
        };
        lettered += 1;
        if w.starts_with(first) && first.is_lowercase() && !function_word(w) {
            // Running text, most sentences: known at their first such word.
            return Sentence::Running;
        }
        capitalised += usize::from(w.starts_with(first) && first.is_uppercase());
        lowercase |= w.chars().any(char::is_lowercase);
    }
    if lettered >= 2 && !lowercase {
        return Sentence::Capitals;
    }
    if words.len() > 30 || capitalised < 3 {
        return Sentence::Running;
    }
    let ordinary = words
        .iter()
        .filter(|w| starts_upper(w) && !function_word(w) && t.lexicon.is_common(w))
        .take(2)
        .count();
    if ordinary >= 2 {
        Sentence::TitleCase
    } else {
        Sentence::Running
    }
}

/// The words title case leaves in lowercase (`Sixers Hire Cheeks as Head
/// Coach`); any other lowercase word makes a sentence running text.
const TITLE_CASE_LOWER: &[&str] = &[
    "a", "an", "and", "as", "at", "but", "by", "for", "from", "in", "into", "nor", "of", "on",
    "onto", "or", "over", "per", "the", "to", "up", "via", "vs", "vs.", "with", "'s", "’s",
];

/// Ordinary words capitalised only because they stand in a headline or
/// are written in capitals for emphasis leave names (`Hire Maurice
/// Cheeks`, `TRUMP AND`): what they separated are names of their own,
/// whose kind was the whole's (`Rovers Hire Jonas Kettering`), and a name
/// of nothing else goes (`LIVE`, `VIDEO`), and names the article writes
/// in running text come out of a headline's span whole, its ordinary words
/// between them gone (`Microsoft Launches Emergency Patch for Internet
/// Explorer`). Words of a name the gazetteer knows stay.
pub(super) fn uncertain_capitals(t: &Text, spans: &mut Spans, _: &mut Vec<Link>) {
    let words = t.words;
    let sentence_of = sentence_kinds(t);
    let candidates: Vec<usize> = spans
        .iter()
        .filter(|s| !s.origin.is_settled())
        .flat_map(|s| s.range())
        .filter(|&i| may_be_doubtful(t, &sentence_of, i))
        .collect();
    // Most articles have no word to doubt: the sets are not built.
    if candidates.is_empty() {
        return;
    }
    let casing = Casing::of(t, &sentence_of, candidates.iter().copied());
    let mut doubtful = vec![false; words.len()];
    for &i in &candidates {
        doubtful[i] = casing.doubtful(words[i]);
    }
    // A name the tagger also reads in running text, whole, is a name
    // (`Advanced Micro Devices` in a headline and opening a sentence).
    let text_of = |s: &Span| {
        words[s.range()]
            .iter()
            .fold(SEED, |h, w| mix(h, lower_hash(w)))
    };
    let running: FxHashSet<u64> = spans
        .iter()
        .filter(|s| {
            sentence_of[s.start] == Sentence::Running && !s.range().any(|i| in_capitals(words[i]))
        })
        .map(text_of)
        .collect();
    // One ordinary word alone in a title-case headline, that the article
    // never capitalises in running text, names nothing (`Teen Arrested
    // in Shooting`, `HP Snaps Up Data Center Consulting Firm`), though
    // the article never writes it in lowercase either; an acronym
    // (`HP`) is no ordinary word.
    let lone_word = |r: &Range<usize>| {
        r.len() == 1
            && sentence_of[r.start] == Sentence::TitleCase
            && !in_capitals(words[r.start])
            && may_be_doubtful(t, &sentence_of, r.start)
            && !casing.vouches(words[r.start])
            && t.gaz.matches(&words[r.clone()]).is_empty()
            && !running.contains(&mix(SEED, lower_hash(words[r.start])))
    };
    // Ordinary words opening or closing a name in a headline, around a
    // name the article writes by itself in running text (after a title
    // there: `Dr. Regina Benjamin`; an acronym: `EYP`), are the
    // headline's verb or the name's title (`Obama To Nominate Regina
    // Benjamin`, `Energy Specialist EYP`, `Fred LaRue Dies`): as few as
    // make the rest that name. Not around a place, where they make
    // another place (`Southern Iran`).
    let titles = &lists().titles;
    let named: FxHashSet<u64> = spans
        .iter()
        .filter(|s| sentence_of[s.start] == Sentence::Running)
        .map(|s| {
            let title = titles.longest_at(&words[s.range()]).unwrap_or(0);
            let from = if title < s.len() {
                s.start + title
            } else {
                s.start
            };
            words[from..s.end]
                .iter()
                .fold(SEED, |h, w| mix(h, lower_hash(w)))
        })
        .chain(running.iter().copied())
        .collect();
    let ordinary = |i: usize| may_be_doubtful(t, &sentence_of, i) && !casing.vouches(words[i]);
    let is_named = |r: Range<usize>| {
        let h = words[r].iter().fold(SEED, |h, w| mix(h, lower_hash(w)));
        named.contains(&h)
    };
    let named_in = |s: &Span| -> Option<Range<usize>> {
        if sentence_of[s.start] == Sentence::Running
            || s.kind == Kind::Location
            || running.contains(&text_of(s))
        {
            return None;
        }
        let known = t.gaz.matches(&words[s.range()]);
        let opening = (s.start + 1..s.end)
            .take_while(|&i| ordinary(i - 1))
            .find(|&i| is_named(i..s.end))
            .filter(|_| !known.iter().any(|m| m.start == 0));
        // The same after the name (`Fred LaRue Dies`).
        let closing = || {
            (s.start + 1..s.end)
                .rev()
                .take_while(|&i| ordinary(i))
                .find(|&i| is_named(s.start..i))
                .filter(|_| !known.iter().any(|m| m.end == s.len()))
        };
        match opening {
            Some(from) => Some(from..s.end),
            None => closing().map(|to| s.start..to),
        }
    };
    // Names the article writes in running text, with a headline's
    // ordinary words between them, are those names alone (`Microsoft
    // Launches Emergency Patch for Internet Explorer`): the longest such
    // name at each word, left to right, the ordinary words and the short
    // words title case leaves in lowercase skipped; any other word keeps
    // the span as it is.
    let named_parts = |s: &Span| -> Option<Vec<Range<usize>>> {
        if sentence_of[s.start] == Sentence::Running
            || s.kind == Kind::Location
            || running.contains(&text_of(s))
        {
            return None;
        }
        let (mut parts, mut skipped, mut p) = (Vec::new(), false, s.start);
        while p < s.end {
            let longest = (p + 1..=s.end.min(p + MAX_NAME_TOKENS))
                .rev()
                .find(|&q| is_named(p..q));
            if let Some(q) = longest {
                parts.push(p..q);
                p = q;
            } else if ordinary(p) || TITLE_CASE_LOWER.contains(&words[p]) {
                skipped = true;
                p += 1;
            } else {
                return None;
            }
        }
        (skipped && !parts.is_empty()).then_some(parts)
    };
    spans.reshape(|s, pass, out| {
        if !s.origin.is_settled() && lone_word(&s.range()) {
            return;
        }
        if !s.origin.is_settled()
            && let Some(r) = named_in(s)
        {
            out.push(s.cut_part(r.start, r.end, pass));
            return;
        }
        if !s.origin.is_settled()
            && let Some(parts) = named_parts(s)
        {
            out.extend(parts.into_iter().map(|r| s.cut_part(r.start, r.end, pass)));
            return;
        }
        if s.origin.is_settled()
            || !doubtful[s.range()].contains(&true)
            || running.contains(&text_of(s))
        {
            out.push(*s);
            return;
        }
        let mut doubtful = doubtful[s.range()].to_vec();
        for m in t.gaz.matches(&words[s.range()]) {
            doubtful[m.start..m.end].fill(false);
        }
        // A word a lowercase connector follows heads a name (`National
        // Bank of Poland`).
        for (k, d) in doubtful.iter_mut().enumerate() {
            let next = s.start + k + 1;
            if next < s.end && inner_word(&words[next].to_lowercase()) {
                *d = false;
            }
        }
        // The doubtful words go; what they separated are names of their
        // own where they can be.
        let mut from = s.start;
        for i in s.start..=s.end {
            if i < s.end && !doubtful[i - s.start] {
                continue;
            }
            let r = word_range(words, from..i);
            if r == s.range() {
                out.push(*s);
            } else if can_be_name(words, &r) && !lone_word(&r) {
                out.push(s.cut_part(r.start, r.end, pass));
            }
            from = i + 1;
        }
    });
}

/// A capitalised word right before a name in running text is the name's
/// first word the tagger left out (`after Advanced Micro Devices
/// announced`), unless a list says it stands apart: a title, a role, a
/// function word, a month or a day, a place or people the gazetteer
/// knows, or a title before a person. Where it opens a sentence its
/// capital says nothing, so it joins only when the article capitalises it
/// inside running text too, or writes the acronym the name with it
/// spells. An initial before a name that opens with one is part of it in
/// any sentence, even where the tagger made it a name of its own (`U.`
/// and `S. Geological Survey`), and so is a given name before a person's
/// name that opens on an initial (`Frederick` and `C. LaRue`).
pub(super) fn capitalised_openers(t: &Text, spans: &mut Spans, _: &mut Vec<Link>) {
    let words = t.words;
    let l = lists();
    // A word that may start a name and is no title, no English word and
    // no day or month.
    let plain = |w: &str| {
        starts_upper(w)
            && !in_capitals(w)
            && letters(w) >= 3
            && w.chars().all(|c| c.is_alphabetic() || c == '-')
            && !l.titles.contains(w)
            && !l.personal_titles.contains(w)
            && !l.leading_noise.contains(w)
            && !l.roles.contains(&w.to_lowercase())
            && !crate::entities::dates::is_calendar_word(w)
    };
    // `the U. S. Velm Survey`, where a full stop after `U` seemed to end
    // a sentence: a lowercase word before the initial says it did not.
    let after_lowercase = |p: usize| {
        p.checked_sub(1)
            .is_some_and(|q| words[q].chars().next().is_some_and(char::is_lowercase))
    };
    // Spans by value: inserting the initials' spans moves the indices.
    let mut found: Vec<(Span, usize)> = Vec::new();
    let mut initials: Vec<usize> = Vec::new();
    for (i, s) in spans.iter().enumerate() {
        let Some(p) = s.start.checked_sub(1) else {
            continue;
        };
        let w = words[p];
        let free = i == 0 || spans[i - 1].end <= p;
        // The word may be a name of its own to the tagger (`U.`,
        // `Frederick`).
        let lone_word = i > 0 && {
            let q = spans[i - 1];
            q.start == p && q.end == s.start && !q.origin.is_settled()
        };
        // A person's name opening on an initial follows its given name in
        // its sentence, wherever that stands (`Frederick C. LaRue`): a
        // plain word no English word, nor a place but a city, whose
        // names are given names too.
        let given_name = || {
            s.kind == Kind::Person
                && !t.sentence_start[s.start]
                && plain(w)
                && !t.lexicon.is_common(w)
                && t.gaz
                    .lookup(&[w])
                    .is_none_or(|hit| hit.primary == Category::City)
        };
        if (free || lone_word)
            && !s.origin.is_settled()
            && is_initial(words[s.start])
            && (is_initial(w) && (!t.sentence_start[s.start] || after_lowercase(p)) || given_name())
        {
            initials.push(i);
            continue;
        }
        // Before a person the word is most often a title no list holds
        // (`Trooper`, `Moviemaker`): only a `person` ending in an
        // ordinary word (`Micro Devices`) or a company's suffix was
        // misread.
        let doubtful_person = || {
            s.kind != Kind::Person
                || t.lexicon.is_common(words[s.end - 1])
                || is_corporate(words[s.end - 1])
        };
        // A name opening a sentence takes nothing from the sentence
        // before (a heading's `Early Years` / `Bettie Mae Page`).
        if s.origin.is_settled()
            || !free
            || t.crosses_sentence(p, s.end)
            || !doubtful_person()
            || !plain(w)
            || t.gaz.lookup(&[w]).is_some()
        {
            continue;
        }
        found.push((*s, p));
    }
    for &i in initials.iter().rev() {
        let s = spans[i];
        spans.insert(
            Span {
                start: s.start - 1,
                ..s
            },
            Overlap::Covered,
        );
    }
    if found.is_empty() {
        return;
    }
    let sentence_of = sentence_kinds(t);
    let casing = Casing::of(t, &sentence_of, found.iter().map(|&(_, p)| p));
    // The article's acronyms: one that spells the name with the word
    // (`AMD` for `Advanced Micro Devices`) vouches for it anywhere.
    let acronyms: FxHashSet<&str> = words.iter().copied().filter(|w| in_capitals(w)).collect();
    // The capitals of a name's words, without a company's suffix (`AMD`
    // of `Advanced Micro Devices Inc.`).
    let spelled = |r: Range<usize>| -> String {
        let mut end = r.end;
        while end > r.start + 1 && is_corporate(words[end - 1]) {
            end -= 1;
        }
        let capitals = words[r.start..end].iter().filter_map(|w| w.chars().next());
        capitals.filter(|c| c.is_uppercase()).collect()
    };
    for &(s, p) in found.iter().rev() {
        let opening = opens_clause(t, p) && !casing.vouches(words[p]);
        if sentence_of[p] != Sentence::Running
            || (opening && !acronyms.contains(spelled(p..s.end).as_str()))
        {
            continue;
        }
        // A `person` that opens and ends on ordinary words is a body.
        let kind = match s.kind {
            Kind::Person => Kind::Organization,
            k => k,
        };
        spans.insert(
            Span {
                start: p,
                kind,
                ..s
            },
            Overlap::Covered,
        );
    }
}

#[cfg(test)]
mod tests {
    use super::super::test_util::*;
    use super::super::{Origin, Span};
    use crate::entities::kind::Kind;

    #[test]
    fn a_capitalised_word_before_a_name_opens_it() {
        let w = words(
            "Shares rose after Advanced Quantum Systems said so . Trooper Dale Corm spoke . \
             Advanced Velm Devices ( AVD ) rose . Bright Orsa Devices fell . \
             Analysts at Velm Partners and the Interior Velm Corm spoke .",
        );
        let mut spans = tagged(&[
            find(&w, "Quantum Systems", Kind::Person),
            find(&w, "Dale Corm", Kind::Person),
            find(&w, "Velm Devices", Kind::Person),
            find(&w, "Orsa Devices", Kind::Organization),
            find(&w, "Velm Partners", Kind::Organization),
            find(&w, "Velm Corm", Kind::Person),
        ]);
        run(&["capitalised_openers"], &w, &mut spans);
        assert_eq!(
            show(&w, &spans),
            [
                // Inside running text the capital means a name.
                ("Advanced Quantum Systems".into(), Kind::Organization),
                // Before a person's name, a title no list holds.
                ("Dale Corm".into(), Kind::Person),
                // Opening a sentence, the acronym vouches for it.
                ("Advanced Velm Devices".into(), Kind::Organization),
                // Opening a sentence, nothing does.
                ("Orsa Devices".into(), Kind::Organization),
                ("Velm Partners".into(), Kind::Organization),
                ("Velm Corm".into(), Kind::Person),
            ]
        );
    }

    #[test]
    fn a_name_opening_a_paragraph_takes_no_word_from_the_one_before() {
        let text = "Shares rose , said VelmToday\n\nOrsa Devices fell . Early Years\n\nTova Renn Page was born .";
        let w = words(text);
        let mut spans = tagged(&[
            find(&w, "Orsa Devices", Kind::Organization),
            find(&w, "Tova Renn Page", Kind::Organization),
        ]);
        run_sentences(&["capitalised_openers"], &w, text, &mut spans);
        assert_eq!(
            show(&w, &spans),
            [
                ("Orsa Devices".into(), Kind::Organization),
                ("Tova Renn Page".into(), Kind::Organization),
            ]
        );
    }

    #[test]
    fn an_initial_before_a_name_opening_with_one_joins_it() {
        let w =
            words("Data from the U. S. Velm Survey and from J. K. Orsa , and Plan B. Tarn left .");
        let mut spans = tagged(&[
            find(&w, "U.", Kind::Location),
            find(&w, "S. Velm Survey", Kind::Organization),
            find(&w, "K. Orsa", Kind::Person),
            find(&w, "Tarn", Kind::Person),
        ]);
        run(&["capitalised_openers"], &w, &mut spans);
        assert_eq!(
            show(&w, &spans),
            [
                ("U. S. Velm Survey".into(), Kind::Organization),
                ("J. K. Orsa".into(), Kind::Person),
                ("Tarn".into(), Kind::Person),
            ]
        );
    }

    #[test]
    fn names_open_and_close_on_words() {
        let w = words(
            "Shares of Ardent’s rival and the Velm Liberals' leader fell , fans of ' Star Quest ' \
             said , and crowds at Lord's , cheering .",
        );
        let mut spans = tagged(&[
            find(&w, "Ardent ’s", Kind::Organization),
            find(&w, "Velm Liberals '", Kind::Organization),
            find(&w, "' Star Quest '", Kind::Misc),
            find(&w, "Lord 's", Kind::Location),
        ]);
        run(&["word_edges"], &w, &mut spans);
        assert_eq!(
            show(&w, &spans),
            [
                ("Ardent".into(), Kind::Organization),
                ("Velm Liberals".into(), Kind::Organization),
                ("Star Quest".into(), Kind::Misc),
                // No word follows: not a possessive but the name's own.
                ("Lord 's".into(), Kind::Location),
            ]
        );
        // Trimmed of what was never part of it, a span keeps its origin.
        assert!(spans.iter().all(|s| s.origin == Origin::Tagger(0.5)));
    }

    #[test]
    fn a_quote_or_a_run_of_punctuation_ends_a_name() {
        let w = words(
            "He gave the Address to the Nation ” on Sunday in Velm & & & & Orsa ; Tarn Vale today .",
        );
        let mut spans = tagged(&[
            find(&w, "Address to the Nation ” on Sunday", Kind::Misc),
            find(&w, "Velm & & & & Orsa ; Tarn Vale", Kind::Organization),
        ]);
        run(&["word_edges"], &w, &mut spans);
        assert_eq!(
            show(&w, &spans),
            [
                ("Address to the Nation".into(), Kind::Misc),
                ("Velm".into(), Kind::Organization),
                ("Orsa".into(), Kind::Organization),
                ("Tarn Vale".into(), Kind::Organization),
            ]
        );
        assert_eq!(spans[0].origin, Origin::Cut("word_edges"));
    }

    #[test]
    fn a_possessive_after_a_name_standing_alone_ends_it() {
        let w = words(
            "Velm Post said so . The VTX's Frances Orsek reported . Velm Post's Tarn Kessa \
             wrote . The People's Velm Army and the Sheriff's Department left .",
        );
        let mut spans = tagged(&[
            find(&w, "Velm Post", Kind::Organization),
            find(&w, "VTX 's Frances Orsek", Kind::Organization),
            find(&w, "Velm Post 's Tarn Kessa", Kind::Organization),
            find(&w, "People 's Velm Army", Kind::Organization),
            find(&w, "Sheriff 's Department", Kind::Organization),
        ]);
        run(&["word_edges"], &w, &mut spans);
        assert_eq!(
            show(&w, &spans),
            [
                ("Velm Post".into(), Kind::Organization),
                ("VTX".into(), Kind::Organization),
                // A given name the dictionary lists opens a person's name.
                ("Frances Orsek".into(), Kind::Person),
                ("Velm Post".into(), Kind::Organization),
                ("Tarn Kessa".into(), Kind::Organization),
                // A common noun's possessive builds a name.
                ("People 's Velm Army".into(), Kind::Organization),
                ("Sheriff 's Department".into(), Kind::Organization),
            ]
        );
        assert_eq!(spans[2].origin, Origin::Cut("word_edges"));
    }

    #[test]
    fn two_names_joined_by_and_are_two() {
        let w = words(
            "Velm XP said so . Frances Quist and Tim Orsek met ; Velm XP and Velm Nine sold ; \
             Velm Nine rose . The Securities and Exchange Velm and the Tarn and Kessa Trust left .",
        );
        let mut spans = tagged(&[
            find(&w, "Velm XP", Kind::Misc),
            find(&w, "Frances Quist and Tim Orsek", Kind::Organization),
            find(&w, "Velm XP and Velm Nine", Kind::Misc),
            find(&w, "Velm Nine rose", Kind::Misc),
            find(&w, "Securities and Exchange Velm", Kind::Organization),
            find(&w, "Tarn and Kessa Trust", Kind::Organization),
        ]);
        spans.reshape(|s, _, out| {
            // `Velm Nine` alone.
            out.push(if w[s.range()].ends_with(&["rose"]) {
                Span {
                    end: s.end - 1,
                    ..*s
                }
            } else {
                *s
            })
        });
        run(&["word_edges"], &w, &mut spans);
        assert_eq!(
            show(&w, &spans),
            [
                ("Velm XP".into(), Kind::Misc),
                ("Frances Quist".into(), Kind::Person),
                ("Tim Orsek".into(), Kind::Person),
                ("Velm XP".into(), Kind::Misc),
                ("Velm Nine".into(), Kind::Misc),
                ("Velm Nine".into(), Kind::Misc),
                ("Securities and Exchange Velm".into(), Kind::Organization),
                ("Tarn and Kessa Trust".into(), Kind::Organization),
            ]
        );
        // The tagger's own cut at an `and` is no evidence of a name alone.
        let w = words("The Orsa and Kessa Service spoke ; the Orsa and Kessa Service left .");
        let mut spans = tagged(&[
            find(&w, "Orsa", Kind::Misc),
            find(&w, "Kessa Service spoke", Kind::Organization),
        ]);
        spans.reshape(|s, _, out| {
            out.push(if w[s.range()].ends_with(&["spoke"]) {
                Span {
                    end: s.end - 1,
                    ..*s
                }
            } else {
                *s
            })
        });
        let second = w.iter().rposition(|x| *x == "Orsa").unwrap();
        spans.insert(
            Span::new(second, second + 4, Kind::Organization, Origin::Tagger(0.5)),
            crate::entities::rules::Overlap::Gap,
        );
        run(&["word_edges"], &w, &mut spans);
        assert_eq!(show(&w, &spans)[2].0, "Orsa and Kessa Service");
    }

    #[test]
    fn a_companys_suffix_alone_is_no_name() {
        let w = words("Velm Sorority , Inc. , and Orsa Co. , and Inc. Tarn rose .");
        let mut spans = tagged(&[
            find(&w, "Velm Sorority", Kind::Organization),
            find(&w, "Inc.", Kind::Person),
            find(&w, "Orsa Co.", Kind::Organization),
            find(&w, "Inc. Tarn", Kind::Organization),
        ]);
        run(&["word_edges"], &w, &mut spans);
        assert_eq!(
            show(&w, &spans),
            [
                ("Velm Sorority".into(), Kind::Organization),
                ("Orsa Co.".into(), Kind::Organization),
                ("Inc. Tarn".into(), Kind::Organization),
            ]
        );
    }

    #[test]
    fn a_comma_parts_names_but_a_places() {
        let w = words("Members of the radical Velm Underground , Tarn died in Orsa , Vale today .");
        let mut spans = tagged(&[
            find(&w, "Velm Underground , Tarn", Kind::Organization),
            find(&w, "Orsa , Vale", Kind::Location),
        ]);
        run(&["word_edges"], &w, &mut spans);
        assert_eq!(
            show(&w, &spans),
            [
                ("Velm Underground".into(), Kind::Organization),
                ("Tarn".into(), Kind::Organization),
                ("Orsa , Vale".into(), Kind::Location),
            ]
        );
    }

    #[test]
    fn a_bodys_list_of_fields_keeps_its_commas() {
        let w = words(
            "The Bureau of Velm , Tarn , Orsa and Quist said so . The Bureau of Velm , Tarn said so .",
        );
        let mut spans = tagged(&[
            find(
                &w,
                "Bureau of Velm , Tarn , Orsa and Quist",
                Kind::Organization,
            ),
            find_nth(&w, "Bureau of Velm , Tarn", 1, Kind::Organization),
        ]);
        run(&["word_edges"], &w, &mut spans);
        assert_eq!(
            show(&w, &spans),
            [
                (
                    "Bureau of Velm , Tarn , Orsa and Quist".into(),
                    Kind::Organization
                ),
                ("Bureau of Velm".into(), Kind::Organization),
                ("Tarn".into(), Kind::Organization),
            ]
        );
    }

    #[test]
    fn an_ampersand_or_a_plural_apostrophe_stays_inside_a_name() {
        let w = words("Shares of Torvik & Sons rose before the Velm Workers' Party met .");
        let mut spans = tagged(&[
            find(&w, "Torvik & Sons", Kind::Organization),
            find(&w, "Velm Workers ' Party", Kind::Organization),
        ]);
        run(&["word_edges"], &w, &mut spans);
        assert_eq!(
            show(&w, &spans),
            [
                ("Torvik & Sons".into(), Kind::Organization),
                ("Velm Workers ' Party".into(), Kind::Organization),
            ]
        );
    }

    #[test]
    fn a_name_starts_with_a_word_and_has_a_length_a_name_can_have() {
        // Fifty `&` tokens then a word (`&amp;` decoded fifty times).
        let text = format!("Reports say {}Benghazi was calm .", "& ".repeat(50));
        let w = words(&text);
        let first = w.iter().position(|x| *x == "&").unwrap();
        let benghazi = w.iter().position(|x| *x == "Benghazi").unwrap();
        let whole = Span::new(first, benghazi + 1, Kind::Organization, Origin::Tagger(0.5));
        let mut spans = tagged(&[whole]);
        assert_eq!(spans[0].len(), 51);
        run(&["word_edges"], &w, &mut spans);
        assert_eq!(show(&w, &spans), [("Benghazi".into(), Kind::Organization)]);
        let long = "Alpha Beta Gamma Delta Epsilon Zeta Eta Theta Iota Kappa Lambda Mu Nu";
        let w = words(long);
        let mut spans = tagged(&[find(&w, long, Kind::Organization)]);
        run(&["word_edges"], &w, &mut spans);
        assert!(spans.is_empty(), "{} tokens", w.len());
    }

    #[test]
    fn headline_words_before_a_name_the_article_names_leave_it() {
        let text = format!(
            "Orsa To Nominate Dara Quist as Envoy , Acquire Velm Tarn , Southern Velm , Energy \
             Specialist VTX , Tarn Orsek Dies\n\n{BODY} The president will name Dr. Dara Quist \
             today in Velm . VTX said so , after Tarn Orsek ."
        );
        let w = sentences_of(&text);
        let headline = [
            find(&w, "Orsa", Kind::Organization),
            find(&w, "Nominate Dara Quist", Kind::Person),
            find(&w, "Acquire Velm Tarn", Kind::Organization),
            find(&w, "Southern Velm", Kind::Location),
            find(&w, "Specialist VTX", Kind::Organization),
            find(&w, "Tarn Orsek Dies", Kind::Person),
        ];
        // The body's `Dr. Dara Quist`, `Velm` and `VTX`.
        let dr = w.iter().position(|&x| x == "Dr.").expect("in the body");
        let velm = w.iter().rposition(|&x| x == "Velm").expect("in the body");
        let vtx = w.iter().rposition(|&x| x == "VTX").expect("in the body");
        let tarn = w.iter().rposition(|&x| x == "Tarn").expect("in the body");
        let body = [
            Span::new(dr, dr + 3, Kind::Person, Origin::Tagger(0.5)),
            Span::new(velm, velm + 1, Kind::Location, Origin::Tagger(0.5)),
            Span::new(vtx, vtx + 1, Kind::Organization, Origin::Tagger(0.5)),
            Span::new(tarn, tarn + 2, Kind::Person, Origin::Tagger(0.5)),
        ];
        let mut spans = tagged(&[headline.as_slice(), &body].concat());
        run_sentences(&["uncertain_capitals"], &w, &text, &mut spans);
        assert_eq!(
            show(&w, &spans),
            [
                ("Orsa".into(), Kind::Organization),
                ("Dara Quist".into(), Kind::Person),
                // Nothing names `Velm Tarn` alone: nothing says `Acquire`
                // is no part of it.
                ("Acquire Velm Tarn".into(), Kind::Organization),
                // Before a place, another place.
                ("Southern Velm".into(), Kind::Location),
                ("VTX".into(), Kind::Organization),
                ("Tarn Orsek".into(), Kind::Person),
                ("Dr. Dara Quist".into(), Kind::Person),
                ("Velm".into(), Kind::Location),
                ("VTX".into(), Kind::Organization),
                ("Tarn Orsek".into(), Kind::Person),
            ]
        );
        assert_eq!(spans[1].origin, Origin::Cut("uncertain_capitals"));
        // Without the name in running text the headline's span stays.
        let mut spans = tagged(&headline);
        run_sentences(&["uncertain_capitals"], &w, &text, &mut spans);
        assert_eq!(show(&w, &spans)[1].0, "Nominate Dara Quist");
    }

    #[test]
    fn an_age_before_a_name_is_no_part_of_it() {
        let w = words(
            "Orsa rose as 20-year-old Tova Renn won ; the 76ers and 6-foot Dale Quist lost .",
        );
        let as_ = w.iter().position(|&x| x == "as").unwrap();
        let foot = w.iter().position(|&x| x == "6-foot").unwrap();
        let mut spans = tagged(&[
            Span::new(0, as_ + 4, Kind::Organization, Origin::Tagger(0.5)),
            find(&w, "76ers", Kind::Organization),
            Span::new(foot, foot + 3, Kind::Person, Origin::Tagger(0.5)),
        ]);
        run(&["word_edges"], &w, &mut spans);
        assert_eq!(
            show(&w, &spans),
            [
                ("Orsa".into(), Kind::Organization),
                ("Tova Renn".into(), Kind::Organization),
                ("76ers".into(), Kind::Organization),
                ("Dale Quist".into(), Kind::Person),
            ]
        );
    }

    #[test]
    fn names_the_article_writes_come_out_of_a_headline_between_ordinary_words() {
        let text = format!(
            "Orsa Launches Emergency Patch for Velm Tarn\n\nOrsa Buys Zorvex for Velm Tarn\n\n\
             {BODY} Orsa sent a patch for Velm Tarn ."
        );
        let w = sentences_of(&text);
        let second = w.iter().position(|&x| x == "Buys").expect("a headline") - 1;
        let orsa = w.iter().rposition(|&x| x == "Orsa").expect("in the body");
        let tarn = w.iter().rposition(|&x| x == "Velm").expect("in the body");
        let mut spans = tagged(&[
            Span::new(0, 7, Kind::Organization, Origin::Tagger(0.5)),
            Span::new(second, second + 6, Kind::Organization, Origin::Tagger(0.5)),
            Span::new(orsa, orsa + 1, Kind::Organization, Origin::Tagger(0.5)),
            Span::new(tarn, tarn + 2, Kind::Misc, Origin::Tagger(0.5)),
        ]);
        run_sentences(&["uncertain_capitals"], &w, &text, &mut spans);
        assert_eq!(
            show(&w, &spans),
            [
                ("Orsa".into(), Kind::Organization),
                ("Velm Tarn".into(), Kind::Organization),
                // `Zorvex` is no English word: nothing says it is no name.
                ("Orsa Buys Zorvex for Velm Tarn".into(), Kind::Organization),
                ("Orsa".into(), Kind::Organization),
                ("Velm Tarn".into(), Kind::Misc),
            ]
        );
        assert_eq!(spans[1].origin, Origin::Cut("uncertain_capitals"));
    }

    #[test]
    fn a_given_name_before_an_initial_and_a_companys_acronym_open_a_name() {
        let w = words(
            "Tarquin C. Velm , an aide , died . Yesterday J. Orsa spoke . Dalbert R. Tarn and \
             Osric B. Quell met . \
             Advanced Orsa Devices Inc. said AOD rose . Bright Orsa Devices Inc. fell .",
        );
        let less = |s: Span| Span {
            end: s.end - 1,
            ..s
        };
        let mut spans = tagged(&[
            find(&w, "C. Velm", Kind::Person),
            find(&w, "J. Orsa", Kind::Person),
            // The tagger's name of its own.
            find(&w, "Dalbert", Kind::Location),
            find(&w, "R. Tarn", Kind::Person),
            find(&w, "B. Quell", Kind::Person),
            // Without the word after them (found by it).
            less(find(&w, "Orsa Devices Inc. said", Kind::Person)),
            less(find(&w, "Orsa Devices Inc. fell", Kind::Organization)),
        ]);
        run(&["capitalised_openers"], &w, &mut spans);
        assert_eq!(
            show(&w, &spans),
            [
                // A given name, though it opens the sentence.
                ("Tarquin C. Velm".into(), Kind::Person),
                // An English word opening a sentence is no given name.
                ("J. Orsa".into(), Kind::Person),
                ("Dalbert R. Tarn".into(), Kind::Person),
                ("Osric B. Quell".into(), Kind::Person),
                // The acronym spells the name without its `Inc.`.
                ("Advanced Orsa Devices Inc.".into(), Kind::Organization),
                ("Orsa Devices Inc.".into(), Kind::Organization),
            ]
        );
    }

    /// An article body of running text after its headline: it writes
    /// `hire`, `once`, `live`, `video`, `and` in lowercase.
    const BODY: &str = "The club said on Tuesday that it would hire a new coach , and fans \
                        who were once rivals watched the news live on video .";

    fn sentences_of(text: &str) -> Vec<&str> {
        let tokens = crate::entities::tokens::tokenize(text);
        tokens.iter().map(|t| t.text(text)).collect()
    }

    #[test]
    fn a_lone_ordinary_word_of_a_headline_is_no_name() {
        let text = format!(
            "Teen Arrested After Shooting Near Orsa Park\n\n{BODY} Police in Orsa said a \
             young man was arrested . Apple Unveils New Phone\n\nShares of Apple rose ."
        );
        let w = sentences_of(&text);
        let mut spans = tagged(&[
            find(&w, "Teen Arrested", Kind::Person),
            find(&w, "Orsa Park", Kind::Location),
            find(&w, "Apple", Kind::Organization),
        ]);
        run_sentences(&["uncertain_capitals"], &w, &text, &mut spans);
        // `Apple` is capitalised in running text: a name in the headline too.
        assert_eq!(
            show(&w, &spans),
            [
                ("Orsa Park".into(), Kind::Location),
                ("Apple".into(), Kind::Organization),
            ]
        );
    }

    #[test]
    fn ordinary_words_of_a_headline_leave_names() {
        let text = format!(
            "Orsa Vikings to Hire Lena Marsh as Head Coach\n\n{BODY} The Orsa Vikings named \
             Lena Marsh on Monday ."
        );
        let w = sentences_of(&text);
        let mut spans = tagged(&[
            find(&w, "Orsa Vikings", Kind::Organization),
            find(&w, "Hire Lena Marsh", Kind::Person),
        ]);
        run_sentences(&["uncertain_capitals"], &w, &text, &mut spans);
        assert_eq!(
            show(&w, &spans),
            [
                ("Orsa Vikings".into(), Kind::Organization),
                ("Lena Marsh".into(), Kind::Person),
            ]
        );
        assert_eq!(spans[0].origin, Origin::Tagger(0.5));
        assert_eq!(spans[1].origin, Origin::Cut("uncertain_capitals"));
    }

    #[test]
    fn words_in_capitals_for_emphasis_are_not_names() {
        let text = format!("{BODY} LIVE : VIDEO of the Orsa Vikings and NATO leaders .");
        let w = words(&text);
        let mut spans = tagged(&[
            find(&w, "LIVE", Kind::Organization),
            find(&w, "VIDEO", Kind::Organization),
            find(&w, "Orsa Vikings", Kind::Organization),
            find(&w, "NATO", Kind::Organization),
        ]);
        run(&["uncertain_capitals"], &w, &mut spans);
        assert_eq!(
            show(&w, &spans),
            [
                ("Orsa Vikings".into(), Kind::Organization),
                ("NATO".into(), Kind::Organization),
            ]
        );
    }

    #[test]
    fn a_headline_in_capitals_makes_no_names_of_ordinary_words() {
        let text = format!(
            "MARSH AND VALE ONCE RIVALS NOW TEAM-MATES\n\n{BODY} Lena Marsh met Tom Vale ."
        );
        let w = sentences_of(&text);
        let mut spans = tagged(&[
            find(&w, "MARSH AND", Kind::Person),
            find(&w, "VALE", Kind::Person),
            find(&w, "ONCE RIVALS", Kind::Misc),
        ]);
        run_sentences(&["uncertain_capitals"], &w, &text, &mut spans);
        // `MARSH` and `VALE` are written as names in the body, `and`,
        // `once` and `rivals` as ordinary words.
        assert_eq!(
            show(&w, &spans),
            [
                ("MARSH".into(), Kind::Person),
                ("VALE".into(), Kind::Person)
            ]
        );
    }

    #[test]
    fn headline_words_the_article_never_writes_in_lowercase_stay() {
        // A results table and a headline of names: nothing says their
        // words are ordinary ones here (`Blue`, `Golden`, `Eagles`).
        let text = format!(
            "Orsa Blue Birds 3 Kessa Red Foxes 1\n\nVelm Golden Eagles Beat Tarn Rovers\n\n{BODY}"
        );
        let w = sentences_of(&text);
        let mut spans = tagged(&[
            find(&w, "Orsa Blue Birds", Kind::Organization),
            find(&w, "Kessa Red Foxes", Kind::Organization),
            find(&w, "Velm Golden Eagles", Kind::Organization),
        ]);
        let before = show(&w, &spans);
        run_sentences(&["uncertain_capitals"], &w, &text, &mut spans);
        assert_eq!(show(&w, &spans), before);
    }

    #[test]
    fn known_names_keep_their_ordinary_words() {
        let text = format!("UNITED NATIONS LIVE\n\n{BODY} The nations united .");
        let w = sentences_of(&text);
        let mut spans = tagged(&[find(&w, "UNITED NATIONS", Kind::Organization)]);
        run_sentences(&["uncertain_capitals"], &w, &text, &mut spans);
        assert_eq!(
            show(&w, &spans),
            [("UNITED NATIONS".into(), Kind::Organization)]
        );
    }
}

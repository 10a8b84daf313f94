//! Pairs of people's names that may be one person written two ways:
//! with another form of the given name (`Bill Hakim`, `William Hakim`),
//! or with a slip in the spelling of one word (`Duncan Rait`, `Duncan
//! Raite`). Only the pairs: whether a pair is one person is for the
//! rules of [`super::link`] to decide. Both are found through an index,
//! never by comparing every two people of the corpus.

use crate::base::hash::{FxHashMap, SEED, mix};

use super::keys::words;
use super::nicknames;

/// The shortest word a spelling slip is read in, in the longer of its
/// two spellings (`Raite` of `Rait`). One letter more, less or changed
/// turns a shorter word into another real name too often (`Mark`/`Mary`,
/// `Dan`/`Don`, `Ross`/`Rose`, `Hall`/`Hill`, `Li`/`Liu`): from five
/// letters on, a name one edit from another is far more often the same
/// name mistyped, and the pairs that are not (`Andrea`/`Andreas`,
/// `Francis`/`Frances`, `Ross`/`Rossi`) are left to the context and
/// co-occurrence checks of the rule.
pub(super) const MIN_SLIP: usize = 5;

/// The pairs `(a, b)`, `a < b`, of `people` (each an id and a person's
/// loose key of two words or more) whose names are the same but for the
/// first word, and whose first words the list of given names gives as
/// directly one name (`bill hakim`, `william hakim`). Sorted, no repeats.
pub(super) fn nickname_pairs(people: &[(usize, &str)]) -> Vec<(usize, usize)> {
    let mut by_name: FxHashMap<(&str, &str), Vec<usize>> = FxHashMap::default();
    for &(id, loose) in people {
        if let Some(key) = split(loose) {
            by_name.entry(key).or_default().push(id);
        }
    }
    let mut pairs = Vec::new();
    for &(id, loose) in people {
        let Some((given, rest)) = split(loose) else {
            continue;
        };
        for &other in nicknames::variants(given) {
            for &o in by_name.get(&(other, rest)).into_iter().flatten() {
                if o != id {
                    pairs.push((id.min(o), id.max(o)));
                }
            }
        }
    }
    pairs.sort_unstable();
    pairs.dedup();
    pairs
}

/// A name's first word and the rest (from the space before the second
/// word); `None` for one word.
fn split(loose: &str) -> Option<(&str, &str)> {
    let loose = loose.trim_start();
    let at = loose.find(' ')?;
    let rest = &loose[at..];
    (!rest.trim().is_empty()).then_some((&loose[..at], rest))
}

/// The pairs `(a, b)`, `a < b`, of `people` (as for [`nickname_pairs`])
/// whose names have as many words, all the same but one, and that one
/// differs by one letter added, dropped or changed in a word of at least
/// [`MIN_SLIP`] letters in its longer spelling (`duncan rait`, `duncan raite`; `jermayne
/// timmons`, `jerymayne timmons`). Sorted, no repeats.
///
/// Each name is indexed under each of its long words with one letter
/// left out, and as it is: two names one edit apart share a key (a
/// change leaves out the same letter of both, an added letter left out
/// gives the other name), and what shares a key by chance is checked.
pub(super) fn slip_pairs(people: &[(usize, &str)]) -> Vec<(usize, usize)> {
    let mut keys: Vec<(u64, u32)> = Vec::new();
    let mut names: Vec<Vec<&str>> = Vec::with_capacity(people.len());
    for (at, &(_, loose)) in people.iter().enumerate() {
        let w: Vec<&str> = words(loose).collect();
        for (j, word) in w.iter().enumerate() {
            let len = word.chars().count();
            // Leaving a letter out of a long word meets the same word
            // with another letter left out, or written without it.
            if len >= MIN_SLIP {
                keys.extend((0..len).map(|i| (key(&w, j, Some(i)), at as u32)));
            }
            if len + 1 >= MIN_SLIP {
                keys.push((key(&w, j, None), at as u32));
            }
        }
        names.push(w);
    }
    keys.sort_unstable();
    let mut pairs = Vec::new();
    for same in keys.chunk_by(|x, y| x.0 == y.0).filter(|s| s.len() > 1) {
        for (k, &(_, a)) in same.iter().enumerate() {
            for &(_, b) in &same[k + 1..] {
                let (a, b) = (a as usize, b as usize);
                if a != b && one_slip(&names[a], &names[b]) {
                    let (x, y) = (people[a].0, people[b].0);
                    pairs.push((x.min(y), x.max(y)));
                }
            }
        }
    }
    pairs.sort_unstable();
    pairs.dedup();
    pairs
}

/// The index key of the words `w` with the `left_out`th letter of word
/// `j` left out (or none).
fn key(w: &[&str], j: usize, left_out: Option<usize>) -> u64 {
    let mut h = mix(SEED, j as u64);
    for (k, word) in w.iter().enumerate() {
        for (i, c) in word.chars().enumerate() {
            if k != j || left_out != Some(i) {
                h = mix(h, u64::from(c));
            }
        }
        h = mix(h, u64::from(u32::MAX));
    }
    h
}

/// Whether `a` and `b` are as many words, all the same but one pair,
/// and that pair one edit apart, the longer of at least [`MIN_SLIP`]
/// letters.
fn one_slip(a: &[&str], b: &[&str]) -> bool {
    if a.len() != b.len() {
        return false;
    }
    let mut differ = a.iter().zip(b).filter(|(x, y)| x != y);
    match (differ.next(), differ.next()) {
        (Some((x, y)), None) => {
            x.chars().count().max(y.chars().count()) >= MIN_SLIP && one_edit(x, y)
        }
        _ => false,
    }
}

/// Whether two different words are one letter added, dropped or changed
/// apart.
fn one_edit(a: &str, b: &str) -> bool {
    let (a, b): (Vec<char>, Vec<char>) = (a.chars().collect(), b.chars().collect());
    let (short, long) = if a.len() <= b.len() { (a, b) } else { (b, a) };
    if long.len() - short.len() > 1 {
        return false;
    }
    let head = short.iter().zip(&long).take_while(|(x, y)| x == y).count();
    if head == short.len() {
        return long.len() != short.len();
    }
    let skip = usize::from(long.len() > short.len());
    short[head + 1 - skip..] == long[head + 1..]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_edit_is_one_letter_added_dropped_or_changed() {
        assert!(one_edit("rait", "raite"));
        assert!(one_edit("raite", "rait"));
        assert!(one_edit("jermayne", "jerymayne"));
        assert!(one_edit("frances", "francis"));
        assert!(one_edit("xbcde", "abcde"));
        assert!(!one_edit("abcde", "abcde"));
        assert!(!one_edit("abcde", "badce"));
        assert!(!one_edit("abcde", "abcdefg"));
        assert!(!one_edit("lennie", "lenny"));
    }

    #[test]
    fn nicknames_pair_names_the_same_but_for_the_given_name() {
        let people = [
            (0, "william hakim"),
            (1, "bill hakim"),
            (2, "bill harrow"),
            (3, "james oler"),
            (4, "jim oler"),
            (5, "james clark"),
            (6, "jamie rappaport clark"),
            (7, "fred hakim"),
            (8, "hakim"),
        ];
        // `Fred` is listed as a form of `Bill`, not of `William`.
        assert_eq!(nickname_pairs(&people), [(0, 1), (1, 7), (3, 4)]);
    }

    #[test]
    fn slips_pair_one_long_word_one_edit_apart() {
        let people = [
            (0, "duncan rait"),
            (1, "duncan raite"),
            (2, "jermayne timmons"),
            (3, "jerymayne timmons"),
            (4, "mark velm"),
            (5, "mary velm"),
            (6, "andrea orsek"),
            (7, "andreas orsek"),
            (8, "dunkan raite"),
            (9, "duncan raite jr"),
        ];
        // Four letters changed are too few (`Mark`, `Mary`), four and
        // five are enough (`Rait`, `Raite`); two words changed, or a
        // word more, are no slip.
        assert_eq!(
            slip_pairs(&people),
            [(0, 1), (1, 8), (2, 3), (6, 7)],
            "{:?}",
            slip_pairs(&people)
        );
    }
}

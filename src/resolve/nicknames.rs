//! Which English given names are one name in another form (`William`
//! and `Bill`, `James` and `Jim`): the hand-curated list
//! `assets/names/names.csv` (the PyPI package `nicknames` 1.0.1, see
//! `assets/README.md`), compiled in.
//!
//! Only what the list says directly counts: one name listed as a
//! nickname of the other, in either direction. Two names that only share
//! a third (`Fred` and `William`, each a form of `Bill`; `Al` and `Bert`,
//! each short for `Albert`) are not one name: a shared root names
//! different people as often as one (`Andy` and `Drew` of two Andrews),
//! and following the list's links step by step joins nearly every name
//! to nearly every other.

use std::sync::OnceLock;

use crate::base::hash::FxHashMap;

/// The list as published: `name1,relationship,name2` under a header
/// line, every relationship `has_nickname`.
const SOURCE: &str = include_str!("../../assets/names/names.csv");

/// Each name of the list with the names it is directly a form of or has
/// as a form, sorted and without repeats.
struct Variants(FxHashMap<&'static str, Vec<&'static str>>);

impl Variants {
    fn embedded() -> &'static Variants {
        static V: OnceLock<Variants> = OnceLock::new();
        V.get_or_init(|| Variants::parse(SOURCE))
    }

    fn parse(text: &'static str) -> Variants {
        let mut map: FxHashMap<&str, Vec<&str>> = FxHashMap::default();
        for line in text.lines().skip(1) {
            let mut cells = line.trim_end_matches('\r').split(',');
            let (Some(a), Some("has_nickname"), Some(b), None) =
                (cells.next(), cells.next(), cells.next(), cells.next())
            else {
                continue;
            };
            let (a, b) = (a.trim(), b.trim());
            if a.is_empty() || b.is_empty() || a == b {
                continue;
            }
            map.entry(a).or_default().push(b);
            map.entry(b).or_default().push(a);
        }
        for v in map.values_mut() {
            v.sort_unstable();
            v.dedup();
        }
        Variants(map)
    }
}

/// The given names the list gives as directly the same name as `given`
/// (a lowercase word, as loose keys write it), in alphabetical order;
/// none for a name it does not know.
pub(super) fn variants(given: &str) -> &'static [&'static str] {
    Variants::embedded()
        .0
        .get(given)
        .map_or(&[], |v| v.as_slice())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn same(a: &str, b: &str) -> bool {
        variants(a).contains(&b)
    }

    #[test]
    fn a_nickname_and_its_name_are_one_name_both_ways() {
        assert!(same("william", "bill"));
        assert!(same("bill", "william"));
        assert!(same("james", "jim"));
        assert!(same("jim", "james"));
        assert!(same("david", "dave"));
    }

    #[test]
    fn names_that_only_share_a_form_are_not_one_name() {
        // `Bill` is listed with both, neither with the other.
        assert!(same("bill", "fred") && same("bill", "william"));
        assert!(!same("fred", "william"));
        // Both forms of `Leonard` (and of `Jalen`), not of each other.
        assert!(!same("lennie", "lenny"));
        assert!(!same("andrea", "andreas"));
        assert!(!same("francis", "frances"));
    }

    #[test]
    fn unknown_names_and_malformed_lines_give_nothing() {
        assert!(variants("xqzt").is_empty());
        assert!(variants("").is_empty());
        let v = Variants::parse("h\nann,has_nickname,nan\nbad line\nx,is,y\n,has_nickname,z\r\n");
        assert_eq!(v.0.len(), 2);
        assert_eq!(v.0["nan"], ["ann"]);
    }
}

//! What an entity is called: the name shown, and the readable id that
//! `entity:` filters and scripts use.

use crate::base::hash::FxHashSet;
use crate::base::names::slug;
use crate::entities::{DateValue, Kind};

/// Whether `candidate` is a fuller name than `current`: more words, then
/// longer, then (for a stable choice) alphabetically first. A total order:
/// the fullest of a set of names does not depend on the order they come in.
pub fn fuller_name(candidate: &str, current: &str) -> bool {
    let words = |s: &str| s.split_whitespace().count();
    (
        words(candidate),
        candidate.len(),
        std::cmp::Reverse(candidate),
    ) > (words(current), current.len(), std::cmp::Reverse(current))
}

/// Gives out readable, unique ids: the slug of the name, the ISO value of
/// a date, with the kind (then a number) appended where two would collide.
/// Ids depend on the order they are asked for in.
#[derive(Debug, Default, Clone)]
pub struct Ids {
    used: FxHashSet<String>,
}

impl Ids {
    /// The id for an entity of this name, kind and date, not given before.
    pub fn assign(&mut self, name: &str, kind: Kind, date: Option<DateValue>) -> String {
        self.assign_unless(name, kind, date, |_| false)
    }

    /// Like [`Ids::assign`], avoiding also the ids `taken` says are taken.
    pub fn assign_unless(
        &mut self,
        name: &str,
        kind: Kind,
        date: Option<DateValue>,
        taken: impl Fn(&str) -> bool,
    ) -> String {
        let base = match date {
            Some(d) => d.to_string(),
            None => slug(name),
        };
        let free = |id: &str, used: &FxHashSet<String>| !used.contains(id) && !taken(id);
        let mut id = base.clone();
        if !free(&id, &self.used) {
            id = format!("{base}-{}", kind.as_str());
        }
        let mut n = 2;
        while !free(&id, &self.used) {
            id = format!("{base}-{n}");
            n += 1;
        }
        self.used.insert(id.clone());
        id
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fuller_names_win_whatever_the_order() {
        assert!(fuller_name("Khalifa Haftar", "Haftar"));
        assert!(!fuller_name("Haftar", "Khalifa Haftar"));
        assert!(fuller_name("Haftar's", "Haftar"));
        // Equal length and words: alphabetically first.
        assert!(fuller_name("Abc", "Abd"));
        assert!(!fuller_name("Abd", "Abc"));
    }

    #[test]
    fn ids_are_unique_and_readable() {
        let mut ids = Ids::default();
        assert_eq!(ids.assign("Jordan", Kind::Location, None), "jordan");
        assert_eq!(ids.assign("Jordan", Kind::Person, None), "jordan-person");
        assert_eq!(ids.assign("Jordan", Kind::Person, None), "jordan-2");
        let d = DateValue::parse("2020-01-06");
        assert_eq!(ids.assign("Monday", Kind::Date, d), "2020-01-06");
        assert_eq!(
            ids.assign_unless("Sirte", Kind::Location, None, |id| id == "sirte"),
            "sirte-location"
        );
    }
}

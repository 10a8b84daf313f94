//! What an entity is called: the name shown, and the readable id that
//! `entity:` filters and scripts use.

use crate::base::hash::FxHashSet;
use crate::base::names::slug;
use crate::entities::link::{Mention, editors_name};
use crate::entities::{DateValue, Kind};

/// One way an entity's surfaces were named: the name as an article
/// wrote it, the loose key of its surface, whether the gazetteer knows
/// it as written, and the mentions it stands for.
#[derive(Clone, Copy, Debug)]
pub(super) struct Form<'a> {
    pub written: &'a str,
    pub loose: &'a str,
    pub known: bool,
    pub mentions: u32,
}

/// A longer name with fewer than one in this many of a name's mentions
/// does not make it incomplete: across a corpus, the full name is the one
/// most articles settled on, and a stray longer form is a headline's or
/// a tagger's slip.
const RARE: usize = 4;

/// The name an editor would give an entity from the names its articles
/// gave it (each already cleaned by extraction): its most frequent
/// complete form, in mixed case where any article has it (the rules of
/// [`editors_name`], weighed by mentions). `None` when nothing is left of
/// any form. The forms are weighed heaviest first, ties by their text:
/// the name does not depend on the order they come in.
pub(super) fn entity_name(forms: &mut [Form]) -> Option<String> {
    forms.sort_unstable_by(|a, b| {
        (b.mentions, a.written, a.loose, a.known).cmp(&(a.mentions, b.written, b.loose, b.known))
    });
    let name = editors_name(
        forms.iter().map(|f| Mention {
            surface: f.written,
            key: f.loose,
            known: f.known,
            times: f.mentions,
        }),
        RARE,
    );
    (!name.is_empty()).then_some(name)
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

    fn form(written: &'static str, mentions: u32) -> Form<'static> {
        let loose = Box::leak(
            super::super::keys::loose_key(
                written,
                &crate::base::names::normalize(written),
                Kind::Person,
            )
            .into_boxed_str(),
        );
        Form {
            written,
            loose,
            known: false,
            mentions,
        }
    }

    #[test]
    fn an_entity_is_named_by_its_most_frequent_complete_form() {
        // The full name, though the surname alone is more frequent; mixed
        // case over capitals, though the capitals are more frequent.
        let mut forms = vec![
            form("Trump", 40),
            form("DONALD TRUMP", 9),
            form("Donald Trump", 5),
        ];
        assert_eq!(entity_name(&mut forms).as_deref(), Some("Donald Trump"));
        // The most frequent of two complete names; an acronym only when
        // nothing else names it.
        let mut forms = vec![
            form("Microsoft Corp.", 2),
            form("Microsoft", 30),
            form("MSFT", 50),
        ];
        assert_eq!(entity_name(&mut forms).as_deref(), Some("Microsoft"));
        let mut forms = vec![form("Libyan National Army", 3), form("LNA", 30)];
        assert_eq!(
            entity_name(&mut forms).as_deref(),
            Some("Libyan National Army")
        );
        // Whatever order the forms come in.
        let mut a = vec![form("Abc Def", 2), form("Abd Def", 2)];
        let mut b = vec![form("Abd Def", 2), form("Abc Def", 2)];
        assert_eq!(entity_name(&mut a), entity_name(&mut b));
        // Quotes and a possessive are no part of a name; a name of nothing
        // is none.
        let mut forms = vec![form("“Intel’s”", 2)];
        assert_eq!(entity_name(&mut forms).as_deref(), Some("Intel"));
        assert_eq!(entity_name(&mut []), None);
    }

    #[test]
    fn a_rare_longer_form_does_not_rename_an_entity() {
        // One headline's slip against the name most articles settled on.
        let mut forms = vec![
            form("Regina Benjamin", 60),
            form("Nominates Regina Benjamin", 8),
            form("Benjamin", 3),
        ];
        assert_eq!(entity_name(&mut forms).as_deref(), Some("Regina Benjamin"));
        // A fuller name used often enough still wins over the short one.
        let mut forms = vec![form("Gigante", 60), form("Vincent Gigante", 15)];
        assert_eq!(entity_name(&mut forms).as_deref(), Some("Vincent Gigante"));
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

//! Surfaces: what extraction names, across the corpus, before anything is
//! merged. One surface per kind and normalised name (`Khalifa Haftar`,
//! `Haftar's` and `haftar` are one person surface `haftar`... of their
//! own kind), or per resolved date; a date no calendar can place
//! (`Sunday` in an undated article) is a surface of its one article.
//! Each keeps the evidence the passes read: the names articles gave it
//! and how often, every alias an article linked to it, and its mentions
//! across the corpus.

use std::sync::Arc;

use crate::base::hash::FxHashMap;
use crate::base::names::{normalize, normalize_into};
use crate::entities::{DateValue, FoundEntity, Kind};

use crate::entities::gazetteer::Hit;

use super::keys::{known, loose_key};

/// A surface's number: stable for the whole run, given in the order
/// surfaces are first seen (which depends on the order articles arrive:
/// nothing but the plumbing may rely on it).
pub type SurfaceId = u32;

/// No surface in this slot.
const NONE: SurfaceId = SurfaceId::MAX;

/// What the app learns of a surface when it is first seen: enough to
/// show it as an entity of its own until a pass places it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SurfaceInfo {
    pub kind: Kind,
    pub name: Arc<str>,
    pub date: Option<DateValue>,
    pub aliases: Vec<Arc<str>>,
}

#[derive(Clone, Debug)]
pub(super) struct Surface {
    pub kind: Kind,
    /// [`loose_key`] of the name: what tells two spellings of one name
    /// apart no more (`Intel Corp.` and `Intel`, `U. S.` and `U.S.`).
    pub loose: Box<str>,
    /// The first name seen; a date's ISO value.
    pub name: Arc<str>,
    pub date: Option<DateValue>,
    /// The names articles gave it (each a spelling of `key`), with the
    /// mentions of the articles that named it so now.
    pub forms: Vec<(Arc<str>, u32)>,
    /// Every form articles linked to it, in the order first seen.
    pub aliases: Vec<Arc<str>>,
    /// Their loose keys.
    pub alias_keys: Vec<Box<str>>,
    /// Mentions across the articles that name it now.
    pub mentions: u32,
    /// What the gazetteer knows its first name as.
    pub known: Option<Hit>,
}

fn slot(kind: Kind) -> usize {
    kind as usize
}

/// Every surface of the corpus, and the way from a name to its surface.
#[derive(Debug, Default)]
pub(super) struct Surfaces {
    pub list: Vec<Surface>,
    /// Normalised name -> the surface of each kind with that name (by
    /// [`slot`]; the date slot unused). Looked up by `&str` from a
    /// scratch buffer: a hit allocates nothing.
    names: FxHashMap<Box<str>, [SurfaceId; 5]>,
    /// Resolved dates -> their surface.
    dates: FxHashMap<DateValue, SurfaceId>,
    /// Dates no calendar could place, by article and normalised text:
    /// `Sunday` means nothing outside the article that says it.
    local_dates: FxHashMap<(u32, Box<str>), SurfaceId>,
    scratch: String,
}

impl Surfaces {
    pub fn len(&self) -> usize {
        self.list.len()
    }

    /// The surface `e` of article `article` names, created on first
    /// sight (the result says whether it was), with `e`'s aliases taken
    /// in; and which of its forms `e`'s name is.
    pub fn intern(&mut self, article: u32, e: FoundEntity) -> (SurfaceId, bool, u32) {
        let next = self.list.len() as SurfaceId;
        if e.date.is_none() {
            normalize_into(&e.name, &mut self.scratch);
        }
        let id = match (e.kind, e.date) {
            (_, Some(d)) => *self.dates.entry(d).or_insert(next),
            (Kind::Date, None) => *self
                .local_dates
                .entry((article, self.scratch.as_str().into()))
                .or_insert(next),
            _ => {
                let slots = match self.names.get_mut(self.scratch.as_str()) {
                    Some(slots) => slots,
                    None => self
                        .names
                        .entry(self.scratch.as_str().into())
                        .or_insert([NONE; 5]),
                };
                let s = &mut slots[slot(e.kind)];
                if *s == NONE {
                    *s = next;
                }
                *s
            }
        };
        let new = id == next;
        if new {
            let (loose, name): (Box<str>, Arc<str>) = match e.date {
                Some(d) => ("".into(), d.to_string().into()),
                None => (
                    loose_key(&e.name, &self.scratch, e.kind).into(),
                    e.name.as_str().into(),
                ),
            };
            let known = (e.kind != Kind::Date).then(|| known(&e.name)).flatten();
            self.list.push(Surface {
                kind: e.kind,
                loose,
                name,
                date: e.date,
                forms: Vec::new(),
                aliases: Vec::new(),
                alias_keys: Vec::new(),
                mentions: 0,
                known,
            });
        }
        let s = &mut self.list[id as usize];
        for alias in e.aliases {
            if !s.aliases.iter().any(|a| **a == *alias) {
                s.alias_keys
                    .push(loose_key(&alias, &normalize(&alias), s.kind).into());
                s.aliases.push(alias.into());
            }
        }
        let form = match s.forms.iter().position(|(f, _)| **f == *e.name) {
            Some(f) => f,
            None => {
                s.forms.push((e.name.into(), 0));
                s.forms.len() - 1
            }
        };
        (id, new, form as u32)
    }

    /// Counts `n` mentions (or takes them back) of surface `s` named by
    /// its form `form`.
    pub fn count(&mut self, s: SurfaceId, form: u32, n: u32, add: bool) {
        let s = &mut self.list[s as usize];
        let f = &mut s.forms[form as usize].1;
        if add {
            s.mentions += n;
            *f += n;
        } else {
            s.mentions = s.mentions.saturating_sub(n);
            *f = f.saturating_sub(n);
        }
    }

    /// What the app learns of surface `s`.
    pub fn info(&self, s: SurfaceId) -> SurfaceInfo {
        let s = &self.list[s as usize];
        SurfaceInfo {
            kind: s.kind,
            name: s.name.clone(),
            date: s.date,
            aliases: s.aliases.clone(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn found(name: &str, kind: Kind, aliases: &[&str]) -> FoundEntity {
        FoundEntity {
            name: name.into(),
            kind,
            aliases: aliases.iter().map(|s| s.to_string()).collect(),
            date: None,
        }
    }

    #[test]
    fn one_surface_per_kind_and_normalised_name() {
        let mut s = Surfaces::default();
        let (a, new, f) = s.intern(0, found("Haftar", Kind::Person, &["Haftar"]));
        assert!(new);
        assert_eq!(f, 0);
        let (b, new, f) = s.intern(1, found("HAFTAR", Kind::Person, &["HAFTAR's"]));
        assert_eq!(
            (a, new, f),
            (b, false, 1),
            "a second spelling, a second form"
        );
        let (c, _, _) = s.intern(1, found("Haftar", Kind::Organization, &[]));
        assert_ne!(a, c);
        let info = s.info(a);
        assert_eq!(&*info.name, "Haftar", "the first name seen");
        assert_eq!(info.aliases.len(), 2);
        let d = FoundEntity {
            date: DateValue::parse("2020-01-06"),
            ..found("Monday", Kind::Date, &["Monday"])
        };
        let (m, _, _) = s.intern(0, d.clone());
        let (t, _, _) = s.intern(
            1,
            FoundEntity {
                name: "yesterday".into(),
                ..d
            },
        );
        assert_eq!(m, t, "one surface per resolved date");
        assert_eq!(&*s.info(m).name, "2020-01-06");
    }

    #[test]
    fn a_date_no_calendar_places_is_its_articles_own() {
        let mut s = Surfaces::default();
        let sunday = || found("Sunday", Kind::Date, &["Sunday"]);
        let (a, _, _) = s.intern(0, sunday());
        let (b, _, _) = s.intern(1, sunday());
        let (again, new, _) = s.intern(0, sunday());
        assert_ne!(a, b, "two undated articles, two Sundays");
        assert_eq!((again, new), (a, false), "one per article");
    }

    #[test]
    fn mentions_are_counted_by_form_and_taken_back() {
        let mut s = Surfaces::default();
        let (a, _, f) = s.intern(0, found("Donald Trump", Kind::Person, &[]));
        let (_, _, g) = s.intern(1, found("DONALD TRUMP", Kind::Person, &[]));
        s.count(a, f, 3, true);
        s.count(a, g, 1, true);
        s.count(a, f, 1, false);
        let x = &s.list[a as usize];
        assert_eq!(x.mentions, 3);
        assert_eq!(x.forms[0].1, 2);
        assert_eq!(x.forms[1].1, 1);
    }
}

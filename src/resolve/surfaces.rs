//! Surfaces: what extraction names, across the corpus, before anything is
//! merged. One surface per kind and normalised name (`Khalifa Haftar`,
//! `Haftar's` and `haftar` are one person surface `haftar`... of their
//! own kind), or per resolved date. Each keeps the evidence the passes
//! read: its fullest name, every alias an article linked to it, and its
//! mentions across the corpus.

use std::sync::Arc;

use crate::base::hash::FxHashMap;
use crate::base::names::{normalize, normalize_into};
use crate::entities::{DateValue, FoundEntity, Kind};

use super::naming::fuller_name;

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
    /// The normalised name (empty for a resolved date).
    pub key: Box<str>,
    /// The fullest form seen; a date's ISO value.
    pub name: Arc<str>,
    pub date: Option<DateValue>,
    /// Every form articles linked to it, in the order first seen.
    pub aliases: Vec<Arc<str>>,
    /// Their normalised forms.
    pub alias_keys: Vec<Box<str>>,
    /// Mentions across the articles that name it now.
    pub mentions: u32,
}

fn slot(kind: Kind) -> usize {
    kind as usize
}

/// Every surface of the corpus, and the way from a name to its surface.
#[derive(Debug, Default)]
pub(super) struct Surfaces {
    pub list: Vec<Surface>,
    /// Normalised name -> the surface of each kind with that name (by
    /// [`slot`]; unresolved dates in the date slot). Looked up by `&str`
    /// from a scratch buffer: a hit allocates nothing.
    names: FxHashMap<Box<str>, [SurfaceId; 5]>,
    /// Resolved dates -> their surface.
    dates: FxHashMap<DateValue, SurfaceId>,
    scratch: String,
}

impl Surfaces {
    pub fn len(&self) -> usize {
        self.list.len()
    }

    /// The surface `e` names, created on first sight (the result says
    /// whether it was), with `e`'s name and aliases taken in.
    pub fn intern(&mut self, e: FoundEntity) -> (SurfaceId, bool) {
        let next = self.list.len() as SurfaceId;
        let id = match (e.kind, e.date) {
            (Kind::Date, Some(d)) => *self.dates.entry(d).or_insert(next),
            _ => {
                normalize_into(&e.name, &mut self.scratch);
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
            let key: Box<str> = match (e.kind, e.date) {
                (Kind::Date, Some(_)) => "".into(),
                _ => self.scratch.as_str().into(),
            };
            let name: Arc<str> = match e.date {
                Some(d) => d.to_string().into(),
                None => e.name.as_str().into(),
            };
            self.list.push(Surface {
                kind: e.kind,
                key,
                name,
                date: e.date,
                aliases: Vec::new(),
                alias_keys: Vec::new(),
                mentions: 0,
            });
        }
        let s = &mut self.list[id as usize];
        for alias in e.aliases {
            if !s.aliases.iter().any(|a| **a == *alias) {
                s.alias_keys.push(normalize(&alias).into());
                s.aliases.push(alias.into());
            }
        }
        if e.date.is_none() && fuller_name(&e.name, &s.name) {
            s.name = e.name.into();
        }
        (id, new)
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
        let (a, new) = s.intern(found("Haftar", Kind::Person, &["Haftar"]));
        assert!(new);
        let (b, new) = s.intern(found("Haftar's", Kind::Person, &["Haftar's"]));
        assert_eq!((a, new), (b, false));
        let (c, _) = s.intern(found("Haftar", Kind::Organization, &[]));
        assert_ne!(a, c);
        let info = s.info(a);
        assert_eq!(&*info.name, "Haftar's", "the fuller name");
        assert_eq!(info.aliases.len(), 2);
        let d = FoundEntity {
            date: DateValue::parse("2020-01-06"),
            ..found("Monday", Kind::Date, &["Monday"])
        };
        let (m, _) = s.intern(d.clone());
        let (t, _) = s.intern(FoundEntity {
            name: "yesterday".into(),
            ..d
        });
        assert_eq!(m, t, "one surface per resolved date");
        assert_eq!(&*s.info(m).name, "2020-01-06");
    }
}

//! What an entity is, and what a date mention means ([`DateValue`], a
//! calendar value that lives with the other dates in `corpus::dates`).

use std::fmt;

use serde::{Deserialize, Serialize};

pub use crate::corpus::dates::DateValue;

/// The kinds lede recognises, in the order panes list them.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Kind {
    Person,
    Organization,
    Location,
    Misc,
    Date,
}

impl Kind {
    pub const ALL: [Kind; 5] = [
        Kind::Person,
        Kind::Organization,
        Kind::Location,
        Kind::Misc,
        Kind::Date,
    ];

    /// The name used in JSON and the query language.
    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Person => "person",
            Kind::Organization => "organization",
            Kind::Location => "location",
            Kind::Misc => "misc",
            Kind::Date => "date",
        }
    }

    /// CoNLL-2003 label, for the evaluation tools.
    pub fn conll(self) -> Option<&'static str> {
        match self {
            Kind::Person => Some("PER"),
            Kind::Organization => Some("ORG"),
            Kind::Location => Some("LOC"),
            Kind::Misc => Some("MISC"),
            Kind::Date => None,
        }
    }

    pub fn from_conll(label: &str) -> Option<Kind> {
        match label {
            "PER" => Some(Kind::Person),
            "ORG" => Some(Kind::Organization),
            "LOC" => Some(Kind::Location),
            "MISC" => Some(Kind::Misc),
            _ => None,
        }
    }
}

impl fmt::Display for Kind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

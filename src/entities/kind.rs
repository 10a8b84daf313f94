//! What an entity is, and what a date mention means.

use std::fmt;

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};

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

/// What a date mention denotes, at the precision the text gives.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum DateValue {
    Year(i32),
    Month(i32, u32),
    Day(NaiveDate),
}

impl DateValue {
    pub fn month(year: i32, month: u32) -> Option<DateValue> {
        (1..=12)
            .contains(&month)
            .then_some(DateValue::Month(year, month))
    }

    /// The first day it covers, for sorting and range filters.
    pub fn first_day(self) -> Option<NaiveDate> {
        match self {
            DateValue::Year(y) => NaiveDate::from_ymd_opt(y, 1, 1),
            DateValue::Month(y, m) => NaiveDate::from_ymd_opt(y, m, 1),
            DateValue::Day(d) => Some(d),
        }
    }

    /// Parses `YYYY`, `YYYY-MM` or `YYYY-MM-DD`.
    pub fn parse(s: &str) -> Option<DateValue> {
        let parts: Vec<&str> = s.split('-').collect();
        let num = |p: &str| p.parse::<i64>().ok();
        match parts.as_slice() {
            [y] if y.len() == 4 => Some(DateValue::Year(num(y)? as i32)),
            [y, m] if y.len() == 4 && m.len() == 2 => {
                DateValue::month(num(y)? as i32, num(m)? as u32)
            }
            [_, _, _] => NaiveDate::parse_from_str(s, "%Y-%m-%d")
                .ok()
                .map(DateValue::Day),
            _ => None,
        }
    }
}

impl fmt::Display for DateValue {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            DateValue::Year(y) => write!(f, "{y:04}"),
            DateValue::Month(y, m) => write!(f, "{y:04}-{m:02}"),
            DateValue::Day(d) => write!(f, "{:04}-{:02}-{:02}", d.year(), d.month(), d.day()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn date_values_round_trip() {
        for s in ["2016", "2019-04", "2020-01-06"] {
            assert_eq!(DateValue::parse(s).unwrap().to_string(), s);
        }
        assert_eq!(DateValue::parse("2019-13"), None);
        assert_eq!(DateValue::parse("20-01"), None);
        assert_eq!(DateValue::parse("2020-02-30"), None);
    }
}

//! Dates: publication dates as files and feeds write them, calendar
//! values at the precision a text gives ([`DateValue`]), and the spans of
//! days a query names, relative to today included ([`parse_day_span`]).

use std::fmt;

use chrono::{DateTime, Datelike, Days, Months, NaiveDate, NaiveDateTime};

/// Parses the publication date of a header or feed field: ISO 8601 dates and
/// date-times, RFC 3339, RFC 2822, and the spelled-out forms newsrooms use.
/// A date-time keeps the calendar date of its own offset: an article
/// published at 23:30 -05:00 on the 6th was published on the 6th.
/// Years 1 to 9999 only: chrono also reads `-0001-01-01` and `+10000`,
/// which no report is dated and which do not print as `YYYY-MM-DD`.
pub fn parse_date(s: &str) -> Option<NaiveDate> {
    parse_any_year(s).filter(|d| (1..=9999).contains(&d.year()))
}

fn parse_any_year(s: &str) -> Option<NaiveDate> {
    let s = s.trim().trim_matches('"').trim();
    if s.is_empty() || s.len() > 64 {
        return None;
    }
    if let Ok(d) = NaiveDate::parse_from_str(s, "%Y-%m-%d") {
        return Some(d);
    }
    if let Ok(dt) = DateTime::parse_from_rfc3339(s) {
        return Some(dt.date_naive());
    }
    if let Ok(dt) = DateTime::parse_from_rfc2822(s) {
        return Some(dt.date_naive());
    }
    for fmt in [
        "%Y-%m-%dT%H:%M:%S%.f",
        "%Y-%m-%dT%H:%M:%S",
        "%Y-%m-%dT%H:%M",
        "%Y-%m-%d %H:%M:%S%.f",
        "%Y-%m-%d %H:%M:%S",
        "%Y-%m-%d %H:%M",
    ] {
        if let Ok(dt) = NaiveDateTime::parse_from_str(s, fmt) {
            return Some(dt.date());
        }
    }
    for fmt in [
        "%Y-%m-%dT%H:%M:%S%.f%z",
        "%Y-%m-%dT%H:%M:%S%z",
        "%Y-%m-%d %H:%M:%S%z",
        "%Y-%m-%d %H:%M:%S %z",
    ] {
        if let Ok(dt) = DateTime::parse_from_str(s, fmt) {
            return Some(dt.date_naive());
        }
    }
    // A date-time with a trailing zone name or `Z` chrono does not take
    // (`2020-01-06 10:00 UTC`): the leading date is what we need.
    if s.len() > 10 && s.is_char_boundary(10) {
        let (head, tail) = s.split_at(10);
        if tail.starts_with(['T', ' '])
            && let Ok(d) = NaiveDate::parse_from_str(head, "%Y-%m-%d")
        {
            return Some(d);
        }
    }
    let spelled = s.replace(',', " ");
    let spelled = spelled.split_whitespace().collect::<Vec<_>>().join(" ");
    for fmt in [
        "%Y/%m/%d",
        "%d %B %Y",
        "%d %b %Y",
        "%B %d %Y",
        "%b %d %Y",
        "%A %d %B %Y",
        "%A %B %d %Y",
        "%a %d %b %Y",
        "%a %b %d %Y",
    ] {
        if let Ok(d) = NaiveDate::parse_from_str(&spelled, fmt) {
            return Some(d);
        }
    }
    None
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

    /// The last day it covers.
    pub fn last_day(self) -> Option<NaiveDate> {
        match self {
            DateValue::Year(y) => NaiveDate::from_ymd_opt(y, 12, 31),
            DateValue::Month(y, m) => {
                let (ny, nm) = if m == 12 { (y + 1, 1) } else { (y, m + 1) };
                NaiveDate::from_ymd_opt(ny, nm, 1)?.pred_opt()
            }
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

/// Days from `from` to `to`, both included; `None` leaves that end open.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct DaySpan {
    pub from: Option<NaiveDate>,
    pub to: Option<NaiveDate>,
}

impl DaySpan {
    pub fn contains(&self, d: NaiveDate) -> bool {
        self.from.is_none_or(|f| f <= d) && self.to.is_none_or(|t| d <= t)
    }
}

#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum SpanError {
    #[error(
        "bad date {0:?}: use YYYY, YYYY-MM, YYYY-MM-DD, today, yesterday, 7d, 2w, 3m, 1y, or FROM..TO"
    )]
    Bad(String),
    #[error("date range {0:?} ends before it starts")]
    Backwards(String),
}

/// Longest relative span understood (`36500d`, `5200w`, `1200m`, `100y`):
/// a century, beyond which a typo is likelier than a wish.
const MAX_RELATIVE_DAYS: u64 = 36_525;

/// Parses the days a query term names (what follows `date:`), relative to
/// `today` where it says so:
///
/// | form | days |
/// | --- | --- |
/// | `2020`, `2020-01`, `2020-01-06` | that year, month or day |
/// | `today`, `yesterday` | that day |
/// | `7d`, `2w`, `3m`, `1y` | the last 7 days, 2 weeks, 3 months, year, today included |
/// | `FROM..TO` | from the first day of FROM to the last of TO; either may be left out |
///
/// As the end of a range, a relative span names where it starts: `2w..`
/// is the last two weeks and anything dated later, `..2w` everything
/// before them (so `..7d` and `7d..` part the dates between them).
pub fn parse_day_span(s: &str, today: NaiveDate) -> Result<DaySpan, SpanError> {
    let bad = || SpanError::Bad(s.to_string());
    let span = match s.split_once("..") {
        None => one_span(s, today).ok_or_else(bad)?,
        Some(("", "")) => return Err(bad()),
        Some((a, b)) => {
            let from = if a.is_empty() {
                None
            } else {
                one_span(a, today).ok_or_else(bad)?.from
            };
            let to = if b.is_empty() {
                None
            } else if is_relative_length(b) {
                // Before the last N units began.
                let start = one_span(b, today).ok_or_else(bad)?.from.ok_or_else(bad)?;
                Some(start.pred_opt().ok_or_else(bad)?)
            } else {
                one_span(b, today).ok_or_else(bad)?.to
            };
            DaySpan { from, to }
        }
    };
    if let (Some(f), Some(t)) = (span.from, span.to)
        && f > t
    {
        return Err(SpanError::Backwards(s.to_string()));
    }
    Ok(span)
}

/// `7d`, `2w`, `3m`, `1y`: a number and a unit.
fn is_relative_length(s: &str) -> bool {
    s.len() >= 2
        && s[..s.len() - 1].bytes().all(|b| b.is_ascii_digit())
        && matches!(
            s.as_bytes()[s.len() - 1].to_ascii_lowercase(),
            b'd' | b'w' | b'm' | b'y'
        )
}

/// One end or a whole term, without `..`.
fn one_span(s: &str, today: NaiveDate) -> Option<DaySpan> {
    let day = |d: NaiveDate| DaySpan {
        from: Some(d),
        to: Some(d),
    };
    if s.eq_ignore_ascii_case("today") {
        return Some(day(today));
    }
    if s.eq_ignore_ascii_case("yesterday") {
        return Some(day(today.pred_opt()?));
    }
    if is_relative_length(s) {
        let n: u64 = s[..s.len() - 1].parse().ok().filter(|&n| n > 0)?;
        let before = match s.as_bytes()[s.len() - 1].to_ascii_lowercase() {
            b'd' => (n <= MAX_RELATIVE_DAYS).then(|| today.checked_sub_days(Days::new(n)))?,
            b'w' => {
                (n * 7 <= MAX_RELATIVE_DAYS).then(|| today.checked_sub_days(Days::new(n * 7)))?
            }
            b'm' => (n * 30 <= MAX_RELATIVE_DAYS)
                .then(|| today.checked_sub_months(Months::new(n as u32)))?,
            _ => (n * 365 <= MAX_RELATIVE_DAYS)
                .then(|| today.checked_sub_months(Months::new(n as u32 * 12)))?,
        }?;
        return Some(DaySpan {
            from: before.succ_opt(),
            to: Some(today),
        });
    }
    let v = DateValue::parse(s)?;
    Some(DaySpan {
        from: v.first_day(),
        to: v.last_day(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> Option<NaiveDate> {
        Some(s.parse().unwrap())
    }

    #[test]
    fn iso_dates_and_date_times() {
        assert_eq!(parse_date("2020-01-06"), d("2020-01-06"));
        assert_eq!(parse_date("2020-01-06T10:11:12"), d("2020-01-06"));
        assert_eq!(parse_date("2020-01-06 10:11"), d("2020-01-06"));
        assert_eq!(parse_date("2020-01-06T10:11:12.123+0100"), d("2020-01-06"));
        assert_eq!(parse_date("2020-01-06 10:00 UTC"), d("2020-01-06"));
    }

    #[test]
    fn rfc3339_keeps_the_local_calendar_date() {
        assert_eq!(parse_date("2020-01-06T23:30:00-05:00"), d("2020-01-06"));
        assert_eq!(parse_date("2020-01-06T10:00:00Z"), d("2020-01-06"));
    }

    #[test]
    fn rfc2822() {
        assert_eq!(
            parse_date("Mon, 06 Jan 2020 10:00:00 +0000"),
            d("2020-01-06")
        );
    }

    #[test]
    fn spelled_out_dates() {
        assert_eq!(parse_date("January 6, 2020"), d("2020-01-06"));
        assert_eq!(parse_date("6 January 2020"), d("2020-01-06"));
        assert_eq!(parse_date("Jan 6 2020"), d("2020-01-06"));
        assert_eq!(parse_date("2020/01/06"), d("2020-01-06"));
    }

    #[test]
    fn years_one_to_9999_only() {
        assert_eq!(parse_date("0001-01-01"), d("0001-01-01"));
        assert_eq!(parse_date("9999-12-31"), d("9999-12-31"));
        for s in [
            "-0001-01-01",
            "0000-06-01",
            "+10000-01-01",
            "10000-01-01",
            "-0001-01-01T10:00:00Z",
            "1 January 10000",
        ] {
            assert_eq!(parse_date(s), None, "{s}");
        }
    }

    #[test]
    fn date_values_round_trip() {
        for s in ["2016", "2019-04", "2020-01-06"] {
            assert_eq!(DateValue::parse(s).unwrap().to_string(), s);
        }
        assert_eq!(DateValue::parse("2019-13"), None);
        assert_eq!(DateValue::parse("20-01"), None);
        assert_eq!(DateValue::parse("2020-02-30"), None);
    }

    fn span(s: &str) -> Result<(Option<NaiveDate>, Option<NaiveDate>), SpanError> {
        // A Friday.
        let today = NaiveDate::from_ymd_opt(2020, 3, 13).unwrap();
        parse_day_span(s, today).map(|r| (r.from, r.to))
    }

    #[test]
    fn absolute_spans() {
        assert_eq!(span("2020"), Ok((d("2020-01-01"), d("2020-12-31"))));
        assert_eq!(span("2020-02"), Ok((d("2020-02-01"), d("2020-02-29"))));
        assert_eq!(span("2019-12"), Ok((d("2019-12-01"), d("2019-12-31"))));
        assert_eq!(span("2020-01-06"), Ok((d("2020-01-06"), d("2020-01-06"))));
        assert_eq!(span("..2020-01-31"), Ok((None, d("2020-01-31"))));
        assert_eq!(span("2020-01.."), Ok((d("2020-01-01"), None)));
        assert_eq!(
            span("2020-01..2020-02"),
            Ok((d("2020-01-01"), d("2020-02-29")))
        );
    }

    #[test]
    fn spans_relative_to_today() {
        assert_eq!(span("today"), Ok((d("2020-03-13"), d("2020-03-13"))));
        assert_eq!(span("Yesterday"), Ok((d("2020-03-12"), d("2020-03-12"))));
        assert_eq!(span("1d"), Ok((d("2020-03-13"), d("2020-03-13"))));
        assert_eq!(span("7d"), Ok((d("2020-03-07"), d("2020-03-13"))));
        assert_eq!(span("2w"), Ok((d("2020-02-29"), d("2020-03-13"))));
        assert_eq!(span("3m"), Ok((d("2019-12-14"), d("2020-03-13"))));
        assert_eq!(span("1y"), Ok((d("2019-03-14"), d("2020-03-13"))));
        assert_eq!(span("2w.."), Ok((d("2020-02-29"), None)));
        assert_eq!(span("..7d"), Ok((None, d("2020-03-06"))));
        assert_eq!(span("yesterday.."), Ok((d("2020-03-12"), None)));
        assert_eq!(span("..yesterday"), Ok((None, d("2020-03-12"))));
        assert_eq!(span("2020-01..1w"), Ok((d("2020-01-01"), d("2020-03-06"))));
        assert_eq!(
            span("1y..2020-01-31"),
            Ok((d("2019-03-14"), d("2020-01-31")))
        );
    }

    #[test]
    fn relative_halves_part_the_dates() {
        let today = NaiveDate::from_ymd_opt(2020, 3, 31).unwrap();
        for unit in ["7d", "2w", "1m", "3m", "1y"] {
            let before = parse_day_span(&format!("..{unit}"), today).unwrap();
            let since = parse_day_span(&format!("{unit}.."), today).unwrap();
            let mut day = NaiveDate::from_ymd_opt(2018, 1, 1).unwrap();
            while day <= today {
                assert!(before.contains(day) != since.contains(day), "{unit} {day}");
                day = day.succ_opt().unwrap();
            }
        }
        // A month back from the 31st of March is the end of February.
        let m = parse_day_span("1m", today).unwrap();
        assert_eq!(m.from, d("2020-03-01"));
    }

    #[test]
    fn bad_spans_say_so() {
        for s in [
            "",
            "..",
            "0d",
            "7x",
            "d",
            "-3d",
            "7 d",
            "tomorrow",
            "2020-13",
            "99999d",
            "1000y",
            "2020-01-01...",
            "today..x",
        ] {
            assert_eq!(span(s), Err(SpanError::Bad(s.to_string())), "{s}");
        }
        assert_eq!(
            span("2021..1w"),
            Err(SpanError::Backwards("2021..1w".into()))
        );
        assert!(SpanError::Bad("x".into()).to_string().contains("7d"));
        // The first day there is has no day before it.
        let first = NaiveDate::MIN;
        assert!(parse_day_span("yesterday", first).is_err());
        assert!(parse_day_span("7d", first).is_err());
    }

    #[test]
    fn garbage_is_none() {
        assert_eq!(parse_date(""), None);
        assert_eq!(parse_date("yesterday"), None);
        assert_eq!(parse_date("2020-13-45"), None);
        assert_eq!(parse_date("2020-01-0é"), None);
    }
}

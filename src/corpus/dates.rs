//! Publication dates as files and feeds write them.

use chrono::{DateTime, Datelike, NaiveDate, NaiveDateTime};

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
    fn garbage_is_none() {
        assert_eq!(parse_date(""), None);
        assert_eq!(parse_date("yesterday"), None);
        assert_eq!(parse_date("2020-13-45"), None);
        assert_eq!(parse_date("2020-01-0é"), None);
    }
}

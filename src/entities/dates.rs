//! Calendar expressions in running text, resolved against the article's
//! date: `on Monday` in a report of Tuesday 2020-01-07 is 2020-01-06,
//! `since April` in January 2020 is 2019-04, `the end of 2016` is 2016.
//!
//! Recognition is by rules over tokens: month and weekday names (capitalised;
//! `May` only where it reads as a date), years in a date context, day-month
//! combinations, ISO dates and the relative words of news (`yesterday`,
//! `last year`, `three days ago`).

use chrono::{Datelike, Duration, Months, NaiveDate, Weekday};

use super::kind::DateValue;

/// A date expression over tokens `start..end`; `value` is `None` when it
/// needs an article date that is missing.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct DateSpan {
    pub start: usize,
    pub end: usize,
    pub value: Option<DateValue>,
}

const MONTHS: [&str; 12] = [
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
];

const WEEKDAYS: [(&str, Weekday); 7] = [
    ("monday", Weekday::Mon),
    ("tuesday", Weekday::Tue),
    ("wednesday", Weekday::Wed),
    ("thursday", Weekday::Thu),
    ("friday", Weekday::Fri),
    ("saturday", Weekday::Sat),
    ("sunday", Weekday::Sun),
];

/// Words before a date that make a bare month or year read as a date.
const DATE_PREPOSITIONS: &[&str] = &[
    "in",
    "since",
    "until",
    "till",
    "by",
    "from",
    "to",
    "of",
    "on",
    "during",
    "before",
    "after",
    "last",
    "next",
    "this",
    "early",
    "late",
    "mid",
    "throughout",
    "between",
    "and",
    "through",
    "or",
    "around",
    "circa",
    "for",
];

/// Words after a bare number that say it counts things, not years.
const UNITS: &[&str] = &[
    "people",
    "persons",
    "troops",
    "soldiers",
    "civilians",
    "fighters",
    "members",
    "refugees",
    "migrants",
    "dollars",
    "euros",
    "pounds",
    "tonnes",
    "tons",
    "barrels",
    "km",
    "kilometres",
    "kilometers",
    "miles",
    "metres",
    "meters",
    "feet",
    "percent",
    "per",
    "%",
    "times",
    "men",
    "women",
    "children",
    "votes",
    "seats",
    "units",
    "homes",
    "houses",
    "cases",
    "deaths",
    "dead",
    "killed",
    "injured",
    "wounded",
    "hectares",
    "acres",
    "vehicles",
    "weapons",
    "rockets",
    "missiles",
];

/// Future markers before a bare weekday or month: `will meet on Monday`.
const FUTURE: &[&str] = &[
    "will",
    "'ll",
    "shall",
    "due",
    "scheduled",
    "expected",
    "plans",
    "planned",
    "set",
    "upcoming",
    "coming",
];

/// A month or weekday name (`March`, `Jan.`, `Wednesday`).
pub(crate) fn is_calendar_word(word: &str) -> bool {
    month_of(word).is_some() || weekday_of(word).is_some()
}

/// A weekday's name (`Saturday`).
pub(crate) fn is_weekday(word: &str) -> bool {
    weekday_of(word).is_some()
}

/// Month abbreviations as news writes them without a period (`Feb 20`);
/// `May` needs none.
const ABBREVIATIONS: [&str; 12] = [
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
];

fn month_of(word: &str) -> Option<u32> {
    let w = word.trim_end_matches('.');
    // No month is longer than `September`: longer words are not looked at.
    if w.len() < 3 || w.len() > 9 || !w.chars().next()?.is_uppercase() {
        return None;
    }
    let lower = w.to_lowercase();
    MONTHS
        .iter()
        .position(|m| {
            *m == lower
                || (lower.len() >= 3
                    && m.starts_with(&lower)
                    && (word.ends_with('.') || lower == "sept")
                    && lower != "may")
        })
        .map(|i| i as u32 + 1)
}

fn weekday_of(word: &str) -> Option<Weekday> {
    if !(6..=9).contains(&word.len()) || !word.chars().next()?.is_uppercase() {
        return None;
    }
    let lower = word.to_lowercase();
    WEEKDAYS
        .iter()
        .find(|(name, _)| *name == lower)
        .map(|(_, d)| *d)
}

fn year_of(word: &str) -> Option<i32> {
    if word.len() == 4 && word.bytes().all(|b| b.is_ascii_digit()) {
        let y: i32 = word.parse().ok()?;
        return (1800..=2100).contains(&y).then_some(y);
    }
    None
}

/// `6`, `6th`, `21st`: a day of the month.
fn day_of(word: &str) -> Option<u32> {
    let digits: String = word.chars().take_while(|c| c.is_ascii_digit()).collect();
    let rest = &word[digits.len()..];
    if digits.is_empty() || digits.len() > 2 || !matches!(rest, "" | "st" | "nd" | "rd" | "th") {
        return None;
    }
    let d: u32 = digits.parse().ok()?;
    (1..=31).contains(&d).then_some(d)
}

fn lower(word: &str) -> String {
    word.to_lowercase()
}

/// Finds the date expressions of a run of tokens (the extractor gives one
/// sentence at a time: a paragraph may end without punctuation) and its
/// article's publication date.
pub fn find_dates(words: &[&str], article_date: Option<NaiveDate>) -> Vec<DateSpan> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < words.len() {
        match date_at(words, i, article_date) {
            Some(span) => {
                i = span.end;
                out.push(span);
            }
            None => i += 1,
        }
    }
    out
}

/// Lowercase words that can open a date expression; any other lowercase
/// word is skipped without further work (this runs on every token).
const OPENERS: &[&str] = &[
    "the",
    "early",
    "late",
    "mid",
    "today",
    "tonight",
    "yesterday",
    "tomorrow",
    "last",
    "this",
    "next",
    "past",
    "a",
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "eleven",
];

fn date_at(words: &[&str], i: usize, today: Option<NaiveDate>) -> Option<DateSpan> {
    let w = words[i];
    let first = w.chars().next()?;
    // A capitalised word opens a date only as a month, a weekday or one of
    // the openers (`The end of 2016`, `Last April`, `Mid-2015`).
    let opener = OPENERS.iter().any(|o| o.eq_ignore_ascii_case(w))
        || w.get(..4).is_some_and(|m| m.eq_ignore_ascii_case("mid-"));
    let may_open = first.is_ascii_digit()
        || opener
        || (first.is_uppercase()
            && (month_of(w).is_some() || weekday_of(w).is_some() || ABBREVIATIONS.contains(&w)));
    if !may_open {
        return None;
    }
    let lw = lower(w);
    // Looked at only for a bare month: not lowercased for every word.
    let prev = || i.checked_sub(1).map(|p| lower(words[p]));
    let word_at = |k: usize| words.get(k).copied().unwrap_or("");

    // ISO date in running text (`2020-01-07`: parsed only when it looks
    // like one, as this runs on every capitalised word and number).
    if w.len() == 10
        && w.as_bytes()[4] == b'-'
        && first.is_ascii_digit()
        && let Ok(d) = NaiveDate::parse_from_str(w, "%Y-%m-%d")
    {
        return Some(span(i, i + 1, Some(DateValue::Day(d))));
    }

    // Phrases around a year: `the end of 2016`, `the beginning of 2015`.
    if lw == "the" {
        let part = lower(word_at(i + 1));
        if matches!(
            part.as_str(),
            "end"
                | "beginning"
                | "start"
                | "middle"
                | "turn"
                | "spring"
                | "summer"
                | "autumn"
                | "fall"
                | "winter"
                | "first"
                | "second"
        ) {
            let mut k = i + 2;
            if matches!(lower(word_at(k)).as_str(), "half" | "quarter") {
                k += 1;
            }
            if lower(word_at(k)) == "of" {
                if let Some(y) = year_of(word_at(k + 1)) {
                    return Some(span(i, k + 2, Some(DateValue::Year(y))));
                }
                if let Some(m) = month_of(word_at(k + 1)) {
                    if let Some(y) = year_of(word_at(k + 2)) {
                        return Some(span(i, k + 3, DateValue::month(y, m)));
                    }
                    let v = today.and_then(|t| resolve_month(m, t, Tense::Past));
                    return Some(span(i, k + 2, v));
                }
            }
        }
    }

    // `early 2015`, `late April`, `mid-2015`, `mid-April`.
    if matches!(lw.as_str(), "early" | "late" | "mid") {
        if let Some(y) = year_of(word_at(i + 1)) {
            return Some(span(i, i + 2, Some(DateValue::Year(y))));
        }
        if let Some(m) = month_of(word_at(i + 1)) {
            if let Some(y) = year_of(word_at(i + 2)) {
                return Some(span(i, i + 3, DateValue::month(y, m)));
            }
            let v = today.and_then(|t| resolve_month(m, t, tense_before(words, i)));
            return Some(span(i, i + 2, v));
        }
    }
    if let Some(rest) = lw.strip_prefix("mid-") {
        if let Some(y) = year_of(rest) {
            return Some(span(i, i + 1, Some(DateValue::Year(y))));
        }
        if let Some(m) = MONTHS.iter().position(|m| *m == rest) {
            let v = today.and_then(|t| resolve_month(m as u32 + 1, t, tense_before(words, i)));
            return Some(span(i, i + 1, v));
        }
    }

    // Relative words.
    if let Some(t) = today {
        match lw.as_str() {
            "today" | "tonight" => return Some(span(i, i + 1, Some(DateValue::Day(t)))),
            "yesterday" => {
                return Some(span(i, i + 1, Some(DateValue::Day(t - Duration::days(1)))));
            }
            "tomorrow" => {
                return Some(span(i, i + 1, Some(DateValue::Day(t + Duration::days(1)))));
            }
            _ => {}
        }
        if matches!(lw.as_str(), "last" | "this" | "next" | "past") {
            let unit = lower(word_at(i + 1));
            let step = match lw.as_str() {
                "last" | "past" => -1,
                "next" => 1,
                _ => 0,
            };
            match unit.as_str() {
                "year" => {
                    return Some(span(i, i + 2, Some(DateValue::Year(t.year() + step))));
                }
                "month" => {
                    let d = add_months(t, step);
                    return Some(span(i, i + 2, DateValue::month(d.year(), d.month())));
                }
                _ => {}
            }
        }
        // `three days ago`, `two years ago`
        if lower(word_at(i + 2)) == "ago"
            && let Some(n) = small_number(&lw)
        {
            let unit = lower(word_at(i + 1));
            let v = match unit.trim_end_matches('s') {
                "day" => Some(DateValue::Day(t - Duration::days(n))),
                "week" => Some(DateValue::Day(t - Duration::days(7 * n))),
                "month" => {
                    let d = add_months(t, -(n as i32));
                    DateValue::month(d.year(), d.month())
                }
                "year" => Some(DateValue::Year(t.year() - n as i32)),
                _ => None,
            };
            if v.is_some() {
                return Some(span(i, i + 3, v));
            }
        }
    }

    // `last Monday`, `next April`: the modifier is part of the expression.
    let (modifier, head) = if matches!(lw.as_str(), "last" | "next" | "this" | "past") {
        (Some(lw.as_str()), i + 1)
    } else {
        (None, i)
    };
    let hw = word_at(head);

    if let Some(day) = weekday_of(hw) {
        let tense = match modifier {
            Some("last" | "past") => Tense::StrictPast,
            Some("next") => Tense::Future,
            _ => tense_before(words, i),
        };
        let v = today.map(|t| DateValue::Day(resolve_weekday(day, t, tense)));
        return Some(span(i, head + 1, v));
    }

    // `6 January 2020`, `6 January`
    if modifier.is_none()
        && let Some(d) = day_of(hw)
        && let Some(m) = month_of(word_at(head + 1))
    {
        if let Some(y) = year_of(word_at(head + 2)) {
            return Some(span(i, head + 3, ymd(y, m, d)));
        }
        let v = today.and_then(|t| resolve_month_day(m, d, t, tense_before(words, i)));
        return Some(span(i, head + 2, v));
    }

    // `Feb 20`: an abbreviation without its period is a month only before
    // a day.
    let month = month_of(hw).or_else(|| {
        day_of(word_at(head + 1))
            .and_then(|_| ABBREVIATIONS.iter().position(|a| *a == hw))
            .map(|k| k as u32 + 1)
    });
    if let Some(m) = month {
        // `May` is also a name and a verb: only as a date in a date context.
        let is_may = m == 5 && !hw.ends_with('.');
        // `January 6, 2020` / `January 6`
        if let Some(d) = day_of(word_at(head + 1)) {
            let mut k = head + 2;
            if word_at(k) == "," {
                k += 1;
            }
            if let Some(y) = year_of(word_at(k)) {
                return Some(span(i, k + 1, ymd(y, m, d)));
            }
            let v = today.and_then(|t| resolve_month_day(m, d, t, tense_before(words, i)));
            return Some(span(i, head + 2, v));
        }
        // `January 2020`
        if let Some(y) = year_of(word_at(head + 1)) {
            return Some(span(i, head + 2, DateValue::month(y, m)));
        }
        // `and`, `or` join a month to a date before them (`between March
        // and May`), not to a name (`Trump and May`).
        let joined_to_date = || {
            i.checked_sub(2).is_some_and(|k| {
                let w = words[k];
                month_of(w).is_some() || w.starts_with(|c: char| c.is_ascii_digit())
            })
        };
        let in_context = modifier.is_some()
            || prev().as_deref().is_some_and(|p| {
                DATE_PREPOSITIONS.contains(&p) && (!matches!(p, "and" | "or") || joined_to_date())
            });
        if is_may && !in_context {
            return None;
        }
        if !in_context && !may_be_bare_month(words, head) {
            return None;
        }
        let tense = match modifier {
            Some("last" | "past") => Tense::StrictPast,
            Some("next") => Tense::Future,
            Some("this") => Tense::Nearest,
            _ => tense_before(words, i),
        };
        let v = today.and_then(|t| resolve_month(m, t, tense));
        return Some(span(i, head + 1, v));
    }

    // A bare year, in a date context and not counting things.
    if modifier.is_none()
        && let Some(y) = year_of(hw)
    {
        let prev_raw = i.checked_sub(1).map(|p| words[p]).unwrap_or("");
        let next = lower(word_at(i + 1));
        let money = matches!(prev_raw, "$" | "€" | "£" | "¥") || prev_raw.ends_with('$');
        if money || UNITS.contains(&next.as_str()) {
            return None;
        }
        return Some(span(i, i + 1, Some(DateValue::Year(y))));
    }

    None
}

/// A capitalised month name with no preposition before it reads as a date
/// when it opens a sentence or clause (`April was quiet`, `..., April saw`)
/// but not inside a name (`April Ryan`, `March Madness`).
fn may_be_bare_month(words: &[&str], head: usize) -> bool {
    let next = words.get(head + 1).copied().unwrap_or("");
    let next_is_name = next.chars().next().is_some_and(char::is_uppercase);
    !next_is_name
}

fn span(start: usize, end: usize, value: Option<DateValue>) -> DateSpan {
    DateSpan { start, end, value }
}

fn ymd(y: i32, m: u32, d: u32) -> Option<DateValue> {
    NaiveDate::from_ymd_opt(y, m, d).map(DateValue::Day)
}

fn small_number(w: &str) -> Option<i64> {
    const WORDS: [&str; 12] = [
        "a", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
        "eleven",
    ];
    if let Some(p) = WORDS.iter().position(|x| *x == w) {
        return Some(p.max(1) as i64);
    }
    w.parse::<i64>().ok().filter(|n| (1..=100).contains(n))
}

fn add_months(d: NaiveDate, n: i32) -> NaiveDate {
    let first = d.with_day(1).unwrap_or(d);
    if n >= 0 {
        first.checked_add_months(Months::new(n as u32))
    } else {
        first.checked_sub_months(Months::new((-n) as u32))
    }
    .unwrap_or(first)
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Tense {
    /// On or before the article date: news reports what happened.
    Past,
    /// Strictly before: `last Monday`, `last April`.
    StrictPast,
    /// On or after: `will meet on Monday`, `next April`.
    Future,
    /// The nearest occurrence either way: `this April`.
    Nearest,
}

/// Past unless a future marker stands shortly before the expression in the
/// same clause (`talks will resume on Monday`), or it is a deadline (`by
/// October`).
fn tense_before(words: &[&str], i: usize) -> Tense {
    if i > 0 && words[i - 1].eq_ignore_ascii_case("by") {
        return Tense::Future;
    }
    let from = i.saturating_sub(6);
    for w in words[from..i].iter().rev() {
        if matches!(*w, "." | ";" | "\"" | "“" | "”") {
            break;
        }
        if FUTURE.contains(&lower(w).as_str()) {
            return Tense::Future;
        }
    }
    Tense::Past
}

fn resolve_weekday(day: Weekday, today: NaiveDate, tense: Tense) -> NaiveDate {
    let back = (today.weekday().num_days_from_monday() as i64 - day.num_days_from_monday() as i64)
        .rem_euclid(7);
    match tense {
        Tense::Past | Tense::Nearest => today - Duration::days(back),
        Tense::StrictPast => today - Duration::days(if back == 0 { 7 } else { back }),
        Tense::Future => today + Duration::days((7 - back) % 7),
    }
}

fn resolve_month(month: u32, today: NaiveDate, tense: Tense) -> Option<DateValue> {
    let (y, m) = (today.year(), today.month());
    let year = match tense {
        Tense::Past => {
            if month <= m {
                y
            } else {
                y - 1
            }
        }
        Tense::StrictPast => {
            if month < m {
                y
            } else {
                y - 1
            }
        }
        Tense::Future => {
            if month >= m {
                y
            } else {
                y + 1
            }
        }
        Tense::Nearest => {
            let ahead = (month as i32 - m as i32).rem_euclid(12);
            if ahead <= 6 {
                if month >= m { y } else { y + 1 }
            } else if month <= m {
                y
            } else {
                y - 1
            }
        }
    };
    DateValue::month(year, month)
}

/// A day and month without a year: the occurrence nearest the article
/// date, with dates ahead counted three times as far (news looks back)
/// unless the clause speaks of the future.
fn resolve_month_day(month: u32, day: u32, today: NaiveDate, tense: Tense) -> Option<DateValue> {
    let mut best: Option<(i64, NaiveDate)> = None;
    for y in [today.year() - 1, today.year(), today.year() + 1] {
        let Some(c) = NaiveDate::from_ymd_opt(y, month, day) else {
            continue;
        };
        let diff = (c - today).num_days();
        let cost = match (tense, diff >= 0) {
            (Tense::Future, true) | (Tense::Past | Tense::StrictPast | Tense::Nearest, false) => {
                diff.abs()
            }
            _ => diff.abs() * 3,
        };
        if best.is_none_or(|(b, _)| cost < b) {
            best = Some((cost, c));
        }
    }
    best.map(|(_, d)| DateValue::Day(d))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::entities::tokens::tokenize;

    /// (text of each date found, its resolution) for a sentence.
    fn dates(text: &str, today: &str) -> Vec<(String, String)> {
        let tokens = tokenize(text);
        let words: Vec<&str> = tokens.iter().map(|t| t.text(text)).collect();
        let today = NaiveDate::parse_from_str(today, "%Y-%m-%d").ok();
        find_dates(&words, today)
            .into_iter()
            .map(|d| {
                let s = tokens[d.start].start as usize;
                let e = tokens[d.end - 1].end as usize;
                (
                    text[s..e].to_string(),
                    d.value.map(|v| v.to_string()).unwrap_or_default(),
                )
            })
            .collect()
    }

    fn pairs(v: &[(&str, &str)]) -> Vec<(String, String)> {
        v.iter()
            .map(|(a, b)| (a.to_string(), b.to_string()))
            .collect()
    }

    #[test]
    fn weekdays_resolve_to_the_past_by_default() {
        // 2020-01-07 was a Tuesday.
        assert_eq!(
            dates(
                "On Monday the army left, and on Tuesday it returned.",
                "2020-01-07"
            ),
            pairs(&[("Monday", "2020-01-06"), ("Tuesday", "2020-01-07")])
        );
        assert_eq!(
            dates("The minister said Sunday that talks failed.", "2020-01-07"),
            pairs(&[("Sunday", "2020-01-05")])
        );
    }

    #[test]
    fn weekdays_with_modifiers_and_future_tense() {
        assert_eq!(
            dates("Talks will resume on Friday.", "2020-01-07"),
            pairs(&[("Friday", "2020-01-10")])
        );
        assert_eq!(
            dates(
                "He left last Tuesday and returns next Monday.",
                "2020-01-07"
            ),
            pairs(&[
                ("last Tuesday", "2019-12-31"),
                ("next Monday", "2020-01-13")
            ])
        );
    }

    #[test]
    fn months_resolve_to_the_most_recent_past_month() {
        assert_eq!(
            dates("Fighting has raged since April.", "2020-01-07"),
            pairs(&[("April", "2019-04")])
        );
        assert_eq!(
            dates("Last April, the siege began.", "2020-01-07"),
            pairs(&[("Last April", "2019-04")])
        );
        assert_eq!(
            dates("Elections are scheduled for June.", "2020-01-07"),
            pairs(&[("June", "2020-06")])
        );
        assert_eq!(
            dates("The offensive began in January.", "2020-01-20"),
            pairs(&[("January", "2020-01")])
        );
    }

    #[test]
    fn deadlines_look_ahead() {
        assert_eq!(
            dates("They agreed to hand over power by October.", "2023-04-18"),
            pairs(&[("October", "2023-10")])
        );
    }

    #[test]
    fn years_and_phrases_around_them() {
        assert_eq!(
            dates(
                "It fell in early 2015 and was freed at the end of 2016; in 2014 it was calm.",
                "2020-01-06"
            ),
            pairs(&[
                ("early 2015", "2015"),
                ("the end of 2016", "2016"),
                ("2014", "2014")
            ])
        );
        assert_eq!(
            dates("By mid-2018 and late 2019 things changed.", "2020-01-06"),
            pairs(&[("mid-2018", "2018"), ("late 2019", "2019")])
        );
    }

    #[test]
    fn counts_and_money_are_not_years() {
        assert!(
            dates(
                "More than 1,000 people died and 2000 troops left.",
                "2020-01-06"
            )
            .is_empty()
        );
        assert!(dates("It cost $2015 in fees.", "2020-01-06").is_empty());
        assert!(dates("a city of 120,000 with 5,000 injured", "2020-01-06").is_empty());
    }

    #[test]
    fn full_dates() {
        assert_eq!(
            dates(
                "On January 6, 2020 and 8 March 2019, then Jan. 3 and 2021-05-04.",
                "2020-01-07"
            ),
            pairs(&[
                ("January 6, 2020", "2020-01-06"),
                ("8 March 2019", "2019-03-08"),
                ("Jan. 3", "2020-01-03"),
                ("2021-05-04", "2021-05-04")
            ])
        );
        assert_eq!(
            dates("The vote is on January 20.", "2020-01-07"),
            pairs(&[("January 20", "2020-01-20")])
        );
        assert_eq!(
            dates("In March 2011 the uprising began.", "2020-01-07"),
            pairs(&[("March 2011", "2011-03")])
        );
        // Abbreviations without a period, only before a day.
        assert_eq!(
            dates(
                "The summit is on Feb 20; Sep 3, 2019 was calm.",
                "2020-01-07"
            ),
            pairs(&[("Feb 20", "2020-02-20"), ("Sep 3, 2019", "2019-09-03")])
        );
        assert_eq!(
            dates("Jan Kowalski and Dec staff met.", "2020-01-07"),
            pairs(&[])
        );
    }

    #[test]
    fn relative_words() {
        assert_eq!(
            dates(
                "Yesterday he spoke; last year and this month too, three days ago.",
                "2020-01-07"
            ),
            pairs(&[
                ("Yesterday", "2020-01-06"),
                ("last year", "2019"),
                ("this month", "2020-01"),
                ("three days ago", "2020-01-04"),
            ])
        );
    }

    #[test]
    fn may_and_march_as_words_are_not_dates() {
        assert!(dates("Theresa May said they may march.", "2020-01-07").is_empty());
        assert!(dates("TRUMP AND MAY MEET", "2020-01-07").is_empty());
        assert_eq!(
            dates("between March and May .", "2020-01-07"),
            pairs(&[("March", "2019-03"), ("May", "2019-05")])
        );
        assert_eq!(
            dates("He resigned in May.", "2020-01-07"),
            pairs(&[("May", "2019-05")])
        );
        assert!(dates("April Ryan asked a question.", "2020-01-07").is_empty());
    }

    #[test]
    fn undated_articles_keep_mentions_unresolved() {
        assert_eq!(
            dates("On Monday in 2016.", "not a date"),
            pairs(&[("Monday", ""), ("2016", "2016")])
        );
    }
}

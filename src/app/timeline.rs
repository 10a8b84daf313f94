//! An entity's timeline: its mentions in the listed articles per day,
//! week, month or year (the finest that fits the width), by the
//! articles' dates and, as a second series, by the dates the text itself
//! gives in the sentences that mention it (`said on Monday`: a date
//! mention resolved against its article's date). Data and pure
//! functions; the app computes the first series, a worker the second
//! (it reads bodies), the ui draws both.

use std::ops::Range;

use chrono::{Datelike, Days, Months, NaiveDate};

use crate::corpus::sentences::sentences;
use crate::entities::DateValue;
use crate::resolve::EntityId;

/// How long one bar of a timeline is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Span {
    Day,
    /// Monday to Sunday.
    Week,
    Month,
    Year,
}

impl Span {
    pub const ALL: [Span; 4] = [Span::Day, Span::Week, Span::Month, Span::Year];

    pub fn name(self) -> &'static str {
        match self {
            Span::Day => "day",
            Span::Week => "week",
            Span::Month => "month",
            Span::Year => "year",
        }
    }

    /// The first day of the period that holds `d`.
    pub fn start_of(self, d: NaiveDate) -> NaiveDate {
        match self {
            Span::Day => d,
            Span::Week => d - Days::new(u64::from(d.weekday().num_days_from_monday())),
            Span::Month => d.with_day(1).unwrap_or(d),
            Span::Year => d.with_ordinal(1).unwrap_or(d),
        }
    }

    /// The first day of the period after the one starting on `start`.
    fn next(self, start: NaiveDate) -> Option<NaiveDate> {
        match self {
            Span::Day => start.checked_add_days(Days::new(1)),
            Span::Week => start.checked_add_days(Days::new(7)),
            Span::Month => start.checked_add_months(Months::new(1)),
            Span::Year => start.checked_add_months(Months::new(12)),
        }
    }

    /// How many periods run from the one holding `first` to the one
    /// holding `last`.
    fn periods(self, first: NaiveDate, last: NaiveDate) -> usize {
        let (a, b) = (self.start_of(first), self.start_of(last));
        let n = match self {
            Span::Day => (b - a).num_days(),
            Span::Week => (b - a).num_days() / 7,
            Span::Month => {
                i64::from(b.year() - a.year()) * 12 + i64::from(b.month()) - i64::from(a.month())
            }
            Span::Year => i64::from(b.year() - a.year()),
        };
        usize::try_from(n).unwrap_or(0) + 1
    }

    /// Whether a date the text gives at this precision has one bar.
    fn places(self, v: DateValue) -> bool {
        match v {
            DateValue::Day(_) => true,
            DateValue::Month(..) => matches!(self, Span::Month | Span::Year),
            DateValue::Year(_) => self == Span::Year,
        }
    }
}

/// What a timeline was computed for: an answer computed for anything
/// else is stale.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct TimelineOf {
    pub entity: EntityId,
    /// The entities' resolution, the list and the mentions it counted.
    pub resolution: u64,
    pub list: u64,
    pub mentions: u64,
    pub width: usize,
}

/// The text dates of one article for the second series: its body, the
/// byte ranges of the entity's mentions and its date mentions with what
/// they resolve to.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DatedText {
    pub mentions: Vec<Range<usize>>,
    pub dates: Vec<(Range<usize>, DateValue)>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Timeline {
    pub of: TimelineOf,
    pub span: Span,
    /// The first day of each bar, then of the period after the last.
    starts: Vec<NaiveDate>,
    /// Mentions per bar, by the dates of the articles that make them.
    pub by_article: Vec<u32>,
    /// Mentions per bar, by the dates the sentences that make them give;
    /// `None` until a worker has read the bodies.
    pub by_text: Option<Vec<u32>>,
    /// Mentions in listed articles without a date.
    pub undated: u32,
    /// Mentions placed by their text's dates outside the bars' periods.
    pub text_outside: u32,
    pub selected: usize,
}

impl Timeline {
    /// The timeline of mentions made by articles of these dates
    /// (`(date, mentions)`, any order), the finest span whose bars fit
    /// `width`; `None` when no article is dated.
    pub fn new(
        of: TimelineOf,
        dated: &[(NaiveDate, u32)],
        undated: u32,
        width: usize,
    ) -> Option<Timeline> {
        let first = dated.iter().map(|d| d.0).min()?;
        let last = dated.iter().map(|d| d.0).max()?;
        let width = width.max(1);
        let span = Span::ALL
            .into_iter()
            .find(|s| s.periods(first, last) <= width)
            .unwrap_or(Span::Year);
        let mut starts = vec![span.start_of(first)];
        while let Some(&s) = starts.last() {
            match span.next(s) {
                Some(n) if s <= last => starts.push(n),
                _ => break,
            }
        }
        // The end of the calendar: no period after the last.
        if starts.len() < 2 {
            return None;
        }
        let mut t = Timeline {
            of,
            span,
            by_article: vec![0; starts.len() - 1],
            starts,
            by_text: None,
            undated,
            text_outside: 0,
            selected: 0,
        };
        for &(d, n) in dated {
            if let Some(i) = t.bar_of(d) {
                t.by_article[i] += n;
            }
        }
        // The latest period with mentions.
        t.selected = t.by_article.iter().rposition(|&n| n > 0).unwrap_or(0);
        Some(t)
    }

    /// How many bars.
    pub fn bars(&self) -> usize {
        self.by_article.len()
    }

    /// The first of `shown` bars to show so that the selected one is
    /// among them (more bars than fit when the dates span centuries).
    pub fn first_shown(&self, shown: usize) -> usize {
        (self.selected + 1).saturating_sub(shown.max(1))
    }

    /// The bar of the period holding `d`.
    pub fn bar_of(&self, d: NaiveDate) -> Option<usize> {
        if d < self.starts[0] || d >= *self.starts.last()? {
            return None;
        }
        Some(self.starts.partition_point(|&s| s <= d) - 1)
    }

    /// The first and last day of bar `i`.
    pub fn period(&self, i: usize) -> (NaiveDate, NaiveDate) {
        let end = self.starts[i + 1].pred_opt().unwrap_or(self.starts[i + 1]);
        (self.starts[i], end)
    }

    /// Takes the dates the text gives (one per mention and date of its
    /// sentence): those of a precision the span places, in its periods.
    pub fn set_text_dates(&mut self, dates: &[DateValue]) {
        let mut bars = vec![0; self.bars()];
        let mut outside = 0;
        for &v in dates {
            if !self.span.places(v) {
                continue;
            }
            match v.first_day().and_then(|d| self.bar_of(d)) {
                Some(i) => bars[i] += 1,
                None => outside += 1,
            }
        }
        self.by_text = Some(bars);
        self.text_outside = outside;
    }

    /// Moves the selected bar by `by`, within the bars.
    pub fn move_selection(&mut self, by: isize) {
        let last = self.bars().saturating_sub(1);
        self.selected = self.selected.saturating_add_signed(by).min(last);
    }

    /// The filter term for bar `i`'s period: `date:2020-01-06`, or a
    /// range `date:2020-01-06..2020-01-12`.
    pub fn date_term(&self, i: usize) -> String {
        let (a, b) = self.period(i);
        if a == b {
            format!("date:{a}")
        } else {
            format!("date:{a}..{b}")
        }
    }
}

/// The dates `text` gives for the mentions at `mentions`: for each
/// mention, the value of every date mention of its sentence (a date the
/// sentence names twice counts once).
pub fn text_dates(text: &str, t: &DatedText) -> Vec<DateValue> {
    let mut out = Vec::new();
    if t.mentions.is_empty() || t.dates.is_empty() {
        return out;
    }
    let mut of_sentence: Vec<DateValue> = Vec::new();
    for s in sentences(text) {
        let inside = |r: &Range<usize>| r.start >= s.start && r.start < s.end;
        let n = t.mentions.iter().filter(|r| inside(r)).count();
        if n == 0 {
            continue;
        }
        of_sentence.clear();
        of_sentence.extend(t.dates.iter().filter(|(r, _)| inside(r)).map(|(_, v)| *v));
        of_sentence.sort();
        of_sentence.dedup();
        for _ in 0..n {
            out.extend_from_slice(&of_sentence);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    const OF: TimelineOf = TimelineOf {
        entity: 0,
        resolution: 0,
        list: 0,
        mentions: 0,
        width: 0,
    };

    #[test]
    fn the_finest_span_that_fits() {
        let dated = [(day("2020-01-07"), 3), (day("2020-01-06"), 2)];
        let t = Timeline::new(OF, &dated, 1, 40).unwrap();
        assert_eq!((t.span, t.bars()), (Span::Day, 2));
        assert_eq!(t.by_article, [2, 3]);
        assert_eq!(t.undated, 1);
        assert_eq!(t.selected, 1, "the latest period with mentions");
        assert_eq!(t.date_term(0), "date:2020-01-06");
        let dated = [(day("2019-12-01"), 1), (day("2020-01-07"), 3)];
        let t = Timeline::new(OF, &dated, 0, 10).unwrap();
        assert_eq!((t.span, t.bars()), (Span::Week, 7));
        assert_eq!(t.period(0), (day("2019-11-25"), day("2019-12-01")));
        assert_eq!(t.date_term(6), "date:2020-01-06..2020-01-12");
        assert_eq!((t.by_article[0], t.by_article[6]), (1, 3));
        let t = Timeline::new(OF, &dated, 0, 2).unwrap();
        assert_eq!((t.span, t.by_article.clone()), (Span::Month, vec![1, 3]));
        assert_eq!(t.date_term(1), "date:2020-01-01..2020-01-31");
        let t = Timeline::new(OF, &dated, 0, 1).unwrap();
        assert_eq!((t.span, t.by_article.clone()), (Span::Year, vec![1, 3]));
        assert!(Timeline::new(OF, &[], 4, 10).is_none());
        assert!(Timeline::new(OF, &[(NaiveDate::MAX, 1)], 0, 10).is_none());
        // Centuries apart: more years than fit; the latest are shown.
        let dated = [(day("1820-05-01"), 1), (day("2020-01-07"), 3)];
        let t = Timeline::new(OF, &dated, 0, 50).unwrap();
        assert_eq!((t.span, t.bars(), t.selected), (Span::Year, 201, 200));
        assert_eq!(t.first_shown(50), 151);
        assert_eq!(t.first_shown(300), 0);
    }

    #[test]
    fn the_selection_stays_within_the_bars() {
        let dated = [(day("2020-01-01"), 1), (day("2020-01-03"), 1)];
        let mut t = Timeline::new(OF, &dated, 0, 10).unwrap();
        assert_eq!(t.bars(), 3);
        t.move_selection(5);
        assert_eq!(t.selected, 2);
        t.move_selection(-9);
        assert_eq!(t.selected, 0);
    }

    #[test]
    fn dates_given_in_the_sentences_of_the_mentions() {
        let text = "Haftar said on Monday his forces took Sirte. Nobody \
                    spoke on Tuesday. Haftar and Haftar met in May.";
        let at = |s: &str, nth: usize| {
            let i = text.match_indices(s).nth(nth).unwrap().0;
            i..i + s.len()
        };
        let monday = DateValue::Day(day("2020-01-06"));
        let tuesday = DateValue::Day(day("2020-01-07"));
        let may = DateValue::Month(2020, 5);
        let t = DatedText {
            mentions: vec![at("Haftar", 0), at("Haftar", 1), at("Haftar", 2)],
            dates: vec![
                (at("Monday", 0), monday),
                (at("Tuesday", 0), tuesday),
                (at("May", 0), may),
            ],
        };
        assert_eq!(text_dates(text, &t), [monday, may, may]);
        let dated = [(day("2020-01-07"), 3)];
        let mut tl = Timeline::new(OF, &dated, 0, 10).unwrap();
        tl.set_text_dates(&text_dates(text, &t));
        // Per day: Monday is outside the one day listed; May has no day.
        assert_eq!((tl.by_text.clone(), tl.text_outside), (Some(vec![0]), 1));
        let dated = [(day("2020-01-06"), 1), (day("2020-05-30"), 3)];
        let mut tl = Timeline::new(OF, &dated, 0, 6).unwrap();
        assert_eq!(tl.span, Span::Month);
        tl.set_text_dates(&text_dates(text, &t));
        assert_eq!(tl.by_text, Some(vec![1, 0, 0, 0, 2]));
    }
}

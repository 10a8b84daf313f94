//! The names of a document while the rules work on them: [`Spans`] keeps
//! them sorted and never overlapping, and each [`Span`] says where it came
//! from ([`Origin`]).

use std::ops::{Deref, Range};

use crate::entities::kind::Kind;

/// A name over tokens `start..end`.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Span {
    pub start: usize,
    pub end: usize,
    pub kind: Kind,
    pub origin: Origin,
}

/// Where a span came from, and so how far its kind is to be trusted.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Origin {
    /// The tagger found it, this sure of its kind (0 for a coin toss, below
    /// 1). Rules may have trimmed, widened, split or retyped it since; it
    /// stays open to later rules.
    Tagger(f32),
    /// The named rule cut it out of a tagger span whose kind went with the
    /// part cut away (`US` out of `US Secretary`), or found it where a name
    /// found elsewhere in the text stands again: nothing vouches for its
    /// kind, and it stays open to later rules.
    Cut(&'static str),
    /// The named rule found it or settled its kind: rules that correct the
    /// tagger leave it alone.
    Rule(&'static str),
}

impl Origin {
    /// How much the span's kind counts when linking weighs the readings of
    /// a name: the tagger's confidence, 0 for a cut span, 1 for a rule's.
    pub fn confidence(self) -> f32 {
        match self {
            Origin::Tagger(c) => c,
            Origin::Cut(_) => 0.0,
            Origin::Rule(_) => 1.0,
        }
    }

    /// Whether a rule settled the span.
    pub fn is_settled(self) -> bool {
        matches!(self, Origin::Rule(_))
    }
}

impl Span {
    pub fn new(start: usize, end: usize, kind: Kind, origin: Origin) -> Self {
        Span {
            start,
            end,
            kind,
            origin,
        }
    }

    /// Tokens `start..end` of this span, cut out by rule `pass`: its kind
    /// went with the whole, so nothing vouches for it ([`Origin::Cut`]).
    pub fn cut_part(&self, start: usize, end: usize, pass: &'static str) -> Span {
        Span::new(start, end, self.kind, Origin::Cut(pass))
    }

    /// Tokens `start..end` of this span, its origin kept (the span
    /// trimmed of what was never part of it).
    pub fn trimmed(&self, start: usize, end: usize) -> Span {
        Span {
            start,
            end,
            ..*self
        }
    }

    pub fn overlaps(&self, start: usize, end: usize) -> bool {
        self.start < end && start < self.end
    }

    pub fn len(&self) -> usize {
        self.end - self.start
    }

    pub fn is_empty(&self) -> bool {
        self.start == self.end
    }

    pub fn range(&self) -> Range<usize> {
        self.start..self.end
    }
}

/// What [`Spans::insert`] does with the spans a new one overlaps.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Overlap {
    /// The new span goes in only where no span lies.
    Gap,
    /// It replaces the spans it covers whole, and stays out when a span
    /// crosses one of its edges or holds it (`North African` over
    /// `African`, but nothing inside `Libyan National Army`).
    Covered,
    /// It replaces every span it overlaps.
    All,
}

/// Names over the tokens of a document, sorted by position and never
/// overlapping (so their ends are sorted too), none empty. Every change
/// keeps it so. What a rule adds or settles records the rule now running
/// ([`Spans::start_pass`]) as its origin.
#[derive(Clone, Debug, Default, PartialEq)]
pub(crate) struct Spans {
    list: Vec<Span>,
    pass: &'static str,
}

impl Deref for Spans {
    type Target = [Span];

    fn deref(&self) -> &[Span] {
        &self.list
    }
}

impl Spans {
    pub fn new() -> Self {
        Spans::default()
    }

    pub fn into_vec(self) -> Vec<Span> {
        self.list
    }

    /// Names the rule that changes the spans from now on.
    pub fn start_pass(&mut self, name: &'static str) {
        self.pass = name;
    }

    /// A span the rule now running is sure of.
    pub fn settled(&self, start: usize, end: usize, kind: Kind) -> Span {
        Span::new(start, end, kind, Origin::Rule(self.pass))
    }

    /// Puts `span` in, doing with the spans it overlaps what `overlap`
    /// says. Returns whether it went in. An empty span never does.
    pub fn insert(&mut self, span: Span, overlap: Overlap) -> bool {
        if span.is_empty() {
            return false;
        }
        let hit = self.overlapping(span.start, span.end);
        let fits = match overlap {
            Overlap::Gap => hit.is_empty(),
            Overlap::Covered => self.list[hit.clone()]
                .iter()
                .all(|s| span.start <= s.start && s.end <= span.end),
            Overlap::All => true,
        };
        if fits {
            let at = hit.start;
            self.list.splice(hit, [span]);
            debug_assert!(self.is_sorted_apart(), "{:?} at {at}", self.list);
        }
        fits
    }

    /// The indices of the spans overlapping tokens `start..end`.
    pub fn overlapping(&self, start: usize, end: usize) -> Range<usize> {
        let from = self.list.partition_point(|s| s.end <= start);
        let to = from + self.list[from..].partition_point(|s| s.start < end);
        from..to
    }

    /// The index of the span ending at token `end`, if one does.
    pub fn ending_at(&self, end: usize) -> Option<usize> {
        let i = self.list.partition_point(|s| s.end < end);
        (self.list.get(i)?.end == end).then_some(i)
    }

    /// Gives span `i` another kind; its origin stays.
    pub fn set_kind(&mut self, i: usize, kind: Kind) {
        self.list[i].kind = kind;
    }

    /// Gives span `i` its kind for good: its origin becomes the rule now
    /// running.
    pub fn settle(&mut self, i: usize, kind: Kind) {
        self.list[i].kind = kind;
        self.list[i].origin = Origin::Rule(self.pass);
    }

    /// Shrinks span `i` to `start..end`, inside it and not empty; its
    /// origin stays.
    pub fn narrow(&mut self, i: usize, start: usize, end: usize) {
        let s = &mut self.list[i];
        assert!(
            s.start <= start && start < end && end <= s.end,
            "{s:?} to {start}..{end}"
        );
        s.start = start;
        s.end = end;
    }

    /// Shrinks span `i` to `start..end` (as [`Spans::narrow`]) because
    /// what was cut off carried its kind: its origin becomes
    /// [`Origin::Cut`] by the rule now running.
    pub fn cut(&mut self, i: usize, start: usize, end: usize) {
        self.narrow(i, start, end);
        self.list[i].origin = Origin::Cut(self.pass);
    }

    /// Splits span `i` at token `at` (inside it) into two spans of the
    /// given kinds, each keeping its origin.
    pub fn split(&mut self, i: usize, at: usize, left: Kind, right: Kind) {
        let s = self.list[i];
        assert!(s.start < at && at < s.end, "{s:?} at {at}");
        self.list[i] = Span {
            end: at,
            kind: left,
            ..s
        };
        self.list.insert(
            i + 1,
            Span {
                start: at,
                kind: right,
                ..s
            },
        );
    }

    /// Replaces each span with what `parts` puts out for it: spans inside
    /// its own range, in order and apart (none: the span goes). `parts` is
    /// given the name of the rule now running, for the origins it sets
    /// ([`Span::cut_part`]).
    pub fn reshape(&mut self, mut parts: impl FnMut(&Span, &'static str, &mut Vec<Span>)) {
        let old = std::mem::take(&mut self.list);
        self.list.reserve(old.len());
        for s in &old {
            let from = self.list.len();
            parts(s, self.pass, &mut self.list);
            let made = &self.list[from..];
            debug_assert!(
                made.iter()
                    .all(|p| s.start <= p.start && p.end <= s.end && !p.is_empty())
                    && made.windows(2).all(|w| w[0].end <= w[1].start),
                "{s:?} into {made:?}"
            );
        }
        debug_assert!(self.is_sorted_apart(), "{:?}", self.list);
    }

    /// Keeps only the spans for which `keep` holds.
    pub fn retain(&mut self, keep: impl FnMut(&Span) -> bool) {
        self.list.retain(keep);
    }

    fn is_sorted_apart(&self) -> bool {
        self.list.iter().all(|s| !s.is_empty())
            && self.list.windows(2).all(|w| w[0].end <= w[1].start)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const TAGGER: Origin = Origin::Tagger(0.5);

    fn span(start: usize, end: usize) -> Span {
        Span::new(start, end, Kind::Person, TAGGER)
    }

    fn ranges(spans: &Spans) -> Vec<(usize, usize)> {
        spans.iter().map(|s| (s.start, s.end)).collect()
    }

    fn filled(ranges: &[(usize, usize)]) -> Spans {
        let mut spans = Spans::new();
        for &(a, b) in ranges {
            assert!(spans.insert(span(a, b), Overlap::Gap));
        }
        spans
    }

    #[test]
    fn insertion_keeps_spans_sorted_whatever_the_order() {
        let spans = filled(&[(7, 9), (0, 2), (4, 5), (2, 3)]);
        assert_eq!(ranges(&spans), [(0, 2), (2, 3), (4, 5), (7, 9)]);
    }

    #[test]
    fn a_gap_insertion_never_overlaps() {
        let mut spans = filled(&[(2, 4), (6, 8)]);
        for (a, b) in [(1, 3), (3, 7), (0, 10), (7, 8), (2, 4)] {
            assert!(!spans.insert(span(a, b), Overlap::Gap), "{a}..{b}");
        }
        assert!(spans.insert(span(4, 6), Overlap::Gap));
        assert!(!spans.insert(span(5, 5), Overlap::Gap), "empty");
        assert_eq!(ranges(&spans), [(2, 4), (4, 6), (6, 8)]);
    }

    #[test]
    fn a_covering_insertion_replaces_only_what_it_covers_whole() {
        let mut spans = filled(&[(2, 4), (5, 6), (8, 10)]);
        // Crosses the edge of 8..10: stays out, nothing changes.
        assert!(!spans.insert(span(3, 9), Overlap::Covered));
        // Inside 8..10: stays out.
        assert!(!spans.insert(span(8, 9), Overlap::Covered));
        assert_eq!(ranges(&spans), [(2, 4), (5, 6), (8, 10)]);
        let rule = Span::new(1, 7, Kind::Location, Origin::Rule("test"));
        assert!(spans.insert(rule, Overlap::Covered));
        assert_eq!(spans[..], [rule, span(8, 10)]);
    }

    #[test]
    fn a_replacing_insertion_takes_every_span_it_touches() {
        let mut spans = filled(&[(0, 1), (2, 4), (5, 6), (8, 10)]);
        assert!(spans.insert(span(3, 9), Overlap::All));
        assert_eq!(ranges(&spans), [(0, 1), (3, 9)]);
    }

    #[test]
    fn lookups_find_spans_by_their_ends() {
        let spans = filled(&[(0, 2), (3, 4), (6, 9)]);
        assert_eq!(spans.overlapping(1, 7), 0..3);
        assert_eq!(spans.overlapping(2, 3), 1..1);
        assert_eq!(spans.overlapping(4, 6), 2..2);
        assert_eq!(spans.overlapping(8, 20), 2..3);
        assert_eq!(spans.ending_at(4), Some(1));
        assert_eq!(spans.ending_at(5), None);
    }

    #[test]
    fn origins_are_kept_or_set_by_the_rule_running() {
        let mut spans = filled(&[(0, 3), (4, 6), (7, 9)]);
        spans.start_pass("first");
        assert!(spans.insert(spans.settled(10, 11, Kind::Misc), Overlap::Gap));
        spans.start_pass("second");
        spans.set_kind(0, Kind::Location);
        spans.settle(1, Kind::Organization);
        spans.cut(2, 7, 8);
        spans.narrow(0, 1, 3);
        assert_eq!(
            spans[..],
            [
                Span::new(1, 3, Kind::Location, TAGGER),
                Span::new(4, 6, Kind::Organization, Origin::Rule("second")),
                Span::new(7, 8, Kind::Person, Origin::Cut("second")),
                Span::new(10, 11, Kind::Misc, Origin::Rule("first")),
            ]
        );
        assert_eq!(
            spans
                .iter()
                .map(|s| s.origin.confidence())
                .collect::<Vec<_>>(),
            [0.5, 1.0, 0.0, 1.0]
        );
        assert!(spans[1].origin.is_settled() && !spans[0].origin.is_settled());
    }

    #[test]
    fn a_split_keeps_the_origin_in_both_parts() {
        let mut spans = filled(&[(0, 1), (2, 5)]);
        spans.split(1, 3, Kind::Person, Kind::Organization);
        assert_eq!(
            spans[..],
            [
                span(0, 1),
                Span::new(2, 3, Kind::Person, TAGGER),
                Span::new(3, 5, Kind::Organization, TAGGER),
            ]
        );
    }

    #[test]
    fn reshaping_replaces_each_span_with_its_parts() {
        let mut spans = filled(&[(0, 2), (3, 7), (8, 9)]);
        spans.start_pass("reshaper");
        spans.reshape(|s, pass, out| match s.start {
            // Trimmed: its origin stays. Split: the parts are cut.
            0 => out.push(s.trimmed(1, 2)),
            3 => {
                out.push(s.cut_part(3, 4, pass));
                out.push(s.cut_part(5, 7, pass));
            }
            _ => {}
        });
        assert_eq!(
            spans[..],
            [
                span(1, 2),
                Span::new(3, 4, Kind::Person, Origin::Cut("reshaper")),
                Span::new(5, 7, Kind::Person, Origin::Cut("reshaper")),
            ]
        );
    }

    proptest::proptest! {
        /// Whatever is inserted, with whatever policy, the spans stay
        /// sorted, apart and non-empty, and what went in is there.
        #[test]
        fn any_insertions_keep_the_invariants(
            ops in proptest::collection::vec((0usize..30, 0usize..6, 0u8..3), 0..40)
        ) {
            let mut spans = Spans::new();
            for (start, len, policy) in ops {
                let policy = [Overlap::Gap, Overlap::Covered, Overlap::All][policy as usize];
                let s = span(start, start + len);
                let before = spans.clone();
                let went_in = spans.insert(s, policy);
                proptest::prop_assert!(spans.is_sorted_apart());
                if went_in {
                    proptest::prop_assert!(spans.contains(&s));
                } else {
                    proptest::prop_assert_eq!(&spans, &before);
                }
                if policy == Overlap::All && len > 0 {
                    proptest::prop_assert!(went_in);
                }
            }
        }
    }
}

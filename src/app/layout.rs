//! The reader's text, wrapped by lede rather than by a widget, so that every
//! byte of a body has a row and a column: a mention maps to the cell it is
//! drawn in, and jumping to it can scroll it into view.
//!
//! A [`ReaderLayout`] is a list of [`Line`]s, each a byte range of the
//! title, the meta line or the body. Lines are found with textwrap's
//! first-fit algorithm over fragments measured by [`super::text`] (grapheme
//! clusters, cell widths as ratatui draws them, control characters as
//! one-cell placeholders). A word wider than the pane is cut between
//! grapheme clusters, never inside one. Building a layout is linear in the
//! article; it is done once per (article, width), in `update`.

use std::ops::Range;

use textwrap::core::Fragment;
use textwrap::wrap_algorithms::wrap_first_fit;

use std::sync::Arc;

use super::text::{for_each_grapheme, width};
use crate::corpus::{ArticleMeta, blocks};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LineKind {
    /// A range of the article's title.
    Title,
    /// A range of [`ReaderLayout::meta`]: date, source, path.
    Meta,
    Blank,
    /// A range of the body.
    Text,
    /// A range of the body that is a heading.
    Heading,
}

/// One row of the reader. Offsets are `u32` (as mention offsets are) to
/// keep a 100 MB article's layout small.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Line {
    pub start: u32,
    pub end: u32,
    pub kind: LineKind,
}

impl Line {
    pub fn range(&self) -> Range<usize> {
        self.start as usize..self.end as usize
    }

    pub fn is_body(&self) -> bool {
        matches!(self.kind, LineKind::Text | LineKind::Heading)
    }
}

/// An article laid out for the reader. It holds what it lays out (the
/// body is shared, not copied), so drawing needs nothing else.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ReaderLayout {
    /// The article and width this layout was made for.
    pub article: usize,
    pub width: u16,
    /// The title, shown when the file gave one.
    pub title: String,
    /// `date · source · path · url`, as shown under the title.
    pub meta: String,
    pub body: Arc<str>,
    pub lines: Vec<Line>,
    /// Row of the first body line; body lines run from here to the end.
    pub body_start: usize,
}

impl ReaderLayout {
    /// The layout of article `a` (index `article`) at `width` cells: the
    /// title when the file gave one, the meta line, a blank line, then the
    /// paragraphs separated by blank lines.
    pub fn new(article: usize, a: &ArticleMeta, body: Arc<str>, width: u16) -> Self {
        let w = usize::from(width.max(1));
        let meta = meta_line(a);
        let mut lines = Vec::new();
        let mut frags = Vec::new();
        // A title derived from the first sentence would only repeat it.
        let title = if a.explicit_title {
            a.title.clone()
        } else {
            String::new()
        };
        for hard in split_hard_lines(&title, 0).filter(|r| !title.is_empty() && !r.is_empty()) {
            wrap_into(&title, hard, w, LineKind::Title, &mut frags, &mut lines);
        }
        for hard in split_hard_lines(&meta, 0) {
            wrap_into(&meta, hard, w, LineKind::Meta, &mut frags, &mut lines);
        }
        lines.push(blank(0));
        let body_start = lines.len();
        for (k, b) in blocks(&body).iter().enumerate() {
            if k > 0 {
                lines.push(blank(b.start));
            }
            let kind = if b.heading {
                LineKind::Heading
            } else {
                LineKind::Text
            };
            let text = &body[b.start..b.end];
            for hard in split_hard_lines(text, b.start) {
                wrap_into(&body, hard, w, kind, &mut frags, &mut lines);
            }
        }
        ReaderLayout {
            article,
            width,
            title,
            meta,
            body,
            lines,
            body_start,
        }
    }

    pub fn len(&self) -> usize {
        self.lines.len()
    }

    pub fn is_empty(&self) -> bool {
        self.lines.is_empty()
    }

    /// The text of one line: a slice of the title, the meta line or the
    /// body.
    pub fn text(&self, line: &Line) -> &str {
        let src: &str = match line.kind {
            LineKind::Title => &self.title,
            LineKind::Meta => &self.meta,
            LineKind::Blank => return "",
            LineKind::Text | LineKind::Heading => &self.body,
        };
        src.get(line.range()).unwrap_or("")
    }

    /// The row holding body byte `offset`; `None` for an empty body.
    pub fn row_of(&self, offset: usize) -> Option<usize> {
        let body = &self.lines[self.body_start..];
        let after = body.partition_point(|l| l.start as usize <= offset);
        // A blank line shares its offset with the paragraph after it;
        // make sure a body line is returned.
        let mut i = after.checked_sub(1)?;
        while !body[i].is_body() {
            i = i.checked_sub(1)?;
        }
        Some(self.body_start + i)
    }

    /// Row and column (cells from the left of the text) of body byte
    /// `offset`.
    pub fn locate(&self, offset: usize) -> Option<(usize, usize)> {
        let row = self.row_of(offset)?;
        let line = self.lines[row];
        let end = offset.min(line.end as usize);
        let col = self.body.get(line.start as usize..end).map_or(0, width);
        Some((row, col))
    }

    /// The body byte drawn at `row`, `col`; `None` off the text.
    pub fn offset_at(&self, row: usize, col: usize) -> Option<usize> {
        let line = self.lines.get(row).filter(|l| l.is_body())?;
        let text = self.body.get(line.range())?;
        let mut x = 0;
        let mut found = None;
        for_each_grapheme(text, |s, _, w| {
            if found.is_none() && col < x + w {
                found = Some(line.start as usize + s);
            }
            x += w;
        });
        found
    }
}

/// A blank line between paragraphs; it holds the offset of the paragraph
/// after it so body lines stay sorted by offset.
fn blank(at: usize) -> Line {
    Line {
        start: at as u32,
        end: at as u32,
        kind: LineKind::Blank,
    }
}

/// `2020-01-06 · Reuters · seeds/000.txt · https://…`
pub fn meta_line(a: &ArticleMeta) -> String {
    let mut parts = vec![match a.date {
        Some(d) => d.to_string(),
        None => "undated".to_string(),
    }];
    parts.extend(a.source.clone());
    parts.push(a.path.display().to_string());
    parts.extend(a.url.clone());
    parts.join(" · ")
}

/// Byte ranges (offset by `base`) of the `\n`-separated lines of `text`.
fn split_hard_lines(text: &str, base: usize) -> impl Iterator<Item = Range<usize>> + '_ {
    let mut start = 0;
    text.split('\n').map(move |part| {
        let r = base + start..base + start + part.len();
        start += part.len() + 1;
        r
    })
}

/// A word (or a piece of a word too wide for the line) and the whitespace
/// after it, measured in cells.
#[derive(Debug)]
struct Frag {
    start: usize,
    end: usize,
    width: usize,
    ws: usize,
}

impl Fragment for Frag {
    fn width(&self) -> f64 {
        self.width as f64
    }
    fn whitespace_width(&self) -> f64 {
        self.ws as f64
    }
    fn penalty_width(&self) -> f64 {
        0.0
    }
}

/// Fragments go to textwrap in batches of at most this many, so wrapping
/// a 100 MB paragraph never holds more than a batch of them. First-fit is
/// greedy: every line of a batch but the last is final, and the last one's
/// fragments start the next batch.
const BATCH: usize = 4096;

/// Wraps `src[range]` (one hard line) to `width` cells, pushing lines of
/// `kind` that hold absolute byte ranges of `src`.
fn wrap_into(
    src: &str,
    range: Range<usize>,
    width: usize,
    kind: LineKind,
    frags: &mut Vec<Frag>,
    out: &mut Vec<Line>,
) {
    let base = range.start;
    let text = &src[range];
    let before = out.len();
    frags.clear();
    let bytes = text.as_bytes();
    let mut cur: Option<Frag> = None;
    let mut in_space = false;
    for_each_grapheme(text, |s, e, w| {
        let space = e == s + 1 && matches!(bytes[s], b' ' | b'\t');
        if space {
            // Leading whitespace is dropped; other whitespace follows a word.
            if let Some(f) = cur.as_mut() {
                f.ws += 1;
                in_space = true;
            }
            return;
        }
        match cur.as_mut() {
            Some(f) if !in_space && f.width + w <= width => {
                f.end = e;
                f.width += w;
            }
            _ => {
                // A new word, or a word too wide for the line cut here,
                // between two grapheme clusters.
                if let Some(f) = cur.take() {
                    frags.push(f);
                    if frags.len() >= BATCH {
                        emit(frags, width, base, kind, out, false);
                    }
                }
                cur = Some(Frag {
                    start: s,
                    end: e,
                    width: w,
                    ws: 0,
                });
                in_space = false;
            }
        }
    });
    frags.extend(cur);
    emit(frags, width, base, kind, out, true);
    if out.len() == before {
        out.push(Line {
            start: base as u32,
            end: base as u32,
            kind,
        });
    }
}

/// Lines for the fragments so far: all of them when `last`, else all but
/// the last line, whose fragments stay in `frags`.
fn emit(
    frags: &mut Vec<Frag>,
    width: usize,
    base: usize,
    kind: LineKind,
    out: &mut Vec<Line>,
    last: bool,
) {
    if frags.is_empty() {
        return;
    }
    let lines = wrap_first_fit(frags, &[width as f64]);
    let take = if last { lines.len() } else { lines.len() - 1 };
    let mut used = 0;
    for line in &lines[..take] {
        let (first, end) = (&line[0], &line[line.len() - 1]);
        out.push(Line {
            start: (base + first.start) as u32,
            end: (base + end.end) as u32,
            kind,
        });
        used += line.len();
    }
    frags.drain(..used);
}

/// Byte ranges of `text` wrapped to `width` cells (paragraph breaks and
/// headings aside): the core of [`ReaderLayout`], for tests and tools.
pub fn wrap(text: &str, width: usize) -> Vec<Range<usize>> {
    let mut lines = Vec::new();
    let mut frags = Vec::new();
    for hard in split_hard_lines(text, 0) {
        wrap_into(
            text,
            hard,
            width.max(1),
            LineKind::Text,
            &mut frags,
            &mut lines,
        );
    }
    lines.iter().map(Line::range).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::corpus::Article;
    use std::path::PathBuf;

    fn article(title: &str, body: &str) -> Article {
        Article::new(
            crate::corpus::ArticleMeta {
                id: "a".into(),
                path: PathBuf::from("reports/a.txt"),
                date: "2020-01-06".parse().ok(),
                title: title.into(),
                explicit_title: true,
                source: Some("Reuters".into()),
                url: None,
                ..Default::default()
            },
            body.into(),
        )
    }

    fn lines(text: &str, width: usize) -> Vec<&str> {
        wrap(text, width).into_iter().map(|r| &text[r]).collect()
    }

    #[test]
    fn wraps_at_spaces_and_keeps_every_word() {
        let text = "The forces of the renegade general of Libya, Khalifa Haftar, said";
        let got = lines(text, 20);
        assert_eq!(
            got,
            [
                "The forces of the",
                "renegade general of",
                "Libya, Khalifa",
                "Haftar, said"
            ]
        );
        for l in &got {
            assert!(width(l) <= 20);
        }
    }

    #[test]
    fn long_words_are_cut_between_graphemes() {
        assert_eq!(lines("abcdefghij", 4), ["abcd", "efgh", "ij"]);
        // Wide characters: two cells each, never split, never overflowing.
        let cjk = "北京市朝阳区建国门外大街";
        for l in lines(cjk, 5) {
            assert!(width(l) <= 5, "{l}");
            assert!(!l.is_empty());
        }
        assert_eq!(lines(cjk, 5).concat(), cjk);
        // Combining marks stay on their base; ZWJ families stay whole.
        let marks = "e\u{301}e\u{301}e\u{301}e\u{301}";
        assert_eq!(lines(marks, 2), ["e\u{301}e\u{301}", "e\u{301}e\u{301}"]);
        let family = "👨‍👩‍👧👨‍👩‍👧👨‍👩‍👧";
        let got = lines(family, 3);
        assert_eq!(got, ["👨‍👩‍👧", "👨‍👩‍👧", "👨‍👩‍👧"]);
    }

    #[test]
    fn a_wide_char_in_a_one_cell_pane_does_not_loop_or_panic() {
        assert_eq!(lines("北京", 1), ["北", "京"]);
        assert_eq!(lines("", 10), [""]);
        assert_eq!(lines("   ", 10), [""]);
    }

    #[test]
    fn a_megabyte_without_spaces_wraps() {
        let text = "x".repeat(1 << 20);
        let got = wrap(&text, 80);
        assert_eq!(got.len(), (1 << 20) / 80 + 1);
        assert!(got.iter().all(|r| r.len() <= 80));
        let text = "é".repeat(1 << 19);
        let got = wrap(&text, 77);
        assert!(got.iter().all(|r| width(&text[r.clone()]) <= 77));
        assert_eq!(got.last().unwrap().end, text.len());
    }

    #[test]
    fn control_characters_count_as_one_cell() {
        let text = "ab\u{1b}[2Jcd efgh";
        assert_eq!(lines(text, 8), ["ab\u{1b}[2Jcd", "efgh"]);
    }

    #[test]
    fn layout_has_title_meta_and_paragraphs() {
        let a = article(
            "Haftar forces enter Sirte",
            "First paragraph about Sirte.\n\nTurkish forces\n\nLast one.",
        );
        let l = ReaderLayout::new(0, &a.meta, a.body.as_str().into(), 40);
        let kinds: Vec<_> = l.lines.iter().map(|l| l.kind).collect();
        use LineKind::*;
        assert_eq!(
            kinds,
            [Title, Meta, Blank, Text, Blank, Heading, Blank, Text]
        );
        assert_eq!(l.text(&l.lines[1]), "2020-01-06 · Reuters · reports/a.txt");
        assert_eq!(l.text(&l.lines[5]), "Turkish forces");
        assert_eq!(l.body_start, 3);
    }

    #[test]
    fn mentions_map_to_row_and_column_and_back() {
        let body = "The forces of the renegade general of Libya, Khalifa Haftar, said \
                    they had entered Sirte.\n\nKhaled al-Mahjoub, a spokesman for the LNA.";
        let a = article("T", body);
        let l = ReaderLayout::new(0, &a.meta, a.body.as_str().into(), 20);
        let at = |s: &str| body.find(s).unwrap();
        // "Khalifa" ends a line at width 20: "Libya, Khalifa".
        let (row, col) = l.locate(at("Khalifa")).unwrap();
        assert_eq!(l.text(&l.lines[row]), "Libya, Khalifa");
        assert_eq!(col, 7);
        assert_eq!(l.offset_at(row, col), Some(at("Khalifa")));
        let (row, col) = l.locate(at("Haftar")).unwrap();
        assert_eq!(col, 0);
        assert!(l.text(&l.lines[row]).starts_with("Haftar"));
        let (row, col) = l.locate(at("Khaled")).unwrap();
        assert_eq!(col, 0);
        assert_eq!(l.lines[row - 1].kind, LineKind::Blank);
        assert_eq!(l.offset_at(row, 99), None);
        assert_eq!(l.offset_at(0, 0), None, "title rows are not body");
    }

    #[test]
    fn columns_count_cells_not_bytes() {
        let body = "北京 and Erdoğan met Haftar";
        let a = article("T", body);
        let l = ReaderLayout::new(0, &a.meta, a.body.as_str().into(), 80);
        let (_, col) = l.locate(body.find("Haftar").unwrap()).unwrap();
        assert_eq!(col, 21);
    }

    /// The plain greedy algorithm, word by word, for comparison.
    fn greedy(text: &str, max: usize) -> Vec<String> {
        let mut lines: Vec<String> = Vec::new();
        let mut cur = String::new();
        for word in text.split(' ').filter(|w| !w.is_empty()) {
            let mut word = word.to_string();
            // Words wider than the line are cut, as wrap does.
            while width(&word) > max {
                let mut head = String::new();
                let mut rest = String::new();
                let mut full = false;
                for_each_grapheme(&word, |s, e, w| {
                    // At least one grapheme, as wrap does.
                    full = full || (!head.is_empty() && width(&head) + w > max);
                    if full {
                        rest.push_str(&word[s..e])
                    } else {
                        head.push_str(&word[s..e])
                    }
                });
                if !cur.is_empty() && width(&cur) + 1 + width(&head) <= max {
                    cur.push(' ');
                    cur.push_str(&head);
                } else {
                    if !cur.is_empty() {
                        lines.push(std::mem::take(&mut cur));
                    }
                    cur = head;
                }
                lines.push(std::mem::take(&mut cur));
                word = rest;
            }
            if cur.is_empty() {
                cur = word;
            } else if width(&cur) + 1 + width(&word) <= max {
                cur.push(' ');
                cur.push_str(&word);
            } else {
                lines.push(std::mem::replace(&mut cur, word));
            }
        }
        if !cur.is_empty() || lines.is_empty() {
            lines.push(cur);
        }
        lines
    }

    #[test]
    fn batches_do_not_change_the_lines() {
        // Many more words than a batch.
        let text: String = (0..3 * BATCH + 17)
            .map(|i| ["Haftar", "LNA", "北京市", "a", "Sirte,"][i % 5])
            .collect::<Vec<_>>()
            .join(" ");
        let got: Vec<&str> = lines(&text, 23);
        assert_eq!(got, greedy(&text, 23));
    }

    proptest::proptest! {
        #[test]
        fn wrapping_is_greedy_and_fits(
            words in proptest::collection::vec("[a-zé北👨\u{1b}\u{301}]{1,12}", 0..60),
            w in 1usize..30,
        ) {
            let text = words.join(" ");
            let got = lines(&text, w);
            for l in &got {
                // Only a single grapheme wider than the line may overflow.
                let n = unicode_segmentation::UnicodeSegmentation::graphemes(*l, true).count();
                proptest::prop_assert!(width(l) <= w || n == 1, "{l:?} at {w}");
            }
            // No starting combining mark with an empty base: skip those.
            if !text.contains(" \u{301}") && !text.starts_with('\u{301}') {
                proptest::prop_assert_eq!(got, greedy(&text, w));
            }
        }
    }

    #[test]
    fn an_empty_body_has_no_body_rows() {
        let a = article("T", "");
        let l = ReaderLayout::new(0, &a.meta, a.body.as_str().into(), 10);
        assert_eq!(l.row_of(0), None);
        assert_eq!(l.locate(0), None);
    }
}

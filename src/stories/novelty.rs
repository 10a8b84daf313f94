//! What is new in a report: the sentences no earlier report of its story
//! carried, in any wording close enough to be the same statement.
//!
//! Two sentences say the same thing when their content words (stopwords
//! dropped) line up in order: the longest common subsequence of the two
//! word lists, over the geometric mean of their lengths, is at least
//! [`REPEAT_AT`]. Order matters, so a new sentence built from old words
//! (`forces ... withdrew from Sirte` after `Sirte forces withdrew ...`
//! elsewhere) stays new; a reworded one (`Capturing Sirte would be an
//! important gain for Haftar` / `Maintaining Sirte would be an important
//! gain for Haftar, based in the east`) is a repeat; a sentence that adds
//! more than it repeats is new. A sentence without content words (`"No,"
//! he said.`) is never new.
//!
//! Cost: each sentence (or piece of at most [`MAX_PIECE_WORDS`] words of
//! a longer one) is compared with at most [`CANDIDATES`] earlier
//! sentences, those sharing the most words with it, found through an
//! index of words that skips words in more than [`COMMON`] earlier
//! sentences: marking a report is linear in its length.

use std::ops::Range;

use crate::base::hash::{FxHashMap, FxHashSet};
use crate::corpus::sentences::sentences;

use super::thread::Stories;
use super::words::for_each_word;

/// The least alignment score at which a sentence repeats an earlier one.
pub const REPEAT_AT: f64 = 0.5;
/// Words in the longest piece compared: a longer "sentence" (a page
/// without a full stop) is cut into pieces of this many words, so that
/// aligning two of them stays cheap.
const MAX_PIECE_WORDS: usize = 150;
/// Earlier sentences compared with each sentence.
const CANDIDATES: usize = 10;
/// A word in more earlier sentences than this does not look for
/// candidates (the sentence's rarer words do): it would make marking a
/// huge report against a huge story quadratic.
const COMMON: usize = 1000;

/// The sentences of a story's earlier reports, indexed for comparison.
#[derive(Clone, Debug, Default)]
pub struct Seen {
    /// Content words of each distinct sentence.
    sentences: Vec<Box<[u64]>>,
    distinct: FxHashSet<Box<[u64]>>,
    /// Word -> sentences containing it (each once).
    postings: FxHashMap<u64, Vec<u32>>,
}

impl Seen {
    pub fn new() -> Self {
        Self::default()
    }

    /// Whether no report has been added.
    pub fn is_empty(&self) -> bool {
        self.sentences.is_empty()
    }

    /// Remembers the sentences of a report.
    pub fn add(&mut self, body: &str) {
        for r in pieces(body) {
            let words = content_words(&body[r]);
            if words.is_empty() || self.distinct.contains(words.as_slice()) {
                continue;
            }
            let id = self.sentences.len() as u32;
            let mut uniq = words.clone();
            uniq.sort_unstable();
            uniq.dedup();
            for w in uniq {
                self.postings.entry(w).or_default().push(id);
            }
            let words: Box<[u64]> = words.into();
            self.distinct.insert(words.clone());
            self.sentences.push(words);
        }
    }

    /// Byte ranges of `body` that no added report carried: runs of new
    /// sentences, one range per run within a paragraph, in order. Empty
    /// when nothing was added (a story's first report has nothing new
    /// to mark).
    pub fn new_in(&self, body: &str) -> Vec<Range<usize>> {
        let mut out: Vec<Range<usize>> = Vec::new();
        if self.is_empty() {
            return out;
        }
        let mut counts: FxHashMap<u32, u32> = FxHashMap::default();
        for r in pieces(body) {
            let words = content_words(&body[r.clone()]);
            if words.is_empty() || self.repeats(&words, &mut counts) {
                continue;
            }
            match out.last_mut() {
                Some(last) if !body[last.end..r.start].contains("\n\n") => last.end = r.end,
                _ => out.push(r),
            }
        }
        out
    }

    /// Whether an added sentence says what `words` says.
    fn repeats(&self, words: &[u64], counts: &mut FxHashMap<u32, u32>) -> bool {
        counts.clear();
        let mut uniq = words.to_vec();
        uniq.sort_unstable();
        uniq.dedup();
        for w in &uniq {
            let postings = self.postings.get(w).map_or(&[][..], Vec::as_slice);
            if postings.len() > COMMON {
                continue;
            }
            for &s in postings {
                *counts.entry(s).or_default() += 1;
            }
        }
        let mut best: Vec<(u32, u32)> = counts.iter().map(|(&s, &n)| (s, n)).collect();
        best.sort_unstable_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
        best.iter().take(CANDIDATES).any(|&(s, _)| {
            let other = &self.sentences[s as usize];
            let common = lcs(words, other) as f64;
            common / ((words.len() * other.len()) as f64).sqrt() >= REPEAT_AT
        })
    }
}

/// [`Seen::new_in`] for one report against the bodies of the earlier
/// reports of its story.
pub fn new_passages(body: &str, earlier: &[&str]) -> Vec<Range<usize>> {
    let mut seen = Seen::new();
    for e in earlier {
        seen.add(e);
    }
    seen.new_in(body)
}

/// The new passages of every report of `stories`, each story read from
/// its first report on (so the work is linear in the story's text, not
/// quadratic): `(article, ranges)` for every article, first reports with
/// no ranges. `body` gives an article's body by its number.
pub fn new_in_stories<'a>(
    stories: &Stories,
    body: impl Fn(u32) -> &'a str,
) -> Vec<(u32, Vec<Range<usize>>)> {
    let mut out = Vec::new();
    for story in stories.all() {
        let mut seen = Seen::new();
        for &a in &story.reports {
            let text = body(a);
            out.push((a, seen.new_in(text)));
            seen.add(text);
        }
    }
    out
}

/// The sentences of `body`, those over [`MAX_PIECE_WORDS`] words cut
/// into pieces of that many (between words).
fn pieces(body: &str) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    for r in sentences(body) {
        let mut starts = Vec::new();
        for_each_word(&body[r.clone()], |w| starts.push(r.start + w.start));
        if starts.len() <= MAX_PIECE_WORDS {
            out.push(r);
            continue;
        }
        let mut from = r.start;
        for cut in starts.iter().skip(MAX_PIECE_WORDS).step_by(MAX_PIECE_WORDS) {
            out.push(from..body[..*cut].trim_end().len());
            from = *cut;
        }
        out.push(from..r.end);
    }
    out
}

fn content_words(sentence: &str) -> Vec<u64> {
    let mut out = Vec::new();
    for_each_word(sentence, |w| {
        if !w.stop {
            out.push(w.hash);
        }
    });
    out
}

/// Length of the longest common subsequence (one row of the table).
fn lcs(a: &[u64], b: &[u64]) -> usize {
    let mut row = vec![0usize; b.len() + 1];
    for x in a {
        let mut diag = 0;
        for (j, y) in b.iter().enumerate() {
            let up = row[j + 1];
            row[j + 1] = if x == y { diag + 1 } else { up.max(row[j]) };
            diag = up;
        }
    }
    row[b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    const FIRST: &str = "Rebel forces entered the coastal city of Marsa on Monday, \
        taking control of the port.\n\n\
        Capturing Marsa would be an important gain for the rebels, who have \
        waged an offensive on the capital since April.\n\n\
        The city lies west of the main oil terminals.";

    fn marked<'a>(body: &'a str, earlier: &[&str]) -> Vec<&'a str> {
        new_passages(body, earlier)
            .into_iter()
            .map(|r| &body[r])
            .collect()
    }

    #[test]
    fn a_first_report_has_nothing_new() {
        assert!(new_passages(FIRST, &[]).is_empty());
        assert!(Seen::new().new_in(FIRST).is_empty());
    }

    #[test]
    fn a_reworded_sentence_is_a_repeat_and_an_added_one_is_new() {
        let update = "Maintaining Marsa would be an important gain for the rebels, \
            based in the east, who have waged an offensive on the capital since April.\n\n\
            On Tuesday, government troops said they had withdrawn from Marsa to spare \
            civilians. They called it a tactical retreat.\n\n\
            The city lies west of the main oil terminals.";
        assert_eq!(
            marked(update, &[FIRST]),
            [
                "On Tuesday, government troops said they had withdrawn from Marsa to spare \
              civilians. They called it a tactical retreat."
            ]
        );
    }

    #[test]
    fn old_words_in_a_new_order_are_new() {
        let update = "The port of Marsa, taken on Monday, was shelled by the rebels' \
            rivals from the capital.";
        assert_eq!(marked(update, &[FIRST]), [update]);
    }

    #[test]
    fn ranges_are_on_char_boundaries_and_never_panic() {
        let odd = [
            "",
            "\n\n",
            "“”ye_y+П.  K",
            "日本語。テキスト。\n\nÜber Straße.",
            "a. b. c.",
            "…",
        ];
        for body in odd {
            for earlier in odd {
                for r in new_passages(body, &[earlier, FIRST]) {
                    assert!(r.start < r.end && r.end <= body.len());
                    assert!(body.is_char_boundary(r.start) && body.is_char_boundary(r.end));
                }
            }
        }
    }

    #[test]
    fn a_page_without_a_full_stop_is_compared_in_pieces() {
        let words: Vec<String> = (0..10_000).map(|i| format!("w{i}")).collect();
        let page = words.join(" ");
        // The same page again: every piece repeats, quickly.
        assert!(new_passages(&page, &[&page]).is_empty());
        // Half of it new: the new half is marked, and of the old half at
        // most the piece that straddles the two.
        let other: Vec<String> = (0..5_000).map(|i| format!("x{i}")).collect();
        let update = format!("{} {}", words[..5_000].join(" "), other.join(" "));
        let new = new_passages(&update, &[&page]);
        let first_new = update.find("x0").unwrap();
        let straddle = update
            .find(&format!("w{} ", 5_000 - MAX_PIECE_WORDS))
            .unwrap();
        assert_eq!(new.len(), 1);
        assert_eq!(new[0].end, update.len());
        assert!(
            (straddle..=first_new).contains(&new[0].start),
            "{:?}",
            new[0]
        );
    }

    #[test]
    fn lcs_counts_words_in_order() {
        assert_eq!(lcs(&[1, 2, 3, 4], &[1, 3, 4, 2]), 3);
        assert_eq!(lcs(&[], &[1]), 0);
        assert_eq!(lcs(&[5, 5], &[5]), 1);
    }
}

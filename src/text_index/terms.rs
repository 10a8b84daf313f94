//! One article's words, as a worker hands them to the index: the distinct
//! folded words of the title and the body, sorted, each with how often the
//! body has it and whether the title does. Made beside entity extraction
//! (it costs a pass over the text); a few KB that live until the article
//! is in a segment.

use crate::base::hash::hash_bytes;

use super::words::for_each_word;

/// What the index keeps of one word in one article.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct TermStat {
    /// Occurrences in the body (0 for a word only the title has).
    pub body: u32,
    /// The title has the word.
    pub title: bool,
}

/// What starts an index term that stands for all the words beginning with
/// one character (`\0s` for every word in `s`): a one-letter prefix query
/// reads that term instead of tens of thousands of words. No word has a
/// NUL, and these sort before every word.
pub const INITIAL: char = '\0';

/// The distinct words of one article, sorted by their folded bytes, after
/// the terms of their initials ([`INITIAL`]).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ArticleTerms {
    /// The terms, one after another, in order: initials, then words.
    text: String,
    /// Where each term ends in `text`.
    ends: Vec<u32>,
    stats: Vec<TermStat>,
    /// How many of the terms are initials.
    initials: usize,
}

impl ArticleTerms {
    /// The words of an article's title and body.
    pub fn new(title: &str, body: &str) -> ArticleTerms {
        let mut seen = Interner::default();
        for_each_word(title, |_, _, w| seen.add(w).title = true);
        for_each_word(body, |_, _, w| {
            let s = seen.add(w);
            s.body = s.body.saturating_add(1);
        });
        seen.into_sorted()
    }

    /// Distinct words.
    pub fn len(&self) -> usize {
        self.ends.len() - self.initials
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Every word with its stat, in sorted order.
    pub fn iter(&self) -> impl Iterator<Item = (&str, TermStat)> {
        (self.initials..self.ends.len()).map(|i| (self.term(i), self.stats[i]))
    }

    /// Index terms: initials, then words.
    pub(super) fn terms(&self) -> usize {
        self.ends.len()
    }

    /// The `i`th index term.
    pub(super) fn term(&self, i: usize) -> &str {
        let start = if i == 0 { 0 } else { self.ends[i - 1] as usize };
        &self.text[start..self.ends[i] as usize]
    }

    pub(super) fn stat(&self, i: usize) -> TermStat {
        self.stats[i]
    }

    /// Bytes held on the heap.
    pub fn heap_bytes(&self) -> usize {
        self.text.capacity()
            + self.ends.capacity() * size_of::<u32>()
            + self.stats.capacity() * size_of::<TermStat>()
    }
}

/// Distinct words with their stats, by open addressing over one arena:
/// an article's 300 distinct words cost three allocations, not 300.
#[derive(Default)]
struct Interner {
    arena: String,
    /// (start, end) of each distinct word in `arena`.
    spans: Vec<(u32, u32)>,
    stats: Vec<TermStat>,
    /// Index into `spans` plus one; 0 is empty. A power of two long.
    table: Vec<u32>,
}

impl Interner {
    fn add(&mut self, word: &str) -> &mut TermStat {
        if (self.spans.len() + 1) * 2 > self.table.len() {
            self.grow();
        }
        let mask = self.table.len() - 1;
        let mut slot = hash_bytes(word.as_bytes()) as usize & mask;
        loop {
            match self.table[slot] {
                0 => break,
                k => {
                    let (s, e) = self.spans[k as usize - 1];
                    if &self.arena[s as usize..e as usize] == word {
                        return &mut self.stats[k as usize - 1];
                    }
                }
            }
            slot = (slot + 1) & mask;
        }
        let start = self.arena.len() as u32;
        self.arena.push_str(word);
        self.spans.push((start, self.arena.len() as u32));
        self.stats.push(TermStat::default());
        self.table[slot] = self.spans.len() as u32;
        self.stats.last_mut().expect("just pushed")
    }

    fn grow(&mut self) {
        let size = (self.table.len() * 2).max(256);
        self.table = vec![0; size];
        let mask = size - 1;
        for (k, &(s, e)) in self.spans.iter().enumerate() {
            let mut slot =
                hash_bytes(&self.arena.as_bytes()[s as usize..e as usize]) as usize & mask;
            while self.table[slot] != 0 {
                slot = (slot + 1) & mask;
            }
            self.table[slot] = k as u32 + 1;
        }
    }

    fn into_sorted(self) -> ArticleTerms {
        let word = |k: usize| {
            let (s, e) = self.spans[k];
            &self.arena.as_bytes()[s as usize..e as usize]
        };
        let mut order: Vec<usize> = (0..self.spans.len()).collect();
        order.sort_unstable_by(|&a, &b| word(a).cmp(word(b)));
        let mut text = String::with_capacity(self.arena.len() + 64);
        let mut ends = Vec::with_capacity(order.len() + 26);
        let mut stats = Vec::with_capacity(order.len() + 26);
        // Initials first: words with one first character are neighbours
        // in sorted order, so one pass sums them.
        let mut last: Option<char> = None;
        for &k in &order {
            let (s, e) = self.spans[k];
            let first = self.arena[s as usize..e as usize].chars().next();
            let stat = self.stats[k];
            if first == last {
                let t: &mut TermStat = stats.last_mut().expect("an initial");
                t.body = t.body.saturating_add(stat.body);
                t.title |= stat.title;
                continue;
            }
            last = first;
            text.push(INITIAL);
            text.extend(first);
            ends.push(text.len() as u32);
            stats.push(stat);
        }
        let initials = ends.len();
        for k in order {
            let (s, e) = self.spans[k];
            text.push_str(&self.arena[s as usize..e as usize]);
            ends.push(text.len() as u32);
            stats.push(self.stats[k]);
        }
        ArticleTerms {
            text,
            ends,
            stats,
            initials,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn distinct_sorted_words_with_counts_and_title() {
        let t = ArticleTerms::new(
            "Haftar forces enter Sirte",
            "Haftar's forces entered Sirte. HAFTAR said so.",
        );
        let got: Vec<_> = t.iter().map(|(w, s)| (w, s.body, s.title)).collect();
        assert_eq!(
            got,
            [
                ("enter", 0, true),
                ("entered", 1, false),
                ("forces", 1, true),
                ("haftar", 2, true),
                ("s", 1, false),
                ("said", 1, false),
                ("sirte", 1, true),
                ("so", 1, false),
            ]
        );
    }

    #[test]
    fn initials_sum_the_words_they_begin() {
        let t = ArticleTerms::new("Sirte", "said so, and Écija");
        let initials: Vec<_> = (0..t.terms() - t.len())
            .map(|i| (t.term(i).to_string(), t.stat(i)))
            .collect();
        let stat = |body, title| TermStat { body, title };
        assert_eq!(
            initials,
            [
                ("\0a".to_string(), stat(1, false)),
                ("\0e".to_string(), stat(1, false)),
                ("\0s".to_string(), stat(2, true)),
            ]
        );
        assert_eq!(t.len(), 5);
    }

    #[test]
    fn many_distinct_words_grow_the_table() {
        let body: Vec<String> = (0..5000).map(|i| format!("w{i}")).collect();
        let body = body.join(" ") + " w1 w1";
        let t = ArticleTerms::new("", &body);
        assert_eq!(t.len(), 5000);
        let w1 = t.iter().find(|(w, _)| *w == "w1").unwrap().1;
        assert_eq!(w1.body, 3);
        assert!(t.iter().zip(t.iter().skip(1)).all(|(a, b)| a.0 < b.0));
    }

    #[test]
    fn empty_text_has_no_words() {
        assert!(ArticleTerms::new("", " ... ").is_empty());
    }
}

//! Words as story threading compares them: lowercased, hashed, never
//! allocated. A word is a run of letters and digits; digits stay joined
//! across `.` and `,` (`5.6`, `1,000`), so a figure is one word. Everything
//! else separates words, so `al-Mahjoub` is `al` `mahjoub` and `Haftar's`
//! is `haftar` `s` (a stopword).

use std::sync::OnceLock;

/// A word of a text: its byte range, the hash of its lowercased form, and
/// whether it is a function word that carries no topic.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Word {
    pub start: usize,
    pub end: usize,
    pub hash: u64,
    pub stop: bool,
}

/// Function words (articles, pronouns, auxiliaries, prepositions,
/// conjunctions, common adverbs) and the reporting verbs every news story
/// uses (`said`, `told`): they say nothing about which event a report
/// covers or whether a sentence was said before. Written for lede.
const STOPWORDS: &[&str] = &[
    "a",
    "about",
    "above",
    "after",
    "again",
    "against",
    "all",
    "also",
    "am",
    "an",
    "and",
    "any",
    "are",
    "as",
    "at",
    "be",
    "because",
    "been",
    "before",
    "being",
    "below",
    "between",
    "both",
    "but",
    "by",
    "can",
    "could",
    "did",
    "do",
    "does",
    "doing",
    "down",
    "during",
    "each",
    "even",
    "ever",
    "few",
    "for",
    "from",
    "further",
    "had",
    "has",
    "have",
    "having",
    "he",
    "her",
    "here",
    "hers",
    "herself",
    "him",
    "himself",
    "his",
    "how",
    "however",
    "i",
    "if",
    "in",
    "into",
    "is",
    "it",
    "its",
    "itself",
    "just",
    "may",
    "me",
    "might",
    "more",
    "most",
    "much",
    "must",
    "my",
    "myself",
    "no",
    "nor",
    "not",
    "now",
    "of",
    "off",
    "on",
    "once",
    "one",
    "only",
    "or",
    "other",
    "our",
    "ours",
    "ourselves",
    "out",
    "over",
    "own",
    "same",
    "she",
    "should",
    "so",
    "some",
    "such",
    "than",
    "that",
    "the",
    "their",
    "theirs",
    "them",
    "themselves",
    "then",
    "there",
    "these",
    "they",
    "this",
    "those",
    "through",
    "to",
    "too",
    "under",
    "until",
    "up",
    "upon",
    "us",
    "very",
    "was",
    "we",
    "were",
    "what",
    "when",
    "where",
    "whether",
    "which",
    "while",
    "who",
    "whom",
    "whose",
    "why",
    "will",
    "with",
    "within",
    "without",
    "would",
    "yet",
    "you",
    "your",
    "yours",
    "yourself",
    "s",
    "t",
    "d",
    "ll",
    "re",
    "ve",
    "m",
    "said",
    "says",
    "say",
    "told",
    "according",
    "added",
    "since",
    "among",
    "around",
    "across",
    "along",
    "behind",
    "toward",
    "towards",
    "via",
    "per",
    "onto",
    "amid",
];

/// The stopwords' hashes in an open-addressing table indexed by the top
/// bits of the hash (0 marks an empty slot): a lookup is one or two reads.
struct StopTable([u64; STOP_SLOTS]);

const STOP_SLOTS: usize = 1024;

impl StopTable {
    fn get() -> &'static StopTable {
        static TABLE: OnceLock<StopTable> = OnceLock::new();
        TABLE.get_or_init(|| {
            let mut t = StopTable([0; STOP_SLOTS]);
            for w in STOPWORDS {
                let h = word_hash(w.as_bytes());
                let mut at = (h >> 54) as usize;
                while t.0[at] != 0 && t.0[at] != h {
                    at = (at + 1) % STOP_SLOTS;
                }
                t.0[at] = h;
            }
            t
        })
    }

    fn contains(&self, h: u64) -> bool {
        let mut at = (h >> 54) as usize;
        loop {
            match self.0[at] {
                0 => return false,
                x if x == h => return true,
                _ => at = (at + 1) % STOP_SLOTS,
            }
        }
    }
}

/// The hash of a lowercased word: its bytes eight at a time, multiplied
/// in, then spread so that every bit depends on every byte (the sketch
/// takes bins, values and keys from different bits). Never 0.
pub fn word_hash(lower: &[u8]) -> u64 {
    hash_folded(lower, 0)
}

/// [`word_hash`] of `bytes` with `fold` or-ed into every byte: with
/// `0x20`, the hash of an ASCII word's lowercase form (setting that bit
/// lowercases a letter and leaves digits, `.` and `,` as they are).
#[inline]
fn hash_folded(bytes: &[u8], fold: u8) -> u64 {
    const K: u64 = 0x9e37_79b9_7f4a_7c15;
    let mask = u64::from_le_bytes([fold; 8]);
    let mut h = (bytes.len() as u64).wrapping_mul(K);
    let mut chunks = bytes.chunks_exact(8);
    for c in &mut chunks {
        let v = u64::from_le_bytes(c.try_into().expect("eight bytes")) | mask;
        h = (h ^ v).wrapping_mul(K).rotate_left(29);
    }
    let rest = chunks.remainder();
    if !rest.is_empty() {
        let mut tail = [0u8; 8];
        for (t, &b) in tail.iter_mut().zip(rest) {
            *t = b | fold;
        }
        h = (h ^ u64::from_le_bytes(tail))
            .wrapping_mul(K)
            .rotate_left(29);
    }
    h ^= h >> 32;
    h = h.wrapping_mul(0xd6e8_feb8_6659_fd93);
    h ^= h >> 32;
    h.max(1)
}

/// The longest stopword, in bytes: longer words skip the lookup.
const LONGEST_STOPWORD: usize = 10;

/// The words of `text`, in order.
#[cfg(test)]
pub fn words(text: &str) -> Vec<Word> {
    let mut out = Vec::with_capacity(text.len() / 6);
    for_each_word(text, |w| out.push(w));
    out
}

/// Calls `f` on every word of `text`, in order. A word's hash is
/// [`word_hash`] of its lowercased bytes.
pub fn for_each_word(text: &str, mut f: impl FnMut(Word)) {
    let stop = StopTable::get();
    let bytes = text.as_bytes();
    let mut lower: Vec<u8> = Vec::with_capacity(32);
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        if b < 0x80 && !b.is_ascii_alphanumeric() {
            i += 1;
            continue;
        }
        if b >= 0x80 {
            match char_at(text, i) {
                Some((c, len)) if !c.is_alphanumeric() => {
                    i += len;
                    continue;
                }
                None => break,
                _ => {}
            }
        }
        let start = i;
        let mut ascii = true;
        while i < bytes.len() {
            let b = bytes[i];
            if b.is_ascii_alphanumeric() {
                i += bytes[i..]
                    .iter()
                    .position(|b| !b.is_ascii_alphanumeric())
                    .unwrap_or(bytes.len() - i);
            } else if b >= 0x80 {
                match char_at(text, i) {
                    Some((c, len)) if c.is_alphanumeric() => {
                        ascii = false;
                        i += len;
                    }
                    _ => break,
                }
            } else if matches!(b, b'.' | b',')
                && bytes[i - 1].is_ascii_digit()
                && bytes.get(i + 1).is_some_and(u8::is_ascii_digit)
            {
                // `5.6`, `1,000`: one figure.
                i += 1;
            } else {
                break;
            }
        }
        let (hash, len) = if ascii {
            (hash_folded(&bytes[start..i], 0x20), i - start)
        } else {
            lower.clear();
            let mut buf = [0u8; 4];
            for c in text[start..i].chars().flat_map(char::to_lowercase) {
                lower.extend_from_slice(c.encode_utf8(&mut buf).as_bytes());
            }
            (word_hash(&lower), lower.len())
        };
        f(Word {
            start,
            end: i,
            hash,
            stop: len <= LONGEST_STOPWORD && stop.contains(hash),
        });
    }
}

/// The character at byte `i` of `text` (a char boundary) and its length.
#[inline]
fn char_at(text: &str, i: usize) -> Option<(char, usize)> {
    let c = text.get(i..)?.chars().next()?;
    Some((c, c.len_utf8()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(text: &str) -> Vec<&str> {
        words(text).iter().map(|w| &text[w.start..w.end]).collect()
    }

    #[test]
    fn splits_on_punctuation_and_keeps_figures_whole() {
        assert_eq!(
            texts("Haftar's al-Mahjoub: 5.6 quake, 1,000 dead."),
            [
                "Haftar", "s", "al", "Mahjoub", "5.6", "quake", "1,000", "dead"
            ]
        );
    }

    #[test]
    fn ascii_and_other_words_hash_alike_when_lowercased() {
        let w = words("Über ÜBER über Straße STRASSE 5.6 AbC abc");
        assert_eq!(w[0].hash, w[1].hash);
        assert_eq!(w[0].hash, w[2].hash);
        assert_eq!(w[5].hash, word_hash(b"5.6"));
        assert_eq!(w[6].hash, word_hash(b"abc"));
        assert_eq!(w[6].hash, w[7].hash);
    }

    #[test]
    fn case_does_not_matter_and_stopwords_are_flagged() {
        let w = words("Sirte SIRTE the The Ünal ünal");
        assert_eq!(w[0].hash, w[1].hash);
        assert!(!w[0].stop);
        assert!(w[2].stop && w[3].stop);
        assert_eq!(w[4].hash, w[5].hash);
    }

    #[test]
    fn every_stopword_and_no_other_word_is_found() {
        assert!(STOPWORDS.iter().all(|w| w.len() <= LONGEST_STOPWORD));
        for w in STOPWORDS {
            assert!(StopTable::get().contains(word_hash(w.as_bytes())), "{w}");
        }
        let text = "earthquake Sirte quake thereby them5 the5 theirs";
        let flags: Vec<bool> = words(text).iter().map(|w| w.stop).collect();
        assert_eq!(flags, [false, false, false, false, false, false, true]);
    }

    #[test]
    fn odd_text_never_panics() {
        for t in [
            "",
            " ",
            "..",
            "1.",
            ".1",
            "a\u{301}b",
            "日本語のテキスト",
            "\u{0}\u{1b}[2J",
        ] {
            let w = words(t);
            for x in &w {
                assert!(t.is_char_boundary(x.start) && t.is_char_boundary(x.end));
                assert!(x.start < x.end);
            }
        }
    }
}

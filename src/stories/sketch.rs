//! The sketch: what story threading keeps of one article, a few hundred
//! bytes computed once from the cleaned body (on an extraction worker),
//! stored with the article's other records, and compared by the threader
//! without the body.
//!
//! - a MinHash signature of the body's word 3-shingles (one-permutation
//!   hashing into [`BINS`] bins, the low 8 bits of each bin's minimum kept:
//!   "b-bit" MinHash), whose bands find near-copies and updates that
//!   repeat passages;
//! - the body's most frequent content words (stopwords dropped, words of
//!   the lead counted twice: news puts the event in its first lines), as
//!   24-bit hashes with their counts;
//! - the article's most mentioned entities, as the caller's 32-bit keys
//!   with their counts;
//! - the article's date.
//!
//! Corpus rarity is not known on a worker, so the sketch keeps raw counts;
//! the threader weighs them by how many sketches of the corpus share them.
//! Sizes were chosen on the ECB+ story grouping (48 words did better than
//! 32, and as well as 64).

use std::fmt;

use chrono::{Datelike, NaiveDate};

use crate::base::hash::{FxHashMap, mix};

use super::words::for_each_word;

/// MinHash bins; [`BANDS`] bands of [`ROWS`] rows each.
pub const BINS: usize = 32;
pub const ROWS: usize = 4;
pub const BANDS: usize = BINS / ROWS;
/// Content words kept.
pub const MAX_TERMS: usize = 48;
/// Entities kept.
pub const MAX_ENTITIES: usize = 12;
/// Words of the lead (the first two paragraphs, at most this many words)
/// count twice.
const LEAD_WORDS: usize = 60;

/// Layout version of [`Sketch::encode`]; a stored sketch of another
/// version does not decode.
const VERSION: u8 = 1;
const NO_DATE: i32 = i32::MIN;
/// The largest encoding: version, date, text flag, bins, two counted
/// lists (words: 3-byte hash and a count; entities: 4-byte key and a
/// count).
pub const MAX_ENCODED: usize = 1 + 4 + 1 + BINS + 1 + 4 * MAX_TERMS + 1 + 5 * MAX_ENTITIES;

/// A compact summary of one article for story threading.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Sketch {
    pub(super) date: Option<NaiveDate>,
    /// `None` when the body has not three words to make a shingle.
    pub(super) minhash: Option<[u8; BINS]>,
    /// (word hash below 2^24, count), sorted by hash, hashes distinct.
    pub(super) terms: Vec<(u32, u8)>,
    /// (entity key, mention count), sorted by key, keys distinct.
    pub(super) entities: Vec<(u32, u8)>,
}

/// A stored sketch that is not one: truncated, of another version, or
/// damaged.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DecodeError(&'static str);

impl fmt::Display for DecodeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "not a story sketch: {}", self.0)
    }
}

impl std::error::Error for DecodeError {}

impl Sketch {
    /// Sketches an article from its cleaned body, its date, and its
    /// entities as `(key, mentions)`: a key names one entity the same way
    /// in every article (see [`super::entity_keys`]); a key given twice has
    /// its counts added.
    pub fn new(body: &str, date: Option<NaiveDate>, entities: &[(u32, u32)]) -> Sketch {
        // Each bin's smallest shingle hash (all 64 bits, so the minimum is
        // the true one; only its low byte is kept).
        let mut mins = [u64::MAX; BINS];
        let mut any_shingle = false;
        // Word -> (count, position of its first occurrence).
        let mut counts: FxHashMap<u32, (u32, u32)> =
            FxHashMap::with_capacity_and_hasher(body.len() / 12, Default::default());
        let lead_end = lead_end(body);
        let (mut w1, mut w2) = (0u64, 0u64);
        let mut seen = 0usize;
        let mut lead_left = LEAD_WORDS;
        for_each_word(body, |w| {
            seen += 1;
            if seen >= 3 {
                let h = shingle(w1, w2, w.hash);
                let bin = (h >> 59) as usize % BINS;
                let v = h & ((1 << 59) - 1);
                if v < mins[bin] {
                    mins[bin] = v;
                }
                any_shingle = true;
            }
            w1 = w2;
            w2 = w.hash;
            if !w.stop && w.end - w.start > 1 {
                let n = if w.start < lead_end && lead_left > 0 {
                    lead_left -= 1;
                    2
                } else {
                    1
                };
                counts.entry(term_key(w.hash)).or_insert((0, seen as u32)).0 += n;
            }
        });
        let minhash = any_shingle.then(|| densify(&mins));
        let mut ents: FxHashMap<u32, u32> = FxHashMap::default();
        for &(k, n) in entities {
            let c = ents.entry(k).or_default();
            *c = c.saturating_add(n);
        }
        Sketch {
            date,
            minhash,
            terms: top(
                counts.into_iter().map(|(k, (n, first))| (k, n, first)),
                MAX_TERMS,
            ),
            entities: top(ents.into_iter().map(|(k, n)| (k, n, 0)), MAX_ENTITIES),
        }
    }

    pub fn date(&self) -> Option<NaiveDate> {
        self.date
    }

    /// The key of LSH band `b`: equal for two sketches whose bins agree
    /// on the whole band; `None` for a body without shingles.
    pub(super) fn band(&self, b: usize) -> Option<u64> {
        let rows = &self.minhash.as_ref()?[b * ROWS..(b + 1) * ROWS];
        Some(
            rows.iter()
                .fold(mix(b as u64 + 1, 0x5bd1_e995), |h, &v| mix(h, v as u64)),
        )
    }

    /// The stable byte form (at most [`MAX_ENCODED`] bytes).
    pub fn encode(&self) -> Vec<u8> {
        let mut out = Vec::with_capacity(MAX_ENCODED);
        out.push(VERSION);
        let day = self.date.map_or(NO_DATE, |d| d.num_days_from_ce());
        out.extend_from_slice(&day.to_le_bytes());
        match &self.minhash {
            Some(bins) => {
                out.push(1);
                out.extend_from_slice(bins);
            }
            None => out.push(0),
        }
        out.push(self.terms.len() as u8);
        for &(k, n) in &self.terms {
            out.extend_from_slice(&k.to_le_bytes()[..3]);
            out.push(n);
        }
        out.push(self.entities.len() as u8);
        for &(k, n) in &self.entities {
            out.extend_from_slice(&k.to_le_bytes());
            out.push(n);
        }
        out
    }

    /// Reads what [`Sketch::encode`] wrote; anything else is an error.
    pub fn decode(bytes: &[u8]) -> Result<Sketch, DecodeError> {
        let mut r = Bytes(bytes);
        if r.take(1)?[0] != VERSION {
            return Err(DecodeError("unknown version"));
        }
        let day = i32::from_le_bytes(r.take(4)?.try_into().expect("4 bytes"));
        let date = if day == NO_DATE {
            None
        } else {
            Some(NaiveDate::from_num_days_from_ce_opt(day).ok_or(DecodeError("bad date"))?)
        };
        let minhash = match r.take(1)?[0] {
            0 => None,
            1 => Some(r.take(BINS)?.try_into().expect("BINS bytes")),
            _ => return Err(DecodeError("bad signature flag")),
        };
        let terms = r.counted(MAX_TERMS, 3)?;
        let entities = r.counted(MAX_ENTITIES, 4)?;
        if !r.0.is_empty() {
            return Err(DecodeError("trailing bytes"));
        }
        Ok(Sketch {
            date,
            minhash,
            terms,
            entities,
        })
    }
}

struct Bytes<'a>(&'a [u8]);

impl<'a> Bytes<'a> {
    fn take(&mut self, n: usize) -> Result<&'a [u8], DecodeError> {
        if self.0.len() < n {
            return Err(DecodeError("truncated"));
        }
        let (head, rest) = self.0.split_at(n);
        self.0 = rest;
        Ok(head)
    }

    /// A count, then that many (key of `width` bytes, count) pairs, keys
    /// ascending, counts not zero.
    fn counted(&mut self, max: usize, width: usize) -> Result<Vec<(u32, u8)>, DecodeError> {
        let n = self.take(1)?[0] as usize;
        if n > max {
            return Err(DecodeError("too many entries"));
        }
        let mut out: Vec<(u32, u8)> = Vec::with_capacity(n);
        for _ in 0..n {
            let b = self.take(width + 1)?;
            let mut key = [0u8; 4];
            key[..width].copy_from_slice(&b[..width]);
            let k = u32::from_le_bytes(key);
            let count = b[width];
            if count == 0 || out.last().is_some_and(|&(p, _)| p >= k) {
                return Err(DecodeError("entries out of order"));
            }
            out.push((k, count));
        }
        Ok(out)
    }
}

/// Where the lead ends: after the second paragraph.
fn lead_end(body: &str) -> usize {
    let mut breaks = body.match_indices("\n\n");
    breaks.nth(1).map_or(body.len(), |(i, _)| i)
}

/// The hash of three consecutive words. Word hashes are already well
/// spread; rotations keep the order, one multiply and shift spread the
/// combination (bins come from the top bits, values from the bottom ones).
#[inline]
fn shingle(a: u64, b: u64, c: u64) -> u64 {
    let h = (a.rotate_left(21) ^ b.rotate_left(42) ^ c).wrapping_mul(0x94d0_49bb_1331_11eb);
    h ^ (h >> 29)
}

/// The 24-bit key of a word hash.
fn term_key(h: u64) -> u32 {
    (h >> 40) as u32
}

/// The low byte of each bin's minimum; an empty bin takes the next filled
/// one's (circularly), offset by the distance so two filled bins do not
/// simply repeat ("rotation" densification: both sketches of a pair fill
/// the same way). At least one bin is filled.
fn densify(mins: &[u64; BINS]) -> [u8; BINS] {
    let mut out = [0u8; BINS];
    for (i, v) in out.iter_mut().enumerate() {
        if let Some(d) = (0..BINS).find(|d| mins[(i + d) % BINS] != u64::MAX) {
            *v = (mins[(i + d) % BINS] as u8) ^ (d as u8).wrapping_mul(0x9d);
        }
    }
    out
}

/// The `max` largest counts of `(key, count, rank)`, ties to the smaller
/// rank (a word's first position: of words said as often, the earlier
/// ones say more about the story), then the smaller key; sorted by key,
/// each count capped at 255.
fn top(counts: impl Iterator<Item = (u32, u32, u32)>, max: usize) -> Vec<(u32, u8)> {
    let mut all: Vec<(u32, u32, u32)> = counts.filter(|&(_, n, _)| n > 0).collect();
    let order = |a: &(u32, u32, u32), b: &(u32, u32, u32)| {
        b.1.cmp(&a.1).then(a.2.cmp(&b.2)).then(a.0.cmp(&b.0))
    };
    if all.len() > max {
        all.select_nth_unstable_by(max, order);
        all.truncate(max);
    }
    let mut out: Vec<(u32, u8)> = all
        .into_iter()
        .map(|(k, n, _)| (k, n.min(255) as u8))
        .collect();
    out.sort_unstable_by_key(|&(k, _)| k);
    // The collect above reuses `all`'s allocation, a slot for every
    // distinct word of the body: 100,000 sketches kept 290 MB of it
    // (`examples/mem_report.rs`).
    out.shrink_to_fit();
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    const TEXT: &str = "A magnitude 6.1 earthquake struck the province on Sunday.\n\n\
        Rescue teams searched collapsed buildings in the provincial capital.\n\n\
        Officials said at least 40 people died and hundreds were injured.";

    fn day(y: i32, m: u32, d: u32) -> Option<NaiveDate> {
        NaiveDate::from_ymd_opt(y, m, d)
    }

    #[test]
    fn a_sketch_holds_no_room_for_the_words_it_left_out() {
        let kept = top((0..10_000).map(|k| (k, 1 + k % 7, k)), 48);
        assert_eq!(kept.len(), 48);
        assert!(kept.capacity() < 2 * 48, "capacity {}", kept.capacity());
    }

    #[test]
    fn round_trips_through_bytes() {
        let cases = [
            Sketch::new(TEXT, day(2020, 1, 6), &[(7, 3), (1, 1), (7, 2)]),
            Sketch::new("", None, &[]),
            Sketch::new("One two", day(-44, 3, 15), &[]),
            Sketch::new(&TEXT.repeat(50), day(2024, 2, 29), &[(u32::MAX, 1000)]),
        ];
        for s in cases {
            let bytes = s.encode();
            assert!(bytes.len() <= MAX_ENCODED, "{} bytes", bytes.len());
            assert_eq!(Sketch::decode(&bytes), Ok(s));
        }
    }

    #[test]
    fn keeps_the_most_frequent_and_adds_repeated_keys() {
        let s = Sketch::new(TEXT, None, &[(7, 3), (1, 1), (7, 2)]);
        assert_eq!(s.entities, vec![(1, 1), (7, 5)]);
        let many: Vec<(u32, u32)> = (0..100).map(|k| (k, 100 - k)).collect();
        let s = Sketch::new(TEXT, None, &many);
        assert_eq!(s.entities.len(), MAX_ENTITIES);
        assert!(s.entities.iter().all(|&(k, _)| k < MAX_ENTITIES as u32));
        assert!(s.terms.len() <= MAX_TERMS && !s.terms.is_empty());
    }

    #[test]
    fn garbage_is_an_error_never_a_panic() {
        let good = Sketch::new(TEXT, day(2020, 1, 6), &[(3, 1), (9, 2)]).encode();
        for n in 0..good.len() {
            assert!(Sketch::decode(&good[..n]).is_err(), "truncated at {n}");
        }
        let mut longer = good.clone();
        longer.push(0);
        assert!(Sketch::decode(&longer).is_err());
        let mut version = good.clone();
        version[0] = 99;
        assert!(Sketch::decode(&version).is_err());
        // Every single-byte change either fails or still decodes to a sketch
        // that encodes to the same bytes: decode accepts only canonical forms.
        let mut x: u64 = 0x1234_5678;
        for _ in 0..5000 {
            x = x
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            let mut bad = good.clone();
            let at = (x >> 33) as usize % bad.len();
            bad[at] ^= (x >> 8) as u8 | 1;
            if let Ok(s) = Sketch::decode(&bad) {
                assert_eq!(s.encode(), bad);
            }
            let len = (x >> 20) as usize % 400;
            let noise: Vec<u8> = (0..len).map(|i| (x >> (i % 50)) as u8).collect();
            let _ = Sketch::decode(&noise);
        }
    }

    #[test]
    fn near_copies_share_bands_and_different_texts_do_not() {
        let a = Sketch::new(TEXT, None, &[]);
        let b = Sketch::new(&format!("{TEXT} Aid was on its way."), None, &[]);
        let c = Sketch::new(
            "The central bank raised its main interest rate by half a point on Tuesday, \
             citing inflation that has stayed above its target for a year.",
            None,
            &[],
        );
        let agree = |x: &Sketch, y: &Sketch| (0..BANDS).filter(|&i| x.band(i) == y.band(i)).count();
        assert!(agree(&a, &b) >= 2, "{}", agree(&a, &b));
        assert_eq!(agree(&a, &c), 0);
        assert!(a.band(0).is_some());
        assert_eq!(Sketch::new("two words", None, &[]).band(0), None);
    }
}

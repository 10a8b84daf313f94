//! The model file and the in-memory weight table.
//!
//! File format, all integers little-endian:
//!
//! ```text
//! magic            8 bytes  "LEDE-NER"
//! format version   u32      FORMAT_VERSION
//! feature version  u32      features::FEATURE_VERSION
//! tags             u32      NT (17)
//! scale            f32      weight = stored i16 * scale
//! features         u32      number of rows
//! rows, by increasing feature id:
//!     varint   id minus the previous id (the first: the id)
//!     varint   bit mask of the tags with a non-zero weight
//!     zigzag varint per set bit, lowest tag first: the i16 weight
//! lexicon: two sorted sets of u32 word hashes (common words, then names):
//!     varint   count
//!     varint   per hash, minus the previous one
//! checksum         u64      base::hash::hash_bytes of everything before it
//! ```
//!
//! In memory the rows are dense (`[i16; NT]`) behind an open-addressing
//! table keyed by feature id.

use super::{NT, Weights};
use crate::base::codec::{Damaged, Reader, Writer, unzigzag, zigzag};
use crate::base::hash::hash_bytes;
use crate::entities::features::{FEATURE_VERSION, Lexicon};

const MAGIC: &[u8; 8] = b"LEDE-NER";
const FORMAT_VERSION: u32 = 2;
const HEADER: usize = 8 + 4 * 5;

/// Why a model could not be read.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum ModelError {
    #[error("not a lede NER model (bad magic)")]
    BadMagic,
    #[error("unsupported model format version {0} (this build reads {FORMAT_VERSION})")]
    Version(u32),
    #[error(
        "model made for feature set version {0}, this build computes version {FEATURE_VERSION}"
    )]
    FeatureVersion(u32),
    #[error("model has {0} tags, expected {NT}")]
    Tags(u32),
    #[error("model file is truncated or damaged")]
    Truncated,
    #[error("model checksum mismatch (corrupt file)")]
    Checksum,
    #[error("model is malformed: {0}")]
    Malformed(&'static str),
}

/// Quantised weights: feature id -> one row of `NT` weights, in an
/// open-addressing table. A row sits at its key's slot, so its load does
/// not wait for the key's.
pub(crate) struct Model {
    /// Feature id per slot, 0 when empty.
    keys: Vec<u32>,
    /// The row of the feature in the same slot.
    table: Vec<[i16; NT]>,
    mask: usize,
    len: usize,
    scale: f32,
    pub(crate) lexicon: Lexicon,
}

impl Model {
    /// Builds a model from `(id, row)` pairs with distinct non-zero ids.
    pub(crate) fn new(mut rows: Vec<(u32, [i16; NT])>, scale: f32, lexicon: Lexicon) -> Model {
        rows.sort_unstable_by_key(|r| r.0);
        rows.retain(|r| r.1.iter().any(|&w| w != 0));
        let cap = (rows.len() * 2).next_power_of_two().max(16);
        let mask = cap - 1;
        let mut keys = vec![0u32; cap];
        let mut table = vec![[0i16; NT]; cap];
        for &(id, row) in &rows {
            debug_assert!(id != 0);
            let mut i = id as usize & mask;
            while keys[i] != 0 {
                i = (i + 1) & mask;
            }
            keys[i] = id;
            table[i] = row;
        }
        Model {
            keys,
            table,
            mask,
            len: rows.len(),
            scale,
            lexicon,
        }
    }

    pub(crate) fn len(&self) -> usize {
        self.len
    }

    #[inline(always)]
    fn row(&self, id: u32) -> Option<&[i16; NT]> {
        let mut i = id as usize & self.mask;
        loop {
            let k = self.keys[i];
            if k == id {
                return Some(&self.table[i]);
            }
            if k == 0 {
                return None;
            }
            i = (i + 1) & self.mask;
        }
    }

    /// `(id, row)` of every feature, by increasing id.
    fn sorted_rows(&self) -> Vec<(u32, &[i16; NT])> {
        let mut rows: Vec<(u32, &[i16; NT])> = self
            .keys
            .iter()
            .zip(&self.table)
            .filter(|(k, _)| **k != 0)
            .map(|(k, r)| (*k, r))
            .collect();
        rows.sort_unstable_by_key(|r| r.0);
        rows
    }

    pub(crate) fn to_bytes(&self) -> Vec<u8> {
        let rows = self.sorted_rows();
        let mut out = Writer::default();
        out.buf.reserve(HEADER + rows.len() * 12 + 8);
        out.bytes(MAGIC);
        out.bytes(&FORMAT_VERSION.to_le_bytes());
        out.bytes(&FEATURE_VERSION.to_le_bytes());
        out.bytes(&(NT as u32).to_le_bytes());
        out.bytes(&self.scale.to_le_bytes());
        out.bytes(&(rows.len() as u32).to_le_bytes());
        let mut last = 0u32;
        for &(id, row) in &rows {
            out.u64((id - last) as u64);
            last = id;
            let mask = row
                .iter()
                .enumerate()
                .filter(|(_, w)| **w != 0)
                .fold(0u64, |m, (t, _)| m | 1 << t);
            out.u64(mask);
            for &w in row.iter().filter(|w| **w != 0) {
                out.u64(zigzag(i64::from(w)));
            }
        }
        let (common, names) = self.lexicon.sorted_keys();
        for set in [common, names] {
            out.u64(set.len() as u64);
            let mut last = 0u32;
            for k in set {
                out.u64((k - last) as u64);
                last = k;
            }
        }
        let sum = hash_bytes(&out.buf);
        out.bytes(&sum.to_le_bytes());
        out.buf
    }

    pub(crate) fn from_bytes(bytes: &[u8]) -> Result<Model, ModelError> {
        if bytes.len() < 8 || &bytes[..8] != MAGIC {
            return Err(ModelError::BadMagic);
        }
        if bytes.len() < HEADER + 8 {
            return Err(ModelError::Truncated);
        }
        let u32_at = |o: usize| u32::from_le_bytes(bytes[o..o + 4].try_into().unwrap());
        let version = u32_at(8);
        if version != FORMAT_VERSION {
            return Err(ModelError::Version(version));
        }
        let features = u32_at(12);
        if features != FEATURE_VERSION {
            return Err(ModelError::FeatureVersion(features));
        }
        let tags = u32_at(16);
        if tags != NT as u32 {
            return Err(ModelError::Tags(tags));
        }
        let scale = f32::from_le_bytes(bytes[20..24].try_into().unwrap());
        if !(scale.is_finite() && scale > 0.0) {
            return Err(ModelError::Malformed("scale is not a positive number"));
        }
        let n = u32_at(24) as usize;
        let (body, sum) = bytes.split_at(bytes.len() - 8);
        if hash_bytes(body) != u64::from_le_bytes(sum.try_into().unwrap()) {
            return Err(ModelError::Checksum);
        }
        let mut r = Reader::new(&body[HEADER..]);
        // Each row takes at least two bytes: bound the allocation.
        if n > r.remaining() / 2 {
            return Err(ModelError::Malformed("more rows than bytes"));
        }
        let mut rows = Vec::with_capacity(n);
        let mut id = 0u64;
        for k in 0..n {
            let delta = r.u64()?;
            if delta == 0 && k > 0 {
                return Err(ModelError::Malformed("feature ids not increasing"));
            }
            id += delta;
            if id == 0 || id > u32::MAX as u64 {
                return Err(ModelError::Malformed("feature id out of range"));
            }
            let mask = r.u64()?;
            if mask == 0 || mask >> NT != 0 {
                return Err(ModelError::Malformed("bad tag mask"));
            }
            let mut row = [0i16; NT];
            for (t, w) in row.iter_mut().enumerate() {
                if mask & 1 << t != 0 {
                    let v = unzigzag(r.u64()?);
                    *w = i16::try_from(v)
                        .map_err(|_| ModelError::Malformed("weight out of range"))?;
                    if *w == 0 {
                        return Err(ModelError::Malformed("zero weight marked present"));
                    }
                }
            }
            rows.push((id as u32, row));
        }
        let mut sets = [Vec::new(), Vec::new()];
        for set in &mut sets {
            let n = r.u64()? as usize;
            if n > r.remaining() {
                return Err(ModelError::Malformed("more words than bytes"));
            }
            set.reserve(n);
            let mut k = 0u64;
            for i in 0..n {
                let d = r.u64()?;
                if d == 0 && i > 0 {
                    return Err(ModelError::Malformed("lexicon not increasing"));
                }
                k += d;
                if k > u32::MAX as u64 {
                    return Err(ModelError::Malformed("lexicon hash out of range"));
                }
                set.push(k as u32);
            }
        }
        if !r.at_end() {
            return Err(ModelError::Malformed("trailing bytes after the lexicon"));
        }
        let [common, names] = sets;
        Ok(Model::new(rows, scale, Lexicon::from_keys(common, names)))
    }
}

impl Weights for Model {
    type Acc = [i32; NT];

    #[inline(always)]
    fn add(&self, feature: u32, acc: &mut [i32; NT]) {
        if let Some(row) = self.row(feature) {
            for (a, &w) in acc.iter_mut().zip(row) {
                *a += w as i32;
            }
        }
    }

    #[inline(always)]
    fn scores(&self, acc: &[i32; NT]) -> [f32; NT] {
        acc.map(|a| a as f32 * self.scale)
    }

    fn lexicon(&self) -> &Lexicon {
        &self.lexicon
    }
}

/// Bytes that end early, or a varint past 64 bits.
impl From<Damaged> for ModelError {
    fn from(_: Damaged) -> Self {
        ModelError::Truncated
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tiny() -> Model {
        let mut a = [0i16; NT];
        a[0] = 5;
        a[16] = -300;
        let mut b = [0i16; NT];
        b[3] = i16::MIN;
        b[4] = i16::MAX;
        Model::new(
            vec![(77, a), (3, b), (u32::MAX, a), (9, [0; NT])],
            0.01,
            Lexicon::from_word_list("apple\nBoston\nbank\nBank\nBoston's\n"),
        )
    }

    #[test]
    fn round_trips_and_drops_empty_rows() {
        let m = tiny();
        assert_eq!(m.len(), 3);
        let bytes = m.to_bytes();
        let back = Model::from_bytes(&bytes).unwrap();
        assert_eq!(back.to_bytes(), bytes);
        assert_eq!(back.row(77).unwrap()[16], -300);
        assert_eq!(back.row(3).unwrap()[3], i16::MIN);
        assert!(back.row(9).is_none());
        assert!(back.row(12345).is_none());
        assert_eq!(back.lexicon, m.lexicon);
        assert_eq!(m.lexicon.len(), (2, 1));
    }

    #[test]
    fn rejects_damage_without_panicking() {
        let bytes = tiny().to_bytes();
        assert_eq!(
            Model::from_bytes(b"GIF89a...").err(),
            Some(ModelError::BadMagic)
        );
        for cut in 0..bytes.len() {
            assert!(Model::from_bytes(&bytes[..cut]).is_err(), "cut at {cut}");
        }
        for i in 0..bytes.len() {
            for bit in [1u8, 0x80] {
                let mut b = bytes.clone();
                b[i] ^= bit;
                assert!(Model::from_bytes(&b).is_err(), "flip at {i}");
            }
        }
        let mut other = bytes.clone();
        other[12] = 99; // feature version
        assert_eq!(
            Model::from_bytes(&other).err(),
            Some(ModelError::FeatureVersion(99))
        );
    }
}

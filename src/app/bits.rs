//! A set of article indices, one bit each: what the filter keeps of
//! which articles may pass.

/// A set of article indices.
#[derive(Clone, Debug, Default)]
pub struct Bits(Vec<u64>);

impl Bits {
    pub fn all(n: usize) -> Bits {
        let mut v = vec![u64::MAX; n.div_ceil(64)];
        if !n.is_multiple_of(64)
            && let Some(last) = v.last_mut()
        {
            *last = (1u64 << (n % 64)) - 1;
        }
        Bits(v)
    }

    pub fn none(n: usize) -> Bits {
        Bits(vec![0; n.div_ceil(64)])
    }

    pub fn get(&self, i: usize) -> bool {
        self.0.get(i / 64).is_some_and(|w| w & (1 << (i % 64)) != 0)
    }

    pub fn set(&mut self, i: usize) {
        if self.0.len() <= i / 64 {
            self.0.resize(i / 64 + 1, 0);
        }
        self.0[i / 64] |= 1 << (i % 64);
    }

    pub fn clear(&mut self, i: usize) {
        if let Some(w) = self.0.get_mut(i / 64) {
            *w &= !(1 << (i % 64));
        }
    }

    /// The members in words `from_word..to_word`, ascending.
    pub fn members(&self, from_word: usize, to_word: usize) -> impl Iterator<Item = usize> + '_ {
        self.0[from_word..to_word]
            .iter()
            .enumerate()
            .flat_map(move |(k, &w)| {
                let base = (from_word + k) * 64;
                let mut w = w;
                std::iter::from_fn(move || {
                    if w == 0 {
                        return None;
                    }
                    let b = w.trailing_zeros() as usize;
                    w &= w - 1;
                    Some(base + b)
                })
            })
    }

    /// How many members.
    pub fn count(&self) -> usize {
        self.0.iter().map(|w| w.count_ones() as usize).sum()
    }

    /// Words in the set's storage (64 members each).
    pub fn words(&self) -> usize {
        self.0.len()
    }

    /// Adds every member of `other`.
    pub fn union_with(&mut self, other: &Bits) {
        for (dst, src) in self.0.iter_mut().zip(&other.0) {
            *dst |= src;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn all_get_set_clear() {
        let mut b = Bits::all(70);
        assert!(b.get(69) && !b.get(70));
        assert_eq!(b.count(), 70);
        b.clear(3);
        assert!(!b.get(3));
        assert_eq!(b.count(), 69);
        let mut n = Bits::none(10);
        n.set(100);
        assert!(n.get(100));
        let m: Vec<usize> = Bits::all(70).members(0, 2).collect();
        assert_eq!(m.len(), 70);
    }
}

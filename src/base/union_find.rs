//! Disjoint sets over `0..n`, with path halving: the groups of mentions in
//! an article, and of entities across a corpus.

#[derive(Clone, Debug)]
pub struct UnionFind(Vec<usize>);

impl UnionFind {
    /// `n` singletons.
    pub fn new(n: usize) -> Self {
        UnionFind((0..n).collect())
    }

    /// The representative of `i`'s set.
    pub fn find(&mut self, mut i: usize) -> usize {
        while self.0[i] != i {
            self.0[i] = self.0[self.0[i]];
            i = self.0[i];
        }
        i
    }

    /// Joins the sets of `a` and `b`; the lower representative stays one,
    /// so groups keep the order of their first member.
    pub fn union(&mut self, a: usize, b: usize) {
        let (a, b) = (self.find(a), self.find(b));
        if a != b {
            let (lo, hi) = if a < b { (a, b) } else { (b, a) };
            self.0[hi] = lo;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn union_keeps_the_lowest() {
        let mut uf = UnionFind::new(5);
        uf.union(3, 1);
        assert_eq!(uf.find(3), 1);
        uf.union(0, 4);
        assert_eq!(uf.find(4), 0);
        uf.union(1, 4);
        assert_eq!(uf.find(3), 0);
        assert_eq!(uf.find(2), 2);
    }
}

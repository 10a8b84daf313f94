//! Two sorted lists as one: a merge, not a sort of everything again.

/// `a` and `b`, each already in order (`le(x, y)`: `x` may come before
/// `y`), as one list in order; on ties, `a`'s first.
pub fn merge_by<T: Copy>(a: &[T], b: &[T], mut le: impl FnMut(&T, &T) -> bool) -> Vec<T> {
    let mut merged = Vec::with_capacity(a.len() + b.len());
    let (mut i, mut j) = (0, 0);
    while i < a.len() && j < b.len() {
        if le(&a[i], &b[j]) {
            merged.push(a[i]);
            i += 1;
        } else {
            merged.push(b[j]);
            j += 1;
        }
    }
    merged.extend_from_slice(&a[i..]);
    merged.extend_from_slice(&b[j..]);
    merged
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn merges_in_order_ties_first_list_first() {
        let m = merge_by(
            &[(1, 'a'), (3, 'a'), (5, 'a')],
            &[(2, 'b'), (3, 'b')],
            |x, y| x.0 <= y.0,
        );
        assert_eq!(m, [(1, 'a'), (2, 'b'), (3, 'a'), (3, 'b'), (5, 'a')]);
        assert_eq!(merge_by::<u8>(&[], &[1], |x, y| x <= y), [1]);
    }
}

//! Moving a selection in a list and keeping it in view: the arithmetic
//! the list, the entity pane and the overlays share.

use super::action::Move;

/// `cur` moved by `m` in a list of `len` rows shown `page` at a time.
pub fn moved(cur: usize, len: usize, m: Move, page: usize) -> usize {
    let last = len.saturating_sub(1);
    match m {
        Move::By(d) => cur.saturating_add_signed(d).min(last),
        Move::Pages(p) => cur
            .saturating_add_signed(p.saturating_mul(page.max(1) as isize))
            .min(last),
        Move::First => 0,
        Move::Last => last,
    }
}

/// An offset that keeps `selected` among `rows` visible rows.
pub fn follow(offset: usize, selected: usize, rows: usize) -> usize {
    if rows == 0 || selected < offset {
        selected
    } else if selected >= offset + rows {
        selected + 1 - rows
    } else {
        offset
    }
}

/// A selection and the first visible row of a list of `len` rows shown
/// `rows` at a time, the selection kept in the list and in view, and no
/// empty rows under the last one when that can be avoided.
pub fn fit(selected: usize, offset: usize, len: usize, rows: usize) -> (usize, usize) {
    let selected = selected.min(len.saturating_sub(1));
    let offset = follow(offset, selected, rows).min(len.saturating_sub(rows.max(1)));
    (selected, offset)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn moves_clamp_and_follow_keeps_in_view() {
        assert_eq!(moved(3, 10, Move::By(20), 5), 9);
        assert_eq!(moved(3, 10, Move::Pages(-1), 5), 0);
        assert_eq!(moved(3, 0, Move::Last, 5), 0);
        assert_eq!(follow(0, 7, 5), 3);
        assert_eq!(follow(4, 2, 5), 2);
        assert_eq!(fit(12, 0, 10, 4), (9, 6));
        assert_eq!(fit(0, 8, 10, 4), (0, 0));
    }
}

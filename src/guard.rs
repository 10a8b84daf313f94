//! Containing our own bugs. Parsing and extraction run on text nobody
//! vetted; if some input still finds a panic in them (fuzzing found one),
//! that report is skipped or shown without entities, with a warning that
//! names it, and the load, the reader and `lede extract` go on.

use std::any::Any;
use std::panic::{AssertUnwindSafe, catch_unwind};

/// Runs `f`; a panic in it becomes `Err` with its message.
///
/// Unwind safety: callers hand in work whose only shared state is
/// read-only (the extractor, the input text) or rebuilt on failure.
pub fn contain<T>(f: impl FnOnce() -> T) -> Result<T, String> {
    catch_unwind(AssertUnwindSafe(f)).map_err(|payload| describe(&*payload))
}

/// The warning for a report a contained panic stopped.
pub fn warning_text(doing: &str, why: &str) -> String {
    format!("internal error while {doing} ({why}); please report it with this file")
}

fn describe(payload: &(dyn Any + Send)) -> String {
    if let Some(s) = payload.downcast_ref::<&str>() {
        (*s).to_string()
    } else if let Some(s) = payload.downcast_ref::<String>() {
        s.clone()
    } else {
        "a panic".to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_panic_becomes_its_message() {
        assert_eq!(contain(|| 7), Ok(7));
        let slice = "“x";
        let at = std::hint::black_box(1);
        let err = contain(|| slice[at..].len()).unwrap_err();
        assert!(err.contains("char boundary"), "{err}");
        let err = contain(|| -> u8 { std::panic::panic_any(3u8) }).unwrap_err();
        assert_eq!(err, "a panic");
    }
}

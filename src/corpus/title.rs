//! Titles for articles whose file gives none: the body's first sentence,
//! shortened.

use super::sentences::sentences;

/// How long a derived title may be before it is shortened, in characters.
pub const TITLE_CHARS: usize = 90;

/// The first sentence, shortened at a word boundary with `…`.
pub fn derive_title(body: &str) -> String {
    // The first sentence lies in the first paragraph, and past a couple
    // of thousand bytes it would be cut anyway: look no further.
    let mut end = body.find("\n\n").unwrap_or(body.len()).min(2000);
    while !body.is_char_boundary(end) {
        end -= 1;
    }
    let head = &body[..end];
    let first = sentences(head)
        .into_iter()
        .next()
        .map(|r| &head[r])
        .unwrap_or("");
    shorten(first, TITLE_CHARS)
}

/// Shortens `s` to at most `max` characters, cutting at a word boundary and
/// ending in `…`.
pub fn shorten(s: &str, max: usize) -> String {
    let s = s.split_whitespace().collect::<Vec<_>>().join(" ");
    if s.chars().count() <= max {
        return s;
    }
    let cut = s.char_indices().nth(max).map(|(i, _)| i).unwrap_or(s.len());
    let head = &s[..cut];
    let head = match head.rfind(' ') {
        Some(sp) if sp > cut / 2 => &head[..sp],
        _ => head,
    };
    let head = head.trim_end_matches(|c: char| ",;:-–—(\"“'".contains(c) || c.is_whitespace());
    format!("{head}…")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn derived_titles_are_shortened_at_a_word_boundary() {
        let body = "The forces of the renegade general of Libya, Khalifa Haftar, said they had entered Sirte, taking control of large parts of the coastal city.";
        let t = derive_title(body);
        assert!(t.ends_with('…'), "{t}");
        assert!(t.chars().count() <= TITLE_CHARS + 1);
        assert_eq!(
            t,
            "The forces of the renegade general of Libya, Khalifa Haftar, said they had entered Sirte…"
        );
    }

    #[test]
    fn title_does_not_stop_at_abbreviations() {
        assert_eq!(
            derive_title("Gen. Smith met U.S. envoys. Then left."),
            "Gen. Smith met U.S. envoys."
        );
    }
}

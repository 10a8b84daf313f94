//! The one way names are compared: two surface forms name the same thing
//! for lede when their [`normalize`]d forms are equal.

/// The form names are compared in: case folded, possessive and `the`
/// dropped, typographic quotes and dashes unified, spaces collapsed.
pub fn normalize(name: &str) -> String {
    let mut out = String::with_capacity(name.len());
    normalize_into(name, &mut out);
    out
}

/// [`normalize`] into a reused buffer: interning a known name allocates
/// nothing.
pub fn normalize_into(name: &str, out: &mut String) {
    out.clear();
    let mut space = false;
    for c in name.chars() {
        let c = match c {
            '’' | '‘' | '`' => '\'',
            '‐' | '‑' | '–' | '—' => '-',
            c => c,
        };
        if c.is_whitespace() {
            space = !out.is_empty();
            continue;
        }
        if space {
            out.push(' ');
            space = false;
        }
        out.extend(c.to_lowercase());
    }
    if out.ends_with("'s") {
        out.truncate(out.len() - 2);
    } else if out.ends_with('\'') {
        out.pop();
    }
    out.truncate(out.trim_end().len());
    if out.starts_with("the ") {
        out.drain(..4);
    }
}

/// `Khalifa Haftar` -> `khalifa-haftar`; letters of any script are kept.
pub fn slug(name: &str) -> String {
    let mut out = String::new();
    for c in name.chars().flat_map(char::to_lowercase) {
        if c.is_alphanumeric() {
            out.push(c);
        } else if !out.is_empty() && !out.ends_with('-') {
            out.push('-');
        }
    }
    while out.ends_with('-') {
        out.pop();
    }
    if out.is_empty() {
        out.push_str("entity");
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn normalization_and_slugs() {
        assert_eq!(normalize("Haftar’s"), "haftar");
        assert_eq!(normalize("The  United Nations"), "united nations");
        assert_eq!(slug("Khaled al-Mahjoub"), "khaled-al-mahjoub");
        assert_eq!(slug("Recep Tayyip Erdoğan"), "recep-tayyip-erdoğan");
        assert_eq!(slug("!!!"), "entity");
    }
}

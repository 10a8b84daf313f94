//! The one way names are compared: two surface forms name the same thing
//! for lede when their [`normalize`]d forms are equal. Words are searched
//! in a looser form of the same folding: [`fold_char`] also drops
//! diacritics, so `Erdogan` finds `Erdoğan`.

use unicode_normalization::char::{decompose_compatible, is_combining_mark};

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
    for c in name.chars().filter(|&c| !is_trademark_sign(c)) {
        let c = unify_punctuation(c);
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

/// `®`, `™`, `℠`: marks a press release sets after a name. They say
/// nothing of where a name ends, and `BlackBerry® Q10` is `BlackBerry Q10`.
pub fn is_trademark_sign(c: char) -> bool {
    matches!(c, '®' | '™' | '℠')
}

/// Typographic apostrophes and dashes as their ASCII forms.
fn unify_punctuation(c: char) -> char {
    match c {
        '’' | '‘' | '`' => '\'',
        '‐' | '‑' | '–' | '—' => '-',
        c => c,
    }
}

/// Appends `c` in the form words are searched in: lower case, without
/// diacritics (`É` -> `e`, `ğ` -> `g`), compatibility forms unfolded (`ﬁ`
/// -> `fi`, full-width `Ａ` -> `a`), the letters that carry their stroke in
/// themselves spelled out (`ß` -> `ss`, `ø` -> `o`, `æ` -> `ae`), and
/// punctuation unified as [`normalize`] does. Combining marks alone fold
/// to nothing.
pub fn fold_char(c: char, out: &mut String) {
    if c.is_ascii() {
        out.push(c.to_ascii_lowercase());
        return;
    }
    decompose_compatible(unify_punctuation(c), |d| {
        if is_combining_mark(d) {
            return;
        }
        match d {
            'ß' | 'ẞ' => out.push_str("ss"),
            'æ' | 'Æ' => out.push_str("ae"),
            'œ' | 'Œ' => out.push_str("oe"),
            'ø' | 'Ø' => out.push('o'),
            'ł' | 'Ł' => out.push('l'),
            'đ' | 'Đ' | 'ð' | 'Ð' => out.push('d'),
            'þ' | 'Þ' => out.push_str("th"),
            'ı' => out.push('i'),
            d => out.extend(d.to_lowercase()),
        }
    });
}

/// `s` folded by [`fold_char`], every character.
pub fn fold(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        fold_char(c, &mut out);
    }
    out
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
        assert_eq!(normalize("BlackBerry® Q10"), "blackberry q10");
        assert_eq!(normalize("Windows™"), "windows");
        assert_eq!(slug("Khaled al-Mahjoub"), "khaled-al-mahjoub");
        assert_eq!(slug("Recep Tayyip Erdoğan"), "recep-tayyip-erdoğan");
        assert_eq!(slug("!!!"), "entity");
    }

    #[test]
    fn folding_drops_case_and_diacritics() {
        assert_eq!(fold("Erdoğan"), "erdogan");
        assert_eq!(fold("ÉLYSÉE Façade"), "elysee facade");
        assert_eq!(fold("Straße Øresund Æther"), "strasse oresund aether");
        assert_eq!(fold("İstanbul"), "istanbul");
        assert_eq!(fold("ﬁnal ＡＢＣ"), "final abc");
        assert_eq!(fold("Haftar’s — x"), "haftar's - x");
        assert_eq!(fold("Москва Αθήνα"), "москва αθηνα");
        // A lone combining mark is nothing; CJK is kept as it is.
        assert_eq!(fold("\u{301}北京"), "北京");
    }
}

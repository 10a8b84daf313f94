//! Repairs the damage scrapers do to report text, conservatively: every rule
//! removes only markup, whitespace or a stray dot, never a word.

/// Named HTML entities worth knowing in news text. The full HTML5 table has
/// two thousand names; these are the ones scrapers actually leave behind.
const NAMED_ENTITIES: &[(&str, &str)] = &[
    ("amp", "&"),
    ("quot", "\""),
    ("apos", "'"),
    ("lt", "<"),
    ("gt", ">"),
    ("nbsp", " "),
    ("ndash", "–"),
    ("mdash", "—"),
    ("hellip", "…"),
    ("lsquo", "‘"),
    ("rsquo", "’"),
    ("ldquo", "“"),
    ("rdquo", "”"),
    ("sbquo", "‚"),
    ("bdquo", "„"),
    ("laquo", "«"),
    ("raquo", "»"),
    ("lsaquo", "‹"),
    ("rsaquo", "›"),
    ("bull", "•"),
    ("middot", "·"),
    ("deg", "°"),
    ("copy", "©"),
    ("reg", "®"),
    ("trade", "™"),
    ("euro", "€"),
    ("pound", "£"),
    ("yen", "¥"),
    ("cent", "¢"),
    ("sect", "§"),
    ("para", "¶"),
    ("times", "×"),
    ("divide", "÷"),
    ("plusmn", "±"),
    ("frac12", "½"),
    ("frac14", "¼"),
    ("frac34", "¾"),
    ("shy", ""),
    ("zwj", "\u{200d}"),
    ("zwnj", "\u{200c}"),
    ("thinsp", " "),
    ("ensp", " "),
    ("emsp", " "),
    ("aacute", "á"),
    ("eacute", "é"),
    ("iacute", "í"),
    ("oacute", "ó"),
    ("uacute", "ú"),
    ("agrave", "à"),
    ("egrave", "è"),
    ("ograve", "ò"),
    ("acirc", "â"),
    ("ecirc", "ê"),
    ("ocirc", "ô"),
    ("auml", "ä"),
    ("euml", "ë"),
    ("iuml", "ï"),
    ("ouml", "ö"),
    ("uuml", "ü"),
    ("Auml", "Ä"),
    ("Ouml", "Ö"),
    ("Uuml", "Ü"),
    ("szlig", "ß"),
    ("ccedil", "ç"),
    ("Ccedil", "Ç"),
    ("ntilde", "ñ"),
    ("Ntilde", "Ñ"),
    ("Eacute", "É"),
    ("atilde", "ã"),
    ("otilde", "õ"),
    ("oslash", "ø"),
    ("aring", "å"),
    ("Aring", "Å"),
    ("aelig", "æ"),
];

/// Entity names whose `&` scrapers are known to turn into a comma or drop,
/// as in `gains,quot;`. Only these are repaired without their `&`: a longer
/// list would start eating real words followed by a semicolon.
const MANGLED_NAMES: &[&str] = &["quot", "amp", "apos", "nbsp", "#39", "#34", "lt", "gt"];

/// Every line of a preformatted paragraph of a cleaned body starts with
/// this (and no other paragraph's first line does: other lines are
/// trimmed), so the body stays plain text and still says which paragraphs
/// keep their lines and spacing: see [`super::article::blocks`].
pub const PREFORMATTED_INDENT: &str = "    ";

/// Cleans a whole body: entities decoded, mangled entities repaired, stray
/// dots dropped, spaces folded, hard-wrapped lines joined, paragraphs kept
/// and separated by exactly one blank line. Tables and aligned columns are
/// kept line for line instead ([`preformatted`]).
pub fn clean_body(raw: &str) -> String {
    let decoded = decode_entities(raw);
    let mut paragraphs: Vec<String> = Vec::new();
    for para in split_paragraphs(&decoded) {
        if let Some(kept) = preformatted(&para) {
            paragraphs.push(kept);
            continue;
        }
        let folded = join_lines(&para);
        let fixed = drop_stray_dots(&folded);
        if fixed.chars().any(|c| !c.is_whitespace()) {
            paragraphs.push(fixed);
        }
    }
    paragraphs.join("\n\n")
}

/// Cleans a one-line field such as a title or source: entities decoded,
/// whitespace (including newlines) folded to single spaces.
pub fn clean_line(raw: &str) -> String {
    fold_spaces(&decode_entities(raw).replace(['\n', '\r'], " "))
        .trim()
        .to_string()
}

/// Decodes `&name;`, `&#123;` and `&#x7b;`, and repairs entities that lost
/// their ampersand (`,quot;` → `"`). Unknown or malformed references are left
/// exactly as they were.
pub fn decode_entities(s: &str) -> String {
    if !s.contains(';') {
        return s.to_string();
    }
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(pos) = rest.find([';', '&']) {
        let (head, tail) = rest.split_at(pos);
        if let Some(after_amp) = tail.strip_prefix('&') {
            out.push_str(head);
            match decode_reference(after_amp) {
                Some((text, used)) => {
                    out.push_str(&text);
                    rest = &after_amp[used..];
                }
                None => {
                    out.push('&');
                    rest = after_amp;
                }
            }
        } else {
            // A `;` ending a mangled entity: `gains,quot;` -> `gains"`.
            match mangled_entity_before(head) {
                Some((keep, text)) => {
                    out.push_str(&head[..keep]);
                    out.push_str(text);
                }
                None => {
                    out.push_str(head);
                    out.push(';');
                }
            }
            rest = &tail[1..];
        }
    }
    out.push_str(rest);
    out
}

/// `after_amp` starts right after a `&`; returns the decoded text and how
/// many bytes of `after_amp` the reference used, including its `;`.
fn decode_reference(after_amp: &str) -> Option<(String, usize)> {
    let semi = after_amp.bytes().take(12).position(|b| b == b';')?;
    let name = &after_amp[..semi];
    let text = if let Some(num) = name.strip_prefix('#') {
        let code = match num.strip_prefix(['x', 'X']) {
            Some(hex) => u32::from_str_radix(hex, 16).ok()?,
            None => num.parse::<u32>().ok()?,
        };
        // NUL and surrogates are not characters; leave the reference as text.
        let c = char::from_u32(code).filter(|&c| c != '\0')?;
        c.to_string()
    } else {
        NAMED_ENTITIES
            .iter()
            .find(|(n, _)| *n == name)
            .map(|(_, t)| t.to_string())?
    };
    Some((text, semi + 1))
}

/// Looks at the text before a `;` for a mangled entity such as `,quot`.
/// Returns how many bytes of `head` to keep and the replacement.
fn mangled_entity_before(head: &str) -> Option<(usize, &'static str)> {
    for name in MANGLED_NAMES {
        let Some(before) = head.strip_suffix(name) else {
            continue;
        };
        // The lost `&` became a comma. Without the comma the name may be a
        // real word followed by a semicolon, so it stays.
        let Some(kept) = before.strip_suffix(',') else {
            continue;
        };
        let text = match *name {
            "quot" | "#34" => "\"",
            "amp" => "&",
            "apos" | "#39" => "'",
            "nbsp" => " ",
            "lt" => "<",
            _ => ">",
        };
        return Some((kept.len(), text));
    }
    None
}

/// Splits on blank lines (lines holding only whitespace).
fn split_paragraphs(s: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut cur = String::new();
    for line in s.split('\n') {
        let line = line.strip_suffix('\r').unwrap_or(line);
        if line.trim().is_empty() {
            if !cur.is_empty() {
                out.push(std::mem::take(&mut cur));
            }
        } else {
            if !cur.is_empty() {
                cur.push('\n');
            }
            cur.push_str(line);
        }
    }
    if !cur.is_empty() {
        out.push(cur);
    }
    out
}

/// Joins the hard-wrapped lines of one paragraph with a space, but keeps a
/// line break before list items so a bulleted list stays a list.
fn join_lines(para: &str) -> String {
    let mut out = String::with_capacity(para.len());
    for (i, line) in para.split('\n').enumerate() {
        let line = fold_spaces(line);
        let line = line.trim();
        if line.is_empty() {
            continue;
        }
        if i > 0 && !out.is_empty() {
            out.push(if is_list_item(line) { '\n' } else { ' ' });
        }
        out.push_str(line);
    }
    out
}

/// A paragraph of aligned columns or of short lines of figures, kept as
/// laid out: tabs expanded to stops of eight, other spaces as spaces, the
/// indentation the lines share removed, trailing spaces dropped, and every
/// line indented by [`PREFORMATTED_INDENT`]. `None` for prose.
///
/// Columns: gaps inside the text (not the two spaces some writers put
/// after a full stop) standing one above another (`aligned_columns`):
/// justified or double-spaced prose has gaps, but not lined up.
/// Figures: at least three lines, none longer than 50 characters, two in
/// three a quarter digits or more (`2019: 1,234`).
pub fn preformatted(para: &str) -> Option<String> {
    let lines: Vec<String> = para.split('\n').map(expand_spaces).collect();
    let lines: Vec<&str> = lines
        .iter()
        .map(|l| l.trim_end())
        .filter(|l| !l.is_empty())
        .collect();
    if lines.len() < 2 || !(aligned_columns(&lines) || short_figures(&lines)) {
        return None;
    }
    let indent = lines
        .iter()
        .map(|l| l.len() - l.trim_start_matches(' ').len())
        .min()
        .unwrap_or(0);
    let kept: Vec<String> = lines
        .iter()
        .map(|l| format!("{PREFORMATTED_INDENT}{}", &l[indent..]))
        .collect();
    Some(kept.join("\n"))
}

/// A line with tabs expanded to stops of eight and every other horizontal
/// space (no-break, thin, ...) as one plain space; `\r` dropped.
fn expand_spaces(line: &str) -> String {
    let mut out = String::with_capacity(line.len());
    let mut column = 0;
    for c in line.chars() {
        match c {
            '\t' => {
                let next = (column / 8 + 1) * 8;
                out.extend(std::iter::repeat_n(' ', next - column));
                column = next;
            }
            '\r' => {}
            c if c.is_whitespace() => {
                out.push(' ');
                column += 1;
            }
            c => {
                out.push(c);
                column += 1;
            }
        }
    }
    out
}

/// The gaps of two or more spaces between text on a line, as (first
/// column, width) in characters, not counting a gap after a sentence's end.
fn column_gaps(line: &str) -> Vec<(usize, usize)> {
    let chars: Vec<char> = line.chars().collect();
    let first = chars.iter().position(|&c| c != ' ').unwrap_or(chars.len());
    let mut gaps = Vec::new();
    let mut i = first;
    while i < chars.len() {
        if chars[i] != ' ' {
            i += 1;
            continue;
        }
        let start = i;
        while i < chars.len() && chars[i] == ' ' {
            i += 1;
        }
        let after_sentence = matches!(chars[start - 1], '.' | '!' | '?' | ':' | ';' | '"' | '”');
        if i - start >= 2 && i < chars.len() && !after_sentence {
            gaps.push((start, i - start));
        }
    }
    gaps
}

/// Gaps of this many spaces are a column's edge, not a writer's habit.
const WIDE_GAP: usize = 3;

/// Columns: gaps that stand one above another. Wide gaps need to on two
/// lines (with wide gaps on half the lines); two-space gaps, which
/// justified text and careless typing also make, on every line of three
/// or more.
fn aligned_columns(lines: &[&str]) -> bool {
    let gaps: Vec<Vec<(usize, usize)>> = lines.iter().map(|l| column_gaps(l)).collect();
    // How many lines have a gap (of at least `min` spaces) over each column.
    let shared = |min: usize| -> (usize, usize) {
        let mut per_column: std::collections::HashMap<usize, usize> = Default::default();
        let mut lines_with = 0;
        for g in &gaps {
            let mut any = false;
            for &(start, width) in g.iter().filter(|(_, w)| *w >= min) {
                any = true;
                for c in start..start + width {
                    *per_column.entry(c).or_default() += 1;
                }
            }
            lines_with += usize::from(any);
        }
        (lines_with, per_column.values().copied().max().unwrap_or(0))
    };
    let (wide_lines, wide_best) = shared(WIDE_GAP);
    if wide_lines >= 2 && wide_lines * 2 >= lines.len() && wide_best >= 2 {
        return true;
    }
    let (gapped, best) = shared(2);
    lines.len() >= 3 && gapped == lines.len() && best == lines.len()
}

fn short_figures(lines: &[&str]) -> bool {
    if lines.len() < 3 || lines.iter().any(|l| l.chars().count() > 50) {
        return false;
    }
    let figures = lines
        .iter()
        .filter(|l| {
            let shown = l.chars().filter(|c| !c.is_whitespace()).count();
            let digits = l.chars().filter(char::is_ascii_digit).count();
            shown > 0 && digits * 4 >= shown
        })
        .count();
    figures * 3 >= lines.len() * 2
}

fn is_list_item(line: &str) -> bool {
    if line.starts_with("- ") || line.starts_with("* ") || line.starts_with("• ") {
        return true;
    }
    let digits = line.bytes().take_while(u8::is_ascii_digit).count();
    digits > 0 && digits < 4 && line[digits..].starts_with(". ")
}

/// Folds runs of spaces, tabs and other horizontal whitespace into one space.
pub fn fold_spaces(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut in_space = false;
    for c in s.chars() {
        if c.is_whitespace() && c != '\n' {
            if !in_space {
                out.push(' ');
            }
            in_space = true;
        } else {
            out.push(c);
            in_space = false;
        }
    }
    out
}

/// Drops the stray dots scrapers leave: `center. .` becomes `center.` and
/// `desert .` becomes `desert.`. A dot counts as stray only when it stands
/// alone between spaces (or at the end); `...`, `3.5` and `U.S.` are words.
pub fn drop_stray_dots(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let bytes = s.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        let lone_dot = bytes[i] == b'.'
            && (i == 0 || bytes[i - 1] == b' ')
            && (i + 1 == bytes.len() || bytes[i + 1] == b' ' || bytes[i + 1] == b'\n');
        if lone_dot {
            let trimmed_len = out.trim_end_matches(' ').len();
            let prev = out[..trimmed_len].chars().last();
            match prev {
                // Already ended: the dot is noise.
                Some('.' | '!' | '?' | ',' | ';' | ':') | None => {
                    out.truncate(trimmed_len);
                }
                // `desert .`: the dot belongs to the word before it.
                Some(c) if c.is_alphanumeric() || matches!(c, ')' | '"' | '\'' | '”' | '’') => {
                    out.truncate(trimmed_len);
                    out.push('.');
                }
                Some(_) => out.push('.'),
            }
            i += 1;
            continue;
        }
        // Copy one whole character.
        let ch_len = utf8_len(bytes[i]);
        out.push_str(&s[i..i + ch_len]);
        i += ch_len;
    }
    // A removed dot may leave `word  next` or a trailing space.
    let folded = fold_spaces(&out);
    folded.trim().to_string()
}

fn utf8_len(first: u8) -> usize {
    match first {
        0x00..=0x7f => 1,
        0xc0..=0xdf => 2,
        0xe0..=0xef => 3,
        _ => 4,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decodes_named_and_numeric_entities() {
        assert_eq!(decode_entities("Tom &amp; Jerry"), "Tom & Jerry");
        assert_eq!(decode_entities("&quot;hi&quot;"), "\"hi\"");
        assert_eq!(decode_entities("it&#39;s &#x2014; ok"), "it's — ok");
        assert_eq!(decode_entities("caf&eacute;"), "café");
    }

    #[test]
    fn leaves_unknown_or_broken_references_alone() {
        assert_eq!(decode_entities("AT&T; R&D"), "AT&T; R&D");
        assert_eq!(
            decode_entities("&bogus; &#xZZ; &#0;"),
            "&bogus; &#xZZ; &#0;"
        );
        assert_eq!(decode_entities("a & b"), "a & b");
        assert_eq!(decode_entities("&#1114112;"), "&#1114112;");
    }

    #[test]
    fn repairs_entities_that_lost_their_ampersand() {
        assert_eq!(
            decode_entities("mercenary gains,quot; that support"),
            "mercenary gains\" that support"
        );
        assert_eq!(
            decode_entities("\"sleeping cells,quot; in"),
            "\"sleeping cells\" in"
        );
        assert_eq!(decode_entities("rock,amp; roll"), "rock& roll");
    }

    #[test]
    fn a_word_before_a_semicolon_is_not_an_entity() {
        // `quot;` after a space is a word, and words are never dropped.
        assert_eq!(decode_entities("he said quot; then"), "he said quot; then");
        assert_eq!(decode_entities("first; second"), "first; second");
    }

    #[test]
    fn drops_stray_dots() {
        assert_eq!(drop_stray_dots("the city center. ."), "the city center.");
        assert_eq!(drop_stray_dots("mainly desert ."), "mainly desert.");
        assert_eq!(
            drop_stray_dots("after a meeting. with the British"),
            "after a meeting. with the British"
        );
        assert_eq!(drop_stray_dots(". . Start"), "Start");
    }

    #[test]
    fn keeps_real_dots() {
        assert_eq!(drop_stray_dots("U.S. troops"), "U.S. troops");
        assert_eq!(drop_stray_dots("rose 3.5 percent"), "rose 3.5 percent");
        assert_eq!(drop_stray_dots("wait ... and see"), "wait ... and see");
    }

    #[test]
    fn folds_spaces() {
        assert_eq!(fold_spaces("a  b\t\tc \u{a0} d"), "a b c d");
    }

    #[test]
    fn keeps_paragraphs_and_joins_wrapped_lines() {
        let raw = "First line\nwrapped here.\n\n\n  Second   paragraph.\r\n\r\nThird.";
        assert_eq!(
            clean_body(raw),
            "First line wrapped here.\n\nSecond paragraph.\n\nThird."
        );
    }

    #[test]
    fn keeps_list_items_on_their_own_lines() {
        let raw = "Demands:\n- a ceasefire\n- talks\n1. first\n2. second";
        assert_eq!(
            clean_body(raw),
            "Demands:\n- a ceasefire\n- talks\n1. first\n2. second"
        );
    }

    #[test]
    fn never_drops_letters() {
        let raw = "Khalifa Haftar . said ,quot; things ; and &unknown; words .";
        let cleaned = clean_body(raw);
        let letters = |s: &str| s.chars().filter(|c| c.is_alphabetic()).count();
        // `quot` is the only run of letters allowed to go (it was markup).
        assert_eq!(letters(&cleaned), letters(raw) - 4);
    }

    #[test]
    fn tables_keep_their_lines_and_columns() {
        let raw = "Prices on Monday:\n\n\
                   \x20\x20             Close    Change\n\
                   \x20\x20Brent crude  65.20    +0.45\n\
                   \x20\x20WTI          59.10    -0.20\n\n\
                   Trading was thin.";
        assert_eq!(
            clean_body(raw),
            "Prices on Monday:\n\n\
             \x20\x20\x20\x20             Close    Change\n\
             \x20\x20\x20\x20Brent crude  65.20    +0.45\n\
             \x20\x20\x20\x20WTI          59.10    -0.20\n\n\
             Trading was thin."
        );
    }

    #[test]
    fn tabs_are_expanded_to_stops_of_eight() {
        let raw = "Team\tP\tPts\nLibya\t3\t7\nChad\t3\t4";
        assert_eq!(
            clean_body(raw),
            "    Team    P       Pts\n    Libya   3       7\n    Chad    3       4"
        );
    }

    #[test]
    fn short_lines_of_figures_are_kept() {
        let raw = "Barrels a day\n2018: 1,012,000\n2019: 1,228,000\n2020: 96,000";
        assert_eq!(
            clean_body(raw),
            "    Barrels a day\n    2018: 1,012,000\n    2019: 1,228,000\n    2020: 96,000"
        );
    }

    #[test]
    fn prose_with_double_spaces_is_still_joined() {
        // Two spaces after full stops, hard-wrapped: prose.
        let raw = "The forces entered Sirte.  They took\ncontrol of the port.  A spokesman\nsaid so on Monday.";
        assert_eq!(
            clean_body(raw),
            "The forces entered Sirte. They took control of the port. A spokesman said so on Monday."
        );
        // Justified text: gaps, two of them lined up by chance.
        let raw = "The  forces of the general  said on\nMonday they had entered the  city,\ntaking control of  large parts of it.";
        assert_eq!(preformatted(raw), None);
        // Short lines without figures (a poem, an address) are joined as before.
        assert_eq!(
            preformatted("Roses are red\nviolets are blue\nsugar is sweet"),
            None
        );
        // A compact table: two-space gaps, lined up on every line.
        assert!(
            preformatted("Brent  65.20  +0.45\nWTI    59.10  -0.20\nUrals  61.00  +0.10").is_some()
        );
        // One line is never a table.
        assert_eq!(preformatted("Close    Change"), None);
    }

    #[test]
    fn clean_line_folds_newlines() {
        assert_eq!(clean_line("  A\n title &amp; more "), "A title & more");
    }
}

//! HTML in report fields (scraped bodies, feed content) turned into the
//! plain text the cleanup works on.

/// Whether a field holds HTML markup rather than plain text.
pub fn looks_like_html(s: &str) -> bool {
    s.contains("</") || s.contains("<p") || s.contains("<br") || s.contains("<div")
}

/// HTML to text: block elements become paragraph breaks, `<br>` a line
/// break, other tags vanish, `script` and `style` contents are dropped.
/// Entities are left for the cleanup to decode.
pub fn html_to_text(html: &str) -> String {
    const BLOCKS: &[&str] = &[
        "p",
        "div",
        "li",
        "ul",
        "ol",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "tr",
        "table",
        "blockquote",
        "section",
        "article",
        "header",
        "footer",
        "figure",
        "figcaption",
        "pre",
    ];
    let mut out = String::with_capacity(html.len());
    let mut rest = html;
    while let Some(lt) = rest.find('<') {
        out.push_str(&rest[..lt]);
        let after = &rest[lt + 1..];
        let Some(gt) = after.find('>') else {
            out.push_str(&rest[lt..]);
            rest = "";
            break;
        };
        let tag = &after[..gt];
        let name: String = tag
            .trim_start_matches('/')
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric())
            .collect::<String>()
            .to_ascii_lowercase();
        rest = &after[gt + 1..];
        if name.is_empty() && !tag.starts_with('!') && !tag.starts_with('/') {
            // `a < b > c`: not a tag.
            out.push('<');
            out.push_str(tag);
            out.push('>');
            continue;
        }
        if (name == "script" || name == "style") && !tag.starts_with('/') {
            let close = format!("</{name}");
            rest = match rest.to_ascii_lowercase().find(&close) {
                Some(p) => rest[p..].split_once('>').map(|(_, r)| r).unwrap_or(""),
                None => "",
            };
            continue;
        }
        if name == "br" {
            out.push('\n');
        } else if BLOCKS.contains(&name.as_str()) {
            out.push_str("\n\n");
        }
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn html_to_text_keeps_words() {
        assert_eq!(
            html_to_text("<div>a<br>b</div><script>x()</script><p>c &lt; d</p> 1 < 2"),
            "\n\na\nb\n\n\n\nc &lt; d\n\n 1 < 2"
        );
    }
}

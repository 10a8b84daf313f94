//! Property tests: arbitrary bytes and Unicode through the parser, the
//! cleanup, the sentence splitter, the tokenizer and the extractor. Nothing
//! panics, every offset is valid, cleanup never drops letters.

use std::path::Path;

use lede::corpus::cleanup::{clean_body, decode_entities};
use lede::corpus::formats::parse;
use lede::corpus::load::decode;
use lede::corpus::sentences::sentences;
use lede::entities::Extractor;
use lede::entities::tokens::tokenize;
use proptest::prelude::*;

/// Text that looks like reports, with the damage reports carry: entities,
/// mangled entities, stray dots, quotes, control characters, wide and
/// combining characters, right-to-left text and zero-width joiners.
fn reportish() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        Just("Khalifa Haftar".to_string()),
        Just("the LNA".to_string()),
        Just("Libyan National Army (LNA)".to_string()),
        Just(" date 2020-01-06 ".to_string()),
        Just("on Monday".to_string()),
        Just("since April".to_string()),
        Just("&amp;".to_string()),
        Just("&quot;".to_string()),
        Just(",quot;".to_string()),
        Just("&#x1F600;".to_string()),
        Just(" . ".to_string()),
        Just(". .".to_string()),
        Just("\n\n".to_string()),
        Just("\n".to_string()),
        Just("\"".to_string()),
        Just("U.S.".to_string()),
        Just("Mr.".to_string()),
        Just("\u{1b}[2J".to_string()),
        Just("\u{1b}]52;c;aGk=\u{7}".to_string()),
        Just("東京".to_string()),
        Just("e\u{301}".to_string()),
        Just("👩\u{200d}💻".to_string()),
        Just("مرحبا".to_string()),
        Just("\u{200b}".to_string()),
        Just("\t".to_string()),
        "[a-zA-Z ,.;:'\"()-]{0,12}",
        any::<String>(),
    ];
    prop::collection::vec(piece, 0..24).prop_map(|v| v.concat())
}

fn letters(s: &str) -> String {
    s.chars().filter(|c| c.is_alphabetic()).collect()
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 400, ..ProptestConfig::default() })]

    #[test]
    fn parsing_arbitrary_bytes_never_panics(bytes in prop::collection::vec(any::<u8>(), 0..600)) {
        if let Ok((text, _)) = decode(&bytes) {
            for name in ["x.txt", "x.md", "x.jsonl", "x.json", "x"] {
                let parsed = parse(Path::new(name), "x", &text);
                for a in parsed.articles {
                    prop_assert!(!a.id.is_empty());
                    prop_assert!(!a.body.contains("\n\n\n"));
                }
            }
        }
    }

    #[test]
    fn parsing_reportish_text_never_panics(text in reportish()) {
        for name in ["x.txt", "x.md", "x.jsonl"] {
            let _ = parse(Path::new(name), "x", &text);
        }
    }

    #[test]
    fn cleanup_never_drops_letters(text in reportish()) {
        // Only decoding references may remove letters (`&amp;` is markup);
        // everything after it keeps every letter, in order.
        prop_assert_eq!(letters(&clean_body(&text)), letters(&decode_entities(&text)));
    }

    #[test]
    fn text_without_references_decodes_to_itself(text in "[^&;]{0,200}") {
        prop_assert_eq!(decode_entities(&text), text);
    }

    #[test]
    fn sentences_and_tokens_stay_on_character_boundaries(text in reportish()) {
        let mut last = 0;
        for r in sentences(&text) {
            prop_assert!(r.start >= last && r.start < r.end && r.end <= text.len());
            prop_assert!(text.is_char_boundary(r.start) && text.is_char_boundary(r.end));
            last = r.end;
        }
        let mut last = 0;
        for t in tokenize(&text) {
            let (s, e) = (t.start as usize, t.end as usize);
            prop_assert!(s >= last && s < e && e <= text.len());
            prop_assert!(text.is_char_boundary(s) && text.is_char_boundary(e));
            last = e;
        }
    }

    #[test]
    fn extraction_gives_valid_ordered_mentions(text in reportish(), dated in any::<bool>()) {
        let body = clean_body(&text);
        let date = dated.then(|| chrono::NaiveDate::from_ymd_opt(2020, 1, 7).unwrap());
        let found = Extractor::new().extract(&body, date);
        let mut last = 0u32;
        for m in &found.mentions {
            prop_assert!(m.start >= last && m.start < m.end);
            prop_assert!((m.end as usize) <= body.len());
            prop_assert!(body.is_char_boundary(m.start as usize));
            prop_assert!(body.is_char_boundary(m.end as usize));
            prop_assert!((m.entity as usize) < found.entities.len());
            // Paragraphs end sentences, and no name or date crosses one.
            let text = &body[m.start as usize..m.end as usize];
            prop_assert!(!text.contains("\n\n"), "{text:?} crosses a paragraph");
            last = m.end;
        }
    }
}

//! Arbitrary bytes through decoding, every parser, cleanup and extraction:
//! no panic, and every mention's offsets lie on character boundaries of
//! the body, in order.
#![no_main]

use std::path::Path;

use libfuzzer_sys::fuzz_target;
use lede::corpus::formats::parse;
use lede::corpus::load::decode;
use lede::entities::Extractor;

fuzz_target!(|data: &[u8]| {
    let Ok((text, _)) = decode(data) else {
        return;
    };
    let extractor = Extractor::new();
    for name in ["f.txt", "f.md", "f.jsonl", "f.json"] {
        for a in parse(Path::new(name), "f", &text).articles {
            let found = extractor.extract(&a.body, a.date);
            let mut last = 0;
            for m in &found.mentions {
                let (s, e) = (m.start as usize, m.end as usize);
                assert!(s >= last && s < e && e <= a.body.len());
                assert!(a.body.is_char_boundary(s) && a.body.is_char_boundary(e));
                assert!((m.entity as usize) < found.entities.len());
                last = e;
            }
        }
    }
});

//! Arbitrary bytes as a filter query: parsing never panics, and a query
//! that parses can be prepared and applied to an article.
#![no_main]

use libfuzzer_sys::fuzz_target;
use lede::app::query::Query;
use lede::app::matching::{Facts, Prepared};
use lede::resolve::EntityTable;

fuzz_target!(|data: &[u8]| {
    let Ok(s) = std::str::from_utf8(data) else {
        return;
    };
    if let Ok(q) = Query::parse(s) {
        let table = EntityTable::default();
        let p = Prepared::new(q, &table, None);
        let tags = ["libya".to_string()];
        for (read, starred) in [(false, false), (true, true)] {
            let _ = p.verdict(&Facts {
                article: 0,
                title: "Haftar forces enter Sirte",
                date: None,
                body: Some("A body."),
                surfaces: &[],
                read,
                source: Some("Al Jazeera"),
                path: std::path::Path::new("https://example.com/feed"),
                tags: &tags,
                starred,
            });
        }
    }
});

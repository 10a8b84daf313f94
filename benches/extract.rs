//! Extraction speed, single-threaded: the whole pipeline of
//! `Extractor::extract` (tokens, tagger, rules, dates, linking), reported
//! as tokens/s and bytes/s, on the bundled sample articles (ordinary
//! news) and on one long article that repeats the same few names in
//! thousands of short paragraphs (work per mention must not grow with the
//! number of mentions).
//!
//! `cargo bench --bench extract`

use divan::counter::{BytesCount, ItemsCount};
use divan::{Bencher, black_box};
use lede::corpus::bundled;
use lede::entities::Extractor;
use lede::entities::tokens::tokenize;

fn main() {
    divan::main();
}

#[divan::bench]
fn extract_articles(bencher: Bencher) {
    let articles = bundled::sample().articles;
    let extractor = Extractor::new();
    // Load the model and gazetteers outside the timed loop.
    extractor.extract(&articles[0].body, articles[0].date);
    let tokens: usize = articles.iter().map(|a| tokenize(&a.body).len()).sum();
    let bytes: usize = articles.iter().map(|a| a.body.len()).sum();
    bencher
        .counter(ItemsCount::new(tokens))
        .counter(BytesCount::new(bytes))
        .bench(|| {
            for a in &articles {
                black_box(extractor.extract(black_box(&a.body), a.date));
            }
        });
}

/// One article of 10,000 short paragraphs naming the same three entities
/// (about 300 KB, 60,000 tokens, 30,000 mentions of three entities).
#[divan::bench(sample_count = 10)]
fn extract_repeated_names(bencher: Bencher) {
    let body = "Haftar met Erdogan in Ankara.\n\n".repeat(10_000);
    let extractor = Extractor::new();
    extractor.extract("Haftar met Erdogan in Ankara.", None);
    bencher
        .counter(ItemsCount::new(tokenize(&body).len()))
        .counter(BytesCount::new(body.len()))
        .bench(|| black_box(extractor.extract(black_box(&body), None)));
}

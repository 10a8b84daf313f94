//! Extraction speed, single-threaded: the whole pipeline of
//! `Extractor::extract` (tokens, tagger, rules, dates, linking) on the
//! bundled sample articles, reported as tokens/s and bytes/s.
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

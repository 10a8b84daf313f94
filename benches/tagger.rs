//! Tagging speed: features, scoring and decoding of the named-entity tagger
//! on the bundled sample articles (tokenised and split into sentences
//! beforehand), reported as tokens/s and bytes/s.
//!
//! `cargo bench --bench tagger`

use divan::counter::{BytesCount, ItemsCount};
use divan::{Bencher, black_box};
use lede::corpus::bundled;
use lede::entities::tagger::Tagger;
use lede::entities::tokens::{sentence_spans, tokenize};

fn main() {
    divan::main();
}

/// The sample bodies, each as sentences of token texts.
fn documents(bodies: &[String]) -> Vec<Vec<Vec<&str>>> {
    bodies
        .iter()
        .map(|body| {
            let tokens = tokenize(body);
            sentence_spans(body, &tokens)
                .into_iter()
                .map(|r| tokens[r].iter().map(|t| t.text(body)).collect())
                .collect()
        })
        .collect()
}

#[divan::bench]
fn tag_documents(bencher: Bencher) {
    let bodies: Vec<String> = bundled::sample()
        .articles
        .into_iter()
        .map(|a| a.body)
        .collect();
    let docs = documents(&bodies);
    let tagger = Tagger::embedded();
    // Load the gazetteer outside the timed loop.
    tagger.tag_document(&docs[0]);
    let tokens: usize = docs.iter().flatten().map(Vec::len).sum();
    let bytes: usize = docs.iter().flatten().flatten().map(|w| w.len() + 1).sum();
    bencher
        .counter(ItemsCount::new(tokens))
        .counter(BytesCount::new(bytes))
        .bench(|| {
            for d in &docs {
                black_box(tagger.tag_document(black_box(d)));
            }
        });
}

#[divan::bench]
fn load_model() -> Tagger {
    Tagger::from_bytes(black_box(include_bytes!("../assets/ner.model"))).unwrap()
}

//! Training: a greedy averaged perceptron. Each token is tagged with the
//! current weights, given the tags already predicted before it (as at
//! inference); when the prediction is wrong, the gold tag's weights of the
//! token's features go up by one and the predicted tag's go down by one.
//! The model kept is the average of the weights over every step.
//!
//! Deterministic: documents are visited in an order shuffled by a seeded
//! generator, weights live in maps that are never iterated for output
//! without sorting, so the same data, epochs and seed give the same bytes.

use std::time::Instant;

use super::conll::LabeledDocument;
use super::model::Model;
use super::{
    NT, START, Scratch, TagSpan, Tagger, Weights, choose, class, encode, remembered,
    tag_document_with,
};
use crate::entities::features::{
    DocInfo, FxHashMap, INIT_CAP, TokInfo, dynamic_features, prepare, static_features,
};
use crate::entities::gazetteer::Gazetteer;

/// Averaged weights below this (in perceptron update units) are dropped
/// from the shipped model.
pub const DEFAULT_PRUNE: f32 = 0.05;

struct Sentence {
    toks: Vec<TokInfo>,
    /// Static features of token `i`: `feats[offs[i]..offs[i + 1]]`.
    offs: Vec<u32>,
    feats: Vec<u32>,
    gold: Vec<u8>,
}

/// What one epoch did.
#[derive(Clone, Copy, Debug)]
pub struct EpochStats {
    pub epoch: usize,
    pub tokens: usize,
    /// Tokens whose predicted tag was wrong (before the update).
    pub errors: usize,
    pub seconds: f64,
}

/// An averaged perceptron being trained. Features are computed once, when
/// it is made; each [`Trainer::epoch`] is one pass over the documents.
pub struct Trainer {
    docs: Vec<Vec<Sentence>>,
    index: FxHashMap<u32, u32>,
    w: Vec<[f32; NT]>,
    /// Sum over updates of `step * delta`, for averaging.
    u: Vec<[f64; NT]>,
    step: u64,
    epoch: usize,
    rng: u64,
}

impl Trainer {
    pub fn new(docs: &[LabeledDocument], seed: u64) -> Trainer {
        let gaz = Gazetteer::embedded();
        let docs = docs
            .iter()
            .map(|doc| {
                let words: Vec<Vec<&str>> = doc
                    .iter()
                    .map(|s| s.tokens.iter().map(String::as_str).collect())
                    .collect();
                let info = DocInfo::new(words.iter().map(Vec::as_slice));
                doc.iter()
                    .zip(&words)
                    .map(|(s, words)| {
                        let mut toks = Vec::new();
                        prepare(words, &info, gaz, &mut toks);
                        let mut offs = vec![0u32];
                        let mut feats = Vec::new();
                        for i in 0..toks.len() {
                            static_features(&toks, i, |f| feats.push(f));
                            offs.push(feats.len() as u32);
                        }
                        Sentence {
                            gold: encode(toks.len(), &s.entities),
                            toks,
                            offs,
                            feats,
                        }
                    })
                    .collect()
            })
            .collect();
        Trainer {
            docs,
            index: FxHashMap::default(),
            w: Vec::new(),
            u: Vec::new(),
            step: 1,
            epoch: 0,
            rng: seed ^ 0x9e37_79b9_7f4a_7c15,
        }
    }

    /// One pass over the training documents, in a freshly shuffled order.
    pub fn epoch(&mut self) -> EpochStats {
        let started = Instant::now();
        let mut order: Vec<usize> = (0..self.docs.len()).collect();
        for i in (1..order.len()).rev() {
            let j = (splitmix(&mut self.rng) % (i as u64 + 1)) as usize;
            order.swap(i, j);
        }
        let (mut tokens, mut errors) = (0, 0);
        let mut memory: FxHashMap<u64, u8> = FxHashMap::default();
        let mut feats: Vec<u32> = Vec::new();
        let docs = std::mem::take(&mut self.docs);
        for &d in &order {
            memory.clear();
            for s in &docs[d] {
                let (mut prev, mut prev2) = (START, START);
                let n = s.toks.len();
                for i in 0..n {
                    let t = &s.toks[i];
                    feats.clear();
                    feats.extend_from_slice(&s.feats[s.offs[i] as usize..s.offs[i + 1] as usize]);
                    dynamic_features(t, prev, prev2, remembered(&memory, t), |f| feats.push(f));
                    let mut acc = [0f32; NT];
                    for &f in &feats {
                        if let Some(&r) = self.index.get(&f) {
                            for (a, w) in acc.iter_mut().zip(&self.w[r as usize]) {
                                *a += w;
                            }
                        }
                    }
                    let (pred, _) = choose(&acc, prev, i + 1 == n);
                    let gold = s.gold[i];
                    if pred != gold {
                        errors += 1;
                        self.update(&feats, gold, pred);
                    }
                    self.step += 1;
                    tokens += 1;
                    if t.flags & INIT_CAP != 0 {
                        memory.insert(t.lower, class(pred));
                    }
                    prev2 = prev;
                    prev = pred;
                }
            }
        }
        self.docs = docs;
        self.epoch += 1;
        EpochStats {
            epoch: self.epoch,
            tokens,
            errors,
            seconds: started.elapsed().as_secs_f64(),
        }
    }

    fn update(&mut self, feats: &[u32], gold: u8, pred: u8) {
        let c = self.step as f64;
        for &f in feats {
            let next = self.w.len() as u32;
            let r = *self.index.entry(f).or_insert(next) as usize;
            if r == self.w.len() {
                self.w.push([0.0; NT]);
                self.u.push([0.0; NT]);
            }
            self.w[r][gold as usize] += 1.0;
            self.u[r][gold as usize] += c;
            self.w[r][pred as usize] -= 1.0;
            self.u[r][pred as usize] -= c;
        }
    }

    /// The averaged weights, by feature id, sorted.
    fn averaged(&self) -> Vec<(u32, [f32; NT])> {
        let c = self.step as f64;
        let mut rows: Vec<(u32, [f32; NT])> = self
            .index
            .iter()
            .map(|(&f, &r)| {
                let (w, u) = (&self.w[r as usize], &self.u[r as usize]);
                let mut avg = [0f32; NT];
                for t in 0..NT {
                    avg[t] = (w[t] as f64 - u[t] / c) as f32;
                }
                (f, avg)
            })
            .collect();
        rows.sort_unstable_by_key(|r| r.0);
        rows
    }

    /// The averaged model in floating point, before pruning and
    /// quantisation (to measure what they cost).
    pub fn float_model(&self) -> FloatModel {
        FloatModel {
            rows: self.averaged().into_iter().collect(),
        }
    }

    /// The averaged model, with weights smaller than `prune` dropped and
    /// the rest quantised to `i16`.
    pub fn model(&self, prune: f32) -> Tagger {
        let rows = self.averaged();
        let max = rows
            .iter()
            .flat_map(|r| r.1.iter())
            .fold(0f32, |m, w| m.max(w.abs()));
        let scale = if max > 0.0 {
            max / i16::MAX as f32
        } else {
            1.0
        };
        let quantised = rows
            .into_iter()
            .map(|(f, row)| {
                let q = row.map(|w| {
                    if w.abs() < prune {
                        0
                    } else {
                        (w / scale).round().clamp(i16::MIN as f32, i16::MAX as f32) as i16
                    }
                });
                (f, q)
            })
            .collect();
        Tagger::from_model(Model::new(quantised, scale))
    }
}

/// Averaged floating-point weights (see [`Trainer::float_model`]).
pub struct FloatModel {
    rows: FxHashMap<u32, [f32; NT]>,
}

impl Weights for FloatModel {
    type Acc = [f32; NT];

    fn add(&self, feature: u32, acc: &mut [f32; NT]) {
        if let Some(row) = self.rows.get(&feature) {
            for (a, w) in acc.iter_mut().zip(row) {
                *a += w;
            }
        }
    }

    fn scores(&self, acc: &[f32; NT]) -> [f32; NT] {
        *acc
    }
}

impl FloatModel {
    pub fn tag_document(&self, sentences: &[Vec<&str>]) -> Vec<Vec<TagSpan>> {
        tag_document_with(
            self,
            Gazetteer::embedded(),
            sentences,
            &mut Scratch::default(),
        )
    }
}

/// Trains a tagger on `docs` for `epochs` passes; deterministic for a
/// given `seed`.
pub fn train(docs: &[LabeledDocument], epochs: usize, seed: u64) -> Tagger {
    let mut t = Trainer::new(docs, seed);
    for _ in 0..epochs {
        t.epoch();
    }
    t.model(DEFAULT_PRUNE)
}

fn splitmix(state: &mut u64) -> u64 {
    *state = state.wrapping_add(0x9e37_79b9_7f4a_7c15);
    let mut z = *state;
    z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    z ^ (z >> 31)
}

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
use super::decode::{self, FirstPass, Memory, Pass, Step};
use super::model::Model;
use super::{NT, Scratch, TagSpan, Tagger, Weights, choose, encode, tag_document_with};
use crate::base::hash::FxHashMap;
use crate::entities::features::{
    DocInfo, Lexicon, TokInfo, dynamic_features, prepare, static_features,
};
use crate::entities::gazetteer::Gazetteer;

/// Averaged weights below this (in perceptron update units) are dropped
/// from the shipped model.
pub const DEFAULT_PRUNE: f32 = 0.5;

/// Folds for [`Trainer::jackknife`].
pub const DEFAULT_FOLDS: usize = 5;

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
    /// Per document, the tags its context features are computed from:
    /// predictions of models that never saw it ([`Trainer::jackknife`]);
    /// `None` to use the model's own predictions as it trains.
    context: Option<Vec<Vec<u8>>>,
    lexicon: Lexicon,
}

impl Trainer {
    /// Computes the features of `docs`; `lexicon` (possibly empty) becomes
    /// part of the model.
    pub fn new(docs: &[LabeledDocument], seed: u64, lexicon: &Lexicon) -> Trainer {
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
                        prepare(words, &info, gaz, lexicon, &mut toks);
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
            context: None,
            lexicon: lexicon.clone(),
        }
    }

    /// Makes the document context honest: splits `docs` (the documents
    /// this trainer was made from) into `folds`, trains a model on all
    /// but each fold for `epochs`, and keeps its predictions for the fold
    /// as the tags that document-context features are computed from while
    /// training. Without it the context comes from predictions on
    /// documents the model has already learned, which are right far more
    /// often than on new text, and the model learns to trust it blindly.
    pub fn jackknife(
        &mut self,
        docs: &[LabeledDocument],
        folds: usize,
        epochs: usize,
        mut progress: impl FnMut(usize),
    ) {
        assert_eq!(docs.len(), self.docs.len(), "the trainer's documents");
        let folds = folds.max(2);
        let mut order: Vec<usize> = (0..docs.len()).collect();
        let mut rng = self.rng ^ 0x5151;
        for i in (1..order.len()).rev() {
            let j = (splitmix(&mut rng) % (i as u64 + 1)) as usize;
            order.swap(i, j);
        }
        let mut fold_of = vec![0; docs.len()];
        for (k, &d) in order.iter().enumerate() {
            fold_of[d] = k % folds;
        }
        let mut context = vec![Vec::new(); docs.len()];
        for fold in 0..folds {
            let train: Vec<LabeledDocument> = (0..docs.len())
                .filter(|&d| fold_of[d] != fold)
                .map(|d| docs[d].clone())
                .collect();
            let mut t = Trainer::new(&train, splitmix(&mut rng), &self.lexicon);
            for _ in 0..epochs {
                t.epoch();
            }
            let model = t.float_model();
            for d in (0..docs.len()).filter(|&d| fold_of[d] == fold) {
                let words: Vec<Vec<&str>> = docs[d]
                    .iter()
                    .map(|s| s.tokens.iter().map(String::as_str).collect())
                    .collect();
                for (s, spans) in docs[d].iter().zip(model.tag_document(&words)) {
                    let spans: Vec<_> = spans.iter().map(|t| (t.start, t.end, t.kind)).collect();
                    context[d].extend(encode(s.tokens.len(), &spans));
                }
            }
            progress(fold + 1);
        }
        self.context = Some(context);
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
        let mut memory = Memory::default();
        let mut feats: Vec<u32> = Vec::new();
        let docs = std::mem::take(&mut self.docs);
        let context = self.context.take();
        for &d in &order {
            // With given context, each document is learned once per epoch,
            // as the first pass or (as often) the second would see it.
            let (first, second) = match context.as_ref().map(|c| c[d].as_slice()) {
                None => (FirstPass::Tag, true),
                Some(given) if splitmix(&mut self.rng) & 1 == 1 => {
                    (FirstPass::Remember(given), true)
                }
                Some(given) => (FirstPass::TagRemembering(given), false),
            };
            let sentences = &docs[d];
            decode::two_passes(
                sentences.iter().map(|s| s.toks.as_slice()),
                &mut memory,
                first,
                second,
                |step| {
                    let s = &sentences[step.sentence];
                    let (pred, wrong) = self.learn(s, step, &mut feats);
                    // Errors count in the pass the document is learned in.
                    if step.pass == Pass::Second || !second {
                        errors += wrong as usize;
                        tokens += 1;
                    }
                    pred
                },
            );
        }
        self.context = context;
        self.docs = docs;
        self.epoch += 1;
        EpochStats {
            epoch: self.epoch,
            tokens,
            errors,
            seconds: started.elapsed().as_secs_f64(),
        }
    }

    /// Tags a token of `s` given the previous tags and the document
    /// context, and updates the weights if the tag is wrong. Returns the
    /// predicted tag and whether it was wrong.
    fn learn(&mut self, s: &Sentence, step: Step, feats: &mut Vec<u32>) -> (u8, bool) {
        let i = step.index;
        feats.clear();
        feats.extend_from_slice(&s.feats[s.offs[i] as usize..s.offs[i + 1] as usize]);
        dynamic_features(step.token, step.prev, step.prev2, step.context, |f| {
            feats.push(f)
        });
        let mut acc = [0f32; NT];
        for f in feats.iter() {
            if let Some(&r) = self.index.get(f) {
                for (a, w) in acc.iter_mut().zip(&self.w[r as usize]) {
                    *a += w;
                }
            }
        }
        let (pred, _) = choose(&acc, step.prev, step.last);
        let gold = s.gold[i];
        if pred != gold {
            self.update(feats, gold, pred);
        }
        self.step += 1;
        (pred, pred != gold)
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
            lexicon: self.lexicon.clone(),
        }
    }

    /// The averaged model, with weights smaller than `prune` dropped and
    /// the rest quantised to `i16`.
    pub fn model(&self, prune: f32) -> Tagger {
        quantise(self.averaged(), prune, &self.lexicon)
    }
}

/// The mean of several trainers' averaged models (trained with different
/// seeds on the same documents and lexicon), pruned and quantised like
/// [`Trainer::model`].
pub fn ensemble(trainers: &[Trainer], prune: f32) -> Tagger {
    let lexicon = trainers
        .first()
        .map(|t| t.lexicon.clone())
        .unwrap_or_default();
    quantise(mean_rows(trainers), prune, &lexicon)
}

/// [`ensemble`] in floating point, before pruning and quantisation.
pub fn ensemble_float(trainers: &[Trainer]) -> FloatModel {
    FloatModel {
        rows: mean_rows(trainers).into_iter().collect(),
        lexicon: trainers
            .first()
            .map(|t| t.lexicon.clone())
            .unwrap_or_default(),
    }
}

/// The mean of the trainers' averaged weights, by feature id, sorted.
fn mean_rows(trainers: &[Trainer]) -> Vec<(u32, [f32; NT])> {
    let mut sum: FxHashMap<u32, [f32; NT]> = FxHashMap::default();
    for t in trainers {
        for (f, row) in t.averaged() {
            let s = sum.entry(f).or_insert([0.0; NT]);
            for (a, w) in s.iter_mut().zip(row) {
                *a += w;
            }
        }
    }
    let n = trainers.len().max(1) as f32;
    let mut rows: Vec<(u32, [f32; NT])> = sum
        .into_iter()
        .map(|(f, row)| (f, row.map(|w| w / n)))
        .collect();
    rows.sort_unstable_by_key(|r| r.0);
    rows
}

fn quantise(rows: Vec<(u32, [f32; NT])>, prune: f32, lexicon: &Lexicon) -> Tagger {
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
    Tagger::from_model(Model::new(quantised, scale, lexicon.clone()))
}

/// Averaged floating-point weights (see [`Trainer::float_model`]).
pub struct FloatModel {
    rows: FxHashMap<u32, [f32; NT]>,
    lexicon: Lexicon,
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

    fn lexicon(&self) -> &Lexicon {
        &self.lexicon
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

/// How [`train`] trains; the defaults make the shipped model.
#[derive(Clone, Debug, PartialEq)]
pub struct TrainOptions {
    /// Passes over the training documents.
    pub epochs: usize,
    /// Seeds the order documents are visited in, and the folds.
    pub seed: u64,
    /// Averaged weights smaller than this are dropped ([`Trainer::model`]).
    pub prune: f32,
    /// Folds and epochs per fold for [`Trainer::jackknife`]; `folds < 2`
    /// learns document context from the model's own predictions instead.
    pub folds: usize,
    pub fold_epochs: usize,
    /// Models trained with seeds `seed, seed + 1, ...` and averaged.
    pub ensemble: usize,
}

impl Default for TrainOptions {
    fn default() -> Self {
        TrainOptions {
            epochs: 12,
            seed: 2003,
            prune: DEFAULT_PRUNE,
            folds: DEFAULT_FOLDS,
            fold_epochs: 8,
            ensemble: 5,
        }
    }
}

/// Trains a tagger on `docs`, with jackknifed document context and the
/// given lexicon; deterministic: the same input and options give the same
/// model bytes.
pub fn train(docs: &[LabeledDocument], lexicon: &Lexicon, opts: &TrainOptions) -> Tagger {
    let members: Vec<Trainer> = (0..opts.ensemble.max(1) as u64)
        .map(|k| {
            let mut t = Trainer::new(docs, opts.seed.wrapping_add(k), lexicon);
            if opts.folds > 1 {
                t.jackknife(docs, opts.folds, opts.fold_epochs, |_| {});
            }
            for _ in 0..opts.epochs {
                t.epoch();
            }
            t
        })
        .collect();
    ensemble(&members, opts.prune)
}

fn splitmix(state: &mut u64) -> u64 {
    *state = state.wrapping_add(0x9e37_79b9_7f4a_7c15);
    let mut z = *state;
    z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    z ^ (z >> 31)
}

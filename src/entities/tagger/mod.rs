//! The learned named-entity tagger: greedy, left-to-right averaged
//! perceptrons over BILOU tags (`B`egin, `I`nside, `L`ast, `U`nit, per
//! type, and `O`), with hashed sparse features ([`super::features`]):
//! word, shape, affixes, capitalisation, neighbours at -2..+2, gazetteer
//! matches, an English lexicon, the two previous tags, and document
//! context. A document is tagged in two passes: the first knows what the
//! same word got earlier in the article, the second what its other
//! occurrences got in the first (while training, that context comes from
//! models that never saw the document: see [`Trainer::jackknife`]).
//!
//! The shipped model (`assets/ner.model`) is the mean of five such models
//! trained on CoNLL-2003 English by `examples/train_ner.rs`; its weights
//! are pruned and quantised to `i16` (`model.rs` describes the file
//! format). Scores are sums of `i16` rows looked up in an open-addressing
//! table: no allocation per feature, static features scored once per
//! token and shared by both passes.

pub mod conll;
mod decode;
mod model;
mod train;

use std::sync::OnceLock;

pub use model::ModelError;
pub use train::{
    DEFAULT_FOLDS, DEFAULT_PRUNE, EpochStats, FloatModel, TrainOptions, Trainer, ensemble,
    ensemble_float, train,
};

use self::decode::{FirstPass, Memory, Pass};
use super::features::{
    Context, DocInfo, Lexicon, TokInfo, context_features, dynamic_features, own_features, own_key,
    prepare,
};
use super::gazetteer::Gazetteer;
use super::kind::Kind;
use crate::base::hash::FxHashMap;

/// Number of tags: `O`, then `B`, `I`, `L`, `U` for each of the four types.
pub const NT: usize = 17;

/// The "previous tag" before a sentence's first token.
const START: u8 = NT as u8;

/// The entity types the tagger knows, in tag order.
pub const KINDS: [Kind; 4] = [Kind::Person, Kind::Organization, Kind::Location, Kind::Misc];

const B: u8 = 0;
const I: u8 = 1;
const L: u8 = 2;
const U: u8 = 3;

#[inline]
fn tag(kind: usize, pos: u8) -> u8 {
    1 + 4 * kind as u8 + pos
}

/// `(kind index, position)` of a tag other than `O`.
#[inline]
fn split(tag: u8) -> Option<(usize, u8)> {
    (tag != 0 && tag < NT as u8).then(|| (((tag - 1) / 4) as usize, (tag - 1) % 4))
}

/// The type class (0 for `O`, 1..=4) of a tag, as document memory keeps it.
#[inline]
fn class(tag: u8) -> u8 {
    split(tag).map_or(0, |(k, _)| k as u8 + 1)
}

/// Whether `cur` may follow `prev` (`START` at a sentence start).
#[inline]
fn allowed(prev: u8, cur: u8) -> bool {
    match split(prev) {
        Some((k, B | I)) => matches!(split(cur), Some((k2, I | L)) if k2 == k),
        _ => !matches!(split(cur), Some((_, I | L))),
    }
}

/// BILOU tags of a sentence of `n` tokens with the given entities.
fn encode(n: usize, entities: &[(usize, usize, Kind)]) -> Vec<u8> {
    let mut tags = vec![0u8; n];
    for &(s, e, kind) in entities {
        let Some(k) = KINDS.iter().position(|&x| x == kind) else {
            continue;
        };
        if s >= e || e > n {
            continue;
        }
        if e - s == 1 {
            tags[s] = tag(k, U);
        } else {
            tags[s] = tag(k, B);
            for t in &mut tags[s + 1..e - 1] {
                *t = tag(k, I);
            }
            tags[e - 1] = tag(k, L);
        }
    }
    tags
}

/// An entity the tagger found in a sentence.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct TagSpan {
    /// Token indices into the sentence, end exclusive.
    pub start: usize,
    pub end: usize,
    pub kind: Kind,
    /// Confidence: the mean, over the span's tokens, of the margin between
    /// the chosen tag's score and the best other allowed tag's score.
    /// In the model's weight units: zero is a coin toss, larger is surer.
    pub score: f32,
}

/// An entity found in a text, as byte offsets into it.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct TextSpan {
    pub start: usize,
    pub end: usize,
    pub kind: Kind,
    /// As [`TagSpan::score`].
    pub score: f32,
}

/// A source of feature weights: the quantised shipped model, or the
/// floating-point weights of a model being trained.
pub(crate) trait Weights {
    type Acc: Copy + Default;
    fn add(&self, feature: u32, acc: &mut Self::Acc);
    fn scores(&self, acc: &Self::Acc) -> [f32; NT];
    fn lexicon(&self) -> &Lexicon;
}

/// Reusable buffers for tagging documents.
#[derive(Default)]
pub(crate) struct Scratch {
    toks: Vec<TokInfo>,
    sentence: Vec<TokInfo>,
    memory: Memory,
    /// Second-pass tags and margins of every token of the document.
    chosen: Vec<(u8, f32)>,
}

/// Tags one document with any weights, in the two greedy passes of
/// [`decode::two_passes`], each token choosing the best tag allowed after
/// the previous one.
pub(crate) fn tag_document_with<W: Weights>(
    w: &W,
    gaz: &Gazetteer,
    sentences: &[Vec<&str>],
    scratch: &mut Scratch,
) -> Vec<Vec<TagSpan>> {
    let doc = DocInfo::new(sentences.iter().map(Vec::as_slice));
    let Scratch {
        toks,
        sentence,
        memory,
        chosen,
    } = scratch;
    toks.clear();
    chosen.clear();
    // Static scores, once per token; the part that depends on the token's
    // own facts, once per distinct such facts of the document.
    let mut statics: Vec<W::Acc> = Vec::new();
    let tokens: usize = sentences.iter().map(Vec::len).sum();
    let mut by_word: FxHashMap<u64, W::Acc> =
        FxHashMap::with_capacity_and_hasher(tokens / 2, Default::default());
    let mut bounds = Vec::with_capacity(sentences.len());
    for words in sentences {
        prepare(words, &doc, gaz, w.lexicon(), sentence);
        let start = toks.len();
        for i in 0..sentence.len() {
            let mut acc = *by_word.entry(own_key(&sentence[i])).or_insert_with(|| {
                let mut acc = W::Acc::default();
                own_features(&sentence[i], |f| w.add(f, &mut acc));
                acc
            });
            context_features(sentence, i, |f| w.add(f, &mut acc));
            statics.push(acc);
        }
        toks.extend_from_slice(sentence);
        bounds.push(start..toks.len());
    }
    let toks: &[TokInfo] = toks;
    decode::two_passes(
        bounds.iter().map(|r| &toks[r.clone()]),
        memory,
        FirstPass::Tag,
        true,
        |step| {
            let mut acc = statics[step.doc_index];
            dynamic_features(step.token, step.prev, step.prev2, step.context, |f| {
                w.add(f, &mut acc)
            });
            let (best, margin) = choose(&w.scores(&acc), step.prev, step.last);
            if step.pass == Pass::Second {
                chosen.push((best, margin));
            }
            best
        },
    );
    bounds
        .iter()
        .map(|r| entities_of(&chosen[r.clone()]))
        .collect()
}

/// The entities a sentence's BILOU tags (with their margins) mark, each
/// scored by the mean margin of its tokens.
fn entities_of(tags: &[(u8, f32)]) -> Vec<TagSpan> {
    let mut spans = Vec::new();
    let mut open: Option<(usize, f32)> = None;
    for (j, &(tag, margin)) in tags.iter().enumerate() {
        let Some((k, pos)) = split(tag) else {
            continue;
        };
        match pos {
            B => open = Some((j, margin)),
            I => {
                if let Some((_, m)) = &mut open {
                    *m += margin;
                }
            }
            L => {
                if let Some((s, m)) = open.take() {
                    spans.push(TagSpan {
                        start: s,
                        end: j + 1,
                        kind: KINDS[k],
                        score: (m + margin) / (j + 1 - s) as f32,
                    });
                }
            }
            _ => spans.push(TagSpan {
                start: j,
                end: j + 1,
                kind: KINDS[k],
                score: margin,
            }),
        }
    }
    spans
}

/// The best tag allowed after `prev`, and its margin over the runner-up.
#[inline]
pub(crate) fn choose(scores: &[f32; NT], prev: u8, last: bool) -> (u8, f32) {
    let mut best = (0u8, f32::NEG_INFINITY);
    let mut second = f32::NEG_INFINITY;
    for (t, &s) in scores.iter().enumerate() {
        let t = t as u8;
        if !allowed(prev, t) || (last && matches!(split(t), Some((_, B | I)))) {
            continue;
        }
        if s > best.1 {
            second = best.1;
            best = (t, s);
        } else if s > second {
            second = s;
        }
    }
    let margin = if second.is_finite() {
        best.1 - second
    } else {
        0.0
    };
    (best.0, margin)
}

/// The shipped model, compiled in.
pub const MODEL_BYTES: &[u8] = include_bytes!("../../../assets/ner.model");

/// A trained tagger with quantised weights.
pub struct Tagger {
    model: model::Model,
    fingerprint: u64,
}

impl std::fmt::Debug for Tagger {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Tagger")
            .field("features", &self.model.len())
            .field("fingerprint", &format_args!("{:016x}", self.fingerprint))
            .finish()
    }
}

impl Tagger {
    /// The model compiled into the binary, loaded once.
    pub fn embedded() -> &'static Tagger {
        static T: OnceLock<Tagger> = OnceLock::new();
        T.get_or_init(|| Tagger::from_bytes(MODEL_BYTES).expect("the embedded NER model is valid"))
    }

    /// Reads a model written by [`Tagger::to_bytes`]. A truncated,
    /// corrupt or foreign file, or one made for another feature set, is an
    /// error.
    pub fn from_bytes(bytes: &[u8]) -> Result<Tagger, ModelError> {
        let model = model::Model::from_bytes(bytes)?;
        Ok(Tagger {
            model,
            fingerprint: crate::base::hash::hash_bytes(bytes),
        })
    }

    pub fn to_bytes(&self) -> Vec<u8> {
        self.model.to_bytes()
    }

    pub(crate) fn from_model(model: model::Model) -> Tagger {
        let fingerprint = crate::base::hash::hash_bytes(&model.to_bytes());
        Tagger { model, fingerprint }
    }

    /// A 64-bit hash of the model's bytes: it changes whenever the model
    /// does, so caches of tagging results can key on it.
    pub fn fingerprint(&self) -> u64 {
        self.fingerprint
    }

    /// The English lexicon the model carries (common words and names).
    pub fn lexicon(&self) -> &Lexicon {
        &self.model.lexicon
    }

    /// Number of features with weights.
    pub fn num_features(&self) -> usize {
        self.model.len()
    }

    /// Tags a whole text as one document: tokenises it
    /// ([`super::tokens::tokenize`]), splits it into sentences
    /// ([`super::tokens::sentence_spans`]) and returns the entities in
    /// order, as byte ranges of `text`.
    pub fn tag_text(&self, text: &str) -> Vec<TextSpan> {
        let tokens = super::tokens::tokenize(text);
        let ranges = super::tokens::sentence_spans(text, &tokens);
        let sentences: Vec<Vec<&str>> = ranges
            .iter()
            .map(|r| tokens[r.clone()].iter().map(|t| t.text(text)).collect())
            .collect();
        let mut out = Vec::new();
        for (r, spans) in ranges.iter().zip(self.tag_document(&sentences)) {
            let toks = &tokens[r.clone()];
            out.extend(spans.iter().map(|s| TextSpan {
                start: toks[s.start].start as usize,
                end: toks[s.end - 1].end as usize,
                kind: s.kind,
                score: s.score,
            }));
        }
        out
    }

    /// For debugging: the static features of token `i` of a sentence on
    /// its own, as `(template number, weights per tag)`, strongest first;
    /// for the first token, also the sum of the dynamic features at the
    /// sentence start (template 255).
    #[doc(hidden)]
    pub fn explain(&self, words: &[&str], i: usize) -> Vec<(u8, [f32; NT])> {
        let mut toks = Vec::new();
        prepare(
            words,
            &DocInfo::new([words]),
            Gazetteer::embedded(),
            &self.model.lexicon,
            &mut toks,
        );
        let mut out = Vec::new();
        super::features::static_features_named(&toks, i, |t, f| {
            let mut acc = [0i32; NT];
            self.model.add(f, &mut acc);
            out.push((t, self.model.scores(&acc)));
        });
        if i == 0 {
            let mut acc = [0i32; NT];
            dynamic_features(&toks[0], START, START, Context::default(), |f| {
                self.model.add(f, &mut acc)
            });
            out.push((255, self.model.scores(&acc)));
        }
        out.sort_by(|a, b| {
            let m = |r: &[f32; NT]| r.iter().fold(0f32, |m, w| m.max(w.abs()));
            m(&b.1).total_cmp(&m(&a.1))
        });
        out
    }

    /// Tags one document given as sentences of token texts (tokenised as
    /// [`super::tokens::tokenize`] does); returns, per sentence, its
    /// entities in order. Earlier sentences inform later ones: a word
    /// tagged as a person early in the article is likely one later too.
    pub fn tag_document(&self, sentences: &[Vec<&str>]) -> Vec<Vec<TagSpan>> {
        let mut scratch = Scratch::default();
        tag_document_with(&self.model, Gazetteer::embedded(), sentences, &mut scratch)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tags_round_trip_through_bilou() {
        let tags = encode(
            6,
            &[
                (0, 1, Kind::Location),
                (2, 5, Kind::Person),
                (5, 6, Kind::Person),
            ],
        );
        assert_eq!(
            tags,
            [tag(2, U), 0, tag(0, B), tag(0, I), tag(0, L), tag(0, U)]
        );
        let mut prev = START;
        for &t in &tags {
            assert!(allowed(prev, t), "{prev} -> {t}");
            prev = t;
        }
    }

    #[test]
    fn transitions_respect_bilou() {
        let (b_per, i_per, l_per, u_loc) = (tag(0, B), tag(0, I), tag(0, L), tag(2, U));
        assert!(allowed(START, b_per));
        assert!(!allowed(START, i_per));
        assert!(!allowed(b_per, 0));
        assert!(!allowed(b_per, tag(1, L)));
        assert!(allowed(b_per, l_per));
        assert!(allowed(l_per, u_loc));
        assert!(!allowed(u_loc, l_per));
        // The last token cannot open an entity.
        let mut scores = [0.0; NT];
        scores[b_per as usize] = 10.0;
        scores[u_loc as usize] = 1.0;
        assert_eq!(choose(&scores, START, true), (u_loc, 1.0));
        assert_eq!(choose(&scores, START, false).0, b_per);
    }
}

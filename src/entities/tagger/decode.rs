//! The tagger's decoding loop, the one that tagging and training share:
//! two greedy left-to-right passes over a document, each token choosing
//! its tag after the two chosen before it, with what the document taught
//! so far. The first pass knows what the same word got earlier in the
//! document; the second what its other occurrences got in the first.
//!
//! How a tag is chosen (scoring with a model, or scoring and learning from
//! the gold tag) is the caller's: [`two_passes`] only walks the tokens,
//! threads the previous tags and keeps the document's memory.

use super::{START, class};
use crate::base::hash::FxHashMap;
use crate::entities::features::{Context, INIT_CAP, TokInfo};

/// Which of the two passes a token is tagged in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Pass {
    First,
    Second,
}

/// What the first pass does with each token.
#[derive(Clone, Copy, Debug)]
pub(crate) enum FirstPass<'a> {
    /// Tags it; the document remembers the tag chosen.
    Tag,
    /// Tags it (to learn from it) but the document remembers the given
    /// tag, one per token of the document: what a model that never saw the
    /// document chose (training with jackknifed context).
    TagRemembering(&'a [u8]),
    /// Does not tag it; the document remembers the given tag.
    Remember(&'a [u8]),
}

/// One token to tag, with everything decided before it.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Step<'t> {
    pub pass: Pass,
    /// Index of the sentence in the document, of the token in its sentence,
    /// and of the token in the document.
    pub sentence: usize,
    pub index: usize,
    pub doc_index: usize,
    pub token: &'t TokInfo,
    /// The two tags chosen before it in its sentence ([`START`] before the
    /// first).
    pub prev: u8,
    pub prev2: u8,
    /// What the document says of its word.
    pub context: Context,
    /// Whether it ends its sentence (no entity may stay open).
    pub last: bool,
}

/// What a document teaches while it is tagged: the class each capitalised
/// word got most recently (first pass), the classes all its occurrences
/// got in the first pass, and the first-pass tag of every token.
#[derive(Default)]
pub(crate) struct Memory {
    earlier: FxHashMap<u64, u8>,
    votes: Votes,
    first: Vec<u8>,
}

impl Memory {
    fn clear(&mut self) {
        self.earlier.clear();
        self.votes.clear();
        self.first.clear();
    }

    /// What the first pass made of token `t`.
    fn remember(&mut self, t: &TokInfo, tag: u8) {
        if is_evidence(t) {
            self.earlier.insert(t.lower, class(tag));
        }
        self.votes.add(t, tag);
        self.first.push(tag);
    }

    /// What the document memory says of a token: only capitalised words
    /// are remembered.
    fn earlier(&self, t: &TokInfo) -> Option<u8> {
        if is_evidence(t) {
            self.earlier.get(&t.lower).copied()
        } else {
            None
        }
    }
}

/// Runs the two passes over a document given as its sentences' tokens.
/// `tag` chooses the tag of each token it is given and returns it (it
/// becomes the next token's `prev`); the first pass is as `first` says,
/// the second runs when `second` is set.
#[inline]
pub(crate) fn two_passes<'t, S>(
    sentences: S,
    memory: &mut Memory,
    first: FirstPass,
    second: bool,
    mut tag: impl FnMut(Step<'t>) -> u8,
) where
    S: Iterator<Item = &'t [TokInfo]> + Clone,
{
    memory.clear();
    let passes: &[Pass] = if second {
        &[Pass::First, Pass::Second]
    } else {
        &[Pass::First]
    };
    for &pass in passes {
        let tags = pass == Pass::Second || !matches!(first, FirstPass::Remember(_));
        let mut doc_index = 0;
        for (sentence, toks) in sentences.clone().enumerate() {
            let (mut prev, mut prev2) = (START, START);
            for (index, token) in toks.iter().enumerate() {
                let context = match pass {
                    Pass::First => Context {
                        earlier: memory.earlier(token),
                        others: None,
                    },
                    Pass::Second => Context {
                        earlier: None,
                        others: memory.votes.others(token, memory.first[doc_index]),
                    },
                };
                let chosen = tags.then(|| {
                    tag(Step {
                        pass,
                        sentence,
                        index,
                        doc_index,
                        token,
                        prev,
                        prev2,
                        context,
                        last: index + 1 == toks.len(),
                    })
                });
                if let Some(t) = chosen {
                    prev2 = prev;
                    prev = t;
                }
                if pass == Pass::First {
                    let remembered = match (first, chosen) {
                        (FirstPass::TagRemembering(given) | FirstPass::Remember(given), _) => {
                            given[doc_index]
                        }
                        (FirstPass::Tag, t) => t.expect("the first pass tags"),
                    };
                    memory.remember(token, remembered);
                }
                doc_index += 1;
            }
        }
    }
}

/// First-pass votes: for each capitalised word of the document, how many
/// of its occurrences got each type class.
#[derive(Default)]
struct Votes(FxHashMap<u64, [u16; 5]>);

impl Votes {
    fn clear(&mut self) {
        self.0.clear();
    }

    fn add(&mut self, t: &TokInfo, tag: u8) {
        if is_evidence(t) {
            self.0.entry(t.lower).or_default()[class(tag) as usize] += 1;
        }
    }

    /// The majority class of the word's other occurrences (see
    /// [`Context::others`]), if it has any.
    fn others(&self, t: &TokInfo, own: u8) -> Option<u8> {
        if t.flags & INIT_CAP == 0 {
            return None;
        }
        let mut c = *self.0.get(&t.lower)?;
        c[class(own) as usize] = c[class(own) as usize].saturating_sub(1);
        let total: u16 = c.iter().sum();
        if total == 0 {
            return None;
        }
        let mut best = 0;
        for k in 1..5 {
            if c[k] > c[best] {
                best = k;
            }
        }
        Some(best as u8 * 2 + (c[best] == total) as u8)
    }
}

/// Whether a token's tag tells about its word elsewhere in the document:
/// capitalised words only.
#[inline]
fn is_evidence(t: &TokInfo) -> bool {
    t.flags & INIT_CAP != 0
}

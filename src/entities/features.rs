//! Features of the named-entity tagger.
//!
//! Every feature is a 32-bit id: a template number mixed with a value hash
//! (FxHash-style multiply-rotate mixing, no strings built). Token-level
//! facts (lowercased form, shape, affixes, capitalisation flags, gazetteer
//! position) are computed once per token in [`prepare`]; a token's static
//! features combine its own facts with those of its neighbours at -2..+2
//! ([`static_features`]). Features that depend on earlier decisions (the
//! previous tags, what the same word was tagged earlier in the document)
//! come from [`dynamic_features`] at decoding time.
//!
//! Changing anything here changes what a model's weights mean: bump
//! [`FEATURE_VERSION`] so older models are refused instead of misread.

use super::gazetteer::{Category, Gazetteer};
use crate::base::hash::{FxHashMap, FxHashSet, SEED, mix};

/// Version of the feature set; stored in every model.
pub const FEATURE_VERSION: u32 = 10;

/// A feature id from a template and a value. Never 0 (0 marks an empty
/// slot in the model's table).
#[inline(always)]
pub fn fid(template: u8, value: u64) -> u32 {
    let h = mix(mix(SEED, template as u64 + 1), value);
    let id = (h >> 32) as u32 ^ (h as u32).rotate_left(7);
    id.max(1)
}

#[inline(always)]
fn pair(a: u64, b: u64) -> u64 {
    mix(mix(SEED, a), b)
}

// Templates. Numbers are part of the model format.
const T_BIAS: u8 = 0;
const T_W0: u8 = 1;
const T_SHAPE0: u8 = 2;
const T_PRE: u8 = 3; // ..=6
const T_SUF: u8 = 7; // ..=10
const T_FLAGS: u8 = 11;
const T_W: u8 = 12; // -2, -1, +1, +2: 12..=15
const T_S: u8 = 16; // 16..=19
const T_BI_M1: u8 = 20;
const T_BI_P1: u8 = 21;
const T_SBI_M1: u8 = 22;
const T_SBI_P1: u8 = 23;
const T_FIRST_SHAPE: u8 = 24;
const T_CAPS_W0: u8 = 25;
const T_GAZ: u8 = 26;
const T_GAZ_M1: u8 = 27;
const T_GAZ_P1: u8 = 28;
const T_SEEN_LOWER: u8 = 29;
const T_RAW0: u8 = 30;
const T_BI_M2M1: u8 = 31;
const T_BI_P1P2: u8 = 32;
const T_TABLE_GAZ: u8 = 33;
const T_TABLE_SHAPE: u8 = 34;
const T_DICT: u8 = 35;
const T_DICT_M1: u8 = 36;
const T_DICT_P1: u8 = 37;
const T_FIRST_LEN: u8 = 38;
const T_FIRST_W0: u8 = 39;
const T_CL1024: u8 = 49;
const T_CL256: u8 = 50;
const T_CL1024_M1: u8 = 51;
const T_CL1024_P1: u8 = 52;
const T_CL1024_CAPS: u8 = 53;
// Dynamic.
const T_PREV: u8 = 40;
const T_PREV2: u8 = 41;
const T_PREV_W0: u8 = 42;
const T_PREV_SHAPE0: u8 = 43;
const T_DOC: u8 = 44;
const T_DOC_SHAPE: u8 = 45;
const T_AGG: u8 = 46;
const T_AGG_SHAPE: u8 = 47;
const T_AGG_PREV: u8 = 48;

// Token flags.
pub const INIT_CAP: u32 = 1;
pub const ALL_CAPS: u32 = 1 << 1;
pub const ALL_LOWER: u32 = 1 << 2;
pub const MIXED_CAPS: u32 = 1 << 3;
pub const HAS_DIGIT: u32 = 1 << 4;
pub const ALL_DIGIT: u32 = 1 << 5;
pub const HAS_HYPHEN: u32 = 1 << 6;
pub const HAS_PERIOD: u32 = 1 << 7;
pub const HAS_APOS: u32 = 1 << 8;
pub const PUNCT: u32 = 1 << 9;
pub const SHORT: u32 = 1 << 10;
/// The token's sentence is written in capitals (a headline).
pub const CAPS_SENTENCE: u32 = 1 << 11;
/// First token of its sentence.
pub const FIRST: u32 = 1 << 12;
/// Capitalised, and the document also has it in lowercase.
pub const SEEN_LOWER: u32 = 1 << 13;
/// The document is mostly numbers: results, tables, listings.
pub const TABLE_DOC: u32 = 1 << 14;
/// The lowercased word is a common English word ([`Lexicon`]).
pub const DICT_COMMON: u32 = 1 << 15;
/// The word is a name an English dictionary lists capitalised.
pub const DICT_NAME: u32 = 1 << 16;
/// The token's sentence has at most three tokens (a byline, a dateline,
/// a table row).
pub const LEN_SHORT: u32 = 1 << 17;
/// The token's sentence has four to eight tokens.
pub const LEN_MEDIUM: u32 = 1 << 18;

/// What the tagger knows of one token before decoding.
#[derive(Clone, Copy, Debug, Default)]
pub struct TokInfo {
    /// Hash of the lowercased text.
    pub lower: u64,
    /// Hash of the text as written.
    pub raw: u64,
    /// Hash of the short shape (`Xx`, `X.X.`, `d,d`).
    pub shape: u64,
    pub prefix: [u64; 4],
    pub suffix: [u64; 4],
    pub flags: u32,
    /// Gazetteer match covering the token: position (1..=4 for B, I, L, U)
    /// in the low 3 bits, category bits above; 0 when none.
    pub gaz: u16,
    /// The word's GloVe clusters ([`Clusters`]): of 256 in the low 16
    /// bits, of 1024 above, each plus one; 0 for a word GloVe lacks.
    pub cluster: u32,
}

const BOS: TokInfo = padding(0x0b05);
const EOS: TokInfo = padding(0x0e05);

const fn padding(v: u64) -> TokInfo {
    TokInfo {
        lower: v,
        raw: v,
        shape: v,
        prefix: [v; 4],
        suffix: [v; 4],
        flags: 0,
        gaz: 0,
        cluster: v as u32,
    }
}

/// Typographic punctuation written as the ASCII the training text uses
/// (`’` `'`, `“` `"`, `—` `-`, `…` `...`); `None` when there is none.
fn ascii_punctuation(word: &str) -> Option<String> {
    let map = |c: char| -> Option<&'static str> {
        Some(match c {
            '\u{2018}' | '\u{2019}' | '\u{201A}' | '\u{201B}' | '\u{2032}' => "'",
            '\u{201C}' | '\u{201D}' | '\u{201E}' | '\u{201F}' | '\u{00AB}' | '\u{00BB}' => "\"",
            '\u{2010}' | '\u{2011}' | '\u{2012}' | '\u{2013}' | '\u{2014}' | '\u{2212}' => "-",
            '\u{2026}' => "...",
            _ => return None,
        })
    };
    if word.is_ascii() || !word.chars().any(|c| map(c).is_some()) {
        return None;
    }
    let mut out = String::with_capacity(word.len());
    for c in word.chars() {
        match map(c) {
            Some(s) => out.push_str(s),
            None => out.push(c),
        }
    }
    Some(out)
}

/// The hash of the lowercased word, as [`token_info`] computes it.
pub fn lower_hash(word: &str) -> u64 {
    if let Some(w) = ascii_punctuation(word) {
        return lower_hash(&w);
    }
    if word.is_ascii() {
        return word
            .bytes()
            .fold(SEED, |h, b| mix(h, b.to_ascii_lowercase() as u64));
    }
    let mut h = SEED;
    let mut buf = [0u8; 4];
    for c in word.chars() {
        for l in c.to_lowercase() {
            for &b in l.encode_utf8(&mut buf).as_bytes() {
                h = mix(h, b as u64);
            }
        }
    }
    h
}

/// Hashes and flags of one token.
pub fn token_info(word: &str) -> TokInfo {
    if let Some(w) = ascii_punctuation(word) {
        return token_info(&w);
    }
    let mut t = TokInfo::default();
    let mut lower = SEED;
    let mut raw = SEED;
    let mut shape = SEED;
    let mut last_shape = 0u8;
    let mut run = 0u8;
    let mut n = 0usize;
    let (mut upper, mut lowers, mut digits, mut alnum) = (0usize, 0usize, 0usize, 0usize);
    let mut upper_after_first = false;
    let mut flags = 0u32;
    let mut push_shape = |c: u8, shape: &mut u64| {
        if c == last_shape {
            run = run.saturating_add(1);
            if run >= 2 {
                return;
            }
        } else {
            run = 0;
            last_shape = c;
        }
        *shape = mix(*shape, c as u64);
    };
    if word.is_ascii() {
        for &b in word.as_bytes() {
            let l = b.to_ascii_lowercase();
            lower = mix(lower, l as u64);
            raw = mix(raw, b as u64);
            let s = match b {
                b'A'..=b'Z' => {
                    upper += 1;
                    if n > 0 {
                        upper_after_first = true;
                    }
                    b'X'
                }
                b'a'..=b'z' => {
                    lowers += 1;
                    b'x'
                }
                b'0'..=b'9' => {
                    digits += 1;
                    b'd'
                }
                _ => b,
            };
            if b.is_ascii_alphanumeric() {
                alnum += 1;
            }
            match b {
                b'-' => flags |= HAS_HYPHEN,
                b'.' => flags |= HAS_PERIOD,
                b'\'' => flags |= HAS_APOS,
                _ => {}
            }
            push_shape(s, &mut shape);
            if n < 4 {
                t.prefix[n] = lower;
            }
            n += 1;
        }
        let mut suf = SEED;
        for (k, &b) in word.as_bytes().iter().rev().take(4).enumerate() {
            suf = mix(suf, b.to_ascii_lowercase() as u64);
            t.suffix[k] = suf;
        }
    } else {
        for c in word.chars() {
            let mut buf = [0u8; 4];
            for l in c.to_lowercase() {
                for &b in l.encode_utf8(&mut buf).as_bytes() {
                    lower = mix(lower, b as u64);
                }
            }
            for &b in c.encode_utf8(&mut buf).as_bytes() {
                raw = mix(raw, b as u64);
            }
            let s = if c.is_uppercase() {
                upper += 1;
                if n > 0 {
                    upper_after_first = true;
                }
                b'X'
            } else if c.is_lowercase() || c.is_alphabetic() {
                lowers += 1;
                b'x'
            } else if c.is_numeric() {
                digits += 1;
                b'd'
            } else if c == '’' {
                b'\''
            } else if c.is_ascii() {
                c as u8
            } else {
                b'~'
            };
            if c.is_alphanumeric() {
                alnum += 1;
            }
            match c {
                '-' | '‑' => flags |= HAS_HYPHEN,
                '.' => flags |= HAS_PERIOD,
                '\'' | '’' => flags |= HAS_APOS,
                _ => {}
            }
            push_shape(s, &mut shape);
            if n < 4 {
                t.prefix[n] = lower;
            }
            n += 1;
        }
        let mut suf = SEED;
        for (k, c) in word.chars().rev().take(4).enumerate() {
            let mut buf = [0u8; 4];
            for l in c.to_lowercase() {
                for &b in l.encode_utf8(&mut buf).as_bytes() {
                    suf = mix(suf, b as u64);
                }
            }
            t.suffix[k] = suf;
        }
    }
    for k in n.min(4)..4 {
        t.prefix[k] = t.prefix[k.saturating_sub(1)];
        t.suffix[k] = t.suffix[k.saturating_sub(1)];
    }
    let first_upper = word.chars().next().is_some_and(char::is_uppercase);
    if first_upper {
        flags |= INIT_CAP;
    }
    if upper > 0 && lowers == 0 {
        flags |= ALL_CAPS;
    }
    if lowers > 0 && upper == 0 {
        flags |= ALL_LOWER;
    }
    if upper_after_first && lowers > 0 {
        flags |= MIXED_CAPS;
    }
    if digits > 0 {
        flags |= HAS_DIGIT;
        if digits == n {
            flags |= ALL_DIGIT;
        }
    }
    if alnum == 0 {
        flags |= PUNCT;
    }
    if n <= 2 {
        flags |= SHORT;
    }
    t.lower = lower;
    t.raw = raw;
    t.shape = shape;
    t.flags = flags;
    t
}

/// General knowledge of English words, from a dictionary word list (the
/// shipped model carries SCOWL's, via Debian's `wamerican`): which words
/// are common lowercase words, and which are names the dictionary lists
/// capitalised. Kept as 32-bit hashes of the lowercased forms.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Lexicon {
    common: FxHashSet<u32>,
    names: FxHashSet<u32>,
}

impl Lexicon {
    /// Reads a word list, one word per line. Possessives (`'s`) are
    /// skipped; a word listed both ways counts as common.
    pub fn from_word_list(text: &str) -> Lexicon {
        let mut lex = Lexicon::default();
        for w in text.lines().map(str::trim) {
            if w.is_empty() || w.ends_with("'s") {
                continue;
            }
            let key = Lexicon::key(token_info(w).lower);
            if w.chars().next().is_some_and(char::is_uppercase) {
                lex.names.insert(key);
            } else {
                lex.common.insert(key);
            }
        }
        lex.names.retain(|k| !lex.common.contains(k));
        lex
    }

    pub(crate) fn from_keys(common: Vec<u32>, names: Vec<u32>) -> Lexicon {
        Lexicon {
            common: common.into_iter().collect(),
            names: names.into_iter().collect(),
        }
    }

    #[inline]
    pub fn key(lower: u64) -> u32 {
        (lower >> 32) as u32 ^ lower as u32
    }

    /// `(common, names)`, each sorted.
    pub(crate) fn sorted_keys(&self) -> (Vec<u32>, Vec<u32>) {
        let mut c: Vec<u32> = self.common.iter().copied().collect();
        let mut n: Vec<u32> = self.names.iter().copied().collect();
        c.sort_unstable();
        n.sort_unstable();
        (c, n)
    }

    pub fn len(&self) -> (usize, usize) {
        (self.common.len(), self.names.len())
    }

    pub fn is_empty(&self) -> bool {
        self.common.is_empty() && self.names.is_empty()
    }

    /// Whether a word (any case) is a common lowercase English word; a
    /// hyphenated one when each of its parts is a word of two letters or
    /// more that is (`hand-in-hand`; not `T-Mobile`, whose `t` the word
    /// list has as a letter).
    pub fn is_common(&self, word: &str) -> bool {
        if self.common.contains(&Lexicon::key(lower_hash(word))) {
            return true;
        }
        word.contains('-')
            && word.split('-').all(|p| {
                p.chars().count() >= 2 && self.common.contains(&Lexicon::key(lower_hash(p)))
            })
    }

    /// Whether a word (any case) is one the dictionary lists only
    /// capitalised: a name (`Frances`, `Tim`).
    pub fn is_name(&self, word: &str) -> bool {
        self.names.contains(&Lexicon::key(lower_hash(word)))
    }

    #[inline]
    fn flags(&self, lower: u64) -> u32 {
        if self.is_empty() {
            return 0;
        }
        let k = Lexicon::key(lower);
        if self.common.contains(&k) {
            DICT_COMMON
        } else if self.names.contains(&k) {
            DICT_NAME
        } else {
            0
        }
    }
}

/// Document-level facts computed before tagging: which words the document
/// also writes in lowercase.
#[derive(Debug, Default)]
pub struct DocInfo {
    lowercase: FxHashSet<u64>,
    table: bool,
}

impl DocInfo {
    pub fn new<'a>(sentences: impl IntoIterator<Item = &'a [&'a str]>) -> DocInfo {
        let mut lowercase = FxHashSet::default();
        let (mut words, mut numbers) = (0usize, 0usize);
        for s in sentences {
            for w in s {
                let first = w.chars().next().unwrap_or(' ');
                if first.is_lowercase() {
                    lowercase.insert(lower_hash(w));
                }
                words += 1;
                if first.is_ascii_digit() {
                    numbers += 1;
                }
            }
        }
        DocInfo {
            lowercase,
            table: numbers * 5 > words,
        }
    }

    pub fn clear(&mut self) {
        self.lowercase.clear();
        self.table = false;
    }
}

/// Fills `out` with the facts of every token of one sentence.
pub fn prepare(
    words: &[&str],
    doc: &DocInfo,
    gaz: &Gazetteer,
    lex: &Lexicon,
    out: &mut Vec<TokInfo>,
) {
    out.clear();
    let clusters = Clusters::embedded();
    out.extend(words.iter().map(|w| {
        let mut t = token_info(w);
        t.flags |= lex.flags(t.lower);
        t.cluster = clusters.of(t.lower);
        t
    }));
    let mut letters = 0;
    let mut caps = true;
    for t in out.iter() {
        if t.flags & (ALL_CAPS | ALL_LOWER | INIT_CAP) != 0 && t.flags & PUNCT == 0 {
            if t.flags & ALL_CAPS == 0 {
                caps = false;
            }
            letters += 1;
        }
    }
    let caps_sentence = caps && letters >= 2;
    let len = match out.len() {
        0..=3 => LEN_SHORT,
        4..=8 => LEN_MEDIUM,
        _ => 0,
    };
    for (i, t) in out.iter_mut().enumerate() {
        t.flags |= len;
        if caps_sentence {
            t.flags |= CAPS_SENTENCE;
        } else if t.flags & ALL_CAPS != 0 && t.flags & SHORT == 0 {
            // In mixed-case text a word in capitals is an acronym (`WHO`),
            // whatever its lowercase form means.
            t.flags &= !(DICT_COMMON | DICT_NAME);
        }
        if i == 0 {
            t.flags |= FIRST;
        }
        if doc.table {
            t.flags |= TABLE_DOC;
        }
        if t.flags & INIT_CAP != 0 && doc.lowercase.contains(&t.lower) {
            t.flags |= SEEN_LOWER;
        }
    }
    for m in gaz.matches_folded(words) {
        let len = m.end - m.start;
        for (j, t) in out[m.start..m.end].iter_mut().enumerate() {
            let pos = if len == 1 {
                4
            } else if j == 0 {
                1
            } else if j + 1 == len {
                3
            } else {
                2
            };
            t.gaz = pos | ((m.hit.cats as u16) << 3);
        }
    }
}

/// Calls `f` with every static feature of token `i`: the features of the
/// token alone ([`own_features`]) and those of where it stands
/// ([`context_features`]).
#[inline]
pub fn static_features(toks: &[TokInfo], i: usize, mut f: impl FnMut(u32)) {
    static_features_named(toks, i, |_, id| f(id));
}

/// [`static_features`], each with its template number (for explaining).
#[inline(always)]
pub fn static_features_named(toks: &[TokInfo], i: usize, mut f: impl FnMut(u8, u32)) {
    own_features_named(&toks[i], &mut f);
    context_features_named(toks, i, &mut f);
}

/// Calls `f` with the static features that depend on the token's own
/// facts alone (its word: forms, shape, affixes, clusters; its flags; its
/// gazetteer position): the same for every token with the same facts
/// ([`own_key`]), so a tagger may sum them once per distinct key of a
/// document.
#[inline]
pub fn own_features(t: &TokInfo, mut f: impl FnMut(u32)) {
    own_features_named(t, |_, id| f(id));
}

/// What [`own_features`] depend on, hashed: tokens with the same key have
/// the same own features.
#[inline]
pub fn own_key(t: &TokInfo) -> u64 {
    mix(mix(t.raw, u64::from(t.flags)), u64::from(t.gaz))
}

/// Calls `f` with the static features of token `i` that depend on its
/// neighbours.
#[inline]
pub fn context_features(toks: &[TokInfo], i: usize, mut f: impl FnMut(u32)) {
    context_features_named(toks, i, |_, id| f(id));
}

#[inline(always)]
fn own_features_named(t: &TokInfo, mut f: impl FnMut(u8, u32)) {
    f(T_BIAS, fid(T_BIAS, 0));
    f(T_W0, fid(T_W0, t.lower));
    f(T_RAW0, fid(T_RAW0, t.raw));
    f(T_SHAPE0, fid(T_SHAPE0, t.shape));
    for k in 0..4 {
        f(T_PRE + k as u8, fid(T_PRE + k as u8, t.prefix[k]));
        f(T_SUF + k as u8, fid(T_SUF + k as u8, t.suffix[k]));
    }
    let ctx = (t.flags & (FIRST | CAPS_SENTENCE | SEEN_LOWER)) as u64;
    let table = (t.flags & TABLE_DOC != 0) as u64;
    f(T_FLAGS, fid(T_FLAGS, t.flags as u64));
    f(T_TABLE_SHAPE, fid(T_TABLE_SHAPE, pair(table, t.shape)));
    f(T_FIRST_SHAPE, fid(T_FIRST_SHAPE, pair(ctx, t.shape)));
    f(
        T_DICT,
        fid(T_DICT, dict(t) | (t.flags & (FIRST | CAPS_SENTENCE)) as u64),
    );
    if t.flags & FIRST != 0 {
        // Sentence openings: a short line (a byline, a dateline, a table
        // row) often starts with a name, a long sentence less so.
        let len = if t.flags & LEN_SHORT != 0 {
            0
        } else if t.flags & LEN_MEDIUM != 0 {
            1
        } else {
            2
        };
        f(
            T_FIRST_LEN,
            fid(T_FIRST_LEN, pair(len << 24 | dict(t), t.shape)),
        );
        f(T_FIRST_W0, fid(T_FIRST_W0, t.lower));
    }
    if t.flags & CAPS_SENTENCE != 0 {
        f(T_CAPS_W0, fid(T_CAPS_W0, t.lower));
    }
    if t.flags & SEEN_LOWER != 0 {
        f(T_SEEN_LOWER, fid(T_SEEN_LOWER, (t.flags & FIRST) as u64));
    }
    if t.gaz != 0 {
        let pos = (t.gaz & 7) as u64;
        let cats = t.gaz >> 3;
        for c in Category::ALL {
            if cats & c.bit() as u16 != 0 {
                f(T_GAZ, fid(T_GAZ, pos * 8 + c as u64));
                f(
                    T_TABLE_GAZ,
                    fid(T_TABLE_GAZ, (table << 8) | (pos * 8 + c as u64)),
                );
            }
        }
    }
    // Word clusters: what kind of word this is, learned from six billion
    // words of Wikipedia and news, for words the training text never saw;
    // the fine one with the word's capitals.
    let fine = (t.cluster >> 16) as u64;
    f(T_CL1024, fid(T_CL1024, fine));
    f(T_CL256, fid(T_CL256, (t.cluster & 0xffff) as u64));
    let caps = (t.flags & (INIT_CAP | ALL_CAPS | FIRST)) as u64;
    f(T_CL1024_CAPS, fid(T_CL1024_CAPS, pair(caps, fine)));
}

/// The dictionary and capital flags of a token, as features read them.
#[inline(always)]
fn dict(t: &TokInfo) -> u64 {
    (t.flags & (DICT_COMMON | DICT_NAME | INIT_CAP | ALL_CAPS)) as u64
}

#[inline(always)]
fn context_features_named(toks: &[TokInfo], i: usize, mut f: impl FnMut(u8, u32)) {
    let n = toks.len();
    // Sentence starts differ with the sentence's length.
    let bos = if i < 2 {
        padding(0x0b05 ^ (toks[i].flags & (LEN_SHORT | LEN_MEDIUM)) as u64)
    } else {
        BOS
    };
    let at = |j: isize| -> &TokInfo {
        let k = i as isize + j;
        if k < 0 {
            &bos
        } else if k as usize >= n {
            &EOS
        } else {
            &toks[k as usize]
        }
    };
    let t = &toks[i];
    let (m2, m1, p1, p2) = (at(-2), at(-1), at(1), at(2));
    f(T_W, fid(T_W, m2.lower));
    f(T_W + 1, fid(T_W + 1, m1.lower));
    f(T_W + 2, fid(T_W + 2, p1.lower));
    f(T_W + 3, fid(T_W + 3, p2.lower));
    f(T_S, fid(T_S, m2.shape));
    f(T_S + 1, fid(T_S + 1, m1.shape));
    f(T_S + 2, fid(T_S + 2, p1.shape));
    f(T_S + 3, fid(T_S + 3, p2.shape));
    f(T_BI_M1, fid(T_BI_M1, pair(m1.lower, t.lower)));
    f(T_BI_P1, fid(T_BI_P1, pair(t.lower, p1.lower)));
    f(T_BI_M2M1, fid(T_BI_M2M1, pair(m2.lower, m1.lower)));
    f(T_BI_P1P2, fid(T_BI_P1P2, pair(p1.lower, p2.lower)));
    f(T_SBI_M1, fid(T_SBI_M1, pair(m1.shape, t.shape)));
    f(T_SBI_P1, fid(T_SBI_P1, pair(t.shape, p1.shape)));
    f(T_DICT_M1, fid(T_DICT_M1, dict(m1)));
    f(T_DICT_P1, fid(T_DICT_P1, dict(p1)));
    f(T_GAZ_M1, fid(T_GAZ_M1, (m1.gaz >> 3) as u64));
    f(T_GAZ_P1, fid(T_GAZ_P1, (p1.gaz >> 3) as u64));
    f(T_CL1024_M1, fid(T_CL1024_M1, (m1.cluster >> 16) as u64));
    f(T_CL1024_P1, fid(T_CL1024_P1, (p1.cluster >> 16) as u64));
}

/// Word clusters from GloVe (`assets/glove/`, see its README entry):
/// k-means over the 50-dimensional vectors of GloVe 6B's 100,000 most
/// frequent words, at 256 and at 1024 clusters. Keyed by the hash of the
/// lowercased word ([`TokInfo::lower`]) folded to 32 bits as the lexicon's
/// are ([`Lexicon::key`]): a table half the size, looked up for every
/// token.
#[derive(Debug, Default)]
pub struct Clusters {
    of: FxHashMap<u32, u32>,
}

/// The cluster files as compiled in, by name: hashed into the cache's
/// fingerprint.
pub const CLUSTER_SOURCES: &[(&str, &str)] = &[
    (
        "glove_clusters_256.tsv",
        include_str!("../../assets/glove/glove_clusters_256.tsv"),
    ),
    (
        "glove_clusters_1024.tsv",
        include_str!("../../assets/glove/glove_clusters_1024.tsv"),
    ),
];

impl Clusters {
    /// The clusters compiled into the binary, read once.
    pub fn embedded() -> &'static Clusters {
        static C: std::sync::OnceLock<Clusters> = std::sync::OnceLock::new();
        C.get_or_init(|| Clusters::parse(CLUSTER_SOURCES[0].1, CLUSTER_SOURCES[1].1))
    }

    /// Reads `word<TAB>cluster` lines of the two clusterings; a line that
    /// is not one is skipped.
    pub fn parse(coarse: &str, fine: &str) -> Clusters {
        let mut of: FxHashMap<u32, u32> = FxHashMap::default();
        for (text, shift) in [(coarse, 0), (fine, 16)] {
            for line in text.lines() {
                let Some((word, id)) = line.split_once('\t') else {
                    continue;
                };
                let Ok(id) = id.trim().parse::<u16>() else {
                    continue;
                };
                let id = u32::from(id.min(u16::MAX - 1)) + 1;
                *of.entry(Lexicon::key(lower_hash(word))).or_default() |= id << shift;
            }
        }
        Clusters { of }
    }

    /// The packed clusters of a word by its lowercase hash ([`TokInfo::cluster`]).
    #[inline]
    pub fn of(&self, lower: u64) -> u32 {
        self.of.get(&Lexicon::key(lower)).copied().unwrap_or(0)
    }

    pub fn len(&self) -> usize {
        self.of.len()
    }

    pub fn is_empty(&self) -> bool {
        self.of.is_empty()
    }
}

/// What the rest of the document says about a token's word (capitalised
/// words only), as type classes: 0 for none, 1..=4 for the entity types.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Context {
    /// First pass: the class the word got most recently, earlier on.
    pub earlier: Option<u8>,
    /// Second pass: the majority class of the word's other occurrences in
    /// the whole document after the first pass, times two, plus one when
    /// they all agree.
    pub others: Option<u8>,
}

/// Calls `f` with the features that depend on decisions already made: the
/// two previous tags, and the document context.
#[inline]
pub fn dynamic_features(t: &TokInfo, prev: u8, prev2: u8, ctx: Context, mut f: impl FnMut(u32)) {
    // Sentence starts differ with the sentence's length.
    let len = (t.flags & (LEN_SHORT | LEN_MEDIUM)) as u64;
    let (p1, p2) = (
        if prev as usize >= 17 {
            prev as u64 | len
        } else {
            prev as u64
        },
        if prev2 as usize >= 17 {
            prev2 as u64 | len
        } else {
            prev2 as u64
        },
    );
    f(fid(T_PREV, p1));
    f(fid(T_PREV2, p2 << 32 | p1));
    f(fid(T_PREV_W0, pair(prev as u64, t.lower)));
    f(fid(T_PREV_SHAPE0, pair(prev as u64, t.shape)));
    if let Some(d) = ctx.earlier {
        f(fid(T_DOC, d as u64));
        f(fid(T_DOC_SHAPE, pair(d as u64, t.shape)));
    }
    if let Some(d) = ctx.others {
        f(fid(T_AGG, d as u64));
        f(fid(T_AGG_SHAPE, pair(d as u64, t.shape)));
        f(fid(T_AGG_PREV, pair(d as u64, prev as u64)));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_hyphenated_word_is_common_when_each_part_is_a_word() {
        let lex = Lexicon::from_word_list("hand\nin\nt\nmobile\ncola\nHaftar\n");
        assert!(lex.is_common("Hand-in-hand"));
        assert!(lex.is_common("mobile"));
        // A letter the list holds is no word of a compound.
        assert!(!lex.is_common("T-Mobile"));
        assert!(!lex.is_common("Coca-Cola"));
        assert!(!lex.is_common("Haftar"));
        assert!(lex.is_name("Haftar"));
    }

    #[test]
    fn shapes_and_flags() {
        let a = token_info("Haftar");
        let b = token_info("Sirte");
        assert_eq!(a.shape, b.shape, "Xxxxx runs collapse");
        assert_ne!(a.shape, token_info("GNA").shape);
        assert_eq!(token_info("U.S.").shape, token_info("U.N.").shape);
        assert!(a.flags & INIT_CAP != 0 && a.flags & ALL_CAPS == 0);
        assert!(token_info("GNA").flags & ALL_CAPS != 0);
        assert!(token_info("1,000").flags & HAS_DIGIT != 0);
        assert!(token_info(",").flags & PUNCT != 0);
        assert!(token_info("McDonald").flags & MIXED_CAPS != 0);
        assert_eq!(token_info("Libya").lower, token_info("LIBYA").lower);
        assert_ne!(token_info("Libya").raw, token_info("LIBYA").raw);
        // Unicode words fold too.
        assert_eq!(token_info("Erdoğan").lower, token_info("ERDOĞAN").lower);
        assert!(token_info("Zürich").flags & INIT_CAP != 0);
    }

    #[test]
    fn lower_hash_agrees_with_token_info() {
        for w in [
            "Libya",
            "al-Mahjoub",
            "ERDOĞAN",
            "Zürich",
            "İstanbul",
            "",
            "1,000",
            "’s",
            "…",
        ] {
            assert_eq!(lower_hash(w), token_info(w).lower, "{w}");
        }
    }

    #[test]
    fn typographic_punctuation_reads_as_ascii() {
        assert_eq!(token_info("’s").lower, token_info("'s").lower);
        assert_eq!(token_info("’s").shape, token_info("'s").shape);
        assert_eq!(token_info("“").raw, token_info("\"").raw);
        assert_eq!(token_info("—").lower, token_info("-").lower);
        assert_eq!(token_info("…").lower, token_info("...").lower);
        assert_eq!(
            token_info("Ould‑Abdallah").shape,
            token_info("Ould-Abdallah").shape
        );
    }

    #[test]
    fn affixes_share_hashes_across_case() {
        let a = token_info("Libyan");
        let b = token_info("Syrian");
        assert_eq!(a.suffix[1], b.suffix[1], "-an");
        assert_eq!(a.prefix[0], token_info("lamb").prefix[0]);
        let short = token_info("UN");
        assert_eq!(short.prefix[3], short.prefix[1]);
    }

    #[test]
    fn glove_clusters_group_words_of_a_kind() {
        let c = Clusters::embedded();
        // 100,000 words, a few of which hash alike once lowercased (`’`).
        assert!(c.len() > 99_900, "{}", c.len());
        let fine = |w: &str| c.of(lower_hash(w)) >> 16;
        assert_ne!(fine("Putin"), 0);
        assert_eq!(fine("Putin"), fine("Yeltsin"), "Russian leaders");
        assert_eq!(fine("Monday"), fine("Thursday"));
        assert_ne!(fine("Putin"), fine("Monday"));
        assert_eq!(c.of(lower_hash("Xqzzyvv")), 0);
        let both = c.of(lower_hash("the"));
        assert!(both & 0xffff != 0 && both >> 16 != 0);
    }

    #[test]
    fn own_and_context_features_are_the_static_features() {
        let words = ["Haftar", "met", "ERDOGAN", "in", "Ankara", "."];
        let mut toks = Vec::new();
        prepare(
            &words,
            &DocInfo::new([&words[..]]),
            Gazetteer::embedded(),
            &Lexicon::default(),
            &mut toks,
        );
        for i in 0..toks.len() {
            let mut all = Vec::new();
            static_features(&toks, i, |f| all.push(f));
            let mut parts = Vec::new();
            own_features(&toks[i], |f| parts.push(f));
            context_features(&toks, i, |f| parts.push(f));
            all.sort_unstable();
            parts.sort_unstable();
            assert_eq!(all, parts, "token {i}");
            assert!(all.len() > 30);
        }
    }

    #[test]
    fn feature_ids_are_nonzero_and_distinct_by_template() {
        assert_ne!(fid(T_W0, 5), fid(T_RAW0, 5));
        assert_ne!(fid(T_W0, 0), 0);
    }
}

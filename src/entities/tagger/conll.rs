//! Reading CoNLL-style NER files (one token per line, the tag in the last
//! column, blank lines between sentences, `-DOCSTART-` between documents)
//! and scoring predictions against them the way conlleval does.

use crate::entities::kind::Kind;

use super::TagSpan;

/// A sentence with its gold entities (token ranges, end exclusive).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct LabeledSentence {
    pub tokens: Vec<String>,
    pub entities: Vec<(usize, usize, Kind)>,
}

pub type LabeledDocument = Vec<LabeledSentence>;

/// Parses a CoNLL file: IOB1 (CoNLL-2003), IOB2/BIO or BILOU/IOBES tags
/// in the last column, decoded with conlleval's chunk rules. Sentences
/// before the first `-DOCSTART-` form a document of their own.
pub fn read_conll(text: &str) -> Vec<LabeledDocument> {
    let mut docs: Vec<LabeledDocument> = Vec::new();
    let mut doc: LabeledDocument = Vec::new();
    let mut tokens: Vec<String> = Vec::new();
    let mut tags: Vec<String> = Vec::new();
    let flush = |tokens: &mut Vec<String>, tags: &mut Vec<String>, doc: &mut LabeledDocument| {
        if !tokens.is_empty() {
            doc.push(LabeledSentence {
                entities: chunks(tags),
                tokens: std::mem::take(tokens),
            });
            tags.clear();
        }
    };
    for line in text.lines() {
        let mut cols = line.split_whitespace();
        let Some(first) = cols.next() else {
            flush(&mut tokens, &mut tags, &mut doc);
            continue;
        };
        if first == "-DOCSTART-" {
            flush(&mut tokens, &mut tags, &mut doc);
            if !doc.is_empty() {
                docs.push(std::mem::take(&mut doc));
            }
            continue;
        }
        let tag = cols.last().unwrap_or("O");
        tokens.push(first.to_string());
        tags.push(tag.to_string());
    }
    flush(&mut tokens, &mut tags, &mut doc);
    if !doc.is_empty() {
        docs.push(doc);
    }
    docs
}

/// Entities of a tag sequence, with conlleval's rules (so IOB1, IOB2 and
/// IOBES all decode). Types other than PER/ORG/LOC/MISC are dropped.
fn chunks(tags: &[String]) -> Vec<(usize, usize, Kind)> {
    let split = |t: &str| -> (char, String) {
        if t == "O" || t.len() < 3 {
            return ('O', String::new());
        }
        let p = match t.as_bytes()[0] {
            b'L' | b'E' => 'E',
            b'U' | b'S' => 'S',
            b'B' => 'B',
            _ => 'I',
        };
        (p, t[2..].to_string())
    };
    let mut out = Vec::new();
    let mut open: Option<(usize, String)> = None;
    let (mut pp, mut pt) = ('O', String::new());
    for (i, t) in tags.iter().enumerate() {
        let (p, ty) = split(t);
        let end = matches!(pp, 'E' | 'S')
            || (pp == 'B' || pp == 'I') && matches!(p, 'B' | 'S' | 'O')
            || pp != 'O' && pt != ty;
        let start = matches!(p, 'B' | 'S')
            || (pp == 'E' || pp == 'S' || pp == 'O') && matches!(p, 'I' | 'E')
            || p != 'O' && pt != ty;
        if end && let Some((s, k)) = open.take() {
            out.extend(Kind::from_conll(&k).map(|k| (s, i, k)));
        }
        if start && p != 'O' {
            open = Some((i, ty.clone()));
        }
        pp = p;
        pt = ty;
    }
    if let Some((s, k)) = open {
        out.extend(Kind::from_conll(&k).map(|k| (s, tags.len(), k)));
    }
    out
}

/// Precision, recall and F1 of exact-span matches, overall and per type.
#[derive(Clone, Debug, Default)]
pub struct Scores {
    /// `(gold, predicted, correct)` overall and for each kind, in
    /// [`super::KINDS`] order.
    pub overall: (usize, usize, usize),
    pub by_kind: [(usize, usize, usize); 4],
}

impl Scores {
    pub fn prf(c: (usize, usize, usize)) -> (f64, f64, f64) {
        let (g, p, ok) = (c.0 as f64, c.1 as f64, c.2 as f64);
        let pr = if p > 0.0 { ok / p } else { 0.0 };
        let re = if g > 0.0 { ok / g } else { 0.0 };
        let f = if pr + re > 0.0 {
            2.0 * pr * re / (pr + re)
        } else {
            0.0
        };
        (pr, re, f)
    }
}

/// Scores predicted spans (per document, per sentence) against gold.
pub fn score(gold: &[LabeledDocument], pred: &[Vec<Vec<TagSpan>>]) -> Scores {
    let mut s = Scores::default();
    let ki = |k: Kind| super::KINDS.iter().position(|&x| x == k);
    for (gd, pd) in gold.iter().zip(pred) {
        for (gs, ps) in gd.iter().zip(pd) {
            for &(_, _, k) in &gs.entities {
                s.overall.0 += 1;
                if let Some(i) = ki(k) {
                    s.by_kind[i].0 += 1;
                }
            }
            for p in ps {
                s.overall.1 += 1;
                let i = ki(p.kind);
                if let Some(i) = i {
                    s.by_kind[i].1 += 1;
                }
                if gs.entities.contains(&(p.start, p.end, p.kind)) {
                    s.overall.2 += 1;
                    if let Some(i) = i {
                        s.by_kind[i].2 += 1;
                    }
                }
            }
        }
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_iob1_documents() {
        let text = "-DOCSTART- -X- O O\n\nEU NNP I-NP I-ORG\nrejects VBZ I-VP O\nGerman JJ I-NP I-MISC\ncall NN I-NP O\n\nPeter NNP I-NP I-PER\nSmith NNP I-NP I-PER\nJohn NNP I-NP B-PER\n\n-DOCSTART- -X- O O\n\nIn IN O O\nParis NNP I-NP I-LOC\n";
        let docs = read_conll(text);
        assert_eq!(docs.len(), 2);
        assert_eq!(docs[0].len(), 2);
        assert_eq!(
            docs[0][0].entities,
            [(0, 1, Kind::Organization), (2, 3, Kind::Misc)]
        );
        assert_eq!(
            docs[0][1].entities,
            [(0, 2, Kind::Person), (2, 3, Kind::Person)]
        );
        assert_eq!(docs[1][0].tokens, ["In", "Paris"]);
        assert_eq!(docs[1][0].entities, [(1, 2, Kind::Location)]);
    }

    #[test]
    fn reads_bilou_and_bio() {
        let tags: Vec<String> = ["B-PER", "L-PER", "U-LOC", "O", "B-ORG", "I-ORG", "I-LOC"]
            .iter()
            .map(|s| s.to_string())
            .collect();
        assert_eq!(
            chunks(&tags),
            [
                (0, 2, Kind::Person),
                (2, 3, Kind::Location),
                (4, 6, Kind::Organization),
                (6, 7, Kind::Location)
            ]
        );
    }
}

//! The extraction pipeline for one article: tokens -> tagger -> rules ->
//! dates -> linking -> mentions with byte offsets.

use std::ops::Range;

use chrono::NaiveDate;

use super::dates::{DateSpan, find_dates};
use super::gazetteer::Gazetteer;
use super::link::link;
use super::rules::{self, Link, Span};
use super::tagger::Tagger;
use super::tokens::{Token, sentence_spans, tokenize};
use super::{ArticleEntities, FoundEntity, FoundMention, Kind};

/// Finds, types and links the entities of one article at a time. Cheap to
/// create (the model and gazetteers are loaded once per process) and
/// shareable across threads.
#[derive(Debug)]
pub struct Extractor {
    gaz: &'static Gazetteer,
    tagger: &'static Tagger,
}

impl Default for Extractor {
    fn default() -> Self {
        Self::new()
    }
}

impl Extractor {
    pub fn new() -> Self {
        Extractor {
            gaz: Gazetteer::embedded(),
            tagger: Tagger::embedded(),
        }
    }

    /// The entities of `body`, with dates resolved against `date`.
    pub fn extract(&self, body: &str, date: Option<NaiveDate>) -> ArticleEntities {
        let tokens = tokenize(body);
        if tokens.is_empty() {
            return ArticleEntities::default();
        }
        let words: Vec<&str> = tokens.iter().map(|t| t.text(body)).collect();
        let sentences = sentence_spans(body, &tokens);
        let (spans, links) = self.names(&words, &sentences);

        let dates = find_dates(&words, date);
        let spans = drop_date_words(spans, &dates);
        let dates = drop_dates_inside_names(dates, &spans);

        let surface =
            |s: &Span| &body[tokens[s.start].start as usize..tokens[s.end - 1].end as usize];
        let linked = link(&words, &spans, &links, surface, self.gaz);

        let mut out = ArticleEntities::default();
        for g in &linked.groups {
            out.entities.push(FoundEntity {
                name: g.name.clone(),
                kind: g.kind,
                aliases: g.aliases.clone(),
                date: None,
            });
        }
        let mut mentions: Vec<FoundMention> = spans
            .iter()
            .zip(&linked.group_of)
            .map(|(s, &g)| mention(&tokens, s.start, s.end, g))
            .collect();
        // Dates: one entity per resolved value (or per text when unresolved).
        let mut date_entity: Vec<(Option<super::DateValue>, String, u32)> = Vec::new();
        for d in &dates {
            let text = surface(&Span::new(d.start, d.end, Kind::Date, 1.0));
            let key_text = if d.value.is_some() {
                String::new()
            } else {
                text.to_lowercase()
            };
            let id = match date_entity
                .iter()
                .find(|(v, t, _)| *v == d.value && *t == key_text)
            {
                Some((_, _, id)) => *id,
                None => {
                    let id = out.entities.len() as u32;
                    out.entities.push(FoundEntity {
                        name: text.to_string(),
                        kind: Kind::Date,
                        aliases: Vec::new(),
                        date: d.value,
                    });
                    date_entity.push((d.value, key_text, id));
                    id
                }
            };
            let e = &mut out.entities[id as usize];
            if !e.aliases.iter().any(|a| a == text) {
                e.aliases.push(text.to_string());
            }
            mentions.push(mention(&tokens, d.start, d.end, id as usize));
        }
        mentions.sort_by_key(|m| m.start);
        out.mentions = mentions;
        out
    }

    /// Names (not dates) over a document's tokens: the tagger, then the
    /// rules. Returns the spans, sorted and not overlapping, and the pairs
    /// the text says are one entity.
    pub fn names(&self, words: &[&str], sentences: &[Range<usize>]) -> (Vec<Span>, Vec<Link>) {
        let mut sentence_start = vec![false; words.len()];
        for r in sentences {
            if let Some(s) = sentence_start.get_mut(r.start) {
                *s = true;
            }
        }
        let mut spans = self.tag(words, sentences);
        rules::strip_titles(words, &mut spans);
        rules::extend_particle_names(words, &mut spans);
        rules::trim_function_words(words, &sentence_start, &mut spans, self.gaz);
        rules::people_by_apposition(words, &mut spans);
        rules::gazetteer(words, &mut spans, self.gaz);
        rules::facilities(words, &mut spans);
        rules::place_nouns(words, &mut spans);
        let mut links = rules::acronym_definitions(words, &mut spans);
        rules::derived_demonyms(words, &mut spans, self.gaz);
        rules::split_known_pairs(words, &mut spans);
        links.extend(rules::also_known_as(words, &spans));
        (spans, links)
    }

    /// What lede finds in already tokenized text (the CoNLL evaluation):
    /// names through the tagger, the rules and linking (which settles each
    /// entity's kind across the document), per sentence as token ranges.
    pub fn tag_tokens(&self, sentences: &[Vec<&str>]) -> Vec<Vec<(usize, usize, Kind)>> {
        let words: Vec<&str> = sentences.iter().flatten().copied().collect();
        let mut ranges = Vec::with_capacity(sentences.len());
        let mut at = 0;
        for s in sentences {
            ranges.push(at..at + s.len());
            at += s.len();
        }
        let (spans, links) = self.names(&words, &ranges);
        let surfaces: Vec<String> = spans
            .iter()
            .map(|s| words[s.start..s.end].join(" "))
            .collect();
        let surface = |s: &Span| {
            let i = spans
                .binary_search_by_key(&(s.start, s.end), |x| (x.start, x.end))
                .expect("a span of the list");
            surfaces[i].as_str()
        };
        let linked = link(&words, &spans, &links, surface, self.gaz);
        let mut out: Vec<Vec<(usize, usize, Kind)>> = vec![Vec::new(); sentences.len()];
        for (s, &g) in spans.iter().zip(&linked.group_of) {
            // Rules never join sentences; a span that did would be dropped.
            if let Some(k) = ranges
                .iter()
                .position(|r| r.start <= s.start && s.end <= r.end)
            {
                let base = ranges[k].start;
                out[k].push((s.start - base, s.end - base, linked.groups[g].kind));
            }
        }
        out
    }

    /// The tagger's spans over the whole document, sentence by sentence,
    /// as token ranges of the document.
    fn tag(&self, words: &[&str], sentences: &[Range<usize>]) -> Vec<Span> {
        let sentence_words: Vec<Vec<&str>> = sentences
            .iter()
            .map(|r| words[r.clone()].to_vec())
            .collect();
        let tagged = self.tagger.tag_document(&sentence_words);
        let mut out = Vec::new();
        for (r, spans) in sentences.iter().zip(tagged) {
            for t in spans {
                out.push(Span::new(
                    r.start + t.start,
                    r.start + t.end,
                    t.kind,
                    confidence(t.score),
                ));
            }
        }
        out
    }
}

/// The tagger's margin (in weight units, 0 = a coin toss) as a confidence
/// below 1; rules that are sure of a span give it exactly 1.
fn confidence(margin: f32) -> f32 {
    let m = margin.max(0.0);
    m / (m + MARGIN_HALF)
}

/// The margin at which the tagger is taken to be half sure.
const MARGIN_HALF: f32 = 50.0;

fn mention(tokens: &[Token], start: usize, end: usize, entity: usize) -> FoundMention {
    FoundMention {
        start: tokens[start].start,
        end: tokens[end - 1].end,
        entity: entity as u32,
    }
}

/// A month or weekday the tagger took for a name is a date: names that
/// lie wholly inside a date expression go.
fn drop_date_words(spans: Vec<Span>, dates: &[DateSpan]) -> Vec<Span> {
    spans
        .into_iter()
        .filter(|s| !dates.iter().any(|d| d.start <= s.start && s.end <= d.end))
        .collect()
}

/// A date that overlaps a longer name belongs to the name (`the May 19
/// Brigade`).
fn drop_dates_inside_names(dates: Vec<DateSpan>, spans: &[Span]) -> Vec<DateSpan> {
    dates
        .into_iter()
        .filter(|d| !spans.iter().any(|s| s.start < d.end && d.start < s.end))
        .collect()
}

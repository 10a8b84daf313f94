//! What the filter reads of every article, packed: titles in one string,
//! entity sets in one array. A keystroke over 100,000 articles then reads
//! memory in order instead of following two pointers per article, which
//! is most of what stands between a keystroke and the updated list.

use chrono::NaiveDate;

use crate::index::EntityId;

#[derive(Debug, Default)]
pub struct Columns {
    titles: String,
    title_at: Vec<(u32, u32)>,
    dates: Vec<Option<NaiveDate>>,
    entities: Vec<EntityId>,
    entities_at: Vec<(u32, u32)>,
    /// Entity ids no article points at any more (sets replaced).
    stale: usize,
}

fn span(start: usize, len: usize) -> (u32, u32) {
    (
        u32::try_from(start).expect("columns under 4 GB"),
        u32::try_from(len).expect("columns under 4 GB"),
    )
}

impl Columns {
    pub fn len(&self) -> usize {
        self.title_at.len()
    }

    pub fn is_empty(&self) -> bool {
        self.title_at.is_empty()
    }

    /// Adds the next article.
    pub fn push(&mut self, title: &str, date: Option<NaiveDate>, entities: &[EntityId]) {
        self.title_at.push(span(self.titles.len(), title.len()));
        self.titles.push_str(title);
        self.dates.push(date);
        self.entities_at
            .push(span(self.entities.len(), entities.len()));
        self.entities.extend_from_slice(entities);
    }

    pub fn title(&self, a: usize) -> &str {
        let (s, n) = self.title_at[a];
        &self.titles[s as usize..(s + n) as usize]
    }

    pub fn date(&self, a: usize) -> Option<NaiveDate> {
        self.dates[a]
    }

    /// The distinct entities article `a` mentions, sorted by id.
    pub fn entities(&self, a: usize) -> &[EntityId] {
        let (s, n) = self.entities_at[a];
        &self.entities[s as usize..(s + n) as usize]
    }

    /// Replaces article `a`'s entity set (its mentions changed).
    pub fn set_entities(&mut self, a: usize, entities: &[EntityId]) {
        let (s, n) = self.entities_at[a];
        if entities.len() <= n as usize {
            // Fits where the old set was.
            let at = s as usize;
            self.entities[at..at + entities.len()].copy_from_slice(entities);
            self.stale += n as usize - entities.len();
            self.entities_at[a] = span(at, entities.len());
        } else {
            self.stale += n as usize;
            self.entities_at[a] = span(self.entities.len(), entities.len());
            self.entities.extend_from_slice(entities);
        }
        if self.stale > self.entities.len() / 2 && self.stale > 4096 {
            self.compact();
        }
    }

    /// Renumbers every entity set after the index merged entities: each
    /// id through `map` (gone ones dropped), each set sorted again and
    /// merged duplicates removed; the sets are packed afresh.
    pub fn renumber(&mut self, map: impl Fn(EntityId) -> Option<EntityId>) {
        let mut packed = Vec::with_capacity(self.entities.len() - self.stale);
        let mut set: Vec<EntityId> = Vec::new();
        for at in &mut self.entities_at {
            let (s, n) = *at;
            set.clear();
            set.extend(
                self.entities[s as usize..(s + n) as usize]
                    .iter()
                    .filter_map(|&e| map(e)),
            );
            set.sort_unstable();
            set.dedup();
            *at = span(packed.len(), set.len());
            packed.extend_from_slice(&set);
        }
        self.entities = packed;
        self.stale = 0;
    }

    fn compact(&mut self) {
        let mut packed = Vec::with_capacity(self.entities.len() - self.stale);
        for at in &mut self.entities_at {
            let (s, n) = *at;
            *at = span(packed.len(), n as usize);
            packed.extend_from_slice(&self.entities[s as usize..(s + n) as usize]);
        }
        self.entities = packed;
        self.stale = 0;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn push_read_and_replace() {
        let mut c = Columns::default();
        c.push("First", None, &[1, 2, 3]);
        c.push("Second", NaiveDate::from_ymd_opt(2020, 1, 6), &[]);
        assert_eq!(c.title(1), "Second");
        assert_eq!(c.entities(0), [1, 2, 3]);
        assert_eq!(c.date(1), NaiveDate::from_ymd_opt(2020, 1, 6));
        c.set_entities(1, &[7, 8]);
        c.set_entities(0, &[4]);
        assert_eq!(c.entities(0), [4]);
        assert_eq!(c.entities(1), [7, 8]);
        for k in 0..10_000u32 {
            c.set_entities(0, &[k, k + 1, k + 2]);
        }
        assert_eq!(c.entities(0), [9999, 10000, 10001]);
        assert_eq!(c.entities(1), [7, 8]);
        assert!(c.entities.len() < 20_000, "compacted");
    }

    #[test]
    fn renumbering_merges_and_drops() {
        let mut c = Columns::default();
        c.push("a", None, &[0, 1, 2]);
        c.push("b", None, &[2, 3]);
        // 1 merged into 0, 3 gone, 2 becomes 1.
        c.renumber(|e| [Some(0), Some(0), Some(1), None][e as usize]);
        assert_eq!(c.entities(0), [0, 1]);
        assert_eq!(c.entities(1), [1]);
    }
}

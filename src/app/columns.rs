//! What the filter reads of every article, packed: titles in one string,
//! sets of surfaces (what the articles mention, before any resolution) in
//! one array. A keystroke over 100,000 articles then reads
//! memory in order instead of following two pointers per article, which
//! is most of what stands between a keystroke and the updated list.

use chrono::NaiveDate;

use crate::resolve::SurfaceId;

#[derive(Debug, Default)]
pub struct Columns {
    titles: String,
    title_at: Vec<(u32, u32)>,
    dates: Vec<Option<NaiveDate>>,
    surfaces: Vec<SurfaceId>,
    surfaces_at: Vec<(u32, u32)>,
    /// Slots no article points at any more (sets replaced).
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

    /// Bytes held on the heap (capacities): what `mem_report` shows.
    pub fn heap_bytes(&self) -> usize {
        self.titles.capacity()
            + self.title_at.capacity() * size_of::<(u32, u32)>()
            + self.dates.capacity() * size_of::<Option<NaiveDate>>()
            + self.surfaces.capacity() * size_of::<SurfaceId>()
            + self.surfaces_at.capacity() * size_of::<(u32, u32)>()
    }

    /// Adds the next article.
    pub fn push(&mut self, title: &str, date: Option<NaiveDate>, surfaces: &[SurfaceId]) {
        self.title_at.push(span(self.titles.len(), title.len()));
        self.titles.push_str(title);
        self.dates.push(date);
        self.surfaces_at
            .push(span(self.surfaces.len(), surfaces.len()));
        self.surfaces.extend_from_slice(surfaces);
    }

    pub fn title(&self, a: usize) -> &str {
        let (s, n) = self.title_at[a];
        &self.titles[s as usize..(s + n) as usize]
    }

    pub fn date(&self, a: usize) -> Option<NaiveDate> {
        self.dates[a]
    }

    /// The distinct surfaces article `a` mentions, sorted.
    pub fn surfaces(&self, a: usize) -> &[SurfaceId] {
        let (s, n) = self.surfaces_at[a];
        &self.surfaces[s as usize..(s + n) as usize]
    }

    /// Replaces article `a`'s set (its mentions changed).
    pub fn set_surfaces(&mut self, a: usize, surfaces: &[SurfaceId]) {
        let (s, n) = self.surfaces_at[a];
        if surfaces.len() <= n as usize {
            // Fits where the old set was.
            let at = s as usize;
            self.surfaces[at..at + surfaces.len()].copy_from_slice(surfaces);
            self.stale += n as usize - surfaces.len();
            self.surfaces_at[a] = span(at, surfaces.len());
        } else {
            self.stale += n as usize;
            self.surfaces_at[a] = span(self.surfaces.len(), surfaces.len());
            self.surfaces.extend_from_slice(surfaces);
        }
        if self.stale > self.surfaces.len() / 2 && self.stale > 4096 {
            self.compact();
        }
    }

    fn compact(&mut self) {
        let mut packed = Vec::with_capacity(self.surfaces.len() - self.stale);
        for at in &mut self.surfaces_at {
            let (s, n) = *at;
            *at = span(packed.len(), n as usize);
            packed.extend_from_slice(&self.surfaces[s as usize..(s + n) as usize]);
        }
        self.surfaces = packed;
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
        assert_eq!(c.surfaces(0), [1, 2, 3]);
        assert_eq!(c.date(1), NaiveDate::from_ymd_opt(2020, 1, 6));
        c.set_surfaces(1, &[7, 8]);
        c.set_surfaces(0, &[4]);
        assert_eq!(c.surfaces(0), [4]);
        assert_eq!(c.surfaces(1), [7, 8]);
        for k in 0..10_000u32 {
            c.set_surfaces(0, &[k, k + 1, k + 2]);
        }
        assert_eq!(c.surfaces(0), [9999, 10000, 10001]);
        assert_eq!(c.surfaces(1), [7, 8]);
        assert!(c.surfaces.len() < 20_000, "compacted");
    }

    #[test]
    fn heap_bytes_cover_what_is_held() {
        let mut c = Columns::default();
        assert_eq!(c.heap_bytes(), 0);
        let title = "a title of forty bytes, give or take it!";
        for k in 0..1000u32 {
            c.push(title, None, &[k, k + 1]);
        }
        // Titles, two spans, a date and two surfaces per article.
        let held = 1000 * (title.len() + 8 + 8 + size_of::<Option<NaiveDate>>() + 2 * 4);
        assert!(c.heap_bytes() >= held, "{} < {held}", c.heap_bytes());
        assert!(c.heap_bytes() <= 2 * held + 4096, "capacities, not more");
    }
}

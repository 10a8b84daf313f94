//! How far a load has come: what the status line's gauge shows.

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Progress {
    /// Files found so far, and whether the walk is over.
    pub files_found: u64,
    pub walk_done: bool,
    /// Files whose articles are listed (parsed or from the cache).
    pub files_listed: u64,
    pub bytes_found: u64,
    pub bytes_listed: u64,
    /// Articles listed, and articles whose entities are known.
    pub articles: u64,
    pub extracted: u64,
    /// Mentions found so far.
    pub mentions: u64,
    /// Bytes of articles still to extract, and the recent extraction rate.
    pub bytes_to_extract: u64,
    pub extract_bytes_per_sec: u64,
}

impl Progress {
    pub fn done(&self) -> bool {
        self.walk_done && self.files_listed >= self.files_found && self.extracted >= self.articles
    }

    /// Seconds until extraction is done, at the recent rate.
    pub fn eta_secs(&self) -> Option<u64> {
        (self.extract_bytes_per_sec > 0).then(|| self.bytes_to_extract / self.extract_bytes_per_sec)
    }
}

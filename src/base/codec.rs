//! A small binary encoding: LEB128 varints, zigzag for signed numbers, and
//! length-prefixed strings. The cache rows and the tagger's model file are
//! written with it. Hand-rolled because a cache row is decoded 100,000
//! times on a warm start and must cost microseconds; every read is
//! bounds-checked, so damaged bytes are an error, never a panic.

#[derive(Default)]
pub struct Writer {
    pub buf: Vec<u8>,
}

impl Writer {
    pub fn u64(&mut self, mut v: u64) {
        while v >= 0x80 {
            self.buf.push((v as u8) | 0x80);
            v >>= 7;
        }
        self.buf.push(v as u8);
    }

    pub fn i64(&mut self, v: i64) {
        self.u64(zigzag(v));
    }

    pub fn bytes(&mut self, b: &[u8]) {
        self.buf.extend_from_slice(b);
    }

    pub fn str(&mut self, s: &str) {
        self.blob(s.as_bytes());
    }

    /// Length-prefixed bytes.
    pub fn blob(&mut self, b: &[u8]) {
        self.u64(b.len() as u64);
        self.buf.extend_from_slice(b);
    }

    pub fn opt_str(&mut self, s: Option<&str>) {
        match s {
            Some(s) => {
                self.buf.push(1);
                self.str(s);
            }
            None => self.buf.push(0),
        }
    }

    pub fn bool(&mut self, b: bool) {
        self.buf.push(b as u8);
    }
}

/// Zigzag encoding: small negative numbers stay short as varints.
pub fn zigzag(v: i64) -> u64 {
    ((v << 1) ^ (v >> 63)) as u64
}

pub fn unzigzag(z: u64) -> i64 {
    ((z >> 1) as i64) ^ -((z & 1) as i64)
}

/// The bytes end early or hold something no writer writes.
#[derive(Debug, PartialEq, Eq)]
pub struct Damaged;

pub struct Reader<'a> {
    buf: &'a [u8],
    pos: usize,
}

impl<'a> Reader<'a> {
    pub fn new(buf: &'a [u8]) -> Self {
        Reader { buf, pos: 0 }
    }

    #[inline]
    pub fn at_end(&self) -> bool {
        self.pos == self.buf.len()
    }

    fn byte(&mut self) -> Result<u8, Damaged> {
        let b = *self.buf.get(self.pos).ok_or(Damaged)?;
        self.pos += 1;
        Ok(b)
    }

    #[inline]
    pub fn u64(&mut self) -> Result<u64, Damaged> {
        // One byte: most varints of postings and rows.
        if let Some(&b) = self.buf.get(self.pos)
            && b < 0x80
        {
            self.pos += 1;
            return Ok(u64::from(b));
        }
        self.u64_long()
    }

    fn u64_long(&mut self) -> Result<u64, Damaged> {
        let mut v = 0u64;
        for shift in (0..64).step_by(7) {
            let b = self.byte()?;
            v |= u64::from(b & 0x7f) << shift;
            if b < 0x80 {
                return Ok(v);
            }
        }
        Err(Damaged)
    }

    pub fn u32(&mut self) -> Result<u32, Damaged> {
        u32::try_from(self.u64()?).map_err(|_| Damaged)
    }

    pub fn i64(&mut self) -> Result<i64, Damaged> {
        Ok(unzigzag(self.u64()?))
    }

    /// Bytes not read yet.
    pub fn remaining(&self) -> usize {
        self.buf.len() - self.pos
    }

    pub fn str(&mut self) -> Result<&'a str, Damaged> {
        std::str::from_utf8(self.blob()?).map_err(|_| Damaged)
    }

    /// What [`Writer::blob`] wrote.
    pub fn blob(&mut self) -> Result<&'a [u8], Damaged> {
        let len = usize::try_from(self.u64()?).map_err(|_| Damaged)?;
        let end = self.pos.checked_add(len).ok_or(Damaged)?;
        let bytes = self.buf.get(self.pos..end).ok_or(Damaged)?;
        self.pos = end;
        Ok(bytes)
    }

    pub fn opt_str(&mut self) -> Result<Option<&'a str>, Damaged> {
        match self.byte()? {
            0 => Ok(None),
            1 => self.str().map(Some),
            _ => Err(Damaged),
        }
    }

    pub fn bool(&mut self) -> Result<bool, Damaged> {
        match self.byte()? {
            0 => Ok(false),
            1 => Ok(true),
            _ => Err(Damaged),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trip() {
        let mut w = Writer::default();
        w.u64(0);
        w.u64(300);
        w.u64(u64::MAX);
        w.i64(-5);
        w.i64(i64::from(i16::MIN));
        w.i64(i64::MIN);
        w.str("Khalifa Haftar ✓");
        w.opt_str(None);
        w.opt_str(Some(""));
        w.bool(true);
        let mut r = Reader::new(&w.buf);
        assert_eq!(r.u64(), Ok(0));
        assert_eq!(r.u64(), Ok(300));
        assert_eq!(r.u64(), Ok(u64::MAX));
        assert_eq!(r.i64(), Ok(-5));
        assert_eq!(r.i64(), Ok(i64::from(i16::MIN)));
        assert_eq!(r.i64(), Ok(i64::MIN));
        assert_eq!(r.str(), Ok("Khalifa Haftar ✓"));
        assert_eq!(r.opt_str(), Ok(None));
        assert_eq!(r.opt_str(), Ok(Some("")));
        assert_eq!(r.bool(), Ok(true));
        assert!(r.at_end());
    }

    #[test]
    fn damage_is_an_error() {
        let mut w = Writer::default();
        w.str("hello");
        let cut = &w.buf[..3];
        assert_eq!(Reader::new(cut).str(), Err(Damaged));
        assert_eq!(Reader::new(&[0xff; 11]).u64(), Err(Damaged));
        assert_eq!(Reader::new(&[2, 0xff, 0xfe]).str(), Err(Damaged));
        assert_eq!(Reader::new(&[7]).bool(), Err(Damaged));
    }
}

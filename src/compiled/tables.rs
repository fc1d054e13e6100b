//! The matcher's tables (see [`crate::matcher::Tables`]: names, keys, their forms and candidates) as
//! bytes: the part of a compiled lens ([`crate::compiled`]) that build.rs also writes for the built-in
//! knowledge base, so `Lens::builtin` reads its tables instead of folding and expanding every name.
//! Its own module, with no build stamp, because build.rs compiles it (and the derivation) too.
//!
//! Laid out to stay small in the `.wasm` (the built-in tables are about 270 KB, 64 KB gzip -9): numbers as
//! LEB128 varints, the sorted keys front-coded (the length shared with the key before, then the rest),
//! each key's candidates as a count, a candidate as one varint (name index and two flags). A reader
//! checks every count, code, index and key, so damaged bytes are refused with [`Error::Compiled`] and
//! never misread.

use crate::error::Error;
use crate::matcher::{Candidate, NameEntry, NameKind, Names, Tables};
use crate::variants::Form;

/// Every [`NameKind`], in code order: the code of a kind is its index.
const KINDS: [NameKind; 8] = [
    NameKind::Name,
    NameKind::Alias,
    NameKind::Acronym,
    NameKind::WeakAcronym,
    NameKind::WeakAlias,
    NameKind::DefinedOnly,
    NameKind::ShortName,
    NameKind::Arabic,
];

/// Every [`Form`], in code order.
const FORMS: [Form; 4] = [Form::Plain, Form::LamArticle, Form::Bare, Form::AfterHead];

fn kind_code(k: NameKind) -> u8 {
    // Exhaustive, so a new kind fails to compile here until it has a code.
    match k {
        NameKind::Name => 0,
        NameKind::Alias => 1,
        NameKind::Acronym => 2,
        NameKind::WeakAcronym => 3,
        NameKind::WeakAlias => 4,
        NameKind::DefinedOnly => 5,
        NameKind::ShortName => 6,
        NameKind::Arabic => 7,
    }
}

fn form_code(f: Form) -> u8 {
    match f {
        Form::Plain => 0,
        Form::LamArticle => 1,
        Form::Bare => 2,
        Form::AfterHead => 3,
    }
}

/// Appends the bytes of `t` to `w`: the names, the keys and the candidates, each a count and then its
/// fields column by column (a column is its length in bytes, then one item per name or key), because
/// gzip finds more to share in like data side by side: the built-in tables are 64.7 KB gzip -9
/// interleaved and 58.9 KB in columns, the same 273 KB raw (BENCHMARKS.md, "Size: the scan-only module").
pub(crate) fn encode(w: &mut Writer, t: &Tables) {
    w.var(t.names.len());
    w.column(|c| t.names.iter().for_each(|n| c.var(n.entity as usize)));
    w.column(|c| {
        for n in t.names.iter() {
            c.u8(kind_code(n.kind)
                | u8::from(n.latin) << 4
                | u8::from(n.person) << 5
                | u8::from(n.exact.is_some()) << 6);
        }
    });
    w.column(|c| {
        for n in t.names.iter() {
            c.var_str(n.text);
            if let Some(e) = &n.exact {
                c.var_str(e);
            }
            c.var_str(n.folded);
        }
    });
    w.var(t.patterns.len());
    let shared: Vec<usize> = std::iter::once(0)
        .chain(t.patterns.windows(2).map(|w| {
            w[0].bytes()
                .zip(w[1].bytes())
                .take_while(|(a, b)| a == b)
                .count()
        }))
        .take(t.patterns.len())
        .collect();
    w.column(|c| shared.iter().for_each(|&n| c.var(n)));
    w.column(|c| {
        for (p, &n) in t.patterns.iter().zip(&shared) {
            c.var_str_bytes(&p.as_bytes()[n..]);
        }
    });
    w.column(|c| t.forms.iter().for_each(|&f| c.u8(form_code(f))));
    w.column(|c| {
        for r in t.cand_start.windows(2) {
            c.var((r[1] - r[0]) as usize);
        }
    });
    w.var(t.cands.len());
    for c in &t.cands {
        w.var((c.name as usize) << 2 | usize::from(c.variant) | usize::from(c.strict) << 1);
    }
}

/// The bytes of `t` alone (what build.rs embeds for the built-in knowledge base; the crate's tests
/// compare them with the tables derived at run time).
#[cfg_attr(not(test), allow(dead_code))]
pub(crate) fn to_bytes(t: &Tables) -> Vec<u8> {
    let mut w = Writer(Vec::with_capacity(t.patterns.len() * 32));
    encode(&mut w, t);
    w.0
}

/// Tables as a reader has them: [`Tables`] with the keys not yet strings of their own, but their bytes
/// one after another and where each ends (the key index's own layout: [`crate::matcher`] builds its
/// index on these bytes without copying them, `Matcher::from_parts`).
pub(crate) struct Parts {
    pub(crate) names: Names,
    /// Every key's bytes, one after another; key `p` ends at `ends[p]`.
    pub(crate) keys: Vec<u8>,
    pub(crate) ends: Vec<u32>,
    pub(crate) forms: Vec<Form>,
    pub(crate) cand_start: Vec<u32>,
    pub(crate) cands: Vec<Candidate>,
}

/// Reads tables from `r`, for a knowledge base of `entities` entities.
pub(crate) fn decode(r: &mut Reader, entities: usize) -> Result<Tables, Error> {
    let p = decode_parts(r, entities)?;
    let mut start = 0;
    let patterns = p
        .ends
        .iter()
        .map(|&end| {
            let k = &p.keys[start..end as usize];
            start = end as usize;
            // Checked by `decode_parts`.
            String::from_utf8(k.to_vec()).expect("a key is UTF-8")
        })
        .collect();
    Ok(Tables {
        names: p.names,
        patterns,
        forms: p.forms,
        cand_start: p.cand_start,
        cands: p.cands,
    })
}

/// [`decode`] with the keys left in one buffer ([`Parts`]).
fn decode_parts(r: &mut Reader, entities: usize) -> Result<Parts, Error> {
    let bad = |what: &str| Error::Compiled(what.to_string());
    let n_names = r.var()?;
    let (mut entity_col, mut flag_col, mut text_col) = (r.column()?, r.column()?, r.column()?);
    // A name takes at least 1 byte in each column: a count from damaged or forged bytes cannot
    // reserve much more.
    let mut names = Names::with_capacity(n_names.min(flag_col.0.len()));
    for _ in 0..n_names {
        let entity = entity_col.var()?;
        if entity >= entities {
            return Err(bad("a name of an entity that is not there"));
        }
        let flags = flag_col.u8()?;
        if flags >> 7 != 0 {
            return Err(bad("bad name flags"));
        }
        let kind = *KINDS
            .get(usize::from(flags & 0xf))
            .ok_or_else(|| bad("unknown name kind"))?;
        let text = text_col.var_str()?;
        let exact = if flags & 1 << 6 != 0 {
            Some(text_col.var_str()?)
        } else {
            None
        };
        names.push(NameEntry {
            entity: entity as u32,
            kind,
            text,
            exact,
            latin: flags & 1 << 4 != 0,
            person: flags & 1 << 5 != 0,
            folded: text_col.var_str()?,
        });
    }
    all_read([entity_col, flag_col, text_col])?;
    let n_patterns = r.var()?;
    let (mut shared_col, mut suffix_col, mut form_col, mut count_col) =
        (r.column()?, r.column()?, r.column()?, r.column()?);
    // A key takes at least 1 byte in each column.
    let reserve = n_patterns.min(form_col.0.len());
    // The keys' bytes together: at most the bytes left times the longest share, so a guess; keys are
    // about 22 bytes (the built-in KB's).
    let mut keys: Vec<u8> = Vec::with_capacity(reserve.saturating_mul(24));
    let mut ends: Vec<u32> = Vec::with_capacity(reserve);
    let mut forms = Vec::with_capacity(reserve);
    let mut cand_start = Vec::with_capacity(reserve + 1);
    cand_start.push(0u32);
    let mut total = 0usize;
    let mut prev = 0..0;
    for _ in 0..n_patterns {
        let shared = shared_col.var()?;
        if shared > prev.len() {
            return Err(bad("a key shares more than the key before has"));
        }
        let start = keys.len();
        keys.extend_from_within(prev.start..prev.start + shared);
        keys.extend_from_slice(suffix_col.var_bytes()?);
        let key = &keys[start..];
        // An empty key would match everywhere without moving the search on.
        if key.is_empty() {
            return Err(bad("an empty spelling"));
        }
        // UTF-8: every key starts on a character (checked here), and all keys together are UTF-8
        // (checked once below), so each key is.
        if key[0] & 0xc0 == 0x80 {
            return Err(bad("bad UTF-8"));
        }
        // Sorted and distinct: the matcher's tables are, and a misread count would break it.
        if !ends.is_empty() && key <= &keys[prev.clone()] {
            return Err(bad("keys out of order"));
        }
        ends.push(u32::try_from(keys.len()).map_err(|_| bad("more than 4 GiB of keys"))?);
        prev = start..keys.len();
        forms.push(
            *FORMS
                .get(form_col.u8()? as usize)
                .ok_or_else(|| bad("unknown spelling form"))?,
        );
        total = total
            .checked_add(count_col.var()?)
            .filter(|&t| t <= u32::MAX as usize)
            .ok_or_else(|| bad("too many candidates"))?;
        cand_start.push(total as u32);
    }
    all_read([shared_col, suffix_col, form_col, count_col])?;
    if std::str::from_utf8(&keys).is_err() {
        return Err(bad("bad UTF-8"));
    }
    let n_cands = r.var()?;
    if n_cands != total {
        return Err(bad("candidate ranges out of order"));
    }
    let mut cands = Vec::with_capacity(n_cands.min(r.0.len()));
    for _ in 0..n_cands {
        let v = r.var()?;
        let name = v >> 2;
        if name >= names.len() {
            return Err(bad("a candidate of a name that is not there"));
        }
        cands.push(Candidate {
            name: name as u32,
            variant: v & 1 != 0,
            strict: v & 2 != 0,
        });
    }
    Ok(Parts {
        names,
        keys,
        ends,
        forms,
        cand_start,
        cands,
    })
}

/// Checks that every item of these columns was read: a count that disagrees with a column's length
/// means damaged bytes.
fn all_read<const N: usize>(columns: [Reader<'_>; N]) -> Result<(), Error> {
    if columns.iter().any(|c| !c.0.is_empty()) {
        return Err(Error::Compiled(
            "a column longer than its count".to_string(),
        ));
    }
    Ok(())
}

/// [`decode`] of bytes that hold tables and nothing else.
#[cfg_attr(not(test), allow(dead_code))]
pub(crate) fn from_bytes(bytes: &[u8], entities: usize) -> Result<Tables, Error> {
    let mut r = Reader(bytes);
    let t = decode(&mut r, entities)?;
    if !r.0.is_empty() {
        return Err(Error::Compiled("trailing bytes".to_string()));
    }
    Ok(t)
}

/// [`from_bytes`] with the keys left in one buffer ([`Parts`]): what `Lens::builtin` reads.
pub(crate) fn parts_from_bytes(bytes: &[u8], entities: usize) -> Result<Parts, Error> {
    let mut r = Reader(bytes);
    let t = decode_parts(&mut r, entities)?;
    if !r.0.is_empty() {
        return Err(Error::Compiled("trailing bytes".to_string()));
    }
    Ok(t)
}

pub(crate) struct Writer(pub(crate) Vec<u8>);

impl Writer {
    pub(crate) fn u8(&mut self, v: u8) {
        self.0.push(v);
    }
    pub(crate) fn u32(&mut self, v: u32) {
        self.0.extend_from_slice(&v.to_le_bytes());
    }
    pub(crate) fn len(&mut self, n: usize) {
        self.u32(u32::try_from(n).expect("fewer than 2^32 items"));
    }
    pub(crate) fn str(&mut self, s: &str) {
        self.len(s.len());
        self.0.extend_from_slice(s.as_bytes());
    }
    /// `n` as an unsigned LEB128 varint: 7 bits a byte, low bits first, the top bit set on all but the last.
    pub(crate) fn var(&mut self, mut n: usize) {
        while n >= 0x80 {
            self.0.push(n as u8 | 0x80);
            n >>= 7;
        }
        self.0.push(n as u8);
    }
    pub(crate) fn var_str_bytes(&mut self, b: &[u8]) {
        self.var(b.len());
        self.0.extend_from_slice(b);
    }
    pub(crate) fn var_str(&mut self, s: &str) {
        self.var_str_bytes(s.as_bytes());
    }
    /// A column: what `write` appends, preceded by its length in bytes ([`Reader::column`]).
    pub(crate) fn column(&mut self, write: impl FnOnce(&mut Writer)) {
        let mut c = Writer(Vec::new());
        write(&mut c);
        self.var_str_bytes(&c.0);
    }
}

pub(crate) struct Reader<'a>(pub(crate) &'a [u8]);

impl<'a> Reader<'a> {
    pub(crate) fn take(&mut self, n: usize) -> Result<&'a [u8], Error> {
        if self.0.len() < n {
            return Err(Error::Compiled("truncated".to_string()));
        }
        let (head, tail) = self.0.split_at(n);
        self.0 = tail;
        Ok(head)
    }
    pub(crate) fn u8(&mut self) -> Result<u8, Error> {
        Ok(self.take(1)?[0])
    }
    pub(crate) fn u32(&mut self) -> Result<u32, Error> {
        Ok(u32::from_le_bytes(
            self.take(4)?.try_into().expect("4 bytes"),
        ))
    }
    pub(crate) fn u64(&mut self) -> Result<u64, Error> {
        Ok(u64::from_le_bytes(
            self.take(8)?.try_into().expect("8 bytes"),
        ))
    }
    pub(crate) fn len(&mut self) -> Result<usize, Error> {
        self.u32().map(|n| n as usize)
    }
    pub(crate) fn str(&mut self) -> Result<&'a str, Error> {
        let n = self.len()?;
        std::str::from_utf8(self.take(n)?).map_err(|_| Error::Compiled("bad UTF-8".to_string()))
    }
    /// An unsigned LEB128 varint (see [`Writer::var`]) of at most 32 bits, in its shortest form.
    /// Inlined for the one-byte numbers (below 128: most counts, lengths and shares), which need no
    /// loop; a start-up reads some 60,000 numbers (issue 15, P4).
    #[inline]
    pub(crate) fn var(&mut self) -> Result<usize, Error> {
        match self.0.split_first() {
            Some((&b, rest)) if b < 0x80 => {
                self.0 = rest;
                Ok(usize::from(b))
            }
            _ => self.var_long(),
        }
    }

    /// [`Reader::var`] of two bytes or more (or none: an error).
    #[inline(never)]
    fn var_long(&mut self) -> Result<usize, Error> {
        let mut n: u64 = 0;
        for (i, &b) in self.0.iter().take(5).enumerate() {
            n |= u64::from(b & 0x7f) << (7 * i);
            if b & 0x80 == 0 {
                // One encoding per number: no trailing zero byte, nothing past 32 bits.
                if (i > 0 && b == 0) || n > u64::from(u32::MAX) {
                    break;
                }
                self.0 = &self.0[i + 1..];
                return Ok(n as usize);
            }
        }
        Err(Error::Compiled("bad number".to_string()))
    }
    pub(crate) fn var_bytes(&mut self) -> Result<&'a [u8], Error> {
        let n = self.var()?;
        self.take(n)
    }
    /// A column that [`Writer::column`] wrote, as a reader of its own.
    pub(crate) fn column(&mut self) -> Result<Reader<'a>, Error> {
        self.var_bytes().map(Reader)
    }
    pub(crate) fn var_str(&mut self) -> Result<&'a str, Error> {
        std::str::from_utf8(self.var_bytes()?).map_err(|_| Error::Compiled("bad UTF-8".to_string()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn varints_read_back_and_refuse_other_forms() {
        for n in [0, 1, 127, 128, 300, 16_383, 16_384, u32::MAX as usize] {
            let mut w = Writer(Vec::new());
            w.var(n);
            let mut r = Reader(&w.0);
            assert_eq!(r.var().unwrap(), n);
            assert!(r.0.is_empty());
        }
        // A longer form of 1, a number past 32 bits, a cut varint.
        for bytes in [&[0x81, 0x00][..], &[0xff, 0xff, 0xff, 0xff, 0x1f], &[0x80]] {
            assert!(Reader(bytes).var().is_err(), "{bytes:?}");
        }
    }

    #[test]
    fn codes_are_the_indexes_of_the_code_tables() {
        for (i, &k) in KINDS.iter().enumerate() {
            assert_eq!(kind_code(k) as usize, i);
        }
        for (i, &f) in FORMS.iter().enumerate() {
            assert_eq!(form_code(f) as usize, i);
        }
    }
}

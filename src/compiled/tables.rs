//! The matcher's tables (see [`crate::matcher::Tables`]: names, keys, their forms and candidates) as
//! bytes: the part of a compiled lens ([`crate::compiled`]) that build.rs also writes for the built-in
//! knowledge base, so `Lens::builtin` reads its tables instead of folding and expanding every name.
//! Its own module, with no build stamp, because build.rs compiles it (and the derivation) too.
//!
//! Little-endian, length-prefixed, as the rest of a compiled lens; a reader checks every count, code
//! and index, so damaged bytes are refused with [`Error::Compiled`] and never misread.

use crate::error::Error;
use crate::matcher::{Candidate, NameEntry, NameKind, Tables};
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

/// Appends the bytes of `t` to `w`.
pub(crate) fn encode(w: &mut Writer, t: &Tables) {
    w.len(t.names.len());
    for n in &t.names {
        w.u32(n.entity);
        w.u8(kind_code(n.kind));
        w.str(&n.text);
        match &n.exact {
            Some(e) => {
                w.u8(1);
                w.str(e);
            }
            None => w.u8(0),
        }
        w.u8(u8::from(n.latin) | u8::from(n.person) << 1);
        w.str(&n.folded);
    }
    w.len(t.patterns.len());
    for (p, &f) in t.patterns.iter().zip(&t.forms) {
        w.str(p);
        w.u8(form_code(f));
    }
    for &s in &t.cand_start {
        w.u32(s);
    }
    w.len(t.cands.len());
    for c in &t.cands {
        w.u32(c.name);
        w.u8(u8::from(c.variant) | (u8::from(c.strict) << 1));
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

/// Reads tables from `r`, for a knowledge base of `entities` entities.
pub(crate) fn decode(r: &mut Reader, entities: usize) -> Result<Tables, Error> {
    let bad = |what: &str| Error::Compiled(what.to_string());
    let n_names = r.len()?;
    // A name takes at least 15 bytes: a count from damaged or forged bytes cannot reserve much more.
    let mut names = Vec::with_capacity(n_names.min(r.0.len() / 15));
    for _ in 0..n_names {
        let entity = r.u32()?;
        if entity as usize >= entities {
            return Err(bad("a name of an entity that is not there"));
        }
        let kind = *KINDS
            .get(r.u8()? as usize)
            .ok_or_else(|| bad("unknown name kind"))?;
        let text = r.str()?.to_string();
        let exact = match r.u8()? {
            0 => None,
            1 => Some(r.str()?.to_string()),
            _ => return Err(bad("bad exact flag")),
        };
        let flags = r.u8()?;
        names.push(NameEntry {
            entity,
            kind,
            text,
            exact,
            latin: flags & 1 != 0,
            person: flags & 2 != 0,
            folded: r.str()?.to_string(),
        });
    }
    let n_patterns = r.len()?;
    let mut patterns = Vec::with_capacity(n_patterns.min(r.0.len()));
    let mut forms = Vec::with_capacity(n_patterns.min(r.0.len()));
    for _ in 0..n_patterns {
        let p = r.str()?;
        // An empty spelling would match everywhere without moving the search on.
        if p.is_empty() {
            return Err(bad("an empty spelling"));
        }
        patterns.push(p.to_string());
        forms.push(
            *FORMS
                .get(r.u8()? as usize)
                .ok_or_else(|| bad("unknown spelling form"))?,
        );
    }
    let cand_start = (0..=n_patterns)
        .map(|_| r.u32())
        .collect::<Result<Vec<_>, _>>()?;
    let n_cands = r.len()?;
    let mut cands = Vec::with_capacity(n_cands.min(r.0.len()));
    for _ in 0..n_cands {
        let name = r.u32()?;
        if name as usize >= names.len() {
            return Err(bad("a candidate of a name that is not there"));
        }
        let flags = r.u8()?;
        if flags > 0b11 {
            return Err(bad("bad candidate flags"));
        }
        cands.push(Candidate {
            name,
            variant: flags & 1 != 0,
            strict: flags & 2 != 0,
        });
    }
    let ordered = cand_start.first() == Some(&0)
        && cand_start.windows(2).all(|w| w[0] <= w[1])
        && cand_start.last().map(|&l| l as usize) == Some(cands.len());
    if !ordered {
        return Err(bad("candidate ranges out of order"));
    }
    Ok(Tables {
        names,
        patterns,
        forms,
        cand_start,
        cands,
    })
}

/// [`decode`] of bytes that hold tables and nothing else.
pub(crate) fn from_bytes(bytes: &[u8], entities: usize) -> Result<Tables, Error> {
    let mut r = Reader(bytes);
    let t = decode(&mut r, entities)?;
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
}

#[cfg(test)]
mod tests {
    use super::*;

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

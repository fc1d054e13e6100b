//! A compiled lens: everything a lens derives from its knowledge base, saved as bytes and read back.
//!
//! Why it exists: building a lens folds and expands every name into the automaton's spellings, then
//! builds the automaton (BENCHMARKS.md, issue 15: with the built-in KB the fold and expansion are about
//! a third of `Lens::builtin` natively and half of `new Lens()` in WebAssembly, the automaton the rest,
//! parsing the KB about 1 %). [`crate::Lens::to_compiled`] saves the knowledge base, the variant rules
//! and the derived tables (names, spellings, their candidates); [`crate::Lens::from_compiled`] reads them
//! back and only builds the automaton, which the `aho-corasick` crate cannot save. The extension can
//! keep the bytes (IndexedDB) so a service-worker wake does not fold and expand again.
//!
//! The layout is hand-laid, little-endian: a magic, the build's stamp (a hash of the sources and data
//! that decide how names become spellings, from build.rs), then length-prefixed sections, then a
//! checksum (64-bit FNV-1a of every byte before it: bytes kept in a browser's storage can come back
//! damaged, and a flipped bit inside a spelling would otherwise read back as another spelling). The records
//! travel as the KB's JSON, read by the deserializer the crate already has for JSON dictionaries, so no
//! second copy of the schema's serde code enters the `.wasm`. Bytes from another build, truncated or
//! inconsistent bytes are refused with [`Error::Compiled`], never misread.

use std::hash::Hasher;

use crate::error::Error;
use crate::kb::{EntityRecord, KnowledgeBase};
use crate::matcher::{Candidate, NameEntry, NameKind, Names, Tables};
use crate::variants::{Form, VariantRules};

/// The first bytes of a compiled lens (format version 1).
const MAGIC: &[u8; 8] = b"FLCOMP\x01\n";

/// This build's stamp (see build.rs): a compiled lens from any other build is refused.
fn stamp() -> u64 {
    u64::from_str_radix(env!("FACTIONLENS_BUILD_STAMP"), 16).expect("build.rs writes a hex stamp")
}

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

/// The bytes of a compiled lens: its knowledge base, rules and derived tables.
pub(crate) fn encode(kb: &KnowledgeBase, rules: &VariantRules, t: &Tables) -> Vec<u8> {
    let mut w = Writer(Vec::with_capacity(64 + t.patterns.len() * 32));
    w.0.extend_from_slice(MAGIC);
    w.0.extend_from_slice(&stamp().to_le_bytes());
    match kb.as_of() {
        Some(d) => {
            w.u8(1);
            w.str(d);
        }
        None => w.u8(0),
    }
    w.str(&serde_json::to_string(kb.entities()).expect("records serialize"));
    for i in 0..kb.len() {
        w.str(kb.origin(i));
    }
    w.str(&serde_json::to_string(rules).expect("rules serialize"));
    w.len(t.names.len());
    for n in &t.names {
        w.u32(n.entity);
        w.u8(kind_code(n.kind));
        w.str(n.text);
        match n.exact {
            Some(e) => {
                w.u8(1);
                w.str(e);
            }
            None => w.u8(0),
        }
        w.u8(u8::from(n.latin) | u8::from(n.person) << 1);
        w.str(n.folded);
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
    let sum = checksum(&w.0);
    w.0.extend_from_slice(&sum.to_le_bytes());
    w.0
}

/// The checksum of a compiled lens's bytes: FNV-1a, 64 bits, the same on every target.
fn checksum(bytes: &[u8]) -> u64 {
    let mut h = fnv::FnvHasher::default();
    h.write(bytes);
    h.finish()
}

/// Reads a compiled lens back: its knowledge base, rules and tables, checked for consistency.
pub(crate) fn decode(bytes: &[u8]) -> Result<(KnowledgeBase, VariantRules, Tables), Error> {
    let bad = |what: &str| Error::Compiled(what.to_string());
    let rest = bytes
        .strip_prefix(MAGIC.as_slice())
        .ok_or_else(|| bad("not a compiled FactionLens lens (wrong magic bytes)"))?;
    let mut r = Reader(rest);
    if r.u64()? != stamp() {
        return Err(bad(
            "compiled by another build of FactionLens; compile it again from its dictionaries",
        ));
    }
    let (body, sum) = bytes.split_at(bytes.len().saturating_sub(8).max(MAGIC.len() + 8));
    let sum = <[u8; 8]>::try_from(sum).map_err(|_| bad("truncated (no checksum)"))?;
    if u64::from_le_bytes(sum) != checksum(body) {
        return Err(bad(
            "damaged (its checksum does not match); compile it again from its dictionaries",
        ));
    }
    let mut r = Reader(&body[MAGIC.len() + 8..]);
    let as_of = match r.u8()? {
        0 => None,
        1 => Some(r.str()?.to_string()),
        _ => return Err(bad("bad as-of flag")),
    };
    let records: Vec<EntityRecord> =
        serde_json::from_str(r.str()?).map_err(|e| Error::Compiled(format!("records: {e}")))?;
    let origins = (0..records.len())
        .map(|_| r.str().map(str::to_string))
        .collect::<Result<Vec<_>, _>>()?;
    let kb = KnowledgeBase::from_parts(records, origins, as_of)
        .ok_or_else(|| bad("two records with one id"))?;
    let rules: VariantRules = serde_json::from_str(r.str()?)
        .map_err(|e| Error::Compiled(format!("variant rules: {e}")))?;
    let rules = VariantRules::prepare(rules);
    let n_names = r.len()?;
    // A name takes at least 15 bytes: a count from damaged or forged bytes cannot reserve much more.
    let mut names = Names::with_capacity(n_names.min(r.0.len() / 15));
    for _ in 0..n_names {
        let entity = r.u32()?;
        if entity as usize >= kb.len() {
            return Err(bad("a name of an entity that is not there"));
        }
        let kind = *KINDS
            .get(r.u8()? as usize)
            .ok_or_else(|| bad("unknown name kind"))?;
        let text = r.str()?;
        let exact = match r.u8()? {
            0 => None,
            1 => Some(r.str()?),
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
            folded: r.str()?,
        });
    }
    let n_patterns = r.len()?;
    let mut patterns = Vec::with_capacity(n_patterns.min(bytes.len()));
    let mut forms = Vec::with_capacity(n_patterns.min(bytes.len()));
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
    let mut cands = Vec::with_capacity(n_cands.min(bytes.len()));
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
    if !r.0.is_empty() {
        return Err(bad("trailing bytes"));
    }
    Ok((
        kb,
        rules,
        Tables {
            names,
            patterns,
            forms,
            cand_start,
            cands,
        },
    ))
}

struct Writer(Vec<u8>);

impl Writer {
    fn u8(&mut self, v: u8) {
        self.0.push(v);
    }
    fn u32(&mut self, v: u32) {
        self.0.extend_from_slice(&v.to_le_bytes());
    }
    fn len(&mut self, n: usize) {
        self.u32(u32::try_from(n).expect("fewer than 2^32 items"));
    }
    fn str(&mut self, s: &str) {
        self.len(s.len());
        self.0.extend_from_slice(s.as_bytes());
    }
}

struct Reader<'a>(&'a [u8]);

impl<'a> Reader<'a> {
    fn take(&mut self, n: usize) -> Result<&'a [u8], Error> {
        if self.0.len() < n {
            return Err(Error::Compiled("truncated".to_string()));
        }
        let (head, tail) = self.0.split_at(n);
        self.0 = tail;
        Ok(head)
    }
    fn u8(&mut self) -> Result<u8, Error> {
        Ok(self.take(1)?[0])
    }
    fn u32(&mut self) -> Result<u32, Error> {
        Ok(u32::from_le_bytes(
            self.take(4)?.try_into().expect("4 bytes"),
        ))
    }
    fn u64(&mut self) -> Result<u64, Error> {
        Ok(u64::from_le_bytes(
            self.take(8)?.try_into().expect("8 bytes"),
        ))
    }
    fn len(&mut self) -> Result<usize, Error> {
        self.u32().map(|n| n as usize)
    }
    fn str(&mut self) -> Result<&'a str, Error> {
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

    #[test]
    fn the_builtin_lens_read_back_is_the_same_lens() {
        let lens = crate::Lens::builtin();
        let bytes = lens.to_compiled();
        let again = crate::Lens::from_compiled(&bytes).unwrap();
        let (kb, rules, t) = decode(&bytes).unwrap();
        assert_eq!(rules, VariantRules::builtin());
        assert_eq!(t.patterns, lens.keys());
        assert_eq!(kb.entities(), lens.knowledge_base().entities());
        assert_eq!(kb.as_of(), lens.knowledge_base().as_of());
        assert_eq!(
            format!("{:?}", again.matcher().names()),
            format!("{:?}", lens.matcher().names())
        );
        let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures");
        let mut seen = 0;
        for e in std::fs::read_dir(dir).unwrap() {
            let p = e.unwrap().path();
            if p.extension().is_some_and(|x| x == "txt") {
                let text = std::fs::read_to_string(&p).unwrap();
                let m = lens.scan(&text);
                seen += m.len();
                assert_eq!(again.scan(&text), m, "{}", p.display());
            }
        }
        assert!(seen > 100, "the seed texts name entities ({seen})");
    }

    #[test]
    fn another_builds_lens_is_refused() {
        let mut bytes = crate::Lens::new(KnowledgeBase::empty()).to_compiled();
        bytes[MAGIC.len()] ^= 1;
        let err = decode(&bytes).err().unwrap();
        assert!(err.to_string().contains("another build"), "{err}");
        assert!(matches!(decode(b"FLCOMP"), Err(Error::Compiled(_))));
    }

    #[test]
    fn every_cut_of_a_compiled_lens_is_refused() {
        let mut kb = KnowledgeBase::empty();
        kb.extend(
            vec![EntityRecord::new(
                "acme",
                "Liwa al-Acme",
                crate::EntityType::ArmedGroup,
            )],
            "x.csv",
        );
        let bytes = crate::Lens::new(kb).to_compiled();
        for cut in 0..bytes.len() {
            assert!(
                matches!(decode(&bytes[..cut]), Err(Error::Compiled(_))),
                "cut at {cut}"
            );
        }
        assert!(decode(&bytes).is_ok());
        let mut longer = bytes.clone();
        longer.push(0);
        assert!(matches!(decode(&longer), Err(Error::Compiled(_))));
    }

    #[test]
    fn a_flipped_bit_anywhere_is_refused() {
        let mut kb = KnowledgeBase::empty();
        kb.extend(
            vec![EntityRecord::new(
                "acme",
                "Liwa al-Acme",
                crate::EntityType::ArmedGroup,
            )],
            "x.csv",
        );
        let bytes = crate::Lens::new(kb).to_compiled();
        for i in 0..bytes.len() {
            for bit in [0, 3, 7] {
                let mut damaged = bytes.clone();
                damaged[i] ^= 1 << bit;
                let err = decode(&damaged).err();
                assert!(
                    matches!(err, Some(Error::Compiled(_))),
                    "byte {i} bit {bit}: read back"
                );
            }
        }
        // Inside the body (past the magic and the stamp) the checksum is what refuses it.
        let mut damaged = bytes.clone();
        damaged[MAGIC.len() + 8 + 3] ^= 1;
        let err = decode(&damaged).err().unwrap();
        assert!(err.to_string().contains("damaged"), "{err}");
    }
}

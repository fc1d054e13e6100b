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
use crate::matcher::Tables;
use crate::variants::VariantRules;
use tables::{Reader, Writer};

pub(crate) mod roster;
pub(crate) mod tables;
pub(crate) mod words;

/// The first bytes of a compiled lens (format version 1).
const MAGIC: &[u8; 8] = b"FLCOMP\x01\n";

/// This build's stamp (see build.rs): a compiled lens from any other build is refused.
fn stamp() -> u64 {
    u64::from_str_radix(env!("FACTIONLENS_BUILD_STAMP"), 16).expect("build.rs writes a hex stamp")
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
    tables::encode(&mut w, t);
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
    let tables = tables::decode(&mut r, kb.len())?;
    if !r.0.is_empty() {
        return Err(bad("trailing bytes"));
    }
    Ok((kb, rules, tables))
}

#[cfg(test)]
mod tests {
    use super::*;

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
        crate::tests::assert_same_scans(&again, &lens);
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

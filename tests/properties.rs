//! Property tests: for arbitrary Unicode input, every mention's span slices the original to its text,
//! lies on char boundaries, and its UTF-16 and UTF-8 offsets agree; mentions are ordered and disjoint.
#![cfg(not(target_arch = "wasm32"))]

use factionlens::{EntityRecord, EntityType, KnowledgeBase, Lens, Mention};
use proptest::prelude::*;
use std::sync::OnceLock;

fn builtin() -> &'static Lens {
    static L: OnceLock<Lens> = OnceLock::new();
    L.get_or_init(Lens::builtin)
}

/// A small KB that exercises every rule: weak acronym, short name, Arabic name, shared name.
fn custom() -> &'static Lens {
    static L: OnceLock<Lens> = OnceLock::new();
    L.get_or_init(|| {
        let mut a = EntityRecord::new("alpha-brigade", "Kata'ib Alpha", EntityType::ArmedGroup);
        a.acronyms = vec!["KA".into(), "KAB".into()];
        a.arabic = vec!["كتائب ألفا".into()];
        a.ambiguous = vec!["Alpha".into()].into();
        a.weak_aliases = vec!["Alpha".into()].into();
        let mut p = EntityRecord::new("abu-test", "Abu Test al-Sudani", EntityType::Person);
        p.short_names = vec!["Sudani".into()].into();
        let mut b = EntityRecord::new("alpha-party", "Alpha Party", EntityType::Political);
        b.weak_aliases = vec!["Alpha".into()].into();
        b.ambiguous = vec!["Alpha".into()].into();
        let mut kb = KnowledgeBase::empty();
        kb.extend(vec![a, p, b], "test");
        Lens::new(kb)
    })
}

fn check(text: &str, mentions: &[Mention]) {
    let mut prev_end = 0;
    for m in mentions {
        assert!(m.byte_start < m.byte_end, "empty span {m:?}");
        assert!(m.byte_end <= text.len());
        assert!(text.is_char_boundary(m.byte_start) && text.is_char_boundary(m.byte_end));
        assert_eq!(&text[m.byte_start..m.byte_end], m.text);
        assert_eq!(text[..m.byte_start].encode_utf16().count(), m.start);
        assert_eq!(text[..m.byte_end].encode_utf16().count(), m.end);
        assert!(m.byte_start >= prev_end, "overlap at {m:?}");
        prev_end = m.byte_end;
    }
}

/// Text made of pieces that are likely to produce matches, mixed with arbitrary Unicode.
fn piece() -> impl Strategy<Value = String> {
    prop_oneof![
        Just("Kata'ib Hezbollah".to_string()),
        Just("Kataib Alpha (KA)".to_string()),
        Just("KA".to_string()),
        Just("Abu Test al-Sudani".to_string()),
        Just("al-Sudani's".to_string()),
        Just("وكتائب ألفا".to_string()),
        Just("بالحشد الشعبي".to_string()),
        Just("IS".to_string()),
        Just("Alpha".to_string()),
        Just("’s".to_string()),
        Just("\u{0301}\u{064E}\u{0640}\u{200D}".to_string()),
        Just("😀".to_string()),
        Just("\0".to_string()),
        "\\PC{0,12}",
        "[ \\-–—'’()]{1,3}",
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(400))]

    #[test]
    fn arbitrary_unicode_spans_are_exact(text in "\\PC{0,200}") {
        check(&text, &builtin().scan(&text));
        check(&text, &custom().scan(&text));
    }

    #[test]
    fn name_soup_spans_are_exact(parts in proptest::collection::vec(piece(), 0..24)) {
        let text = parts.join(" ");
        check(&text, &builtin().scan(&text));
        check(&text, &custom().scan(&text));
        let glued = parts.concat();
        check(&glued, &custom().scan(&glued));
    }
}

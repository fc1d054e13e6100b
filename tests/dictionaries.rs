//! Custom dictionaries in every format, good and malformed, through the public API.
#![cfg(not(target_arch = "wasm32"))]

use factionlens::{Error, Format, KnowledgeBase, Lens, MergeMode};

fn fixture(name: &str) -> String {
    std::fs::read_to_string(format!("tests/fixtures/dicts/{name}")).unwrap()
}

fn found(lens: &Lens, text: &str) -> Vec<(String, String)> {
    lens.scan(text)
        .into_iter()
        .map(|m| (m.entity, m.text))
        .collect()
}

#[test]
fn every_format_loads_the_same_entity() {
    let text = "The Liwa el-Test, or Test Brigade, said. لواء الاختبار";
    for (file, format, id) in [
        ("good.json", Format::Json, "liwa-al-test"),
        ("good.toml", Format::Toml, "liwa-al-test"),
        ("good.csv", Format::Csv, "liwa-al-test"),
        ("good.jsonl", Format::Ftm, "NK-liwa-test"),
    ] {
        // The JSON record relates to a built-in entity, so it is merged into the built-in KB.
        let (mut lens, mode) = if format == Format::Json {
            (Lens::builtin(), MergeMode::Merge)
        } else {
            (Lens::new(KnowledgeBase::empty()), MergeMode::Replace)
        };
        let report = lens
            .load_dictionary(&fixture(file), format, file, mode)
            .unwrap_or_else(|e| panic!("{file}: {e}"));
        assert_eq!(report.ids, vec![id.to_string()], "{file}");
        let got = found(&lens, text);
        let ids: Vec<&str> = got.iter().map(|(e, _)| e.as_str()).collect();
        assert_eq!(ids, vec![id; 3], "{file}: {got:?}");
        assert_eq!(got[0].1, "Liwa el-Test");
        assert_eq!(got[2].1, "لواء الاختبار");
    }
}

#[test]
fn ftm_weak_alias_needs_a_definition() {
    let mut lens = Lens::new(KnowledgeBase::empty());
    lens.load_dictionary(
        &fixture("good.jsonl"),
        Format::Ftm,
        "good.jsonl",
        MergeMode::Replace,
    )
    .unwrap();
    assert!(found(&lens, "LAT said so.").is_empty());
    assert_eq!(
        found(&lens, "The Test Brigade (LAT) said. LAT agreed.").len(),
        3
    );
}

#[test]
fn malformed_files_name_line_and_field_and_keep_the_dictionary_in_force() {
    let mut lens = Lens::new(KnowledgeBase::empty());
    lens.load_dictionary(
        &fixture("good.csv"),
        Format::Csv,
        "good.csv",
        MergeMode::Replace,
    )
    .unwrap();
    let cases = [
        ("bad-header.csv", Format::Csv, 1, Some("type")),
        ("bad-line.jsonl", Format::Ftm, 2, None),
        ("bad-type.toml", Format::Toml, 4, None),
        ("dup-id.json", Format::Json, 2, Some("id")),
    ];
    for (file, format, line, field) in cases {
        let err = lens
            .load_dictionary(&fixture(file), format, file, MergeMode::Replace)
            .unwrap_err();
        let Error::Kb(kb) = &err else {
            panic!("{file}: {err:?}")
        };
        assert_eq!(kb.origin, file);
        assert_eq!(kb.line, Some(line), "{file}: {err}");
        if field.is_some() {
            assert_eq!(kb.field.as_deref(), field, "{file}: {err}");
        }
        assert!(
            err.to_string().starts_with(&format!("{file}:{line}:")),
            "{err}"
        );
        // The dictionary in use stays in use.
        assert_eq!(found(&lens, "Test Brigade").len(), 1);
    }
    assert!(matches!(
        "xml".parse::<Format>(),
        Err(Error::UnknownFormat(_))
    ));
}

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
    ]
    .into_iter()
    // Without the `toml` feature a TOML file is refused (toml_needs_the_toml_feature).
    .filter(|(_, f, _)| cfg!(feature = "toml") || *f != Format::Toml)
    {
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
    for (file, format, line, field) in cases
        .into_iter()
        .filter(|(_, f, ..)| cfg!(feature = "toml") || *f != Format::Toml)
    {
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

/// OpenSanctions' two layouts (tests/fixtures/dicts/opensanctions), loaded as the CLI and the page
/// load them: the format detected from the file name and content.
fn opensanctions(file: &str) -> (Lens, Vec<String>) {
    let path = format!("opensanctions/{file}");
    let text = fixture(&path);
    let format = Format::detect(file, &text).unwrap();
    assert_eq!(format, Format::Ftm, "{file}");
    let mut lens = Lens::new(KnowledgeBase::empty());
    let report = lens
        .load_dictionary(&text, format, file, MergeMode::Replace)
        .unwrap_or_else(|e| panic!("{file}: {e}"));
    (lens, report.warnings)
}

#[test]
fn opensanctions_entities_ftm_json() {
    let (lens, warnings) = opensanctions("entities.ftm.json");
    let kb = lens.knowledge_base();
    // Ids verbatim, so mentions join back to OpenSanctions.
    let nujabi = kb.get("NK-2PacmNpiLUmoz4XD2mSt7A").expect("verbatim id");
    assert_eq!(nujabi.kind, factionlens::EntityType::ArmedGroup);
    assert_eq!(nujabi.country, vec!["IQ"]);
    let security = kb.get("NK-7rTs9QpXvLm2Kd8Wz3Yb1c").unwrap();
    assert_eq!(security.kind, factionlens::EntityType::StateSecurity);
    assert_eq!(
        kb.get("NK-Party5Fh2LqW9xZr0Tg4Nm").unwrap().kind,
        factionlens::EntityType::Political
    );
    assert_eq!(
        kb.len(),
        5,
        "sanction, address and the misspelled schema are not entities"
    );
    // Warnings name the line and the property; nothing else is lost.
    assert!(warnings
        .iter()
        .any(|w| w.starts_with("entities.ftm.json:4:") && w.contains("`properties.birthPlace`")));
    assert!(warnings
        .iter()
        .any(|w| w.starts_with("entities.ftm.json:8:")
            && w.contains("unknown FollowTheMoney schema `Organisation`")));

    let text = "Harakat al-Test al-Nujabi (Nujabi) said. Later Nujabi denied it, as did the \
                Test Brigades of the Nobles. Hassan said nothing. Abu Fadil al-Testawi spoke; \
                al-Testawi then left. حركة الاختبار النجباء";
    let got = found(&lens, text);
    let texts: Vec<&str> = got.iter().map(|(_, t)| t.as_str()).collect();
    assert_eq!(
        texts,
        vec![
            "Harakat al-Test al-Nujabi",
            "Nujabi",
            "Nujabi",
            "Test Brigades of the Nobles",
            "Abu Fadil al-Testawi",
            "al-Testawi",
            "حركة الاختبار النجباء"
        ]
    );
    assert_eq!(got[1].0, "NK-2PacmNpiLUmoz4XD2mSt7A");
    // A weak alias is not a mention without a definition, nor a one-word person name on its own.
    assert!(found(&lens, "Nujabi said. Hassan said. Fadil said.").is_empty());
}

#[test]
fn opensanctions_targets_nested_json() {
    let (lens, _) = opensanctions("targets.nested.json");
    let kb = lens.knowledge_base();
    let ids: Vec<&str> = kb.entities().iter().map(|e| e.id.as_str()).collect();
    assert_eq!(
        ids,
        vec![
            "NK-Pers8Bn3Vc6Xz1Qa4Ws7Ed",
            "NK-2PacmNpiLUmoz4XD2mSt7A",
            "NK-7rTs9QpXvLm2Kd8Wz3Yb1c"
        ],
        "the nested organization is read, the nested sanction and address are not"
    );
    assert_eq!(
        found(&lens, "Harakat al-Test al-Nujabi (Nujabi) and Nujabi").len(),
        3
    );
}

#[test]
fn format_detection_cases_shared_with_the_page() {
    // The same cases as tests/ui/dictionaries.test.mjs checks for the page's detectFormat.
    let ftm2 = "{\"schema\":\"Organization\",\"id\":\"1\",\"properties\":{}}\n{\"schema\":\"Person\",\"id\":\"2\",\"properties\":{}}";
    for (name, text, want) in [
        ("a.csv", "", Format::Csv),
        ("a.jsonl", "", Format::Ftm),
        ("a.toml", "", Format::Toml),
        ("x", "{\"entity\": []}", Format::Json),
        ("x", ftm2, Format::Ftm),
        ("x", "[[entity]]\nid = \"a\"", Format::Toml),
        ("x", "id,name,type,aliases", Format::Csv),
        ("entities.ftm.json", "", Format::Ftm),
        ("targets.nested.json", "", Format::Ftm),
        (
            "export.json",
            "{\"id\":\"NK-1\",\"schema\":\"Person\",\"properties\":{}}",
            Format::Ftm,
        ),
        (
            "kb.json",
            "[{\"id\":\"x\",\"name\":\"X\",\"type\":\"person\"}]",
            Format::Json,
        ),
    ] {
        assert_eq!(
            Format::detect(name, text).ok(),
            Some(want),
            "{name}: {text}"
        );
    }
}

/// Without the `toml` feature (the web build), a TOML dictionary is refused with a typed error naming
/// the file and the feature, and nothing changes; `cargo test --no-default-features --test dictionaries`.
#[cfg(not(feature = "toml"))]
#[test]
fn toml_needs_the_toml_feature() {
    let text = fixture("good.toml");
    let mut lens = Lens::builtin();
    let before = lens.knowledge_base().len();
    let err = lens
        .load_dictionary(&text, Format::Toml, "good.toml", MergeMode::Merge)
        .unwrap_err();
    assert!(
        matches!(&err, Error::FormatNotBuilt { origin, format: Format::Toml, feature: "toml" } if origin == "good.toml"),
        "{err:?}"
    );
    assert!(err.to_string().starts_with("good.toml: "), "{err}");
    assert_eq!(lens.knowledge_base().len(), before);
    // The library's parser says the same, as a KbError naming the file.
    let kb_err = factionlens::kb::parse_dictionary(&text, Format::Toml, "good.toml", &|_| false)
        .unwrap_err();
    assert_eq!(kb_err.origin, "good.toml");
    assert!(kb_err.message.contains("`toml` feature"), "{kb_err}");
}

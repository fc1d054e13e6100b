//! The five seed articles: per seed, the exact set of (entity, text) mentions — every group, body and
//! person named there under every spelling it uses — and nothing else.
//!
//! The expected sets were written by reading each article (see the seeds in tests/fixtures/); a change
//! in matching that adds or loses a mention fails here and must be looked at.
#![cfg(not(target_arch = "wasm32"))]

use factionlens::Lens;
use std::collections::BTreeSet;

type Expected = (&'static str, &'static [(&'static str, &'static str)]);

const SEEDS: &[Expected] = &[
    (
        "000_2fad84f5b0f336b8.txt",
        &[
            ("al-araby-al-jadeed", "Al-Araby al-Jadeed"),
            ("asaib-ahl-al-haq", "Asaib Ahl al-Haq"),
            ("coordination-framework", "CF"),
            ("coordination-framework", "Coordination Framework"),
            (
                "harakat-ansar-allah-al-awfiya",
                "Ansar Allah al-Awfiya Movement",
            ),
            ("harakat-hezbollah-al-nujaba", "Al-Nujaba Movement"),
            ("isis", "ISIS"),
            ("kataib-al-imam-ali", "Kataib al-Imam Ali"),
            ("kataib-hezbollah", "Kataib Hezbollah"),
            ("kataib-sayyid-al-shuhada", "Kataib Sayyid al-Shuhada"),
            ("popular-mobilization-forces", "PMU"),
            ("popular-mobilization-forces", "Popular Mobilization Units"),
            ("qais-al-khazali", "Qais al-Khazali"),
            ("the-cradle", "The Cradle"),
            ("us-state-department", "US State Department"),
            ("us-treasury", "US Treasury"),
        ],
    ),
    (
        "001_7b6dfb0ae5eaf970.txt",
        &[
            ("al-araby-al-jadeed", "Al-Araby Al-Jadeed"),
            ("asaib-ahl-al-haq", "Asa'ib Ahl al-Haq"),
            ("chatham-house", "Chatham House"),
            ("donald-trump", "Donald Trump"),
            ("donald-trump", "Trump"),
            ("hamas", "Hamas"),
            (
                "harakat-ansar-allah-al-awfiya",
                "Harakat Ansar Allah al-Awfiya",
            ),
            ("harakat-hezbollah-al-nujaba", "Harakat Hezbollah al-Nujaba"),
            ("harakat-hezbollah-al-nujaba", "Harakat al-Nujaba"),
            ("iran-international", "Iran International"),
            ("kataib-al-imam-ali", "Kata'ib al-Imam Ali"),
            ("kataib-al-imam-ali", "Kataib al-Imam Ali"),
            ("kataib-hezbollah", "Kata'ib Hezbollah"),
            ("kataib-sayyid-al-shuhada", "Kata'ib Sayyid al-Shuhada"),
            ("kataib-sayyid-al-shuhada", "Kataib Sayyid al-Shuhada"),
            ("liwa-al-tafuf", "Liwa al-Tafuf"),
            ("soufan-center", "The Soufan Center"),
            ("soufan-center", "the Soufan Center"),
            ("syriac-press", "Syriac Press"),
            ("the-new-arab", "The New Arab"),
            ("white-house", "White House"),
        ],
    ),
    (
        "002_2dea80322526d8f5.txt",
        &[
            ("central-bank-of-iraq", "Iraqi Central Bank"),
            ("central-bank-of-iraq", "Iraq’s Central Bank"),
            // "The Trump administration" (seven times): a president's surname before `administration`
            // (Donald Trump's president roles, held-out run 3). "Trump has indicated", "Trump officials"
            // alone stay no mention: no full name in the article, and `trump` is an English word.
            ("donald-trump", "Trump"),
            ("iraq-oil-ministry", "Iraq’s Oil Ministry"),
            (
                "kurdistan-regional-government",
                "Kurdistan Regional Government",
            ),
            ("us-treasury", "U.S. Treasury"),
        ],
    ),
    (
        "003_c080e6795ff69d6f.txt",
        &[
            ("bashar-al-assad", "Assad"),
            ("coordination-framework", "Coordination Framework"),
            ("hezbollah", "Hezbollah"),
            ("irgc", "Revolutionary Guard"),
            // "the Biden Administration" (twice) and "w/Trump Administration": a president's surname
            // before `administration` names him (Donald Trump's president roles: held-out run 3).
            ("donald-trump", "Trump"),
            ("joe-biden", "Biden"),
        ],
    ),
    (
        "004_0248a6aedfd10660.txt",
        &[
            ("abdel-kareem-masoud", "Abdel Kareem Masoud"),
            ("abdul-malik-al-houthi", "Abdul Malik al-Houthi"),
            ("abu-mahdi-al-muhandis", "Abu Mahdi Al-Muhandis"),
            ("abu-mahdi-al-muhandis", "Abu Mahdi al-Muhandis"),
            // Not ("agence-france-presse", "AFP"): photo credits only, and since issue 13 `AFP` is a weak
            // name (needs the agency named in full in the document).
            ("ahmad-al-sharaa", "Ahmad Al-Sharaa"),
            ("ahmad-al-sharaa", "Al-Sharaa"),
            ("airwars", "Airwars"),
            // "the Biden administration": a president's surname before `administration`.
            ("joe-biden", "Biden"),
            ("al-qaeda", "Al-Qaeda"),
            ("ali-al-sistani", "Al-Sistani"),
            ("ali-al-sistani", "Ali Al-Sistani"),
            ("arab-news", "Arab News"),
            ("asaib-ahl-al-haq", "Asaib Ahl al-Haq"),
            ("associated-press", "The Associated Press"),
            ("axis-of-resistance", "Axis of Resistance"),
            ("bashar-al-assad", "Assad"),
            ("bashar-al-assad", "Bashar Assad"),
            ("chatham-house", "Chatham House"),
            ("donald-trump", "Donald Trump"),
            ("donald-trump", "Trump"),
            ("emily-tripp", "Emily Tripp"),
            (
                "foundation-for-defense-of-democracies",
                "Foundation for Defense of Democracies",
            ),
            ("hamas", "Hamas"),
            ("hayat-tahrir-al-sham", "Hayat Tahrir Al-Sham"),
            ("hezbollah", "Hezbollah"),
            ("houthis", "Houthi"),
            ("houthis", "Houthis"),
            ("hussain-abdul-hussain", "Abdul-Hussain"),
            ("hussain-abdul-hussain", "Hussain Abdul-Hussain"),
            ("iraqi-armed-forces", "Iraqi Security Forces"),
            ("iraqi-parliament", "Iraqi parliament"),
            ("irgc", "IRGC"),
            ("irgc", "Islamic Revolutionary Guard Corps"),
            ("isis", "Daesh"),
            ("isis", "IS"),
            ("kataib-hezbollah", "Kataib Hezbollah"),
            ("khaled-al-masoud", "Al-Masoud"),
            ("khaled-al-masoud", "Khaled Al-Masoud"),
            ("maxar-technologies", "Maxar"),
            ("maxar-technologies", "Maxar Technologies"),
            ("mohammed-shia-al-sudani", "Mohammed Shia Al-Sudani"),
            ("mohammed-shia-al-sudani", "Mohammed Shia al-Sudani"),
            ("muqtada-al-sadr", "Muqtada Al-Sadr"),
            ("mustafa-al-kadhimi", "Mustafa Al-Kadhimi"),
            ("peshmerga", "Kurdish Peshmerga"),
            ("popular-mobilization-forces", "Al-Hashd Al-Shaabi"),
            ("popular-mobilization-forces", "Al-Hashd al-Shaabi"),
            ("popular-mobilization-forces", "Hashed Al-Shaabi"),
            ("popular-mobilization-forces", "Hashed al-Shaabi"),
            ("popular-mobilization-forces", "PMF"),
            ("popular-mobilization-forces", "Popular Mobilisation Forces"),
            ("popular-mobilization-forces", "Popular Mobilization Forces"),
            ("qassem-soleimani", "Qasem Soleimani"),
            ("qassem-soleimani", "Qassem Soleimani"),
            ("quds-force", "Quds Force"),
            ("renad-mansour", "Mansour"),
            ("renad-mansour", "Renad Mansour"),
            ("reuters", "REUTERS"),
            ("sabah-al-sheikh-al-kilani", "Al-Kilani"),
            ("sabah-al-sheikh-al-kilani", "Sabah Al-Sheikh Al-Kilani"),
            ("soufan-center", "the Soufan Center"),
            ("syria-defense-ministry", "Syrian Defense Ministry"),
            // Not ("syria-general-security", "General Security"): since issue 13 a weak name (any country
            // has a general security service), and the article names the body no other way.
            ("syria-interior-ministry", "Syria’s Interior Ministry"),
            ("syrian-democratic-forces", "Syrian Democratic Forces"),
            ("syrian-free-army", "SFA"),
            ("syrian-free-army", "Syrian Free Army"),
            ("tammy-bruce", "Tammy Bruce"),
            ("tom-barrack", "Tom Barrack"),
            ("us-central-command", "US Central Command"),
            ("us-state-department", "US State Department"),
            ("wassim-nasr", "Nasr"),
            ("wassim-nasr", "Wassim Nasr"),
        ],
    ),
];

#[test]
fn each_seed_yields_exactly_the_expected_mentions() {
    let lens = Lens::builtin();
    let mut report = String::new();
    for (file, expected) in SEEDS {
        let text = std::fs::read_to_string(format!("tests/fixtures/{file}")).unwrap();
        let got: BTreeSet<(String, String)> = lens
            .scan(&text)
            .into_iter()
            .map(|m| (m.entity, m.text))
            .collect();
        let want: BTreeSet<(String, String)> = expected
            .iter()
            .map(|(e, t)| (e.to_string(), t.to_string()))
            .collect();
        for missing in want.difference(&got) {
            report.push_str(&format!("{file}: missing {missing:?}\n"));
        }
        for extra in got.difference(&want) {
            report.push_str(&format!("{file}: unexpected {extra:?}\n"));
        }
    }
    assert!(report.is_empty(), "{report}");
}

#[test]
fn every_spelling_of_a_group_in_the_seeds_resolves_to_one_entity() {
    // Spellings that differ between the seeds, each of which must land on the same id.
    let lens = Lens::builtin();
    let groups: &[(&str, &[&str])] = &[
        (
            "kataib-hezbollah",
            &["Kataib Hezbollah", "Kata'ib Hezbollah"],
        ),
        (
            "asaib-ahl-al-haq",
            &["Asaib Ahl al-Haq", "Asa'ib Ahl al-Haq"],
        ),
        (
            "harakat-hezbollah-al-nujaba",
            &[
                "Al-Nujaba Movement",
                "Harakat al-Nujaba",
                "Harakat Hezbollah al-Nujaba",
            ],
        ),
        (
            "kataib-sayyid-al-shuhada",
            &["Kataib Sayyid al-Shuhada", "Kata'ib Sayyid al-Shuhada"],
        ),
        (
            "popular-mobilization-forces",
            &[
                "Popular Mobilization Units",
                "Popular Mobilization Forces",
                "Popular Mobilisation Forces",
                "Hashed al-Shaabi",
                "Al-Hashd Al-Shaabi",
                "PMF",
                "PMU",
            ],
        ),
        ("isis", &["ISIS", "Daesh"]),
        (
            "irgc",
            &[
                "Islamic Revolutionary Guard Corps",
                "IRGC",
                "Revolutionary Guard",
            ],
        ),
    ];
    for (id, spellings) in groups {
        for s in *spellings {
            let text = format!("A statement by the {s} on Monday.");
            let ms = lens.scan(&text);
            assert_eq!(ms.len(), 1, "{s}: {ms:?}");
            assert_eq!((ms[0].entity.as_str(), ms[0].text.as_str()), (*id, *s));
        }
    }
}

#[test]
fn cli_json_lists_every_seed_entity_with_counts() {
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_factionlens"))
        .args([
            "scan",
            "--format",
            "json",
            "tests/fixtures/000_2fad84f5b0f336b8.txt",
        ])
        .output()
        .unwrap();
    assert!(out.status.success());
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let entities: Vec<(&str, u64)> = v["entities"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| (e["id"].as_str().unwrap(), e["count"].as_u64().unwrap()))
        .collect();
    assert_eq!(entities[0], ("popular-mobilization-forces", 6));
    let want: BTreeSet<&str> = SEEDS[0].1.iter().map(|(e, _)| *e).collect();
    let got: BTreeSet<&str> = entities.iter().map(|(e, _)| *e).collect();
    assert_eq!(got, want);
    for m in v["mentions"].as_array().unwrap() {
        for key in [
            "entity",
            "type",
            "text",
            "start",
            "end",
            "byte_start",
            "byte_end",
            "alias",
            "rule",
        ] {
            assert!(m.get(key).is_some(), "{key} missing in {m}");
        }
    }
}

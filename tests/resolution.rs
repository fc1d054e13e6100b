//! Document-level resolution of issue 13's classes, on a small knowledge base written here so each test
//! shows its premise: titles before shared surnames, full names with the father's and grandfather's
//! names, truncations of a body's name, surnames alone, and generic institution names in a document
//! about their country. The sentences are our own.
#![cfg(not(target_arch = "wasm32"))]

use factionlens::kb::schema::{Role, RoleKind};
use factionlens::{EntityRecord, EntityType, KnowledgeBase, Lens};

fn role(kind: RoleKind, of: &str, until: Option<&str>) -> Role {
    Role {
        role: kind,
        of: of.into(),
        from: None,
        until: until.map(str::to_string),
        sources: vec!["test".into()],
        note: None,
    }
}

fn person(id: &str, name: &str, short: &[&str], country: &str) -> EntityRecord {
    let mut r = EntityRecord::new(id, name, EntityType::Person);
    r.short_names = short.iter().map(|s| s.to_string()).collect();
    r.country = vec![country.into()].into();
    r
}

fn lens() -> Lens {
    let mut krg = EntityRecord::new(
        "krg",
        "Kurdistan Regional Government",
        EntityType::Government,
    );
    krg.country = vec!["IQ".into()].into();
    let mut parl = EntityRecord::new(
        "iraqi-parliament",
        "Council of Representatives of Iraq",
        EntityType::Government,
    );
    parl.country = vec!["IQ".into()].into();
    parl.aliases = vec!["Iraqi parliament".into()];
    parl.weak_aliases = vec!["Council of Representatives".into(), "مجلس النواب".into()].into();
    parl.short_names = vec!["Council".into()].into();
    let mut krp = EntityRecord::new(
        "kr-presidency",
        "Kurdistan Region Presidency",
        EntityType::Government,
    );
    krp.country = vec!["IQ".into()].into();

    let mut masoud = person("masoud-barzani", "Masoud Barzani", &["Barzani"], "IQ");
    masoud.roles = vec![role(RoleKind::President, "kr-presidency", Some("2017"))].into();
    let mut masrour = person("masrour-barzani", "Masrour Barzani", &["Barzani"], "IQ");
    masrour.roles = vec![role(RoleKind::PrimeMinister, "krg", None)].into();
    let mut nechirvan = person("nechirvan-barzani", "Nechirvan Barzani", &["Barzani"], "IQ");
    nechirvan.roles = vec![
        role(RoleKind::President, "kr-presidency", None),
        role(RoleKind::PrimeMinister, "krg", Some("2019")),
    ]
    .into();
    let mut haibat = person(
        "haibat-al-halbousi",
        "Haibat al-Halbousi",
        &["Halbousi", "الحلبوسي"],
        "IQ",
    );
    haibat.arabic = vec!["هيبت الحلبوسي".into()];
    haibat.roles = vec![role(RoleKind::Speaker, "iraqi-parliament", None)].into();
    let mut mohammed = person(
        "mohammed-al-halbousi",
        "Mohammed al-Halbousi",
        &["Halbousi", "الحلبوسي"],
        "IQ",
    );
    mohammed.roles = vec![role(RoleKind::Speaker, "iraqi-parliament", Some("2023"))].into();
    let mut houthi = person(
        "abdul-malik-al-houthi",
        "Abdul Malik al-Houthi",
        &["الحوثي"],
        "YE",
    );
    houthi.arabic = vec!["عبد الملك الحوثي".into()];
    let mut houthis = EntityRecord::new("houthis", "Houthis", EntityType::ArmedGroup);
    houthis.country = vec!["YE".into()].into();
    houthis.arabic = vec!["أنصار الله".into()];
    let mut maliki = person(
        "nouri-al-maliki",
        "Nouri al-Maliki",
        &["Maliki", "المالكي"],
        "IQ",
    );
    maliki.arabic = vec!["نوري المالكي".into()];
    maliki.surname_alone = true;
    let mut sudani = person(
        "mohammed-shia-al-sudani",
        "Mohammed Shia al-Sudani",
        &["Sudani", "السوداني"],
        "IQ",
    );
    sudani.surname_alone = true;
    // Known by the full name only: no surname alone.
    let mut ameri = person("hadi-al-amiri", "Hadi al-Amiri", &["العامري"], "IQ");
    ameri.arabic = vec!["هادي العامري".into()];

    let mut cf = EntityRecord::new(
        "coordination-framework",
        "Coordination Framework",
        EntityType::Political,
    );
    cf.country = vec!["IQ".into()].into();
    cf.arabic = vec!["الإطار التنسيقي".into()];
    cf.short_names = vec!["Framework".into()].into();
    let mut pmf = EntityRecord::new(
        "popular-mobilization-forces",
        "Popular Mobilization Forces",
        EntityType::Umbrella,
    );
    pmf.country = vec!["IQ".into()].into();
    pmf.arabic = vec!["الحشد الشعبي".into(), "هيئة الحشد الشعبي".into()];
    pmf.short_names = vec!["الهيئة".into()].into();
    let mut salam = EntityRecord::new("saraya-al-salam", "Saraya al-Salam", EntityType::ArmedGroup);
    salam.country = vec!["IQ".into()].into();
    salam.arabic = vec!["سرايا السلام".into()];
    salam.short_names = vec!["السرايا".into()].into();
    let mut awliya = EntityRecord::new(
        "saraya-awliya-al-dam",
        "Saraya Awliya al-Dam",
        EntityType::ArmedGroup,
    );
    awliya.country = vec!["IQ".into()].into();
    awliya.arabic = vec!["سرايا أولياء الدم".into()];
    awliya.short_names = vec!["السرايا".into()].into();

    let mut kb = KnowledgeBase::empty();
    kb.extend(
        vec![
            krg, parl, krp, masoud, masrour, nechirvan, haibat, mohammed, houthi, houthis, maliki,
            sudani, ameri, cf, pmf, salam, awliya,
        ],
        "test",
    );
    Lens::new(kb)
}

/// (entity, text, ambiguous) of every mention.
fn got(l: &Lens, text: &str) -> Vec<(String, String, bool)> {
    l.scan(text)
        .into_iter()
        .map(|m| (m.entity, m.text, m.ambiguous))
        .collect()
}

fn m(e: &str, t: &str, ambiguous: bool) -> (String, String, bool) {
    (e.to_string(), t.to_string(), ambiguous)
}

#[test]
fn a_title_picks_the_person_who_holds_it_among_a_shared_surname() {
    let l = lens();
    // Before any full name, and although the father is named in full first: the PM is Masrour.
    assert_eq!(
        got(
            &l,
            "Oil deal signed, says PM Barzani. President Masoud Barzani was thanked; Barzani's son, Kurdistan's Prime Minister Masrour Barzani, spoke. Barzani added more."
        ),
        vec![
            // Nechirvan was prime minister too: a candidate, but Masrour is the one named in full.
            m("masrour-barzani", "Barzani", true),
            m("masoud-barzani", "Masoud Barzani", false),
            // Masoud is the one mentioned most so far (both mentions of the headline were Masrour's by
            // title, then Masoud named): the subject rule, flagged.
            m("masoud-barzani", "Barzani", true),
            m("masrour-barzani", "Masrour Barzani", false),
            m("masrour-barzani", "Barzani", true),
        ]
    );
    // With no holder named in full, the current holder wins over a former one, flagged with the former
    // (the article may be older than the KB); no full name is needed for a title.
    let ms = l.scan("President Barzani met the envoy.");
    assert_eq!(ms.len(), 1);
    assert_eq!(
        (
            ms[0].entity.as_str(),
            ms[0].ambiguous,
            ms[0].candidates.clone()
        ),
        (
            "nechirvan-barzani",
            true,
            vec!["masoud-barzani".to_string()]
        )
    );
    // A former holder named in full in the document is the one meant.
    let ms = l.scan("Mohammed al-Halbousi was removed in 2023; Speaker al-Halbousi then appealed.");
    assert_eq!(ms.len(), 2);
    assert_eq!(ms[1].entity, "mohammed-al-halbousi");
    assert_eq!(ms[1].candidates, vec!["haibat-al-halbousi".to_string()]);
    // Nobody named: the current speaker, with the former one as a candidate.
    let ms = l.scan("Speaker al-Halbousi opened the session.");
    assert_eq!(
        (ms[0].entity.as_str(), ms[0].ambiguous),
        ("haibat-al-halbousi", true)
    );
    // A title nobody with that surname holds decides nothing: no full name, no mention.
    assert!(got(&l, "Minister Barzani spoke.").is_empty());
    // The title's holder who is the only one of them named in full wins, unflagged if the only holder.
    assert_eq!(
        got(
            &l,
            "Haibat al-Halbousi spoke. Later Speaker al-Halbousi left."
        )[1],
        m("haibat-al-halbousi", "al-Halbousi", true)
    );
}

#[test]
fn a_full_name_may_carry_the_fathers_and_grandfathers_names() {
    let l = lens();
    assert_eq!(
        got(
            &l,
            "MPs elected Haibat Hamad Abbas al-Halbousi as speaker. Mohammed al-Halbousi, his cousin, congratulated him."
        ),
        vec![
            m("haibat-al-halbousi", "Haibat Hamad Abbas al-Halbousi", false),
            m("mohammed-al-halbousi", "Mohammed al-Halbousi", false),
        ]
    );
    assert_eq!(
        got(
            &l,
            "قال عبد الملك بدر الدين الحوثي إن أنصار الله مستعدة، وأضاف الحوثي أن الرد قادم."
        ),
        vec![
            m("abdul-malik-al-houthi", "عبد الملك بدر الدين الحوثي", false),
            m("houthis", "أنصار الله", false),
            m("abdul-malik-al-houthi", "الحوثي", false),
        ]
    );
    // Another given name, or a lower-case word between, is not the person's full name.
    assert!(got(&l, "Raed Hamad al-Halbousi spoke.").is_empty());
    assert!(got(&l, "Haibat met the al-Halbousi family.").is_empty());
    // More than two names between: not taken for the full name.
    assert!(got(&l, "Haibat Hamad Abbas Ali al-Halbousi spoke.").is_empty());
}

#[test]
fn a_truncation_refers_back_to_the_body_named_in_full_most_recently() {
    let l = lens();
    assert_eq!(
        got(
            &l,
            "The Coordination Framework met. The Framework then said no."
        ),
        vec![
            m("coordination-framework", "Coordination Framework", false),
            m("coordination-framework", "Framework", false),
        ]
    );
    // Part of another name: "the UN Security Council" after the Council of Representatives.
    assert_eq!(
        got(
            &l,
            "The Iraqi parliament met; the UN Security Council did not, and the Council adjourned."
        )
        .iter()
        .filter(|x| x.1 == "Council")
        .count(),
        1
    );
    // Before the full name, or without it, a head noun is no name.
    assert!(got(&l, "The Framework agreement was signed.").is_empty());
    assert_eq!(
        got(
            &l,
            "Framework members met. The Coordination Framework said."
        )
        .len(),
        1
    );
    // Two bodies share the truncation: the one named most recently before it.
    let ms = l.scan(
        "جمدت سرايا السلام نشاطها، ثم هاجمت سرايا أولياء الدم قاعدة. وقالت السرايا إن الهجوم نجح.",
    );
    let last = ms.last().unwrap();
    assert_eq!(
        (last.entity.as_str(), last.text.as_str()),
        ("saraya-awliya-al-dam", "السرايا")
    );
    assert_eq!(last.candidates, vec!["saraya-al-salam".to_string()]);
    let ms = l.scan("وقالت هيئة الحشد الشعبي إن الهيئة ستعلن القرار.");
    assert_eq!(ms.len(), 2);
    assert_eq!(
        (ms[1].entity.as_str(), ms[1].text.as_str()),
        ("popular-mobilization-forces", "الهيئة")
    );
    assert!(got(&l, "قالت الهيئة إن القرار صدر.").is_empty());
}

#[test]
fn a_surname_alone_names_a_person_known_by_it_in_a_document_about_their_country() {
    let l = lens();
    // Iraq is what the document is about (the PMF is named): المالكي alone is Nouri al-Maliki.
    assert_eq!(
        got(
            &l,
            "دعا الحشد الشعبي إلى الهدوء، وقال المالكي إن الحكومة ستتشكل."
        ),
        vec![
            m("popular-mobilization-forces", "الحشد الشعبي", false),
            m("nouri-al-maliki", "المالكي", false),
        ]
    );
    // Nothing says the document is about Iraq: no mention.
    assert!(got(&l, "وقال المالكي إن الحكومة ستتشكل.").is_empty());
    // An adjective after a noun with the article ("the Sudanese army") is no surname.
    assert_eq!(
        got(
            &l,
            "دعا الحشد الشعبي إلى الهدوء، وقال الجيش السوداني إنه انسحب."
        )
        .len(),
        1
    );
    // After an honorific or a title it is the person's.
    assert_eq!(
        got(
            &l,
            "دعا الحشد الشعبي إلى الهدوء، وقال السيد المالكي إن الحكومة ستتشكل."
        )
        .len(),
        2
    );
    // A namesake with another given name (Latin, capitalized) is not the person.
    assert_eq!(
        got(
            &l,
            "The Popular Mobilization Forces law stalled, Raed al-Maliki said."
        )
        .len(),
        1
    );
    assert_eq!(
        got(
            &l,
            "The Popular Mobilization Forces law stalled, al-Maliki said."
        )[1],
        m("nouri-al-maliki", "al-Maliki", false)
    );
    // A person not known by the surname alone needs the full name.
    assert_eq!(
        got(
            &l,
            "دعا الحشد الشعبي إلى الهدوء، وقال العامري إن الحكومة ستتشكل."
        )
        .len(),
        1
    );
    // Shared by two KB persons: never the surname alone.
    assert_eq!(
        got(
            &l,
            "دعا الحشد الشعبي إلى الهدوء، وقال الحلبوسي إن الجلسة ستعقد."
        )
        .len(),
        1
    );
}

#[test]
fn a_generic_institution_name_is_the_one_of_the_documents_country() {
    let l = lens();
    assert_eq!(
        got(&l, "The Popular Mobilization Forces bill reached the Council of Representatives on Monday."),
        vec![
            m("popular-mobilization-forces", "Popular Mobilization Forces", false),
            m("iraqi-parliament", "Council of Representatives", false),
        ]
    );
    // Qualified by another country, or in a document about no KB country: not Iraq's.
    assert_eq!(
        got(&l, "The Popular Mobilization Forces were discussed in Bahrain's Council of Representatives.").len(),
        1
    );
    assert!(got(&l, "The Council of Representatives met on Monday.").is_empty());
    assert_eq!(
        got(&l, "ناقش مجلس النواب قانون الحشد الشعبي.")[0],
        m("iraqi-parliament", "مجلس النواب", false)
    );
    assert_eq!(
        got(&l, "ناقش مجلس النواب اللبناني قانون الحشد الشعبي.").len(),
        1
    );
    // The truncation `Council` after the full name.
    assert_eq!(
        got(&l, "The Iraqi parliament elected a speaker of the Council.")[1],
        m("iraqi-parliament", "Council", false)
    );
}

#[test]
fn names_coordinated_before_one_plural_head_noun() {
    let mut state = EntityRecord::new("us-state", "US State Department", EntityType::Government);
    state.aliases = vec!["State Department".into()];
    let mut treasury = EntityRecord::new("us-treasury", "US Treasury", EntityType::Government);
    treasury.aliases = vec!["Treasury Department".into()];
    let mut azm = EntityRecord::new("azm", "Azm Alliance", EntityType::Political);
    azm.weak_aliases = vec!["Azm".into()].into();
    let mut siyada = EntityRecord::new("siyada", "Sovereignty Alliance", EntityType::Political);
    siyada.weak_aliases = vec!["Sovereignty".into()].into();
    let mut kb = KnowledgeBase::empty();
    kb.extend(vec![state, treasury, azm, siyada], "test");
    let l = Lens::new(kb);
    assert_eq!(
        got(&l, "The State and Treasury departments acted, joined by the Sovereignty and Azm alliances."),
        vec![
            m("us-state", "State", false),
            m("us-treasury", "Treasury", false),
            m("siyada", "Sovereignty", false),
            m("azm", "Azm", false),
        ]
    );
    // Both must be names with that head: ordinary words are not coordinated names.
    assert!(got(
        &l,
        "The Sovereignty and Unity alliances met; Sunni and Shia parties too."
    )
    .is_empty());
    assert!(got(&l, "Sovereignty and Azm matter.").is_empty());
}

/// A surname alone, no full name in the document: the person whose KB roles make them the head of a
/// body the document names strongly; among people who share the surname the head of most such bodies,
/// flagged with the others (never silently one of them). Without such a body, or after another given
/// name, no mention.
#[test]
fn a_surname_alone_goes_to_the_head_of_a_body_the_document_names() {
    let mut wafa = EntityRecord::new("wafa-party", "Wafa Party", EntityType::Political);
    wafa.country = vec!["IQ".into()].into();
    wafa.arabic = vec!["حزب الوفاء".into()];
    let mut salim = person(
        "salim-al-hamdani",
        "Salim al-Hamdani",
        &["Hamdani", "الحمداني"],
        "IQ",
    );
    salim.roles = vec![role(RoleKind::Leader, "wafa-party", None)].into();
    let mut karim = person(
        "karim-al-hamdani",
        "Karim al-Hamdani",
        &["Hamdani", "الحمداني"],
        "IQ",
    );
    karim.roles = vec![role(RoleKind::Member, "wafa-party", None)].into();
    let mut kb = KnowledgeBase::empty();
    kb.extend(vec![wafa, salim, karim], "test");
    let l = Lens::new(kb);
    for text in [
        "The Wafa Party met in Baghdad. Hamdani said it would run.",
        "اجتمع حزب الوفاء بقيادة الحمداني في بغداد.",
    ] {
        let ms = l.scan(text);
        assert_eq!(ms.len(), 2, "{text}");
        assert_eq!(
            (
                ms[1].entity.as_str(),
                ms[1].ambiguous,
                ms[1].candidates.clone()
            ),
            (
                "salim-al-hamdani",
                true,
                vec!["karim-al-hamdani".to_string()]
            ),
            "{text}"
        );
    }
    // No body of theirs named; another given name before the surname.
    for text in [
        "Hamdani said the talks would go on.",
        "The Wafa Party met. The teacher Adnan Hamdani said so.",
    ] {
        assert!(
            l.scan(text).iter().all(|m| m.entity == "wafa-party"),
            "{text}"
        );
    }
}

/// `the Trump administration`, `إدارة ترامب`: the surname of the one person of that name who is or was a
/// president or prime minister names them without their full name; the same surname elsewhere alone, or
/// of a person who held no such role, does not.
#[test]
fn an_administration_is_named_by_its_head() {
    let mut bush = person("george-w-bush", "George W. Bush", &["Bush", "بوش"], "US");
    bush.roles = vec![role(RoleKind::President, "us-government", Some("2009"))].into();
    let gov = EntityRecord::new("us-government", "US Government", EntityType::Government);
    let rashid = person("rashid-al-tamimi", "Rashid al-Tamimi", &["Tamimi"], "IQ");
    let mut kb = KnowledgeBase::empty();
    kb.extend(vec![bush, gov, rashid], "test");
    let l = Lens::new(kb);
    let got = |t: &str| -> Vec<(String, String)> {
        l.scan(t).into_iter().map(|m| (m.entity, m.text)).collect()
    };
    let b = |t: &str| vec![("george-w-bush".to_string(), t.to_string())];
    assert_eq!(got("The Bush administration sent troops."), b("Bush"));
    assert_eq!(got("وقالت إدارة بوش إن القوات ستبقى."), b("بوش"));
    assert!(got("Bush said troops would stay.").is_empty());
    assert!(got("The Tamimi administration of the province resigned.").is_empty());
}

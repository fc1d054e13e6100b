//! Arabic-script sentences (written for these tests) through the built-in knowledge base: names behind
//! proclitics, with and without tashkeel, with alef, ya and ta-marbuta variants, Persian letters.
#![cfg(not(target_arch = "wasm32"))]

use factionlens::Lens;

fn found(text: &str) -> Vec<(String, String)> {
    Lens::builtin()
        .scan(text)
        .into_iter()
        .map(|m| (m.entity, m.text))
        .collect()
}

fn p(e: &str, t: &str) -> (String, String) {
    (e.to_string(), t.to_string())
}

#[test]
fn names_behind_proclitics_span_the_name_only() {
    assert_eq!(
        found("أعلنت كتائب حزب الله وعصائب أهل الحق انسحابهما، فيما رحّب الحشد الشعبي بالقرار."),
        vec![
            p("kataib-hezbollah", "كتائب حزب الله"),
            p("asaib-ahl-al-haq", "عصائب أهل الحق"),
            p("popular-mobilization-forces", "الحشد الشعبي")
        ]
    );
    assert_eq!(
        found("وقال مسؤول إن للحشد الشعبي دوراً، وإن بالحشد الشعبي فصائل، وكالحرس الثوري."),
        vec![
            p("popular-mobilization-forces", "حشد الشعبي"),
            p("popular-mobilization-forces", "الحشد الشعبي"),
            p("irgc", "الحرس الثوري")
        ]
    );
    // و + حزب الله, and حزب الله not inside كتائب حزب الله.
    assert_eq!(
        found("التقى وفد من حماس وحزب الله."),
        vec![p("hamas", "حماس"), p("hezbollah", "حزب الله")]
    );
}

#[test]
fn tashkeel_tatweel_and_letter_variants() {
    // Full tashkeel.
    assert_eq!(
        found("قَالَ قَيْسُ الخَزْعَلِيُّ"),
        vec![p("qais-al-khazali", "قَيْسُ الخَزْعَلِيُّ")]
    );
    // Alef with hamza written bare, alef maqsura for ya, tatweel inside a word.
    assert_eq!(
        found("زار احمد الشرع بغداد"),
        vec![p("ahmad-al-sharaa", "احمد الشرع")]
    );
    assert_eq!(
        found("التقى مصطفي الكاظمى بالسفير"),
        vec![p("mustafa-al-kadhimi", "مصطفي الكاظمى")]
    );
    assert_eq!(found("بيان حـــماس"), vec![p("hamas", "حـــماس")]);
    // Persian keheh and farsi yeh for Arabic kaf and ya.
    assert_eq!(
        found("کتائب حزب الله"),
        vec![p("kataib-hezbollah", "کتائب حزب الله")]
    );
    assert_eq!(
        found("الإطار التنسیقی"),
        vec![p("coordination-framework", "الإطار التنسیقی")]
    );
}

#[test]
fn arabic_names_do_not_match_inside_other_words() {
    assert!(found("محماسة وحزبالله").is_empty());
    assert!(found("مالحشد الشعبي").is_empty());
}

#[test]
fn mixed_scripts_in_one_article() {
    let text = "Kataib Hezbollah (كتائب حزب الله) and the PMF (الحشد الشعبي) said.";
    let ms = Lens::builtin().scan(text);
    let ids: Vec<&str> = ms.iter().map(|m| m.entity.as_str()).collect();
    assert_eq!(
        ids,
        [
            "kataib-hezbollah",
            "kataib-hezbollah",
            "popular-mobilization-forces",
            "popular-mobilization-forces"
        ]
    );
    for m in &ms {
        let u16: Vec<u16> = text.encode_utf16().collect();
        assert_eq!(String::from_utf16(&u16[m.start..m.end]).unwrap(), m.text);
    }
}

#[test]
fn persian_names_are_matched_like_arabic_names() {
    use factionlens::kb::{Format, MergeMode};
    let mut lens = Lens::new(factionlens::KnowledgeBase::empty());
    let dict = r#"[{"id": "sepah-test", "name": "Sepah Test", "type": "state_security",
        "persian": ["سپاه آزمایشی"]}]"#;
    lens.load_dictionary(dict, Format::Json, "p.json", MergeMode::Replace)
        .unwrap();
    // Behind the proclitic و, with the Arabic yeh and kaf forms a Persian name is often typed with.
    let text = "گزارش داد که وسپاه آزمايشي آماده است.";
    let ms = lens.scan(text);
    assert_eq!(ms.len(), 1, "{ms:?}");
    assert_eq!(ms[0].entity, "sepah-test");
    assert_eq!(ms[0].text, "سپاه آزمايشي");
}

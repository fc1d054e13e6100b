//! The context rules (src/resolve/context.rs; README "What decides a mention"): names that are names
//! only by what the document around them says. Each rule has a positive and a negative case, in
//! sentences written here, scanned with the built-in knowledge base.
#![cfg(not(target_arch = "wasm32"))]

mod common;

use common::{found, has, none_of};

#[test]
fn a_blocs_weak_name_counts_beside_its_leader_in_quotes_or_before_a_head_noun() {
    // Its leader (a role in the KB) named in full in the document.
    assert!(has(
        "Talks resumed on Sunday. Nouri al-Maliki from State of Law wants the interior ministry.",
        "state-of-law-coalition",
        "State of Law"
    ));
    assert!(has(
        "Ammar al-Hakim said that Hikma would join the next cabinet.",
        "national-wisdom-movement",
        "Hikma"
    ));
    // Quoted, with an English head noun after it.
    assert!(has(
        "In Anbar the \"Azm\" coalition came first, ahead of the independents.",
        "azm-alliance",
        "Azm"
    ));
    assert!(has(
        "The vote split the \"Sovereignty\" coalition in two.",
        "sovereignty-alliance",
        "Sovereignty"
    ));
    // In tight quotes, in Arabic.
    assert!(has(
        "حصلت قائمة «دولة القانون» على تسعة مقاعد في بغداد.",
        "state-of-law-coalition",
        "دولة القانون"
    ));
    // Negatives: the ordinary phrase, with no leader, quote or head noun; an Arabic phrase unquoted
    // even beside the leader (دولة القانون "the rule of law" is a political slogan).
    assert!(none_of(
        "The protesters demanded a State of Law and an end to the militias.",
        "state-of-law-coalition"
    ));
    assert!(none_of(
        "Sovereignty over the border crossings was the main issue at the summit.",
        "sovereignty-alliance"
    ));
    assert!(none_of(
        "قال نوري المالكي إن بناء دولة القانون يبدأ بحصر السلاح.",
        "state-of-law-coalition"
    ));
}

#[test]
fn a_surname_right_after_a_body_the_person_serves_is_that_person() {
    let text = "The spokesman of Iraq's Al-Nujaba Al-Shammari said the strikes would go on. \
                Al-Shammari added that the group had not been warned.";
    let f = found(text);
    assert_eq!(
        f.iter().filter(|(e, _)| e == "nasr-al-shammari").count(),
        2,
        "{f:?}"
    );
    // Negative: the same surname after a body the person has no role in is nobody the KB knows.
    assert!(none_of(
        "A statement of the Badr Organization Shammari read on television was brief.",
        "nasr-al-shammari"
    ));
}

#[test]
fn a_word_with_the_article_before_a_surname_is_no_given_name() {
    // "Al Mada" is a newspaper: Sadr (named in full before) is still Muqtada al-Sadr.
    assert!(has(
        "Muqtada al-Sadr met the envoys. According to Al Mada Sadr has agreed to the list.",
        "muqtada-al-sadr",
        "Sadr"
    ));
    // Negative: a given name before the surname is another person, even after the full name.
    assert!(!has(
        "Muqtada al-Sadr met the envoys. His relative Jaafar Sadr was not there.",
        "muqtada-al-sadr",
        "Sadr"
    ));
}

#[test]
fn a_surname_a_group_is_named_after_is_the_group_after_a_head_noun_or_in_quotes() {
    assert!(has(
        "أطلقت قوات الحوثي صاروخين باتجاه سفينة تجارية.",
        "houthis",
        "الحوثي"
    ));
    assert!(has(
        "هجوم جديد لـ«الحوثي» في البحر الأحمر",
        "houthis",
        "الحوثي"
    ));
    // Negatives: after the leader's full name the bare surname is the leader; a surname with no
    // head noun and no quotes, and no full name anywhere, is nobody.
    assert!(has(
        "ألقى عبد الملك الحوثي خطاباً، وقال الحوثي إن الهجمات ستستمر.",
        "abdul-malik-al-houthi",
        "الحوثي"
    ));
    assert!(none_of(
        "قال محمد الحوثي وهو صاحب متجر في صنعاء إن الأسعار ارتفعت.",
        "houthis"
    ));
}

#[test]
fn a_groups_weak_name_counts_in_quotes_or_joined_to_another_group() {
    assert!(has(
        "عانت البلاد من هجمات \"القاعدة\" في المحافظات الغربية.",
        "al-qaeda",
        "القاعدة"
    ));
    assert!(has(
        "قاتل الحشد الشعبي داعش والقاعدة في الصحراء.",
        "al-qaeda",
        "القاعدة"
    ));
    // Negatives: the base, unquoted and not joined to a group name, also beside a group.
    assert!(none_of(
        "سقطت ثلاثة صواريخ على القاعدة الجوية، وتبنت كتائب حزب الله الهجوم.",
        "al-qaeda"
    ));
    assert!(none_of(
        "وصل الجنود إلى القاعدة ثم غادروا قبل الفجر.",
        "al-qaeda"
    ));
}

#[test]
fn a_media_credit_alone_on_its_line_is_no_mention() {
    let credit =
        "Militias Threaten US Forces In Iraq\n\n(Reuters)\nThe talks stalled again on Monday.";
    assert!(none_of(credit, "reuters"), "{:?}", found(credit));
    // Negative: the agency named in a sentence, also in brackets inside it.
    assert!(has(
        "The group denied the report (Reuters) on Monday.",
        "reuters",
        "Reuters"
    ));
    assert!(has(
        "Reuters reported that the talks stalled.",
        "reuters",
        "Reuters"
    ));
}

#[test]
fn a_names_lower_case_article_stays_outside_the_span() {
    let text = "The Coordination Framework met on Monday. Later the Framework named its candidate.";
    let lens = factionlens::Lens::builtin();
    let ms = lens.scan(text);
    let later = text.find("the Framework").unwrap() + 4;
    assert!(
        ms.iter().any(|m| m.entity == "coordination-framework"
            && m.byte_start == later
            && m.text == "Framework"),
        "{:?}",
        ms.iter().map(|m| (&m.entity, &m.text)).collect::<Vec<_>>()
    );
    // Negative: a framework that is no body named before stays unmarked.
    assert!(none_of(
        "The ministers agreed on the framework for the talks.",
        "coordination-framework"
    ));
}

#[test]
fn an_arabic_headline_surname_before_the_full_name_is_the_person() {
    // Issue 13 class 1 in Arabic (ar/039's shape): the headline's surname, the full name below it.
    let text = "بومبيو: الهجوم على القنصلية عمل إرهابي\n\nقال وزير الخارجية الأميركي مايك بومبيو إن الهجوم لن يمر.";
    let f = found(text);
    assert_eq!(
        f.iter().filter(|(e, _)| e == "mike-pompeo").count(),
        2,
        "{f:?}"
    );
    // Negative: the surname alone, with no full name anywhere, is nobody.
    assert!(none_of(
        "بومبيو: الهجوم على القنصلية عمل إرهابي",
        "mike-pompeo"
    ));
}

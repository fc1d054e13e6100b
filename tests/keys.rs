//! Issue 13, class 3 and 5: spellings in sentences written for these tests (variant rules; romanization
//! keys, src/key.rs), with spans exact in the original text; what keys and variants must not do.
#![cfg(not(target_arch = "wasm32"))]

use factionlens::{Lens, Rule};

mod common;
use common::{found, p};

#[test]
fn spellings_of_the_variant_rules() {
    assert_eq!(
        found("Kataib Hezbollah and Moqtada al-Sadr met; Qays al-Khazaali spoke; Faleh al-Fayadh listened."),
        vec![
            p("kataib-hezbollah", "Kataib Hezbollah"),
            p("muqtada-al-sadr", "Moqtada al-Sadr"),
            p("qais-al-khazali", "Qays al-Khazaali"),
            p("faleh-al-fayyadh", "Faleh al-Fayadh")
        ]
    );
    // A generated spelling is reported as a variant; the name as written is not.
    let ms = Lens::builtin().scan("Qays al-Khazali, then Qais al-Khazali.");
    assert_eq!(
        ms.iter().map(|m| m.rule).collect::<Vec<_>>(),
        [Rule::Variant, Rule::Name]
    );
}

/// The romanization key (src/key.rs, not yet wired into the matcher) merges what the variant rules do
/// not: Kaabi/Kabi, Mustafa/Mustapha, Taqaddum/Taqqadum, and keeps spans exact through the merge.
#[test]
fn keys_merge_spellings_no_rule_enumerates() {
    use factionlens::fold::fold;
    use factionlens::key::key;
    let k = |s: &str| key(&fold(s)).as_str().to_string();
    assert_eq!(k("Akram al-Kabi"), k("Akram al-Kaabi"));
    assert_eq!(k("Mustapha al-Kadhimi"), k("Mustafa al-Kazimi"));
    assert_eq!(k("Taqqadum"), k("Taqaddum"));
    let text = "said Akram al-Kaabi.";
    let kf = key(&fold(text));
    let ks = kf.as_str().find("kabi").unwrap();
    let (s, e) = kf.original_span(text, ks, ks + 4);
    assert_eq!(&text[s..e], "Kaabi");
}

#[test]
fn spans_cover_merged_letters() {
    // Doubled letters merge into one key letter, which stands for both: the span ends after the second.
    let text = "said Ahmad al-Sharaa.";
    let ms = Lens::builtin().scan(text);
    assert_eq!(ms[0].text, "Ahmad al-Sharaa");
    assert_eq!(&text[ms[0].byte_start..ms[0].byte_end], "Ahmad al-Sharaa");
}

#[test]
fn keys_do_not_make_english_words_names() {
    // Tripp, not trip (the `never` list).
    assert_eq!(
        found("Emily Tripp wrote. Trip planners met; Tripp added."),
        vec![p("emily-tripp", "Emily Tripp"), p("emily-tripp", "Tripp")]
    );
    // Daesh is not dash, Sharaa not share.
    assert!(found("Dash cams filmed it. Share prices rose.").is_empty());
}

/// Issue 13, class 5: a person's surname inside a place name is not the person.
#[test]
fn surnames_inside_place_names_are_not_people() {
    assert_eq!(
        found("Muqtada al-Sadr spoke in Sadr City; drones hit Ain al-Asad and the Ain al-Assad base. Sadr left."),
        vec![
            p("muqtada-al-sadr", "Muqtada al-Sadr"),
            p("muqtada-al-sadr", "Sadr")
        ]
    );
    assert_eq!(
        found("Bashar al-Assad fled; Assad Street was renamed."),
        vec![p("bashar-al-assad", "Bashar al-Assad")]
    );
}

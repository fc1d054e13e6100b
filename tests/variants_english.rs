//! The transliteration rules must not turn names into ordinary English words: every generated
//! spelling of every Latin-script name in the built-in KB is checked against an English word list
//! (Debian's `wamerican`, installed by scripts/setup.sh), and scans of English prose that mention no
//! group find nothing.
#![cfg(not(target_arch = "wasm32"))]

use factionlens::fold::fold_name;
use factionlens::kb::NameField;
use factionlens::variants::{Style, VariantRules};
use factionlens::{EntityType, KnowledgeBase, Lens};
use std::collections::HashSet;

fn english() -> HashSet<String> {
    let text = std::fs::read_to_string("/usr/share/dict/words").expect(
        "/usr/share/dict/words is missing: run scripts/setup.sh (installs Debian's wamerican)",
    );
    // Common words only: capitalized entries are proper nouns (Hussein, Ida), not ordinary English.
    text.lines()
        .filter(|w| !w.ends_with("'s") && w.starts_with(|c: char| c.is_lowercase()))
        .map(fold_name)
        .collect()
}

#[test]
fn variants_add_no_english_words() {
    let words = english();
    let rules = VariantRules::builtin();
    let kb = KnowledgeBase::builtin();
    let mut offenders = Vec::new();
    for e in kb.entities() {
        let person = e.kind == EntityType::Person;
        let own_names: HashSet<String> = e
            .name_fields()
            .iter()
            .flat_map(|(_, names)| names.iter().map(|n| fold_name(n)))
            .collect();
        for (field, names) in e.name_fields() {
            let style = match field {
                NameField::Acronyms | NameField::DefinedOnly | NameField::Arabic => continue,
                NameField::ShortNames => Style::ShortName,
                _ if person => Style::Person,
                _ => Style::Name,
            };
            for name in names {
                let own = fold_name(name);
                let own_english = own.split(' ').all(|w| words.contains(w));
                for v in rules.expand(&own, style).into_iter().skip(1) {
                    let all_english = v.split(' ').all(|w| words.contains(w));
                    if all_english && !own_english && !own_names.contains(&v) {
                        offenders.push(format!("{} ({field} `{name}`) → `{v}`", e.id));
                    }
                }
            }
        }
    }
    assert!(offenders.is_empty(), "generated spellings that are English words (add them to `never` in data/variants.toml or change the rule):\n{}", offenders.join("\n"));
}

#[test]
fn english_news_prose_has_no_false_mentions() {
    // Ordinary news prose with capitalized words, names and acronyms of other things.
    let text = "Shares rallied on Monday as the Federal Reserve held rates. Hashed out in talks in Geneva, the \
        deal lets Said Ahmed's bakery export dates. The Sadler Group, Amir Khan and Sayed Kirmani met Qasim \
        Industries. IS THIS THE END? It is, said the CEO of CF Industries. The Badrinath pilgrims and the \
        Haqqani archive in Kabul; Hamasaki won in Tokyo. Nobody hashed anything. Al Jazeera reported from \
        Doha; Ali Baba and the forty thieves; Muhammad Ali boxed. Under the Strategic Framework Agreement \
        (SFA), the SFA talks resumed; India's CBI arrested a clerk; Peace Brigades International observers left. \
        Dash cams filmed it. Share prices eased. Trip planners met. Sadder news: Bader and Kabir sang; Moody's \
        cut the rating and Soda Hashim's bakery opened.";
    let lens = Lens::builtin();
    let found: Vec<String> = lens
        .scan(text)
        .into_iter()
        .map(|m| format!("{} = {}", m.text, m.entity))
        .collect();
    assert!(
        found.is_empty(),
        "false mentions in unrelated English prose: {found:?}"
    );
}

/// The romanization keys (src/key.rs) merge spellings in names and text alike: no Latin-script name of
/// the built-in KB may share its key with an ordinary English word (or, for a name of several words,
/// with a phrase of English words) unless the name is that English.
#[test]
fn keys_turn_no_english_word_into_a_name() {
    use factionlens::key::key_name;
    let words = english();
    let english_keys: HashSet<String> = words.iter().map(|w| key_name(w)).collect();
    let kb = KnowledgeBase::builtin();
    // Names guarded by the `never` list match only as written (see data/variants.toml).
    let never: HashSet<String> = VariantRules::builtin()
        .never
        .iter()
        .map(|w| key_name(w))
        .collect();
    let mut offenders = Vec::new();
    for e in kb.entities() {
        for (field, names) in e.name_fields() {
            if matches!(field, NameField::Acronyms | NameField::Arabic) {
                continue;
            }
            for name in names {
                let own = fold_name(name);
                if !own.is_ascii() {
                    continue;
                }
                let own_english = own.split(' ').all(|w| words.contains(w));
                let all_keys_english = own.split(' ').all(|w| english_keys.contains(&key_name(w)));
                // Case-sensitive names (all capitals) cannot be met by an ordinary lowercase word.
                let caps = !name.chars().any(char::is_lowercase);
                if all_keys_english && !own_english && !caps && !never.contains(&key_name(&own)) {
                    offenders.push(format!(
                        "{} ({field} `{name}`) → key `{}`",
                        e.id,
                        key_name(&own)
                    ));
                }
            }
        }
    }
    assert!(
        offenders.is_empty(),
        "names whose key is an English word's key:\n{}",
        offenders.join("\n")
    );
}

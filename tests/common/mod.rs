//! Helpers shared by the integration tests that scan with the built-in knowledge base.
#![allow(dead_code)]

use factionlens::Lens;

/// (entity id, text) of every mention the built-in lens finds in `text`.
pub fn found(text: &str) -> Vec<(String, String)> {
    Lens::builtin()
        .scan(text)
        .into_iter()
        .map(|m| (m.entity, m.text))
        .collect()
}

/// An expected (entity id, text) pair.
pub fn p(e: &str, t: &str) -> (String, String) {
    (e.to_string(), t.to_string())
}

/// Whether the built-in lens finds `t` in `text` as a mention of entity `e`.
pub fn has(text: &str, e: &str, t: &str) -> bool {
    found(text).contains(&p(e, t))
}

/// Whether the built-in lens finds no mention of entity `e` in `text`.
pub fn none_of(text: &str, e: &str) -> bool {
    !found(text).iter().any(|(id, _)| id == e)
}

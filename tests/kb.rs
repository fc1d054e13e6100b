//! The built-in knowledge base tested against itself: every name finds its own entity, no spelling is
//! claimed by two entities unless both records say so, every relation target exists, every fact has a
//! source.
#![cfg(not(target_arch = "wasm32"))]

use factionlens::fold::fold_name;
use factionlens::kb::schema::is_source;
use factionlens::kb::NameField;
use factionlens::matcher::NameKind;
use factionlens::{KnowledgeBase, Lens};
use std::collections::{HashMap, HashSet};

#[test]
fn every_name_finds_its_own_entity_standing_alone() {
    let lens = Lens::builtin();
    let kb = lens.knowledge_base();
    let mut failures = Vec::new();
    for n in lens.matcher().names() {
        let e = kb.at(n.entity as usize);
        let name = &n.text;
        let (text, target) = match n.kind {
            NameKind::Name | NameKind::Alias | NameKind::Acronym | NameKind::Arabic => {
                let t = format!("Officials said {name} was involved.");
                let s = t.find(name.as_str()).unwrap();
                (t, s)
            }
            // Weak names and short names need the entity named in full first.
            NameKind::WeakAcronym | NameKind::WeakAlias | NameKind::ShortName => {
                let t = format!("{} spoke. Later, {name} was involved.", e.name);
                let s = t.rfind(name.as_str()).unwrap();
                (t, s)
            }
            NameKind::DefinedOnly => {
                let t = format!("{} ({name}) spoke. Later, {name} was involved.", e.name);
                let s = t.rfind(name.as_str()).unwrap();
                (t, s)
            }
        };
        let ms = lens.scan(&text);
        let hit = ms
            .iter()
            .find(|m| m.byte_start == target && m.byte_end == target + name.len());
        match hit {
            Some(m) if m.entity == e.id => {}
            Some(m) if m.ambiguous || e.ambiguous.contains(name) => {}
            other => failures.push(format!(
                "{} {:?} `{name}` → {:?}",
                e.id,
                n.kind,
                other.map(|m| (&m.entity, &m.text))
            )),
        }
    }
    assert!(
        failures.is_empty(),
        "{} names do not find their entity:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

#[test]
fn no_spelling_is_claimed_by_two_entities_unless_marked_ambiguous() {
    let lens = Lens::builtin();
    let kb = lens.knowledge_base();
    // folded name → entities claiming it (short names are shared by design and resolved by recency)
    let mut claims: HashMap<String, Vec<(String, String)>> = HashMap::new();
    for e in kb.entities() {
        for (field, names) in e.name_fields() {
            if field == NameField::ShortNames {
                continue;
            }
            for n in names {
                let key = if field == NameField::Acronyms || field == NameField::DefinedOnly {
                    n.clone()
                } else {
                    fold_name(n)
                };
                let v = claims.entry(key).or_default();
                if !v.iter().any(|(id, _)| *id == e.id) {
                    v.push((e.id.clone(), n.clone()));
                }
            }
        }
    }
    let mut bad = Vec::new();
    for (key, v) in &claims {
        if v.len() > 1 {
            let all_marked = v
                .iter()
                .all(|(id, n)| kb.get(id).unwrap().ambiguous.contains(n));
            if !all_marked {
                bad.push(format!("`{key}` claimed by {v:?}"));
            }
        }
    }
    bad.sort();
    assert!(
        bad.is_empty(),
        "shared names not marked `ambiguous` in both records:\n{}",
        bad.join("\n")
    );
}

#[test]
fn relations_point_at_existing_entities_and_every_fact_has_a_source() {
    let kb = KnowledgeBase::builtin();
    assert!(kb.len() >= 60, "the KB has only {} entities", kb.len());
    let ids: HashSet<&str> = kb.entities().iter().map(|e| e.id.as_str()).collect();
    for e in kb.entities() {
        assert!(
            !e.sources.is_empty() && e.sources.iter().all(|s| is_source(s)),
            "{}: sources",
            e.id
        );
        assert!(!e.description.trim().is_empty(), "{}: description", e.id);
        for r in &e.relations {
            assert!(ids.contains(r.target.as_str()), "{} → {}", e.id, r.target);
            assert!(!r.sources.is_empty(), "{} → {}: no source", e.id, r.target);
        }
        for d in &e.designations {
            assert!(!d.sources.is_empty(), "{} {}: no source", e.id, d.list);
        }
    }
}

#[test]
fn cards_show_incoming_relations() {
    let kb = KnowledgeBase::builtin();
    for e in kb.entities() {
        for r in &e.relations {
            let card = kb.card(&r.target).unwrap();
            assert!(card
                .incoming
                .iter()
                .any(|i| i.source == e.id && i.rel == r.rel));
        }
    }
}

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
        let name = n.text;
        let (text, target) = match n.kind {
            NameKind::Name | NameKind::Alias | NameKind::Acronym | NameKind::Arabic => {
                let t = format!("Officials said {name} was involved.");
                let s = t.find(name).unwrap();
                (t, s)
            }
            // Weak names and short names need the entity named in full first.
            NameKind::WeakAcronym | NameKind::WeakAlias | NameKind::ShortName => {
                let t = format!("{} spoke. Later, {name} was involved.", e.name);
                let s = t.rfind(name).unwrap();
                (t, s)
            }
            NameKind::DefinedOnly => {
                let t = format!("{} ({name}) spoke. Later, {name} was involved.", e.name);
                let s = t.rfind(name).unwrap();
                (t, s)
            }
        };
        let ms = lens.scan(&text);
        // A name written with a lower-case article (`the Framework`) leaves the article out of the span.
        let skip = if name.starts_with("the ") { 4 } else { 0 };
        let hit = ms
            .iter()
            .find(|m| m.byte_start == target + skip && m.byte_end == target + name.len());
        match hit {
            Some(m) if m.entity == e.id => {}
            Some(m) if m.ambiguous || e.ambiguous.iter().any(|a| a == name) => {}
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

/// The time facts of issue 14, checked on the built KB with the test's own reading of the schema
/// (not the validator's code): every role, status and brigade list sourced, every role pointing at a
/// body that exists, every armed group and umbrella with an Arabic name, and no body with two current
/// holders of a single-holder role.
#[test]
fn roles_status_and_names_hold_across_the_whole_kb() {
    let kb = KnowledgeBase::builtin();
    assert_eq!(
        kb.as_of().map(str::len),
        Some(10),
        "the KB has an as-of date"
    );
    let single = [
        "supreme_leader",
        "president",
        "prime_minister",
        "speaker",
        "chairman",
        "chief_of_staff",
        "secretary_general",
        "leader",
        "commander",
        "head",
    ];
    let mut current: HashMap<(String, String), Vec<String>> = HashMap::new();
    let mut bad = Vec::new();
    for e in kb.entities() {
        let tag = serde_json::to_value(e.kind).unwrap();
        if (tag == "armed_group" || tag == "umbrella") && e.arabic.is_empty() {
            bad.push(format!("{}: {tag} without an Arabic name", e.id));
        }
        let dead = e
            .status
            .as_ref()
            .is_some_and(|s| serde_json::to_value(s.state).unwrap() == "deceased");
        if let Some(s) = &e.status {
            if s.sources.is_empty() {
                bad.push(format!("{}: status without a source", e.id));
            }
        }
        if e.pmf_brigades
            .as_ref()
            .is_some_and(|b| b.sources.is_empty())
        {
            bad.push(format!("{}: brigade numbers without a source", e.id));
        }
        for r in &e.roles {
            let role = serde_json::to_value(r.role).unwrap();
            let role = role.as_str().unwrap().to_string();
            match kb.get(&r.of) {
                None => bad.push(format!("{}: role {role} of unknown `{}`", e.id, r.of)),
                Some(body) if serde_json::to_value(body.kind).unwrap() == "person" => {
                    bad.push(format!("{}: role {role} of a person `{}`", e.id, r.of))
                }
                _ => {}
            }
            if r.sources.is_empty() || !r.sources.iter().all(|s| is_source(s)) {
                bad.push(format!(
                    "{}: role {role} of {} without a source",
                    e.id, r.of
                ));
            }
            if let (Some(f), Some(u)) = (&r.from, &r.until) {
                let n = f.len().min(u.len());
                if u[..n] < f[..n] {
                    bad.push(format!(
                        "{}: role {role} ends ({u}) before it starts ({f})",
                        e.id
                    ));
                }
            }
            if r.until.is_none() && !dead && single.contains(&role.as_str()) {
                current
                    .entry((r.of.clone(), role))
                    .or_default()
                    .push(e.id.clone());
            }
        }
    }
    for ((body, role), holders) in &current {
        if holders.len() > 1 {
            bad.push(format!("{body}: {holders:?} are all current {role}"));
        }
    }
    bad.sort();
    assert!(bad.is_empty(), "{}", bad.join("\n"));
}

/// The audited corrections of issue 14 stay in the KB.
#[test]
fn audited_facts() {
    let kb = KnowledgeBase::builtin();
    let muhandis = kb.get("abu-mahdi-al-muhandis").unwrap();
    let d = &muhandis.designations[0];
    assert_eq!(
        (d.list.as_str(), d.program.as_deref(), d.date.as_str()),
        ("SDN", Some("E.O. 13438"), "2009-07-02")
    );
    assert!(!muhandis.designations.iter().any(|d| d.list == "SDGT"));
    let deputy = muhandis
        .roles
        .iter()
        .find(|r| r.of == "popular-mobilization-forces")
        .unwrap();
    assert_eq!(
        serde_json::to_value(deputy.role).unwrap(),
        "deputy_chairman"
    );
    assert_eq!(deputy.until.as_deref(), Some("2020-01-03"));
    let card = kb.card("popular-mobilization-forces").unwrap();
    assert!(card
        .holders
        .iter()
        .any(|h| h.person == "abu-mahdi-al-muhandis" && !h.current));
    let status = |id: &str| {
        kb.get(id)
            .and_then(|e| e.status.as_ref())
            .map(|s| (serde_json::to_value(s.state).unwrap(), s.date.clone()))
    };
    assert_eq!(
        status("ali-khamenei"),
        Some(("deceased".into(), Some("2026-02-28".into())))
    );
    assert_eq!(
        status("saraya-al-khorasani"),
        Some(("dissolved".into(), Some("2020-12".into())))
    );
    let leader = kb.card("office-of-the-supreme-leader").unwrap();
    let now: Vec<_> = leader.holders.iter().filter(|h| h.current).collect();
    assert_eq!(now.len(), 1);
    assert_eq!(now[0].person, "mojtaba-khamenei");
    let kh = kb.get("kataib-hezbollah").unwrap();
    assert!(kh
        .designations
        .iter()
        .any(|d| d.list == "SDGT" && d.date == "2009-07-02"));
}

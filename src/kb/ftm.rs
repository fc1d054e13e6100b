//! FollowTheMoney entities, as OpenSanctions publishes them, turned into dictionary records.
//!
//! Why a module of its own: FollowTheMoney (FtM) is the data model of OpenSanctions and Aleph, with
//! its own schemata, property names and topics. OpenSanctions ships it as JSON lines under several file
//! names (`entities.ftm.json`, `targets.nested.json`, `*.jsonl`), one entity per line, with related
//! entities either on their own lines or nested inside a property (`targets.nested.json`). This module
//! knows that model; [`super::load`] only dispatches to it.
//!
//! Read: `id` (kept verbatim, so mentions join back to OpenSanctions), `schema`, `caption` (the card
//! name, as OpenSanctions shows it), and the properties `name`, `alias`, `previousName` (strong names),
//! `weakAlias` (a name matched only where the document defines it), `firstName`/`lastName` (a person's
//! surname, matched after the full name), `country`, `topics` (the type), `notes`/`description`,
//! `sourceUrl` and `wikidataId`. Nested entities are read like top-level ones. Everything else is skipped; a value there
//! that is not a list only draws a warning naming the line and the property. An unknown schema (a
//! misspelling) draws a warning too, and so does a one-word person name, which is loaded as a weak alias
//! (it needs the full name elsewhere in the document: "Hassan" alone is not a mention).

use super::schema::{EntityRecord, EntityType, KbError, Located};
use super::validate::{is_qid, is_source};
use serde_json::{Map, Value};
use std::collections::HashMap;

/// Every schema of the FollowTheMoney model (followthemoney 4.x, plus 3.x's `Assessment`; checked against
/// the package in `tests/interchange/test_ftm.py`). A schema not listed is reported as unknown.
pub const SCHEMATA: &[&str] = &[
    "Address",
    "Airplane",
    "Analyzable",
    "Article",
    "Assessment",
    "Asset",
    "Associate",
    "Audio",
    "BankAccount",
    "Call",
    "CallForTenders",
    "Company",
    "Contract",
    "ContractAward",
    "Control",
    "CourtCase",
    "CourtCaseParty",
    "CryptoWallet",
    "Debt",
    "Directorship",
    "Document",
    "Documentation",
    "EconomicActivity",
    "Email",
    "Employment",
    "Event",
    "Family",
    "Folder",
    "HyperText",
    "Identification",
    "Image",
    "Interest",
    "Interval",
    "LegalEntity",
    "License",
    "Membership",
    "Mention",
    "Message",
    "Note",
    "Occupancy",
    "Organization",
    "Ownership",
    "Package",
    "Page",
    "Pages",
    "Passport",
    "Payment",
    "Person",
    "PlainText",
    "Position",
    "Project",
    "ProjectParticipant",
    "PublicBody",
    "RealEstate",
    "Representation",
    "Risk",
    "Sanction",
    "Security",
    "Similar",
    "Succession",
    "Table",
    "TaxRoll",
    "Territory",
    "Thing",
    "Trip",
    "UnknownLink",
    "UserAccount",
    "Value",
    "Vehicle",
    "Vessel",
    "Video",
    "Workbook",
];

/// The properties FactionLens reads (a bad value in any other one is only a warning).
const READ: &[&str] = &[
    "name",
    "alias",
    "previousName",
    "weakAlias",
    "firstName",
    "lastName",
    "country",
    "topics",
    "notes",
    "description",
    "sourceUrl",
    "wikidataId",
];

/// Topics that make an organization a government body (not `gov.soe`, `gov.igo`, `gov.religion`).
const GOVERNMENT: &[&str] = &[
    "gov",
    "gov.national",
    "gov.state",
    "gov.muni",
    "gov.executive",
    "gov.legislative",
    "gov.judicial",
    "gov.admin",
    "gov.financial",
];

/// Records and warnings from one FtM file.
#[derive(Debug)]
pub struct Parsed {
    /// The entities, in file order (nested ones after the entity that holds them).
    pub records: Vec<Located>,
    /// What was skipped or downgraded, each naming its line and property.
    pub warnings: Vec<KbError>,
}

/// The entity type of an FtM entity: topics first (they say what OpenSanctions knows), then the schema.
/// `None` for schemata that name nothing to find in text (addresses, sanctions, vessels…).
fn kind_of(schema: &str, topics: &[String]) -> Option<EntityType> {
    let named = matches!(
        schema,
        "Person" | "Organization" | "Company" | "LegalEntity" | "PublicBody"
    );
    if !named {
        return None;
    }
    if schema == "Person" {
        return Some(EntityType::Person);
    }
    let has = |t: &str| {
        topics
            .iter()
            .any(|x| x == t || x.strip_prefix(t).is_some_and(|r| r.starts_with('.')))
    };
    Some(if has("gov.security") {
        EntityType::StateSecurity
    } else if has("crime.terror") {
        EntityType::ArmedGroup
    } else if has("mil") {
        // A military body: a state's (with the public-body schema) or an armed group.
        if schema == "PublicBody" {
            EntityType::StateSecurity
        } else {
            EntityType::ArmedGroup
        }
    } else if has("pol.party") {
        EntityType::Political
    } else if schema == "PublicBody" || GOVERNMENT.iter().any(|g| topics.iter().any(|t| t == g)) {
        EntityType::Government
    } else {
        EntityType::Organization
    })
}

fn one_word(s: &str) -> bool {
    s.split_whitespace().count() == 1
}

struct Ctx<'a> {
    origin: &'a str,
    out: Vec<Located>,
    by_id: HashMap<String, (usize, bool)>,
    warnings: Vec<KbError>,
}

impl Ctx<'_> {
    fn warn(&mut self, line: usize, id: &str, field: &str, msg: String) {
        self.warnings.push(
            KbError::new(self.origin, msg)
                .at_line(line)
                .for_entity(id)
                .in_field(field),
        );
    }

    /// Reads one entity object (top-level when `nested` is false) and every entity nested in it.
    fn entity(
        &mut self,
        obj: &Map<String, Value>,
        line: usize,
        nested: bool,
    ) -> Result<(), KbError> {
        let origin = self.origin;
        let id = match obj.get("id") {
            Some(Value::String(s)) if !s.trim().is_empty() => s.trim().to_string(),
            _ => {
                return Err(
                    KbError::new(origin, "a FollowTheMoney entity needs a string `id`")
                        .at_line(line)
                        .in_field("id"),
                )
            }
        };
        let schema = match obj.get("schema") {
            Some(Value::String(s)) => s.clone(),
            _ => {
                return Err(
                    KbError::new(origin, "a FollowTheMoney entity needs a string `schema`")
                        .at_line(line)
                        .for_entity(&id)
                        .in_field("schema"),
                )
            }
        };
        let empty = Map::new();
        let props = match obj.get("properties") {
            None => &empty,
            Some(Value::Object(p)) => p,
            Some(_) => {
                return Err(KbError::new(origin, "`properties` must be an object")
                    .at_line(line)
                    .for_entity(&id)
                    .in_field("properties"))
            }
        };
        // Values: strings of read properties; nested entities of any property.
        let mut strings: HashMap<String, Vec<String>> = HashMap::new();
        let mut nested_objs: Vec<&Map<String, Value>> = Vec::new();
        for (key, val) in props {
            let read = READ.contains(&key.as_str());
            let field = format!("properties.{key}");
            let Value::Array(items) = val else {
                if read {
                    return Err(KbError::new(origin, "expected a list of values")
                        .at_line(line)
                        .for_entity(&id)
                        .in_field(&field));
                }
                self.warn(
                    line,
                    &id,
                    &field,
                    "expected a list of values; property skipped".into(),
                );
                continue;
            };
            for item in items {
                match item {
                    Value::String(s) if read => {
                        let s = s.trim();
                        if s.chars().any(char::is_alphanumeric) {
                            strings.entry(key.clone()).or_default().push(s.to_string());
                        }
                    }
                    Value::String(_) => {}
                    Value::Object(o) if o.contains_key("schema") => nested_objs.push(o),
                    _ if read => {
                        return Err(KbError::new(origin, format!("expected text, got `{item}`"))
                            .at_line(line)
                            .for_entity(&id)
                            .in_field(&field))
                    }
                    _ => {
                        self.warn(
                            line,
                            &id,
                            &field,
                            format!("unexpected value `{item}`; skipped"),
                        );
                    }
                }
            }
        }
        let get = |k: &str| strings.get(k).cloned().unwrap_or_default();
        if !SCHEMATA.contains(&schema.as_str()) {
            self.warn(
                line,
                &id,
                "schema",
                format!("unknown FollowTheMoney schema `{schema}`; entity skipped"),
            );
            return self.nested(&nested_objs, line);
        }
        let Some(kind) = kind_of(&schema, &get("topics")) else {
            // Addresses, sanctions, memberships…: nothing to find in text, but they may hold entities.
            return self.nested(&nested_objs, line);
        };
        let caption = obj
            .get("caption")
            .and_then(Value::as_str)
            .map(str::trim)
            .filter(|c| c.chars().any(char::is_alphanumeric));
        let mut names = get("name");
        let person = kind == EntityType::Person;
        if person && names.is_empty() {
            let full = [get("firstName"), get("lastName")].concat().join(" ");
            if !full.is_empty() {
                names.push(full);
            }
        }
        let Some(name) = caption
            .map(str::to_string)
            .or_else(|| names.first().cloned())
        else {
            return Err(KbError::new(
                origin,
                "entity has no name (no `caption`, `name`, `firstName` or `lastName`)",
            )
            .at_line(line)
            .for_entity(&id)
            .in_field("properties.name"));
        };
        let mut r = EntityRecord::new(&id, &name, kind);
        let mut strong: Vec<String> = names;
        strong.extend(get("alias"));
        strong.extend(get("previousName"));
        let (arabic, latin): (Vec<String>, Vec<String>) = strong
            .into_iter()
            .partition(|a| a.chars().any(crate::fold::is_arabic));
        let (weak, latin): (Vec<String>, Vec<String>) =
            latin.into_iter().partition(|a| person && one_word(a));
        let (weak_ar, arabic): (Vec<String>, Vec<String>) =
            arabic.into_iter().partition(|a| person && one_word(a));
        let mut seen = vec![r.name.clone()];
        let mut fresh = |v: Vec<String>| -> Vec<String> {
            v.into_iter()
                .filter(|s| {
                    let new = !seen.contains(s);
                    if new {
                        seen.push(s.clone());
                    }
                    new
                })
                .collect()
        };
        r.aliases = fresh(latin);
        r.arabic = fresh(arabic);
        r.weak_aliases = fresh([weak, weak_ar].concat()).into();
        r.defined_only = fresh(get("weakAlias")).into();
        if person {
            r.short_names = fresh(
                get("lastName")
                    .into_iter()
                    .filter(|l| !r.name.eq_ignore_ascii_case(l))
                    .collect(),
            )
            .into();
        }
        if person && one_word(&r.name) {
            self.warn(
                line,
                &id,
                "caption",
                format!("`{}` is a one-word person name: matched only with other evidence of the person", r.name),
            );
        }
        // FtM also has codes such as `suhr` (Soviet Union) and `ge-ab`: only ISO 3166-1 alpha-2 is kept.
        for c in get("country") {
            let up = c.to_ascii_uppercase();
            if up.len() == 2 && up.bytes().all(|b| b.is_ascii_uppercase()) {
                if !r.country.contains(&up) {
                    r.country.push(up);
                }
            } else {
                self.warn(
                    line,
                    &id,
                    "properties.country",
                    format!("`{c}` is not an ISO 3166-1 alpha-2 code; skipped"),
                );
            }
        }
        for q in get("wikidataId") {
            if is_qid(&q) && r.wikidata.is_none() {
                r.wikidata = Some(q);
            } else if !is_qid(&q) {
                self.warn(
                    line,
                    &id,
                    "properties.wikidataId",
                    format!("`{q}` is not a Wikidata id; skipped"),
                );
            }
        }
        r.description = get("notes")
            .into_iter()
            .chain(get("description"))
            .next()
            .map(|n| n.chars().take(400).collect())
            .unwrap_or_default();
        r.sources = get("sourceUrl")
            .into_iter()
            .filter(|s| is_source(s))
            .collect();
        match self.by_id.get(&id).copied() {
            // A top-level entity replaces a copy nested earlier; other repeats keep the first.
            Some((i, true)) if !nested => {
                self.out[i] = Located { record: r, line };
                self.by_id.insert(id, (i, false));
            }
            Some(_) => {}
            None => {
                self.by_id.insert(id, (self.out.len(), nested));
                self.out.push(Located { record: r, line });
            }
        }
        self.nested(&nested_objs, line)
    }

    fn nested(&mut self, objs: &[&Map<String, Value>], line: usize) -> Result<(), KbError> {
        objs.iter().try_for_each(|o| self.entity(o, line, true))
    }
}

/// Parses FtM JSON lines. A line that is not JSON, or an entity without `id`/`schema`/name, is an
/// error naming its line; see the module documentation for what is only a warning.
pub fn parse(text: &str, origin: &str) -> Result<Parsed, KbError> {
    let mut ctx = Ctx {
        origin,
        out: Vec::new(),
        by_id: HashMap::new(),
        warnings: Vec::new(),
    };
    for (i, raw) in text.lines().enumerate() {
        let line = i + 1;
        let raw = raw.trim();
        if raw.is_empty() {
            continue;
        }
        let v: Value = serde_json::from_str(raw).map_err(|err| {
            let msg = err.to_string();
            let msg = msg.split(" at line ").next().unwrap_or(&msg).to_string();
            KbError::new(origin, format!("not a FollowTheMoney entity: {msg}")).at_line(line)
        })?;
        let Value::Object(obj) = v else {
            return Err(KbError::new(
                origin,
                "not a FollowTheMoney entity: expected one JSON object per line",
            )
            .at_line(line));
        };
        ctx.entity(&obj, line, false)?;
    }
    Ok(Parsed {
        records: ctx.out,
        warnings: ctx.warnings,
    })
}

/// Whether `text` looks like FtM JSON lines: its first non-empty line is a JSON object with string
/// `id` and `schema` keys.
pub fn looks_like_ftm(text: &str) -> bool {
    let first = text
        .trim_start_matches('\u{feff}')
        .lines()
        .map(str::trim)
        .find(|l| !l.is_empty())
        .unwrap_or("");
    first.starts_with('{')
        && serde_json::from_str::<Map<String, Value>>(first).is_ok_and(|o| {
            o.get("schema").is_some_and(Value::is_string)
                && o.get("id").is_some_and(Value::is_string)
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn one(line: &str) -> Parsed {
        parse(line, "t.jsonl").unwrap()
    }

    #[test]
    fn topics_decide_the_type() {
        let k =
            |s: &str, t: &[&str]| kind_of(s, &t.iter().map(|x| x.to_string()).collect::<Vec<_>>());
        assert_eq!(
            k("PublicBody", &["gov.security", "crime.terror"]),
            Some(EntityType::StateSecurity)
        );
        assert_eq!(
            k("Organization", &["crime.terror"]),
            Some(EntityType::ArmedGroup)
        );
        assert_eq!(
            k("Organization", &["pol.party"]),
            Some(EntityType::Political)
        );
        assert_eq!(k("PublicBody", &["mil"]), Some(EntityType::StateSecurity));
        assert_eq!(k("Organization", &["mil"]), Some(EntityType::ArmedGroup));
        assert_eq!(k("PublicBody", &[]), Some(EntityType::Government));
        assert_eq!(k("Company", &["sanction"]), Some(EntityType::Organization));
        assert_eq!(
            k("Organization", &["military"]),
            Some(EntityType::Organization)
        );
        assert_eq!(k("Address", &["crime.terror"]), None);
    }

    #[test]
    fn ids_verbatim_names_and_warnings() {
        let p = one(
            r#"{"id":"NK-2PacmNpiLUmoz4XD2mSt7A","schema":"Person","caption":"Hassan","properties":{"name":["Hassan"],"lastName":["Hassan"],"birthPlace":"Saudi Arabia","country":["iq","iq"]}}"#,
        );
        let r = &p.records[0].record;
        assert_eq!(r.id, "NK-2PacmNpiLUmoz4XD2mSt7A");
        assert_eq!(r.country, vec!["IQ"]);
        assert!(r.short_names.is_empty());
        let fields: Vec<_> = p
            .warnings
            .iter()
            .map(|w| w.field.clone().unwrap())
            .collect();
        assert_eq!(fields, vec!["properties.birthPlace", "caption"]);
        assert!(p.warnings[0].to_string().starts_with(
            "t.jsonl:1: entity `NK-2PacmNpiLUmoz4XD2mSt7A`: field `properties.birthPlace`"
        ));
        let err = parse(
            r#"{"id":"x","schema":"Person","properties":{"name":"Abu X"}}"#,
            "t",
        )
        .unwrap_err();
        assert_eq!(err.field.as_deref(), Some("properties.name"));
        let p = one(r#"{"id":"x","schema":"Organisation","properties":{"name":["X"]}}"#);
        assert!(p.records.is_empty());
        assert!(p.warnings[0]
            .message
            .contains("unknown FollowTheMoney schema `Organisation`"));
    }

    #[test]
    fn nested_entities_are_read_once() {
        let text = concat!(
            r#"{"id":"p1","schema":"Person","properties":{"firstName":["Abu"],"lastName":["Test"],"membershipMember":[{"id":"m1","schema":"Membership","properties":{"organization":[{"id":"o1","schema":"Organization","properties":{"name":["Test Brigade"],"topics":["crime.terror"]}}]}}]}}"#,
            "\n",
            r#"{"id":"o1","schema":"Organization","caption":"Liwa Test","properties":{"name":["Liwa Test","Test Brigade"],"topics":["crime.terror"]}}"#
        );
        let p = parse(text, "n.json").unwrap();
        let ids: Vec<_> = p
            .records
            .iter()
            .map(|l| (l.record.id.as_str(), l.line))
            .collect();
        assert_eq!(ids, vec![("p1", 1), ("o1", 2)]);
        assert_eq!(p.records[0].record.name, "Abu Test");
        assert_eq!(p.records[0].record.short_names, vec!["Test"]);
        assert_eq!(p.records[1].record.name, "Liwa Test");
        assert_eq!(p.records[1].record.kind, EntityType::ArmedGroup);
    }

    #[test]
    fn detection() {
        assert!(looks_like_ftm(
            "\u{feff}\n{\"id\":\"a\",\"schema\":\"Person\"}\n"
        ));
        assert!(!looks_like_ftm(
            "[{\"id\":\"a\",\"name\":\"A\",\"type\":\"person\"}]"
        ));
        assert!(!looks_like_ftm("{\"entity\": []}"));
    }
}

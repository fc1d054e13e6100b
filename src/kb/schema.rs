//! The knowledge-base record types and their validation.
//!
//! This module exists on its own, with no dependency beyond `serde` and `toml`, because it is compiled
//! twice: into the library (to validate custom dictionaries at run time) and into `build.rs` (to
//! validate the built-in KB at build time, so a bad record fails `cargo build` with its file, line and
//! field). The schema is documented for humans in `docs/kb-schema.md`.

use serde::{Deserialize, Serialize};
use std::fmt;

/// What kind of thing an entity is. The set is deliberately small; see `docs/kb-schema.md`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum EntityType {
    /// A militia, insurgent or terrorist group.
    ArmedGroup,
    /// A coalition or umbrella of armed groups.
    Umbrella,
    /// A state's military, intelligence or security body.
    StateSecurity,
    /// A party, bloc, movement or coalition in politics.
    Political,
    /// A government, ministry, central bank or other state institution.
    Government,
    /// A named person.
    Person,
    /// Any other organization (think tanks, media, NGOs).
    Organization,
}

impl EntityType {
    /// Every type, in display order.
    pub const ALL: [EntityType; 7] = [
        EntityType::ArmedGroup,
        EntityType::Umbrella,
        EntityType::StateSecurity,
        EntityType::Political,
        EntityType::Government,
        EntityType::Person,
        EntityType::Organization,
    ];

    /// The snake_case name used in data files and output (`armed_group`, …).
    pub fn as_str(self) -> &'static str {
        match self {
            EntityType::ArmedGroup => "armed_group",
            EntityType::Umbrella => "umbrella",
            EntityType::StateSecurity => "state_security",
            EntityType::Political => "political",
            EntityType::Government => "government",
            EntityType::Person => "person",
            EntityType::Organization => "organization",
        }
    }

    /// Parses a type name as written in data files. Returns `None` for an unknown name.
    pub fn parse(s: &str) -> Option<EntityType> {
        EntityType::ALL
            .iter()
            .copied()
            .find(|t| t.as_str() == s.trim())
    }
}

impl fmt::Display for EntityType {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// How one entity relates to another.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RelationKind {
    /// A member group of an umbrella or coalition.
    MemberOf,
    /// A component of a larger body.
    PartOf,
    /// A person leads a body.
    Leads,
    /// A person founded a body.
    Founded,
    /// Armed, funded or directed by.
    BackedBy,
    /// Allied with.
    AlliedWith,
    /// Took over from.
    SuccessorOf,
    /// Broke away from.
    SplinterOf,
    /// The armed or political wing of.
    WingOf,
    /// Fights or opposes.
    Opposes,
}

impl RelationKind {
    /// The snake_case name used in data files and output.
    pub fn as_str(self) -> &'static str {
        match self {
            RelationKind::MemberOf => "member_of",
            RelationKind::PartOf => "part_of",
            RelationKind::Leads => "leads",
            RelationKind::Founded => "founded",
            RelationKind::BackedBy => "backed_by",
            RelationKind::AlliedWith => "allied_with",
            RelationKind::SuccessorOf => "successor_of",
            RelationKind::SplinterOf => "splinter_of",
            RelationKind::WingOf => "wing_of",
            RelationKind::Opposes => "opposes",
        }
    }
}

/// A relation from one entity to another, with its sources.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Relation {
    /// The kind of relation.
    pub rel: RelationKind,
    /// The id of the other entity.
    pub target: String,
    /// Where the relation is stated (seed file names or http(s) URLs).
    #[serde(default)]
    pub sources: Vec<String>,
    /// Dates, qualifiers, or disagreement between sources.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

/// What a designation record says happened.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DesignationAction {
    /// Put on the list.
    #[default]
    Designated,
    /// The listing was amended (e.g. new aliases).
    Amended,
    /// Taken off the list.
    Revoked,
}

/// A US designation or sanction.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Designation {
    /// The designating authority, e.g. "US State Department".
    pub by: String,
    /// The list or program, e.g. "FTO", "SDGT".
    pub list: String,
    /// `YYYY-MM-DD`, `YYYY-MM` or `YYYY`.
    pub date: String,
    /// Designated, amended or revoked.
    #[serde(default)]
    pub action: DesignationAction,
    /// Where the designation is recorded.
    #[serde(default)]
    pub sources: Vec<String>,
    /// Anything worth knowing about it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

/// A sourced fact that fits no other field, or a disagreement between sources.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Note {
    /// The fact, in our own words.
    pub text: String,
    /// Where it comes from.
    #[serde(default)]
    pub sources: Vec<String>,
}

/// One entity as written in a knowledge-base file.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EntityRecord {
    /// Stable slug id, e.g. `kataib-hezbollah`.
    pub id: String,
    /// Canonical English name.
    pub name: String,
    /// The entity's type.
    #[serde(rename = "type")]
    pub kind: EntityType,
    /// Other names, matched case-insensitively with generated transliteration variants.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub aliases: Vec<String>,
    /// Acronyms, matched case-sensitively (one or two letters: weak).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub acronyms: Vec<String>,
    /// Names matched only with evidence in the same document.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub weak_aliases: Vec<String>,
    /// Names matched only where the document defines them (`Full Name (X)`), e.g. FollowTheMoney's `weakAlias`.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub defined_only: Vec<String>,
    /// People's surname forms, matched only after the full name appeared earlier in the document.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub short_names: Vec<String>,
    /// Arabic-script names.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub arabic: Vec<String>,
    /// Names this record knowingly shares with another entity.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub ambiguous: Vec<String>,
    /// One or two sentences.
    #[serde(default)]
    pub description: String,
    /// Sources for the name, type, aliases and description.
    #[serde(default)]
    pub sources: Vec<String>,
    /// Relations to other entities.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub relations: Vec<Relation>,
    /// US designations and sanctions.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub designations: Vec<Designation>,
    /// Other sourced facts and disagreements.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub notes: Vec<Note>,
}

impl EntityRecord {
    /// A minimal record with just an id, a name and a type.
    pub fn new(id: &str, name: &str, kind: EntityType) -> EntityRecord {
        EntityRecord {
            id: id.to_string(),
            name: name.to_string(),
            kind,
            aliases: vec![],
            acronyms: vec![],
            weak_aliases: vec![],
            defined_only: vec![],
            short_names: vec![],
            arabic: vec![],
            ambiguous: vec![],
            description: String::new(),
            sources: vec![],
            relations: vec![],
            designations: vec![],
            notes: vec![],
        }
    }

    /// Every name list of the record with the field it comes from, the canonical name first.
    pub fn name_fields(&self) -> Vec<(NameField, &[String])> {
        vec![
            (NameField::Name, std::slice::from_ref(&self.name)),
            (NameField::Aliases, &self.aliases),
            (NameField::Acronyms, &self.acronyms),
            (NameField::WeakAliases, &self.weak_aliases),
            (NameField::DefinedOnly, &self.defined_only),
            (NameField::ShortNames, &self.short_names),
            (NameField::Arabic, &self.arabic),
        ]
    }
}

/// The name lists of a record: which one a name comes from decides how it is matched.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum NameField {
    /// `name`: the canonical name.
    Name,
    /// `aliases`.
    Aliases,
    /// `acronyms`.
    Acronyms,
    /// `weak_aliases`: names that need evidence.
    WeakAliases,
    /// `defined_only`: names matched only where the document defines them.
    DefinedOnly,
    /// `short_names`: surnames and kunyas of people.
    ShortNames,
    /// `arabic`.
    Arabic,
}

impl NameField {
    /// The field's name in the knowledge-base files.
    pub fn as_str(self) -> &'static str {
        match self {
            NameField::Name => "name",
            NameField::Aliases => "aliases",
            NameField::Acronyms => "acronyms",
            NameField::WeakAliases => "weak_aliases",
            NameField::DefinedOnly => "defined_only",
            NameField::ShortNames => "short_names",
            NameField::Arabic => "arabic",
        }
    }
}

impl std::fmt::Display for NameField {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A record and the line of the file where it starts (1-based; 0 when unknown).
#[derive(Clone, Debug, PartialEq)]
pub struct Located {
    /// The record.
    pub record: EntityRecord,
    /// Its first line in the source file.
    pub line: usize,
}

/// A knowledge-base or dictionary error: what is wrong, and where (file, line, entity, field).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct KbError {
    /// The file or input the error is in (a path, or a label such as `dictionary.csv`).
    pub origin: String,
    /// 1-based line, when known.
    pub line: Option<usize>,
    /// The id of the entity, when known.
    pub entity: Option<String>,
    /// The field, when the error is about one.
    pub field: Option<String>,
    /// What is wrong.
    pub message: String,
}

impl KbError {
    /// An error in `origin` with a message and no location yet.
    pub fn new(origin: &str, message: impl Into<String>) -> KbError {
        KbError {
            origin: origin.to_string(),
            line: None,
            entity: None,
            field: None,
            message: message.into(),
        }
    }

    /// Sets the line.
    pub fn at_line(mut self, line: usize) -> KbError {
        if line > 0 {
            self.line = Some(line);
        }
        self
    }

    /// Sets the entity id.
    pub fn for_entity(mut self, id: &str) -> KbError {
        if !id.is_empty() {
            self.entity = Some(id.to_string());
        }
        self
    }

    /// Sets the field.
    pub fn in_field(mut self, field: &str) -> KbError {
        self.field = Some(field.to_string());
        self
    }
}

impl fmt::Display for KbError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.origin)?;
        if let Some(line) = self.line {
            write!(f, ":{line}")?;
        }
        write!(f, ":")?;
        if let Some(id) = &self.entity {
            write!(f, " entity `{id}`:")?;
        }
        if let Some(field) = &self.field {
            write!(f, " field `{field}`:")?;
        }
        write!(f, " {}", self.message)
    }
}

impl std::error::Error for KbError {}

/// How strict validation is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Strictness {
    /// The built-in KB: every fact must carry a source.
    Builtin,
    /// A user's dictionary: sources and descriptions are optional.
    Custom,
}

/// The 1-based line of byte offset `pos` in `text`.
pub fn line_of(text: &str, pos: usize) -> usize {
    let pos = pos.min(text.len());
    text.as_bytes()[..pos]
        .iter()
        .filter(|&&b| b == b'\n')
        .count()
        + 1
}

/// Parses a TOML knowledge-base file (`[[entity]]` tables) into located records, without validating them.
pub fn parse_toml(text: &str, origin: &str) -> Result<Vec<Located>, KbError> {
    #[derive(Deserialize)]
    #[serde(deny_unknown_fields)]
    struct File {
        #[serde(default)]
        entity: Vec<toml::Spanned<EntityRecord>>,
    }
    let file: File = toml::from_str(text).map_err(|e| {
        let mut err = KbError::new(origin, e.message().trim().to_string());
        if let Some(span) = e.span() {
            err = err.at_line(line_of(text, span.start));
        }
        err
    })?;
    Ok(file
        .entity
        .into_iter()
        .map(|s| {
            let line = line_of(text, s.span().start);
            Located {
                record: s.into_inner(),
                line,
            }
        })
        .collect())
}

fn is_slug(s: &str) -> bool {
    !s.is_empty()
        && s.split('-').all(|part| {
            !part.is_empty()
                && part
                    .bytes()
                    .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit())
        })
}

fn is_date(s: &str) -> bool {
    let parts: Vec<&str> = s.split('-').collect();
    let digits = |p: &str, n: usize| p.len() == n && p.bytes().all(|b| b.is_ascii_digit());
    match parts.as_slice() {
        [y] => digits(y, 4),
        [y, m] => digits(y, 4) && digits(m, 2) && (1..=12).contains(&m.parse::<u32>().unwrap_or(0)),
        [y, m, d] => {
            digits(y, 4)
                && digits(m, 2)
                && digits(d, 2)
                && (1..=12).contains(&m.parse::<u32>().unwrap_or(0))
                && (1..=31).contains(&d.parse::<u32>().unwrap_or(0))
        }
        _ => false,
    }
}

/// Whether `s` is an acceptable source: an http(s) URL or a file name such as a seed article's.
pub fn is_source(s: &str) -> bool {
    let s = s.trim();
    if let Some(rest) = s
        .strip_prefix("https://")
        .or_else(|| s.strip_prefix("http://"))
    {
        return rest.len() > 3 && rest.contains('.') && !rest.contains(char::is_whitespace);
    }
    !s.is_empty()
        && !s.contains(['/', '\\', ':'])
        && s.contains('.')
        && s.chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '_' | '-'))
}

fn check_sources(
    sources: &[String],
    field: &str,
    strict: Strictness,
) -> Result<(), (String, String)> {
    if strict == Strictness::Builtin && sources.is_empty() {
        return Err((
            field.to_string(),
            "needs at least one source (a seed file name or an http(s) URL)".into(),
        ));
    }
    for s in sources {
        if !is_source(s) {
            return Err((
                field.to_string(),
                format!("`{s}` is not a source: use an http(s) URL or a seed file name"),
            ));
        }
    }
    Ok(())
}

/// Checks one record on its own: id, names, sources, dates. Cross-record checks are in [`validate_set`].
pub fn validate_record(rec: &EntityRecord, strict: Strictness) -> Result<(), (String, String)> {
    if !is_slug(&rec.id) {
        return Err((
            "id".into(),
            format!(
                "`{}` is not a slug (lowercase letters, digits and single hyphens)",
                rec.id
            ),
        ));
    }
    for (field, names) in rec.name_fields() {
        for n in names {
            if n.trim().is_empty() {
                return Err((field.to_string(), "has an empty name".into()));
            }
            if n.trim() != n {
                return Err((
                    field.to_string(),
                    format!("`{n}` has leading or trailing spaces"),
                ));
            }
            if !n.chars().any(char::is_alphanumeric) {
                return Err((field.to_string(), format!("`{n}` has no letter or digit")));
            }
        }
    }
    for a in &rec.acronyms {
        if a.chars().count() > 16 || a.contains(char::is_whitespace) {
            return Err((
                "acronyms".into(),
                format!("`{a}` is not an acronym (one word of at most 16 characters)"),
            ));
        }
    }
    for a in &rec.arabic {
        if !a.chars().any(|c| {
            ('\u{0600}'..='\u{06FF}').contains(&c) || ('\u{0750}'..='\u{077F}').contains(&c)
        }) {
            return Err(("arabic".into(), format!("`{a}` has no Arabic letter")));
        }
    }
    for amb in &rec.ambiguous {
        let listed = rec
            .name_fields()
            .iter()
            .any(|(_, names)| names.iter().any(|n| n == amb));
        if !listed {
            return Err((
                "ambiguous".into(),
                format!("`{amb}` is not one of this record's names"),
            ));
        }
    }
    check_sources(&rec.sources, "sources", strict)?;
    if strict == Strictness::Builtin && rec.description.trim().is_empty() {
        return Err(("description".into(), "is empty".into()));
    }
    for (i, r) in rec.relations.iter().enumerate() {
        if !is_slug(&r.target) {
            return Err((
                format!("relations[{i}].target"),
                format!("`{}` is not an id", r.target),
            ));
        }
        if r.target == rec.id {
            return Err((
                format!("relations[{i}].target"),
                "points at the record itself".into(),
            ));
        }
        check_sources(&r.sources, &format!("relations[{i}].sources"), strict)?;
    }
    for (i, d) in rec.designations.iter().enumerate() {
        if !is_date(&d.date) {
            return Err((
                format!("designations[{i}].date"),
                format!("`{}` is not YYYY-MM-DD, YYYY-MM or YYYY", d.date),
            ));
        }
        if d.by.trim().is_empty() || d.list.trim().is_empty() {
            return Err((format!("designations[{i}]"), "needs `by` and `list`".into()));
        }
        check_sources(&d.sources, &format!("designations[{i}].sources"), strict)?;
    }
    for (i, n) in rec.notes.iter().enumerate() {
        if n.text.trim().is_empty() {
            return Err((format!("notes[{i}].text"), "is empty".into()));
        }
        check_sources(&n.sources, &format!("notes[{i}].sources"), strict)?;
    }
    Ok(())
}

/// Validates a whole set: every record, unique ids, and relation targets that exist in the set or in
/// `known_ids` (the KB a dictionary is merged into).
pub fn validate_set(
    records: &[Located],
    origin: &str,
    strict: Strictness,
    known_ids: &dyn Fn(&str) -> bool,
) -> Result<(), KbError> {
    let mut seen = std::collections::HashMap::new();
    for loc in records {
        let rec = &loc.record;
        validate_record(rec, strict).map_err(|(field, msg)| {
            KbError::new(origin, msg)
                .at_line(loc.line)
                .for_entity(&rec.id)
                .in_field(&field)
        })?;
        if let Some(first) = seen.insert(rec.id.as_str(), loc.line) {
            let mut msg = "duplicate id".to_string();
            if first > 0 {
                msg.push_str(&format!(" (first defined at line {first})"));
            }
            return Err(KbError::new(origin, msg)
                .at_line(loc.line)
                .for_entity(&rec.id)
                .in_field("id"));
        }
    }
    for loc in records {
        for (i, r) in loc.record.relations.iter().enumerate() {
            if !seen.contains_key(r.target.as_str()) && !known_ids(&r.target) {
                return Err(
                    KbError::new(origin, format!("unknown target id `{}`", r.target))
                        .at_line(loc.line)
                        .for_entity(&loc.record.id)
                        .in_field(&format!("relations[{i}].target")),
                );
            }
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn toml_errors_name_line_and_field() {
        let text = "[[entity]]\nid = \"a\"\nname = \"A\"\ntype = \"persn\"\n";
        let err = parse_toml(text, "x.toml").unwrap_err();
        assert_eq!(err.line, Some(4));
        assert!(err.message.contains("persn"), "{err}");
    }

    #[test]
    fn validation_reports_field() {
        let text = "[[entity]]\nid = \"a\"\nname = \"A\"\ntype = \"person\"\ndescription = \"d\"\nsources = []\n";
        let recs = parse_toml(text, "x.toml").unwrap();
        let err = validate_set(&recs, "x.toml", Strictness::Builtin, &|_| false).unwrap_err();
        assert_eq!(err.field.as_deref(), Some("sources"));
        assert_eq!(err.line, Some(1));
        assert!(validate_set(&recs, "x.toml", Strictness::Custom, &|_| false).is_ok());
    }

    #[test]
    fn duplicate_ids_and_missing_targets() {
        let text = "[[entity]]\nid = \"a\"\nname = \"A\"\ntype = \"person\"\n\n[[entity]]\nid = \"a\"\nname = \"B\"\ntype = \"person\"\n";
        let recs = parse_toml(text, "x.toml").unwrap();
        let err = validate_set(&recs, "x.toml", Strictness::Custom, &|_| false).unwrap_err();
        assert_eq!(
            (err.line, err.message.starts_with("duplicate id")),
            (Some(6), true)
        );

        let text = "[[entity]]\nid = \"a\"\nname = \"A\"\ntype = \"person\"\n[[entity.relations]]\nrel = \"leads\"\ntarget = \"zz\"\n";
        let recs = parse_toml(text, "x.toml").unwrap();
        let err = validate_set(&recs, "x.toml", Strictness::Custom, &|_| false).unwrap_err();
        assert_eq!(err.field.as_deref(), Some("relations[0].target"));
        assert!(validate_set(&recs, "x.toml", Strictness::Custom, &|id| id == "zz").is_ok());
    }

    #[test]
    fn sources_and_dates() {
        assert!(is_source(
            "https://www.state.gov/foreign-terrorist-organizations/"
        ));
        assert!(is_source("000_2fad84f5b0f336b8.txt"));
        assert!(!is_source("javascript:alert(1)"));
        assert!(!is_source("see wikipedia"));
        assert!(is_date("2009-07-02") && is_date("2009-07") && is_date("2009"));
        assert!(!is_date("2009-13-02") && !is_date("July 2009"));
    }
}

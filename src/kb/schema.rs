//! The knowledge-base record types and their validation.
//!
//! This module exists on its own, with no dependency beyond `serde`, because it is compiled
//! twice: into the library (to validate custom dictionaries at run time) and into `build.rs` (to
//! validate the built-in KB at build time, so a bad record fails `cargo build` with its file, line and
//! field). The schema is documented for humans in `docs/kb-schema.md`.

pub use super::list::List;
use serde::{Deserialize, Serialize};
use std::fmt;

#[allow(unused_imports)] // build.rs compiles this module without using every re-export
pub use super::validate::{
    is_date, is_qid, is_source, validate_across, validate_record, validate_set, Strictness,
};

/// What kind of thing an entity is. The set is deliberately small; see `docs/kb-schema.md`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
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

/// How one entity relates to another. Leadership and founding are not relations: they are
/// roles of the person (`Role`), which carry the title and the dates.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
pub enum RelationKind {
    /// A member group of an umbrella or coalition.
    MemberOf,
    /// A component of a larger body.
    PartOf,
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
            RelationKind::BackedBy => "backed_by",
            RelationKind::AlliedWith => "allied_with",
            RelationKind::SuccessorOf => "successor_of",
            RelationKind::SplinterOf => "splinter_of",
            RelationKind::WingOf => "wing_of",
            RelationKind::Opposes => "opposes",
        }
    }
}

/// A relation from one entity to another, with its sources and, where it matters, its dates.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
pub struct Relation {
    /// The kind of relation.
    pub rel: RelationKind,
    /// The id of the other entity.
    pub target: String,
    /// When the relation began (`YYYY`, `YYYY-MM` or `YYYY-MM-DD`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub from: Option<String>,
    /// When it ended; absent: it still holds.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub until: Option<String>,
    /// Where the relation is stated (seed file names or http(s) URLs).
    #[serde(default)]
    pub sources: Vec<String>,
    /// Qualifiers, or disagreement between sources.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

/// A position a person holds or held in a body. The set is closed so that validation knows which
/// roles have a single holder and the cards can word them.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
pub enum RoleKind {
    /// Iran's Supreme Leader.
    SupremeLeader,
    /// A state's or a body's president.
    President,
    /// A vice president.
    VicePresident,
    /// A prime minister.
    PrimeMinister,
    /// A deputy prime minister.
    DeputyPrimeMinister,
    /// The speaker of a parliament.
    Speaker,
    /// A deputy speaker.
    DeputySpeaker,
    /// A minister (of the body: a ministry, or a government).
    Minister,
    /// A chairman (e.g. of the PMF Commission).
    Chairman,
    /// A deputy chairman.
    DeputyChairman,
    /// A chief of staff.
    ChiefOfStaff,
    /// A secretary-general (the usual title of an Iraqi faction's leader).
    SecretaryGeneral,
    /// A deputy secretary-general.
    DeputySecretaryGeneral,
    /// The leader, when sources give no more precise title.
    Leader,
    /// A deputy leader.
    DeputyLeader,
    /// A military commander.
    Commander,
    /// A deputy commander.
    DeputyCommander,
    /// A founder (founding is an event: a founder role is never "current").
    Founder,
    /// A spokesman.
    Spokesman,
    /// A member.
    Member,
    /// The head of an institution.
    Head,
}

impl RoleKind {
    /// Every role, in the order the schema lists them.
    pub const ALL: [RoleKind; 21] = [
        RoleKind::SupremeLeader,
        RoleKind::President,
        RoleKind::VicePresident,
        RoleKind::PrimeMinister,
        RoleKind::DeputyPrimeMinister,
        RoleKind::Speaker,
        RoleKind::DeputySpeaker,
        RoleKind::Minister,
        RoleKind::Chairman,
        RoleKind::DeputyChairman,
        RoleKind::ChiefOfStaff,
        RoleKind::SecretaryGeneral,
        RoleKind::DeputySecretaryGeneral,
        RoleKind::Leader,
        RoleKind::DeputyLeader,
        RoleKind::Commander,
        RoleKind::DeputyCommander,
        RoleKind::Founder,
        RoleKind::Spokesman,
        RoleKind::Member,
        RoleKind::Head,
    ];

    /// The snake_case name used in data files.
    pub fn as_str(self) -> &'static str {
        match self {
            RoleKind::SupremeLeader => "supreme_leader",
            RoleKind::President => "president",
            RoleKind::VicePresident => "vice_president",
            RoleKind::PrimeMinister => "prime_minister",
            RoleKind::DeputyPrimeMinister => "deputy_prime_minister",
            RoleKind::Speaker => "speaker",
            RoleKind::DeputySpeaker => "deputy_speaker",
            RoleKind::Minister => "minister",
            RoleKind::Chairman => "chairman",
            RoleKind::DeputyChairman => "deputy_chairman",
            RoleKind::ChiefOfStaff => "chief_of_staff",
            RoleKind::SecretaryGeneral => "secretary_general",
            RoleKind::DeputySecretaryGeneral => "deputy_secretary_general",
            RoleKind::Leader => "leader",
            RoleKind::DeputyLeader => "deputy_leader",
            RoleKind::Commander => "commander",
            RoleKind::DeputyCommander => "deputy_commander",
            RoleKind::Founder => "founder",
            RoleKind::Spokesman => "spokesman",
            RoleKind::Member => "member",
            RoleKind::Head => "head",
        }
    }

    /// The title as a card shows it ("secretary-general", "deputy chairman").
    pub fn label(self) -> &'static str {
        match self {
            RoleKind::SupremeLeader => "Supreme Leader",
            RoleKind::President => "president",
            RoleKind::VicePresident => "vice president",
            RoleKind::PrimeMinister => "prime minister",
            RoleKind::DeputyPrimeMinister => "deputy prime minister",
            RoleKind::Speaker => "speaker",
            RoleKind::DeputySpeaker => "deputy speaker",
            RoleKind::Minister => "minister",
            RoleKind::Chairman => "chairman",
            RoleKind::DeputyChairman => "deputy chairman",
            RoleKind::ChiefOfStaff => "chief of staff",
            RoleKind::SecretaryGeneral => "secretary-general",
            RoleKind::DeputySecretaryGeneral => "deputy secretary-general",
            RoleKind::Leader => "leader",
            RoleKind::DeputyLeader => "deputy leader",
            RoleKind::Commander => "commander",
            RoleKind::DeputyCommander => "deputy commander",
            RoleKind::Founder => "founder",
            RoleKind::Spokesman => "spokesman",
            RoleKind::Member => "member",
            RoleKind::Head => "head",
        }
    }

    /// Whether a body has at most one current holder of this role (validated at build time).
    pub fn single_holder(self) -> bool {
        matches!(
            self,
            RoleKind::SupremeLeader
                | RoleKind::President
                | RoleKind::PrimeMinister
                | RoleKind::Speaker
                | RoleKind::Chairman
                | RoleKind::ChiefOfStaff
                | RoleKind::SecretaryGeneral
                | RoleKind::Leader
                | RoleKind::Commander
                | RoleKind::Head
        )
    }
}

/// A person's position in a body, with its dates: the one home of leadership facts.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
pub struct Role {
    /// The title.
    pub role: RoleKind,
    /// The id of the body.
    pub of: String,
    /// When the person took the role.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub from: Option<String>,
    /// When the person left it; absent: still held (unless the person died).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub until: Option<String>,
    /// Where the role is stated.
    #[serde(default)]
    pub sources: Vec<String>,
    /// Qualifiers (acting, caretaker…), or disagreement between sources.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

impl Role {
    /// Whether the role is held now by a person whose status is `status`: it has no end date, it is
    /// not a founding (an event, not a position), and the person is alive.
    pub fn is_current(&self, status: Option<&Status>) -> bool {
        self.until.is_none()
            && self.role != RoleKind::Founder
            && !status.is_some_and(|s| s.state == StatusState::Deceased)
    }
}

/// Whether an entity still exists (or a person is alive).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
pub enum StatusState {
    /// Exists / alive (the default when a record has no status).
    #[default]
    Active,
    /// Dissolved or dismantled.
    Dissolved,
    /// Merged into another body.
    Merged,
    /// Renamed (the record keeps the old name; a `successor_of` relation points at the new one).
    Renamed,
    /// A person who died.
    Deceased,
}

impl StatusState {
    /// The snake_case name used in data files.
    pub fn as_str(self) -> &'static str {
        match self {
            StatusState::Active => "active",
            StatusState::Dissolved => "dissolved",
            StatusState::Merged => "merged",
            StatusState::Renamed => "renamed",
            StatusState::Deceased => "deceased",
        }
    }
}

/// An entity's status with its date.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
pub struct Status {
    /// The state.
    pub state: StatusState,
    /// Since when (`YYYY`, `YYYY-MM` or `YYYY-MM-DD`); required unless the state is `active`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date: Option<String>,
    /// Where it is stated.
    #[serde(default)]
    pub sources: Vec<String>,
    /// How it happened.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

/// An armed group's brigade numbers in the Popular Mobilization Forces.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
pub struct PmfBrigades {
    /// The numbers (e.g. 45, 46, 47).
    pub numbers: Vec<u16>,
    /// Where they are stated.
    #[serde(default)]
    pub sources: Vec<String>,
}

/// What a designation record says happened.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
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
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
pub struct Designation {
    /// The designating authority, e.g. "US State Department".
    pub by: String,
    /// The list, e.g. "FTO", "SDGT", "SDN".
    pub list: String,
    /// The legal authority or sanctions program, e.g. "E.O. 13224", "E.O. 13438".
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub program: Option<String>,
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
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
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
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
pub struct EntityRecord {
    /// Stable slug id, e.g. `kataib-hezbollah`.
    pub id: String,
    /// Canonical English name.
    pub name: String,
    /// The entity's type.
    #[serde(rename = "type")]
    pub kind: EntityType,
    /// Wikidata item id (`Q…`), so output joins with other data.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub wikidata: Option<String>,
    /// OpenSanctions entity id, where the entity is on a sanctions list.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub opensanctions: Option<String>,
    /// ISO 3166-1 alpha-2 codes of the countries the entity belongs to.
    #[serde(default, skip_serializing_if = "List::is_empty")]
    #[cfg_attr(target_arch = "wasm32", tsify(type = "string[]"))]
    pub country: List<String>,
    /// Other names, matched case-insensitively with generated transliteration variants.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub aliases: Vec<String>,
    /// Acronyms, matched case-sensitively (one or two letters: weak).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub acronyms: Vec<String>,
    /// Names matched only with evidence in the same document.
    #[serde(default, skip_serializing_if = "List::is_empty")]
    #[cfg_attr(target_arch = "wasm32", tsify(type = "string[]"))]
    pub weak_aliases: List<String>,
    /// Names matched only where the document defines them (`Full Name (X)`), e.g. FollowTheMoney's `weakAlias`.
    #[serde(default, skip_serializing_if = "List::is_empty")]
    #[cfg_attr(target_arch = "wasm32", tsify(type = "string[]"))]
    pub defined_only: List<String>,
    /// People's surname forms, matched only after the full name appeared earlier in the document.
    #[serde(default, skip_serializing_if = "List::is_empty")]
    #[cfg_attr(target_arch = "wasm32", tsify(type = "string[]"))]
    pub short_names: List<String>,
    /// Whether the person is known in the news by the surname alone: a short name of theirs that no other
    /// KB person has is then a mention without the full name, in a document about their country.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub surname_alone: bool,
    /// Arabic-script names.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub arabic: Vec<String>,
    /// Persian-script names (Iranian bodies and people), matched like Arabic names.
    #[serde(default, skip_serializing_if = "List::is_empty")]
    #[cfg_attr(target_arch = "wasm32", tsify(type = "string[]"))]
    pub persian: List<String>,
    /// Names this record knowingly shares with another entity.
    #[serde(default, skip_serializing_if = "List::is_empty")]
    #[cfg_attr(target_arch = "wasm32", tsify(type = "string[]"))]
    pub ambiguous: List<String>,
    /// One or two sentences.
    #[serde(default)]
    pub description: String,
    /// Sources for the name, type, aliases and description.
    #[serde(default)]
    pub sources: Vec<String>,
    // Boxed, as `pmf_brigades`: most records have none, and a big dictionary's records are held by the
    // hundred thousand (BENCHMARKS.md, "A big dictionary's records and facts").
    /// Dissolved, merged, renamed or (a person) deceased, with the date; absent: active / alive.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status: Option<Box<Status>>,
    /// Brigade numbers in the Popular Mobilization Forces.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pmf_brigades: Option<Box<PmfBrigades>>,
    /// A person's positions in bodies, with dates.
    #[serde(default, skip_serializing_if = "List::is_empty")]
    #[cfg_attr(target_arch = "wasm32", tsify(type = "Role[]"))]
    pub roles: List<Role>,
    /// Relations to other entities.
    #[serde(default, skip_serializing_if = "List::is_empty")]
    #[cfg_attr(target_arch = "wasm32", tsify(type = "Relation[]"))]
    pub relations: List<Relation>,
    /// US designations and sanctions.
    #[serde(default, skip_serializing_if = "List::is_empty")]
    #[cfg_attr(target_arch = "wasm32", tsify(type = "Designation[]"))]
    pub designations: List<Designation>,
    /// Other sourced facts and disagreements.
    #[serde(default, skip_serializing_if = "List::is_empty")]
    #[cfg_attr(target_arch = "wasm32", tsify(type = "Note[]"))]
    pub notes: List<Note>,
}

impl EntityRecord {
    /// A minimal record with just an id, a name and a type.
    pub fn new(id: &str, name: &str, kind: EntityType) -> EntityRecord {
        EntityRecord {
            id: id.to_string(),
            name: name.to_string(),
            kind,
            wikidata: None,
            opensanctions: None,
            country: List::new(),
            aliases: vec![],
            acronyms: vec![],
            weak_aliases: List::new(),
            defined_only: List::new(),
            short_names: List::new(),
            surname_alone: false,
            arabic: vec![],
            persian: List::new(),
            ambiguous: List::new(),
            description: String::new(),
            sources: vec![],
            status: None,
            pmf_brigades: None,
            roles: List::new(),
            relations: List::new(),
            designations: List::new(),
            notes: List::new(),
        }
    }

    /// Every name list of the record with the field it comes from, the canonical name first.
    pub fn name_fields(&self) -> Vec<(NameField, &[String])> {
        vec![
            (NameField::Name, std::slice::from_ref(&self.name)),
            (NameField::Aliases, &self.aliases),
            (NameField::Acronyms, &self.acronyms),
            (NameField::WeakAliases, self.weak_aliases.as_slice()),
            (NameField::DefinedOnly, self.defined_only.as_slice()),
            (NameField::ShortNames, self.short_names.as_slice()),
            (NameField::Arabic, &self.arabic),
            (NameField::Persian, self.persian.as_slice()),
        ]
    }

    /// Every source the record cites, for its names and for each of its facts.
    pub fn all_sources(&self) -> impl Iterator<Item = &String> {
        self.sources
            .iter()
            .chain(self.status.iter().flat_map(|x| &x.sources))
            .chain(self.pmf_brigades.iter().flat_map(|x| &x.sources))
            .chain(self.roles.iter().flat_map(|x| &x.sources))
            .chain(self.relations.iter().flat_map(|x| &x.sources))
            .chain(self.designations.iter().flat_map(|x| &x.sources))
            .chain(self.notes.iter().flat_map(|x| &x.sources))
    }

    /// Whether the record is a person who died.
    pub fn is_deceased(&self) -> bool {
        self.status
            .as_ref()
            .is_some_and(|s| s.state == StatusState::Deceased)
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
    /// `persian`: Persian-script names, matched like Arabic ones.
    Persian,
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
            NameField::Persian => "persian",
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

    /// Sets the file and line (for errors found in a record before knowing where it came from).
    pub fn located(mut self, origin: &str, line: usize) -> KbError {
        self.origin = origin.to_string();
        self.line = None;
        self.at_line(line)
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

/// The 1-based line of byte offset `pos` in `text`.
pub fn line_of(text: &str, pos: usize) -> usize {
    let pos = pos.min(text.len());
    text.as_bytes()[..pos]
        .iter()
        .filter(|&&b| b == b'\n')
        .count()
        + 1
}

#[cfg(all(test, feature = "toml"))]
mod tests {
    use super::super::toml_file::parse_toml;
    use super::*;

    #[test]
    fn role_labels_and_single_holders() {
        assert_eq!(RoleKind::ALL.len(), 21);
        let text = "[[entity]]\nid = \"a\"\nname = \"A\"\ntype = \"person\"\n[[entity.roles]]\nrole = \"deputy_chairman\"\nof = \"b\"\n";
        let recs = parse_toml(text, "x.toml").unwrap();
        let r = &recs[0].record.roles[0];
        assert_eq!(r.role, RoleKind::DeputyChairman);
        assert_eq!(r.role.label(), "deputy chairman");
        assert!(!r.role.single_holder() && RoleKind::SecretaryGeneral.single_holder());
        assert!(r.is_current(None));
        let dead = Status {
            state: StatusState::Deceased,
            date: Some("2020-01-03".into()),
            sources: vec![],
            note: None,
        };
        assert!(!r.is_current(Some(&dead)));
        for k in RoleKind::ALL {
            let parsed: RoleKind = serde_json::from_value(serde_json::json!(k.as_str())).unwrap();
            assert_eq!(parsed, k);
        }
    }
}

// Generated from the Rust types (tsify derives, wasm-bindgen signatures in src/wasm.rs) by
// pkg/declarations.mjs: do not edit. After changing a type of the API, run `npm run build:pkg && npm run types`.

/**
 * A US designation or sanction.
 */
export interface Designation {
    /**
     * The designating authority, e.g. "US State Department".
     */
    by: string;
    /**
     * The list, e.g. "FTO", "SDGT", "SDN".
     */
    list: string;
    /**
     * The legal authority or sanctions program, e.g. "E.O. 13224", "E.O. 13438".
     */
    program?: string;
    /**
     * `YYYY-MM-DD`, `YYYY-MM` or `YYYY`.
     */
    date: string;
    /**
     * Designated, amended or revoked.
     */
    action?: DesignationAction;
    /**
     * Where the designation is recorded.
     */
    sources?: string[];
    /**
     * Anything worth knowing about it.
     */
    note?: string;
}

/**
 * What a designation record says happened.
 */
export type DesignationAction = "designated" | "amended" | "revoked";

/**
 * A dictionary file format.
 */
export type DictionaryFormat = "json" | "toml" | "csv" | "ftm";

/**
 * An entity card: the record, where it came from, its roles and the relations and roles that point at
 * it, with names resolved and currentness decided, so a UI can show them without more lookups.
 */
export interface EntityCard extends EntityRecord {
    /**
     * `builtin` or the dictionary it came from.
     */
    origin: string;
    /**
     * The date the built-in facts were last checked (`YYYY-MM-DD`; see `KnowledgeBase::as_of`).
     */
    as_of?: string;
    /**
     * Names of the targets of `record.relations`, in the same order (the id when the target is unknown).
     */
    relation_names: string[];
    /**
     * Relations of other entities that point at this one.
     */
    incoming: IncomingRelation[];
    /**
     * The person's roles, current ones first (each group in the record's order).
     */
    role_views: RoleView[];
    /**
     * Roles other entities (people) hold or held in this body, current ones first.
     */
    holders: RoleView[];
}

/**
 * Per-entity totals for a text.
 */
export interface EntityCount {
    /**
     * Entity id.
     */
    id: string;
    /**
     * Canonical name.
     */
    name: string;
    /**
     * Type.
     */
    type: EntityType;
    /**
     * Number of mentions.
     */
    count: number;
    /**
     * The entity's Wikidata item id, to join the output with other data.
     */
    wikidata?: string;
    /**
     * The entity's OpenSanctions id.
     */
    opensanctions?: string;
}

/**
 * One entity as written in a knowledge-base file.
 */
export interface EntityRecord {
    /**
     * Stable slug id, e.g. `kataib-hezbollah`.
     */
    id: string;
    /**
     * Canonical English name.
     */
    name: string;
    /**
     * The entity's type.
     */
    type: EntityType;
    /**
     * Wikidata item id (`Q…`), so output joins with other data.
     */
    wikidata?: string;
    /**
     * OpenSanctions entity id, where the entity is on a sanctions list.
     */
    opensanctions?: string;
    /**
     * ISO 3166-1 alpha-2 codes of the countries the entity belongs to.
     */
    country?: string[];
    /**
     * Other names, matched case-insensitively with generated transliteration variants.
     */
    aliases?: string[];
    /**
     * Acronyms, matched case-sensitively (one or two letters: weak).
     */
    acronyms?: string[];
    /**
     * Names matched only with evidence in the same document.
     */
    weak_aliases?: string[];
    /**
     * Names matched only where the document defines them (`Full Name (X)`), e.g. FollowTheMoney's `weakAlias`.
     */
    defined_only?: string[];
    /**
     * People's surname forms, matched only after the full name appeared earlier in the document.
     */
    short_names?: string[];
    /**
     * Whether the person is known in the news by the surname alone: a short name of theirs that no other
     * KB person has is then a mention without the full name, in a document about their country.
     */
    surname_alone?: boolean;
    /**
     * Arabic-script names.
     */
    arabic?: string[];
    /**
     * Persian-script names (Iranian bodies and people), matched like Arabic names.
     */
    persian?: string[];
    /**
     * Names this record knowingly shares with another entity.
     */
    ambiguous?: string[];
    /**
     * One or two sentences.
     */
    description?: string;
    /**
     * Sources for the name, type, aliases and description.
     */
    sources?: string[];
    /**
     * Dissolved, merged, renamed or (a person) deceased, with the date; absent: active / alive.
     */
    status?: Status;
    /**
     * Brigade numbers in the Popular Mobilization Forces.
     */
    pmf_brigades?: PmfBrigades;
    /**
     * A person's positions in bodies, with dates.
     */
    roles?: Role[];
    /**
     * Relations to other entities.
     */
    relations?: Relation[];
    /**
     * US designations and sanctions.
     */
    designations?: Designation[];
    /**
     * Other sourced facts and disagreements.
     */
    notes?: Note[];
}

/**
 * What kind of thing an entity is. The set is deliberately small; see `docs/kb-schema.md`.
 */
export type EntityType = "armed_group" | "umbrella" | "state_security" | "political" | "government" | "person" | "organization";

/**
 * A relation of another entity that points at the card's entity.
 */
export interface IncomingRelation {
    /**
     * The relation kind, read from the other entity (`backed_by`: the other entity is backed by this one).
     */
    rel: RelationKind;
    /**
     * The other entity's id.
     */
    source: string;
    /**
     * The other entity's name.
     */
    source_name: string;
    /**
     * When the relation began.
     */
    from?: string;
    /**
     * When it ended.
     */
    until?: string;
    /**
     * The relation's sources.
     */
    sources: string[];
}

/**
 * What loading a dictionary did.
 */
export interface LoadReport {
    /**
     * Number of entities loaded from the dictionary.
     */
    loaded: number;
    /**
     * Their ids.
     */
    ids: string[];
    /**
     * Number of entities in the knowledge base now in force.
     */
    total: number;
    /**
     * What was loaded differently or skipped, each as `file:line: entity: field: message`.
     */
    warnings?: string[];
}

/**
 * A mention of an entity in a text.
 */
export interface Mention {
    /**
     * The entity's stable id, e.g. `kataib-hezbollah`.
     */
    entity: string;
    /**
     * The entity's type.
     */
    type: EntityType;
    /**
     * The exact slice of the original text.
     */
    text: string;
    /**
     * Start offset in UTF-16 code units (a JavaScript string index).
     */
    start: number;
    /**
     * End offset in UTF-16 code units.
     */
    end: number;
    /**
     * Start offset in UTF-8 bytes.
     */
    byte_start: number;
    /**
     * End offset in UTF-8 bytes.
     */
    byte_end: number;
    /**
     * The knowledge-base name that matched, as written there (for the `defined` rule, the acronym the document defines).
     */
    alias: string;
    /**
     * Why this is a mention.
     */
    rule: Rule;
    /**
     * Whether the spelling is shared by several entities and the document did not decide.
     */
    ambiguous?: boolean;
    /**
     * For an ambiguous mention, the ids of the other entities it may be (the document names them too).
     */
    candidates?: string[];
}

/**
 * A sourced fact that fits no other field, or a disagreement between sources.
 */
export interface Note {
    /**
     * The fact, in our own words.
     */
    text: string;
    /**
     * Where it comes from.
     */
    sources?: string[];
}

/**
 * An armed group's brigade numbers in the Popular Mobilization Forces.
 */
export interface PmfBrigades {
    /**
     * The numbers (e.g. 45, 46, 47).
     */
    numbers: number[];
    /**
     * Where they are stated.
     */
    sources?: string[];
}

/**
 * A relation from one entity to another, with its sources and, where it matters, its dates.
 */
export interface Relation {
    /**
     * The kind of relation.
     */
    rel: RelationKind;
    /**
     * The id of the other entity.
     */
    target: string;
    /**
     * When the relation began (`YYYY`, `YYYY-MM` or `YYYY-MM-DD`).
     */
    from?: string;
    /**
     * When it ended; absent: it still holds.
     */
    until?: string;
    /**
     * Where the relation is stated (seed file names or http(s) URLs).
     */
    sources?: string[];
    /**
     * Qualifiers, or disagreement between sources.
     */
    note?: string;
}

/**
 * How one entity relates to another. Leadership and founding are not relations: they are
 * roles of the person (`Role`), which carry the title and the dates.
 */
export type RelationKind = "member_of" | "part_of" | "backed_by" | "allied_with" | "successor_of" | "splinter_of" | "wing_of" | "opposes";

/**
 * A person's position in a body, with its dates: the one home of leadership facts.
 */
export interface Role {
    /**
     * The title.
     */
    role: RoleKind;
    /**
     * The id of the body.
     */
    of: string;
    /**
     * When the person took the role.
     */
    from?: string;
    /**
     * When the person left it; absent: still held (unless the person died).
     */
    until?: string;
    /**
     * Where the role is stated.
     */
    sources?: string[];
    /**
     * Qualifiers (acting, caretaker…), or disagreement between sources.
     */
    note?: string;
}

/**
 * A position a person holds or held in a body. The set is closed so that validation knows which
 * roles have a single holder and the cards can word them.
 */
export type RoleKind = "supreme_leader" | "president" | "vice_president" | "prime_minister" | "deputy_prime_minister" | "speaker" | "deputy_speaker" | "minister" | "chairman" | "deputy_chairman" | "chief_of_staff" | "secretary_general" | "deputy_secretary_general" | "leader" | "deputy_leader" | "commander" | "deputy_commander" | "founder" | "spokesman" | "member" | "head";

/**
 * A role as a card shows it: who, what, of which body, when, and whether it is held now.
 */
export interface RoleView {
    /**
     * The role.
     */
    role: RoleKind;
    /**
     * Its title in words ("deputy chairman").
     */
    label: string;
    /**
     * The person's id.
     */
    person: string;
    /**
     * The person's name.
     */
    person_name: string;
    /**
     * The body's id.
     */
    of: string;
    /**
     * The body's name (its id when unknown).
     */
    of_name: string;
    /**
     * When it began.
     */
    from?: string;
    /**
     * When it ended: the role's `until`, or the person's death.
     */
    until?: string;
    /**
     * Held now.
     */
    current: boolean;
    /**
     * The role's note.
     */
    note?: string;
    /**
     * The role's sources.
     */
    sources: string[];
}

/**
 * Why a span is a mention.
 */
export type Rule = "name" | "alias" | "variant" | "acronym" | "arabic" | "evidence" | "short_name" | "defined";

/**
 * Options of every scanning method.
 */
export interface ScanOptions {
    /**
     * Keep only these entity types (default: all).
     */
    types?: EntityType[];
}

/**
 * An entity's status with its date.
 */
export interface Status {
    /**
     * The state.
     */
    state: StatusState;
    /**
     * Since when (`YYYY`, `YYYY-MM` or `YYYY-MM-DD`); required unless the state is `active`.
     */
    date?: string;
    /**
     * Where it is stated.
     */
    sources?: string[];
    /**
     * How it happened.
     */
    note?: string;
}

/**
 * Whether an entity still exists (or a person is alive).
 */
export type StatusState = "active" | "dissolved" | "merged" | "renamed" | "deceased";

/**
 * How one entity type is shown.
 */
export interface TypeStyle {
    /**
     * The type's data name (`armed_group`, …).
     */
    type: EntityType;
    /**
     * Human label, singular (`Armed group`).
     */
    label: string;
    /**
     * Human label, plural and lower case (`armed groups`).
     */
    plural: string;
    /**
     * Okabe–Ito colour (backgrounds, swatches, graph nodes).
     */
    color: string;
    /**
     * Underline colour on light backgrounds.
     */
    light: string;
    /**
     * Underline colour on dark backgrounds.
     */
    dark: string;
    /**
     * CSS `text-decoration-line`.
     */
    line: string;
    /**
     * CSS `text-decoration-style`.
     */
    style: string;
    /**
     * The underline in words (`dashed underline`), for legends read without colour.
     */
    cue: string;
    /**
     * ANSI SGR parameters for the terminal.
     */
    ansi: string;
}

/**
 * A knowledge base and its automaton. `new Lens()` uses the built-in knowledge base. Build one and
 * reuse it; every method that can fail throws an `Error` whose message says what and where.
 */
export class Lens {
    free(): void;
    /**
     * Entity ids by index (for `scanCompact`).
     */
    entityIds(): string[];
    /**
     * Entity names by index (for `scanCompact`).
     */
    entityNames(): string[];
    /**
     * Entity types by index (for `scanCompact`).
     */
    entityTypes(): EntityType[];
    /**
     * A lens over the built-in knowledge base.
     */
    constructor();
    /**
     * Rule names by code (for `scanCompact`).
     */
    static rules(): Rule[];
    /**
     * Mentions as one `Uint32Array` of `[start, end, entityIndex, ruleCode]` quadruples (UTF-16 offsets).
     * `entityIndex` indexes `entityIds()`/`entityTypes()`; `ruleCode` indexes `rules()`.
     */
    scanCompact(text: string, options?: ScanOptions): Uint32Array;
    /**
     * Every mention in `text`, in order, never overlapping; `start`/`end` are UTF-16 offsets (JavaScript
     * string indexes). `options.types` keeps only those types.
     */
    scan(text: string, options?: ScanOptions): Mention[];
    /**
     * Per-entity counts for `text`, most mentioned first.
     */
    summarize(text: string, options?: ScanOptions): EntityCount[];
    /**
     * Builds the lens's search automaton now, if it has not yet. A lens starts searching with a key
     * index (quick to make, somewhat slower to search) and builds the automaton inside the scan that
     * has read enough text for the build to pay back; call `warm()` when idle (after the first
     * highlight, from a worker's idle time) so no later scan waits for the build. Scans find the same
     * mentions either way. Returns whether the lens searches with the automaton now (false without
     * names, or for a very big dictionary, which stays on the index).
     */
    warm(): boolean;
    /**
     * The date the built-in facts were last checked (`YYYY-MM-DD`), or `undefined` when only
     * dictionaries are in force.
     */
    readonly asOf: string | undefined;
    /**
     * Number of entities in the KB in force.
     */
    readonly size: number;
}

/**
 * The crate version.
 */
export function version(): string;

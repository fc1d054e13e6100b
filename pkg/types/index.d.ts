/**
 * FactionLens: find every armed group, umbrella body, sponsor and leader named in a text about Iraq and
 * Iran — under every spelling and in Arabic script — and link each mention to an entity card.
 *
 * Everything runs locally in WebAssembly; nothing reaches the network.
 *
 * ```js
 * import init, { Lens } from 'factionlens';
 * await init();                       // loads the .wasm (a no-op in Node)
 * const lens = new Lens();            // the built-in knowledge base
 * lens.scan("Kataib Hizballah and AAH fired rockets");
 * // [{ entity: 'kataib-hezbollah', type: 'armed_group', text: 'Kataib Hizballah', start: 0, end: 16, … }, …]
 * ```
 * @packageDocumentation
 */

/** The kinds of entity the knowledge base knows. */
export type EntityType =
  | 'armed_group'
  | 'umbrella'
  | 'state_security'
  | 'political'
  | 'government'
  | 'person'
  | 'organization';

/** Why a span is a mention (see the README's "Rules"). */
export type Rule = 'name' | 'alias' | 'variant' | 'acronym' | 'arabic' | 'evidence' | 'short_name' | 'defined';

/** How one entity relates to another. */
export type RelationKind =
  | 'member_of'
  | 'part_of'
  | 'leads'
  | 'founded'
  | 'backed_by'
  | 'allied_with'
  | 'successor_of'
  | 'splinter_of'
  | 'wing_of'
  | 'opposes';

/** Dictionary formats `loadDictionary` reads. */
export type DictionaryFormat = 'json' | 'toml' | 'csv' | 'ftm';

/** One mention of an entity in a text. */
export interface Mention {
  /** The entity's stable id, e.g. `kataib-hezbollah`. */
  entity: string;
  /** The entity's type. */
  type: EntityType;
  /** The exact slice of the text: `text.slice(start, end)`. */
  text: string;
  /** Start offset in UTF-16 code units (a JavaScript string index). */
  start: number;
  /** End offset in UTF-16 code units (exclusive). */
  end: number;
  /** Start offset in UTF-8 bytes. */
  byte_start: number;
  /** End offset in UTF-8 bytes. */
  byte_end: number;
  /** The knowledge-base name that matched, as written there. */
  alias: string;
  /** Why this is a mention. */
  rule: Rule;
  /** Present (true) when the spelling is shared by several entities and the document did not decide. */
  ambiguous?: boolean;
  /** With `ambiguous`: the ids of the other entities the mention may be (the document names them too). */
  candidates?: string[];
}

/** A relation from one entity to another. */
export interface Relation {
  rel: RelationKind;
  /** The target entity's id. */
  target: string;
  /** Seed file names or public URLs. */
  sources: string[];
  note?: string;
}

/** A US designation or sanction. */
export interface Designation {
  /** Who designated, e.g. `US State Department`. */
  by: string;
  /** The list, e.g. `FTO`, `SDGT`. */
  list: string;
  /** ISO date, `YYYY-MM-DD` (or `YYYY-MM`, `YYYY`). */
  date: string;
  action: 'designated' | 'amended' | 'revoked';
  sources: string[];
  note?: string;
}

/** A sourced fact that fits no other field, or a disagreement between sources. */
export interface Note {
  text: string;
  sources: string[];
}

/** An entity as written in a knowledge base. */
export interface EntityRecord {
  id: string;
  name: string;
  type: EntityType;
  aliases?: string[];
  /** Matched case-sensitively. */
  acronyms?: string[];
  /** Matched only with evidence in the same document. */
  weak_aliases?: string[];
  /** Matched only where the document defines them, `Full Name (X)`. */
  defined_only?: string[];
  /** Surname forms, matched after the full name appeared. */
  short_names?: string[];
  arabic?: string[];
  ambiguous?: string[];
  description: string;
  sources: string[];
  relations?: Relation[];
  designations?: Designation[];
  notes?: Note[];
}

/** A relation of another entity that points at this one. */
export interface IncomingRelation {
  rel: RelationKind;
  /** The id of the entity the relation comes from. */
  source: string;
  source_name: string;
  sources: string[];
}

/** An entity card: the record, its origin, and relations resolved to names. */
export interface EntityCard extends EntityRecord {
  /** `builtin` or the name of the dictionary it came from. */
  origin: string;
  /** Names of the targets of `relations`, in the same order. */
  relation_names: string[];
  /** Relations of other entities that point at this one. */
  incoming: IncomingRelation[];
}

/** Per-entity totals for a text. */
export interface EntityCount {
  id: string;
  name: string;
  type: EntityType;
  count: number;
}

/** What `loadDictionary` loaded. */
export interface LoadReport {
  /** Records read from the dictionary. */
  loaded: number;
  /** Their ids. */
  ids: string[];
  /** Entities in the knowledge base in force afterwards. */
  total: number;
}

/** Options of every scanning method. */
export interface ScanOptions {
  /** Keep only these entity types (default: all). */
  types?: EntityType[];
}

/** Options of `highlightHtml`. */
export interface HighlightHtmlOptions extends ScanOptions {
  /** Class prefix of the marks (default `fl-`: `<mark class="fl-mark fl-t-armed_group" …>`). */
  classPrefix?: string;
}

/** Options of `loadDictionary`. */
export interface LoadOptions {
  /** Replace the knowledge base in force instead of merging into it (default false). */
  replace?: boolean;
  /** The dictionary's name, used in error messages and as the cards' `origin` (default `dictionary`). */
  name?: string;
}

/** A W3C Web Annotation page (JSON-LD). */
export interface AnnotationPage {
  '@context': string;
  type: 'AnnotationPage';
  items: Array<{
    type: 'Annotation';
    body: unknown;
    target: { source: string; selector: unknown[] };
    [key: string]: unknown;
  }>;
  [key: string]: unknown;
}

/**
 * A knowledge base compiled into a matcher. Build one and reuse it: building the built-in one takes a
 * few milliseconds, scanning is a single pass over the text.
 *
 * Every method that can fail throws an `Error` whose message says what and where (for dictionaries:
 * the line and field).
 */
export class Lens {
  /** A lens over the built-in knowledge base. */
  constructor();
  /** A lens with no entities; load dictionaries into it. */
  static empty(): Lens;
  /** The rule names by `ruleCode` (the 4th number of each `scanCompact` quadruple). */
  static rules(): Rule[];
  /**
   * Loads a dictionary (JSON, TOML, CSV or FollowTheMoney JSON lines) into this lens. On error the
   * knowledge base in force is unchanged and the message names the line and field.
   */
  loadDictionary(text: string, format: DictionaryFormat, options?: LoadOptions): LoadReport;
  /** Every mention in `text`, in order, never overlapping. */
  scan(text: string, options?: ScanOptions): Mention[];
  /**
   * The fast path: mentions as `[start, end, entityIndex, ruleCode]` quadruples (UTF-16 offsets) in one
   * typed array. `entityIndex` indexes `entityIds()`, `entityTypes()` and `entityNames()`.
   */
  scanCompact(text: string, options?: ScanOptions): Uint32Array;
  /** Entity ids by index. */
  entityIds(): string[];
  /** Entity types by index. */
  entityTypes(): EntityType[];
  /** Canonical names by index. */
  entityNames(): string[];
  /** `text` as escaped HTML with every mention in `<mark class="fl-mark fl-t-<type>" data-entity=… data-type=…>`. */
  highlightHtml(text: string, options?: HighlightHtmlOptions): string;
  /** The card of an entity, or `undefined` for an unknown id. */
  entity(id: string): EntityCard | undefined;
  /** Every entity record in the knowledge base in force. */
  entities(): EntityRecord[];
  /** Number of entities in the knowledge base in force. */
  readonly size: number;
  /** Per-entity counts for `text`, most mentioned first. */
  summarize(text: string, options?: ScanOptions): EntityCount[];
  /** Mentions as CSV: `entity,type,text,start,end,byte_start,byte_end,alias,rule`. */
  mentionsCsv(text: string, options?: ScanOptions): string;
  /** Mentions as a W3C Web Annotation page (TextQuoteSelector + TextPositionSelector); `source` is the document IRI. */
  webAnnotations(text: string, source: string, options?: ScanOptions): AnnotationPage;
  /** Frees the WebAssembly memory of this lens now (otherwise a FinalizationRegistry does it). */
  free(): void;
}

/** The package version. */
export function version(): string;

/** What `init` accepts: nothing (the .wasm next to the module), a URL or path, bytes, a Response or a compiled module. */
export type InitInput = RequestInfo | URL | Response | BufferSource | WebAssembly.Module;

/**
 * Loads and instantiates the WebAssembly module. Call (and await) it once before creating a lens. In
 * Node and with bundlers that load the .wasm themselves it resolves at once. Without an argument the
 * browser build fetches `factionlens_bg.wasm` next to the module (bundlers such as Vite rewrite that URL).
 */
export default function init(input?: { module_or_path?: InitInput | Promise<InitInput> } | InitInput): Promise<unknown>;

/** Instantiates the module synchronously from bytes or a compiled module (browser build; a no-op in Node). */
export function initSync(module: { module: BufferSource | WebAssembly.Module } | BufferSource | WebAssembly.Module): unknown;

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
  | 'backed_by'
  | 'allied_with'
  | 'successor_of'
  | 'splinter_of'
  | 'wing_of'
  | 'opposes';

/** A position a person holds or held in a body (a closed set). */
export type RoleKind =
  | 'supreme_leader' | 'president' | 'vice_president' | 'prime_minister' | 'deputy_prime_minister'
  | 'speaker' | 'deputy_speaker' | 'minister' | 'chairman' | 'deputy_chairman' | 'chief_of_staff'
  | 'secretary_general' | 'deputy_secretary_general' | 'leader' | 'deputy_leader' | 'commander'
  | 'deputy_commander' | 'founder' | 'spokesman' | 'member' | 'head';

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
  /** When it began (`YYYY`, `YYYY-MM` or `YYYY-MM-DD`). */
  from?: string;
  /** When it ended; absent: it still holds. */
  until?: string;
  /** Seed file names or public URLs. */
  sources: string[];
  note?: string;
}

/** A person's position in a body. */
export interface Role {
  role: RoleKind;
  /** The body's id. */
  of: string;
  from?: string;
  /** Absent: still held (unless the person died). */
  until?: string;
  sources: string[];
  note?: string;
}

/** An entity's status; absent: active / alive. */
export interface Status {
  state: 'active' | 'dissolved' | 'merged' | 'renamed' | 'deceased';
  date?: string;
  sources: string[];
  note?: string;
}

/** A US designation or sanction. */
export interface Designation {
  /** Who designated, e.g. `US State Department`. */
  by: string;
  /** The list, e.g. `FTO`, `SDGT`. */
  list: string;
  /** The legal authority or program, e.g. `E.O. 13224`. */
  program?: string;
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
  /** Wikidata item id, e.g. `Q5669353`. */
  wikidata?: string;
  /** OpenSanctions entity id. */
  opensanctions?: string;
  /** ISO 3166-1 alpha-2 codes. */
  country?: string[];
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
  /** Persian-script names, matched like Arabic ones. */
  persian?: string[];
  ambiguous?: string[];
  description: string;
  sources: string[];
  status?: Status;
  /** Brigade numbers in the Popular Mobilization Forces. */
  pmf_brigades?: { numbers: number[]; sources: string[] };
  /** A person's positions. */
  roles?: Role[];
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
  from?: string;
  until?: string;
  sources: string[];
}

/** A role as a card shows it, with names resolved and currentness decided. */
export interface RoleView {
  role: RoleKind;
  /** The title in words, e.g. `deputy chairman`. */
  label: string;
  person: string;
  person_name: string;
  of: string;
  of_name: string;
  from?: string;
  /** The role's end, or the person's death. */
  until?: string;
  /** Held now. */
  current: boolean;
  note?: string;
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
  /** The date the built-in facts were last checked, `YYYY-MM-DD`. */
  as_of?: string;
  /** The person's roles, current ones first. */
  role_views: RoleView[];
  /** Roles people hold or held in this body, current ones first. */
  holders: RoleView[];
}

/** Per-entity totals for a text. */
export interface EntityCount {
  id: string;
  name: string;
  type: EntityType;
  count: number;
  wikidata?: string;
  opensanctions?: string;
}

/** What `loadDictionary` loaded. */
export interface LoadReport {
  /** Records read from the dictionary. */
  loaded: number;
  /** Their ids. */
  ids: string[];
  /** Entities in the knowledge base in force afterwards. */
  total: number;
  /** What was loaded differently or skipped (FollowTheMoney), each naming file, line and field; absent when none. */
  warnings?: string[];
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
 * A knowledge base compiled into a matcher. Build one and reuse it: building the built-in one takes
 * 100–350 ms on a laptop-class CPU (see the README), scanning is a single pass over the text.
 *
 * Every method that can fail throws an `Error` whose message says what and where (for dictionaries:
 * the line and field).
 */
export class Lens {
  /** A lens over the built-in knowledge base. */
  constructor();
  /** A lens with no entities; load dictionaries into it. */
  static empty(): Lens;
  /**
   * A lens read back from the bytes of `toCompiled()` (e.g. kept in IndexedDB): only the automaton is
   * built, no name is folded or expanded again. Throws on bytes of another build, truncated or inconsistent.
   */
  static fromCompiled(bytes: Uint8Array): Lens;
  /** The rule names by `ruleCode` (the 4th number of each `scanCompact` quadruple). */
  static rules(): Rule[];
  /** The dictionary file extensions the core reads, without the dot (for file pickers). */
  static dictionaryExtensions(): string[];
  /**
   * Loads a dictionary (JSON, TOML, CSV or FollowTheMoney JSON lines) into this lens. On error the
   * knowledge base in force is unchanged and the message names the line and field.
   */
  loadDictionary(text: string, format: DictionaryFormat, options?: LoadOptions): LoadReport;
  /**
   * The lens compiled: its knowledge base (with loaded dictionaries), variant rules and every derived
   * spelling, as bytes for `Lens.fromCompiled`. Valid for this build of the package only.
   */
  toCompiled(): Uint8Array;
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
  /** The date the built-in facts were last checked (`YYYY-MM-DD`); undefined when only dictionaries are in force. */
  readonly asOf: string | undefined;
  /** Number of entities in the knowledge base in force. */
  readonly size: number;
  /** Per-entity counts for `text`, most mentioned first. */
  summarize(text: string, options?: ScanOptions): EntityCount[];
  /**
   * Mentions as CSV: `entity,type,text,start_utf16,end_utf16,start_cp,end_cp,byte_start,byte_end,alias,rule,ambiguous`
   * (offsets in UTF-16 units, code points and UTF-8 bytes; cells that start like a formula get a leading `'`).
   * `excel: true` adds a byte-order mark and CRLF line ends.
   */
  mentionsCsv(text: string, options?: ScanOptions & { excel?: boolean }): string;
  /**
   * Mentions as a W3C Web Annotation page (TextQuoteSelector + TextPositionSelector in code points,
   * `urn:uuid:` ids, `created` and `generator` on each annotation). `source` is the document IRI ('' for
   * a `urn:uuid:` derived from the text); throws when it is not an IRI. `created` defaults to now; pass a
   * fresh `nonce` (e.g. `crypto.randomUUID()`) so that two exports never share ids.
   */
  webAnnotations(text: string, source: string, options?: ScanOptions & { created?: string; nonce?: string }): AnnotationPage;
  /** The highlighted text as one standalone HTML page (legend, entity list, palette CSS, no script); `title` names the document. */
  standalonePage(text: string, title: string, options?: ScanOptions): string;
  /** The format of a dictionary file, by its name's extension, then its content; throws for a `.tsv` file. */
  detectFormat(name: string, text: string): DictionaryFormat;
  /** Frees the WebAssembly memory of this lens now (otherwise a FinalizationRegistry does it). */
  free(): void;
}

/** The package version. */
export function version(): string;

/** How one entity type is shown (the core's palette, src/palette.rs). */
export interface TypeStyle {
  type: EntityType;
  /** Singular label (`Armed group`). */
  label: string;
  /** Plural, lower case (`armed groups`). */
  plural: string;
  /** Okabe–Ito colour (`#RRGGBB`). */
  color: string;
  /** Underline colour on light backgrounds. */
  light: string;
  /** Underline colour on dark backgrounds. */
  dark: string;
  /** CSS `text-decoration-line`. */
  line: string;
  /** CSS `text-decoration-style`. */
  style: string;
  /** The underline in words. */
  cue: string;
  /** ANSI SGR parameters (terminal). */
  ansi: string;
  /** Inline style of a legend swatch. */
  swatch: string;
}

/** The palette of every entity type, in legend order. */
export function palette(): TypeStyle[];

/** Options of `paletteCss`. */
export interface PaletteCssOptions {
  /** Class and highlight-name prefix (default `fl-`). */
  prefix?: string;
  /** Rules for `<mark class="fl-t-TYPE">` (default true). */
  marks?: boolean;
  /** Rules for `::highlight(fl-TYPE)` (default true). */
  highlights?: boolean;
  /** `auto` (light, and dark under `prefers-color-scheme`), `light` or `dark` (default `auto`). */
  scheme?: 'auto' | 'light' | 'dark';
  /** Coloured underlines only, no background (default false). */
  underlineOnly?: boolean;
  /** Also honour `data-theme` on the root element (default true). */
  themeAttribute?: boolean;
}

/** CSS for the marks and Custom Highlight ranges of every type. */
export function paletteCss(options?: PaletteCssOptions): string;

// The DOM and WebAssembly types `init` accepts, looked up on `globalThis` so that these declarations
// type-check without the DOM library (a Node-only project, no skipLibCheck): where a program has no
// `Response` (or `URL`, `Request`, `WebAssembly`), that member of the union is `never`.
type GlobalType<K extends string> = typeof globalThis extends { [P in K]: { prototype: infer T } } ? T : never;
type WasmModule = typeof globalThis extends { WebAssembly: { Module: { prototype: infer T } } } ? T : never;

/** Bytes of the .wasm (a Node `Buffer` is a `Uint8Array`). */
export type WasmBytes = ArrayBuffer | ArrayBufferView;

/** What `init` accepts: a URL or path of the .wasm, a `Request` or `Response`, its bytes or a compiled `WebAssembly.Module`. */
export type InitInput = string | GlobalType<'URL'> | GlobalType<'Request'> | GlobalType<'Response'> | WasmBytes | WasmModule;

/**
 * Loads and instantiates the WebAssembly module. Call it once, and wait for it, before creating a lens.
 * In Node it resolves at once (the module is instantiated when loaded). Without an argument the browser
 * build fetches `factionlens_bg.wasm` next to the module (`new URL(…, import.meta.url)`, which Vite,
 * webpack 5 and Parcel rewrite); elsewhere pass `{ module_or_path: urlOfTheWasm }`.
 */
export default function init(input?: { module_or_path?: InitInput | Promise<InitInput> } | InitInput): Promise<unknown>;

/** Instantiates the module synchronously from its bytes or a compiled module (browser build; a no-op in Node). */
export function initSync(module: { module: WasmBytes | WasmModule } | WasmBytes | WasmModule): unknown;

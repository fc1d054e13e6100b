// Generated from the Rust types (tsify derives, wasm-bindgen signatures in src/wasm.rs) by
// pkg/declarations.mjs: do not edit. After changing a type of the API, run `npm run build:pkg && npm run types`.

import type { Designation, DesignationAction, DictionaryFormat, EntityCard, EntityCount, EntityRecord, EntityType, IncomingRelation, LoadReport, Mention, Note, PmfBrigades, Relation, RelationKind, Role, RoleKind, RoleView, Rule, ScanOptions, Status, StatusState, TypeStyle } from './api.js';
export type { Designation, DesignationAction, DictionaryFormat, EntityCard, EntityCount, EntityRecord, EntityType, IncomingRelation, LoadReport, Mention, Note, PmfBrigades, Relation, RelationKind, Role, RoleKind, RoleView, Rule, ScanOptions, Status, StatusState, TypeStyle };

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

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
 * The API (the `Lens` class, `version`, `palette`, `paletteCss`, and the types of what they return and
 * take) is declared in api.d.ts, generated from the Rust types; this file adds what only the JavaScript
 * entry points have (`init`, `initSync`) and is written by hand (tests/pkg/types.test.mjs checks it).
 * @packageDocumentation
 */

export * from './api.js';

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

//! The WebAssembly API (wasm-bindgen): what the npm package, the page and the extension call.
//!
//! One call per document: `scan` returns plain objects for convenience; `scanCompact` returns one
//! `Uint32Array` of `[start, end, entityIndex, ruleCode]` quadruples (UTF-16 offsets) for hot paths, so
//! a page of thousands of mentions costs one crossing and no per-mention objects. Every error reaches
//! JavaScript as an `Error` with a message that says what and where; a Rust panic is reported on the
//! console by `console_error_panic_hook` before it turns into a JS exception.
//!
//! Two modules are built from this API (scripts/build-wasm.sh). This file is all of the scan-only one
//! (pkg's `factionlens/scan` entry): `new Lens()` over the built-in knowledge base and its scans,
//! about half the size, since nothing in it can reach the KB's records or a parser. With the feature
//! `wasm-full`, [`full`] adds dictionaries, the compiled form, cards, exports and the palette (pkg's
//! `factionlens` entry). Both answer a scan with the same mentions (tests/pkg checks).
//!
//! JavaScript strings may hold lone surrogates. They cross into Rust as U+FFFD (one UTF-16 unit, like
//! the surrogate), so every UTF-16 offset still indexes the caller's original string.
//!
//! TypeScript: the types of what crosses (results, records, options) are declared by `tsify` from the
//! Rust types themselves, into the `.d.ts` wasm-bindgen writes; a method that returns or takes a plain
//! JS value names its type with `unchecked_return_type` / `unchecked_param_type`. Values still cross
//! through serde-wasm-bindgen (`to_js`, `opts`), so the declarations cost nothing in the `.wasm`.
//! pkg/build.mjs ships that `.d.ts`; `npm run types` refreshes the committed copy (pkg/types/api.d.ts).
//! One type serves both directions, so a record field with `#[serde(default)]` (`description`,
//! `sources`) is declared optional although the core always writes it: a dictionary may leave it out,
//! and tsify has no way to say "required when read back" (madonoharu/tsify#54).

use crate::kb::EntityType;
use crate::Lens as CoreLens;
use serde::Serialize;
use tsify::Tsify;
use wasm_bindgen::prelude::*;

#[cfg(feature = "wasm-full")]
mod full;

#[wasm_bindgen(start)]
fn start() {
    console_error_panic_hook::set_once();
}

/// The crate version.
#[wasm_bindgen]
pub fn version() -> String {
    env!("CARGO_PKG_VERSION").to_string()
}

fn to_js<T: Serialize + ?Sized>(v: &T) -> Result<JsValue, JsError> {
    v.serialize(&serde_wasm_bindgen::Serializer::json_compatible())
        .map_err(|e| JsError::new(&e.to_string()))
}

// Declared for TypeScript only: `scan_options` reads the object.
/// Options of every scanning method.
#[derive(Tsify)]
#[allow(dead_code)]
struct ScanOptions {
    /// Keep only these entity types (default: all).
    #[tsify(type = "EntityType[]", optional)]
    types: Option<Vec<String>>,
}

/// The options of a scanning method, `{types?: EntityType[]}` (`undefined` or `null`: the defaults),
/// read from the JS object by hand rather than through serde: serde's deserializer and its error
/// messages (which format floats) are a tenth of the scan-only module's code, for one optional list.
fn scan_options(options: Option<JsValue>) -> Result<crate::ScanOptions, JsError> {
    let Some(o) = options.filter(|v| !v.is_undefined() && !v.is_null()) else {
        return Ok(crate::ScanOptions::default());
    };
    if !o.is_object() {
        return Err(JsError::new(
            "invalid options: expected an object such as {types: ['armed_group']}",
        ));
    }
    let types = js_sys::Reflect::get(&o, &JsValue::from_str("types"))
        .map_err(|_| JsError::new("invalid options: `types` cannot be read"))?;
    if types.is_undefined() || types.is_null() {
        return Ok(crate::ScanOptions::default());
    }
    if !js_sys::Array::is_array(&types) {
        return Err(JsError::new(
            "invalid options: `types` must be an array of entity type names",
        ));
    }
    let names = js_sys::Array::from(&types)
        .iter()
        .enumerate()
        .map(|(i, t)| {
            t.as_string().ok_or_else(|| {
                JsError::new(&format!("invalid options: types[{i}] is not a string"))
            })
        })
        .collect::<Result<Vec<String>, JsError>>()?;
    scan_opts(&Some(names))
}

/// The core's scan options from the `types` option of a call (checked against the type names).
fn scan_opts(types: &Option<Vec<String>>) -> Result<crate::ScanOptions, JsError> {
    let types = match types {
        None => None,
        Some(list) => Some(
            list.iter()
                .map(|t| {
                    EntityType::parse(t).ok_or_else(|| {
                        JsError::new(&format!(
                            "unknown type `{t}` in options.types (expected one of {})",
                            EntityType::ALL.map(|t| t.as_str()).join(", ")
                        ))
                    })
                })
                .collect::<Result<Vec<_>, _>>()?,
        ),
    };
    Ok(crate::ScanOptions { types })
}

/// A knowledge base and its automaton. `new Lens()` uses the built-in knowledge base. Build one and
/// reuse it; every method that can fail throws an `Error` whose message says what and where.
#[wasm_bindgen]
pub struct Lens {
    inner: CoreLens,
}

#[wasm_bindgen]
impl Lens {
    /// A lens over the built-in knowledge base.
    #[wasm_bindgen(constructor)]
    pub fn new() -> Lens {
        Lens {
            inner: CoreLens::builtin(),
        }
    }

    /// Builds the lens's search automaton now, if it has not yet. A lens starts searching with a key
    /// index (quick to make, somewhat slower to search) and builds the automaton inside the scan that
    /// has read enough text for the build to pay back; call `warm()` when idle (after the first
    /// highlight, from a worker's idle time) so no later scan waits for the build. Scans find the same
    /// mentions either way. Returns whether the lens searches with the automaton now (false without
    /// names, or for a very big dictionary, which stays on the index).
    pub fn warm(&self) -> bool {
        self.inner.warm()
    }

    /// Every mention in `text`, in order, never overlapping; `start`/`end` are UTF-16 offsets (JavaScript
    /// string indexes). `options.types` keeps only those types.
    #[wasm_bindgen(unchecked_return_type = "Mention[]")]
    pub fn scan(
        &self,
        text: &str,
        #[wasm_bindgen(unchecked_optional_param_type = "ScanOptions")] options: Option<JsValue>,
    ) -> Result<JsValue, JsError> {
        let so = scan_options(options)?;
        // Views: the strings go from the lens and the text to JavaScript without a copy in between.
        to_js(&self.inner.scan_refs_with(text, &so))
    }

    /// Mentions as one `Uint32Array` of `[start, end, entityIndex, ruleCode]` quadruples (UTF-16 offsets).
    /// `entityIndex` indexes `entityIds()`/`entityTypes()`; `ruleCode` indexes `rules()`.
    #[wasm_bindgen(js_name = scanCompact)]
    pub fn scan_compact(
        &self,
        text: &str,
        #[wasm_bindgen(unchecked_optional_param_type = "ScanOptions")] options: Option<JsValue>,
    ) -> Result<Vec<u32>, JsError> {
        let so = scan_options(options)?;
        let spans = self.inner.scan_spans_with(text, &so);
        let mut out = Vec::with_capacity(spans.len() * 4);
        for s in spans {
            out.extend_from_slice(&[s.start, s.end, s.entity, s.rule.code()]);
        }
        Ok(out)
    }

    /// Entity ids by index (for `scanCompact`).
    #[wasm_bindgen(js_name = entityIds)]
    pub fn entity_ids(&self) -> Vec<String> {
        (0..self.inner.entity_count())
            .map(|i| self.inner.entity_id(i).to_string())
            .collect()
    }

    /// Entity types by index (for `scanCompact`).
    #[wasm_bindgen(js_name = entityTypes, unchecked_return_type = "EntityType[]")]
    pub fn entity_types(&self) -> Vec<String> {
        (0..self.inner.entity_count())
            .map(|i| self.inner.entity_type(i).as_str().to_string())
            .collect()
    }

    /// Entity names by index (for `scanCompact`).
    #[wasm_bindgen(js_name = entityNames)]
    pub fn entity_names(&self) -> Vec<String> {
        (0..self.inner.entity_count())
            .map(|i| self.inner.entity_name(i).to_string())
            .collect()
    }

    /// Rule names by code (for `scanCompact`).
    #[wasm_bindgen(unchecked_return_type = "Rule[]")]
    pub fn rules() -> Vec<String> {
        crate::Rule::ALL
            .iter()
            .map(|r| r.as_str().to_string())
            .collect()
    }

    /// The date the built-in facts were last checked (`YYYY-MM-DD`), or `undefined` when only
    /// dictionaries are in force.
    #[wasm_bindgen(getter, js_name = asOf)]
    pub fn as_of(&self) -> Option<String> {
        self.inner.as_of().map(str::to_string)
    }

    /// Number of entities in the KB in force.
    #[wasm_bindgen(getter)]
    pub fn size(&self) -> usize {
        self.inner.entity_count()
    }

    /// Per-entity counts for `text`, most mentioned first.
    #[wasm_bindgen(unchecked_return_type = "EntityCount[]")]
    pub fn summarize(
        &self,
        text: &str,
        #[wasm_bindgen(unchecked_optional_param_type = "ScanOptions")] options: Option<JsValue>,
    ) -> Result<JsValue, JsError> {
        let so = scan_options(options)?;
        let m = self.inner.scan_refs_with(text, &so);
        to_js(&self.inner.summarize_refs(&m))
    }
}

impl Default for Lens {
    fn default() -> Lens {
        Lens::new()
    }
}

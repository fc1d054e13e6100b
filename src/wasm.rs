//! The WebAssembly API (wasm-bindgen): what the npm package, the page and the extension call.
//!
//! One call per document: `scan` returns plain objects for convenience; `scanCompact` returns one
//! `Uint32Array` of `[start, end, entityIndex, ruleCode]` quadruples (UTF-16 offsets) for hot paths, so
//! a page of thousands of mentions costs one crossing and no per-mention objects. Every error reaches
//! JavaScript as an `Error` with a message that says what and where; a Rust panic is reported on the
//! console by `console_error_panic_hook` before it turns into a JS exception.
//!
//! JavaScript strings may hold lone surrogates. They cross into Rust as U+FFFD (one UTF-16 unit, like
//! the surrogate), so every UTF-16 offset still indexes the caller's original string.

use crate::kb::{EntityType, Format, MergeMode};
use crate::{render, Lens as CoreLens, ScanOptions};
use serde::{Deserialize, Serialize};
use wasm_bindgen::prelude::*;

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

#[derive(Deserialize, Default)]
#[serde(rename_all = "camelCase")]
struct Opts {
    #[serde(default)]
    types: Option<Vec<String>>,
    #[serde(default)]
    class_prefix: Option<String>,
    #[serde(default)]
    replace: Option<bool>,
    #[serde(default)]
    name: Option<String>,
}

fn opts(v: &JsValue) -> Result<Opts, JsError> {
    if v.is_undefined() || v.is_null() {
        return Ok(Opts::default());
    }
    serde_wasm_bindgen::from_value(v.clone())
        .map_err(|e| JsError::new(&format!("invalid options: {e}")))
}

fn scan_opts(o: &Opts) -> Result<ScanOptions, JsError> {
    let types = match &o.types {
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
    Ok(ScanOptions { types })
}

/// A knowledge base and its automaton. `new Lens()` uses the built-in knowledge base.
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

    /// A lens with no entities (load dictionaries into it).
    pub fn empty() -> Lens {
        Lens {
            inner: CoreLens::new(crate::KnowledgeBase::empty()),
        }
    }

    /// Loads a dictionary (`format`: json, toml, csv, ftm). `options.replace` replaces the KB in force;
    /// `options.name` names the dictionary in errors. Returns `{loaded, ids, total}`. On error the KB in
    /// force is unchanged and the `Error` message names the line and field.
    #[wasm_bindgen(js_name = loadDictionary)]
    pub fn load_dictionary(
        &mut self,
        text: &str,
        format: &str,
        options: JsValue,
    ) -> Result<JsValue, JsError> {
        let o = opts(&options)?;
        let format: Format = format
            .parse()
            .map_err(|e: crate::Error| JsError::new(&e.to_string()))?;
        let mode = if o.replace.unwrap_or(false) {
            MergeMode::Replace
        } else {
            MergeMode::Merge
        };
        let name = o.name.unwrap_or_else(|| "dictionary".into());
        let report = self
            .inner
            .load_dictionary(text, format, &name, mode)
            .map_err(|e| JsError::new(&e.to_string()))?;
        to_js(&report)
    }

    /// Mentions in `text`: `[{entity, type, text, start, end, byte_start, byte_end, alias, rule}]`,
    /// `start`/`end` in UTF-16 code units. `options.types` keeps only those types.
    pub fn scan(&self, text: &str, options: JsValue) -> Result<JsValue, JsError> {
        let so = scan_opts(&opts(&options)?)?;
        to_js(&self.inner.scan_with(text, &so))
    }

    /// Mentions as one `Uint32Array` of `[start, end, entityIndex, ruleCode]` quadruples (UTF-16 offsets).
    /// `entityIndex` indexes `entityIds()`/`entityTypes()`; `ruleCode` indexes `rules()`.
    #[wasm_bindgen(js_name = scanCompact)]
    pub fn scan_compact(&self, text: &str, options: JsValue) -> Result<Vec<u32>, JsError> {
        let so = scan_opts(&opts(&options)?)?;
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
        self.inner
            .knowledge_base()
            .entities()
            .iter()
            .map(|e| e.id.clone())
            .collect()
    }

    /// Entity types by index (for `scanCompact`).
    #[wasm_bindgen(js_name = entityTypes)]
    pub fn entity_types(&self) -> Vec<String> {
        self.inner
            .knowledge_base()
            .entities()
            .iter()
            .map(|e| e.kind.as_str().to_string())
            .collect()
    }

    /// Entity names by index (for `scanCompact`).
    #[wasm_bindgen(js_name = entityNames)]
    pub fn entity_names(&self) -> Vec<String> {
        self.inner
            .knowledge_base()
            .entities()
            .iter()
            .map(|e| e.name.clone())
            .collect()
    }

    /// Rule names by code (for `scanCompact`).
    pub fn rules() -> Vec<String> {
        crate::Rule::ALL
            .iter()
            .map(|r| r.as_str().to_string())
            .collect()
    }

    /// The text as escaped HTML with `<mark class="fl-mark fl-t-{type}" data-entity data-type data-rule title>`
    /// around each mention. `options.types`, `options.classPrefix` (default `fl-`).
    #[wasm_bindgen(js_name = highlightHtml)]
    pub fn highlight_html(&self, text: &str, options: JsValue) -> Result<String, JsError> {
        let o = opts(&options)?;
        let so = scan_opts(&o)?;
        let mentions = self.inner.scan_with(text, &so);
        let ho = render::HtmlOptions {
            class_prefix: o.class_prefix.unwrap_or_else(|| "fl-".into()),
        };
        Ok(render::highlight_html(
            text,
            &mentions,
            self.inner.knowledge_base(),
            &ho,
        ))
    }

    /// The entity card for an id (record, origin, relation target names, incoming relations), or `undefined`.
    pub fn entity(&self, id: &str) -> Result<JsValue, JsError> {
        match self.inner.knowledge_base().card(id) {
            Some(card) => to_js(&card),
            None => Ok(JsValue::UNDEFINED),
        }
    }

    /// Every entity record in the KB in force.
    pub fn entities(&self) -> Result<JsValue, JsError> {
        to_js(self.inner.knowledge_base().entities())
    }

    /// The date the built-in facts were last checked (`YYYY-MM-DD`), or `undefined` when only
    /// dictionaries are in force.
    #[wasm_bindgen(getter, js_name = asOf)]
    pub fn as_of(&self) -> Option<String> {
        self.inner.knowledge_base().as_of().map(str::to_string)
    }

    /// Number of entities in the KB in force.
    #[wasm_bindgen(getter)]
    pub fn size(&self) -> usize {
        self.inner.knowledge_base().len()
    }

    /// Per-entity counts for `text`: `[{id, name, type, count}]`, most mentioned first.
    pub fn summarize(&self, text: &str, options: JsValue) -> Result<JsValue, JsError> {
        let so = scan_opts(&opts(&options)?)?;
        let m = self.inner.scan_with(text, &so);
        to_js(&self.inner.summarize(&m))
    }

    /// Mentions of `text` as CSV (header `entity,type,text,start,end,byte_start,byte_end,alias,rule`).
    #[wasm_bindgen(js_name = mentionsCsv)]
    pub fn mentions_csv(&self, text: &str, options: JsValue) -> Result<String, JsError> {
        let so = scan_opts(&opts(&options)?)?;
        Ok(render::mentions_csv(&self.inner.scan_with(text, &so)))
    }

    /// Mentions of `text` as a W3C Web Annotation page (JSON-LD object); `source` is the document IRI.
    #[wasm_bindgen(js_name = webAnnotations)]
    pub fn web_annotations(
        &self,
        text: &str,
        source: &str,
        options: JsValue,
    ) -> Result<JsValue, JsError> {
        let so = scan_opts(&opts(&options)?)?;
        let m = self.inner.scan_with(text, &so);
        to_js(&render::web_annotations(
            text,
            &m,
            self.inner.knowledge_base(),
            source,
        ))
    }
}

impl Default for Lens {
    fn default() -> Lens {
        Lens::new()
    }
}

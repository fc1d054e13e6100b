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

/// The entity-type palette, in legend order: `[{type, label, plural, color, light, dark, line, style,
/// cue, ansi, swatch}]` (`swatch`: the inline style of a legend chip). The page and the extension read
/// their labels and colours here (pkg/build.mjs writes it to pkg/dist/palette.json for ui/palette.js).
#[wasm_bindgen]
pub fn palette() -> Result<JsValue, JsError> {
    let list: Vec<serde_json::Value> = EntityType::ALL
        .iter()
        .map(|&t| {
            let mut v = serde_json::to_value(crate::palette::style(t)).unwrap_or_default();
            v["swatch"] = crate::palette::swatch_style(t).into();
            v
        })
        .collect();
    to_js(&list)
}

#[derive(Deserialize, Default)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
struct CssOpts {
    prefix: Option<String>,
    marks: Option<bool>,
    highlights: Option<bool>,
    scheme: Option<String>,
    underline_only: Option<bool>,
    theme_attribute: Option<bool>,
}

/// CSS for the marks and Custom Highlight ranges of every type. `options`: `prefix` (`fl-`), `marks`
/// and `highlights` (true), `scheme` (`auto`, `light` or `dark`), `underlineOnly` (false),
/// `themeAttribute` (true: also honour `data-theme` on the root element).
#[wasm_bindgen(js_name = paletteCss)]
pub fn palette_css(options: JsValue) -> Result<String, JsError> {
    use crate::palette::{CssOptions, Scheme, Schemes};
    let o: CssOpts = if options.is_undefined() || options.is_null() {
        CssOpts::default()
    } else {
        serde_wasm_bindgen::from_value(options)
            .map_err(|e| JsError::new(&format!("invalid palette options: {e}")))?
    };
    let d = CssOptions::default();
    let schemes = match o.scheme.as_deref().unwrap_or("auto") {
        "auto" => Schemes::Auto,
        "light" => Schemes::Only(Scheme::Light),
        "dark" => Schemes::Only(Scheme::Dark),
        other => {
            return Err(JsError::new(&format!(
                "invalid palette options: scheme `{other}` (expected auto, light or dark)"
            )))
        }
    };
    Ok(crate::palette::css(&CssOptions {
        prefix: o.prefix.unwrap_or(d.prefix),
        marks: o.marks.unwrap_or(d.marks),
        highlights: o.highlights.unwrap_or(d.highlights),
        schemes,
        underline_only: o.underline_only.unwrap_or(d.underline_only),
        theme_attribute: o.theme_attribute.unwrap_or(d.theme_attribute),
    }))
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
    #[serde(default)]
    excel: Option<bool>,
    #[serde(default)]
    created: Option<String>,
    #[serde(default)]
    nonce: Option<String>,
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

    /// The lens as bytes to keep (IndexedDB) and read back with `Lens.fromCompiled`, which skips
    /// folding and expanding the names (see `Lens::to_compiled`).
    #[wasm_bindgen(js_name = toCompiled)]
    pub fn to_compiled(&self) -> Vec<u8> {
        self.inner.to_compiled()
    }

    /// A lens read back from `toCompiled`'s bytes. Bytes of another build, truncated or inconsistent
    /// are refused with an `Error`.
    #[wasm_bindgen(js_name = fromCompiled)]
    pub fn from_compiled(bytes: &[u8]) -> Result<Lens, JsError> {
        CoreLens::from_compiled(bytes)
            .map(|inner| Lens { inner })
            .map_err(|e| JsError::new(&e.to_string()))
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

    /// Mentions of `text` as CSV (header `entity,type,text,start_utf16,end_utf16,start_cp,end_cp,byte_start,byte_end,alias,rule,ambiguous`;
    /// cells that start like a formula get a leading `'`). `options.excel`: a byte-order mark and CRLF.
    #[wasm_bindgen(js_name = mentionsCsv)]
    pub fn mentions_csv(&self, text: &str, options: JsValue) -> Result<String, JsError> {
        let o = opts(&options)?;
        let so = scan_opts(&o)?;
        let co = render::CsvOptions {
            excel: o.excel.unwrap_or(false),
        };
        Ok(render::mentions_csv(
            text,
            &self.inner.scan_with(text, &so),
            &co,
        ))
    }

    /// Mentions of `text` as a W3C Web Annotation page (JSON-LD object). `source` is the document's
    /// IRI; empty: a `urn:uuid:` derived from the text. `options.created` (an ISO date-time, default
    /// now) and `options.nonce` (e.g. `crypto.randomUUID()`, so two exports never share ids). Throws
    /// when `source` is not an IRI.
    #[wasm_bindgen(js_name = webAnnotations)]
    pub fn web_annotations(
        &self,
        text: &str,
        source: &str,
        options: JsValue,
    ) -> Result<JsValue, JsError> {
        let o = opts(&options)?;
        let so = scan_opts(&o)?;
        let m = self.inner.scan_with(text, &so);
        let created = o.created.unwrap_or_else(|| {
            // Date.toISOString gives milliseconds: a valid xsd:dateTime.
            String::from(js_sys::Date::new_0().to_iso_string())
        });
        let ao = render::AnnotationOptions {
            source: Some(source.to_string()),
            created,
            nonce: o.nonce.unwrap_or_default(),
        };
        let page = render::web_annotation_page(text, &m, self.inner.knowledge_base(), &ao)
            .map_err(|e| JsError::new(&e.to_string()))?;
        to_js(&page)
    }
}

#[wasm_bindgen]
impl Lens {
    /// The highlighted text as one standalone HTML page (legend, entity list, the palette's CSS; no
    /// script), the same page as the CLI's `--format html`. `title` names the document.
    #[wasm_bindgen(js_name = standalonePage)]
    pub fn standalone_page(
        &self,
        text: &str,
        title: &str,
        options: JsValue,
    ) -> Result<String, JsError> {
        let so = scan_opts(&opts(&options)?)?;
        let m = self.inner.scan_with(text, &so);
        Ok(render::standalone_page(
            title,
            text,
            &m,
            self.inner.knowledge_base(),
        ))
    }

    /// The dictionary file extensions the core reads (without the dot), for file pickers.
    #[wasm_bindgen(js_name = dictionaryExtensions)]
    pub fn dictionary_extensions() -> Vec<String> {
        Format::EXTENSIONS
            .iter()
            .map(|(e, _)| e.to_string())
            .collect()
    }

    /// The format of a dictionary file (`json`, `toml`, `csv` or `ftm`), by its name's extension, then
    /// by its content; throws for a format the core does not read (a `.tsv` file). Does not depend on
    /// this lens's knowledge base.
    #[wasm_bindgen(js_name = detectFormat)]
    pub fn detect_format(&self, name: &str, text: &str) -> Result<String, JsError> {
        Format::detect(name, text)
            .map(|f| f.as_str().to_string())
            .map_err(|e| JsError::new(&format!("{name}: {e}")))
    }
}

impl Default for Lens {
    fn default() -> Lens {
        Lens::new()
    }
}

//! The rest of the WebAssembly API, in the `factionlens` entry's module only (feature `wasm-full`):
//! dictionaries, the compiled form, cards, exports and the palette.
//!
//! Why it is apart: none of it is needed to scan with the built-in knowledge base, and it is what
//! makes the `.wasm` big (the KB's records and their deserializers, the dictionary parsers, the
//! exporters). pkg's `factionlens/scan` entry is built without it, so the page and the extension can
//! load that module first and highlight before they fetch and compile this one.

use super::{scan_options, scan_opts, to_js, Lens};
use crate::kb::{EntityType, Format, MergeMode};
use crate::{render, Lens as CoreLens};
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};
use tsify::Tsify;
use wasm_bindgen::prelude::*;

/// How one entity type is shown (`TypeStyle`), with the inline style of its legend chip.
#[derive(Serialize, Tsify)]
struct PaletteEntry {
    #[serde(flatten)]
    style: crate::palette::TypeStyle,
    /// Inline style of a legend swatch.
    swatch: String,
}

/// The entity-type palette, in legend order: `[{type, label, plural, color, light, dark, line, style,
/// cue, ansi, swatch}]` (`swatch`: the inline style of a legend chip). The page and the extension read
/// their labels and colours here (pkg/build.mjs writes it to pkg/dist/palette.json for ui/palette.js).
#[wasm_bindgen(unchecked_return_type = "PaletteEntry[]")]
pub fn palette() -> Result<JsValue, JsError> {
    let list: Vec<PaletteEntry> = EntityType::ALL
        .iter()
        .map(|&t| PaletteEntry {
            style: *crate::palette::style(t),
            swatch: crate::palette::swatch_style(t),
        })
        .collect();
    to_js(&list)
}

/// Which colour schemes `paletteCss` writes rules for.
#[derive(Deserialize, Default, Tsify)]
#[serde(rename_all = "lowercase")]
enum SchemeOption {
    /// Light, and dark under `prefers-color-scheme: dark`.
    #[default]
    Auto,
    /// One rule per type in `light-dark(light, dark)` colours: they follow the `color-scheme` the
    /// page sets on the marked text (light where it sets none).
    #[serde(rename = "color-scheme")]
    ColorScheme,
    /// Light only.
    Light,
    /// Dark only.
    Dark,
}

/// Options of `paletteCss`.
#[derive(Deserialize, Default, Tsify)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
struct PaletteCssOptions {
    /// Class and highlight-name prefix (default `fl-`).
    #[tsify(optional)]
    prefix: Option<String>,
    /// Rules for `<mark class="fl-t-TYPE">` (default true).
    #[tsify(optional)]
    marks: Option<bool>,
    /// Rules for `::highlight(fl-TYPE)` (default true).
    #[tsify(optional)]
    highlights: Option<bool>,
    /// Default `auto`.
    #[tsify(optional)]
    scheme: Option<SchemeOption>,
    /// Coloured underlines only, no background (default false).
    #[tsify(optional)]
    underline_only: Option<bool>,
}

/// CSS for the marks and Custom Highlight ranges of every type. `options`: `prefix` (`fl-`), `marks`
/// and `highlights` (true), `scheme` (`auto`: the reader's preference; `color-scheme`: the page's
/// `color-scheme`; `light` or `dark`), `underlineOnly` (false).
#[wasm_bindgen(js_name = paletteCss)]
pub fn palette_css(
    #[wasm_bindgen(unchecked_optional_param_type = "PaletteCssOptions")] options: Option<JsValue>,
) -> Result<String, JsError> {
    use crate::palette::{CssOptions, Scheme, Schemes};
    let o: PaletteCssOptions = opts(options, "palette options")?;
    let d = CssOptions::default();
    let schemes = match o.scheme.unwrap_or_default() {
        SchemeOption::Auto => Schemes::Auto,
        SchemeOption::ColorScheme => Schemes::ColorScheme,
        SchemeOption::Light => Schemes::Only(Scheme::Light),
        SchemeOption::Dark => Schemes::Only(Scheme::Dark),
    };
    Ok(crate::palette::css(&CssOptions {
        prefix: o.prefix.unwrap_or(d.prefix),
        marks: o.marks.unwrap_or(d.marks),
        highlights: o.highlights.unwrap_or(d.highlights),
        schemes,
        underline_only: o.underline_only.unwrap_or(d.underline_only),
    }))
}

/// Options of `highlightHtml`.
#[derive(Deserialize, Default, Tsify)]
#[serde(rename_all = "camelCase")]
struct HighlightHtmlOptions {
    /// Keep only these entity types (default: all).
    #[tsify(type = "EntityType[]", optional)]
    types: Option<Vec<String>>,
    /// Class prefix of the marks (default `fl-`: `<mark class="fl-mark fl-t-armed_group" …>`).
    #[tsify(optional)]
    class_prefix: Option<String>,
}

/// Options of `mentionsCsv`.
#[derive(Deserialize, Default, Tsify)]
struct MentionsCsvOptions {
    /// Keep only these entity types (default: all).
    #[tsify(type = "EntityType[]", optional)]
    types: Option<Vec<String>>,
    /// A byte-order mark and CRLF line ends, for Excel (default false).
    #[tsify(optional)]
    excel: Option<bool>,
}

/// Options of `webAnnotations`.
#[derive(Deserialize, Default, Tsify)]
struct WebAnnotationsOptions {
    /// Keep only these entity types (default: all).
    #[tsify(type = "EntityType[]", optional)]
    types: Option<Vec<String>>,
    /// The annotations' `created` date-time (ISO 8601; default now).
    #[tsify(optional)]
    created: Option<String>,
    /// A fresh value per export (e.g. `crypto.randomUUID()`), so that two exports never share ids.
    #[tsify(optional)]
    nonce: Option<String>,
}

/// Options of `loadDictionary`.
#[derive(Deserialize, Default, Tsify)]
struct LoadOptions {
    /// Replace the knowledge base in force instead of merging into it (default false).
    #[tsify(optional)]
    replace: Option<bool>,
    /// The dictionary's name, used in error messages and as the cards' `origin` (default `dictionary`).
    #[tsify(optional)]
    name: Option<String>,
}

/// Reads the options object of a call (`undefined` or `null`: the defaults); `what` names it in errors.
fn opts<T: DeserializeOwned + Default>(v: Option<JsValue>, what: &str) -> Result<T, JsError> {
    match v {
        None => Ok(T::default()),
        Some(v) => serde_wasm_bindgen::from_value(v)
            .map_err(|e| JsError::new(&format!("invalid {what}: {e}"))),
    }
}

// `webAnnotations` returns JSON-LD built as a `serde_json::Value` (src/render/annotation.rs): its shape,
// declared here by hand, is checked against real output by tests/pkg/types.test.mjs.
#[wasm_bindgen(typescript_custom_section)]
const ANNOTATION_PAGE: &str = r#"
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
"#;

#[wasm_bindgen]
impl Lens {
    /// A lens with no entities (load dictionaries into it).
    pub fn empty() -> Lens {
        Lens {
            inner: CoreLens::new(crate::KnowledgeBase::empty()),
        }
    }

    /// The lens compiled: its knowledge base (with loaded dictionaries), variant rules and the
    /// matcher's tables, as bytes to keep (e.g. in IndexedDB) and read back with `Lens.fromCompiled`. Valid for
    /// this build of the package only.
    #[wasm_bindgen(js_name = toCompiled)]
    pub fn to_compiled(&self) -> Vec<u8> {
        self.inner.to_compiled()
    }

    /// A lens read back from the bytes of `toCompiled()`: no name is folded or expanded again.
    /// Bytes of another build, truncated or damaged throw an `Error`.
    #[wasm_bindgen(js_name = fromCompiled)]
    pub fn from_compiled(bytes: &[u8]) -> Result<Lens, JsError> {
        CoreLens::from_compiled(bytes)
            .map(|inner| Lens { inner })
            .map_err(|e| JsError::new(&e.to_string()))
    }

    /// Loads a dictionary (JSON, CSV or FollowTheMoney JSON lines) into this lens and says what it
    /// loaded. `options.replace` replaces the KB in force; `options.name` names the dictionary in errors
    /// and cards. On error the KB in force is unchanged and the `Error` message names the line and field.
    /// TOML: this build has no TOML parser (it would be a fifth of the `.wasm`), so `'toml'` throws an
    /// `Error` saying so; parse the TOML in JavaScript and pass the JSON form (`{"entity": [...]}`), as
    /// the page and the extension do (ui/dictionary-text.js keeps the file's line numbers in errors).
    #[wasm_bindgen(js_name = loadDictionary, unchecked_return_type = "LoadReport")]
    pub fn load_dictionary(
        &mut self,
        // Owned: freed once parsed, before the lens is built (see `Lens::load_dictionary_owned`).
        text: String,
        #[wasm_bindgen(unchecked_param_type = "DictionaryFormat")] format: &str,
        #[wasm_bindgen(unchecked_optional_param_type = "LoadOptions")] options: Option<JsValue>,
    ) -> Result<JsValue, JsError> {
        let o: LoadOptions = opts(options, "options")?;
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
            .load_dictionary_owned(text, format, &name, mode)
            .map_err(|e| JsError::new(&e.to_string()))?;
        to_js(&report)
    }

    /// The text as escaped HTML with `<mark class="fl-mark fl-t-{type}" data-entity data-type data-rule title>`
    /// around each mention. `options.types`, `options.classPrefix` (default `fl-`).
    #[wasm_bindgen(js_name = highlightHtml)]
    pub fn highlight_html(
        &self,
        text: &str,
        #[wasm_bindgen(unchecked_optional_param_type = "HighlightHtmlOptions")] options: Option<
            JsValue,
        >,
    ) -> Result<String, JsError> {
        let o: HighlightHtmlOptions = opts(options, "options")?;
        let so = scan_opts(&o.types)?;
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
    #[wasm_bindgen(unchecked_return_type = "EntityCard | undefined")]
    pub fn entity(&self, id: &str) -> Result<JsValue, JsError> {
        match self.inner.knowledge_base().card(id) {
            Some(card) => to_js(&card),
            None => Ok(JsValue::UNDEFINED),
        }
    }

    /// Every entity record in the KB in force.
    #[wasm_bindgen(unchecked_return_type = "EntityRecord[]")]
    pub fn entities(&self) -> Result<JsValue, JsError> {
        to_js(self.inner.knowledge_base().entities())
    }

    /// Mentions of `text` as CSV (header `entity,type,text,start_utf16,end_utf16,start_cp,end_cp,byte_start,byte_end,alias,rule,ambiguous`;
    /// cells that start like a formula get a leading `'`). `options.excel`: a byte-order mark and CRLF.
    #[wasm_bindgen(js_name = mentionsCsv)]
    pub fn mentions_csv(
        &self,
        text: &str,
        #[wasm_bindgen(unchecked_optional_param_type = "MentionsCsvOptions")] options: Option<
            JsValue,
        >,
    ) -> Result<String, JsError> {
        let o: MentionsCsvOptions = opts(options, "options")?;
        let so = scan_opts(&o.types)?;
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
    #[wasm_bindgen(js_name = webAnnotations, unchecked_return_type = "AnnotationPage")]
    pub fn web_annotations(
        &self,
        text: &str,
        source: &str,
        #[wasm_bindgen(unchecked_optional_param_type = "WebAnnotationsOptions")] options: Option<
            JsValue,
        >,
    ) -> Result<JsValue, JsError> {
        let o: WebAnnotationsOptions = opts(options, "options")?;
        let so = scan_opts(&o.types)?;
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

    /// The highlighted text as one standalone HTML page (legend, entity list, the palette's CSS; no
    /// script), the same page as the CLI's `--format html`. `title` names the document.
    #[wasm_bindgen(js_name = standalonePage)]
    pub fn standalone_page(
        &self,
        text: &str,
        title: &str,
        #[wasm_bindgen(unchecked_optional_param_type = "ScanOptions")] options: Option<JsValue>,
    ) -> Result<String, JsError> {
        let so = scan_options(options)?;
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
    #[wasm_bindgen(js_name = detectFormat, unchecked_return_type = "DictionaryFormat")]
    pub fn detect_format(&self, name: &str, text: &str) -> Result<String, JsError> {
        Format::detect(name, text)
            .map(|f| f.as_str().to_string())
            .map_err(|e| JsError::new(&format!("{name}: {e}")))
    }
}

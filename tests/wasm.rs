//! The WebAssembly API as JavaScript sees it, run by `wasm-bindgen-test-runner` in Node and, with
//! `WASM_BINDGEN_USE_BROWSER=1`, in headless Chromium (scripts/test.sh runs both).
//!
//! These call the exported `Lens` through its wasm-bindgen signatures (optional JsValue options,
//! JsError errors), so what is checked is exactly what crosses the boundary. Run once per module
//! (scripts/test.sh): without features, the scan-only module of pkg's `factionlens/scan` entry; with
//! `--features wasm-full`, the whole API, whose tests are in [`full`].
#![cfg(target_arch = "wasm32")]

use factionlens::wasm::Lens;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_test::*;

fn get(v: &JsValue, key: &str) -> JsValue {
    js_sys::Reflect::get(v, &JsValue::from_str(key)).expect("property")
}

/// An options argument as JavaScript passes it (`None`: the argument left out, or `undefined`).
fn options(json: &str) -> Option<JsValue> {
    Some(js_sys::JSON::parse(json).expect("valid JSON"))
}

#[wasm_bindgen_test]
fn scan_returns_utf16_offsets() {
    let lens = Lens::new();
    // 🚀 is two UTF-16 units and four UTF-8 bytes: the offsets JS gets are UTF-16.
    let text = "🚀 Kataib Hizballah";
    let list = js_sys::Array::from(&lens.scan(text, None).map_err(JsValue::from).unwrap());
    assert_eq!(list.length(), 1);
    let m = list.get(0);
    assert_eq!(get(&m, "entity").as_string().unwrap(), "kataib-hezbollah");
    assert_eq!(get(&m, "start").as_f64().unwrap(), 3.0);
    assert_eq!(get(&m, "end").as_f64().unwrap(), 19.0);
    assert_eq!(get(&m, "byte_start").as_f64().unwrap(), 5.0);
}

#[wasm_bindgen_test]
fn compact_scan_agrees_with_scan() {
    let lens = Lens::new();
    let text = "Kataib Hezbollah (KH) and Asaib Ahl al-Haq (AAH). KH and AAH, then كتائب حزب الله.";
    let full = js_sys::Array::from(&lens.scan(text, None).map_err(JsValue::from).unwrap());
    let quads = lens
        .scan_compact(text, None)
        .map_err(JsValue::from)
        .unwrap();
    let ids = lens.entity_ids();
    assert_eq!(quads.len(), full.length() as usize * 4);
    for (i, m) in full.iter().enumerate() {
        assert_eq!(quads[4 * i] as f64, get(&m, "start").as_f64().unwrap());
        assert_eq!(
            ids[quads[4 * i + 2] as usize],
            get(&m, "entity").as_string().unwrap()
        );
    }
    assert!(full.length() >= 7);
}

#[wasm_bindgen_test]
fn bad_options_are_errors_not_panics() {
    let lens = Lens::new();
    let Err(err) = lens.scan("x", options(r#"{"types": ["militia"]}"#)) else {
        panic!("an unknown type is an error")
    };
    let err = JsValue::from(err);
    assert!(err.is_instance_of::<js_sys::Error>());
    let msg = js_sys::Error::from(err).message().as_string().unwrap();
    assert!(msg.contains("militia"), "{msg}");
    assert!(lens.scan("x", Some(JsValue::from_f64(3.0))).is_err());
    assert!(lens.summarize("x", options(r#"{"types": 5}"#)).is_err());
}

/// The scan-only module never decodes the KB's records: what it says about the KB comes from the
/// roster and the date build.rs wrote.
#[wasm_bindgen_test]
fn the_built_in_kb_is_described_without_its_records() {
    let lens = Lens::new();
    let as_of = lens.as_of().expect("the built-in KB is dated");
    assert_eq!(as_of.len(), 10, "{as_of}");
    assert_eq!(as_of.as_bytes()[4], b'-');
    assert!(lens.size() > 100);
    let ids = lens.entity_ids();
    assert_eq!(ids.len(), lens.size());
    assert!(ids.iter().any(|id| id == "kataib-hezbollah"));
    let counts = js_sys::Array::from(
        &lens
            .summarize("KH and Kata'ib Hezbollah, again Kataib Hizballah.", None)
            .map_err(JsValue::from)
            .unwrap(),
    );
    assert_eq!(counts.length(), 1);
    assert_eq!(get(&counts.get(0), "count").as_f64().unwrap(), 3.0);
}

#[wasm_bindgen_test]
fn lone_surrogates_keep_offsets() {
    let lens = Lens::new();
    // A JS string with a lone surrogate, built in JS so it really is invalid UTF-16.
    let s = js_sys::eval(r#""\uD800 Kataib Hezbollah""#)
        .unwrap()
        .as_string()
        .unwrap();
    // wasm-bindgen hands Rust U+FFFD for the lone surrogate: one UTF-16 unit, like the original.
    let list = js_sys::Array::from(&lens.scan(&s, None).map_err(JsValue::from).unwrap());
    assert_eq!(get(&list.get(0), "start").as_f64().unwrap(), 2.0);
}

/// The rest of the API (dictionaries, cards, exports): the `factionlens` entry's module only.
#[cfg(feature = "wasm-full")]
mod full {
    use super::{get, options};
    use factionlens::wasm::{version, Lens};
    use wasm_bindgen::JsValue;
    use wasm_bindgen_test::*;

    #[wasm_bindgen_test]
    fn bad_options_of_the_exports_are_errors() {
        let lens = Lens::new();
        assert!(lens
            .highlight_html("x", options(r#"{"types": 5}"#))
            .is_err());
    }

    /// The message of the `Error` that loading `text` as dictionary `name` throws.
    fn load_error(lens: &mut Lens, text: &str, format: &str, name: &str) -> String {
        let Err(err) = lens.load_dictionary(
            text.to_owned(),
            format,
            options(&format!(r#"{{"name": "{name}"}}"#)),
        ) else {
            panic!("{name} loaded")
        };
        js_sys::Error::from(JsValue::from(err))
            .message()
            .as_string()
            .unwrap()
    }

    #[wasm_bindgen_test]
    fn dictionary_errors_name_the_line_and_keep_the_kb() {
        let mut lens = Lens::new();
        let before = lens.size();
        let msg = load_error(
            &mut lens,
            "id,name,type,aliases\nok,Okay Group,armed_group,\nbad,Bad Group,militia,\n",
            "csv",
            "user.csv",
        );
        assert!(msg.contains("user.csv:3"), "{msg}");
        assert_eq!(lens.size(), before);
        let report = lens
            .load_dictionary(
                "id,name,type,aliases\nok,Okay Group,armed_group,\n".to_owned(),
                "csv",
                None,
            )
            .map_err(JsValue::from)
            .unwrap();
        assert_eq!(get(&report, "loaded").as_f64().unwrap(), 1.0);
        assert_eq!(lens.size(), before + 1);
    }

    /// The web build has no `toml` feature (scripts/build-wasm.sh): a TOML dictionary is refused with an
    /// error that names the file and the feature, and the lens keeps its KB (the page and the extension
    /// convert TOML to the JSON form first: ui/dictionary-text.js).
    #[cfg(not(feature = "toml"))]
    #[wasm_bindgen_test]
    fn toml_dictionaries_are_refused_by_name_without_the_feature() {
        let mut lens = Lens::new();
        let before = lens.size();
        let msg = load_error(
            &mut lens,
            "[[entity]]\nid = \"a\"\nname = \"A\"\ntype = \"person\"\n",
            "toml",
            "user.toml",
        );
        assert!(msg.starts_with("user.toml: "), "{msg}");
        assert!(msg.contains("`toml` feature"), "{msg}");
        assert_eq!(lens.size(), before);
    }

    #[wasm_bindgen_test]
    fn highlight_html_escapes() {
        let lens = Lens::new();
        let html = lens
            .highlight_html("<img src=x onerror=alert(1)> Kataib Hezbollah", None)
            .map_err(JsValue::from)
            .unwrap();
        assert!(html.starts_with("&lt;img"), "{html}");
        assert!(html.contains(r#"data-entity="kataib-hezbollah""#));
    }

    #[wasm_bindgen_test]
    fn cards_cross_as_plain_objects() {
        let lens = Lens::new();
        let card = lens
            .entity("asaib-ahl-al-haq")
            .map_err(JsValue::from)
            .unwrap();
        assert_eq!(get(&card, "name").as_string().unwrap(), "Asa'ib Ahl al-Haq");
        assert!(js_sys::Array::is_array(&get(&card, "designations")));
        assert!(lens
            .entity("nope")
            .map_err(JsValue::from)
            .unwrap()
            .is_undefined());
        assert!(!version().is_empty());
    }
}

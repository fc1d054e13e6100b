//! Validates the built-in knowledge base (data/kb/*.toml) at build time and compiles it into the crate.
//!
//! A bad record fails the build with its file, line and field. The validated records are written as
//! one JSON document to OUT_DIR (`kb.json`), which `src/kb/mod.rs` embeds with `include_str!`, so
//! neither the native binary nor the `.wasm` needs any file at run time.

#[path = "src/kb/schema.rs"]
#[allow(dead_code)]
mod schema;

#[path = "src/script.rs"]
mod script;

use std::path::Path;

fn main() {
    let dir = Path::new("data/kb");
    println!("cargo:rerun-if-changed=data/kb");
    println!("cargo:rerun-if-changed=src/kb/schema.rs");
    println!("cargo:rerun-if-changed=src/script.rs");
    let mut files: Vec<_> = std::fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("data/kb: {e}"))
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "toml"))
        .collect();
    files.sort();
    let mut all = Vec::new();
    let mut origins = Vec::new();
    for path in &files {
        println!("cargo:rerun-if-changed={}", path.display());
        let origin = path.display().to_string();
        let text =
            std::fs::read_to_string(path).unwrap_or_else(|e| fail(&format!("{origin}: {e}")));
        let recs = schema::parse_toml(&text, &origin).unwrap_or_else(|e| fail(&e.to_string()));
        for r in recs {
            origins.push(origin.clone());
            all.push(r);
        }
    }
    // Ids must be unique across files and every relation must point at a record of some file.
    let ids: std::collections::HashSet<String> = all.iter().map(|l| l.record.id.clone()).collect();
    let mut seen = std::collections::HashMap::new();
    for (loc, origin) in all.iter().zip(&origins) {
        let one = std::slice::from_ref(loc);
        if let Err(e) = schema::validate_set(one, origin, schema::Strictness::Builtin, &|id| {
            ids.contains(id)
        }) {
            fail(&e.to_string());
        }
        if let Some((f, l)) = seen.insert(loc.record.id.clone(), (origin.clone(), loc.line)) {
            fail(&format!(
                "{origin}:{}: entity `{}`: field `id`: duplicate id (first defined at {f}:{l})",
                loc.line, loc.record.id
            ));
        }
        for s in all_sources(&loc.record) {
            if !s.starts_with("http") && !Path::new("tests/fixtures").join(s).exists() {
                fail(&format!("{origin}:{}: entity `{}`: field `sources`: `{s}` is neither a URL nor a seed file in tests/fixtures", loc.line, loc.record.id));
            }
        }
    }
    let records: Vec<&schema::EntityRecord> = all.iter().map(|l| &l.record).collect();
    let json = serde_json::to_string(&records).expect("serialize KB");
    let out = Path::new(&std::env::var("OUT_DIR").unwrap()).join("kb.json");
    std::fs::write(out, json).expect("write KB");
}

fn all_sources(r: &schema::EntityRecord) -> Vec<&String> {
    let mut v: Vec<&String> = r.sources.iter().collect();
    v.extend(r.relations.iter().flat_map(|x| &x.sources));
    v.extend(r.designations.iter().flat_map(|x| &x.sources));
    v.extend(r.notes.iter().flat_map(|x| &x.sources));
    v
}

fn fail(msg: &str) -> ! {
    eprintln!("error: invalid knowledge base: {msg}");
    panic!("invalid knowledge base: {msg}");
}

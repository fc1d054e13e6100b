//! Validates the built-in knowledge base (data/kb/*.toml) at build time and compiles it into the crate.
//!
//! A bad record fails the build with its file, line and field. All entity files are validated together
//! (ids unique across files, relation and role targets in any file, one current holder of a
//! single-holder role). `data/kb/meta.toml` holds the KB's `as_of` date. The validated records are
//! written as one JSON document to OUT_DIR, which `src/kb/mod.rs` embeds with `include_str!` (and the
//! as-of date next to it), so neither the native binary nor the `.wasm` needs any file at run time.
//!
//! It also turns the variant rules (`data/variants.toml`) into JSON in OUT_DIR, which
//! `src/variants.rs` embeds: start-up then needs no TOML parser (TOML stays for dictionaries and custom
//! rules). A TOML syntax error fails the build with its line; the rules' fields are checked when they
//! are read (every test that builds a lens).
//!
//! It generates the fold's Unicode table (`build/fold_tables.rs`) from `unicode-normalization`.
//!
//! From the KB and the rules it derives the built-in lens's matcher tables (`builtin_tables.bin`): every
//! name folded and expanded into its keys, with their candidates, which `Lens::builtin` reads instead of
//! deriving them at every start. To do so it compiles the deriving modules of `src/` itself (below).
//!
//! Last, it stamps the build: a hash of every file that decides how names become patterns (`src/`,
//! `data/`, this file, the manifest and lock file), which a compiled lens carries (`src/compiled.rs`),
//! so one saved by another build is refused instead of misread.

// The KB's schema, validation and TOML reader are the crate's own `kb` module (compiled here in full
// for the derivation below); its TOML reader is there only with the `toml` feature.
#[cfg(feature = "toml")]
use kb::toml_file;
use kb::{schema, validate};
#[cfg(not(feature = "toml"))]
#[path = "src/kb/toml_file.rs"]
mod toml_file;

#[path = "src/script.rs"]
mod script;

#[path = "build/fold_tables.rs"]
mod fold_tables;

// What derives the built-in KB's matcher tables (`matcher::tables`: every name folded and expanded into
// its keys), compiled here from the crate's own sources, so the lens reads the result instead of
// deriving it at every start (`Lens::builtin`). Those modules include files that this script writes to
// OUT_DIR, through `generated!` (src/lib.rs); here it stands in for them: the KB and rules come as
// arguments instead, and the fold's table from its generator.
macro_rules! generated {
    (str $file:literal) => {
        ""
    };
    (items "fold_tables.rs") => {
        use crate::fold_tables::runtime::*;
    };
}
#[path = "src/error.rs"]
#[allow(dead_code)]
mod error;
#[path = "src/fold.rs"]
#[allow(dead_code)]
mod fold;
#[path = "src/kb/mod.rs"]
#[allow(dead_code, unused_imports)]
mod kb;
#[path = "src/key.rs"]
#[allow(dead_code)]
mod key;
// Not `#[path = "src/matcher.rs"]`: a file named by `path` looks for its submodules (`key_index`) next to
// it, not in `src/matcher/`. The resolver is here for its facts (`resolve::Facts`, written by
// `resolve::stored`), the compiled lens's tables and roster for their writers.
#[path = "src"]
#[allow(dead_code)]
mod src_dir {
    pub mod matcher;
    pub mod resolve;
    pub mod sort;
    pub mod compiled {
        pub mod roster;
        pub mod tables;
        pub mod words;
    }
}
use src_dir::{compiled, matcher, resolve, sort};
#[path = "src/variants.rs"]
#[allow(dead_code)]
mod variants;
use error::Error;

use std::path::Path;

/// The KB's metadata file: not entities, but facts about the KB.
const META: &str = "meta.toml";

#[derive(serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct Meta {
    /// The date the KB's facts were last checked (`YYYY-MM-DD`).
    as_of: String,
}

fn main() {
    let dir = Path::new("data/kb");
    println!("cargo:rerun-if-changed=data/kb");
    println!("cargo:rerun-if-changed=src/kb/schema.rs");
    println!("cargo:rerun-if-changed=src/kb/validate.rs");
    println!("cargo:rerun-if-changed=src/script.rs");
    let mut files: Vec<_> = std::fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("data/kb: {e}"))
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "toml"))
        .collect();
    files.sort();
    let mut as_of = None;
    let mut parsed: Vec<(String, Vec<schema::Located>)> = Vec::new();
    for path in &files {
        println!("cargo:rerun-if-changed={}", path.display());
        let origin = path.display().to_string();
        let text =
            std::fs::read_to_string(path).unwrap_or_else(|e| fail(&format!("{origin}: {e}")));
        if path.file_name().is_some_and(|n| n == META) {
            let meta: Meta = toml::from_str(&text).unwrap_or_else(|e| {
                let line = e.span().map_or(0, |s| schema::line_of(&text, s.start));
                fail(&format!("{origin}:{line}: {}", e.message().trim()))
            });
            if meta.as_of.len() != 10 || !validate::is_date(&meta.as_of) {
                fail(&format!(
                    "{origin}: field `as_of`: `{}` is not a YYYY-MM-DD date",
                    meta.as_of
                ));
            }
            as_of = Some(meta.as_of);
            continue;
        }
        let recs = toml_file::parse_toml(&text, &origin).unwrap_or_else(|e| fail(&e.to_string()));
        parsed.push((origin, recs));
    }
    let as_of = as_of.unwrap_or_else(|| {
        fail(&format!(
            "data/kb/{META} is missing (as_of = \"YYYY-MM-DD\")"
        ))
    });
    let sets: Vec<(&str, &[schema::Located])> = parsed
        .iter()
        .map(|(o, r)| (o.as_str(), r.as_slice()))
        .collect();
    if let Err(e) = validate::validate_across(&sets, validate::Strictness::Builtin, &|_| false) {
        fail(&e.to_string());
    }
    for (origin, recs) in &parsed {
        for loc in recs {
            for s in loc.record.all_sources() {
                if !s.starts_with("http") && !Path::new("tests/fixtures").join(s).exists() {
                    fail(&format!("{origin}:{}: entity `{}`: field `sources`: `{s}` is neither a URL nor a seed file in tests/fixtures", loc.line, loc.record.id));
                }
            }
        }
    }
    let records: Vec<&schema::EntityRecord> = parsed
        .iter()
        .flat_map(|(_, r)| r.iter().map(|l| &l.record))
        .collect();
    let json = serde_json::to_string(&records).expect("serialize KB");
    let out = Path::new(&std::env::var("OUT_DIR").unwrap()).to_path_buf();
    let packed = kb::packed::pack(&json);
    assert_eq!(
        kb::packed::unpack(&packed),
        json,
        "the packed KB unpacks to its JSON"
    );
    std::fs::write(out.join("kb.packed"), &packed).expect("write KB");
    std::fs::write(out.join("kb_as_of.txt"), as_of).expect("write KB date");
    let rules = compile_variant_rules(&out);
    println!("cargo:rerun-if-changed=build/fold_tables.rs");
    fold_tables::generate(&out);
    derive_builtin_tables(&out, &json, &rules);
    println!(
        "cargo:rustc-env=FACTIONLENS_BUILD_STAMP={:016x}",
        build_stamp()
    );
}

/// FNV-1a (64 bits) over the path and bytes of every source and data file, in path order.
fn build_stamp() -> u64 {
    fn walk(dir: &Path, out: &mut Vec<std::path::PathBuf>) {
        for e in std::fs::read_dir(dir).unwrap_or_else(|e| panic!("{}: {e}", dir.display())) {
            let p = e.expect("directory entry").path();
            if p.is_dir() {
                walk(&p, out);
            } else {
                out.push(p);
            }
        }
    }
    let mut files = vec![
        Path::new("build.rs").to_path_buf(),
        Path::new("Cargo.toml").to_path_buf(),
        Path::new("Cargo.lock").to_path_buf(),
    ];
    for dir in ["src", "data", "build"] {
        println!("cargo:rerun-if-changed={dir}");
        walk(Path::new(dir), &mut files);
    }
    println!("cargo:rerun-if-changed=Cargo.lock");
    files.sort();
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for f in files {
        let bytes = std::fs::read(&f).unwrap_or_else(|e| panic!("{}: {e}", f.display()));
        for b in f.to_string_lossy().bytes().chain([0]).chain(bytes) {
            h = (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3);
        }
    }
    h
}

/// The built-in KB's matcher tables (`builtin_tables.bin` in `out`, read by `Lens::builtin`): what
/// `matcher::tables` derives from the KB's records (`kb_json`) and the variant rules (`rules_json`), with
/// the key budget a lens applies, in the tables' part of the compiled-lens format (`src/compiled/tables.rs`).
/// A test (`builtin_tables_are_what_the_lens_derives`, src/lib.rs) derives them again at run time and
/// compares the bytes. Next to them, the resolver's facts of the same KB and rules (`builtin_facts.bin`,
/// `resolve::stored`; tested the same way), the KB's roster (`builtin_roster.tsv`, `compiled::roster`) and
/// the rules' word lists the matcher needs (`builtin_words.tsv`, `compiled::words`).
fn derive_builtin_tables(out: &Path, kb_json: &str, rules_json: &str) {
    let records: Vec<kb::EntityRecord> =
        serde_json::from_str(kb_json).expect("the KB's JSON reads back");
    let origins = vec![String::new(); records.len()];
    let kb = kb::KnowledgeBase::from_parts(records, origins, None).expect("ids are unique");
    let rules = variants::VariantRules::prepare(
        serde_json::from_str(rules_json)
            .unwrap_or_else(|e| panic!("invalid variant rules: data/variants.toml: {e}")),
    );
    let budgeted = matcher::budgeted(&rules, matcher::name_count(&kb));
    let tables = matcher::tables(&kb, &budgeted, true);
    std::fs::write(
        out.join("builtin_tables.bin"),
        compiled::tables::to_bytes(&tables),
    )
    .expect("write the built-in tables");
    std::fs::write(
        out.join("builtin_facts.bin"),
        resolve::stored::to_bytes(&resolve::Facts::new(&kb, &rules)),
    )
    .expect("write the built-in facts");
    let roster =
        compiled::roster::Roster::text(kb.entities().iter().map(|e| compiled::roster::Line {
            id: &e.id,
            kind: e.kind,
            name: &e.name,
            wikidata: e.wikidata.as_deref(),
            opensanctions: e.opensanctions.as_deref(),
        }));
    std::fs::write(out.join("builtin_roster.tsv"), roster).expect("write the built-in roster");
    std::fs::write(
        out.join("builtin_words.tsv"),
        compiled::words::Words::of(&rules).text(),
    )
    .expect("write the rules' word lists");
}

/// `data/variants.toml` as JSON (`variants.json` in `out`); returns the JSON.
fn compile_variant_rules(out: &Path) -> String {
    let origin = "data/variants.toml";
    println!("cargo:rerun-if-changed={origin}");
    let text = std::fs::read_to_string(origin).unwrap_or_else(|e| fail(&format!("{origin}: {e}")));
    let rules: toml::Table = toml::from_str(&text).unwrap_or_else(|e| {
        let line = e.span().map_or(0, |s| schema::line_of(&text, s.start));
        panic!(
            "invalid variant rules: {origin}:{line}: {}",
            e.message().trim()
        )
    });
    let json = serde_json::to_string(&rules).expect("serialize the variant rules");
    std::fs::write(out.join("variants.json"), &json).expect("write the variant rules");
    json
}

fn fail(msg: &str) -> ! {
    eprintln!("error: invalid knowledge base: {msg}");
    panic!("invalid knowledge base: {msg}");
}

//! Custom dictionaries: the KB's own JSON and TOML schema, CSV, and FollowTheMoney JSON lines. TOML is
//! read with the `toml` cargo feature only (the default; the web build leaves it out).
//!
//! Users bring their own lists (a newsroom's watch list, an OpenSanctions export). Every format is
//! turned into [`EntityRecord`]s and validated like the built-in KB (sources optional); an error names
//! the line and the field, and the caller's current dictionary stays in force.

use super::schema::{
    line_of, validate_set, EntityRecord, EntityType, KbError, Located, Strictness,
};
use serde::Deserialize;
use std::str::FromStr;

/// A dictionary file format.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[cfg_attr(
    target_arch = "wasm32",
    derive(tsify::Tsify),
    tsify(rename = "DictionaryFormat"),
    serde(rename_all = "lowercase")
)]
pub enum Format {
    /// The KB schema as JSON: an array of entities, or `{"entity": [...]}`.
    Json,
    /// The KB schema as TOML: `[[entity]]` tables. Read with the `toml` cargo feature only; without it,
    /// loading one fails with [`crate::Error::FormatNotBuilt`].
    Toml,
    /// CSV with a header: `id,name,type,aliases` (aliases separated by `|`), plus optional columns
    /// `acronyms`, `arabic`, `persian`, `weak_aliases`, `short_names`, `defined_only`, `description`,
    /// `sources`, `wikidata`, `opensanctions`.
    Csv,
    /// FollowTheMoney entities as JSON lines (OpenSanctions' format; see [`super::ftm`]).
    Ftm,
}

impl FromStr for Format {
    type Err = crate::Error;
    fn from_str(s: &str) -> Result<Format, crate::Error> {
        match s.trim().to_ascii_lowercase().as_str() {
            "json" => Ok(Format::Json),
            "toml" => Ok(Format::Toml),
            "csv" => Ok(Format::Csv),
            "ftm" | "ftm.json" | "jsonl" | "followthemoney" | "ndjson" => Ok(Format::Ftm),
            _ => Err(crate::Error::UnknownFormat(s.to_string())),
        }
    }
}

impl Format {
    /// The file extensions read as each format (lower case, without the dot): the one list behind
    /// [`Format::from_path`] and the file pickers of the page and the extension.
    pub const EXTENSIONS: [(&'static str, Format); 6] = [
        ("json", Format::Json),
        ("toml", Format::Toml),
        ("csv", Format::Csv),
        ("jsonl", Format::Ftm),
        ("ftm", Format::Ftm),
        ("ndjson", Format::Ftm),
    ];

    /// Guesses the format from a file name: OpenSanctions' `.ftm.json`/`.nested.json`
    /// (`entities.ftm.json`, `targets.nested.json`) are FollowTheMoney, else the extension
    /// (see [`Format::EXTENSIONS`]).
    pub fn from_path(path: &str) -> Option<Format> {
        let lower = path.to_ascii_lowercase();
        if lower.ends_with(".ftm.json") || lower.ends_with(".nested.json") {
            return Some(Format::Ftm);
        }
        let ext = lower.rsplit('.').next()?;
        Format::EXTENSIONS
            .iter()
            .find(|(e, _)| *e == ext)
            .map(|(_, f)| *f)
    }
}

impl Format {
    /// The format's name, as [`FromStr`] reads it (`json`, `toml`, `csv`, `ftm`).
    pub fn as_str(self) -> &'static str {
        match self {
            Format::Json => "json",
            Format::Toml => "toml",
            Format::Csv => "csv",
            Format::Ftm => "ftm",
        }
    }

    /// Detects a dictionary's format from its file name, falling back to its content (FollowTheMoney
    /// lines, a JSON array or object, TOML tables or keys, else CSV); a `.json` file whose first line is
    /// a FollowTheMoney entity is FollowTheMoney (OpenSanctions names JSON lines `.json`). A `.tsv` file is
    /// refused: the CSV reader takes commas only, and reading tabs as one column would lose every
    /// field. The page and the extension call this through WebAssembly (`lens.detectFormat`).
    ///
    /// ```
    /// use factionlens::kb::Format;
    /// assert_eq!(Format::detect("list.jsonl", "").unwrap(), Format::Ftm);
    /// assert_eq!(Format::detect("pasted", "[[entity]]\nid = \"a\"").unwrap(), Format::Toml);
    /// assert!(Format::detect("list.tsv", "id\tname").is_err());
    /// ```
    pub fn detect(name: &str, text: &str) -> Result<Format, crate::Error> {
        let lower = name.to_ascii_lowercase();
        let ext = lower.rsplit_once('.').map_or("", |(_, e)| e);
        if ext == "tsv" {
            return Err(crate::Error::UnknownFormat("tsv".into()));
        }
        let body = text.trim_start_matches('\u{feff}').trim_start();
        let looks_ftm = super::ftm::looks_like_ftm(body);
        match Format::from_path(&lower) {
            Some(Format::Json) if looks_ftm => return Ok(Format::Ftm),
            Some(f) => return Ok(f),
            None => {}
        }
        let json_array = body
            .strip_prefix('[')
            .is_some_and(|rest| rest.trim_start().starts_with('{'));
        let toml = body.lines().any(|l| {
            let l = l.trim_start();
            l.starts_with("[[entity]]")
                || l.split_once('=').is_some_and(|(k, _)| {
                    let k = k.trim_end();
                    !k.is_empty() && k.bytes().all(|b| b.is_ascii_lowercase() || b == b'_')
                })
        });
        Ok(if looks_ftm {
            Format::Ftm
        } else if body.starts_with('{') || json_array {
            Format::Json
        } else if toml {
            Format::Toml
        } else {
            Format::Csv
        })
    }
}

/// Whether a dictionary adds to the KB in force or replaces it.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum MergeMode {
    /// Add to the KB in force; a record with an existing id replaces that entity.
    #[default]
    Merge,
    /// Use only the dictionary's entities.
    Replace,
}

/// Parses and validates a dictionary. `origin` names it in errors (a file name); `known_ids` tells
/// which ids relation targets may point at besides the dictionary's own.
///
/// ```
/// use factionlens::kb::{parse_dictionary, Format};
/// let csv = "id,name,type,aliases\nacme-brigade,Acme Brigade,armed_group,Acme Brigades|Liwa Acme\n";
/// let recs = parse_dictionary(csv, Format::Csv, "my.csv", &|_| false).unwrap();
/// assert_eq!(recs[0].aliases, vec!["Acme Brigades", "Liwa Acme"]);
///
/// let bad = "id,name,type,aliases\nx,X,militia,\n";
/// let err = parse_dictionary(bad, Format::Csv, "my.csv", &|_| false).unwrap_err();
/// assert_eq!((err.line, err.field.as_deref()), (Some(2), Some("type")));
/// ```
pub fn parse_dictionary(
    text: &str,
    format: Format,
    origin: &str,
    known_ids: &dyn Fn(&str) -> bool,
) -> Result<Vec<EntityRecord>, KbError> {
    parse_dictionary_with_warnings(text, format, origin, known_ids).map(|(r, _)| r)
}

/// [`parse_dictionary`], plus the warnings: what was loaded differently or skipped, each naming its
/// line and field (FollowTheMoney only: a bad value in a property FactionLens does not read, an
/// unknown schema, a one-word person name loaded as a weak alias).
pub fn parse_dictionary_with_warnings(
    text: &str,
    format: Format,
    origin: &str,
    known_ids: &dyn Fn(&str) -> bool,
) -> Result<(Vec<EntityRecord>, Vec<KbError>), KbError> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut warnings = Vec::new();
    let located = match format {
        #[cfg(feature = "toml")]
        Format::Toml => super::toml_file::parse_toml(text, origin)?,
        #[cfg(not(feature = "toml"))]
        Format::Toml => {
            return Err(KbError::new(
                origin,
                crate::error::not_built(Format::Toml, "toml"),
            ))
        }
        Format::Json => parse_json(text, origin)?,
        Format::Csv => parse_csv(text, origin)?,
        Format::Ftm => {
            let p = super::ftm::parse(text, origin)?;
            warnings = p.warnings;
            p.records
        }
    };
    if located.is_empty() {
        let mut err = KbError::new(origin, "no entities found");
        if let Some(w) = warnings.first() {
            err.message
                .push_str(&format!(" ({} warning(s), the first: {w})", warnings.len()));
        }
        return Err(err);
    }
    validate_set(&located, origin, Strictness::Custom, known_ids)?;
    // Collected in place, in the vector of the located records (bigger each, and grown while parsing):
    // the room left over is given back.
    let mut records: Vec<EntityRecord> = located.into_iter().map(|l| l.record).collect();
    records.shrink_to_fit();
    Ok((records, warnings))
}

fn parse_json(text: &str, origin: &str) -> Result<Vec<Located>, KbError> {
    /// The object form: `{"entity": [...]}`, or `{"entities": [...]}` as `factionlens kb --format json`
    /// writes it (its `as_of` and any other key are ignored).
    #[derive(Deserialize)]
    struct Doc {
        #[serde(alias = "entities")]
        entity: Vec<EntityRecord>,
    }
    // The shape is decided by the first character, not by an untagged enum of the shapes: serde would
    // buffer the document and try each shape in turn, which instantiates every record visitor once
    // more (tens of KB of .wasm) and reports "did not match any variant" instead of the bad field.
    let json = text.strip_prefix('\u{feff}').unwrap_or(text);
    let body = json.trim_start();
    let recs = if body.starts_with('[') {
        serde_json::from_str::<Vec<EntityRecord>>(json)
    } else if body.starts_with('{') {
        serde_json::from_str::<Doc>(json).map(|d| d.entity)
    } else {
        return Err(KbError::new(
            origin,
            "expected an array of entities or {\"entity\": [...]}",
        )
        .at_line(line_of(text, text.len() - body.len())));
    }
    .map_err(|e| json_error(origin, e))?;
    // serde_json keeps no spans: find each record's line by its id, in order.
    let mut from = 0;
    Ok(recs
        .into_iter()
        .map(|record| {
            let needle = serde_json::to_string(&record.id).unwrap_or_default();
            let line = match text[from..].find(&needle) {
                Some(p) => {
                    from += p + needle.len();
                    line_of(text, from)
                }
                None => 0,
            };
            Located { record, line }
        })
        .collect())
}

fn json_error(origin: &str, e: serde_json::Error) -> KbError {
    let msg = e.to_string();
    // serde_json appends " at line L column C"; keep the message and put the line in its field.
    let msg = msg.split(" at line ").next().unwrap_or(&msg).to_string();
    KbError::new(origin, msg).at_line(e.line())
}

const CSV_REQUIRED: [&str; 4] = ["id", "name", "type", "aliases"];
const CSV_OPTIONAL: [&str; 10] = [
    "acronyms",
    "arabic",
    "persian",
    "wikidata",
    "opensanctions",
    "weak_aliases",
    "short_names",
    "defined_only",
    "description",
    "sources",
];

fn parse_csv(text: &str, origin: &str) -> Result<Vec<Located>, KbError> {
    let mut rdr = csv::ReaderBuilder::new()
        .flexible(false)
        .trim(csv::Trim::All)
        .from_reader(text.as_bytes());
    let headers = rdr
        .headers()
        .map_err(|e| KbError::new(origin, format!("cannot read the header: {e}")).at_line(1))?
        .clone();
    let cols: Vec<String> = headers
        .iter()
        .map(|h| h.trim().to_ascii_lowercase())
        .collect();
    for req in CSV_REQUIRED {
        if !cols.iter().any(|c| c == req) {
            return Err(KbError::new(
                origin,
                format!("the header must name the columns id,name,type,aliases (missing `{req}`); got `{}`", cols.join(",")),
            )
            .at_line(1)
            .in_field(req));
        }
    }
    for c in &cols {
        if !CSV_REQUIRED.contains(&c.as_str()) && !CSV_OPTIONAL.contains(&c.as_str()) {
            return Err(KbError::new(
                origin,
                format!(
                    "unknown column `{c}` (known: {}, {})",
                    CSV_REQUIRED.join(","),
                    CSV_OPTIONAL.join(",")
                ),
            )
            .at_line(1)
            .in_field(c));
        }
    }
    let mut out = Vec::new();
    for row in rdr.records() {
        let row = row.map_err(|e| {
            let line = e.position().map_or(0, |p| p.line() as usize);
            KbError::new(origin, format!("bad CSV row: {e}")).at_line(line)
        })?;
        let line = row.position().map_or(0, |p| p.line() as usize);
        if row.iter().all(|f| f.is_empty()) {
            continue;
        }
        let get = |name: &str| {
            cols.iter()
                .position(|c| c == name)
                .and_then(|i| row.get(i))
                .unwrap_or("")
        };
        let list = |name: &str| -> Vec<String> {
            get(name)
                .split('|')
                .map(str::trim)
                .filter(|s| !s.is_empty())
                .map(String::from)
                .collect()
        };
        let id = get("id").to_string();
        let kind = EntityType::parse(get("type")).ok_or_else(|| {
            KbError::new(
                origin,
                format!(
                    "unknown type `{}` (expected one of {})",
                    get("type"),
                    type_names()
                ),
            )
            .at_line(line)
            .for_entity(&id)
            .in_field("type")
        })?;
        let mut r = EntityRecord::new(&id, get("name"), kind);
        r.aliases = list("aliases");
        r.acronyms = list("acronyms");
        r.arabic = list("arabic");
        r.persian = list("persian").into();
        r.wikidata = Some(get("wikidata").to_string()).filter(|q| !q.is_empty());
        r.opensanctions = Some(get("opensanctions").to_string()).filter(|q| !q.is_empty());
        r.weak_aliases = list("weak_aliases").into();
        r.short_names = list("short_names").into();
        r.defined_only = list("defined_only").into();
        r.description = get("description").to_string();
        r.sources = list("sources");
        out.push(Located { record: r, line });
    }
    Ok(out)
}

fn type_names() -> String {
    EntityType::ALL
        .iter()
        .map(|t| t.as_str())
        .collect::<Vec<_>>()
        .join(", ")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn none(_: &str) -> bool {
        false
    }

    #[test]
    fn json_both_shapes_and_line_of_bad_record() {
        let a = r#"[{"id":"x","name":"X","type":"person"}]"#;
        assert_eq!(
            parse_dictionary(a, Format::Json, "a.json", &none)
                .unwrap()
                .len(),
            1
        );
        let b = "{\"entity\": [\n{\"id\":\"x\",\"name\":\"X\",\"type\":\"person\"},\n{\"id\":\"Bad Id\",\"name\":\"Y\",\"type\":\"person\"}\n]}";
        let err = parse_dictionary(b, Format::Json, "b.json", &none).unwrap_err();
        assert_eq!((err.line, err.field.as_deref()), (Some(3), Some("id")));
        let c = "[{\"id\":\"x\",\"name\":\"X\",\"type\":\"person\"";
        let err = parse_dictionary(c, Format::Json, "c.json", &none).unwrap_err();
        assert_eq!(err.line, Some(1));
    }

    #[test]
    fn json_shapes_are_told_apart_by_their_first_character() {
        // `factionlens kb --format json` output: an object with `as_of` and `entities`; a BOM in front.
        let d = "\u{feff}{\"as_of\": \"2026-01-01\",\n \"entities\": [{\"id\":\"x\",\"name\":\"X\",\"type\":\"person\"}]}";
        let recs = parse_dictionary(d, Format::Json, "d.json", &none).unwrap();
        assert_eq!(recs[0].id, "x");
        // A bad field is named with its line, not "did not match any variant of untagged enum".
        let e = "{\"entity\": [\n{\"id\":\"x\",\"name\":\"X\",\n\"type\":\"militia\"}]}";
        let err = parse_dictionary(e, Format::Json, "e.json", &none).unwrap_err();
        assert!(err.message.contains("militia"), "{}", err.message);
        assert_eq!(err.line, Some(3));
        let err = parse_dictionary("\n \"x\"", Format::Json, "f.json", &none).unwrap_err();
        assert!(err.message.starts_with("expected an array of entities"));
        assert_eq!(err.line, Some(2));
    }

    #[test]
    fn csv_errors() {
        let err = parse_dictionary("id,name,kind\nx,X,person\n", Format::Csv, "a.csv", &none)
            .unwrap_err();
        assert_eq!((err.line, err.field.as_deref()), (Some(1), Some("type")));
        let err = parse_dictionary("id,name,type,aliases,colour\n", Format::Csv, "a.csv", &none)
            .unwrap_err();
        assert_eq!(err.field.as_deref(), Some("colour"));
        let err = parse_dictionary(
            "id,name,type,aliases\nx,X,person,\nx,Y,person,\n",
            Format::Csv,
            "a.csv",
            &none,
        )
        .unwrap_err();
        assert_eq!(
            (err.line, err.message.starts_with("duplicate id")),
            (Some(3), true)
        );
        let err = parse_dictionary(
            "id,name,type,aliases\nx,X,person\n",
            Format::Csv,
            "a.csv",
            &none,
        )
        .unwrap_err();
        assert_eq!(err.line, Some(2));
    }

    #[test]
    fn ftm_lines() {
        let text = concat!(
            r#"{"id":"NK-abc","schema":"Organization","properties":{"name":["Kataib Hizballah"],"alias":["Hezbollah Brigades","كتائب حزب الله"],"weakAlias":["KH"],"topics":["crime.terror","sanction"]}}"#,
            "\n",
            r#"{"id":"addr-1","schema":"Address","properties":{"full":["Baghdad"]}}"#,
            "\n",
            r#"{"id":"p1","schema":"Person","properties":{"name":["Abu Test"]}}"#,
            "\n"
        );
        let recs = parse_dictionary(text, Format::Ftm, "x.jsonl", &none).unwrap();
        assert_eq!(recs.len(), 2);
        assert_eq!(recs[0].id, "NK-abc");
        assert_eq!(recs[0].kind, EntityType::ArmedGroup);
        assert_eq!(recs[0].arabic, vec!["كتائب حزب الله"]);
        assert_eq!(recs[0].defined_only, vec!["KH"]);
        let err = parse_dictionary("{\"id\":1}\n{oops", Format::Ftm, "x.jsonl", &none).unwrap_err();
        assert_eq!(err.line, Some(1));
        let err = parse_dictionary(
            &format!("{}\n{{oops", &text.lines().next().unwrap()),
            Format::Ftm,
            "x.jsonl",
            &none,
        )
        .unwrap_err();
        assert_eq!(err.line, Some(2));
    }

    #[test]
    fn identifiers_in_csv_and_ftm() {
        let csv = "id,name,type,aliases,wikidata,persian\nx,X,person,,Q42,سپاه\ny,Y,person,,,\n";
        let recs = parse_dictionary(csv, Format::Csv, "a.csv", &none).unwrap();
        assert_eq!(recs[0].wikidata.as_deref(), Some("Q42"));
        assert_eq!(recs[0].persian, vec!["سپاه"]);
        assert_eq!(recs[1].wikidata, None);
        let bad = "id,name,type,aliases,wikidata\nx,X,person,,42\n";
        let err = parse_dictionary(bad, Format::Csv, "a.csv", &none).unwrap_err();
        assert_eq!(
            (err.line, err.field.as_deref()),
            (Some(2), Some("wikidata"))
        );
        let ftm = concat!(
            r#"{"id":"a","schema":"Person","properties":{"name":["A"],"wikidataId":["Q5669353"]}}"#,
            "\n",
            r#"{"id":"b","schema":"Person","properties":{"name":["B"],"wikidataId":["not-a-qid"]}}"#,
            "\n"
        );
        let recs = parse_dictionary(ftm, Format::Ftm, "x.jsonl", &none).unwrap();
        assert_eq!(recs[0].wikidata.as_deref(), Some("Q5669353"));
        assert_eq!(recs[1].wikidata, None);
    }

    #[test]
    fn format_names() {
        assert_eq!("CSV".parse::<Format>().unwrap(), Format::Csv);
        assert!("xml".parse::<Format>().is_err());
        assert_eq!(Format::from_path("a/b.JSONL"), Some(Format::Ftm));
        assert_eq!(Format::from_path("entities.ftm.json"), Some(Format::Ftm));
        assert_eq!(Format::from_path("targets.nested.json"), Some(Format::Ftm));
        assert_eq!(Format::from_path("kb.json"), Some(Format::Json));
    }

    #[test]
    fn format_detection_by_extension_then_content() {
        let ftm = "{\"schema\":\"Organization\",\"id\":\"1\",\"properties\":{}}\n{\"schema\": \"Person\",\"id\":\"2\",\"properties\":{}}";
        let cases = [
            ("a.csv", "", Format::Csv),
            ("a.jsonl", "", Format::Ftm),
            ("a.toml", "", Format::Toml),
            ("A.JSON", "[{\"id\":\"x\"}]", Format::Json),
            ("a.json", ftm, Format::Ftm),
            ("x", "{\"entity\": []}", Format::Json),
            ("x", " [ {\"id\":\"x\"}]", Format::Json),
            ("x", ftm, Format::Ftm),
            ("x", "\u{feff}[[entity]]\nid = \"a\"", Format::Toml),
            ("x", "id,name,type,aliases", Format::Csv),
            ("notes.txt", "id,name,type\nx,X = Y,person", Format::Csv),
        ];
        for (name, text, want) in cases {
            assert_eq!(Format::detect(name, text).unwrap(), want, "{name}: {text}");
        }
        let err = Format::detect("list.TSV", "id\tname\ttype").unwrap_err();
        assert!(err.to_string().contains("`tsv`"), "{err}");
    }
}

//! One scanned document as JSON (`scan --format json|jsonl`, `scan --input jsonl`), serialized straight
//! from borrowed views of the mentions and entity counts.
//!
//! Why it exists: the CLI used to build a `serde_json::Value` per document (`json!({"mentions": …})`):
//! a map with owned keys per mention, every string copied again, then printed — most of the time of a
//! big scan's output. These views serialize the same fields in the same order a `Value` prints them
//! (its map sorts keys: serde_json's `preserve_order` feature is off), so the bytes are unchanged; the
//! tests compare the two on real scans.

use factionlens::{EntityCount, EntityType, Mention, MentionRef, Rule};
use serde::Serialize;

/// A mention's fields in the order a `Value` prints them (sorted by key).
#[derive(Serialize)]
struct MentionOut<'a> {
    alias: &'a str,
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    ambiguous: bool,
    byte_end: usize,
    byte_start: usize,
    #[serde(skip_serializing_if = "<[String]>::is_empty")]
    candidates: &'a [String],
    end: usize,
    entity: &'a str,
    rule: Rule,
    start: usize,
    text: &'a str,
    #[serde(rename = "type")]
    kind: EntityType,
}

impl<'a> From<&'a Mention> for MentionOut<'a> {
    fn from(m: &'a Mention) -> MentionOut<'a> {
        MentionOut {
            alias: &m.alias,
            ambiguous: m.ambiguous,
            byte_end: m.byte_end,
            byte_start: m.byte_start,
            candidates: &m.candidates,
            end: m.end,
            entity: &m.entity,
            rule: m.rule,
            start: m.start,
            text: &m.text,
            kind: m.kind,
        }
    }
}

/// An entity count's fields, sorted by key.
#[derive(Serialize)]
struct EntityOut<'a> {
    count: usize,
    id: &'a str,
    name: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    opensanctions: Option<&'a str>,
    #[serde(rename = "type")]
    kind: EntityType,
    #[serde(skip_serializing_if = "Option::is_none")]
    wikidata: Option<&'a str>,
}

/// A slice serialized as a JSON array of views.
struct Seq<'a, T, V>(&'a [T], fn(&'a T) -> V);

impl<'a, T, V: Serialize> Serialize for Seq<'a, T, V> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_seq(self.0.iter().map(self.1))
    }
}

/// Where a document came from: a file (`"file"`), or an article of a JSON-lines stream (`"id"`); both
/// sort between `entities` and `mentions`.
pub enum Origin<'a> {
    /// One document, no origin field (`scan --format json` of one file).
    None,
    File(&'a str),
    Id(&'a serde_json::Value),
}

#[derive(Serialize)]
struct DocOut<'a> {
    entities: Seq<'a, EntityCount, EntityOut<'a>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    file: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    id: Option<&'a serde_json::Value>,
    mentions: Seq<'a, Mention, MentionOut<'a>>,
}

fn doc<'a>(mentions: &'a [Mention], entities: &'a [EntityCount], origin: Origin<'a>) -> DocOut<'a> {
    let entity = |e: &'a EntityCount| EntityOut {
        count: e.count,
        id: &e.id,
        name: &e.name,
        opensanctions: e.opensanctions.as_deref(),
        kind: e.kind,
        wikidata: e.wikidata.as_deref(),
    };
    DocOut {
        entities: Seq(entities, entity),
        file: match origin {
            Origin::File(f) => Some(f),
            _ => None,
        },
        // An article always carries its id, `null` included (the stream's lines may have none).
        id: match origin {
            Origin::Id(v) => Some(v),
            _ => None,
        },
        mentions: Seq(mentions, MentionOut::from),
    }
}

/// Appends the document as one JSON line (with its line break) to `out`: what
/// `format!("{}\n", json!({"mentions": mentions, "entities": entities, …}))` printed. Written by hand
/// into `out` (the fields in the views' order, strings escaped as serde_json escapes them): serde's
/// calls per field and per string were most of the output's time in a big scan (bench/NOTES.md, "The
/// CLI's batch path"); the tests compare the bytes with the `Value`'s.
pub fn json_line(
    out: &mut Vec<u8>,
    mentions: &[MentionRef<'_>],
    entities: &[EntityCount],
    origin: Origin<'_>,
) {
    out.extend_from_slice(b"{\"entities\":[");
    for (i, e) in entities.iter().enumerate() {
        if i > 0 {
            out.push(b',');
        }
        num_field(out, b"{\"count\":", e.count);
        str_field(out, b",\"id\":", &e.id);
        str_field(out, b",\"name\":", &e.name);
        if let Some(o) = &e.opensanctions {
            str_field(out, b",\"opensanctions\":", o);
        }
        str_field(out, b",\"type\":", e.kind.as_str());
        if let Some(w) = &e.wikidata {
            str_field(out, b",\"wikidata\":", w);
        }
        out.push(b'}');
    }
    out.push(b']');
    match origin {
        Origin::None => {}
        Origin::File(f) => {
            str_field(out, b",\"file\":", f);
        }
        Origin::Id(v) => {
            out.extend_from_slice(b",\"id\":");
            serde_json::to_writer(&mut *out, v).expect("serializing to memory does not fail");
        }
    }
    out.extend_from_slice(b",\"mentions\":[");
    let rules = rule_names();
    for (i, m) in mentions.iter().enumerate() {
        if i > 0 {
            out.push(b',');
        }
        str_field(out, b"{\"alias\":", m.alias);
        if m.ambiguous {
            out.extend_from_slice(b",\"ambiguous\":true");
        }
        num_field(out, b",\"byte_end\":", m.byte_end);
        num_field(out, b",\"byte_start\":", m.byte_start);
        if !m.candidates.is_empty() {
            out.extend_from_slice(b",\"candidates\":[");
            for (k, c) in m.candidates.iter().enumerate() {
                if k > 0 {
                    out.push(b',');
                }
                string(out, c);
            }
            out.push(b']');
        }
        num_field(out, b",\"end\":", m.end);
        str_field(out, b",\"entity\":", m.entity);
        out.extend_from_slice(b",\"rule\":");
        out.extend_from_slice(rules[m.rule.code() as usize].as_bytes());
        num_field(out, b",\"start\":", m.start);
        str_field(out, b",\"text\":", m.text);
        str_field(out, b",\"type\":", m.kind.as_str());
        out.push(b'}');
    }
    out.extend_from_slice(b"]}\n");
}

/// Each rule's JSON string (quoted), by [`Rule::code`]: as serde names it, asked once.
fn rule_names() -> &'static [String] {
    static NAMES: std::sync::OnceLock<Vec<String>> = std::sync::OnceLock::new();
    NAMES.get_or_init(|| {
        Rule::ALL
            .iter()
            .map(|r| serde_json::to_string(r).expect("a rule serializes"))
            .collect()
    })
}

/// Appends a field: its name as given whole (`,"name":`, or `{"name":` opening an object) and
/// the string `s`.
// Inlined: called, they cost the line 5 % more instructions (callgrind).
#[inline(always)]
fn str_field(out: &mut Vec<u8>, name: &[u8], s: &str) {
    out.extend_from_slice(name);
    string(out, s);
}

/// Appends a field: its name as given whole (`,"name":`, or `{"name":` opening an object) and
/// the number `n`.
#[inline(always)]
fn num_field(out: &mut Vec<u8>, name: &[u8], n: usize) {
    out.extend_from_slice(name);
    number(out, n);
}

/// Appends `n` in decimal.
fn number(out: &mut Vec<u8>, n: usize) {
    out.extend_from_slice(itoa::Buffer::new().format(n).as_bytes());
}

/// Which bytes a JSON string escapes: `"` and `\\`, and the control characters below 0x20.
const ESCAPED: [bool; 256] = {
    let mut t = [false; 256];
    let mut c = 0;
    while c < 0x20 {
        t[c] = true;
        c += 1;
    }
    t[b'"' as usize] = true;
    t[b'\\' as usize] = true;
    t
};

/// Appends `s` as a JSON string, escaped as serde_json escapes it: `"` and `\\`, the control
/// characters `\b \t \n \f \r` by letter and the others as `\u00xx`; everything else as it is.
fn string(out: &mut Vec<u8>, s: &str) {
    out.push(b'"');
    let b = s.as_bytes();
    let mut start = 0;
    // Most strings (ids, names, the mentioned text) have nothing to escape: one table look-up a byte.
    while let Some(n) = b[start..].iter().position(|&c| ESCAPED[c as usize]) {
        let i = start + n;
        let c = b[i];
        out.extend_from_slice(&b[start..i]);
        start = i + 1;
        let esc: &[u8] = match c {
            b'"' => b"\\\"",
            b'\\' => b"\\\\",
            0x08 => b"\\b",
            0x09 => b"\\t",
            0x0a => b"\\n",
            0x0c => b"\\f",
            0x0d => b"\\r",
            _ => {
                const HEX: &[u8; 16] = b"0123456789abcdef";
                out.extend_from_slice(b"\\u00");
                out.push(HEX[(c >> 4) as usize]);
                out.push(HEX[(c & 15) as usize]);
                continue;
            }
        };
        out.extend_from_slice(esc);
    }
    out.extend_from_slice(&b[start..]);
    out.push(b'"');
}

/// The document pretty-printed, without a trailing line break: what `serde_json::to_string_pretty` of
/// the same `json!` value printed.
pub fn json_pretty(mentions: &[Mention], entities: &[EntityCount], origin: Origin<'_>) -> String {
    serde_json::to_string_pretty(&doc(mentions, entities, origin))
        .expect("serializing to memory does not fail")
}

#[cfg(test)]
mod tests {
    use super::*;
    use factionlens::Lens;
    use serde_json::json;

    /// Texts with every kind of mention field: ambiguous ones with candidates, Arabic, quotes and
    /// control characters in the text, entities with and without Wikidata ids.
    fn texts() -> Vec<String> {
        let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures");
        let mut files: Vec<_> = std::fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().path())
            .filter(|p| p.extension().is_some_and(|x| x == "txt"))
            .collect();
        files.sort();
        let mut out: Vec<String> = files
            .iter()
            .map(|p| std::fs::read_to_string(p).unwrap())
            .collect();
        out.push(String::new());
        out.push(
            "\"Kataib Hezbollah\"\t\u{1}\u{7f} \\ and the Badr Organization; Sadr, Sadr.".into(),
        );
        out.push("كتائب «حزب الله» و الحشد الشعبي. Hezbollah and Hezbollah, PMF (PMF)".into());
        out
    }

    #[test]
    fn the_views_print_what_the_json_values_printed() {
        let lens = Lens::builtin();
        let ids = [json!(null), json!("a\"1"), json!(7), json!(1.5)];
        let mut checked = 0;
        for (i, text) in texts().iter().enumerate() {
            let mentions = lens.scan(text);
            let entities = lens.summarize(&mentions);
            checked += mentions.len();
            let v = json!({"mentions": mentions, "entities": entities});
            assert_eq!(
                json_pretty(&mentions, &entities, Origin::None),
                serde_json::to_string_pretty(&v).unwrap()
            );
            let mut with_file = v.clone();
            with_file["file"] = "dir/a \"b\".txt".into();
            let views: Vec<MentionRef> = mentions.iter().map(Mention::view).collect();
            assert_eq!(views, lens.scan_refs(text));
            let mut line = Vec::new();
            json_line(
                &mut line,
                &views,
                &entities,
                Origin::File("dir/a \"b\".txt"),
            );
            assert_eq!(String::from_utf8(line).unwrap(), format!("{with_file}\n"));
            assert_eq!(
                json_pretty(&mentions, &entities, Origin::File("dir/a \"b\".txt")),
                serde_json::to_string_pretty(&with_file).unwrap()
            );
            let id = &ids[i % ids.len()];
            let article = json!({"id": id, "mentions": mentions, "entities": entities});
            let mut line = Vec::new();
            json_line(&mut line, &views, &entities, Origin::Id(id));
            assert_eq!(String::from_utf8(line).unwrap(), format!("{article}\n"));
        }
        // The fixtures exercise the optional fields, so the comparison above covers them.
        assert!(checked > 100);
    }

    proptest::proptest! {
        /// Any strings (control characters, quotes, backslashes, any script), offsets and optional
        /// fields: the views print what the `Value` printed.
        #[test]
        fn any_fields_print_as_the_values_did(
            strings in proptest::collection::vec("\\PC{0,12}|[\\x00-\\x1f\"\\\\]{0,4}", 6),
            numbers in proptest::collection::vec(0usize..usize::MAX, 5),
            ambiguous: bool,
            candidates in proptest::collection::vec("\\PC{0,6}", 0..3),
            rule in 0usize..8,
            kind in 0usize..7,
            ids in proptest::option::of("\\PC{0,8}"),
        ) {
            let m = Mention {
                entity: strings[0].clone(),
                kind: EntityType::ALL[kind],
                text: strings[1].clone(),
                start: numbers[0],
                end: numbers[1],
                byte_start: numbers[2],
                byte_end: numbers[3],
                alias: strings[2].clone(),
                rule: Rule::ALL[rule],
                ambiguous,
                candidates,
            };
            let e = EntityCount {
                id: strings[3].clone(),
                name: strings[4].clone(),
                kind: EntityType::ALL[kind],
                count: numbers[4],
                wikidata: ids.clone(),
                opensanctions: ids.map(|i| i + "x"),
            };
            let (ms, es) = (std::slice::from_ref(&m), std::slice::from_ref(&e));
            let file = strings[5].as_str();
            let v = json!({"mentions": ms, "entities": es, "file": file});
            let mut line = Vec::new();
            json_line(&mut line, &[m.view()], es, Origin::File(file));
            proptest::prop_assert_eq!(String::from_utf8(line).unwrap(), format!("{v}\n"));
            proptest::prop_assert_eq!(
                json_pretty(ms, es, Origin::File(file)),
                serde_json::to_string_pretty(&v).unwrap()
            );
        }
    }

    #[test]
    fn optional_fields_print_as_the_values_did() {
        // Every optional field set and unset, on hand-made mentions (the scans may lack some).
        let lens = Lens::builtin();
        let text = "Kataib Hezbollah";
        let mut m = lens.scan(text).remove(0);
        let mut entities = lens.summarize(std::slice::from_ref(&m));
        for (ambiguous, candidates, wikidata, opensanctions) in [
            (false, vec![], None, None),
            (
                true,
                vec!["a".to_string(), "b\n".to_string()],
                Some("Q1".to_string()),
                Some("NK-x".to_string()),
            ),
        ] {
            m.ambiguous = ambiguous;
            m.candidates = candidates;
            entities[0].wikidata = wikidata;
            entities[0].opensanctions = opensanctions;
            let ms = std::slice::from_ref(&m);
            let v = json!({"mentions": ms, "entities": entities});
            let mut line = Vec::new();
            json_line(&mut line, &[m.view()], &entities, Origin::None);
            assert_eq!(String::from_utf8(line).unwrap(), format!("{v}\n"));
        }
    }
}

//! The built-in KB's JSON with its source URLs written once.
//!
//! Why it exists: the built-in KB travels in the `.wasm` as JSON for the cards (decoded on the first
//! card, [`super::KnowledgeBase::builtin`]), and 2,078 of its strings are source URLs, 972 distinct
//! ones: 212 KB of its 453 KB. `build.rs` writes the JSON [`pack`]ed: every string value that starts
//! with `http`, as written in the JSON (escapes and all), moves to one sorted table, and the value
//! becomes its index. [`unpack`] restores the exact JSON text before serde reads it. Measured on the
//! 2026-12-03 KB: 453,607 → 365 KB raw, 111.4 → 103.1 KB gzip.
//!
//! The packed form: the table's URLs separated by `\n`, then `\0`, then the JSON with each interned
//! value (quotes included) replaced by `\u{1}`, the index in decimal, `\u{2}`. JSON text never holds
//! these control characters or a raw line break inside a string (they are escaped), so they cannot clash.

use std::collections::BTreeSet;

const START: char = '\u{1}';
const END: char = '\u{2}';
const BODY: char = '\0';

/// The JSON strings of `json` (compact, as serde_json writes it), as `(start, end)` byte ranges with
/// their quotes, and whether each is an object key.
fn strings(json: &str) -> Vec<(usize, usize, bool)> {
    let b = json.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < b.len() {
        if b[i] != b'"' {
            i += 1;
            continue;
        }
        let start = i;
        i += 1;
        while b[i] != b'"' {
            i += if b[i] == b'\\' { 2 } else { 1 };
        }
        i += 1;
        out.push((start, i, b.get(i) == Some(&b':')));
    }
    out
}

/// Whether the JSON string `quoted` (with its quotes) is interned: a value that starts with `http`.
fn interned(quoted: &str, key: bool) -> bool {
    !key && quoted[1..].starts_with("http")
}

/// The packed form of compact JSON text (see the module's documentation).
#[allow(dead_code)] // by build.rs and the tests
pub(crate) fn pack(json: &str) -> String {
    let strings = strings(json);
    let table: Vec<&str> = strings
        .iter()
        .filter(|&&(s, e, key)| interned(&json[s..e], key))
        .map(|&(s, e, _)| &json[s + 1..e - 1])
        .collect::<BTreeSet<&str>>()
        .into_iter()
        .collect();
    let mut out = table.join("\n");
    out.push(BODY);
    let mut at = 0;
    for (s, e, key) in strings {
        if interned(&json[s..e], key) {
            let i = table
                .binary_search(&&json[s + 1..e - 1])
                .expect("in the table");
            out.push_str(&json[at..s]);
            out.push(START);
            out.push_str(&i.to_string());
            out.push(END);
            at = e;
        }
    }
    out.push_str(&json[at..]);
    out
}

/// The JSON text that [`pack`] packed.
///
/// # Panics
///
/// If `packed` is not [`pack`]'s output (the built-in KB's is, by construction in `build.rs`).
pub(crate) fn unpack(packed: &str) -> String {
    let (table, body) = packed.split_once(BODY).expect("a packed KB");
    let table: Vec<&str> = table.split('\n').collect();
    let mut out = String::with_capacity(body.len() + table.iter().map(|u| u.len()).sum::<usize>());
    let mut rest = body;
    while let Some(s) = rest.find(START) {
        out.push_str(&rest[..s]);
        let e = s + rest[s..].find(END).expect("an index's end");
        let i: usize = rest[s + 1..e].parse().expect("an index");
        out.push('"');
        out.push_str(table[i]);
        out.push('"');
        rest = &rest[e + 1..];
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_escapes_and_repeats_round_trip() {
        // A key that starts with `http` stays; escaped quotes and backslashes inside values are kept;
        // the same URL twice is stored once.
        let json = r#"{"http":"https://x.org/a\"b\\","s":["https://x.org/a\"b\\","httpd","a\"http"],"n":1}"#;
        let packed = pack(json);
        assert_eq!(
            packed,
            "httpd\nhttps://x.org/a\\\"b\\\\\0{\"http\":\u{1}1\u{2},\"s\":[\u{1}1\u{2},\u{1}0\u{2},\"a\\\"http\"],\"n\":1}"
        );
        assert_eq!(unpack(&packed), json);
    }

    #[test]
    fn nothing_to_intern() {
        let json = r#"[{"id":"a","sources":["000.txt"]}]"#;
        assert_eq!(pack(json), format!("\0{json}"));
        assert_eq!(unpack(&pack(json)), json);
    }
}

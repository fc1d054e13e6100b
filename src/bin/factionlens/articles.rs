//! Article streams for pipelines: `factionlens scan --input jsonl`, and the batch engine
//! ([`par_map_ordered`]) that `factionlens scan` over many files shares with it.
//!
//! A data desk's archive is millions of articles as JSON lines (`{"id": …, "text": …}`), not files.
//! This module reads such a stream from files or standard input, scans it on every core, and writes one
//! JSON line per article, carrying its id, in input order. Memory is bounded by one batch (a few MB of
//! text, or the largest article), not by the stream. A bad line is reported with its file and line
//! number, on standard error and as an `error` line in the output, and the stream goes on.

use crate::output::Origin;
use factionlens::{Lens, ScanOptions};
use serde_json::{json, Value};
use std::io::{BufRead, Write};

/// Text gathered before a batch is scanned: large enough to keep every core busy, small enough that
/// memory follows the batch, not the archive.
pub const BATCH_BYTES: usize = 8 << 20;
/// Articles gathered before a batch is scanned, however short they are.
pub const BATCH_ARTICLES: usize = 4096;

/// Why one input line is not an article.
#[derive(Debug, PartialEq, Eq)]
pub enum LineError {
    /// Not valid JSON.
    NotJson(String),
    /// JSON, but not an object.
    NotObject,
    /// No `text` field, or not a string.
    Text,
    /// An `id` that is neither a string nor a number.
    Id,
    /// Not UTF-8.
    NotUtf8,
}

impl std::fmt::Display for LineError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            LineError::NotJson(e) => write!(f, "not JSON: {e}"),
            LineError::NotObject => f.write_str("expected a JSON object {\"id\": …, \"text\": …}"),
            LineError::Text => f.write_str("field `text`: missing or not a string"),
            LineError::Id => f.write_str("field `id`: must be a string or a number"),
            LineError::NotUtf8 => f.write_str("not UTF-8"),
        }
    }
}

/// One article of the stream.
#[derive(Debug, PartialEq)]
pub struct Article {
    /// The article's id as given (a string or a number); `null` when the line has none.
    pub id: Value,
    /// The article's text.
    pub text: String,
}

/// Reads one line of the stream.
pub fn parse_line(line: &str) -> Result<Article, LineError> {
    let v: Value = serde_json::from_str(line).map_err(|e| LineError::NotJson(e.to_string()))?;
    let Value::Object(mut o) = v else {
        return Err(LineError::NotObject);
    };
    let id = match o.remove("id") {
        None | Some(Value::Null) => Value::Null,
        Some(v @ (Value::String(_) | Value::Number(_))) => v,
        Some(_) => return Err(LineError::Id),
    };
    match o.remove("text") {
        Some(Value::String(text)) => Ok(Article { id, text }),
        _ => Err(LineError::Text),
    }
}

/// What a line of input became: an article to scan, or an error line to write in its place.
enum Item {
    Article(Article),
    Error(Value),
}

/// Scans every article of `inputs` (paths, `-` for standard input) and writes one JSON line per input
/// line to `out`. Returns whether any line or input was bad (the caller's exit code).
pub fn run(
    lens: &Lens,
    opts: &ScanOptions,
    inputs: &[String],
    threads: usize,
    out: &mut impl Write,
) -> std::io::Result<bool> {
    let mut failed = false;
    for path in inputs {
        let reader: Box<dyn BufRead> = if path == "-" {
            Box::new(std::io::stdin().lock())
        } else {
            match std::fs::File::open(path) {
                Ok(f) => Box::new(std::io::BufReader::with_capacity(1 << 20, f)),
                Err(e) => {
                    eprintln!("factionlens: {path}: {e}");
                    writeln!(out, "{}", json!({"file": path, "error": e.to_string()}))?;
                    failed = true;
                    continue;
                }
            }
        };
        failed |= run_one(lens, opts, path, reader, threads, out)?;
    }
    out.flush()?;
    Ok(failed)
}

fn run_one(
    lens: &Lens,
    opts: &ScanOptions,
    path: &str,
    mut reader: Box<dyn BufRead + '_>,
    threads: usize,
    out: &mut impl Write,
) -> std::io::Result<bool> {
    let name = if path == "-" { "<stdin>" } else { path };
    let mut failed = false;
    let mut batch: Vec<Item> = Vec::new();
    let mut bytes = 0;
    let mut buf = Vec::new();
    let mut line_no = 0usize;
    loop {
        buf.clear();
        let n = reader.read_until(b'\n', &mut buf)?;
        if n > 0 {
            line_no += 1;
            let item = match std::str::from_utf8(&buf) {
                Err(_) => Err(LineError::NotUtf8),
                Ok(s) if s.trim().is_empty() => continue,
                Ok(s) => parse_line(s.trim_end_matches(['\n', '\r'])),
            };
            match item {
                Ok(a) => {
                    bytes += a.text.len();
                    batch.push(Item::Article(a));
                }
                Err(e) => {
                    eprintln!("factionlens: {name}:{line_no}: {e}");
                    failed = true;
                    batch.push(Item::Error(
                        json!({"file": name, "line": line_no, "error": e.to_string()}),
                    ));
                }
            }
        }
        if n == 0 || bytes >= BATCH_BYTES || batch.len() >= BATCH_ARTICLES {
            for line in scan_batch(lens, opts, &batch, threads) {
                out.write_all(&line)?;
            }
            batch.clear();
            bytes = 0;
        }
        if n == 0 {
            return Ok(failed);
        }
    }
}

/// Scans a batch on up to `threads` threads; the output lines (with their line breaks) come back in
/// input order.
fn scan_batch(lens: &Lens, opts: &ScanOptions, batch: &[Item], threads: usize) -> Vec<Vec<u8>> {
    par_map_ordered(batch, threads, weight, |item| match item {
        Item::Error(v) => format!("{v}\n").into_bytes(),
        Item::Article(a) => {
            let mentions = lens.scan_refs_with(&a.text, opts);
            let entities = lens.summarize_refs(&mentions);
            let mut line = Vec::with_capacity(mentions.len() * 200 + 256);
            crate::output::json_line(&mut line, &mentions, &entities, Origin::Id(&a.id));
            line
        }
    })
}

/// Maps `f` over `items` on up to `threads` threads and returns the results in input order: the batch
/// engine of `--input jsonl` and of `scan` over many files. Each thread takes the next item not taken
/// yet, heaviest `weight` (bytes of text) first, until none is left: a thread that drew short or sparse
/// texts takes more of them, and one long article is started early instead of last, so no thread waits
/// long for the others at the end of a batch (contiguous chunks of equal bytes did: text with more
/// mentions takes longer per byte).
pub fn par_map_ordered<T: Sync, R: Send>(
    items: &[T],
    threads: usize,
    weight: impl Fn(&T) -> usize,
    f: impl Fn(&T) -> R + Sync,
) -> Vec<R> {
    use std::sync::atomic::{AtomicUsize, Ordering};
    let threads = threads.clamp(1, items.len().max(1));
    if threads == 1 {
        return items.iter().map(f).collect();
    }
    let mut order: Vec<usize> = (0..items.len()).collect();
    // Stable: equal weights keep the input order.
    order.sort_by_key(|&i| std::cmp::Reverse(weight(&items[i])));
    let next = AtomicUsize::new(0);
    let (f, order, next) = (&f, &order, &next);
    let done: Vec<Vec<(usize, R)>> = std::thread::scope(|s| {
        let handles: Vec<_> = (0..threads)
            .map(|_| {
                s.spawn(move || {
                    let mut out = Vec::new();
                    while let Some(&i) = order.get(next.fetch_add(1, Ordering::Relaxed)) {
                        out.push((i, f(&items[i])));
                    }
                    out
                })
            })
            .collect();
        handles
            .into_iter()
            .map(|h| h.join().expect("a scan thread panicked"))
            .collect()
    });
    let mut slots: Vec<Option<R>> = std::iter::repeat_with(|| None).take(items.len()).collect();
    for (i, r) in done.into_iter().flatten() {
        slots[i] = Some(r);
    }
    slots
        .into_iter()
        .map(|r| r.expect("every item was taken by one thread"))
        .collect()
}

fn weight(item: &Item) -> usize {
    match item {
        Item::Article(a) => a.text.len() + 64,
        Item::Error(_) => 64,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn par_map_ordered_maps_every_item_once_in_input_order() {
        use std::sync::atomic::{AtomicUsize, Ordering};
        // Weights out of order, repeated, and zero: the threads take the heaviest first.
        let items: Vec<usize> = (0..97).map(|i| (i * 37) % 11).collect();
        for threads in [1, 2, 3, 8, 200] {
            let calls = AtomicUsize::new(0);
            let got = par_map_ordered(
                &items,
                threads,
                |&w| w,
                |&w| {
                    calls.fetch_add(1, Ordering::Relaxed);
                    format!("<{w}>")
                },
            );
            let want: Vec<String> = items.iter().map(|w| format!("<{w}>")).collect();
            assert_eq!(got, want, "{threads} threads");
            assert_eq!(calls.load(Ordering::Relaxed), items.len());
        }
        let none: Vec<u8> = par_map_ordered(&[] as &[u8], 4, |_| 1, |&b| b);
        assert!(none.is_empty());
    }

    #[test]
    fn lines_become_articles_or_say_what_is_wrong() {
        assert_eq!(
            parse_line(r#"{"id": "a1", "text": "KH", "date": "2024"}"#),
            Ok(Article {
                id: json!("a1"),
                text: "KH".into()
            })
        );
        assert_eq!(parse_line(r#"{"id": 7, "text": ""}"#).unwrap().id, json!(7));
        assert_eq!(parse_line(r#"{"text": "x"}"#).unwrap().id, Value::Null);
        assert_eq!(parse_line(r#"[1]"#), Err(LineError::NotObject));
        assert_eq!(parse_line(r#"{"id": 1}"#), Err(LineError::Text));
        assert_eq!(parse_line(r#"{"id": 1, "text": 3}"#), Err(LineError::Text));
        assert_eq!(
            parse_line(r#"{"id": [1], "text": "x"}"#),
            Err(LineError::Id)
        );
        assert!(matches!(parse_line("{nope"), Err(LineError::NotJson(_))));
    }

    #[test]
    fn batches_keep_input_order_on_any_thread_count() {
        let lens = Lens::builtin();
        let texts = [
            "Kataib Hezbollah",
            "nothing",
            "the PMF and Badr Organization",
            "",
        ];
        let batch: Vec<Item> = (0..50)
            .map(|i| {
                if i % 7 == 3 {
                    Item::Error(json!({"line": i}))
                } else {
                    Item::Article(Article {
                        id: json!(i),
                        text: texts[i % texts.len()].repeat(1 + i % 5),
                    })
                }
            })
            .collect();
        let opts = ScanOptions::default();
        let one = scan_batch(&lens, &opts, &batch, 1);
        assert_eq!(one.len(), 50);
        for t in [2, 3, 8, 64] {
            assert_eq!(scan_batch(&lens, &opts, &batch, t), one);
        }
        let ids: Vec<Value> = one
            .iter()
            .map(|l| {
                let v: Value = serde_json::from_slice(l).unwrap();
                v.get("id").or_else(|| v.get("line")).cloned().unwrap()
            })
            .collect();
        assert_eq!(ids, (0..50).map(|i| json!(i)).collect::<Vec<_>>());
    }
}

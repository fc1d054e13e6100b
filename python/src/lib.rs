//! Python bindings of the FactionLens core (`factionlens._core`), built by maturin into an abi3 wheel.
//!
//! This module exists so that analysts and data desks get the very same recognition as the CLI, the
//! npm package and the extension, not a second implementation. It is thin on purpose: it converts
//! offsets for Python (code points, next to the core's UTF-8 bytes and UTF-16 units), releases the GIL
//! for batch scans, and hands the knowledge base out as JSON that `factionlens/__init__.py` parses.

use factionlens::{Format, Lens as CoreLens, Mention, MergeMode};
use pyo3::create_exception;
use pyo3::exceptions::PyValueError;
use pyo3::prelude::*;
use pyo3::types::{PyDict, PyList};
use std::str::FromStr;

create_exception!(
    _core,
    FactionLensError,
    PyValueError,
    "Bad input to FactionLens: a dictionary that does not parse or validate (the message names the \
     file, line and field), an unknown format, or a text too large to scan."
);

fn err(e: factionlens::Error) -> PyErr {
    FactionLensError::new_err(e.to_string())
}

/// Converts increasing UTF-8 byte offsets of one text into code-point offsets in one pass.
struct CodePoints<'a> {
    text: &'a str,
    byte: usize,
    cp: usize,
}

impl<'a> CodePoints<'a> {
    fn new(text: &'a str) -> Self {
        CodePoints {
            text,
            byte: 0,
            cp: 0,
        }
    }
    fn advance(&mut self, to: usize) -> usize {
        if to < self.byte {
            self.byte = 0;
            self.cp = 0;
        }
        self.cp += self.text[self.byte..to].chars().count();
        self.byte = to;
        self.cp
    }
}

/// The keys of a mention dict, in order: the one list behind the dicts and `factionlens.MENTION_FIELDS`.
const MENTION_FIELDS: [&str; 12] = [
    "entity",
    "type",
    "text",
    "start",
    "end",
    "byte_start",
    "byte_end",
    "start_utf16",
    "end_utf16",
    "alias",
    "rule",
    "ambiguous",
];

/// One mention as a Python dict: the CLI's JSON fields, with `start`/`end` in code points (Python string
/// indexes) and the UTF-16 offsets of the CLI and the npm package as `start_utf16`/`end_utf16`.
fn mention_dict<'py>(
    py: Python<'py>,
    m: &Mention,
    cps: &mut CodePoints<'_>,
) -> PyResult<Bound<'py, PyDict>> {
    let [entity, kind, text, start, end, byte_start, byte_end, start_utf16, end_utf16, alias, rule, ambiguous] =
        MENTION_FIELDS;
    let d = PyDict::new(py);
    d.set_item(entity, &m.entity)?;
    d.set_item(kind, m.kind.as_str())?;
    d.set_item(text, &m.text)?;
    d.set_item(start, cps.advance(m.byte_start))?;
    d.set_item(end, cps.advance(m.byte_end))?;
    d.set_item(byte_start, m.byte_start)?;
    d.set_item(byte_end, m.byte_end)?;
    d.set_item(start_utf16, m.start)?;
    d.set_item(end_utf16, m.end)?;
    d.set_item(alias, &m.alias)?;
    d.set_item(rule, m.rule.as_str())?;
    d.set_item(ambiguous, m.ambiguous)?;
    Ok(d)
}

fn mention_list<'py>(py: Python<'py>, text: &str, ms: &[Mention]) -> PyResult<Bound<'py, PyList>> {
    let mut cps = CodePoints::new(text);
    let list = PyList::empty(py);
    for m in ms {
        list.append(mention_dict(py, m, &mut cps)?)?;
    }
    Ok(list)
}

/// A knowledge base with its automaton, ready to scan text (see `factionlens.Lens`).
#[pyclass(module = "factionlens._core", name = "Lens")]
struct Lens {
    inner: CoreLens,
}

#[pymethods]
impl Lens {
    #[new]
    fn new() -> Self {
        Lens {
            inner: CoreLens::builtin(),
        }
    }

    /// Loads a dictionary given as text. `format` is json, toml, csv or ftm; when None it is taken
    /// from `origin`'s extension. On error nothing changes.
    #[pyo3(signature = (text, format=None, origin="dictionary", replace=false))]
    fn load_text(
        &mut self,
        text: &str,
        format: Option<&str>,
        origin: &str,
        replace: bool,
    ) -> PyResult<String> {
        let format = match format {
            Some(f) => Format::from_str(f).map_err(err)?,
            None => Format::from_path(origin).ok_or_else(|| {
                FactionLensError::new_err(format!(
                    "{origin}: cannot tell the dictionary format from the name; pass format= \
                     (json, toml, csv or ftm)"
                ))
            })?,
        };
        let mode = if replace {
            MergeMode::Replace
        } else {
            MergeMode::Merge
        };
        let report = self
            .inner
            .load_dictionary(text, format, origin, mode)
            .map_err(err)?;
        Ok(serde_json::to_string(&report).expect("a report serializes"))
    }

    /// Every mention in `text`, in text order, never overlapping.
    fn scan<'py>(&self, py: Python<'py>, text: &str) -> PyResult<Bound<'py, PyList>> {
        let ms = py.detach(|| self.inner.scan(text));
        mention_list(py, text, &ms)
    }

    /// Scans many texts with the GIL released, on `threads` threads (all cores when None).
    #[pyo3(signature = (texts, threads=None))]
    fn scan_many<'py>(
        &self,
        py: Python<'py>,
        texts: Vec<String>,
        threads: Option<usize>,
    ) -> PyResult<Bound<'py, PyList>> {
        let threads = threads
            .unwrap_or_else(|| std::thread::available_parallelism().map_or(1, |n| n.get()))
            .clamp(1, texts.len().max(1));
        let lens = &self.inner;
        let results: Vec<Vec<Mention>> = py.detach(|| {
            if threads == 1 {
                return texts.iter().map(|t| lens.scan(t)).collect();
            }
            let chunk = texts.len().div_ceil(threads);
            std::thread::scope(|s| {
                let handles: Vec<_> = texts
                    .chunks(chunk)
                    .map(|part| {
                        s.spawn(move || part.iter().map(|t| lens.scan(t)).collect::<Vec<_>>())
                    })
                    .collect();
                handles
                    .into_iter()
                    .flat_map(|h| h.join().expect("a scan thread panicked"))
                    .collect()
            })
        });
        let out = PyList::empty(py);
        for (text, ms) in texts.iter().zip(&results) {
            out.append(mention_list(py, text, ms)?)?;
        }
        Ok(out)
    }

    /// The knowledge base in force, as a JSON array of entity records.
    fn entities_json(&self) -> String {
        serde_json::to_string(self.inner.knowledge_base().entities()).expect("records serialize")
    }

    /// One entity's card (record, origin, resolved relation names, incoming relations) as JSON, or None.
    fn card_json(&self, id: &str) -> Option<String> {
        let card = self.inner.knowledge_base().card(id)?;
        Some(serde_json::to_string(&card).expect("cards serialize"))
    }

    /// Number of entities in force.
    fn __len__(&self) -> usize {
        self.inner.knowledge_base().len()
    }
}

/// The FactionLens core for Python.
#[pymodule]
fn _core(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_class::<Lens>()?;
    m.add("FactionLensError", m.py().get_type::<FactionLensError>())?;
    m.add("__version__", env!("CARGO_PKG_VERSION"))?;
    m.add("MENTION_FIELDS", MENTION_FIELDS.to_vec())?;
    Ok(())
}

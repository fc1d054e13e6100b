//! The evaluation instrument: how well FactionLens recognizes names in news it was not written from.
//!
//! Why it exists: the seed tests pass on the texts the rules were written from, so they cannot show how
//! many mentions a new article loses. The evaluation corpus (`tests/eval/{en,ar}/*.md`, format in
//! `tests/eval/README.md`) holds real news excerpts with hand-made gold mentions; this module reads it,
//! scans every excerpt with a [`Lens`] and scores the result: precision and recall overall, per language
//! and per entity type, the exact-span rate, and every miss and false mention with its file and line.
//! `factionlens eval DIR` prints it; `tests/eval.rs` gates CI on it.
//!
//! The format, in short: TOML front matter between `+++` lines (`source`, `outlet`, `date`, `lang`,
//! `kind`, optional `motivated` and `notes`), then the excerpt with gold mentions marked inline as
//! `[[surface|entity-id]]` or `[[surface|entity-id|note]]`; `[[surface|?]]` marks a hard negative, text
//! that must not be a mention.
//!
//! Scoring: a gold mention is found when the tool reports the same entity on an overlapping span (each
//! tool mention counts for at most one gold mention); the span is exact when both ends agree. A tool
//! mention that finds no gold mention is a false mention (hard negatives are false mentions when marked,
//! and neutral otherwise).

use crate::{Lens, Mention};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::fmt;
use std::path::Path;

/// The front matter of one corpus file.
#[derive(Clone, Debug, Deserialize, Serialize, PartialEq)]
pub struct FrontMatter {
    /// The public address of the article.
    pub source: String,
    /// Who published it.
    pub outlet: String,
    /// Publication date, `YYYY-MM-DD`.
    pub date: String,
    /// `en` or `ar`.
    pub lang: String,
    /// wire | iraqi | gulf | iranian | think_tank | government | other.
    pub kind: String,
    /// Which engine fix the file motivated.
    #[serde(default)]
    pub motivated: Vec<String>,
    /// Hard cases explained.
    #[serde(default)]
    pub notes: Option<String>,
}

/// One gold mark: a mention of an entity, or a hard negative.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Gold {
    /// Byte offset in the plain text (markup removed).
    pub start: usize,
    /// Byte end offset in the plain text.
    pub end: usize,
    /// The marked text.
    pub surface: String,
    /// The entity id, or `None` for a hard negative (`[[text|?]]`).
    pub entity: Option<String>,
    /// The note of a hard case.
    pub note: Option<String>,
    /// 1-based line in the corpus file.
    pub line: usize,
}

/// One corpus file, parsed.
#[derive(Clone, Debug, PartialEq)]
pub struct EvalDoc {
    /// The file's path as given.
    pub path: String,
    /// Its front matter.
    pub meta: FrontMatter,
    /// The excerpt with the markup removed: what is scanned.
    pub text: String,
    /// The gold marks, in text order.
    pub gold: Vec<Gold>,
    /// The file line of the first line of `text`.
    first_line: usize,
}

impl EvalDoc {
    /// The 1-based file line of plain-text byte offset `pos`.
    pub fn line_of(&self, pos: usize) -> usize {
        self.first_line + self.text[..pos].matches('\n').count()
    }
}

/// A corpus file that does not follow the format: which file, which line, what is wrong.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FormatError {
    /// The file.
    pub file: String,
    /// 1-based line.
    pub line: usize,
    /// What is wrong.
    pub message: String,
}

impl fmt::Display for FormatError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}: {}", self.file, self.line, self.message)
    }
}

impl std::error::Error for FormatError {}

/// Parses one corpus file (`path` is only used in messages).
///
/// ```
/// let doc = factionlens::eval::parse_doc("x.md", "+++\nsource = \"https://e.invalid\"\noutlet = \"X\"\n\
///     date = \"2024-01-01\"\nlang = \"en\"\nkind = \"wire\"\n+++\n[[KH|kataib-hezbollah]] and [[the cradle|?]].\n").unwrap();
/// assert_eq!(doc.text, "KH and the cradle.\n");
/// assert_eq!((doc.gold[0].start, doc.gold[0].end, doc.gold[0].line), (0, 2, 8));
/// assert_eq!(doc.gold[1].entity, None);
/// ```
pub fn parse_doc(path: &str, content: &str) -> Result<EvalDoc, FormatError> {
    let err = |line: usize, message: String| FormatError {
        file: path.to_string(),
        line,
        message,
    };
    let content = content.strip_prefix('\u{feff}').unwrap_or(content);
    let Some(rest) = content.strip_prefix("+++\n") else {
        return Err(err(
            1,
            "the file must open with a `+++` line (front matter)".into(),
        ));
    };
    let Some(close) = rest.find("\n+++\n").or_else(|| {
        rest.strip_suffix("\n+++")
            .map(|s| s.len())
            .filter(|_| rest.ends_with("\n+++"))
    }) else {
        return Err(err(1, "the front matter has no closing `+++` line".into()));
    };
    let front = &rest[..close];
    let body = rest.get(close + "\n+++\n".len()..).unwrap_or("");
    let meta: FrontMatter = toml::from_str(front).map_err(|e| {
        let line = e
            .span()
            .map_or(0, |s| front[..s.start].matches('\n').count());
        err(2 + line, format!("front matter: {}", e.message().trim()))
    })?;
    if !matches!(meta.lang.as_str(), "en" | "ar") {
        return Err(err(
            2,
            format!("front matter: `lang` is `{}`, expected en or ar", meta.lang),
        ));
    }
    let first_line = 4 + front.matches('\n').count();
    let mut text = String::with_capacity(body.len());
    let mut gold = Vec::new();
    let mut rest = body;
    let mut line = first_line;
    while let Some(open) = rest.find("[[") {
        let before = &rest[..open];
        text.push_str(before);
        line += before.matches('\n').count();
        let after = &rest[open + 2..];
        let Some(close) = after.find("]]") else {
            return Err(err(line, "`[[` without a closing `]]`".into()));
        };
        let inner = &after[..close];
        if inner.contains("[[") {
            return Err(err(
                line,
                format!(
                    "mark `[[{inner}` is not closed before the next `[[` (nested or broken markup)"
                ),
            ));
        }
        let mut parts = inner.splitn(3, '|');
        let surface = parts.next().unwrap_or("");
        let id = parts.next().map(str::trim);
        let note = parts.next().map(|n| n.trim().to_string());
        let Some(id) = id.filter(|i| !i.is_empty()) else {
            return Err(err(
                line,
                format!(
                    "mark `[[{inner}]]` has no entity id (`[[text|entity-id]]` or `[[text|?]]`)"
                ),
            ));
        };
        if surface.trim().is_empty() {
            return Err(err(line, format!("mark `[[{inner}]]` has no text")));
        }
        if id != "?"
            && !id
                .chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
        {
            return Err(err(
                line,
                format!("entity id `{id}` is not a slug (a-z, 0-9, -)"),
            ));
        }
        let start = text.len();
        text.push_str(surface);
        gold.push(Gold {
            start,
            end: text.len(),
            surface: surface.to_string(),
            entity: (id != "?").then(|| id.to_string()),
            note,
            line,
        });
        // A surface may run over a line break (a name broken inside a paragraph).
        line += inner.matches('\n').count();
        rest = &after[close + 2..];
    }
    text.push_str(rest);
    Ok(EvalDoc {
        path: path.to_string(),
        meta,
        text,
        gold,
        first_line,
    })
}

/// Reads every corpus file under `dir`: the `*.md` files of its subdirectories (`en/`, `ar/`), sorted
/// by path. Files directly in `dir` (README.md, MISSING.md) are documentation, not corpus.
pub fn load_dir(dir: &Path) -> Result<Vec<EvalDoc>, FormatError> {
    let io = |p: &Path, e: std::io::Error| FormatError {
        file: p.display().to_string(),
        line: 0,
        message: e.to_string(),
    };
    let mut files = Vec::new();
    for sub in std::fs::read_dir(dir).map_err(|e| io(dir, e))? {
        let sub = sub.map_err(|e| io(dir, e))?.path();
        if !sub.is_dir() {
            continue;
        }
        for f in std::fs::read_dir(&sub).map_err(|e| io(&sub, e))? {
            let f = f.map_err(|e| io(&sub, e))?.path();
            if f.extension().is_some_and(|x| x == "md") {
                files.push(f);
            }
        }
    }
    files.sort();
    files
        .iter()
        .map(|f| {
            let text = std::fs::read_to_string(f).map_err(|e| io(f, e))?;
            parse_doc(&f.display().to_string(), &text)
        })
        .collect()
}

/// Counts behind precision and recall.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Counts {
    /// Gold mentions found (same entity, overlapping span).
    pub found: usize,
    /// Of those, found with the exact span.
    pub exact: usize,
    /// Gold mentions (hard negatives excluded).
    pub gold: usize,
    /// Tool mentions that found a gold mention.
    pub correct: usize,
    /// Tool mentions.
    pub marked: usize,
}

impl Counts {
    /// Correct tool mentions over all tool mentions (1 when the tool marked nothing).
    pub fn precision(&self) -> f64 {
        ratio(self.correct, self.marked)
    }
    /// Gold mentions found over all gold mentions (1 when there is no gold).
    pub fn recall(&self) -> f64 {
        ratio(self.found, self.gold)
    }
    /// Found gold mentions whose span is exact, over found ones.
    pub fn exact_rate(&self) -> f64 {
        ratio(self.exact, self.found)
    }
    fn add(&mut self, o: &Counts) {
        self.found += o.found;
        self.exact += o.exact;
        self.gold += o.gold;
        self.correct += o.correct;
        self.marked += o.marked;
    }
}

fn ratio(a: usize, b: usize) -> f64 {
    if b == 0 {
        1.0
    } else {
        a as f64 / b as f64
    }
}

/// A gold mention the tool did not find, or a tool mention no gold mention backs.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Finding {
    /// The corpus file.
    pub file: String,
    /// 1-based line in it.
    pub line: usize,
    /// `en` or `ar`.
    pub lang: String,
    /// The text: the gold surface for a miss, the tool's span for a false mention.
    pub text: String,
    /// What the gold says here: an entity id, `?` (hard negative), or nothing.
    pub expected: Option<String>,
    /// What the tool marked here: an entity id (with `(ambiguous)`), or nothing.
    pub got: Option<String>,
    /// For a miss: whether the expected entity is in the knowledge base at all.
    pub in_kb: bool,
    /// The gold note, when there is one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

/// The scores of a corpus.
#[derive(Clone, Debug, Default, Serialize)]
pub struct Report {
    /// Corpus files read.
    pub files: usize,
    /// Hard negatives in the corpus.
    pub negatives: usize,
    /// Hard negatives the tool marked.
    pub negatives_marked: usize,
    /// Totals.
    pub overall: Counts,
    /// Per language (`en`, `ar`).
    pub by_lang: BTreeMap<String, Counts>,
    /// Per entity type (the KB's type names; `not_in_kb` for gold entities the KB lacks).
    pub by_type: BTreeMap<String, Counts>,
    /// Gold mentions not found.
    pub misses: Vec<Finding>,
    /// Tool mentions no gold backs.
    pub false_mentions: Vec<Finding>,
}

/// A threshold a language fell below.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Shortfall {
    /// The language.
    pub lang: String,
    /// `precision` or `recall`.
    pub measure: &'static str,
    /// The score.
    pub value: f64,
    /// The threshold.
    pub min: f64,
}

impl fmt::Display for Shortfall {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}: {} {:.3} is below {:.3}",
            self.lang, self.measure, self.value, self.min
        )
    }
}

impl Report {
    /// The languages whose precision or recall is below the thresholds.
    pub fn shortfalls(&self, min_precision: f64, min_recall: f64) -> Vec<Shortfall> {
        let mut v = Vec::new();
        for (lang, c) in &self.by_lang {
            for (measure, value, min) in [
                ("precision", c.precision(), min_precision),
                ("recall", c.recall(), min_recall),
            ] {
                if value < min {
                    v.push(Shortfall {
                        lang: lang.clone(),
                        measure,
                        value,
                        min,
                    });
                }
            }
        }
        v
    }

    /// A plain-text report: the score tables, then every miss and false mention.
    pub fn to_text(&self) -> String {
        let mut s = format!(
            "{} files, {} gold mentions, {} hard negatives ({} marked)\n\n",
            self.files, self.overall.gold, self.negatives, self.negatives_marked
        );
        let row = |s: &mut String, label: &str, c: &Counts| {
            s.push_str(&format!(
                "{label:<18} {:>9.3} {:>7.3} {:>7.3} {:>6} {:>6} {:>6}\n",
                c.precision(),
                c.recall(),
                c.exact_rate(),
                c.gold,
                c.found,
                c.marked - c.correct
            ));
        };
        s.push_str(&format!(
            "{:<18} {:>9} {:>7} {:>7} {:>6} {:>6} {:>6}\n",
            "", "precision", "recall", "exact", "gold", "found", "false"
        ));
        row(&mut s, "overall", &self.overall);
        for (l, c) in &self.by_lang {
            row(&mut s, &format!("lang {l}"), c);
        }
        for (t, c) in &self.by_type {
            row(&mut s, t, c);
        }
        let list = |s: &mut String, title: &str, v: &[Finding]| {
            s.push_str(&format!("\n{title} ({}):\n", v.len()));
            for f in v {
                s.push_str(&format!(
                    "  {}:{}: {:?} expected {} got {}{}{}\n",
                    f.file,
                    f.line,
                    f.text,
                    f.expected.as_deref().unwrap_or("-"),
                    f.got.as_deref().unwrap_or("-"),
                    if f.in_kb || f.expected.is_none() || f.expected.as_deref() == Some("?") {
                        ""
                    } else {
                        " [not in KB]"
                    },
                    f.note.as_ref().map_or(String::new(), |n| format!(" ({n})")),
                ));
            }
        };
        list(&mut s, "misses", &self.misses);
        list(&mut s, "false mentions", &self.false_mentions);
        s
    }
}

/// Scans every document with `lens` and scores the result against the gold.
pub fn evaluate(lens: &Lens, docs: &[EvalDoc]) -> Report {
    let kb = lens.knowledge_base();
    let type_of = |id: &str| -> String {
        kb.get(id)
            .map_or_else(|| "not_in_kb".to_string(), |e| e.kind.as_str().to_string())
    };
    let mut report = Report {
        files: docs.len(),
        ..Report::default()
    };
    for doc in docs {
        let mentions = lens.scan(&doc.text);
        let lang = doc.meta.lang.clone();
        let mut c = Counts::default();
        let mut used = vec![false; mentions.len()];
        let overlaps = |m: &Mention, g: &Gold| m.byte_start < g.end && g.start < m.byte_end;
        for g in &doc.gold {
            let Some(id) = &g.entity else {
                report.negatives += 1;
                if mentions.iter().any(|m| overlaps(m, g)) {
                    report.negatives_marked += 1;
                }
                continue;
            };
            let t = report.by_type.entry(type_of(id)).or_default();
            t.gold += 1;
            c.gold += 1;
            // The same entity on an overlapping span; an exact one first.
            let pick = (0..mentions.len())
                .filter(|&i| !used[i] && mentions[i].entity == *id && overlaps(&mentions[i], g))
                .min_by_key(|&i| {
                    (mentions[i].byte_start, mentions[i].byte_end) != (g.start, g.end)
                });
            match pick {
                Some(i) => {
                    used[i] = true;
                    let exact = (mentions[i].byte_start, mentions[i].byte_end) == (g.start, g.end);
                    c.found += 1;
                    t.found += 1;
                    c.exact += usize::from(exact);
                    t.exact += usize::from(exact);
                }
                None => report.misses.push(Finding {
                    file: doc.path.clone(),
                    line: g.line,
                    lang: lang.clone(),
                    text: g.surface.clone(),
                    expected: Some(id.clone()),
                    got: mentions.iter().find(|m| overlaps(m, g)).map(describe),
                    in_kb: kb.contains(id),
                    note: g.note.clone(),
                }),
            }
        }
        for (i, m) in mentions.iter().enumerate() {
            c.marked += 1;
            let t = report
                .by_type
                .entry(m.kind.as_str().to_string())
                .or_default();
            t.marked += 1;
            if used[i] {
                c.correct += 1;
                t.correct += 1;
                continue;
            }
            let g = doc.gold.iter().find(|g| overlaps(m, g));
            report.false_mentions.push(Finding {
                file: doc.path.clone(),
                line: doc.line_of(m.byte_start),
                lang: lang.clone(),
                text: m.text.clone(),
                expected: g.map(|g| g.entity.clone().unwrap_or_else(|| "?".into())),
                got: Some(describe(m)),
                in_kb: true,
                note: g.and_then(|g| g.note.clone()),
            });
        }
        report.overall.add(&c);
        report.by_lang.entry(lang).or_default().add(&c);
    }
    report
}

fn describe(m: &Mention) -> String {
    if m.ambiguous {
        format!("{} (ambiguous)", m.entity)
    } else {
        m.entity.clone()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const HEAD: &str = "+++\nsource = \"https://example.invalid/a\"\noutlet = \"Wire\"\ndate = \"2024-02-08\"\nlang = \"en\"\nkind = \"wire\"\n+++\n";

    fn doc(body: &str) -> EvalDoc {
        parse_doc("t.md", &format!("{HEAD}{body}")).unwrap()
    }

    #[test]
    fn markup_becomes_plain_text_with_spans_and_lines() {
        let d = doc("First line.\nA [[Kataib Hezbollah|kataib-hezbollah]] strike, [[KH|kataib-hezbollah|weak]]; [[the cradle|?]].\n");
        assert_eq!(
            d.text,
            "First line.\nA Kataib Hezbollah strike, KH; the cradle.\n"
        );
        let g = &d.gold;
        assert_eq!(g.len(), 3);
        assert_eq!(&d.text[g[0].start..g[0].end], "Kataib Hezbollah");
        assert_eq!(&d.text[g[1].start..g[1].end], "KH");
        assert_eq!(g[1].note.as_deref(), Some("weak"));
        assert_eq!(g[2].entity, None);
        // Front matter: lines 1-7; the body starts on line 8.
        assert_eq!(g[0].line, 9);
        assert_eq!(d.line_of(0), 8);
        assert_eq!(d.line_of(d.text.find("KH").unwrap()), 9);
    }

    #[test]
    fn arabic_spans_are_byte_exact() {
        let d = doc("قال [[الإطار التنسيقي|coordination-framework]] إن");
        assert_eq!(&d.text[d.gold[0].start..d.gold[0].end], "الإطار التنسيقي");
    }

    #[test]
    fn format_errors_name_file_and_line() {
        let e = parse_doc("x.md", "no front matter").unwrap_err();
        assert_eq!((e.file.as_str(), e.line), ("x.md", 1));
        let e = parse_doc("x.md", &format!("{HEAD}ok\n[[broken|id")).unwrap_err();
        assert_eq!(e.line, 9, "{e}");
        let e = parse_doc("x.md", &format!("{HEAD}[[a [[b|c]]")).unwrap_err();
        assert!(e.message.contains("nested"), "{e}");
        let d = parse_doc(
            "x.md",
            &format!("{HEAD}[[Kataib\nHezbollah|kataib-hezbollah]] x [[KH|kataib-hezbollah]]"),
        )
        .unwrap();
        assert_eq!((d.gold[0].line, d.gold[1].line), (8, 9));
        let e = parse_doc("x.md", &format!("{HEAD}[[no id]]")).unwrap_err();
        assert!(e.message.contains("no entity id"), "{e}");
        let e = parse_doc("x.md", &format!("{HEAD}[[a|Not A Slug]]")).unwrap_err();
        assert!(e.message.contains("slug"), "{e}");
        let e = parse_doc("x.md", "+++\nsource = \"s\"\n+++\nbody").unwrap_err();
        assert!(e.message.contains("front matter"), "{e}");
        assert_eq!(e.to_string(), format!("x.md:{}: {}", e.line, e.message));
        let e = parse_doc("x.md", &HEAD.replace("\"en\"", "\"fr\"")).unwrap_err();
        assert!(e.message.contains("lang"), "{e}");
    }

    #[test]
    fn scoring_counts_overlap_exactness_and_negatives() {
        let lens = Lens::builtin();
        // Gold: KH found exactly; "Kataib Hezbollah" gold with a wider span than the tool's (overlap,
        // not exact); Badr Organization not marked in gold (a false mention); a hard negative the tool
        // does not mark; a gold mention of an entity the KB lacks (a miss).
        let d = doc("[[Kataib Hezbollah|kataib-hezbollah]] and [[the Kataib Hezbollah|kataib-hezbollah]] met the Badr Organization and [[Brigade Zed|brigade-zed]] in [[the cradle|?]] of civilization.\n");
        let r = evaluate(&lens, &[d]);
        assert_eq!(r.overall.gold, 3);
        assert_eq!(r.overall.found, 2);
        assert_eq!(r.overall.exact, 1);
        assert_eq!(r.overall.marked, 3);
        assert_eq!(r.overall.correct, 2);
        assert_eq!(r.negatives, 1);
        assert_eq!(r.negatives_marked, 0);
        assert_eq!(r.misses.len(), 1);
        assert_eq!(r.misses[0].expected.as_deref(), Some("brigade-zed"));
        assert!(!r.misses[0].in_kb);
        assert_eq!(r.false_mentions.len(), 1);
        assert_eq!(
            r.false_mentions[0].got.as_deref(),
            Some("badr-organization")
        );
        assert_eq!(r.false_mentions[0].line, 8);
        assert_eq!(r.by_type["not_in_kb"].gold, 1);
        assert_eq!(r.by_type["armed_group"].found, 2);
        assert!((r.overall.precision() - 2.0 / 3.0).abs() < 1e-9);
        assert!((r.overall.recall() - 2.0 / 3.0).abs() < 1e-9);
        assert_eq!(r.by_lang["en"], r.overall);
        let short = r.shortfalls(0.98, 0.5);
        assert_eq!(short.len(), 1);
        assert_eq!(short[0].measure, "precision");
        assert!(r.shortfalls(0.5, 0.5).is_empty());
        let text = r.to_text();
        assert!(
            text.contains("misses (1)") && text.contains("[not in KB]"),
            "{text}"
        );
    }

    #[test]
    fn a_marked_hard_negative_is_a_false_mention() {
        let lens = Lens::builtin();
        let d = doc("[[Kataib Hezbollah|?]] is a test.\n");
        let r = evaluate(&lens, &[d]);
        assert_eq!(r.negatives_marked, 1);
        assert_eq!(r.false_mentions[0].expected.as_deref(), Some("?"));
        assert_eq!(r.overall.precision(), 0.0);
        assert_eq!(r.overall.recall(), 1.0);
    }

    #[test]
    fn the_wrong_entity_on_the_right_span_is_a_miss_and_a_false_mention() {
        let lens = Lens::builtin();
        let d = doc("[[Kataib Hezbollah|popular-mobilization-forces]] said.\n");
        let r = evaluate(&lens, &[d]);
        assert_eq!(r.misses.len(), 1);
        assert_eq!(r.misses[0].got.as_deref(), Some("kataib-hezbollah"));
        assert_eq!(r.false_mentions.len(), 1);
        assert_eq!(
            r.false_mentions[0].expected.as_deref(),
            Some("popular-mobilization-forces")
        );
    }
}

//! The FactionLens command line: scan articles, inspect the knowledge base.
//!
//! ```text
//! factionlens scan [--format json|jsonl|text|html] [--types T,…] [--dict FILE]… [--replace-kb] FILE… | -
//! factionlens scan --format csv [--excel] FILE | -
//! factionlens scan --format jsonld [--source IRI] FILE | -
//! factionlens scan --input jsonl [--threads N] [--types T,…] [--dict FILE]… FILE… | -
//! factionlens kb   [--dict FILE]… [--replace-kb] [--format json|text]
//! factionlens patterns [--names] [--dict FILE]… [--replace-kb]
//! factionlens eval [--json] [--min-precision P] [--min-recall R] [--dict FILE]… DIR
//! ```

#[cfg(target_arch = "wasm32")]
fn main() {}

#[cfg(not(target_arch = "wasm32"))]
fn main() -> std::process::ExitCode {
    cli::main()
}

#[cfg(not(target_arch = "wasm32"))]
#[path = "factionlens/articles.rs"]
mod articles;

#[cfg(not(target_arch = "wasm32"))]
#[path = "factionlens/output.rs"]
mod output;

#[cfg(not(target_arch = "wasm32"))]
mod cli {
    use clap::{Parser, Subcommand, ValueEnum};
    use factionlens::{render, EntityType, Format, Lens, MergeMode, ScanOptions};
    use std::io::{IsTerminal, Read, Write};
    use std::process::ExitCode;

    #[derive(Parser)]
    #[command(
        name = "factionlens",
        version,
        about = "Find armed groups, bodies and leaders of the Iraq/Iran conflict in news text, under every spelling."
    )]
    struct Cli {
        #[command(subcommand)]
        command: Command,
    }

    #[derive(Subcommand)]
    enum Command {
        /// Scan articles (files, or - for standard input) and print their mentions.
        Scan {
            /// Output format.
            #[arg(long, short, value_enum, default_value_t = ScanFormat::Json)]
            format: ScanFormat,
            /// Only these types (comma-separated): armed_group, umbrella, state_security, political, government, person, organization.
            #[arg(long, value_delimiter = ',', value_parser = parse_type)]
            types: Option<Vec<EntityType>>,
            /// CSV for Excel: a byte-order mark and CRLF line ends (with --format csv).
            #[arg(long)]
            excel: bool,
            /// The document's IRI in Web Annotations (with --format jsonld); default: the file's
            /// file:// URI, or for standard input a urn:uuid: derived from the text.
            #[arg(long, value_name = "IRI")]
            source: Option<String>,
            #[command(flatten)]
            dicts: Dicts,
            /// What the inputs hold: one article per file (`text`), or JSON lines
            /// `{"id": …, "text": …}`, one article a line (`jsonl`: output is one JSON line per article,
            /// with its id, in input order, scanned on every core).
            #[arg(long, value_enum, default_value_t = Input::Text)]
            input: Input,
            /// Threads (default: every core). Files, like the articles of `--input jsonl`, are scanned
            /// in batches on every thread; the output keeps the input order.
            #[arg(long)]
            threads: Option<usize>,
            /// Files to scan; - reads standard input.
            #[arg(required = true)]
            files: Vec<String>,
        },
        /// Print the knowledge base in force (built-in plus dictionaries).
        Kb {
            /// Output format.
            #[arg(long, short, value_enum, default_value_t = KbFormat::Text)]
            format: KbFormat,
            #[command(flatten)]
            dicts: Dicts,
        },
        /// Print every spelling the names expand to, one per line: folded (lower case, no apostrophes,
        /// hyphens as spaces), with every generated variant (for benchmarks and other tools: a plain
        /// alias list that finds what the automaton finds through keys; `--keys` for the keys).
        Patterns {
            /// One line per name a spelling stands for, tab-separated: spelling, entity id, name kind,
            /// `name` (the name's own spelling) or `variant` (a generated one), the name as written.
            #[arg(long)]
            names: bool,
            /// Print the automaton's patterns instead: the romanization keys of the spellings (vowel
            /// classes, doubled letters, q/k, dh/z/d… merged; see src/key.rs), in pattern order.
            #[arg(long)]
            keys: bool,
            #[command(flatten)]
            dicts: Dicts,
        },
        #[cfg(feature = "toml")]
        /// Score recognition on an evaluation corpus (tests/eval: one directory per language of
        /// excerpts with gold mentions marked inline): precision and recall overall, per language and
        /// per type, exact-span rate, every miss and false mention. Exits 1 when a language falls below
        /// a threshold, 2 when a corpus file is malformed.
        Eval {
            /// The corpus directory.
            dir: String,
            /// Print the report as JSON.
            #[arg(long)]
            json: bool,
            /// Lowest precision allowed in each language.
            #[arg(long, default_value_t = 0.0)]
            min_precision: f64,
            /// Lowest recall allowed in each language.
            #[arg(long, default_value_t = 0.0)]
            min_recall: f64,
            #[command(flatten)]
            dicts: Dicts,
        },
    }

    #[derive(clap::Args)]
    struct Dicts {
        /// A custom dictionary (.json, .toml, .csv, or FollowTheMoney: .jsonl, .ftm, OpenSanctions' entities.ftm.json and targets.nested.json, or any .json of FtM lines); repeatable.
        #[arg(long = "dict", value_name = "FILE")]
        dict: Vec<String>,
        /// Use only the dictionaries, not the built-in knowledge base.
        #[arg(long)]
        replace_kb: bool,
    }

    #[derive(Clone, Copy, ValueEnum)]
    enum ScanFormat {
        Json,
        Jsonl,
        Text,
        Html,
        /// Mentions as CSV (one file).
        Csv,
        /// W3C Web Annotation JSON-LD (one file).
        Jsonld,
    }

    #[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
    enum Input {
        Text,
        Jsonl,
    }

    #[derive(Clone, Copy, ValueEnum)]
    enum KbFormat {
        Json,
        Text,
    }

    fn parse_type(s: &str) -> Result<EntityType, String> {
        EntityType::parse(s).ok_or_else(|| {
            format!(
                "unknown type `{s}` (expected one of {})",
                EntityType::ALL.map(|t| t.as_str()).join(", ")
            )
        })
    }

    pub fn main() -> ExitCode {
        let cli = Cli::parse();
        match cli.command {
            Command::Scan {
                format,
                types,
                excel,
                source,
                dicts,
                input,
                threads,
                files,
            } => {
                if input == Input::Jsonl && !matches!(format, ScanFormat::Json | ScanFormat::Jsonl)
                {
                    eprintln!("factionlens: --input jsonl writes JSON lines; --format text/html/csv/jsonld need --input text");
                    return ExitCode::from(2);
                }
                let single = matches!(format, ScanFormat::Csv | ScanFormat::Jsonld);
                if single && files.len() != 1 {
                    eprintln!(
                        "factionlens: --format csv and --format jsonld take one file at a time"
                    );
                    return ExitCode::from(2);
                }
                if excel && !matches!(format, ScanFormat::Csv) {
                    eprintln!("factionlens: --excel goes with --format csv");
                    return ExitCode::from(2);
                }
                if source.is_some() && !matches!(format, ScanFormat::Jsonld) {
                    eprintln!("factionlens: --source goes with --format jsonld");
                    return ExitCode::from(2);
                }
                let Some(lens) = load_lens(&dicts) else {
                    return ExitCode::from(2);
                };
                let threads = threads
                    .unwrap_or_else(|| std::thread::available_parallelism().map_or(1, |n| n.get()));
                if input == Input::Jsonl {
                    let opts = ScanOptions { types };
                    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
                    return match crate::articles::run(lens, &opts, &files, threads, &mut out) {
                        Ok(false) => ExitCode::SUCCESS,
                        Ok(true) => ExitCode::from(1),
                        Err(_) => ExitCode::from(1), // broken pipe
                    };
                }
                let ext = Extra { excel, source };
                scan(lens, format, types, &files, threads, &ext)
            }
            Command::Kb { format, dicts } => {
                let Some(lens) = load_lens(&dicts) else {
                    return ExitCode::from(2);
                };
                print_kb(lens, format)
            }
            Command::Patterns { names, keys, dicts } => {
                let Some(lens) = load_lens(&dicts) else {
                    return ExitCode::from(2);
                };
                print_patterns(lens, names, keys)
            }
            #[cfg(feature = "toml")]
            Command::Eval {
                dir,
                json,
                min_precision,
                min_recall,
                dicts,
            } => {
                let Some(lens) = load_lens(&dicts) else {
                    return ExitCode::from(2);
                };
                eval(lens, &dir, json, min_precision, min_recall)
            }
        }
    }

    #[cfg(feature = "toml")]
    fn eval(lens: &Lens, dir: &str, json: bool, min_p: f64, min_r: f64) -> ExitCode {
        let docs = match factionlens::eval::load_dir(std::path::Path::new(dir)) {
            Ok(d) => d,
            Err(e) => {
                eprintln!("factionlens: {e}");
                return ExitCode::from(2);
            }
        };
        let report = factionlens::eval::evaluate(lens, &docs);
        let short = report.shortfalls(min_p, min_r);
        let out = if json {
            let mut v = serde_json::to_value(&report).unwrap_or_default();
            if let Some(o) = v.as_object_mut() {
                let scores = |c: &factionlens::eval::Counts| serde_json::json!({"precision": c.precision(), "recall": c.recall(), "exact_span_rate": c.exact_rate()});
                o.insert("scores".into(), serde_json::json!({
                    "overall": scores(&report.overall),
                    "by_lang": report.by_lang.iter().map(|(k, c)| (k.clone(), scores(c))).collect::<serde_json::Map<_, _>>(),
                    "by_type": report.by_type.iter().map(|(k, c)| (k.clone(), scores(c))).collect::<serde_json::Map<_, _>>(),
                }));
                o.insert(
                    "below_thresholds".into(),
                    serde_json::to_value(&short).unwrap_or_default(),
                );
            }
            serde_json::to_string_pretty(&v).unwrap_or_default() + "\n"
        } else {
            let mut s = report.to_text();
            for f in &short {
                s.push_str(&format!("\nbelow threshold: {f}"));
            }
            s
        };
        let mut stdout = std::io::stdout().lock();
        if stdout.write_all(out.as_bytes()).is_err() {
            return ExitCode::from(1);
        }
        if short.is_empty() {
            ExitCode::SUCCESS
        } else {
            ExitCode::from(1)
        }
    }

    /// The lens for a run, leaked: it lives until the process exits, and freeing a big dictionary's
    /// lens (hundreds of thousands of names, each its own allocations) at exit would only cost time
    /// (about a tenth of a 100k-entity run, BENCHMARKS.md) for memory the exit returns anyway.
    fn load_lens(d: &Dicts) -> Option<&'static Lens> {
        let mut lens = if d.replace_kb {
            Lens::new(factionlens::KnowledgeBase::empty())
        } else {
            Lens::builtin()
        };
        for (i, path) in d.dict.iter().enumerate() {
            let text = match read(path) {
                Ok(t) => t,
                Err(e) => {
                    eprintln!("factionlens: {e}");
                    return None;
                }
            };
            let format = match Format::detect(path, &text) {
                Ok(f) => f,
                Err(e) => {
                    eprintln!("factionlens: {path}: {e} (use .json, .toml, .csv, FollowTheMoney .jsonl/.ftm/.ftm.json, or content in one of them)");
                    return None;
                }
            };
            let mode = if d.replace_kb && i == 0 {
                MergeMode::Replace
            } else {
                MergeMode::Merge
            };
            match lens.load_dictionary(&text, format, path, mode) {
                Ok(report) => {
                    for w in &report.warnings {
                        eprintln!("factionlens: warning: {w}");
                    }
                }
                Err(e) => {
                    eprintln!("factionlens: {e}");
                    return None;
                }
            }
        }
        Some(Box::leak(Box::new(lens)))
    }

    fn read(path: &str) -> Result<String, String> {
        let bytes = if path == "-" {
            let mut b = Vec::new();
            std::io::stdin()
                .read_to_end(&mut b)
                .map_err(|e| format!("<stdin>: {e}"))?;
            b
        } else {
            std::fs::read(path).map_err(|e| format!("{path}: {e}"))?
        };
        String::from_utf8(bytes).map_err(|e| {
            format!(
                "{path}: not UTF-8 (invalid byte at offset {}); convert it first, e.g. with iconv",
                e.utf8_error().valid_up_to()
            )
        })
    }

    /// Options of the single-file exports.
    struct Extra {
        excel: bool,
        source: Option<String>,
    }

    /// Web Annotations of one document: `source` or the file's URI, now, and a nonce no other run shares.
    fn annotations(
        lens: &Lens,
        path: &str,
        text: &str,
        mentions: &[factionlens::Mention],
        source: Option<&str>,
    ) -> Result<String, String> {
        use std::hash::{BuildHasher, Hasher};
        let now = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .unwrap_or_default();
        let source = match source {
            Some(s) => Some(s.to_string()),
            None if path == "-" => None,
            None => std::fs::canonicalize(path)
                .ok()
                .and_then(|p| p.to_str().map(render::annotation::file_uri)),
        };
        let mut h = std::collections::hash_map::RandomState::new().build_hasher();
        h.write_u128(now.as_nanos());
        h.write_u32(std::process::id());
        let opts = render::AnnotationOptions {
            source,
            created: render::annotation::rfc3339_utc(now.as_secs()),
            nonce: format!("{}-{:x}", std::process::id(), h.finish()),
        };
        let page = render::web_annotation_page(text, mentions, lens.knowledge_base(), &opts)
            .map_err(|e| e.to_string())?;
        Ok(serde_json::to_string_pretty(&page).unwrap_or_default())
    }

    /// Scans `files` in batches (up to `BATCH_BYTES` of text or `BATCH_ARTICLES` files, at least one
    /// file), each batch on up to `threads` threads, and writes each batch's output in input order as
    /// soon as it is done: memory follows a batch (or the largest file), not the whole run. `--format
    /// json` over several files streams one array, element by element, byte for byte what one
    /// `to_string_pretty` of the whole array would print.
    fn scan(
        lens: &Lens,
        format: ScanFormat,
        types: Option<Vec<EntityType>>,
        files: &[String],
        threads: usize,
        extra: &Extra,
    ) -> ExitCode {
        use crate::articles::{par_map_ordered, BATCH_ARTICLES, BATCH_BYTES};
        let opts = ScanOptions { types };
        let stdout = std::io::stdout();
        let color = stdout.is_terminal() && std::env::var_os("NO_COLOR").is_none();
        let mut out = std::io::BufWriter::new(stdout.lock());
        let job = FileJob {
            lens,
            opts: &opts,
            format,
            color,
            several: files.len() > 1,
            extra,
        };
        let size = |p: &String| std::fs::metadata(p).map_or(0, |m| m.len() as usize) + 64;
        let mut failed = false;
        // `--format json`: elements of the array written so far (`None`: one file, one object).
        let mut array = (matches!(format, ScanFormat::Json) && job.several).then_some(0usize);
        let mut rest = files;
        while !rest.is_empty() {
            let (mut n, mut bytes) = (0, 0);
            while n < rest.len() && n < BATCH_ARTICLES && (n == 0 || bytes < BATCH_BYTES) {
                bytes += size(&rest[n]);
                n += 1;
            }
            let (batch, tail) = rest.split_at(n);
            rest = tail;
            let done = par_map_ordered(batch, threads, size, |path| job.run(path));
            for (path, r) in batch.iter().zip(done) {
                let w = match (r, format) {
                    (Err(FileError::Export(e)), _) => {
                        eprintln!("factionlens: {e}");
                        return ExitCode::from(2);
                    }
                    (Err(FileError::Read(e)), _) => {
                        eprintln!("factionlens: {e}");
                        failed = true;
                        if matches!(format, ScanFormat::Json) && array.is_none() {
                            array = Some(0); // one unreadable file: an empty array, as before
                        }
                        if matches!(format, ScanFormat::Jsonl) {
                            let line = serde_json::json!({"file": path, "error": e});
                            writeln!(out, "{line}")
                        } else {
                            Ok(())
                        }
                    }
                    (Ok(s), ScanFormat::Json) => {
                        let s = String::from_utf8(s).expect("the JSON printer writes UTF-8");
                        match &mut array {
                            None => writeln!(out, "{s}"),
                            Some(k) => {
                                *k += 1;
                                let sep = if *k == 1 { "[\n  " } else { ",\n  " };
                                write!(out, "{sep}{}", s.replace('\n', "\n  "))
                            }
                        }
                    }
                    (Ok(s), _) => out.write_all(&s),
                };
                if w.is_err() {
                    return ExitCode::from(1); // broken pipe
                }
            }
            if out.flush().is_err() {
                return ExitCode::from(1);
            }
        }
        let end = match array {
            Some(0) => writeln!(out, "[]"),
            Some(_) => writeln!(out, "\n]"),
            None => Ok(()),
        };
        if end.and_then(|()| out.flush()).is_err() {
            return ExitCode::from(1);
        }
        if failed {
            ExitCode::from(1)
        } else {
            ExitCode::SUCCESS
        }
    }

    /// What scanning one file needs; shared by the worker threads of [`scan`].
    struct FileJob<'a> {
        lens: &'a Lens,
        opts: &'a ScanOptions,
        format: ScanFormat,
        color: bool,
        /// Several files: JSON documents carry their `file`, text output a `==> file <==` header.
        several: bool,
        extra: &'a Extra,
    }

    /// Why a file has no output.
    enum FileError {
        /// It could not be read (the others go on; exit code 1).
        Read(String),
        /// Its export failed (the run stops; exit code 2).
        Export(String),
    }

    impl FileJob<'_> {
        /// Reads, scans and renders one file: the bytes to write for it (for `--format json`, the
        /// pretty-printed document, without its trailing line break), or why there is none.
        fn run(&self, path: &String) -> Result<Vec<u8>, FileError> {
            let text = read(path).map_err(FileError::Read)?;
            let lens = self.lens;
            let failed = |e: factionlens::Error| FileError::Read(format!("{path}: {e}"));
            // Each format scans as it needs: JSON lines from views of the mentions (no string copied
            // per mention), the others from owned mentions.
            let owned = || lens.try_scan_with(&text, self.opts).map_err(failed);
            Ok(match self.format {
                ScanFormat::Jsonl => {
                    use crate::output::{json_line, Origin};
                    let mentions = lens.try_scan_refs_with(&text, self.opts).map_err(failed)?;
                    let entities = lens.summarize_refs(&mentions);
                    let mut line = Vec::with_capacity(mentions.len() * 200 + 256);
                    json_line(&mut line, &mentions, &entities, Origin::File(path));
                    line
                }
                ScanFormat::Json => {
                    use crate::output::{json_pretty, Origin};
                    let mentions = owned()?;
                    let entities = lens.summarize(&mentions);
                    let origin = if self.several {
                        Origin::File(path)
                    } else {
                        Origin::None
                    };
                    json_pretty(&mentions, &entities, origin).into_bytes()
                }
                ScanFormat::Text => {
                    let mentions = owned()?;
                    let mut s = String::new();
                    if self.several {
                        s.push_str(&format!("==> {path} <==\n"));
                    }
                    s.push_str(&render::terminal(&text, &mentions, self.color));
                    if !s.ends_with('\n') {
                        s.push('\n');
                    }
                    s.into_bytes()
                }
                ScanFormat::Html => {
                    let mentions = owned()?;
                    render::standalone_page(path, &text, &mentions, lens.knowledge_base())
                        .into_bytes()
                }
                ScanFormat::Csv => {
                    let mentions = owned()?;
                    let opts = render::CsvOptions {
                        excel: self.extra.excel,
                    };
                    render::mentions_csv(&text, &mentions, &opts).into_bytes()
                }
                ScanFormat::Jsonld => {
                    let mentions = owned()?;
                    let source = self.extra.source.as_deref();
                    (annotations(lens, path, &text, &mentions, source)
                        .map_err(FileError::Export)?
                        + "\n")
                        .into_bytes()
                }
            })
        }
    }

    fn print_patterns(lens: &Lens, with_names: bool, keys: bool) -> ExitCode {
        let matcher = lens.matcher();
        let kb = lens.knowledge_base();
        let mut out = std::io::BufWriter::new(std::io::stdout().lock());
        let rows: Vec<(String, Vec<factionlens::matcher::Candidate>)> = if keys {
            lens.keys()
                .into_iter()
                .enumerate()
                .map(|(p, k)| (k, matcher.candidates(p as u32).to_vec()))
                .collect()
        } else {
            lens.spellings()
        };
        for (spelling, cands) in &rows {
            let r = if with_names {
                cands.iter().try_for_each(|c| {
                    let n = matcher.names().get(c.name as usize);
                    let kind = serde_json::to_value(n.kind).ok();
                    let kind = kind.as_ref().and_then(|k| k.as_str()).unwrap_or("");
                    let origin = if c.variant { "variant" } else { "name" };
                    writeln!(
                        out,
                        "{spelling}\t{}\t{kind}\t{origin}\t{}",
                        kb.at(n.entity as usize).id,
                        n.text
                    )
                })
            } else {
                writeln!(out, "{spelling}")
            };
            if r.is_err() {
                return ExitCode::from(1); // broken pipe
            }
        }
        if out.flush().is_err() {
            return ExitCode::from(1);
        }
        ExitCode::SUCCESS
    }

    fn print_kb(lens: &Lens, format: KbFormat) -> ExitCode {
        let kb = lens.knowledge_base();
        let mut out = std::io::BufWriter::new(std::io::stdout().lock());
        let r = match format {
            // An object, not a bare array, so the KB's as-of date travels with it; the dictionary
            // loader reads this shape back (`{"entities": [...]}`).
            KbFormat::Json => writeln!(
                out,
                "{}",
                serde_json::to_string_pretty(&serde_json::json!({
                    "as_of": kb.as_of(),
                    "entities": kb.entities(),
                }))
                .unwrap_or_default()
            ),
            KbFormat::Text => {
                let mut s = format!(
                    "{} entities, {} keys in the automaton\n",
                    kb.len(),
                    lens.matcher().pattern_count()
                );
                if let Some(d) = kb.as_of() {
                    s.push_str(&format!("Facts as of {d}\n"));
                }
                for (i, e) in kb.entities().iter().enumerate() {
                    s.push_str(&format!(
                        "\n{} [{}] {}  ({})\n",
                        e.id,
                        e.kind,
                        e.name,
                        kb.origin(i)
                    ));
                    for (field, names) in e.name_fields().into_iter().skip(1) {
                        if !names.is_empty() {
                            s.push_str(&format!("  {field}: {}\n", names.join(" | ")));
                        }
                    }
                    if let Some(q) = &e.wikidata {
                        s.push_str(&format!("  wikidata: {q}\n"));
                    }
                    if let Some(st) = &e.status {
                        let date = st.date.as_deref().unwrap_or("");
                        s.push_str(&format!("  status: {} {date}\n", st.state.as_str()));
                    }
                    for r in &e.roles {
                        let span = match (&r.from, &r.until) {
                            (None, None) => String::new(),
                            (f, u) => format!(
                                " ({}–{})",
                                f.as_deref().unwrap_or(""),
                                u.as_deref().unwrap_or("")
                            ),
                        };
                        s.push_str(&format!("  {} of {}{span}\n", r.role.as_str(), r.of));
                    }
                    for r in &e.relations {
                        s.push_str(&format!("  {} → {}\n", r.rel.as_str(), r.target));
                    }
                    for d in &e.designations {
                        s.push_str(&format!(
                            "  {:?} {} {} by {}\n",
                            d.action, d.list, d.date, d.by
                        ));
                    }
                }
                write!(out, "{s}")
            }
        };
        if r.is_err() {
            return ExitCode::from(1);
        }
        ExitCode::SUCCESS
    }
}

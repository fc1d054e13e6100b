//! The FactionLens command line: scan articles, inspect the knowledge base.
//!
//! ```text
//! factionlens scan [--format json|jsonl|text|html] [--types T,…] [--dict FILE]… [--replace-kb] FILE… | -
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
            #[command(flatten)]
            dicts: Dicts,
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
        /// Print every spelling the automaton searches for, one per line: folded (lower case, no
        /// apostrophes, hyphens as spaces), with every generated variant (for benchmarks and other tools).
        Patterns {
            /// One line per name a spelling stands for, tab-separated: spelling, entity id, name kind,
            /// `name` (the name's own spelling) or `variant` (a generated one), the name as written.
            #[arg(long)]
            names: bool,
            #[command(flatten)]
            dicts: Dicts,
        },
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
        /// A custom dictionary (.json, .toml, .csv, or FollowTheMoney .jsonl/.ftm); repeatable.
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
                dicts,
                files,
            } => {
                let Some(lens) = load_lens(&dicts) else {
                    return ExitCode::from(2);
                };
                scan(&lens, format, types, &files)
            }
            Command::Kb { format, dicts } => {
                let Some(lens) = load_lens(&dicts) else {
                    return ExitCode::from(2);
                };
                print_kb(&lens, format)
            }
            Command::Patterns { names, dicts } => {
                let Some(lens) = load_lens(&dicts) else {
                    return ExitCode::from(2);
                };
                print_patterns(&lens, names)
            }
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
                eval(&lens, &dir, json, min_precision, min_recall)
            }
        }
    }

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

    fn load_lens(d: &Dicts) -> Option<Lens> {
        let mut lens = if d.replace_kb {
            Lens::new(factionlens::KnowledgeBase::empty())
        } else {
            Lens::builtin()
        };
        for (i, path) in d.dict.iter().enumerate() {
            let Some(format) = Format::from_path(path) else {
                eprintln!("factionlens: {path}: unknown dictionary extension (use .json, .toml, .csv, .jsonl or .ftm)");
                return None;
            };
            let text = match read(path) {
                Ok(t) => t,
                Err(e) => {
                    eprintln!("factionlens: {e}");
                    return None;
                }
            };
            let mode = if d.replace_kb && i == 0 {
                MergeMode::Replace
            } else {
                MergeMode::Merge
            };
            if let Err(e) = lens.load_dictionary(&text, format, path, mode) {
                eprintln!("factionlens: {e}");
                return None;
            }
        }
        Some(lens)
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

    fn scan(
        lens: &Lens,
        format: ScanFormat,
        types: Option<Vec<EntityType>>,
        files: &[String],
    ) -> ExitCode {
        let opts = ScanOptions { types };
        let mut failed = false;
        let stdout = std::io::stdout();
        let color = stdout.is_terminal() && std::env::var_os("NO_COLOR").is_none();
        let mut out = std::io::BufWriter::new(stdout.lock());
        let mut batch = Vec::new();
        for path in files {
            let text = match read(path) {
                Ok(t) => t,
                Err(e) => {
                    eprintln!("factionlens: {e}");
                    failed = true;
                    if matches!(format, ScanFormat::Jsonl) {
                        let line = serde_json::json!({"file": path, "error": e});
                        let _ = writeln!(out, "{line}");
                    }
                    continue;
                }
            };
            let mentions = match lens.try_scan_with(&text, &opts) {
                Ok(m) => m,
                Err(e) => {
                    eprintln!("factionlens: {path}: {e}");
                    failed = true;
                    continue;
                }
            };
            let entities = lens.summarize(&mentions);
            let r = match format {
                ScanFormat::Json => {
                    batch.push(serde_json::json!({"file": path, "mentions": mentions, "entities": entities}));
                    Ok(())
                }
                ScanFormat::Jsonl => {
                    let line = serde_json::json!({"file": path, "mentions": mentions, "entities": entities});
                    writeln!(out, "{line}")
                }
                ScanFormat::Text => {
                    let mut s = String::new();
                    if files.len() > 1 {
                        s.push_str(&format!("==> {path} <==\n"));
                    }
                    s.push_str(&render::terminal(&text, &mentions, color));
                    if !s.ends_with('\n') {
                        s.push('\n');
                    }
                    write!(out, "{s}")
                }
                ScanFormat::Html => write!(
                    out,
                    "{}",
                    render::standalone_page(path, &text, &mentions, lens.knowledge_base())
                ),
            };
            if r.is_err() {
                return ExitCode::from(1); // broken pipe
            }
        }
        if let ScanFormat::Json = format {
            let doc = if batch.len() == 1 && files.len() == 1 {
                let mut one = batch.pop().unwrap();
                one.as_object_mut().map(|o| o.remove("file"));
                one
            } else {
                serde_json::Value::Array(batch)
            };
            let _ = writeln!(
                out,
                "{}",
                serde_json::to_string_pretty(&doc).unwrap_or_default()
            );
        }
        let _ = out.flush();
        if failed {
            ExitCode::from(1)
        } else {
            ExitCode::SUCCESS
        }
    }

    fn print_patterns(lens: &Lens, with_names: bool) -> ExitCode {
        let matcher = lens.matcher();
        let kb = lens.knowledge_base();
        let mut out = std::io::BufWriter::new(std::io::stdout().lock());
        for (p, spelling) in lens.spellings().iter().enumerate() {
            let r = if with_names {
                matcher.candidates(p as u32).iter().try_for_each(|c| {
                    let n = &matcher.names()[c.name as usize];
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
            KbFormat::Json => writeln!(
                out,
                "{}",
                serde_json::to_string_pretty(kb.entities()).unwrap_or_default()
            ),
            KbFormat::Text => {
                let mut s = format!(
                    "{} entities, {} spellings in the automaton\n",
                    kb.len(),
                    lens.matcher().pattern_count()
                );
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

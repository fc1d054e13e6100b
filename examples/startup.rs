//! Start-up profile of the built-in lens, stage by stage: `cargo run --release --example startup [RUNS]`.
//!
//! Splits `Lens::builtin()` into what it does on every start — decode the built-in KB, read the variant
//! rules, fold and expand every name into the pattern tables, build the key index — then times
//! `Lens::warm` (the automaton's build, which a lens leaves for later: `warmMs`), and a lens read back
//! from its compiled bytes (`Lens::from_compiled`), and prints the
//! number of folded spellings (`Matcher::spellings`, what `foldExpandMs` times; a tool's view) and of the
//! automaton's patterns (romanization keys), and the
//! median of each over RUNS runs (default 21) in one process, as JSON. With `--text FILE` after RUNS it
//! also times one scan of FILE by a new lens (on the key index: `scanIndexMs`) and by a warmed one
//! (`scanAutomatonMs`), the figures [`factionlens::matcher::WARM_AFTER`] is chosen from. With `--dict FILE` it profiles a
//! user dictionary instead (once): parsing and validating it, then building the lens over it. The numbers are recorded in
//! BENCHMARKS.md (issue 15); this is a measuring tool, not a test.

use factionlens::matcher::Matcher;
use factionlens::variants::VariantRules;
use factionlens::{KnowledgeBase, Lens};
use std::time::Instant;

fn median(mut v: Vec<f64>) -> f64 {
    v.sort_by(f64::total_cmp);
    v[v.len() / 2]
}

fn ms<T>(f: impl FnOnce() -> T) -> (T, f64) {
    let t = Instant::now();
    let x = f();
    (x, t.elapsed().as_secs_f64() * 1e3)
}

fn dict(path: &str) {
    let text = std::fs::read_to_string(path).expect("read the dictionary");
    let format = factionlens::Format::from_path(path).expect("a known dictionary extension");
    let (records, t_parse) = ms(|| {
        factionlens::kb::parse_dictionary_with_warnings(&text, format, path, &|_| false)
            .expect("a valid dictionary")
            .0
    });
    let entities = records.len();
    let mut kb = KnowledgeBase::empty();
    kb.extend(records, path);
    // Lens::new applies the key budget (KEY_BUDGET) that a bare Matcher::build would not.
    let (lens, t_lens) = ms(|| Lens::new(kb));
    let (bytes, t_to) = ms(|| lens.to_compiled());
    let (_again, t_from) = ms(|| Lens::from_compiled(&bytes).expect("read back"));
    println!(
        "{{\"entities\":{entities},\"patterns\":{},\"parseValidateMs\":{t_parse:.1},\"lensBuildMs\":{t_lens:.1},\"compiledBytes\":{},\"toCompiledMs\":{t_to:.1},\"fromCompiledMs\":{t_from:.1}}}",
        lens.matcher().pattern_count(),
        bytes.len()
    );
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    if args.get(1).is_some_and(|a| a == "--dict") {
        return dict(args.get(2).expect("--dict FILE"));
    }
    let runs: usize = std::env::args()
        .nth(1)
        .map_or(21, |a| a.parse().expect("RUNS is a number"));
    let text = match (args.get(2).map(String::as_str), args.get(3)) {
        (Some("--text"), Some(path)) => Some(std::fs::read_to_string(path).expect("read the text")),
        _ => None,
    };
    let (mut kb_ms, mut rules_ms, mut tables_ms, mut build_ms, mut lens_ms) =
        (vec![], vec![], vec![], vec![], vec![]);
    let (mut warm_ms, mut scan_index_ms, mut scan_automaton_ms) = (vec![], vec![], vec![]);
    let mut from_ms = vec![];
    let compiled = Lens::builtin().to_compiled();
    let (mut spellings_n, mut patterns) = (0, 0);
    for _ in 0..runs {
        let (kb, t) = ms(KnowledgeBase::builtin);
        kb_ms.push(t);
        let (rules, t) = ms(VariantRules::builtin);
        rules_ms.push(t);
        let (spellings, t) = ms(|| Matcher::spellings(&kb, &rules));
        tables_ms.push(t);
        spellings_n = spellings.len();
        // Matcher::build derives the tables again, then builds the key index: the index is the rest.
        let (m, t) = ms(|| Matcher::build(&kb, &rules));
        patterns = m.pattern_count();
        build_ms.push(t);
        let (lens, t) = ms(Lens::builtin);
        lens_ms.push(t);
        assert!(!lens.scan("Kataib Hezbollah").is_empty());
        if let Some(text) = &text {
            let (a, t) = ms(|| lens.scan_spans(text));
            scan_index_ms.push(t);
            assert!(
                !lens.matcher().is_warm(),
                "the text passes WARM_AFTER: take a shorter one"
            );
            let (warm, t) = ms(|| lens.warm());
            warm_ms.push(t);
            assert!(warm);
            let (b, t) = ms(|| lens.scan_spans(text));
            scan_automaton_ms.push(t);
            assert_eq!(a, b, "both engines find the same");
        } else {
            let (warm, t) = ms(|| lens.warm());
            warm_ms.push(t);
            assert!(warm);
        }
        let (again, t) = ms(|| Lens::from_compiled(&compiled).expect("read back"));
        from_ms.push(t);
        assert!(!again.scan("Kataib Hezbollah").is_empty());
    }
    let tables = median(tables_ms);
    let build = median(build_ms);
    let scans = if text.is_some() {
        format!(
            ",\"scanIndexMs\":{:.3},\"scanAutomatonMs\":{:.3}",
            median(scan_index_ms),
            median(scan_automaton_ms)
        )
    } else {
        String::new()
    };
    println!(
        "{{\"runs\":{runs},\"spellings\":{spellings_n},\"patterns\":{patterns},\"kbDecodeMs\":{:.3},\"rulesParseMs\":{:.3},\"foldExpandMs\":{tables:.3},\"indexMs\":{:.3},\"matcherBuildMs\":{build:.3},\"lensBuiltinMs\":{:.3},\"warmMs\":{:.3},\"compiledBytes\":{},\"fromCompiledMs\":{:.3}{scans}}}",
        median(kb_ms),
        median(rules_ms),
        build - tables,
        median(lens_ms),
        median(warm_ms),
        compiled.len(),
        median(from_ms),
    );
}

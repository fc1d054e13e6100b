//! The yardstick of the CLI's end-to-end throughput (issue 15: "CLI end to end vs the `aho-corasick`
//! crate alone, DFA, the same folded spellings, the same text"): the `aho-corasick` crate's DFA over the
//! spellings `factionlens patterns` prints, counting its leftmost-longest matches in one pass over a text.
//!
//! Why it exists: the CLI does far more than find spellings (fold, keys, boundary and case checks,
//! document-level resolution, JSON output); this measures what the search alone costs, on the same
//! bytes, so `bench/native.mjs` can put the two side by side. Usage:
//!
//! ```text
//! cargo run --release --example bare_dfa -- SPELLINGS TEXT [--folded] [--runs N]
//! ```
//!
//! `SPELLINGS`: one spelling a line (a tab ends it, so `factionlens patterns --names` works too; repeats
//! are dropped). The DFA is built leftmost-longest, like the matcher's automaton. The text is given:
//! * by default as it is (the same bytes the CLI reads), searched ASCII-case-insensitively, since the
//!   spellings are lower case: the DFA then misses what only a fold finds (`Kata'ib`, hyphens, Arabic
//!   diacritics), and finds spellings inside longer words, which the CLI refuses;
//! * with `--folded`, folded first (`factionlens::fold::fold`, the CLI's fold without keys) and searched
//!   case-sensitively: the DFA sees the spellings as the CLI's search does, and the fold's time is
//!   reported apart (`fold_ms`), not counted in the search.
//!
//! Prints one JSON object: bytes, patterns, mode, build time, each run's search time (ms), matches.

use aho_corasick::{AhoCorasick, AhoCorasickKind, MatchKind};

fn fail(msg: &str) -> ! {
    eprintln!("bare_dfa: {msg}");
    eprintln!("usage: bare_dfa SPELLINGS TEXT [--folded] [--runs N]");
    std::process::exit(2);
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let folded = args.iter().any(|a| a == "--folded");
    let runs = match args.iter().position(|a| a == "--runs") {
        None => 1,
        Some(i) => match args.get(i + 1).map(|s| s.parse::<usize>()) {
            Some(Ok(n)) if n > 0 => n,
            _ => fail("--runs takes a positive number"),
        },
    };
    let files: Vec<&String> = args
        .iter()
        .enumerate()
        .filter(|(i, a)| !a.starts_with("--") && (*i == 0 || args[i - 1] != "--runs"))
        .map(|(_, a)| a)
        .collect();
    let [spellings, text] = files.as_slice() else {
        fail("two files expected")
    };
    let read = |p: &str| std::fs::read_to_string(p).unwrap_or_else(|e| fail(&format!("{p}: {e}")));
    let list = read(spellings);
    let mut patterns: Vec<&str> = list
        .lines()
        .map(|l| l.split('\t').next().unwrap_or(""))
        .filter(|s| !s.is_empty())
        .collect();
    patterns.sort_unstable();
    patterns.dedup();
    let raw = read(text);

    let t = std::time::Instant::now();
    let hay = if folded {
        factionlens::fold::fold(&raw).as_str().to_string()
    } else {
        String::new()
    };
    let fold_ms = t.elapsed().as_secs_f64() * 1e3;
    let hay = if folded { hay.as_str() } else { raw.as_str() };

    let t = std::time::Instant::now();
    let ac = AhoCorasick::builder()
        .kind(Some(AhoCorasickKind::DFA))
        .match_kind(MatchKind::LeftmostLongest)
        .ascii_case_insensitive(!folded)
        .build(&patterns)
        .unwrap_or_else(|e| fail(&format!("DFA build: {e}")));
    let build_ms = t.elapsed().as_secs_f64() * 1e3;

    let mut times = Vec::with_capacity(runs);
    let mut matches = 0usize;
    for _ in 0..runs {
        let t = std::time::Instant::now();
        matches = std::hint::black_box(ac.find_iter(std::hint::black_box(hay)).count());
        times.push(t.elapsed().as_secs_f64() * 1e3);
    }
    let times: Vec<String> = times.iter().map(|t| format!("{t:.3}")).collect();
    println!(
        "{{\"bytes\":{},\"searched_bytes\":{},\"patterns\":{},\"mode\":\"{}\",\"fold_ms\":{},\"build_ms\":{build_ms:.3},\"memory\":{},\"search_ms\":[{}],\"matches\":{matches}}}",
        raw.len(),
        hay.len(),
        patterns.len(),
        if folded { "folded" } else { "raw" },
        if folded { format!("{fold_ms:.3}") } else { "null".into() },
        ac.memory_usage(),
        times.join(",")
    );
}

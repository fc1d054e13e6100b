//! Scans one file N times with the built-in lens (or an empty lens that loaded the CSV dictionary of
//! `FL_DICT`) and prints the mentions per scan and the fastest, the first-quartile and the median scan
//! time; the lens build time and automaton size go to stderr.
//!
//! Why it exists: a driver small enough to run under `valgrind --tool=callgrind`, whose instruction count
//! does not depend on the machine's load (BENCHMARKS.md, "Romanization keys": the count for N = 3 minus
//! the count for N = 1, halved, is the cost of one scan). Usage:
//! `cargo run --release --example scan_repeat -- FILE [N]`; `FL_DICT=dict-100k.csv cargo run …` for a
//! big dictionary (issue 15 P3: its scan throughput against the built-in KB's).

fn main() {
    let mut args = std::env::args().skip(1);
    let Some(path) = args.next() else {
        eprintln!("usage: scan_repeat FILE [N]");
        std::process::exit(2);
    };
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| {
        eprintln!("{path}: {e}");
        std::process::exit(2);
    });
    let n: usize = match args.next().map(|s| s.parse()) {
        None => 1,
        Some(Ok(n)) if n > 0 => n,
        Some(_) => {
            eprintln!("N must be a positive number");
            std::process::exit(2);
        }
    };
    let t0 = std::time::Instant::now();
    let lens = match std::env::var("FL_DICT") {
        Err(_) => factionlens::Lens::builtin(),
        Ok(dict) => {
            let csv = std::fs::read_to_string(&dict).unwrap_or_else(|e| {
                eprintln!("{dict}: {e}");
                std::process::exit(2);
            });
            let mut lens = factionlens::Lens::new(factionlens::KnowledgeBase::empty());
            let merge = factionlens::MergeMode::Merge;
            if let Err(e) = lens.load_dictionary(&csv, factionlens::Format::Csv, &dict, merge) {
                eprintln!("{dict}: {e}");
                std::process::exit(2);
            }
            lens
        }
    };
    eprintln!(
        "build {:?}, automaton {} bytes, {} patterns",
        t0.elapsed(),
        lens.matcher().memory_usage(),
        lens.matcher().pattern_count()
    );
    let cpu0 = cpu_ms();
    let mut times = Vec::with_capacity(n);
    let mut count = 0;
    for _ in 0..n {
        let t = std::time::Instant::now();
        count = std::hint::black_box(lens.scan_spans(&text)).len();
        times.push(t.elapsed().as_secs_f64() * 1e3);
    }
    let cpu = cpu_ms().zip(cpu0).map(|(b, a)| (b - a) / n as f64);
    times.sort_by(f64::total_cmp);
    println!(
        "{count} mentions, min {:.2} ms, p25 {:.2} ms, median {:.2} ms{}",
        times[0],
        times[n / 4],
        times[n / 2],
        cpu.map_or(String::new(), |c| format!(", CPU {c:.2} ms per scan"))
    );
}

/// The process's CPU time (user + system) in milliseconds, from `/proc/self/stat` (Linux; 10 ms
/// ticks): on a loaded machine the wall clock stretches with the load, this much less.
fn cpu_ms() -> Option<f64> {
    let stat = std::fs::read_to_string("/proc/self/stat").ok()?;
    // The fields after the command name (which may hold spaces), from the state on (field 3).
    let rest = &stat[stat.rfind(')')? + 2..];
    let f: Vec<&str> = rest.split(' ').collect();
    let ticks = f.get(11)?.parse::<f64>().ok()? + f.get(12)?.parse::<f64>().ok()?;
    Some(ticks * 10.0)
}

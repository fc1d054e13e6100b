//! Scans one file N times with the built-in lens and prints the mentions per scan and the fastest, the
//! first-quartile and the median scan time; the lens build time and automaton size go to stderr.
//!
//! Why it exists: a driver small enough to run under `valgrind --tool=callgrind`, whose instruction count
//! does not depend on the machine's load (BENCHMARKS.md, "Romanization keys": the count for N = 3 minus
//! the count for N = 1, halved, is the cost of one scan). Usage:
//! `cargo run --release --example scan_repeat -- FILE [N]`.

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
    let lens = factionlens::Lens::builtin();
    eprintln!(
        "build {:?}, automaton {} bytes, {} patterns",
        t0.elapsed(),
        lens.matcher().memory_usage(),
        lens.matcher().pattern_count()
    );
    let mut times = Vec::with_capacity(n);
    let mut count = 0;
    for _ in 0..n {
        let t = std::time::Instant::now();
        count = std::hint::black_box(lens.scan_spans(&text)).len();
        times.push(t.elapsed().as_secs_f64() * 1e3);
    }
    times.sort_by(f64::total_cmp);
    println!(
        "{count} mentions, min {:.2} ms, p25 {:.2} ms, median {:.2} ms",
        times[0],
        times[n / 4],
        times[n / 2]
    );
}

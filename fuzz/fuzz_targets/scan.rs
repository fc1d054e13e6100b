//! Arbitrary bytes, read as lossy UTF-8, scanned with the built-in lens: spans exact and disjoint,
//! UTF-16 and UTF-8 offsets in agreement (see `checks::check_mentions`).
#![no_main]

use libfuzzer_sys::fuzz_target;

#[path = "../checks.rs"]
mod checks;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    checks::check_scan(checks::builtin(), &text);
});

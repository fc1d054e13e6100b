//! Arbitrary text loaded as a JSON dictionary: never panics; if it loads, a scan of the input and
//! its names keeps the scan invariants (see `checks::check_dictionary`).
#![no_main]

use factionlens::Format;
use libfuzzer_sys::fuzz_target;

#[path = "../checks.rs"]
mod checks;

fuzz_target!(|data: &[u8]| {
    checks::check_dictionary(&String::from_utf8_lossy(data), Format::Json);
});

//! Arbitrary bytes, read as lossy UTF-8, folded: the offset map covers every folded byte and points at
//! char boundaries of the original, in order (see `checks::check_fold`).
#![no_main]

use libfuzzer_sys::fuzz_target;

#[path = "../checks.rs"]
mod checks;

fuzz_target!(|data: &[u8]| {
    checks::check_fold(&String::from_utf8_lossy(data));
});

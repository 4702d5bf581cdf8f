#![no_main]
//! See `sidenote_fuzz_checks::notes_omnivore` for the input layout and what is checked.

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| sidenote_fuzz_checks::notes_omnivore(data));

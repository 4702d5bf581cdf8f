#![no_main]
//! See `sidenote_fuzz_checks::passage_link` for what is checked.

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| sidenote_fuzz_checks::passage_link(data));

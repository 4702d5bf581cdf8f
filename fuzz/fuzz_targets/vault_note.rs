#![no_main]
//! See `sidenote_fuzz_checks::vault_note` for what is checked.

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| sidenote_fuzz_checks::vault_note(data));

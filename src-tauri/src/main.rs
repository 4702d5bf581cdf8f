//! `sidenote`: with no subcommand, the desktop app; with one, a headless CLI.
//! Headless subcommands are handled before any GUI code runs, so they work
//! without a display.

// No console window on Windows release builds; the CLI still prints when run from a terminal.
#![cfg_attr(all(not(debug_assertions), target_os = "windows"), windows_subsystem = "windows")]

mod app;
mod browser;
mod cli;
mod error;
mod library_dir;
mod startup_marks;

use std::process::ExitCode;

use clap::Parser;

fn main() -> ExitCode {
    startup_marks::mark("main");
    // A browser starting its native-messaging host passes arguments of its own.
    let argv: Vec<std::ffi::OsString> = std::env::args_os().collect();
    if let Some(caller) = browser::caller_from_args(&argv) {
        init_tracing();
        return browser::run_host(caller);
    }
    let args = cli::Args::parse();
    init_tracing();
    match args.command {
        Some(command) => {
            quit_quietly_on_closed_pipe();
            cli::run(args.library.as_deref(), command)
        }
        None => {
            startup_marks::mark("args-parsed");
            let (files, link) = app::launch_arguments(args.files);
            app::run(args.library.as_deref(), files, link)
        }
    }
}

/// `sidenote list | head` closes our standard output early. Rust ignores
/// SIGPIPE, so the next print panicked with "Broken pipe"; a command-line
/// tool should stop quietly instead, as Unix tools do.
fn quit_quietly_on_closed_pipe() {
    #[cfg(unix)]
    // SAFETY: restoring a signal's default disposition, before any thread
    // that could be writing is started, has no memory-safety effect.
    unsafe {
        libc::signal(libc::SIGPIPE, libc::SIG_DFL);
    }
}

fn init_tracing() {
    let filter = tracing_subscriber::EnvFilter::try_from_env("SIDENOTE_LOG").unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("warn"));
    let _ = tracing_subscriber::fmt().with_env_filter(filter).with_writer(std::io::stderr).try_init();
}

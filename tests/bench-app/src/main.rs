//! Whole-app benchmark of Sidenote: start-up, memory, opening a 1 MB article
//! with 2,000 highlights and 500 notes, adding a highlight, laying out the
//! margin notes and scrolling, measured in the real app under X (run it under
//! `xvfb-run -a`), with a minimal Tauri window as the baseline in the same run.
//!
//! Prints one JSON row per figure on stdout (see report.rs); progress goes to
//! stderr. Method notes: tests/bench-app/README.md.
#![allow(clippy::unwrap_used, clippy::expect_used, reason = "test and benchmark code: a panic with its message is the failure report")]

mod binaries;
mod bisect;
mod error;
mod launch;
mod library;
mod procs;
mod report;
mod rows;
mod scenario;
mod startup;
mod textgen;
mod timeline_tab;

use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::{Duration, Instant};

use error::BenchError;
use launch::{Direct, LaunchDirs, Session};
use procs::ProcMemory;
use sidenote_core::Library;

/// Everything one benchmark run collects.
#[derive(Default)]
pub struct Samples {
    pub app_start: Vec<scenario::Startup>,
    pub minimal_start: Vec<scenario::Startup>,
    pub opens: Vec<scenario::Opened>,
    pub adds: Vec<scenario::Added>,
    pub layouts: Vec<(f64, u64)>,
    pub scroll_work: Vec<f64>,
    pub scroll_interval: Vec<f64>,
    /// The same article HTML scrolled in the minimal window (no highlights, no app).
    pub minimal_scroll_work: Vec<f64>,
    /// The article's HTML put into the minimal window's page, until painted.
    pub minimal_plain_open: Vec<f64>,
    /// A passage wrapped in a <mark> in the minimal window: the change and its frame.
    pub minimal_adds: Vec<f64>,
    pub minimal_scroll_interval: Vec<f64>,
    /// The fair baseline (issue 24): the same HTML with the same 2,000 spans
    /// as plain `<mark>`s in the minimal window, scrolled the same way.
    pub marked_scroll_work: Vec<f64>,
    pub marked_scroll_interval: Vec<f64>,
    /// The fair baseline moved into an element that scrolls (`overflow: auto`),
    /// as the reader's article scrolls, instead of the document.
    pub overflow_scroll_work: Vec<f64>,
    pub overflow_scroll_interval: Vec<f64>,
    /// Marks made for the fair baseline, and the time to make and paint them.
    pub marked: Vec<(u64, f64)>,
    /// Memory with the article open, both windows driven by WebDriver: the
    /// app with its 2,000 highlights drawn, the minimal window with the marks.
    pub app_memory_driven: Vec<Vec<ProcMemory>>,
    pub marked_memory: Vec<Vec<ProcMemory>>,
    pub app_memory: Vec<Vec<ProcMemory>>,
    pub minimal_memory: Vec<Vec<ProcMemory>>,
    pub article_text_bytes: usize,
    pub article_html_bytes: usize,
    /// The 1.5 MB EPUB book opened from the library: (first screens, all laid out) ms.
    pub book_opens: Vec<(f64, f64)>,
    /// The same text as a .txt article, opened the same way.
    pub book_txt_opens: Vec<(f64, f64)>,
    pub book_text_bytes: usize,
    /// A page with 20 images imported through Open URL (#23).
    pub galleries: Vec<scenario::GallerySave>,
    /// The reader scrolled with parts of it turned off, per launch (bisect.rs).
    pub bisect: Vec<Vec<scenario::Scrolled>>,
    /// The Timeline tab over 500,000 events, or why it was not measured.
    pub timeline: Option<Result<timeline_tab::TimelineSamples, String>>,
}

fn env_usize(name: &str, default: usize) -> usize {
    std::env::var(name).ok().and_then(|v| v.parse().ok()).unwrap_or(default)
}

fn on_path(program: &str) -> bool {
    std::env::var_os("PATH").is_some_and(|p| std::env::split_paths(&p).any(|d| d.join(program).is_file()))
}

#[tokio::main]
async fn main() -> ExitCode {
    // reqwest (through sidenote-core) is built without a TLS provider; the
    // WebDriver client needs one installed, even for plain HTTP.
    let _ = rustls::crypto::ring::default_provider().install_default();
    let missing = if std::env::var_os("DISPLAY").is_none() {
        Some("no X display (run under xvfb-run -a)")
    } else if !on_path("WebKitWebDriver") {
        Some("WebKitWebDriver is not installed (package webkit2gtk-driver)")
    } else {
        None
    };
    if let Some(why) = missing {
        eprintln!("bench-app: skipped: {why}");
        rows::print_skipped(why);
        return ExitCode::SUCCESS;
    }
    // BENCH_APP_ONLY=timeline: the Timeline tab alone (no library of the reader's scenarios, no baseline window).
    let only_timeline = std::env::var("BENCH_APP_ONLY").is_ok_and(|v| v == "timeline");
    // BENCH_APP_ONLY=start: cold start and memory alone, taken apart (startup.rs); figures on stderr.
    if std::env::var("BENCH_APP_ONLY").is_ok_and(|v| v == "start") {
        return match run_start_only().await {
            Ok(()) => ExitCode::SUCCESS,
            Err(e) => {
                eprintln!("bench-app: failed: {e}");
                ExitCode::FAILURE
            }
        };
    }
    let measured = if only_timeline { run_timeline_only().await } else { run().await };
    match measured {
        Ok(samples) if only_timeline => {
            rows::print_timeline(&samples);
            ExitCode::SUCCESS
        }
        Ok(samples) => {
            rows::print(&samples);
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("bench-app: failed: {e}");
            rows::print_skipped(&format!("the benchmark failed: {e}"));
            ExitCode::FAILURE
        }
    }
}

async fn run() -> Result<Samples, BenchError> {
    let runs = env_usize("BENCH_APP_RUNS", 5).max(1);
    let work = tempfile::Builder::new().prefix("sidenote-bench-app-").tempdir().map_err(BenchError::io("create a temporary folder"))?;
    let bins = binaries::prepare(work.path())?;

    let t = Instant::now();
    eprintln!("bench-app: generating the library (1 MB article, 2,000 highlights, 500 notes)…");
    let template = library::build(&work.path().join("template"))?;
    eprintln!(
        "bench-app: library ready in {:.1} s ({} bytes of text, {} bytes of HTML)",
        t.elapsed().as_secs_f64(),
        template.big_text_bytes,
        template.big_html_bytes
    );
    let mut s = Samples {
        article_text_bytes: template.big_text_bytes,
        article_html_bytes: template.big_html_bytes,
        book_text_bytes: template.book_text_bytes,
        ..Samples::default()
    };
    // The test site of the image tests, on 127.0.0.1: its /gallery page has 20 photo-like PNGs.
    let site = sidenote_epub_builder::image_site::ImageSite::start();
    site.make_gallery_pictures();
    let gallery_url = site.url("/gallery");
    let app_xdg = work.path().join("xdg-app");
    let minimal_xdg = work.path().join("xdg-minimal");

    warm_up(&bins, &template, work.path(), &app_xdg, &minimal_xdg).await?;

    for run in 0..runs {
        // The baseline and the app alternate so that machine load affects both alike.
        let min = Session::start(&bins.minimal, &LaunchDirs { library: None, xdg: minimal_xdg.clone() }).await?;
        let measured = measure_minimal_session(&min, &template, &mut s).await;
        min.quit().await;
        measured?;

        let lib = copy_library(&template.dir, &work.path().join(format!("run-{run}")))?;
        let app = Session::start(&bins.app, &LaunchDirs { library: Some(lib), xdg: app_xdg.clone() }).await?;
        let measured = measure_app_session(&app, &template, &gallery_url, run, &mut s).await;
        app.quit().await;
        measured?;
        let last = |v: &[f64]| v.last().copied().unwrap_or(f64::NAN);
        eprintln!(
            "bench-app: run {}/{runs}: start {:.0} ms (minimal {:.0} ms), open {:.0} ms, last add {:.1}+{:.1} ms, last notes layout {:.1} ms, book {:.0} ms (.txt {:.0} ms)",
            run + 1,
            s.app_start.last().map_or(f64::NAN, |x| x.to_interactive_ms),
            s.minimal_start.last().map_or(f64::NAN, |x| x.to_interactive_ms),
            s.opens.last().map_or(f64::NAN, |x| x.ms),
            s.adds.last().map_or(f64::NAN, |x| x.draw_ms),
            s.adds.last().map_or(f64::NAN, |x| x.frame_ms),
            last(&s.layouts.iter().map(|l| l.0).collect::<Vec<_>>()),
            s.book_opens.last().map_or(f64::NAN, |x| x.0),
            s.book_txt_opens.last().map_or(f64::NAN, |x| x.0),
        );
    }

    let memory_runs = env_usize("BENCH_APP_MEMORY_RUNS", 3).max(1);
    for run in 0..memory_runs {
        eprintln!("bench-app: memory run {}/{memory_runs}", run + 1);
        let lib = copy_library(&template.dir, &work.path().join(format!("memory-{run}")))?;
        Library::open_dir(&lib)?.set_setting("lastArticle", &serde_json::json!(template.big_id))?;
        s.minimal_memory
            .push(settled_memory(&bins.minimal, &LaunchDirs { library: None, xdg: minimal_xdg.clone() }, "^Minimal window$").await?);
        let title = format!("^{} ", library::BIG_TITLE);
        s.app_memory.push(settled_memory(&bins.app, &LaunchDirs { library: Some(lib), xdg: app_xdg.clone() }, &title).await?);
        let lib = copy_library(&template.dir, &work.path().join(format!("memory-driven-{run}")))?;
        let dirs = [LaunchDirs { library: Some(lib), xdg: app_xdg.clone() }, LaunchDirs { library: None, xdg: minimal_xdg.clone() }];
        measure_driven_memory(&bins, &template, dirs, &mut s).await?;
    }
    s.timeline = Some(measure_timeline(&bins.app, &app_xdg, work.path()).await);
    Ok(s)
}

/// One unrecorded launch of each first: the binaries and WebKit's files are
/// then in the page cache and the per-user data folders exist, as on any
/// launch but the very first after installing.
async fn warm_up(
    bins: &binaries::Binaries,
    template: &library::BenchLibrary,
    work: &Path,
    app_xdg: &Path,
    minimal_xdg: &Path,
) -> Result<(), BenchError> {
    eprintln!("bench-app: warm-up launches");
    let lib = copy_library(&template.dir, &work.join("warmup"))?;
    let app = Session::start(&bins.app, &LaunchDirs { library: Some(lib), xdg: app_xdg.to_owned() }).await?;
    scenario::wait_interactive(&app).await?;
    app.quit().await;
    let min = Session::start(&bins.minimal, &LaunchDirs { library: None, xdg: minimal_xdg.to_owned() }).await?;
    scenario::wait_interactive(&min).await?;
    min.quit().await;
    Ok(())
}

/// Cold start and memory only, each taken apart (startup.rs): `BENCH_APP_RUNS`
/// alternating launches of the minimal window and the app, then
/// `BENCH_APP_MEMORY_RUNS` of the driven memory of both and the app's
/// memory variants.
async fn run_start_only() -> Result<(), BenchError> {
    let runs = env_usize("BENCH_APP_RUNS", 5).max(1);
    let work = tempfile::Builder::new().prefix("sidenote-bench-app-").tempdir().map_err(BenchError::io("create a temporary folder"))?;
    let bins = binaries::prepare(work.path())?;
    eprintln!("bench-app: generating the library (1 MB article, 2,000 highlights, 500 notes)…");
    let template = library::build(&work.path().join("template"))?;
    let app_xdg = work.path().join("xdg-app");
    let minimal_xdg = work.path().join("xdg-minimal");
    warm_up(&bins, &template, work.path(), &app_xdg, &minimal_xdg).await?;
    let (mut app_phases, mut min_phases, mut ours, mut peer) = (Vec::new(), Vec::new(), Vec::new(), Vec::new());
    for run in 0..runs {
        let min = Session::start(&bins.minimal, &LaunchDirs { library: None, xdg: minimal_xdg.clone() }).await?;
        let measured =
            async { Ok::<_, BenchError>((scenario::wait_interactive(&min).await?, startup::phases(&min, &minimal_xdg).await?)) }.await;
        min.quit().await;
        let (start, phases) = measured?;
        peer.push(start.to_interactive_ms);
        min_phases.push(phases);
        let lib = copy_library(&template.dir, &work.path().join(format!("run-{run}")))?;
        let app = Session::start(&bins.app, &LaunchDirs { library: Some(lib), xdg: app_xdg.clone() }).await?;
        let measured =
            async { Ok::<_, BenchError>((scenario::wait_interactive(&app).await?, startup::phases(&app, &app_xdg).await?)) }.await;
        app.quit().await;
        let (start, phases) = measured?;
        ours.push(start.to_interactive_ms);
        app_phases.push(phases);
        eprintln!("bench-app: run {}/{runs}: start {:.0} ms (minimal {:.0} ms)", run + 1, ours[run], peer[run]);
    }
    startup::print_medians("minimal", &min_phases);
    startup::print_medians("sidenote", &app_phases);
    let (o, p) = (report::median(&ours), report::median(&peer));
    eprintln!("start: sidenote {o:.0} ms, minimal {p:.0} ms, {:.2}x (each launch: {ours:.0?} / {peer:.0?})", o / p);

    // BENCH_APP_MEMORY_RUNS=0 here: cold start alone.
    for run in 0..env_usize("BENCH_APP_MEMORY_RUNS", 3) {
        eprintln!("bench-app: memory run {}", run + 1);
        let min = Session::start(&bins.minimal, &LaunchDirs { library: None, xdg: minimal_xdg.clone() }).await?;
        let shown = async {
            scenario::wait_interactive(&min).await?;
            scenario::show_plain_article(&min, &template.big_html).await?;
            scenario::mark_spans(&min, &template.big_spans).await?;
            tokio::time::sleep(Duration::from_secs(5)).await;
            Ok::<_, BenchError>(startup::print_tree_breakdown("fair baseline", min.app_pid))
        }
        .await;
        min.quit().await;
        let fair = shown?;
        for (k, (name, css)) in startup::MEMORY_VARIANTS.iter().enumerate() {
            let lib = copy_library(&template.dir, &work.path().join(format!("memory-{run}-{k}")))?;
            let dirs = LaunchDirs { library: Some(lib), xdg: app_xdg.clone() };
            let total = startup::variant_memory(&bins.app, &dirs, &template, name, css).await?;
            eprintln!(
                "memory: {name}: {:.1} MiB, {:.2}x the fair baseline ({:.1} MiB)",
                total as f64 / 1024.0,
                total as f64 / fair as f64,
                fair as f64 / 1024.0
            );
        }
    }
    Ok(())
}

/// Only the Timeline tab's scenario: the app's binary (`SIDENOTE_BIN`, else
/// built here) and the generated timeline library.
async fn run_timeline_only() -> Result<Samples, BenchError> {
    let work = tempfile::Builder::new().prefix("sidenote-bench-app-").tempdir().map_err(BenchError::io("create a temporary folder"))?;
    let bins = binaries::prepare(work.path())?;
    let app_xdg = work.path().join("xdg-app");
    let timeline = measure_timeline(&bins.app, &app_xdg, work.path()).await;
    if let Err(e) = &timeline {
        return Err(BenchError::Setup(e.clone()));
    }
    Ok(Samples { timeline: Some(timeline), ..Samples::default() })
}

/// The Timeline tab on the large generated library, when there is one.
async fn measure_timeline(app: &Path, xdg: &Path, work: &Path) -> Result<timeline_tab::TimelineSamples, String> {
    let Some(source) = timeline_tab::source() else {
        return Err(
            "no timeline library: run `sidenote-bench --only timeline` first (scripts/bench.sh does), or set BENCH_APP_TIMELINE_LIBRARY"
                .into(),
        );
    };
    eprintln!("bench-app: the Timeline tab on {}", source.display());
    let dir = work.join("timeline");
    let (events, articles) = timeline_tab::prepare(&source, &dir).map_err(|e| e.to_string())?;
    let visits = timeline_tab::run(app, xdg, &dir, env_usize("BENCH_APP_TIMELINE_VISITS", 3)).await.map_err(|e| e.to_string())?;
    Ok(timeline_tab::TimelineSamples { events, articles, visits })
}

/// Start-up of the minimal window, then the article's HTML scrolled in it,
/// bare and then with the highlights' spans as plain marks (the fair baseline).
async fn measure_minimal_session(min: &Session, lib: &library::BenchLibrary, s: &mut Samples) -> Result<(), BenchError> {
    s.minimal_start.push(scenario::wait_interactive(min).await?);
    s.minimal_plain_open.push(scenario::show_plain_article(min, &lib.big_html).await?);
    for k in 0..3 {
        s.minimal_adds.push(scenario::minimal_wrap(min, 0.1 + 0.27 * k as f64).await?);
    }
    let frames = env_usize("BENCH_APP_SCROLL_FRAMES", 240);
    let scrolled = scenario::scroll(min, "html", frames, 40).await?;
    s.minimal_scroll_work.extend(scrolled.work_ms);
    s.minimal_scroll_interval.extend(scrolled.interval_ms);
    s.marked.push(scenario::mark_spans(min, &lib.big_spans).await?);
    let scrolled = scenario::scroll(min, "html", frames, 40).await?;
    s.marked_scroll_work.extend(scrolled.work_ms);
    s.marked_scroll_interval.extend(scrolled.interval_ms);
    scenario::into_overflow_scroller(min).await?;
    let scrolled = scenario::scroll(min, "#bench-scroller", frames, 40).await?;
    s.overflow_scroll_work.extend(scrolled.work_ms);
    s.overflow_scroll_interval.extend(scrolled.interval_ms);
    Ok(())
}

/// Memory of both windows showing the article, each driven the same way
/// (WebDriver attached to both), read 5 s after the article was drawn.
async fn measure_driven_memory(
    bins: &binaries::Binaries,
    lib: &library::BenchLibrary,
    dirs: [LaunchDirs; 2],
    s: &mut Samples,
) -> Result<(), BenchError> {
    let [app_dirs, minimal_dirs] = dirs;
    let min = Session::start(&bins.minimal, &minimal_dirs).await?;
    let shown = async {
        scenario::wait_interactive(&min).await?;
        scenario::show_plain_article(&min, &lib.big_html).await?;
        scenario::mark_spans(&min, &lib.big_spans).await?;
        tokio::time::sleep(Duration::from_secs(5)).await;
        Ok::<_, BenchError>(procs::tree_memory(min.app_pid))
    }
    .await;
    min.quit().await;
    s.marked_memory.push(shown?);
    let app = Session::start(&bins.app, &app_dirs).await?;
    let shown = async {
        scenario::wait_interactive(&app).await?;
        scenario::open_article(&app, &lib.big_id, library::HIGHLIGHTS, library::NOTES).await?;
        tokio::time::sleep(Duration::from_secs(5)).await;
        Ok::<_, BenchError>(procs::tree_memory(app.app_pid))
    }
    .await;
    app.quit().await;
    s.app_memory_driven.push(shown?);
    Ok(())
}

/// Everything measured in one launch of the app.
async fn measure_app_session(
    app: &Session,
    lib: &library::BenchLibrary,
    gallery_url: &str,
    run: usize,
    s: &mut Samples,
) -> Result<(), BenchError> {
    s.app_start.push(scenario::wait_interactive(app).await?);
    s.opens.push(scenario::open_article(app, &lib.big_id, library::HIGHLIGHTS, library::NOTES).await?);
    // Different places in the article on each run.
    for k in 0..3 {
        let fraction = (0.1 + 0.27 * k as f64 + 0.05 * run as f64) % 0.95;
        s.adds.push(scenario::add_highlight(app, fraction).await?);
    }
    for k in 0..4 {
        let fraction = (0.05 + 0.23 * k as f64 + 0.04 * run as f64) % 0.97;
        s.layouts.push(scenario::relayout_notes(app, fraction).await?);
    }
    let scrolled = scenario::scroll(app, ".reader-scroll", env_usize("BENCH_APP_SCROLL_FRAMES", 240), 40).await?;
    s.scroll_work.extend(scrolled.work_ms);
    s.scroll_interval.extend(scrolled.interval_ms);
    if env_usize("BENCH_APP_BISECT", 1) == 1 {
        s.bisect.push(bisect::run(app, env_usize("BENCH_APP_SCROLL_FRAMES", 240)).await?);
    }
    // The book and its plain-text twin, from the library, in alternating order.
    if run.is_multiple_of(2) {
        s.book_opens.push(scenario::open_from_library(app, &lib.book_id).await?);
        s.book_txt_opens.push(scenario::open_from_library(app, &lib.book_txt_id).await?);
    } else {
        s.book_txt_opens.push(scenario::open_from_library(app, &lib.book_txt_id).await?);
        s.book_opens.push(scenario::open_from_library(app, &lib.book_id).await?);
    }
    s.galleries.push(scenario::import_gallery(app, gallery_url).await?);
    Ok(())
}

/// Starts `bin` with no automation, waits for its window and then 5 s more
/// (for the page to load and settle), and reads the memory of its process tree.
async fn settled_memory(bin: &Path, dirs: &LaunchDirs, title: &str) -> Result<Vec<ProcMemory>, BenchError> {
    let mut app = Direct::start(bin, dirs)?;
    let waited = if on_path("xdotool") {
        app.wait_for_window(title, Duration::from_secs(60)).await
    } else {
        eprintln!("bench-app: xdotool is missing; waiting a fixed 10 s for the window");
        tokio::time::sleep(Duration::from_secs(10)).await;
        Ok(())
    };
    if let Err(e) = waited {
        app.stop();
        return Err(e);
    }
    tokio::time::sleep(Duration::from_secs(5)).await;
    let memory = procs::tree_memory(app.pid());
    app.stop();
    Ok(memory)
}

/// A fresh copy of the template library (each launch may add highlights).
fn copy_library(template: &Path, dest: &Path) -> Result<PathBuf, BenchError> {
    std::fs::create_dir_all(dest).map_err(BenchError::io("create a library folder"))?;
    for entry in std::fs::read_dir(template).map_err(BenchError::io("read the template library"))?.flatten() {
        if entry.path().is_file() {
            std::fs::copy(entry.path(), dest.join(entry.file_name())).map_err(BenchError::io("copy the template library"))?;
        }
    }
    Ok(dest.to_owned())
}

//! Export of 100,000 highlights across 1,000 articles to Markdown and JSON,
//! through the same functions the CLI and the Export dialog call.

use sidenote_core::export::{self, output::write_export, ExportFormat};
use sidenote_core::Library;

use crate::generate::{cached, Spec};
use crate::row::{Better, Row};
use crate::timing::{median, thread_cpu_ms, time_ms};
use crate::{BenchError, Config};

const GROUP: &str = "Export (1,000 articles, 100,000 highlights)";

pub fn run(cfg: &Config) -> Result<Vec<Row>, BenchError> {
    let spec = Spec { articles: 1_000, highlights: 100_000, seed: 6 };
    let path = cached(&spec, &cfg.work)?;
    let out = tempfile::tempdir().map_err(|e| BenchError::io(&cfg.work, e))?;
    let mut rows = Vec::new();
    for (format, label) in [(ExportFormat::Md, "Markdown"), (ExportFormat::Json, "JSON (W3C Web Annotation)")] {
        let (mut total, mut gather, mut cpu, mut bytes) = (Vec::new(), Vec::new(), Vec::new(), 0);
        for _ in 0..5 {
            let mut lib = Library::open_file(&path)?;
            let file = out.path().join(format!("all.{}", format.extension()));
            let cpu_before = thread_cpu_ms();
            let (result, ms) = time_ms(|| -> Result<f64, BenchError> {
                let (notes, collect_ms) = time_ms(|| export::collect(&mut lib, &[]));
                let notes = notes?;
                write_export(&notes, format, &file)?;
                Ok(collect_ms)
            });
            gather.push(result?);
            total.push(ms);
            if let (Some(before), Some(after)) = (cpu_before, thread_cpu_ms()) {
                cpu.push(after - before);
            }
            bytes = std::fs::metadata(&file).map(|m| m.len()).unwrap_or(0);
        }
        let (t, g) = (median(&total), median(&gather));
        let cpu = if cpu.is_empty() { String::new() } else { format!(" (CPU time {:.0} ms)", median(&cpu)) };
        rows.push(Row::new(GROUP, &format!("Export to {label}"), "ms").ours(t, Better::Lower, Some(1000.0)).note(format!(
            "median of 5: read from the library {g:.0} ms, render and write {:.0} ms{cpu}; {:.1} MB written",
            t - g,
            bytes as f64 / 1e6
        )));
    }
    Ok(rows)
}

//! Timing helpers: repeated passes for throughput, percentiles for latencies.

use std::time::{Duration, Instant};

/// Runs `pass` once to warm caches, then repeatedly until `min` has elapsed
/// (at least once); returns the passes timed and the seconds they took.
pub fn passes_for<E>(min: Duration, mut pass: impl FnMut() -> Result<(), E>) -> Result<(u32, f64), E> {
    pass()?;
    let start = Instant::now();
    let mut n = 0;
    while n == 0 || start.elapsed() < min {
        pass()?;
        n += 1;
    }
    Ok((n, start.elapsed().as_secs_f64()))
}

/// Milliseconds one call of `f` takes.
pub fn time_ms<T>(f: impl FnOnce() -> T) -> (T, f64) {
    let start = Instant::now();
    let value = f();
    (value, start.elapsed().as_secs_f64() * 1e3)
}

/// CPU time this thread has used so far, in milliseconds (user and kernel,
/// from /proc/thread-self/schedstat; None where that is missing). On a shared
/// machine it shows the work done, which the wall-clock time mixes with
/// waiting for a core.
pub fn thread_cpu_ms() -> Option<f64> {
    let stat = std::fs::read_to_string("/proc/thread-self/schedstat").ok()?;
    let ns: f64 = stat.split_whitespace().next()?.parse().ok()?;
    Some(ns / 1e6)
}

/// The `p`-th percentile (0..=100) by the nearest-rank method.
pub fn percentile(samples: &[f64], p: f64) -> f64 {
    if samples.is_empty() {
        return f64::NAN;
    }
    let mut sorted = samples.to_vec();
    sorted.sort_by(f64::total_cmp);
    let rank = ((p / 100.0) * sorted.len() as f64).ceil().max(1.0) as usize;
    sorted[rank.min(sorted.len()) - 1]
}

pub fn median(samples: &[f64]) -> f64 {
    percentile(samples, 50.0)
}

pub const MB: f64 = 1024.0 * 1024.0;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nearest_rank_percentiles() {
        let samples: Vec<f64> = (1..=100).rev().map(f64::from).collect();
        assert_eq!(percentile(&samples, 95.0), 95.0);
        assert_eq!(percentile(&samples, 99.0), 99.0);
        assert_eq!(percentile(&samples, 100.0), 100.0);
        assert_eq!(median(&[3.0, 1.0, 2.0]), 2.0);
        assert!(percentile(&[], 50.0).is_nan());
    }

    #[test]
    fn passes_run_at_least_once_after_a_warm_up() {
        let mut calls = 0;
        let (n, secs) = passes_for::<()>(Duration::ZERO, || {
            calls += 1;
            Ok(())
        })
        .unwrap();
        assert_eq!((n, calls), (1, 2));
        assert!(secs >= 0.0);
    }
}

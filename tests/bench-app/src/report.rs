//! The rows scripts/bench.sh reads: one JSON object per line on stdout.

use serde_json::json;

pub struct Row {
    pub name: &'static str,
    pub ours: Option<f64>,
    pub unit: &'static str,
    pub budget: &'static str,
    pub met: Option<bool>,
    pub peer: Option<&'static str>,
    pub peer_value: Option<f64>,
    /// Greater than 1 when ours is better.
    pub ratio: Option<f64>,
    pub note: String,
}

impl Row {
    pub fn print(&self) {
        let line = json!({
            "group": "App",
            "name": self.name,
            "ours": self.ours.map(round),
            "unit": self.unit,
            "budget": self.budget,
            "met": self.met,
            "peer": self.peer,
            "peer_value": self.peer_value.map(round),
            "ratio": self.ratio.map(|r| (r * 100.0).round() / 100.0),
            "note": self.note,
        });
        println!("{line}");
    }

    /// A row that could not be measured here, with the reason.
    pub fn skipped(name: &'static str, unit: &'static str, budget: &'static str, why: &str) -> Row {
        Row { name, ours: None, unit, budget, met: None, peer: None, peer_value: None, ratio: None, note: format!("not measured: {why}") }
    }
}

/// One decimal below 100, whole numbers above.
pub fn round(v: f64) -> f64 {
    if v.abs() < 100.0 {
        (v * 10.0).round() / 10.0
    } else {
        v.round()
    }
}

pub fn median(values: &[f64]) -> f64 {
    percentile(values, 50.0)
}

/// Nearest-rank percentile; NaN for no values.
pub fn percentile(values: &[f64], p: f64) -> f64 {
    let mut v: Vec<f64> = values.iter().copied().filter(|x| x.is_finite()).collect();
    if v.is_empty() {
        return f64::NAN;
    }
    v.sort_by(f64::total_cmp);
    let rank = ((p / 100.0) * v.len() as f64).ceil().max(1.0) as usize;
    v[rank.min(v.len()) - 1]
}

pub fn max(values: &[f64]) -> f64 {
    values.iter().copied().fold(f64::NAN, f64::max)
}

/// Ratio where a smaller figure is better: peer / ours.
pub fn ratio_smaller_better(ours: f64, peer: f64) -> Option<f64> {
    (ours > 0.0 && peer.is_finite()).then(|| peer / ours)
}

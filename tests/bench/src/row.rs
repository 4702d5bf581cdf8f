//! One row of the benchmark table, printed as a JSON line on stdout. The same
//! format is printed by `sidenote-bench-app`; `scripts/bench_table.py` reads both.

use serde::Serialize;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Better {
    Higher,
    Lower,
}

#[derive(Debug, Clone, Serialize)]
pub struct Row {
    pub group: String,
    pub name: String,
    pub ours: Option<f64>,
    pub unit: String,
    pub budget: Option<String>,
    pub met: Option<bool>,
    pub peer: Option<String>,
    pub peer_value: Option<f64>,
    /// How many times better ours is than the peer (> 1: ours is better).
    pub ratio: Option<f64>,
    pub note: String,
    #[serde(skip)]
    better: Option<Better>,
}

impl Row {
    pub fn new(group: &str, name: &str, unit: &str) -> Row {
        Row {
            group: group.into(),
            name: name.into(),
            ours: None,
            unit: unit.into(),
            budget: None,
            met: None,
            peer: None,
            peer_value: None,
            ratio: None,
            note: String::new(),
            better: None,
        }
    }

    /// Our figure, checked against `budget` (e.g. `(Better::Higher, 5.0)` for ">= 5").
    pub fn ours(mut self, value: f64, better: Better, budget: Option<f64>) -> Row {
        self.ours = Some(round(value));
        self.better = Some(better);
        if let Some(limit) = budget {
            let (op, met) = match better {
                Better::Higher => (">=", value >= limit),
                Better::Lower => ("<", value < limit),
            };
            self.budget = Some(format!("{op} {} {}", trim_number(limit), self.unit).trim_end().to_owned());
            self.met = Some(met);
        }
        self
    }

    /// A figure without a budget (reported for information).
    pub fn info(mut self, value: f64, better: Better) -> Row {
        self.ours = Some(round(value));
        self.better = Some(better);
        self
    }

    /// A budget written out when it is not a plain threshold on `ours`.
    pub fn budget_text(mut self, text: &str, met: Option<bool>) -> Row {
        self.budget = Some(text.into());
        self.met = met;
        self
    }

    /// The peer's figure on the same input in the same run.
    pub fn peer(mut self, name: &str, value: Option<f64>) -> Row {
        self.peer = Some(name.into());
        self.peer_value = value.map(round);
        self.ratio = match (self.ours, value, self.better) {
            (Some(o), Some(p), Some(Better::Higher)) if p > 0.0 => Some(round(o / p)),
            (Some(o), Some(p), Some(Better::Lower)) if o > 0.0 => Some(round(p / o)),
            _ => None,
        };
        self
    }

    pub fn note(mut self, note: impl Into<String>) -> Row {
        let note = note.into();
        if !note.is_empty() {
            if !self.note.is_empty() {
                self.note.push_str("; ");
            }
            self.note.push_str(&note);
        }
        self
    }

    pub fn emit(&self) {
        // A row that cannot be serialized is a bug in this file, not bad input.
        println!("{}", serde_json::to_string(self).expect("rows are plain data"));
    }
}

/// A row for a measure that could not be taken, with the reason.
pub fn skipped(group: &str, name: &str, unit: &str, budget: Option<&str>, reason: &str) -> Row {
    let mut row = Row::new(group, name, unit).note(format!("skipped: {reason}"));
    row.budget = budget.map(str::to_owned);
    row
}

/// Three significant digits are what a benchmark on a shared machine can claim.
fn round(v: f64) -> f64 {
    if v == 0.0 || !v.is_finite() {
        return v;
    }
    let digits = 3 - (v.abs().log10().floor() as i32) - 1;
    let scale = 10f64.powi(digits.max(0));
    (v * scale).round() / scale
}

fn trim_number(v: f64) -> String {
    let s = format!("{v}");
    s.trim_end_matches(".0").to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ratio_is_how_many_times_better_ours_is_in_either_direction() {
        let faster = Row::new("G", "speed", "MB/s").ours(12.0, Better::Higher, Some(5.0)).peer("p", Some(3.0));
        assert_eq!(faster.ratio, Some(4.0));
        assert_eq!(faster.met, Some(true));
        assert_eq!(faster.budget.as_deref(), Some(">= 5 MB/s"));
        let slower = Row::new("G", "time", "ms").ours(8.0, Better::Lower, Some(5.0)).peer("p", Some(2.0));
        assert_eq!(slower.ratio, Some(0.25));
        assert_eq!(slower.met, Some(false));
        assert_eq!(slower.budget.as_deref(), Some("< 5 ms"));
        let missing = Row::new("G", "time", "ms").ours(8.0, Better::Lower, None).peer("p", None);
        assert_eq!((missing.ratio, missing.met), (None, None));
    }

    #[test]
    fn figures_keep_three_significant_digits() {
        assert_eq!(round(1234.5678), 1235.0);
        assert_eq!(round(12.345), 12.3);
        assert_eq!(round(0.012345), 0.0123);
    }

    #[test]
    fn json_line_has_exactly_the_shared_fields() {
        let row = Row::new("Import", "x", "MB/s").ours(1.0, Better::Higher, None).note("a").note("b");
        let v: serde_json::Value = serde_json::to_value(&row).unwrap();
        let mut keys: Vec<&str> = v.as_object().unwrap().keys().map(String::as_str).collect();
        keys.sort();
        assert_eq!(keys, ["budget", "group", "met", "name", "note", "ours", "peer", "peer_value", "ratio", "unit"]);
        assert_eq!(v["note"], "a; b");
    }
}

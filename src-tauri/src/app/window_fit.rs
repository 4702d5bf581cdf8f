//! Keeps the main window on its screen. The configured first size (1240×820)
//! is taller than a 1366×768 laptop's work area, and a size restored from a
//! larger monitor can be bigger than the current one; either way the window
//! would open with its bottom (status line, last rows) off screen.

use tauri::{PhysicalPosition, PhysicalSize, WebviewWindow};

/// A rectangle in physical pixels.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Rect {
    pub x: i32,
    pub y: i32,
    pub width: u32,
    pub height: u32,
}

/// Where the window should go so all of it is inside `work_area`, or `None`
/// when it already is. A window that fits keeps its size and only moves in;
/// one that does not is shrunk to the work area (never below `min`) and
/// centred in it.
pub fn fitted(window: Rect, work_area: Rect, min: (u32, u32)) -> Option<Rect> {
    let width = window.width.min(work_area.width).max(min.0);
    let height = window.height.min(work_area.height).max(min.1);
    let resized = width != window.width || height != window.height;
    let (x, y) = if resized {
        (
            work_area.x + (work_area.width.saturating_sub(width) / 2) as i32,
            work_area.y + (work_area.height.saturating_sub(height) / 2) as i32,
        )
    } else {
        (clamp_start(window.x, width, work_area.x, work_area.width), clamp_start(window.y, height, work_area.y, work_area.height))
    };
    let fitted = Rect { x, y, width, height };
    (fitted != window).then_some(fitted)
}

/// Moves a span's start so the span lies inside the area (its start wins
/// when the span is longer than the area).
fn clamp_start(start: i32, len: u32, area_start: i32, area_len: u32) -> i32 {
    let last_start = area_start + area_len.saturating_sub(len) as i32;
    start.min(last_start).max(area_start)
}

/// Applies [`fitted`] to the window on the monitor it is on. Best effort: a
/// platform that reports no monitor leaves the window as it is.
pub fn fit_to_screen(window: &WebviewWindow, min_logical: (f64, f64)) {
    let (Ok(Some(monitor)), Ok(outer), Ok(inner), Ok(position)) =
        (window.current_monitor(), window.outer_size(), window.inner_size(), window.outer_position())
    else {
        return;
    };
    // Before the window is mapped GTK reports no outer size yet.
    let size = if outer.width == 0 || outer.height == 0 { inner } else { outer };
    let area = monitor.work_area();
    let scale = monitor.scale_factor();
    let min = ((min_logical.0 * scale) as u32, (min_logical.1 * scale) as u32);
    let current = Rect { x: position.x, y: position.y, width: size.width, height: size.height };
    let area = Rect { x: area.position.x, y: area.position.y, width: area.size.width, height: area.size.height };
    if let Some(to) = fitted(current, area, min) {
        tracing::info!(?current, ?to, "window fitted to the screen's work area");
        if to.width != current.width || to.height != current.height {
            let _ = window.set_size(PhysicalSize::new(to.width, to.height));
        }
        let _ = window.set_position(PhysicalPosition::new(to.x, to.y));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn r(x: i32, y: i32, width: u32, height: u32) -> Rect {
        Rect { x, y, width, height }
    }

    const MIN: (u32, u32) = (560, 420);

    /// A 1366×768 laptop with a 27 px top panel.
    fn laptop() -> Rect {
        r(0, 27, 1366, 741)
    }

    #[test]
    fn a_window_inside_the_work_area_is_left_alone() {
        assert_eq!(fitted(r(40, 60, 1000, 600), laptop(), MIN), None);
    }

    #[test]
    fn a_too_tall_window_is_shrunk_and_centred() {
        assert_eq!(fitted(r(0, 0, 1240, 820), laptop(), MIN), Some(r(63, 27, 1240, 741)));
    }

    #[test]
    fn a_window_hanging_off_an_edge_moves_in_without_resizing() {
        assert_eq!(fitted(r(900, 500, 800, 450), laptop(), MIN), Some(r(566, 318, 800, 450)));
        assert_eq!(fitted(r(-300, 0, 800, 450), laptop(), MIN), Some(r(0, 27, 800, 450)));
    }

    #[test]
    fn the_minimum_size_wins_over_a_tiny_screen() {
        assert_eq!(fitted(r(0, 0, 1240, 820), r(0, 0, 500, 400), MIN), Some(r(0, 0, 560, 420)));
    }

    #[test]
    fn a_second_monitor_to_the_right_keeps_its_offset() {
        assert_eq!(fitted(r(2000, 100, 1240, 820), r(1920, 0, 1280, 720), MIN), Some(r(1940, 0, 1240, 720)));
    }
}

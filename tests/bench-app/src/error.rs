//! The benchmark's one error type.

#[derive(Debug, thiserror::Error)]
pub enum BenchError {
    #[error("library: {0}")]
    Core(#[from] sidenote_core::Error),
    #[error("WebDriver: {0}")]
    WebDriver(#[from] thirtyfour::error::WebDriverError),
    #[error("{what}: {source}")]
    Io { what: String, source: std::io::Error },
    #[error("{0}")]
    Setup(String),
    #[error("the page did not {0}")]
    Page(String),
}

impl BenchError {
    pub fn io(what: impl Into<String>) -> impl FnOnce(std::io::Error) -> BenchError {
        let what = what.into();
        move |source| BenchError::Io { what, source }
    }
}

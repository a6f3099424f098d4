//! A progress bar on stderr for long runs on a terminal; silent otherwise.

use std::io::IsTerminal;

/// The bar, if there is one.
pub(crate) struct Progress(Option<indicatif::ProgressBar>);

impl Progress {
    /// Runs over fewer files finish before a bar would help.
    const MIN_FILES: usize = 2_000;

    /// A bar for a run over `files` files, if it is long and on a terminal.
    pub(crate) fn new(files: usize) -> Self {
        if files < Self::MIN_FILES || !std::io::stderr().is_terminal() {
            return Self(None);
        }
        let bar = indicatif::ProgressBar::new(files as u64);
        if let Ok(style) =
            indicatif::ProgressStyle::with_template("{bar:40} {pos}/{len} files  {elapsed}")
        {
            bar.set_style(style);
        }
        Self(Some(bar))
    }

    /// One more file done.
    pub(crate) fn tick(&self) {
        if let Some(bar) = &self.0 {
            bar.inc(1);
        }
    }

    /// The run is over: the bar goes.
    pub(crate) fn finish(&self) {
        if let Some(bar) = &self.0 {
            bar.finish_and_clear();
        }
    }
}

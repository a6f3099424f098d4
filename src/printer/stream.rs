//! The one place that writes to the standard streams (and to `-o FILE`),
//! and so the one place that decides what a closed pipe means.
//!
//! A closed pipe (`tempsafe check . | head -1`, `tempsafe fix --diff |
//! head`: the reader has seen enough) ends the output, not the run.
//! Nothing more is written to that stream and nothing is said about it; the
//! run goes on to its end, so `fix` still writes every file it fixes, each
//! whole (the workers write files, the printer never does), and the
//! summary on stderr and the exit code are those of a run whose output was
//! read to the end. Ruff and ripgrep exit 0 on a closed pipe (ripgrep
//! also stops searching): their output is their only result, and the
//! reader chose to stop. tempsafe's exit code also says whether
//! findings are left and whether every file could be written, which a
//! reader that stops early does not change; a `check` whose pipe closed
//! printed findings, and exiting 0 would say there were none.
//!
//! Any other failure to write the results (a full disk, a file system gone
//! read-only) is an error of the run: said once on stderr, exit 2. A
//! failure to write on stderr itself is ignored: there is nowhere left to
//! say it, and the exit code still tells.

use std::io::{self, BufWriter, Write};

/// Where results go: stdout or the `-o FILE`.
pub(crate) struct Results {
    /// `None` once the reader closed the pipe.
    out: Option<BufWriter<Box<dyn Write + Send>>>,
    /// How the destination is named in an error.
    name: String,
    failed: Option<io::Error>,
}

/// Writing the results failed (and stderr says why): exit code 2.
#[derive(Debug)]
pub(crate) struct OutputFailed;

impl Results {
    /// Results on stdout.
    pub(crate) fn stdout() -> Self {
        Self::to(Box::new(io::stdout()), "standard output".to_string())
    }

    /// Results written to `out`, named `name` in an error.
    pub(crate) fn to(out: Box<dyn Write + Send>, name: String) -> Self {
        Self {
            out: Some(BufWriter::new(out)),
            name,
            failed: None,
        }
    }

    /// Writes `bytes`, unless the pipe is closed or writing failed before.
    pub(crate) fn write(&mut self, bytes: &[u8]) {
        if self.failed.is_some() {
            return;
        }
        if let Some(out) = &mut self.out {
            let result = out.write_all(bytes);
            self.check(result);
        }
    }

    /// Flushes what is buffered; `Err` if any write failed (other than on a
    /// closed pipe), after saying so on stderr.
    pub(crate) fn finish(mut self) -> Result<(), OutputFailed> {
        if self.failed.is_none()
            && let Some(out) = &mut self.out
        {
            let result = out.flush();
            self.check(result);
        }
        match &self.failed {
            None => Ok(()),
            Some(e) => {
                stderr(&super::messages::error(
                    &format!("cannot write the results to {}: {e}", self.name),
                    "check the disk, or write the results elsewhere (-o FILE)",
                ));
                Err(OutputFailed)
            }
        }
    }

    fn check(&mut self, result: io::Result<()>) {
        match result {
            Ok(()) => {}
            Err(e) if e.kind() == io::ErrorKind::BrokenPipe => {
                // What is still buffered can never be read: drop it rather
                // than have the writer try again when it is dropped.
                if let Some(out) = self.out.take() {
                    let _ = out.into_parts();
                }
            }
            Err(e) => self.failed = Some(e),
        }
    }
}

/// Writes `text` on stderr: errors, warnings, the summary. Never fails.
pub(crate) fn stderr(text: &str) {
    stderr_bytes(text.as_bytes());
}

/// Writes `bytes` on stderr. Never fails.
pub(crate) fn stderr_bytes(bytes: &[u8]) {
    if !bytes.is_empty() {
        let _ = io::stderr().lock().write_all(bytes);
    }
}

/// Writes `bytes` on stdout at once (a command's whole output).
pub(crate) fn stdout(bytes: &[u8]) -> Result<(), OutputFailed> {
    let mut out = Results::stdout();
    out.write(bytes);
    out.finish()
}

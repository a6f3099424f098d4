//! Prints the rendered files as they come, in path order, and at the end
//! what needs them all: the documents (JSON, SARIF, Markdown), the
//! statistics and the summary.

use super::stream::{self, OutputFailed, Results};
use super::summary::{Counts, Totals};
use super::{OutputFormat, PrintOptions, Rendered, json, markdown, sarif};

/// Prints rendered files and keeps their counts (never their sources).
pub(crate) struct Reporter {
    options: PrintOptions,
    out: Results,
    counts: Counts,
    json_files: usize,
    /// Each file's part of a document format (SARIF, Markdown), in path
    /// order.
    fragments: Vec<String>,
}

impl Reporter {
    /// A reporter that writes results to stdout, for a run over `roots`
    /// command-line roots.
    pub(crate) fn new(options: PrintOptions, roots: usize) -> Self {
        Self::with_output(options, roots, Results::stdout())
    }

    /// A reporter that writes results to `out` (`-o FILE`) instead of stdout.
    pub(crate) fn with_output(options: PrintOptions, roots: usize, out: Results) -> Self {
        Self {
            options,
            out,
            counts: Counts::new(options.mode, options.show_fixes, roots),
            json_files: 0,
            fragments: Vec::new(),
        }
    }

    /// Prints one file's output and counts it.
    pub(crate) fn add(&mut self, rendered: Rendered) {
        self.count(&rendered);
        stream::stderr(&rendered.stderr);
        // With --statistics the counts are the whole report (as in Ruff).
        if rendered.stdout.is_empty() || self.options.statistics {
            return;
        }
        if self.options.format.is_document() {
            self.fragments.push(rendered.stdout);
            return;
        }
        if self.options.format == OutputFormat::Json {
            self.out
                .write(json::start_entry(self.json_files).as_bytes());
            self.json_files += 1;
        }
        match rendered.stdout_encoding {
            Some(encoding) => self.out.write(&encoding.encode(&rendered.stdout).0),
            None => self.out.write(rendered.stdout.as_bytes()),
        }
    }

    /// Prints everything of one file on stderr, and counts it: `fix` of
    /// standard input, whose stdout carries the fixed source.
    pub(crate) fn add_to_stderr(&mut self, rendered: Rendered) {
        self.count(&rendered);
        stream::stderr(&rendered.stdout);
        stream::stderr(&rendered.stderr);
    }

    fn count(&mut self, rendered: &Rendered) {
        self.counts.add(rendered.root, &rendered.tally);
    }

    /// The totals so far.
    pub(crate) fn totals(&self) -> &Totals {
        self.counts.totals()
    }

    /// Ends the output: the documents, the statistics, then on stderr the
    /// summary and, with several roots, one line per root (named by
    /// `root_names`). `Err` when the results could not be written.
    pub(crate) fn finish(mut self, root_names: &[String]) -> Result<Totals, OutputFailed> {
        let (format, statistics) = (self.options.format, self.options.statistics);
        let text = match format {
            OutputFormat::Json if statistics => self.counts.statistics_json(),
            OutputFormat::Json => json::end(self.json_files, self.counts.totals()),
            _ if statistics => Ok(self.counts.statistics()),
            OutputFormat::Sarif => Ok(sarif::document(&self.fragments)),
            OutputFormat::Markdown => Ok(markdown::document(
                &self.fragments,
                root_names,
                self.options.mode,
            )),
            _ => Ok(String::new()),
        };
        // Serialising counts cannot fail; were it to, the document ends short.
        self.out.write(text.unwrap_or_default().as_bytes());
        let written = self.out.finish();
        stream::stderr(&self.counts.closing(root_names));
        written.map(|()| self.counts.into_totals())
    }
}

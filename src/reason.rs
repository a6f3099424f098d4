//! Why a finding has no fix, or why its fix is unsafe: typed, each with a
//! stable kebab-case id that JSON, SARIF, the summaries and scripts use.
//! The sentences that explain them live in the printer
//! (`src/printer/reasons.rs`); ids are never renamed.

macro_rules! reasons {
    ($(#[$meta:meta])* $name:ident { $($(#[$vmeta:meta])* $variant:ident $({ $($field:ident: $ty:ty),* })? => $id:literal,)* }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, PartialEq, Eq)]
        pub enum $name {
            $($(#[$vmeta])* $variant $({ $($field: $ty),* })?,)*
        }

        impl $name {
            /// Every id, in declaration order.
            pub const IDS: &'static [&'static str] = &[$($id,)*];

            /// The stable id, e.g. `variable-rebound`.
            pub fn id(&self) -> &'static str {
                match self {
                    $($name::$variant { .. } => $id,)*
                }
            }
        }
    };
}

reasons! {
    /// Why a finding gets no fix.
    NoFix {
        // The call and its arguments.
        /// `mktemp(*args)`, `mktemp(**kwargs)`.
        ArgumentsUnpacked => "arguments-unpacked",
        /// Arguments `mktemp` does not take.
        UnknownArguments => "unknown-arguments",
        /// The called name is bound to the import and to something else.
        CalleeAmbiguous => "callee-ambiguous",
        /// The called name is rebound later in the scope.
        CalleeRebound => "callee-rebound",
        // Where the value goes.
        /// `run(tempfile.mktemp())`: no name to follow it by.
        ResultPassedOn => "result-passed-on",
        /// `tempfile.mktemp()` as a statement of its own: nothing uses the
        /// name (a lint fixture, a leftover), so there is nothing to fix.
        ResultDiscarded => "result-discarded",
        /// The variable is bound more than once in its scope.
        VariableRebound => "variable-rebound",
        /// Only `os.path.basename(name)` is used: a name reservation.
        NameOnly => "name-only",
        /// Nothing removes the path: a fresh directory would be left behind.
        NeverRemoved => "never-removed",
        /// The call is not the value of an assignment.
        NotAnAssignment => "not-an-assignment",
        // `open(tempfile.mktemp(), …)`.
        /// `open(*args)`, `open(**kwargs)`.
        OpenArgumentsUnpacked => "open-arguments-unpacked",
        /// The mode of `open()` is not a string literal.
        OpenModeNotLiteral => "open-mode-not-literal",
        /// Opened for reading: the file must exist already.
        OpenedForReading => "opened-for-reading",
        /// An `open()` argument `NamedTemporaryFile()` does not take.
        OpenArgumentUnsupported { name: String } => "open-argument-unsupported",
        /// `open()` arguments tempsafe does not know.
        OpenArgumentsUnknown => "open-arguments-unknown",
        // Names a fix needs.
        /// A name the fix needs (a module, a pytest fixture it adds as a
        /// parameter) is bound to something else.
        NameTaken { name: String } => "name-taken",
        /// The file reads the name without an import tempsafe can see.
        NameUsedUnimported { name: String } => "name-used-unimported",
        /// `os` is imported under another name.
        OsAliased => "os-aliased",
        // What the engine refuses.
        /// The fix would drop a comment.
        DropsComment => "drops-comment",
        /// The fix would change a line whose finding is suppressed.
        ChangesSuppressedLine => "changes-suppressed-line",
        // Where a predictable path stands (TMP002).
        /// A module-level constant.
        ModuleConstant => "module-constant",
        /// A class attribute.
        ClassAttribute => "class-attribute",
        /// A parameter default.
        ParameterDefault => "parameter-default",
        /// Passed only where tempsafe cannot follow it.
        PassedOn => "passed-on",
        /// Escapes, raw, bytes or implicitly concatenated strings.
        ComplexString => "complex-string",
        /// A file is moved onto the path.
        MovedInto => "moved-into",
        /// Another function uses the same path.
        SharedWithAnotherFunction => "shared-with-another-function",
        /// A suppressed line uses the same path.
        SharesSuppressedPath => "shares-suppressed-path",
        /// The path is outside the function body.
        NotInFunctionBody => "not-in-function-body",
        /// A literal tempsafe cannot rewrite.
        CannotRewriteLiteral => "cannot-rewrite-literal",
        /// A unittest method gets a directory, not a file.
        UnittestNeedsDirectory => "unittest-needs-directory",
        /// The path is the function's output.
        LeftAsOutput => "left-as-output",
        /// The path is only inspected or removed; another program makes it.
        CreatedElsewhere => "created-elsewhere",
        /// The path outlives the function and nothing removes it.
        OutlivesFunction => "outlives-function",
        /// The statements to wrap share lines with others.
        StatementsShareLines => "statements-share-lines",
        /// The statement shares its line with others.
        StatementSharesLine => "statement-shares-line",
        /// The statements after it share lines with others.
        FollowingStatementsShareLines => "following-statements-share-lines",
        /// The test's parameters are too complex to add `tmp_path`.
        TestParametersComplex => "test-parameters-complex",
        /// A `mkdir` of the directory that is not a statement of its own.
        MkdirNotStatement => "mkdir-not-statement",
        /// The directory is removed before the `mkdir` a fix would drop: the
        /// removal would take the new directory.
        RemovedBeforeCreated => "removed-before-created",
        // Temporary objects (TMP003).
        /// Created at module level.
        ModuleLevel => "module-level",
        /// Created in a class body: methods may read it later.
        ClassBodyAttribute => "class-body-attribute",
        /// The name is declared `global` or `nonlocal`.
        DeclaredElsewhere { name: String } => "declared-elsewhere",
        /// `del name` in the block: a `finally` could not name it.
        DeletedInBlock { name: String } => "deleted-in-block",
        /// A `NamedTemporaryFile(delete=False)` in `with`: remove by hand.
        NamedFileKept => "named-file-kept",
        /// Returned, stored, or passed on.
        Escapes => "escapes",
        /// Another file is moved onto the path.
        MovedOnto => "moved-onto",
        /// The statement's block was not found.
        BlockNotFound => "block-not-found",
        /// The fix would have no edits.
        NothingToChange => "nothing-to-change",
        /// Nothing uses the name after it is created.
        UnusedAfterCreation { name: String } => "unused-after-creation",
        // Permissive modes (TMP004).
        /// A sticky world-writable directory (`0o1777`): a shared directory
        /// like `/tmp` made on purpose, which an owner-only mode would undo.
        StickySharedDirectory => "sticky-shared-directory",
    }
}

reasons! {
    /// Why a fix is unsafe: it may change what the program does.
    UnsafeBecause {
        /// TMP001: handed to code tempsafe cannot see before it is created.
        HandedOnBeforeCreation => "handed-on-before-creation",
        /// TMP001: the name is returned; callers now find a file there.
        NameReturned => "name-returned",
        /// TMP001: nothing in the scope creates the path.
        NotCreatedHere => "not-created-here",
        /// TMP001: `os.mkdir(name, mode)` loses its mode.
        MkdirModeDropped => "mkdir-mode-dropped",
        /// TMP001: the fresh directory is made in the program's `dir`.
        FreshDirectoryInProgramDir => "fresh-directory-in-program-dir",
        /// TMP001: comments inside `open()` would be lost.
        OpenCommentsLost => "open-comments-lost",
        /// TMP002: handed to code tempsafe cannot see.
        HandedOn => "handed-on",
        /// TMP002: the same path appears in a string left alone.
        SamePathLeftAlone => "same-path-left-alone",
        /// TMP002: the function left the path behind.
        LeftBehind => "left-behind",
        /// TMP002: a `TestCase` whose base is defined elsewhere: its `setUp`
        /// is not seen.
        BaseClassNotSeen => "base-class-not-seen",
        /// TMP003: created in the program's `dir`.
        CreatedInProgramDir => "created-in-program-dir",
        /// TMP003: a module-level directory outside tests, which the program
        /// may leave for a person or another program after it exits.
        MayBeOutput => "may-be-output",
        /// TMP003: the module registers other exit handlers, which run after
        /// the removal.
        OtherExitHandlers => "other-exit-handlers",
        /// TMP003: the module starts processes, which import it again and
        /// remove their own directory at their exit.
        ChildProcesses => "child-processes",
        /// TMP004: sharing with other users may have been intended.
        SharingIntended => "sharing-intended",
        /// TMP004: a test may set this mode on purpose (to read it back, or to
        /// see how the code reacts to it).
        ModeUnderTest => "mode-under-test",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_readme_lists_every_reason_id() {
        let readme = include_str!("../README.md");
        for id in NoFix::IDS.iter().chain(UnsafeBecause::IDS) {
            assert!(readme.contains(&format!("`{id}`")), "README lacks `{id}`");
        }
    }
}

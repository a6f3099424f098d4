//! The sentences that explain each reason. Words live here only; the
//! transforms decide with the typed reasons of `crate::reason`.

use crate::diagnostic::Diagnostic;
use crate::reason::{NoFix, UnsafeBecause};

/// The sentence a finding carries: why it has no fix, or why its fix is
/// unsafe.
pub fn note(d: &Diagnostic) -> Option<String> {
    match (&d.no_fix, &d.unsafe_because) {
        (Some(reason), _) => Some(reason.sentence()),
        (None, Some(reason)) => Some(reason.sentence()),
        (None, None) => None,
    }
}

/// The id of the finding's reason (no fix, or unsafe fix).
pub fn reason_id(d: &Diagnostic) -> Option<&'static str> {
    match (&d.no_fix, &d.unsafe_because) {
        (Some(reason), _) => Some(reason.id()),
        (None, Some(reason)) => Some(reason.id()),
        (None, None) => None,
    }
}

impl NoFix {
    /// Why there is no fix, in one sentence.
    pub fn sentence(&self) -> String {
        match self {
            NoFix::ArgumentsUnpacked => "the arguments are passed with `*` or `**`".into(),
            NoFix::UnknownArguments => "the call has arguments that `mktemp` does not take".into(),
            NoFix::CalleeAmbiguous => {
                "the called name is also bound to something else in this scope".into()
            }
            NoFix::CalleeRebound => "the called name is rebound in this scope".into(),
            NoFix::ResultDiscarded => "the name is discarded: nothing uses it, so there is \
                                         nothing to rewrite"
                .into(),
            NoFix::ResultPassedOn => "the path is used where tempsafe cannot follow it, and a \
                                      fresh directory for it would be left behind"
                .into(),
            NoFix::VariableRebound => "the variable is assigned more than once in its scope".into(),
            NoFix::NameOnly => "only the name is used (os.path.basename), and nothing here \
                                creates the path: reserve a name with mkstemp() or mkdtemp() by hand"
                .into(),
            NoFix::NeverRemoved => "nothing here removes the path: a fresh directory for it \
                                    would be left behind on every run"
                .into(),
            NoFix::NotAnAssignment => "not an assignment".into(),
            NoFix::OpenArgumentsUnpacked => "`open()` gets arguments with `*` or `**`".into(),
            NoFix::OpenModeNotLiteral => "the mode of `open()` is not a string literal".into(),
            NoFix::OpenedForReading => {
                "the file is opened for reading, so it must exist already".into()
            }
            NoFix::OpenArgumentUnsupported { name } => {
                format!("`NamedTemporaryFile()` does not take `{name}`")
            }
            NoFix::OpenArgumentsUnknown => "`open()` gets arguments tempsafe does not know".into(),
            NoFix::NameTaken { name } => {
                format!("`{name}` is needed but the name is bound to something else")
            }
            NoFix::NameUsedUnimported { name } => format!(
                "`{name}` is used in this file without an import tempsafe can see (a star \
                 import, `builtins`?); adding one would change what it means"
            ),
            NoFix::OsAliased => "`os` is imported under another name".into(),
            NoFix::DropsComment => "the fix would drop a comment".into(),
            NoFix::ChangesSuppressedLine => {
                "the fix would change a line whose finding is suppressed".into()
            }
            NoFix::ModuleConstant => {
                "a module-level constant: often a path on another host, or shared by design".into()
            }
            NoFix::ClassAttribute => "a class attribute: often shared by design".into(),
            NoFix::ParameterDefault => "a parameter default: callers may rely on it".into(),
            NoFix::PassedOn => "the path is passed where tempsafe cannot follow it".into(),
            NoFix::ComplexString => {
                "the string is too complex to rewrite (escapes, raw, bytes or concatenated)".into()
            }
            NoFix::MovedInto => {
                "a file is moved there; a temporary directory removed at the end would delete it"
                    .into()
            }
            NoFix::SharedWithAnotherFunction => {
                "another function uses the same path: it carries data between them".into()
            }
            NoFix::SharesSuppressedPath => {
                "a suppressed line uses the same path; a fix would have to change it".into()
            }
            NoFix::NotInFunctionBody => "the path is not in the function body".into(),
            NoFix::CannotRewriteLiteral => "cannot rewrite a literal".into(),
            NoFix::UnittestNeedsDirectory => "unittest methods get a directory".into(),
            NoFix::LeftAsOutput => "the function leaves the path behind as its output; another \
                                    program or person may expect it there"
                .into(),
            NoFix::CreatedElsewhere => "the function only inspects or removes the path; another \
                                        program makes it and expects it there"
                .into(),
            NoFix::OutlivesFunction => "the path outlives the function and nothing removes it; \
                                        a fix would leave a new temporary object behind on every run"
                .into(),
            NoFix::StatementsShareLines => "the statements share lines with others".into(),
            NoFix::StatementSharesLine => "the statement shares its line with others".into(),
            NoFix::FollowingStatementsShareLines => {
                "the statements after it share lines with others".into()
            }
            NoFix::TestParametersComplex => {
                "the test's parameters are too complex to add `tmp_path`".into()
            }
            NoFix::MkdirNotStatement => {
                "a mkdir of the directory is not a statement of its own".into()
            }
            NoFix::StickySharedDirectory => "a sticky world-writable directory is a shared \
                                             directory made on purpose; an owner-only mode \
                                             would undo it"
                .into(),
            NoFix::RemovedBeforeCreated => "the directory is removed before it is made; a fresh \
                                            directory would be removed with it"
                .into(),
            NoFix::ModuleLevel => "module-level objects live as long as the program; remove it \
                                   where the program ends"
                .into(),
            NoFix::ClassBodyAttribute => "methods may read it after the class body ends; remove \
                                           it where the class's users are done with it"
                .into(),
            NoFix::DeclaredElsewhere { name } => format!(
                "`{name}` is declared `global` or `nonlocal`: code outside this function may use \
                 it later"
            ),
            NoFix::DeletedInBlock { name } => {
                format!("`del {name}` in the block: a `finally` could not name it any more")
            }
            NoFix::NamedFileKept => {
                "remove `f.name` after its last use, or drop `delete=False`".into()
            }
            NoFix::Escapes => {
                "it escapes (returned, stored, or passed where tempsafe cannot follow it)".into()
            }
            NoFix::MovedOnto => "another file is moved onto the path; removing it on an error \
                                 could delete that file"
                .into(),
            NoFix::BlockNotFound => "the statement's block was not found".into(),
            NoFix::NothingToChange => "the fix would change nothing".into(),
            NoFix::UnusedAfterCreation { name } => {
                format!("nothing uses `{name}` after it is created")
            }
        }
    }
}

impl UnsafeBecause {
    /// Why the fix may change behaviour, in one sentence.
    pub fn sentence(&self) -> String {
        match self {
            UnsafeBecause::HandedOnBeforeCreation => {
                "the path is handed to code tempsafe cannot see before it is created"
            }
            UnsafeBecause::NameReturned => {
                "the name is returned: callers now get an existing empty file, and one that \
                 expects nothing there yet would fail"
            }
            UnsafeBecause::NotCreatedHere => {
                "nothing in this scope creates the path; it may be used elsewhere"
            }
            UnsafeBecause::MkdirModeDropped => {
                "the mode given to mkdir is dropped: mkdtemp() creates the directory with mode 0o700"
            }
            UnsafeBecause::FreshDirectoryInProgramDir => {
                "the fresh directory is made in the program's `dir`, where it may stay behind"
            }
            UnsafeBecause::OpenCommentsLost => "comments inside the `open()` call would be lost",
            UnsafeBecause::HandedOn => "the path is handed to code tempsafe cannot see",
            UnsafeBecause::SamePathLeftAlone => {
                "the same path also appears in a string that is not rewritten (a comparison or a message)"
            }
            UnsafeBecause::BaseClassNotSeen => {
                "the class's base is defined elsewhere: its setUp may use the path or an \
                 attribute of the same name"
            }
            UnsafeBecause::LeftBehind => {
                "the function left the path behind; another program may expect it there"
            }
            UnsafeBecause::OtherExitHandlers => {
                "the module registers other exit handlers; they run after the removal and may \
                 still use the directory"
            }
            UnsafeBecause::ChildProcesses => {
                "the module starts processes that import it again; each removes its own \
                 directory when it exits, with the files it may have handed back"
            }
            UnsafeBecause::MayBeOutput => {
                "outside tests, the program may leave the directory for a person or another \
                 program to read after it exits"
            }
            UnsafeBecause::CreatedInProgramDir => {
                "it is created in a directory the program chose (`dir`); code after this block \
                 may expect to find it there"
            }
            UnsafeBecause::SharingIntended => "sharing with other users may have been intended",
            UnsafeBecause::ModeUnderTest => {
                "a test may set this mode on purpose: it reads modes back (`os.stat`), or the mode \
                 is more than making its own file executable (`0o755`), as when a test checks how \
                 the code treats a world-writable file"
            }
        }
        .to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_kebab_case_and_sentences_are_not_empty() {
        let reasons = [
            (
                NoFix::VariableRebound.id(),
                NoFix::VariableRebound.sentence(),
            ),
            (
                UnsafeBecause::NameReturned.id(),
                UnsafeBecause::NameReturned.sentence(),
            ),
        ];
        for (id, sentence) in reasons {
            assert!(
                id.chars().all(|c| c.is_ascii_lowercase() || c == '-'),
                "{id}"
            );
            assert!(!sentence.is_empty());
        }
    }
}

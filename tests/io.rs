//! Reading and writing files: special files, owners, hard links, the
//! temporary sibling, standard input, summary counts, diff headers,
//! encodings, the README's example, and kill -9 in the middle of a fix.

mod common;

use std::fs;
use std::io::Write;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

#[cfg(unix)]
use std::os::unix::fs::{MetadataExt, PermissionsExt};

const INSECURE: &str = "import os\nimport tempfile\n\n\ndef f():\n    name = tempfile.mktemp()\n    with open(name, \"w\") as fh:\n        fh.write(\"x\")\n    os.remove(name)\n";

fn tempsafe(dir: &Path) -> Command {
    let mut cmd = Command::new(common::tempsafe());
    cmd.current_dir(dir).env("NO_COLOR", "1");
    cmd
}

fn run(cmd: &mut Command) -> (i32, String, String) {
    let out = cmd.stdin(Stdio::null()).output().unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

/// Runs with `input` on stdin; raw stdout.
fn run_stdin(cmd: &mut Command, input: &[u8]) -> (i32, Vec<u8>, String) {
    let mut child = cmd
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    // A usage error exits before reading: a closed pipe is no failure.
    let _ = child.stdin.take().unwrap().write_all(input);
    let out = child.wait_with_output().unwrap();
    (
        out.status.code().unwrap_or(-1),
        out.stdout,
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

/// Runs `cmd`, killing it (and failing) if it takes longer than `limit`.
fn run_within(cmd: &mut Command, limit: Duration) -> (i32, String, String) {
    let mut child = cmd
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let start = Instant::now();
    while child.try_wait().unwrap().is_none() {
        if start.elapsed() > limit {
            let _ = child.kill();
            let _ = child.wait();
            panic!("tempsafe hung for more than {limit:?}");
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    let out = child.wait_with_output().unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

fn temp_files(dir: &Path) -> Vec<String> {
    let mut found = Vec::new();
    for entry in fs::read_dir(dir).unwrap() {
        let entry = entry.unwrap();
        let name = entry.file_name().to_string_lossy().into_owned();
        if entry.file_type().unwrap().is_dir() {
            found.extend(temp_files(&entry.path()));
        } else if name.contains(".tempsafe-") {
            found.push(name);
        }
    }
    found
}

#[cfg(unix)]
fn running_as_root() -> bool {
    let probe = tempfile::NamedTempFile::new().unwrap();
    probe.as_file().metadata().unwrap().uid() == 0
}

// Item 4: a FIFO, socket or device named on the command line.
#[cfg(unix)]
#[test]
fn special_files_named_on_the_command_line_are_errors_not_hangs() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("good.py"), INSECURE).unwrap();
    let mkfifo = Command::new("mkfifo")
        .arg(dir.path().join("fifo.py"))
        .status()
        .unwrap();
    assert!(mkfifo.success());
    let _socket = std::os::unix::net::UnixListener::bind(dir.path().join("sock.py")).unwrap();
    for mode in [&["check"][..], &["fix", "--dry-run"], &["fix"]] {
        let (code, _, err) = run_within(
            tempsafe(dir.path())
                .args(mode)
                .args(["fifo.py", "sock.py", "/dev/null", "good.py"]),
            Duration::from_secs(20),
        );
        assert_eq!(code, 2, "{mode:?}: {err}");
        for (name, kind) in [
            ("fifo.py", "FIFO"),
            ("sock.py", "socket"),
            ("/dev/null", "character device"),
        ] {
            let line = format!("error: {name}: not a regular file ({kind}); not read\n");
            assert!(err.contains(&line), "{mode:?}: {err}");
            // One line: no help below it.
            let after = &err[err.find(&line).unwrap() + line.len()..];
            assert!(!after.starts_with("  help"), "{mode:?}: {err}");
        }
        assert!(err.contains("3 failed"), "{mode:?}: {err}");
    }
    // The run went on: the good file was fixed.
    assert!(
        fs::read_to_string(dir.path().join("good.py"))
            .unwrap()
            .contains("mkstemp")
    );
    // A FIFO met during a walk is still left alone.
    let (code, _, err) = run_within(
        tempsafe(dir.path()).args(["check", "."]),
        Duration::from_secs(20),
    );
    assert_eq!(code, 0, "{err}");
}

// Item 10: owner and group survive a fix.
#[cfg(unix)]
#[test]
fn fixing_keeps_owner_and_group() {
    if !running_as_root() {
        eprintln!("skipped: needs root to give a file another owner");
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("owned.py");
    fs::write(&path, INSECURE).unwrap();
    std::os::unix::fs::chown(&path, Some(1234), Some(1234)).unwrap();
    fs::set_permissions(&path, fs::Permissions::from_mode(0o640)).unwrap();
    let (code, _, err) = run(tempsafe(dir.path()).args(["fix", "owned.py"]));
    assert_eq!(code, 0, "{err}");
    let metadata = fs::metadata(&path).unwrap();
    assert!(fs::read_to_string(&path).unwrap().contains("mkstemp"));
    assert_eq!((metadata.uid(), metadata.gid()), (1234, 1234));
    assert_eq!(metadata.permissions().mode() & 0o7777, 0o640);
}

// Item 10: when the owner cannot be kept, the file is not replaced.
#[cfg(unix)]
#[test]
fn a_file_whose_owner_cannot_be_kept_is_not_replaced() {
    if !running_as_root() || Command::new("setpriv").arg("--help").output().is_err() {
        eprintln!("skipped: needs root and setpriv");
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    fs::set_permissions(dir.path(), fs::Permissions::from_mode(0o777)).unwrap();
    let path = dir.path().join("theirs.py");
    fs::write(&path, INSECURE).unwrap();
    std::os::unix::fs::chown(&path, Some(1234), Some(1234)).unwrap();
    // Writable by everyone, so an unprivileged user gets as far as writing.
    fs::set_permissions(&path, fs::Permissions::from_mode(0o666)).unwrap();
    let mut cmd = Command::new("setpriv");
    cmd.args(["--reuid=65534", "--regid=65534", "--clear-groups"])
        .arg(common::tempsafe())
        .args(["fix", "theirs.py"])
        .current_dir(dir.path());
    let (code, _, err) = run(&mut cmd);
    if err.contains("Permission denied") && !err.contains("theirs.py") {
        eprintln!("skipped: the unprivileged user cannot run the binary: {err}");
        return;
    }
    assert_eq!(code, 1, "{err}");
    assert!(
        err.contains("theirs.py: cannot keep its owner and group"),
        "{err}"
    );
    assert_eq!(fs::read_to_string(&path).unwrap(), INSECURE);
    let metadata = fs::metadata(&path).unwrap();
    assert_eq!((metadata.uid(), metadata.gid()), (1234, 1234));
    assert_eq!(temp_files(dir.path()), Vec::<String>::new());
    assert!(err.contains("Fixed 0 issues in 0 files"), "{err}");
}

// Item 11: hard-linked files are refused, every name keeps its content.
#[cfg(unix)]
#[test]
fn hard_linked_files_are_refused() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("one.py");
    fs::write(&path, INSECURE).unwrap();
    fs::hard_link(&path, dir.path().join("other.py")).unwrap();
    let (code, _, err) = run(tempsafe(dir.path()).args(["fix", "one.py"]));
    assert_eq!(code, 1, "{err}");
    assert!(
        err.contains("one.py: has 2 hard links; not rewritten"),
        "{err}"
    );
    assert!(err.contains("help: "), "{err}");
    for name in ["one.py", "other.py"] {
        assert_eq!(fs::read_to_string(dir.path().join(name)).unwrap(), INSECURE);
    }
    assert_eq!(fs::metadata(&path).unwrap().nlink(), 2);
}

// Item 12: the temporary sibling is owner-only from the moment it exists.
// A large file keeps it on disk long enough for a watcher to see it.
#[cfg(unix)]
#[test]
fn the_temporary_sibling_is_never_readable_by_others() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("big.py");
    let filler = format!("BLOB = \"\"\"{}\"\"\"\n", "x".repeat(20 * 1024 * 1024));
    fs::write(&path, format!("{INSECURE}{filler}")).unwrap();
    fs::set_permissions(&path, fs::Permissions::from_mode(0o600)).unwrap();
    let mut seen = Vec::new();
    for _attempt in 0..5 {
        let mut child = tempsafe(dir.path())
            .args(["fix", "big.py"])
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        while child.try_wait().unwrap().is_none() {
            for entry in fs::read_dir(dir.path()).unwrap().flatten() {
                if entry.file_name().to_string_lossy().contains(".tempsafe-")
                    && let Ok(m) = entry.metadata()
                {
                    seen.push(m.permissions().mode() & 0o777);
                }
            }
        }
        if !seen.is_empty() {
            break;
        }
        // Nothing seen (the write was too quick): again, from the insecure version.
        fs::write(&path, format!("{INSECURE}{filler}")).unwrap();
    }
    assert!(!seen.is_empty(), "the temporary file was never seen");
    assert!(
        seen.iter().all(|mode| mode & 0o077 == 0),
        "modes seen: {:?}",
        seen.iter()
            .map(|m| format!("{m:o}"))
            .collect::<std::collections::BTreeSet<_>>()
    );
    assert!(fs::read_to_string(&path).unwrap().contains("mkstemp"));
    assert_eq!(
        fs::metadata(&path).unwrap().permissions().mode() & 0o777,
        0o600
    );
}

/// The PID of a process that has exited.
fn dead_pid() -> u32 {
    let mut child = Command::new("true").spawn().unwrap();
    let pid = child.id();
    child.wait().unwrap();
    pid
}

// Item 12: stale temporary siblings are removed by the next fix, only
// those of tempsafe's exact pattern whose writer is gone.
#[cfg(unix)]
#[test]
fn a_later_fix_removes_stale_temporary_files_only() {
    let dir = tempfile::tempdir().unwrap();
    let sub = dir.path().join("sub");
    fs::create_dir(&sub).unwrap();
    fs::write(sub.join("a.py"), INSECURE).unwrap();
    fs::write(dir.path().join("b.py"), INSECURE).unwrap();
    let dead = dead_pid();
    let alive = std::process::id();
    let stale = [
        format!("sub/.a.py.tempsafe-{dead}-Ab3dEf"),
        format!("sub/.gone.py.tempsafe-{dead}-zzzzzz"),
        format!(".b.py.tempsafe-{dead}-q1w2e3"),
    ];
    let kept = [
        // A running writer's file.
        format!("sub/.a.py.tempsafe-{alive}-Ab3dEf"),
        // Not the exact pattern.
        format!("sub/a.py.tempsafe-{dead}-Ab3dEf"),
        format!("sub/.a.py.tempsafe-{dead}-Ab3dE"),
        format!("sub/.a.py.tempsafe-x{dead}-Ab3dEf"),
        "sub/notes.txt".to_string(),
    ];
    let plant = || {
        for name in stale.iter().chain(&kept) {
            fs::write(dir.path().join(name), "partial").unwrap();
        }
    };
    plant();
    // check and dry runs write nothing, and remove nothing.
    run(tempsafe(dir.path()).args(["check", "."]));
    run(tempsafe(dir.path()).args(["fix", "--dry-run", "."]));
    for name in stale.iter().chain(&kept) {
        assert!(dir.path().join(name).exists(), "{name}");
    }
    let (code, _, err) = run(tempsafe(dir.path()).args(["fix", "."]));
    assert_eq!(code, 0, "{err}");
    for name in &stale {
        assert!(!dir.path().join(name).exists(), "{name} was left: {err}");
        assert!(err.contains(&format!("note: removed {name}")), "{err}");
    }
    for name in &kept {
        assert!(dir.path().join(name).exists(), "{name} was removed");
    }
    // A file named on the command line: its own stale siblings go.
    fs::write(sub.join("a.py"), INSECURE).unwrap();
    plant();
    let (code, _, err) = run(tempsafe(dir.path()).args(["fix", "sub/a.py"]));
    assert_eq!(code, 0, "{err}");
    assert!(!dir.path().join(&stale[0]).exists(), "{err}");
    assert!(dir.path().join(&stale[1]).exists(), "not a sibling of a.py");
    for name in &kept {
        assert!(dir.path().join(name).exists(), "{name} was removed");
    }
}

// Item 13: standard input.
#[test]
fn standard_input_errors_are_printed() {
    let dir = tempfile::tempdir().unwrap();
    let py2 = b"import tempfile\nprint tempfile.mktemp()\n";
    for args in [
        &["fix", "-"][..],
        &["check", "-"],
        &["fix", "--dry-run", "-"],
    ] {
        let (code, out, err) = run_stdin(tempsafe(dir.path()).args(args), py2);
        assert_eq!(code, 1, "{args:?}");
        // A file that does not parse is a finding (TMP000), on stderr when
        // stdout carries the source.
        let shown = if args == ["fix", "-"] {
            err.clone()
        } else {
            format!("{}{err}", String::from_utf8_lossy(&out))
        };
        assert!(shown.contains("invalid-syntax"), "{args:?}: {shown}");
        if args == ["fix", "-"] {
            // The input comes back unchanged.
            assert_eq!(out, py2);
        }
    }
    // `\r`-only line endings: fixed, or an error that says so.
    let cr = INSECURE.replace('\n', "\r");
    let (code, out, err) = run_stdin(tempsafe(dir.path()).args(["fix", "-"]), cr.as_bytes());
    assert!(code == 0 || !err.is_empty(), "exit {code} with no message");
    if code == 0 {
        assert!(String::from_utf8_lossy(&out).contains("mkstemp"));
    }
    // Not UTF-8 and no coding line.
    let (code, _, err) = run_stdin(
        tempsafe(dir.path()).args(["fix", "-"]),
        b"import tempfile\nx = '\xe9'\ny = tempfile.mktemp()\n",
    );
    assert_eq!(code, 1);
    assert!(err.contains("not valid UTF-8"), "{err}");
}

#[test]
fn standard_input_and_paths_together_are_a_usage_error() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("other.py"), INSECURE).unwrap();
    for args in [&["fix", "-", "other.py"][..], &["check", "other.py", "-"]] {
        let (code, out, err) = run_stdin(tempsafe(dir.path()).args(args), INSECURE.as_bytes());
        assert_eq!(code, 2, "{args:?}");
        assert!(
            err.contains("error: `-` (standard input) cannot be combined with other paths"),
            "{err}"
        );
        assert!(out.is_empty());
    }
    assert_eq!(
        fs::read_to_string(dir.path().join("other.py")).unwrap(),
        INSECURE
    );
}

// Item 14: files not written are not counted as fixed; missing paths fail.
#[cfg(unix)]
#[test]
fn summary_counts_only_what_was_written() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("good.py"), INSECURE).unwrap();
    let ro = dir.path().join("ro.py");
    fs::write(&ro, INSECURE).unwrap();
    fs::set_permissions(&ro, fs::Permissions::from_mode(0o444)).unwrap();
    let (code, _, err) = run(tempsafe(dir.path()).args(["fix", "ro.py"]));
    assert_eq!(code, 1);
    assert!(err.contains("Fixed 0 issues in 0 files"), "{err}");
    assert!(err.contains("1 failed"), "{err}");
    let (code, _, err) = run(tempsafe(dir.path()).args(["fix", "ro.py", "good.py", "missing.py"]));
    assert_eq!(code, 2);
    assert!(
        err.contains("error: missing.py: no such file or directory\n"),
        "{err}"
    );
    assert!(err.contains("Fixed 1 issue in 1 file"), "{err}");
    assert!(err.contains("3 files checked, 2 failed"), "{err}");
    // Files named one by one (pre-commit) get one summary, no line each.
    assert!(!err.contains("ro.py: 1 files"), "{err}");
    let (code, _, err) = run(tempsafe(dir.path()).args(["check", "missing.py"]));
    assert_eq!(code, 2);
    assert!(err.contains("1 failed"), "{err}");
}

// Item 15: names with a newline, a space, a quote or a backslash.
#[test]
fn diff_headers_quote_special_file_names() {
    let names = [
        "na\nme.py",
        "sp ace.py",
        "quo\"te.py",
        "back\\slash.py",
        "tab\there.py",
    ];
    let dir = tempfile::tempdir().unwrap();
    for name in names {
        fs::write(dir.path().join(name), INSECURE).unwrap();
    }
    let (code, diff, err) = run(tempsafe(dir.path()).args(["fix", "--dry-run", "."]));
    assert_eq!(code, 1, "{err}");
    assert!(
        diff.contains("--- \"a/na\\nme.py\"\n+++ \"b/na\\nme.py\"\n"),
        "{diff}"
    );
    assert!(
        diff.contains("--- a/sp ace.py\t\n+++ b/sp ace.py\t\n"),
        "{diff}"
    );
    assert!(diff.contains("--- \"a/quo\\\"te.py\"\n"), "{diff}");
    assert!(diff.contains("--- \"a/back\\\\slash.py\"\n"), "{diff}");
    assert!(diff.contains("--- \"a/tab\\there.py\"\n"), "{diff}");

    let applied = tempfile::tempdir().unwrap();
    common::copy_tree(dir.path(), applied.path());
    common::git_apply(applied.path(), &diff, true);
    let patch = Command::new("patch")
        .args(["-p1", "--dry-run", "--batch", "-i", "change.patch"])
        .current_dir(applied.path())
        .output();
    match patch {
        Err(_) => eprintln!("patch is not installed: only git apply checked"),
        Ok(out) => assert!(
            out.status.success(),
            "{}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        ),
    }
    // Applied, the patch gives what `fix` writes.
    let git = Command::new("git")
        .args(["apply", "--whitespace=nowarn", "change.patch"])
        .current_dir(applied.path())
        .output()
        .unwrap();
    assert!(git.status.success());
    let (code, _, err) = run(tempsafe(dir.path()).args(["fix", "."]));
    assert_eq!(code, 0, "{err}");
    for name in names {
        assert_eq!(
            fs::read(applied.path().join(name)).unwrap(),
            fs::read(dir.path().join(name)).unwrap(),
            "{name:?}"
        );
    }
}

// Item 16: UTF-16 and UTF-32 are reported, not passed over.
#[test]
fn utf16_and_utf32_files_are_unsupported_encodings() {
    let dir = tempfile::tempdir().unwrap();
    let utf16le: Vec<u8> = [0xff, 0xfe]
        .into_iter()
        .chain(INSECURE.encode_utf16().flat_map(u16::to_le_bytes))
        .collect();
    let utf16be: Vec<u8> = [0xfe, 0xff]
        .into_iter()
        .chain(INSECURE.encode_utf16().flat_map(u16::to_be_bytes))
        .collect();
    let utf32le: Vec<u8> = [0xff, 0xfe, 0, 0]
        .into_iter()
        .chain(INSECURE.chars().flat_map(|c| (c as u32).to_le_bytes()))
        .collect();
    for (name, bytes, label) in [
        ("le.py", &utf16le, "UTF-16 LE"),
        ("be.py", &utf16be, "UTF-16 BE"),
        ("le32.py", &utf32le, "UTF-32 LE"),
    ] {
        fs::write(dir.path().join(name), bytes).unwrap();
        for mode in [&["check"][..], &["fix"]] {
            let (code, _, err) = run(tempsafe(dir.path()).args(mode).arg(name));
            assert_eq!(code, 1, "{name}: {err}");
            assert!(
                err.contains(&format!("error: {name}: unsupported encoding ({label})")),
                "{err}"
            );
        }
        assert_eq!(&fs::read(dir.path().join(name)).unwrap(), bytes);
    }
}

/// A latin-1 file with `cafe` (its bytes as given) in a string and a comment.
fn latin1_file(cafe: &[u8]) -> Vec<u8> {
    let mut bytes =
        b"# -*- coding: latin-1 -*-\nimport os\nimport tempfile\n\n\ndef f():\n    greeting = '"
            .to_vec();
    bytes.extend_from_slice(cafe);
    bytes.extend_from_slice(b"'  # caf");
    bytes.extend_from_slice(&cafe[3..]);
    bytes.extend_from_slice(b"\n    name = tempfile.mktemp()\n    with open(name, \"w\") as fh:\n        fh.write(greeting)\n    os.remove(name)\n");
    bytes
}

// Item 16: PEP 263 files are fixed and written back in their encoding.
#[test]
fn coding_cookie_files_are_fixed_in_their_own_encoding() {
    let dir = tempfile::tempdir().unwrap();
    let original = latin1_file(b"caf\xe9");
    fs::write(dir.path().join("latin.py"), &original).unwrap();
    // The same file in ASCII, fixed: the fix is the same.
    let ascii = latin1_file(b"cafe");
    fs::write(dir.path().join("ascii.py"), &ascii).unwrap();
    let (code, diff, err) = run(tempsafe(dir.path()).args(["fix", "--dry-run", "latin.py"]));
    assert_eq!(code, 1, "{err}");
    let (code, _, err) = run(tempsafe(dir.path()).args(["fix", "latin.py", "ascii.py"]));
    assert_eq!(code, 0, "{err}");
    let fixed_ascii = fs::read(dir.path().join("ascii.py")).unwrap();
    assert_ne!(fixed_ascii, ascii, "the ASCII file was fixed");
    let fixed = fs::read(dir.path().join("latin.py")).unwrap();
    // Byte-identical outside the edits: the é bytes (0xe9) stay as they were.
    let expected: Vec<u8> = {
        let text = fixed_ascii;
        let mut out = Vec::new();
        let mut rest = &text[..];
        while let Some(at) = rest.windows(4).position(|w| w == b"cafe") {
            out.extend_from_slice(&rest[..at]);
            out.extend_from_slice(b"caf\xe9");
            rest = &rest[at + 4..];
        }
        out.extend_from_slice(rest);
        out
    };
    assert_eq!(
        String::from_utf8_lossy(&fixed),
        String::from_utf8_lossy(&expected)
    );
    assert_eq!(fixed, expected);
    // The dry-run patch is in the file's bytes too, and applies.
    assert!(
        diff.contains("caf\u{fffd}"),
        "the diff is not UTF-8: {diff}"
    );
    let applied = tempfile::tempdir().unwrap();
    fs::write(applied.path().join("latin.py"), &original).unwrap();
    let patch = tempsafe(applied.path())
        .args(["fix", "--dry-run", "latin.py"])
        .output()
        .unwrap();
    assert!(
        patch.stdout.windows(4).any(|w| w == b"caf\xe9"),
        "the diff keeps the file's bytes"
    );
    common::git_apply(applied.path(), &patch.stdout, false);
    assert_eq!(fs::read(applied.path().join("latin.py")).unwrap(), fixed);
    // Python reads the result.
    let check = Command::new("python3")
        .args([
            "-c",
            "import sys; compile(open(sys.argv[1], 'rb').read(), 'f', 'exec')",
        ])
        .arg(dir.path().join("latin.py"))
        .output()
        .unwrap();
    assert!(
        check.status.success(),
        "{}",
        String::from_utf8_lossy(&check.stderr)
    );
    // A second run changes nothing.
    let (code, _, err) = run(tempsafe(dir.path()).args(["fix", "latin.py"]));
    assert_eq!(code, 0, "{err}");
    assert_eq!(fs::read(dir.path().join("latin.py")).unwrap(), fixed);
}

// Item 16: positions refer to the decoded text (multi-byte EUC-JP).
#[test]
fn positions_in_legacy_encodings_count_decoded_characters() {
    let dir = tempfile::tempdir().unwrap();
    // 日本 in EUC-JP, then a finding on the same line.
    let mut euc = b"# coding: euc-jp\nimport tempfile\nx = '".to_vec();
    euc.extend_from_slice(b"\xc6\xfc\xcb\xdc");
    euc.extend_from_slice(b"'; y = tempfile.mktemp()\n");
    fs::write(dir.path().join("euc.py"), &euc).unwrap();
    let utf8 = "# coding: utf-8\nimport tempfile\nx = '日本'; y = tempfile.mktemp()\n";
    fs::write(dir.path().join("utf8.py"), utf8).unwrap();
    let (_, out, err) = run(tempsafe(dir.path()).args([
        "check",
        "--output-format",
        "concise",
        "euc.py",
        "utf8.py",
    ]));
    let locations: Vec<&str> = out
        .lines()
        .filter_map(|l| l.split(": ").next())
        .map(|l| l.split_once(':').map_or(l, |(_, loc)| loc))
        .collect();
    assert_eq!(locations.len(), 2, "{out}{err}");
    assert_eq!(locations[0], locations[1], "{out}");
    // Shift_JIS, cp1252 and an unknown encoding.
    let mut sjis = b"# -*- coding: shift_jis -*-\nimport os\nimport tempfile\nx = '".to_vec();
    sjis.extend_from_slice(b"\x93\xfa\x96\x7b");
    sjis.extend_from_slice(
        b"'\nname = tempfile.mktemp()\nopen(name, 'w').close()\nos.remove(name)\n",
    );
    fs::write(dir.path().join("sjis.py"), &sjis).unwrap();
    let cp1252 = b"# vim: set fileencoding=cp1252 :\nimport os\nimport tempfile\nx = '\x80'\nname = tempfile.mktemp()\nopen(name, 'w').close()\nos.remove(name)\n";
    fs::write(dir.path().join("cp.py"), cp1252).unwrap();
    let (code, _, err) = run(tempsafe(dir.path()).args(["fix", "sjis.py", "cp.py"]));
    // Exit 1: a module-level mkstemp() is reported, without a fix.
    assert_eq!(code, 1, "{err}");
    assert!(err.contains("Fixed 2 issues in 2 files"), "{err}");
    for (name, marker) in [("sjis.py", &b"\x93\xfa\x96\x7b"[..]), ("cp.py", b"'\x80'")] {
        let fixed = fs::read(dir.path().join(name)).unwrap();
        assert!(fixed.windows(marker.len()).any(|w| w == marker), "{name}");
        assert!(fixed.windows(7).any(|w| w == b"mkstemp"), "{name}");
    }
    fs::write(
        dir.path().join("klingon.py"),
        b"# coding: klingon\nimport tempfile\nx = tempfile.mktemp()\n\xff\n",
    )
    .unwrap();
    let (code, _, err) = run(tempsafe(dir.path()).args(["check", "klingon.py"]));
    assert_eq!(code, 1);
    assert!(
        err.contains("klingon.py: unsupported encoding (klingon)"),
        "{err}"
    );
}

// Item 16: a fix whose text the encoding lacks is no fix.
#[test]
fn text_the_encoding_cannot_hold_is_an_error() {
    let latin = encoding_rs::WINDOWS_1252;
    assert_eq!(
        tempsafe::source::encode("caf\u{e9}\n", latin).unwrap(),
        b"caf\xe9\n"
    );
    let error = tempsafe::source::encode("ok\nfine\nname = '\u{101}'\n", latin).unwrap_err();
    assert_eq!(
        error.to_string(),
        "line 3 of the fix cannot be encoded in windows-1252; not fixed"
    );
}

/// The ```console blocks of the README whose commands run tempsafe.
fn readme_console_blocks(readme: &str) -> Vec<(String, Vec<String>)> {
    let mut blocks = Vec::new();
    let mut lines = readme.lines();
    while let Some(line) = lines.next() {
        if line.trim() != "```console" {
            continue;
        }
        let mut block: Vec<String> = Vec::new();
        for line in lines.by_ref() {
            if line.trim() == "```" {
                break;
            }
            block.push(line.to_string());
        }
        let Some(command) = block.first().and_then(|l| l.strip_prefix("$ ")) else {
            continue;
        };
        let command = command.to_string();
        if command.starts_with("cargo run --release -- ") || command.starts_with("tempsafe ") {
            blocks.push((command, block[1..].to_vec()));
        }
    }
    blocks
}

/// Whether `actual` matches `shown`, where a `...` line in `shown` stands
/// for any number of lines; the first mismatch otherwise.
fn matches_with_ellipses(shown: &[String], actual: &[&str]) -> Result<(), String> {
    let segments: Vec<&[String]> = shown.split(|l| l == "...").collect();
    let mut at = 0;
    for (i, segment) in segments.iter().enumerate() {
        let anchored = i == 0;
        let found = (at..=actual.len().saturating_sub(segment.len())).find(|&start| {
            segment
                .iter()
                .zip(&actual[start..])
                .all(|(want, got)| want == got)
                && actual.len() >= start + segment.len()
        });
        match found {
            Some(start) if !anchored || start == at => at = start + segment.len(),
            _ => {
                return Err(format!(
                    "README lines not found in order:\n{}",
                    segment.join("\n")
                ));
            }
        }
    }
    if segments.last().is_some_and(|s| !s.is_empty()) && at != actual.len() {
        return Err(format!(
            "output goes on past the README's last line:\n{}",
            actual[at..].join("\n")
        ));
    }
    Ok(())
}

// Item 18: the README's console commands print what the README shows.
#[test]
fn readme_console_examples_match_the_real_output() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let readme = fs::read_to_string(root.join("README.md")).unwrap();
    let blocks = readme_console_blocks(&readme);
    assert!(!blocks.is_empty(), "the README shows no tempsafe command");
    for (command, shown) in blocks {
        let args = command
            .strip_prefix("cargo run --release -- ")
            .or_else(|| command.strip_prefix("tempsafe "))
            .unwrap();
        let work = tempfile::tempdir().unwrap();
        // On a copy: a command that fixes must not change the repository.
        common::copy_tree(&root.join("examples"), &work.path().join("examples"));
        let out = tempsafe(work.path())
            .args(args.split_whitespace())
            .output()
            .unwrap();
        // stdout first, then the summary on stderr, as a terminal shows it.
        let text = format!(
            "{}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        );
        let actual: Vec<&str> = text.lines().collect();
        if let Err(why) = matches_with_ellipses(&shown, &actual) {
            panic!("README example `{command}` is out of date: {why}\n\nreal output:\n{text}");
        }
    }
}

#[test]
fn the_readme_matcher_needs_every_shown_line() {
    let shown: Vec<String> = ["a", "...", "c", "d"].map(String::from).to_vec();
    assert!(matches_with_ellipses(&shown, &["a", "b", "c", "d"]).is_ok());
    assert!(matches_with_ellipses(&shown, &["a", "c", "d"]).is_ok());
    assert!(matches_with_ellipses(&shown, &["a", "b", "c", "x"]).is_err());
    assert!(matches_with_ellipses(&shown, &["x", "a", "c", "d"]).is_err());
    assert!(matches_with_ellipses(&shown, &["a", "c", "d", "e"]).is_err());
}

/// Writes `count` files of a few shapes; returns their names and contents.
fn bulk_files(dir: &Path, count: usize) -> Vec<(String, String)> {
    (0..count)
        .map(|i| {
            let text = match i % 3 {
                0 => INSECURE.to_string(),
                1 => format!(
                    "import tempfile\n\n\ndef g{i}():\n    d = tempfile.mkdtemp()\n    print(d)\n"
                ),
                _ => format!("x{i} = {i}\n"),
            };
            let name = format!("d{:02}/f{i:05}.py", i % 40);
            let path = dir.join(&name);
            fs::create_dir_all(path.parent().unwrap()).unwrap();
            fs::write(&path, &text).unwrap();
            (name, text)
        })
        .collect()
}

/// kill -9 during a bulk fix, after `fraction` of a full run's time: every
/// file is the original or the fixed version; a second run leaves no
/// temporary file and every file fixed.
fn kill_during_bulk_fix(count: usize, fraction: f64) {
    let reference = tempfile::tempdir().unwrap();
    let files = bulk_files(reference.path(), count);
    let start = Instant::now();
    let (code, _, err) = run(tempsafe(reference.path()).args(["fix", "."]));
    let full_run = start.elapsed();
    assert_eq!(code, 0, "{err}");
    let fixed: Vec<String> = files
        .iter()
        .map(|(name, _)| fs::read_to_string(reference.path().join(name)).unwrap())
        .collect();

    let dir = tempfile::tempdir().unwrap();
    bulk_files(dir.path(), count);
    let mut child = tempsafe(dir.path())
        .args(["fix", "."])
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    std::thread::sleep(full_run.mul_f64(fraction));
    child.kill().unwrap(); // SIGKILL
    child.wait().unwrap();
    let mut states = [0usize; 2];
    for ((name, original), fixed) in files.iter().zip(&fixed) {
        let now = fs::read_to_string(dir.path().join(name)).unwrap();
        if now == *original {
            states[0] += 1;
        } else {
            assert_eq!(now, *fixed, "{name} is neither original nor fixed");
            states[1] += 1;
        }
    }
    eprintln!(
        "killed after {:?} of {full_run:?}: {} original, {} fixed, {} temporary files left",
        full_run.mul_f64(fraction),
        states[0],
        states[1],
        temp_files(dir.path()).len()
    );
    let (code, _, err) = run(tempsafe(dir.path()).args(["fix", "."]));
    assert_eq!(code, 0, "{err}");
    assert_eq!(temp_files(dir.path()), Vec::<String>::new(), "{err}");
    for ((name, _), fixed) in files.iter().zip(&fixed) {
        assert_eq!(
            fs::read_to_string(dir.path().join(name)).unwrap(),
            *fixed,
            "{name}"
        );
    }
}

/// A fraction in [0.2, 0.8) from the clock: each run kills at another moment.
fn random_fraction() -> f64 {
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .subsec_nanos();
    0.2 + f64::from(nanos % 600) / 1000.0
}

#[cfg(unix)]
#[test]
fn kill_9_during_a_bulk_fix_loses_nothing() {
    kill_during_bulk_fix(2_000, random_fraction());
}

/// The long version: 10,000 files, killed at five moments.
#[cfg(unix)]
#[test]
#[ignore = "slow: run with --ignored"]
fn kill_9_during_a_large_bulk_fix_loses_nothing() {
    for fraction in [0.1, 0.3, 0.5, 0.7, 0.9] {
        kill_during_bulk_fix(10_000, fraction);
    }
}

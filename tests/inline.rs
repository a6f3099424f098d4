//! Before/after pairs for small shapes where a case folder is overkill.
//!
//! Each test names the transforms it runs, the code before and the code
//! it must become, both written dedented with `indoc!` so that they read
//! like the Python they are. `assert_fix` applies safe fixes only,
//! `assert_unsafe_fix` unsafe ones too, `assert_unchanged` checks that
//! neither changes the code. Beyond the text, every pair must be stable (a
//! second run changes nothing) and accepted by python3's `compile()`.
//!
//! Shapes that need a spec line per case, a snapshot of the findings or
//! the all-transforms view belong in `transforms/<name>/` instead.

mod common;

use indoc::indoc;
use tempsafe::printer::unified_diff;
use tempsafe::{Rule, Settings, check_source, fix_source};

use Rule::{MktempCall, PermissiveTempPermissions, TempWithoutCleanup};

/// What `before` becomes under `rules` (unsafe fixes as asked), checked
/// to be stable and accepted by CPython.
fn fixed(rules: &[Rule], before: &str, unsafe_fixes: bool) -> String {
    let settings = Settings::new(rules.to_vec(), unsafe_fixes);
    let result = fix_source(before, &settings).expect("the code before parses");
    assert!(result.converged, "fixing did not converge");
    let again = fix_source(&result.source, &settings).expect("the fixed code parses");
    assert_eq!(
        again.source, result.source,
        "a second run changed the fixed code"
    );
    common::assert_python_parses(&[("fixed".to_string(), result.source.clone())]);
    result.source
}

fn assert_text(want: &str, got: &str) {
    assert!(
        got == want,
        "the fixed code differs from the expected (- expected, + got):\n{}",
        unified_diff("case.py", want, got)
    );
}

/// Safe fixes of `rules` turn `before` into `after`.
fn assert_fix(rules: &[Rule], before: &str, after: &str) {
    assert_ne!(before, after, "use assert_unchanged");
    assert_text(after, &fixed(rules, before, false));
}

/// Safe and unsafe fixes of `rules` turn `before` into `after`.
fn assert_unsafe_fix(rules: &[Rule], before: &str, after: &str) {
    assert_ne!(before, after, "use assert_unchanged");
    assert_text(after, &fixed(rules, before, true));
}

/// No fix of `rules`, safe or unsafe, changes `source`.
fn assert_unchanged(rules: &[Rule], source: &str) {
    for unsafe_fixes in [false, true] {
        assert_text(source, &fixed(rules, source, unsafe_fixes));
    }
}

#[test]
#[should_panic(expected = "the fixed code differs from the expected")]
fn a_wrong_after_fails() {
    assert_fix(
        &[MktempCall],
        indoc! {r#"
            import tempfile

            def f():
                name = tempfile.mktemp()
                open(name, "w").close()
        "#},
        indoc! {r#"
            import tempfile

            def f():
                name = tempfile.mktemp()
                open(name, "w").close()
            # not what the fix writes
        "#},
    );
}

#[test]
fn mktemp_in_an_async_function() {
    assert_fix(
        &[MktempCall],
        indoc! {r#"
            import tempfile


            async def f():
                name = tempfile.mktemp()
                with open(name, "w") as fh:
                    fh.write("x")
        "#},
        indoc! {r#"
            import os
            import tempfile


            async def f():
                fd, name = tempfile.mkstemp()
                os.close(fd)
                with open(name, "w") as fh:
                    fh.write("x")
        "#},
    );
}

#[test]
fn the_only_imported_name_is_replaced_in_its_import() {
    assert_fix(
        &[MktempCall],
        indoc! {r#"
            from tempfile import mktemp


            def f():
                name = mktemp()
                with open(name, "w") as fh:
                    fh.write("x")
        "#},
        indoc! {r#"
            import os
            from tempfile import mkstemp


            def f():
                fd, name = mkstemp()
                os.close(fd)
                with open(name, "w") as fh:
                    fh.write("x")
        "#},
    );
}

#[test]
fn mktemp_in_a_method_keeps_the_method_indentation() {
    assert_fix(
        &[MktempCall],
        indoc! {r#"
            import tempfile


            class Writer:
                def write(self):
                    path = tempfile.mktemp(suffix=".txt")
                    with open(path, "w") as fh:
                        fh.write("x")
        "#},
        indoc! {r#"
            import os
            import tempfile


            class Writer:
                def write(self):
                    fd, path = tempfile.mkstemp(suffix=".txt")
                    os.close(fd)
                    with open(path, "w") as fh:
                        fh.write("x")
        "#},
    );
}

#[test]
fn under_all_transforms_a_directory_in_a_nested_function_goes_when_it_returns() {
    assert_fix(
        Rule::ALL,
        indoc! {r#"
            import os
            import tempfile


            def outer():
                def inner():
                    d = tempfile.mktemp()
                    os.mkdir(d)
                    return os.listdir(d)
                return inner()
        "#},
        indoc! {r#"
            import os
            import shutil
            import tempfile


            def outer():
                def inner():
                    d = tempfile.mkdtemp()
                    try:
                        return os.listdir(d)
                    finally:
                        shutil.rmtree(d, ignore_errors=True)
                return inner()
        "#},
    );
}

#[test]
fn under_all_transforms_mktemp_in_a_while_loop_is_wrapped_inside_the_loop() {
    assert_fix(
        Rule::ALL,
        indoc! {r#"
            import os
            import tempfile


            def f(items):
                while items:
                    item = items.pop()
                    name = tempfile.mktemp()
                    with open(name, "w") as fh:
                        fh.write(item)
                    os.remove(name)
        "#},
        indoc! {r#"
            import os
            import tempfile


            def f(items):
                while items:
                    item = items.pop()
                    fd, name = tempfile.mkstemp()
                    try:
                        os.close(fd)
                        with open(name, "w") as fh:
                            fh.write(item)
                        os.remove(name)
                    finally:
                        if os.path.exists(name):
                            os.remove(name)
        "#},
    );
}

#[test]
fn under_all_transforms_mktemp_inside_try_except_gets_its_own_try_finally() {
    assert_fix(
        Rule::ALL,
        indoc! {r#"
            import tempfile


            def f():
                try:
                    name = tempfile.mktemp()
                    open(name, "w").close()
                except OSError:
                    pass
        "#},
        indoc! {r#"
            import os
            import tempfile


            def f():
                try:
                    fd, name = tempfile.mkstemp()
                    try:
                        os.close(fd)
                        open(name, "w").close()
                    finally:
                        if os.path.exists(name):
                            os.remove(name)
                except OSError:
                    pass
        "#},
    );
}

#[test]
fn a_named_file_closed_and_read_by_name_is_removed_in_finally() {
    assert_fix(
        &[TempWithoutCleanup],
        indoc! {r#"
            import os
            import tempfile


            def f():
                fh = tempfile.NamedTemporaryFile(delete=False)
                fh.write(b"x")
                fh.close()
                print(os.path.getsize(fh.name))
        "#},
        indoc! {r#"
            import os
            import tempfile


            def f():
                fh = tempfile.NamedTemporaryFile(delete=False)
                try:
                    fh.write(b"x")
                    fh.close()
                    print(os.path.getsize(fh.name))
                finally:
                    fh.close()
                    if os.path.exists(fh.name):
                        os.remove(fh.name)
        "#},
    );
}

#[test]
fn a_world_writable_temp_dir_becomes_private_only_with_unsafe_fixes() {
    let before = indoc! {r#"
        import os
        import tempfile


        def f():
            d = tempfile.mkdtemp()
            os.chmod(d, 0o777)
    "#};
    assert_text(before, &fixed(&[PermissiveTempPermissions], before, false));
    assert_unsafe_fix(
        &[PermissiveTempPermissions],
        before,
        indoc! {r#"
            import os
            import tempfile


            def f():
                d = tempfile.mkdtemp()
                os.chmod(d, 0o700)
        "#},
    );
}

#[test]
fn a_tmp_path_under_the_main_guard_is_reported_not_rewritten() {
    let source = indoc! {r#"
        import os

        if __name__ == "__main__":
            with open("/tmp/out.txt", "w") as fh:
                fh.write("x")
            os.remove("/tmp/out.txt")
    "#};
    assert_unchanged(Rule::ALL, source);
    let findings = check_source(source, &Settings::new(Rule::ALL.to_vec(), true)).unwrap();
    let codes: Vec<_> = findings.iter().map(|d| d.rule.code()).collect();
    assert_eq!(codes, ["TMP002", "TMP002"]);
}

#[test]
fn a_named_file_in_with_needs_nothing() {
    assert_unchanged(
        Rule::ALL,
        indoc! {r#"
            import tempfile


            def f():
                with tempfile.NamedTemporaryFile("w") as fh:
                    fh.write("x")
        "#},
    );
}

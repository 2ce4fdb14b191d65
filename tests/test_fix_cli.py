"""`termlint check --fix / --diff / --unsafe-fixes` end to end, and files that are never damaged.

Failures (a full disk, a rename that fails, a read-only file or folder, an editor saving the
file meanwhile) are simulated with monkeypatch; in each the original bytes must survive, no
temporary file may be left behind, and the error must name the file.
"""
from __future__ import annotations

import codecs
import errno
import json
import os
import shutil
import stat
import subprocess
from pathlib import Path

import pytest
from conftest import SEED, fail_writes, replacing_rule

from termlint import engine, writer

TEXT = "Police arrested illegal immigrants at the port.\nAn illegal alien was held.\n"
FIXED = ("Police arrested migrants in an irregular situation at the port.\n"
         "An undocumented noncitizen was held.\n")
FIXED_WORDS = "migrants in an irregular situation"


def _fail(exc: BaseException):
    """A stand-in for an os function that fails with `exc`."""
    def raiser(*args, **kwargs):
        raise exc
    return raiser


def _put(tmp_path: Path, name: str, data: bytes | str) -> Path:
    path = tmp_path / name
    path.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)
    return path


def _leftovers(folder: Path) -> list[str]:
    return [p.name for p in folder.iterdir() if p.name.startswith(".termlint-")]


# -- --fix, the report after it, exit codes --------------------------------------------------


def test_fix_writes_the_file_and_reports_what_remains(run, tmp_path):
    path = _put(tmp_path, "a.txt", "Illegal immigrants feared a flood of migrants at the border.\n")
    r = run(["check", "--fix", str(path)])
    assert r.code == 1
    assert path.read_text(encoding="utf-8") == (
        "Migrants in an irregular situation feared a flood of migrants at the border.\n")
    assert f"Fixed 1 problem in {path}" in r.out
    # what remains is the display-only metaphor, reported against the fixed text
    assert "water-metaphor" in r.out and "illegal-migrant" not in r.out
    assert f"{path}:1:45: warning water-metaphor" in r.out


def test_a_second_fix_changes_nothing(run, tmp_path):
    path = _put(tmp_path, "a.txt", TEXT)
    assert run(["check", "--fix", str(path)]).code == 1  # a file changed
    assert path.read_text(encoding="utf-8") == FIXED
    before = path.stat().st_mtime_ns
    r = run(["check", "--fix", str(path)])
    assert r.code == 0  # nothing changed, nothing remains
    assert path.read_text(encoding="utf-8") == FIXED and path.stat().st_mtime_ns == before
    assert "Fixed" not in r.out


def test_exit_codes_of_fix(run, tmp_path):
    clean = _put(tmp_path, "clean.txt", "Migrants in an irregular situation waited.\n")
    assert run(["check", "--fix", str(clean)]).code == 0
    only_display = _put(tmp_path, "display.txt", "The minister warned of a flood of migrants.\n")
    assert run(["check", "--fix", str(only_display)]).code == 1  # findings remain
    assert only_display.read_text(encoding="utf-8") == "The minister warned of a flood of migrants.\n"
    fixable = _put(tmp_path, "fixable.txt", TEXT)
    assert run(["check", "--fix", "--exit-zero", str(fixable)]).code == 0
    assert fixable.read_text(encoding="utf-8") == FIXED


def test_unsafe_fixes_need_the_flag(run, tmp_path):
    text = "The officer insisted that the migrants were illegal.\n"
    path = _put(tmp_path, "a.txt", text)
    r = run(["check", "--fix", str(path)])
    assert path.read_text(encoding="utf-8") == text and r.code == 1
    assert "[fix: unsafe]" in r.out
    assert run(["check", "--fix", "--unsafe-fixes", str(path)]).code == 1
    assert path.read_text(encoding="utf-8") == (
        "The officer insisted that the migrants were in an irregular situation.\n")


def test_display_fixes_are_never_applied(run, tmp_path):
    text = "The migrants paid traffickers 3,000 euros to cross the sea.\n"
    path = _put(tmp_path, "a.txt", text)
    run(["check", "--fix", "--unsafe-fixes", "--fail-on", "suggestion", str(path)])
    assert path.read_text(encoding="utf-8") == text


def test_suppressed_findings_are_not_fixed(run, tmp_path):
    text = ("They quoted the 1996 law on illegal aliens. termlint: ignore illegal-alien -- statute\n"
            "Illegal aliens were held.\n")
    path = _put(tmp_path, "a.txt", text)
    run(["check", "--fix", str(path)])
    expected = text.replace("Illegal aliens were", "Undocumented noncitizens were")
    assert path.read_text(encoding="utf-8") == expected


def test_markdown_fix_keeps_markup_and_code(run, tmp_path):
    text = ("# Police Arrest Illegal Immigrants\n\nThey held **illegal** immigrants and illegal aliens;"
            " the log says `illegal immigrants`.\n")
    path = _put(tmp_path, "a.md", text)
    run(["check", "--fix", str(path)])
    assert path.read_text(encoding="utf-8") == (
        "# Police Arrest Migrants in an Irregular Situation\n\nThey held **illegal** immigrants and"
        " undocumented noncitizens; the log says `illegal immigrants`.\n")


def test_fix_across_several_files_continues_after_a_bad_one(run, tmp_path):
    good = _put(tmp_path, "good.txt", TEXT)
    bad = _put(tmp_path, "bad.txt", b"Illegal immigrants \xff\xfe waited.\n")
    r = run(["check", "--fix", str(tmp_path)])
    assert r.code == 2
    assert good.read_text(encoding="utf-8") == FIXED
    assert bad.read_bytes() == b"Illegal immigrants \xff\xfe waited.\n"
    assert f"{bad}" in r.out and "cannot decode as utf-8 at line 1" in r.out


# -- --diff ----------------------------------------------------------------------------------


def test_diff_prints_a_unified_diff_and_writes_nothing(run, tmp_path, monkeypatch):
    path = _put(tmp_path, "a.txt", TEXT)
    before = (path.read_bytes(), path.stat().st_mtime_ns)
    monkeypatch.chdir(tmp_path)
    r = run(["check", "--diff", "./a.txt"])
    assert r.code == 1
    assert (path.read_bytes(), path.stat().st_mtime_ns) == before
    assert _leftovers(tmp_path) == []
    lines = r.out.splitlines()
    # the path as `git apply` takes it: relative, normalised ("./a.txt" is "a.txt")
    assert lines[0] == "--- a/a.txt" and lines[1] == "+++ b/a.txt" and lines[2].startswith("@@ ")
    assert run(["check", "--diff", str(path)]).out.splitlines()[0] == "--- a/a.txt"
    assert "-Police arrested illegal immigrants at the port." in lines
    assert "+Police arrested migrants in an irregular situation at the port." in lines
    assert "error illegal-migrant" in r.err  # the report goes to stderr


def _applied_diff(run, tmp_path: Path, monkeypatch, data: bytes) -> tuple[bytes, bytes]:
    """The file as `git apply` leaves it with the --diff, and as --fix writes it."""
    path = _put(tmp_path, "doc.txt", data)
    monkeypatch.chdir(tmp_path)
    r = run(["check", "--diff", "doc.txt"])
    (tmp_path / "fix.patch").write_bytes(r.out.encode("utf-8"))
    (tmp_path / "copy").mkdir()
    shutil.copy(path, tmp_path / "copy" / "doc.txt")
    subprocess.run(["git", "apply", "--directory=copy", "fix.patch"], cwd=tmp_path, check=True)
    assert run(["check", "--fix", "doc.txt"]).code == 1
    return (tmp_path / "copy" / "doc.txt").read_bytes(), path.read_bytes()


def test_the_diff_applies_with_git_to_what_fix_writes(run, tmp_path, monkeypatch):
    text = ("Line one.\r\nPolice arrested illegal\r\nimmigrants at the port.\r\n"
            "An illegal alien. Last line without end")
    applied, fixed = _applied_diff(run, tmp_path, monkeypatch, text.encode("utf-8"))
    assert applied == fixed == (b"Line one.\r\nPolice arrested migrants\r\n"
                                b"in an irregular situation at the port.\r\n"
                                b"An undocumented noncitizen. Last line without end")


@pytest.mark.parametrize("name", ["Shadow report 2024.md", "tab\tname.md", 'say "no".md'])
def test_the_diff_of_an_odd_name_applies_with_git_and_patch(run, tmp_path, monkeypatch, name):
    monkeypatch.chdir(tmp_path)
    _put(tmp_path, name, b"Police arrested an illegal immigrant at the port.\n")
    patch = run(["check", "--diff", name]).out.encode("utf-8")
    for tool in (["git", "apply", "--check"], ["patch", "-p1", "--dry-run", "--quiet"]):
        if shutil.which(tool[0]) is None:
            continue
        done = subprocess.run([*tool, "-"] if tool[0] == "git" else tool, input=patch, cwd=tmp_path,
                              capture_output=True)
        assert done.returncode == 0, (tool, done.stdout, done.stderr)


def test_diff_of_the_seed_shows_the_three_act_level_fixes(run, tmp_path):
    before = SEED.read_bytes()
    r = run(["check", "--diff", str(SEED.parent)])
    assert SEED.read_bytes() == before
    lines = r.out.splitlines()
    removed = [x for x in lines if x.startswith("-") and not x.startswith("---")]
    added = [x for x in lines if x.startswith("+") and not x.startswith("+++")]
    assert len(removed) == len(added) == 3
    pairs = {
        "illegal flows of foreign labour forces": "irregular flows of foreign labour forces",
        "illegally crossing borders": "irregularly crossing borders",
        "crossing the border illegally": "crossing the border irregularly",
    }
    for old, new in pairs.items():
        [line] = [x for x in removed if old in x]
        assert "+" + line[1:].replace(old, new) in added
    assert r.code == 1


@pytest.mark.parametrize("data", [
    b"First line.\rPolice arrested an illegal immigrant at the port.\rThird.\r",  # lone CRs
    b"One.\r\nPolice arrested an illegal immigrant.\r\nThree.\nFour.\rFive illegal aliens.\n",  # mixed
    b"\xef\xbb\xbfPolice arrested an illegal immigrant at the port.\nSecond.\n",  # UTF-8 with a BOM
])
def test_the_diff_applies_with_git_whatever_the_line_endings_and_bom(run, tmp_path, monkeypatch, data):
    applied, fixed = _applied_diff(run, tmp_path, monkeypatch, data)
    assert applied == fixed != data


def test_diff_with_unsafe_fixes(run, tmp_path):
    path = _put(tmp_path, "a.txt", "The officer insisted that the migrants were illegal.\n")
    assert run(["check", "--diff", str(path)]).out == ""
    r = run(["check", "--diff", "--unsafe-fixes", str(path)])
    assert "+The officer insisted that the migrants were in an irregular situation." in r.out


def test_diff_with_json_report_keeps_stdout_a_diff(run, tmp_path):
    path = _put(tmp_path, "a.txt", TEXT)
    r = run(["check", "--diff", "--format", "json", str(path)])
    assert r.out.startswith("--- a/")
    assert json.loads(r.err)["summary"]["errors"] == 2


# -- standard input ---------------------------------------------------------------------------


def test_stdin_fix_writes_the_fixed_text_to_stdout(run):
    r = run(["check", "--fix", "-"], TEXT)
    assert r.out == FIXED
    assert r.code == 1
    assert "Fixed 2 problems in -" in r.err


def test_stdin_fix_with_nothing_to_fix_echoes_the_input(run):
    text = "The minister warned of a flood of migrants.\n"
    r = run(["check", "--fix", "-"], text)
    assert r.out == text and "water-metaphor" in r.err and r.code == 1
    r = run(["check", "--fix", "-"], "All clear.")
    assert r.out == "All clear." and r.code == 0


def test_stdin_fix_keeps_bom_and_line_endings(run):
    data = codecs.BOM_UTF8 + TEXT.replace("\n", "\r\n").encode("utf-8")
    r = run(["check", "--fix", "-"], data)
    assert r.out.encode("utf-8") == codecs.BOM_UTF8 + FIXED.replace("\n", "\r\n").encode("utf-8")


def test_stdin_fix_with_a_json_report(run):
    argv = ["check", "--fix", "--format", "json", "--stdin-filename", "notes.md", "-"]
    r = run(argv, "They hired illegal workers.\n")
    assert r.out == "They hired workers in an irregular situation.\n"
    data = json.loads(r.err)
    assert data["summary"]["errors"] == 0


def test_stdin_with_a_file_of_the_same_name(run, tmp_path):
    path = _put(tmp_path, "same.txt", TEXT)
    r = run(["check", "--fix", "--stdin-filename", str(path), "-", str(path)], "Illegal aliens waited.\n")
    assert r.out == "Undocumented noncitizens waited.\n"
    assert path.read_text(encoding="utf-8") == FIXED


# -- encodings and line endings ---------------------------------------------------------------


@pytest.mark.parametrize("bom, codec", [
    (b"", "utf-8"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
    (codecs.BOM_UTF32_LE, "utf-32-le"),
])
def test_encoding_and_bom_are_kept(run, tmp_path, bom, codec):
    text = "Café notes: illegal immigrants waited — “calmly”.\n"
    path = _put(tmp_path, "a.txt", bom + text.encode(codec))
    assert run(["check", "--fix", str(path)]).code == 1
    assert path.read_bytes() == bom + text.replace("illegal immigrants", FIXED_WORDS).encode(codec)


def test_a_named_encoding_is_kept(run, tmp_path):
    text = "Les données: illegal immigrants waited in the café.\n"
    path = _put(tmp_path, "a.txt", text.encode("latin-1"))
    assert run(["check", "--fix", str(path)]).code == 2  # not UTF-8: reported, left alone
    assert path.read_bytes() == text.encode("latin-1")
    assert run(["check", "--fix", "--encoding", "latin-1", str(path)]).code == 1
    assert path.read_bytes() == text.replace("illegal immigrants", FIXED_WORDS).encode("latin-1")


def test_a_named_8bit_encoding_leaves_the_utf8_files_of_the_run_utf8(run, tmp_path):
    legacy = _put(tmp_path, "old.txt", "Les clandestins dorment près de la gare.\n".encode("cp1252"))
    modern = _put(tmp_path, "new.txt", "Les clandestins dorment — près de la gare.\n".encode("utf-8"))
    plain = _put(tmp_path, "plain.txt", b"Les clandestins dorment pres de la gare.\n")  # ASCII: UTF-8 too
    assert run(["check", "--fix", "--encoding", "cp1252", str(tmp_path)]).code in (0, 1)
    old_text = legacy.read_bytes().decode("cp1252")  # still cp1252: the named encoding
    new_text = modern.read_bytes().decode("utf-8")  # still valid UTF-8, not cp1252 bytes
    assert "clandestins" not in old_text and "irrégulière" in old_text
    assert "clandestins" not in new_text and "irrégulière" in new_text and "—" in new_text
    assert "irrégulière" in plain.read_bytes().decode("utf-8")


def test_a_fix_the_encoding_cannot_hold_leaves_the_file_alone(run, tmp_path):
    rules = replacing_rule(tmp_path, "t-curly", "“people”")
    path = _put(tmp_path, "a.txt", b"The illegals waited.\n")
    r = run(["check", "--fix", "--encoding", "ascii", "--rules", str(rules), "--select", "t-curly",
             str(path)])
    assert r.code == 2
    assert path.read_bytes() == b"The illegals waited.\n"
    assert f"{path}: the fixed text cannot be encoded as ascii" in r.err


@pytest.mark.parametrize("newline", ["\n", "\r\n", "\r"])
def test_line_endings_are_kept(run, tmp_path, newline):
    text = TEXT.replace("\n", newline) + "Last line" + newline
    path = _put(tmp_path, "a.txt", text.encode("utf-8"))
    run(["check", "--fix", str(path)])
    assert path.read_bytes() == (FIXED.replace("\n", newline) + "Last line" + newline).encode("utf-8")


def test_mixed_line_endings_are_kept(run, tmp_path):
    data = b"One.\r\nPolice held illegal immigrants.\nTwo.\rAn illegal alien waited.\r\nEnd"
    path = _put(tmp_path, "a.txt", data)
    run(["check", "--fix", str(path)])
    assert path.read_bytes() == (
        b"One.\r\nPolice held migrants in an irregular situation.\n"
        b"Two.\rAn undocumented noncitizen waited.\r\nEnd")


def test_a_break_inside_the_match_keeps_its_own_line_ending(run, tmp_path):
    path = _put(tmp_path, "a.txt", b"Police arrested illegal\r\nimmigrants at the port.\r\n")
    run(["check", "--fix", str(path)])
    data = path.read_bytes()
    assert data.count(b"\r\n") == 2 and b"\n" not in data.replace(b"\r\n", b"")
    assert data.replace(b"\r\n", b" ") == b"Police arrested migrants in an irregular situation at the port. "


# -- file mode, symlinks ------------------------------------------------------------------------


@pytest.mark.parametrize("mode", [0o600, 0o640, 0o755, 0o604])
def test_file_mode_is_kept(run, tmp_path, mode):
    path = _put(tmp_path, "a.txt", TEXT)
    path.chmod(mode)
    run(["check", "--fix", str(path)])
    assert stat.S_IMODE(path.stat().st_mode) == mode
    assert path.read_text(encoding="utf-8") == FIXED


def test_a_symlink_stays_a_symlink_and_its_target_is_fixed(run, tmp_path):
    real = tmp_path / "real"
    real.mkdir()
    target = _put(real, "doc.txt", TEXT)
    link = tmp_path / "link.txt"
    link.symlink_to(target)
    r = run(["check", "--fix", str(link)])
    assert r.code == 1
    assert link.is_symlink() and os.readlink(link) == str(target)
    assert target.read_text(encoding="utf-8") == FIXED
    assert _leftovers(real) == [] and _leftovers(tmp_path) == []


def test_a_relative_symlink_into_another_folder(run, tmp_path):
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    target = _put(tmp_path / "b", "doc.txt", TEXT)
    link = tmp_path / "a" / "doc.txt"
    link.symlink_to(Path("..") / "b" / "doc.txt")
    run(["check", "--fix", str(link)])
    assert link.is_symlink() and os.readlink(link) == os.path.join("..", "b", "doc.txt")
    assert target.read_text(encoding="utf-8") == FIXED


# -- failures leave the original untouched, and the error names the file -------------------------


def _assert_untouched(run, tmp_path, path: Path, expect: str) -> None:
    before = path.read_bytes()
    r = run(["check", "--fix", str(path)])
    assert r.code == 2
    assert path.read_bytes() == before
    assert _leftovers(path.parent) == []
    [line] = [x for x in r.err.splitlines() if x.startswith("termlint: error:")]
    assert f"termlint: error: {path}:" in line and expect in line


def test_failure_before_the_rename(run, tmp_path, monkeypatch):
    path = _put(tmp_path, "a.txt", TEXT)
    monkeypatch.setattr(os, "replace", _fail(OSError(errno.EIO, "Input/output error")))
    _assert_untouched(run, tmp_path, path, "Input/output error")


def test_an_unexpected_exception_before_the_rename(run, tmp_path, monkeypatch):
    path = _put(tmp_path, "a.txt", TEXT)
    monkeypatch.setattr(os, "chmod", _fail(RuntimeError("boom")))
    _assert_untouched(run, tmp_path, path, "RuntimeError: boom")


def test_a_full_disk(run, tmp_path, monkeypatch):
    path = _put(tmp_path, "a.txt", TEXT)
    fail_writes(monkeypatch, OSError(errno.ENOSPC, os.strerror(errno.ENOSPC)))  # half written, then full
    _assert_untouched(run, tmp_path, path, "No space left on device")


def test_a_failing_fsync(run, tmp_path, monkeypatch):
    path = _put(tmp_path, "a.txt", TEXT)
    monkeypatch.setattr(os, "fsync", _fail(OSError(errno.EIO, "Input/output error")))
    _assert_untouched(run, tmp_path, path, "the original is unchanged")


def test_a_read_only_file(run, tmp_path):
    path = _put(tmp_path, "a.txt", TEXT)
    path.chmod(0o444)
    _assert_untouched(run, tmp_path, path, "read-only")
    assert stat.S_IMODE(path.stat().st_mode) == 0o444


def test_a_file_the_user_may_not_write(run, tmp_path, monkeypatch):
    path = _put(tmp_path, "a.txt", TEXT)
    real_access = os.access
    monkeypatch.setattr(os, "access", lambda p, m, **k: False if m == os.W_OK else real_access(p, m, **k))
    _assert_untouched(run, tmp_path, path, "read-only")


def test_a_read_only_folder(run, tmp_path, monkeypatch):
    import tempfile

    path = _put(tmp_path, "a.txt", TEXT)
    monkeypatch.setattr(tempfile, "mkstemp", _fail(PermissionError(errno.EACCES, "Permission denied")))
    _assert_untouched(run, tmp_path, path, "Permission denied")


@pytest.mark.skipif(hasattr(os, "geteuid") and os.geteuid() == 0, reason="root may write a read-only folder")
def test_a_really_read_only_folder(run, tmp_path):
    folder = tmp_path / "ro"
    folder.mkdir()
    path = _put(folder, "a.txt", TEXT)
    folder.chmod(0o555)
    try:
        _assert_untouched(run, tmp_path, path, "Permission denied")
    finally:
        folder.chmod(0o755)


def test_a_file_changed_on_disk_meanwhile_is_not_overwritten(run, tmp_path, monkeypatch):
    path = _put(tmp_path, "a.txt", TEXT)
    real_check = engine.check_file

    def check_then_edit(p, matcher, settings, **options):
        result = real_check(p, matcher, settings, **options)
        Path(p).write_text("Someone saved this meanwhile: illegal immigrants.\n", encoding="utf-8")
        return result

    monkeypatch.setattr(engine, "check_file", check_then_edit)
    r = run(["check", "--fix", str(path)])
    assert r.code == 2
    assert path.read_text(encoding="utf-8") == "Someone saved this meanwhile: illegal immigrants.\n"
    assert f"{path}: the file changed on disk while termlint was running" in r.err


def test_a_dangling_symlink_is_reported(run, tmp_path):
    link = tmp_path / "gone.txt"
    link.symlink_to(tmp_path / "missing.txt")
    r = run(["check", "--fix", str(link)])
    assert r.code == 2 and str(link) in r.out


def test_write_atomic_keeps_the_original_on_error(tmp_path, monkeypatch):
    path = _put(tmp_path, "a.txt", "old")
    monkeypatch.setattr(os, "replace", _fail(OSError(errno.EXDEV, "Invalid cross-device link")))
    message = r"a\.txt: could not write the fixed file \(Invalid cross-device link\)"
    with pytest.raises(writer.WriteError, match=message):
        writer.write_atomic(str(path), b"new")
    assert path.read_bytes() == b"old" and _leftovers(tmp_path) == []


# -- undecodable files -----------------------------------------------------------------------


@pytest.mark.parametrize("data", [
    b"Illegal immigrants\n\xc3\x28 waited.\n",  # invalid UTF-8
    "Illegal immigrants waited.\n".encode("utf-16-le"),  # UTF-16 without a BOM
])
def test_an_undecodable_file_is_reported_and_left_alone(run, tmp_path, data):
    path = _put(tmp_path, "a.txt", data)
    r = run(["check", "--fix", str(path)])
    assert path.read_bytes() == data
    assert str(path) in r.out
    assert r.code == 2
    if data.startswith(b"Illegal"):
        assert "cannot decode as utf-8 at line 2, byte offset 19" in r.out
    else:
        assert "looks like utf-16-le without a byte order mark; use --encoding utf-16-le" in r.out
        assert run(["check", "--fix", "--encoding", "utf-16-le", str(path)]).code == 1
        assert path.read_bytes() == "Migrants in an irregular situation waited.\n".encode("utf-16-le")


def test_a_real_binary_file_is_skipped_quietly(run, tmp_path):
    data = bytes(range(256)) * 4
    path = _put(tmp_path, "blob.txt", data)
    r = run(["check", "--fix", str(path)])
    assert r.code == 0 and path.read_bytes() == data and "binary file; skipped" in r.out


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() != 0, reason="only root can give a file away")
def test_owner_and_group_are_kept(run, tmp_path):
    path = _put(tmp_path, "a.txt", TEXT)
    os.chown(path, 4321, 4321)
    run(["check", "--fix", str(path)])
    st = path.stat()
    assert (st.st_uid, st.st_gid) == (4321, 4321) and path.read_text(encoding="utf-8") == FIXED


def test_extended_attributes_are_kept(run, tmp_path):
    path = _put(tmp_path, "a.txt", TEXT)
    try:
        os.setxattr(path, "user.termlint-test", b"kept")
    except (OSError, AttributeError):
        pytest.skip("no extended attributes here")
    run(["check", "--fix", str(path)])
    assert os.getxattr(path, "user.termlint-test") == b"kept"
    assert path.read_text(encoding="utf-8") == FIXED


# -- Markdown front matter -------------------------------------------------------------------


def _front(path: Path) -> dict[str, str]:
    import yaml

    text = path.read_text(encoding="utf-8")
    return yaml.safe_load(text.split("---\n")[1])


def test_front_matter_text_fields_are_fixed_and_still_read(run, tmp_path):
    path = _put(tmp_path, "a.md", '---\ntitle: Illegal immigrants held at the port\n'
                'description: "Police arrested illegal immigrants" # lead\ndate: 2024-05-01\n---\n'
                "The illegal immigrants waited.\n")
    run(["check", "--fix", str(path)])
    assert _front(path) == {"title": "Migrants in an irregular situation held at the port",
                            "description": "Police arrested migrants in an irregular situation",
                            "date": __import__("datetime").date(2024, 5, 1)}
    assert path.read_text(encoding="utf-8").endswith(f"The {FIXED_WORDS} waited.\n")


@pytest.mark.parametrize("replacement, broken", [
    ('say "people"', "description"),  # a double quote ends a double-quoted field
    ("people: all", "title"),  # ": " makes a plain field a mapping
    ("people's", "summary"),  # an apostrophe ends a single-quoted field
    ("people #1", "title"),  # " #" would cut a plain field short: the rest a comment
])
def test_a_fix_that_would_break_the_front_matter_is_left_out(run, tmp_path, replacement, broken):
    rules = replacing_rule(tmp_path, "t-illegals", replacement)
    path = _put(tmp_path, "a.md", "---\ntitle: The illegals waited\ndescription: \"The illegals waited\"\n"
                "summary: 'The illegals waited'\n---\nThe illegals waited.\n")
    r = run(["check", "--fix", "--rules", str(rules), "--select", "t-illegals", str(path)])
    fields = _front(path)  # still reads
    for key in ("title", "description", "summary"):
        expected = "The illegals waited" if key == broken else f"The {replacement} waited"
        assert fields[key] == expected, key
    assert path.read_text(encoding="utf-8").endswith(f"\nThe {replacement} waited.\n")
    assert "Fixed 3 problems" in r.out and r.code == 1  # the field left alone is still reported

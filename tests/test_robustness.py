"""Bad input, hostile rules and documents, and nothing ever lost (docs/robustness.md).

Every file here is real and on disk (or standard input); failures of the system (a full
disk, a crash between write and rename, an unreadable file when the tests run as root)
are simulated with monkeypatch or a child process that kills itself, and each test says
so. Several related tests live with their subject: test_fix_cli.py (full disk, read-only
file and folder, a file changed meanwhile), test_docx.py (entities, oversized parts),
test_pdf.py (encrypted and damaged PDFs), test_rules_loader.py (malformed rule files).
"""
from __future__ import annotations

import errno
import io
import json
import os
import re
import stat
import struct
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

import pytest
from conftest import ROOT, fail_writes
from docx_builder import Builder, entries, replace_entry
from fuzz import props
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pdf_builder import encrypted, pdf

from termlint import engine, files, matcher, nuances, prefilter, writer
from termlint.adapters import docx as docx_adapter
from termlint.document import MAX_CONTEXT, Document, TextLocator
from termlint.errors import TermlintError

BAD = "Police detained illegal immigrants at the port.\n"
GOOD_FIX = "Police detained migrants in an irregular situation at the port.\n"
EXAMPLES = int(os.environ.get("TERMLINT_FUZZ_EXAMPLES", "60"))  # raise it to fuzz longer in the suite
PROPERTY = settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=list(HealthCheck))


def _put(folder: Path, name: str, data: bytes | str) -> Path:
    path = folder / name
    path.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)
    return path


def _lines_naming(out: str, path: Path | str) -> list[str]:
    return [line for line in out.splitlines() if str(path) in line]


def _one_line(out: str, path: Path | str, kind: str) -> str:
    """The one report line about a file that was not checked, of kind error or notice."""
    [line] = [x for x in _lines_naming(out, path) if f": {kind}: " in x]
    assert line.startswith(f"{path}: {kind}: ")
    return line


def _json(run, argv, stdin=None) -> tuple[int, dict]:
    r = run(["check", "--format", "json", *argv], stdin)
    return r.code, json.loads(r.out)


def _termlint(*argv: str, timeout: float = 300, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    """termlint in a child process: for what could block or take long, guarded by a timeout."""
    return subprocess.run([sys.executable, "-m", "termlint", *argv], capture_output=True, text=True,
                          timeout=timeout, cwd=cwd, env={**os.environ, "NO_COLOR": "1"})


# -- files that are not what they seem -------------------------------------------------------


def test_a_binary_file_is_a_notice_and_the_rest_of_the_run_goes_on(run, tmp_path):
    blob = _put(tmp_path, "blob.txt", bytes(range(256)) * 8)
    good = _put(tmp_path, "good.md", BAD)
    r = run(["check", str(blob), str(good)])
    assert _one_line(r.out, blob, "notice") == f"{blob}: notice: binary file; skipped"
    assert f"{good}:1:17: error illegal-migrant" in r.out
    assert r.code == 1  # a binary file is not an error; the finding is
    assert blob.read_bytes() == bytes(range(256)) * 8


@pytest.mark.parametrize("name, data", [
    ("empty.txt", b""), ("empty.md", b""), ("empty.html", b""), ("empty.rst", b""),
    ("bom-only.txt", b"\xef\xbb\xbf"), ("utf16-bom-only.txt", b"\xff\xfe"), ("blank.md", b"\n\r\n\r \t\n"),
])
def test_an_empty_file_is_checked_and_finds_nothing(run, tmp_path, name, data):
    path = _put(tmp_path, name, data)
    code, out = _json(run, ["--fix", str(path)])
    assert code == 0
    assert out["findings"] == [] and out["summary"]["files"] == 1 and out["summary"]["skipped"] == []
    assert path.read_bytes() == data


def test_empty_standard_input(run):
    code, out = _json(run, ["-"], "")
    assert code == 0 and out["summary"]["files"] == 1


def test_one_line_of_50_mb_is_checked_in_one_pass(tmp_path):
    """A 50 MB file without a line break: findings at its start, middle and end, with the
    right columns, and a report that quotes a piece of the line, not the line. (Guarded by
    a generous timeout; bench/ measures the speed: a few seconds.)"""
    filler = "The committee met on Tuesday and discussed the budget for the coming year in some detail. "
    phrase = "Police detained illegal immigrants at the port. "
    size = 50 * 1024 * 1024
    middle = filler * (size // 2 // len(filler))
    line = phrase + middle + phrase + middle + phrase.rstrip()
    path = _put(tmp_path, "one-line.txt", line)
    assert "\n" not in line and len(line) >= size - 200
    proc = _termlint("check", "-j", "1", str(path), timeout=600)
    assert proc.returncode == 1, proc.stderr
    heads = re.finditer(rf"^{re.escape(str(path))}:1:(\d+): error illegal-migrant", proc.stdout, re.M)
    columns = [int(m.group(1)) for m in heads]
    expected = [m.start() + 1 for m in re.finditer("illegal immigrants", line)]
    assert columns == expected and len(expected) == 3
    assert len(proc.stdout) < 5000  # the snippets quote pieces of the line


def test_a_long_line_without_spaces_is_cut_without_false_findings(default_rules):
    """A line of 5 million characters and no space (a minified file, base64): no window of
    the matcher is widened to the whole line, and a match is never made from a cut word."""
    m = matcher.Matcher(default_rules, matcher.Options(language="en"))
    text = "illegalimmigrants" * 300_000 + " Police detained illegal immigrants."
    found = m.check(Document("x.txt", text))
    assert [(f.match, f.offset) for f in found] == [("illegal immigrants", len(text) - 19)]


def test_a_long_line_is_quoted_in_part():
    source = "x" * 10_000 + " illegal immigrants " + "y" * 10_000
    start = source.index("illegal")
    context, at = TextLocator(source).context(start, start + 18)
    assert len(context) == MAX_CONTEXT and context[at : at + 18] == "illegal immigrants"
    assert TextLocator("short line\nnext").context(0, 5) == ("short line", 0)


def test_invalid_utf8_names_the_byte_offset_and_the_run_goes_on(run, tmp_path):
    bad = _put(tmp_path, "bad.txt", b"First line.\nIllegal immigrants \xff waited.\n")
    good = _put(tmp_path, "good.txt", BAD)
    r = run(["check", str(bad), str(good)])
    assert r.code == 2
    line = _one_line(r.out, bad, "error")
    assert "cannot decode as utf-8 at line 2, byte offset 31" in line and "--encoding" in line
    assert f"{good}:1:17: error illegal-migrant" in r.out
    assert bad.read_bytes() == b"First line.\nIllegal immigrants \xff waited.\n"


@pytest.mark.parametrize("codec, bom", [("utf-16-le", b"\xff\xfe"), ("utf-16-be", b"\xfe\xff"),
                                        ("utf-32-le", b"\xff\xfe\x00\x00"), ("utf-8", b"\xef\xbb\xbf")])
def test_a_byte_order_mark_picks_the_encoding(run, tmp_path, codec, bom):
    text = "Première ligne.\r\nThey hired illegal workers.\r\n"
    path = _put(tmp_path, "doc.txt", bom + text.encode(codec))
    code, out = _json(run, [str(path)])
    [f] = out["findings"]
    assert code == 1 and (f["line"], f["column"], f["match"]) == (2, 12, "illegal workers")
    assert f["offset"] == text.index("illegal workers")


def test_latin1_needs_and_takes_encoding(run, tmp_path):
    data = "Caf\u00e9 cr\u00e8me: illegal immigrants in the na\u00efve report.\n".encode("latin-1")
    path = _put(tmp_path, "latin.txt", data)
    r = run(["check", str(path)])
    assert r.code == 2
    assert "cannot decode as utf-8 at line 1, byte offset 3" in _one_line(r.out, path, "error")
    code, out = _json(run, ["--encoding", "latin-1", str(path)])
    [f] = out["findings"]
    assert code == 1 and (f["line"], f["column"]) == (1, 13)  # columns count characters
    assert run(["check", "--fix", "--encoding", "latin-1", str(path)]).code == 1
    assert path.read_bytes() == "Caf\u00e9 cr\u00e8me: migrants in an irregular situation in the " \
                                "na\u00efve report.\n".encode("latin-1")


def test_mixed_line_endings_give_the_right_lines(run, tmp_path):
    data = b"one\r\ntwo\rthree illegal aliens\nfour\r\n\rsix illegal workers\r"
    path = _put(tmp_path, "mixed.txt", data)
    code, out = _json(run, [str(path)])
    assert [(f["line"], f["column"], f["match"]) for f in out["findings"]] == [
        (3, 7, "illegal aliens"), (6, 5, "illegal workers")]
    run(["check", "--fix", str(path)])
    fixed = path.read_bytes()
    assert fixed.count(b"\r\n") == 2 and fixed.count(b"\r") == 5 and fixed.count(b"\n") == 3


def test_a_path_that_does_not_exist_is_exit_two_and_the_rest_is_checked(run, tmp_path):
    missing = tmp_path / "nope.md"
    good = _put(tmp_path, "good.md", BAD)
    r = run(["check", str(missing), str(good)])
    assert r.code == 2
    assert _one_line(r.out, missing, "error") == f"{missing}: error: no such file or directory"
    assert f"{good}:1:17: error illegal-migrant" in r.out


def test_a_folder_that_cannot_be_read_is_an_error_not_a_silent_pass(run, tmp_path, monkeypatch):
    """A folder without read or search permission (simulated when the tests run as root)
    is reported in one line and fails the run; so is a file named inside it."""
    locked = tmp_path / "locked"
    locked.mkdir()
    inside = _put(locked, "draft.txt", "Illegal immigrants arrived.\n")
    locked.chmod(0)
    if os.geteuid() == 0:
        real_scandir, real_lstat = os.scandir, os.lstat

        def refusing(path=".", *args, **kwargs):
            if os.fspath(path).startswith(str(locked)):
                raise PermissionError(errno.EACCES, os.strerror(errno.EACCES), os.fspath(path))
            return real_scandir(path, *args, **kwargs)

        def refusing_lstat(path, *args, **kwargs):
            if os.fspath(path).startswith(str(locked) + os.sep):
                raise PermissionError(errno.EACCES, os.strerror(errno.EACCES), os.fspath(path))
            return real_lstat(path, *args, **kwargs)

        monkeypatch.setattr(os, "scandir", refusing)
        monkeypatch.setattr(os, "lstat", refusing_lstat)
    try:
        whole = run(["check", str(tmp_path)])
        named = run(["check", str(inside)])
    finally:
        locked.chmod(0o755)
    assert whole.code == 2
    assert _one_line(whole.out, locked, "error") == f"{locked}: error: cannot read this folder: Permission denied"
    assert named.code == 2
    assert _one_line(named.out, inside, "error") == f"{inside}: error: cannot read: Permission denied"


def test_a_file_without_read_permission(run, tmp_path, monkeypatch):
    """Root reads anything, so when the tests run as root the permission error is simulated
    (os.open fails with EACCES for that one file); otherwise the file really is mode 000."""
    secret = _put(tmp_path, "secret.md", BAD)
    good = _put(tmp_path, "good.md", BAD)
    secret.chmod(0)
    if os.geteuid() == 0:
        real_open = os.open

        def refusing(path, flags, *args, **kwargs):
            if os.fspath(path) == str(secret):
                raise PermissionError(errno.EACCES, os.strerror(errno.EACCES), os.fspath(path))
            return real_open(path, flags, *args, **kwargs)

        monkeypatch.setattr(os, "open", refusing)
    try:
        r = run(["check", "--fix", str(secret), str(good)])
    finally:
        secret.chmod(0o644)
    assert r.code == 2
    assert _one_line(r.out, secret, "error") == f"{secret}: error: cannot read: Permission denied"
    assert secret.read_text(encoding="utf-8") == BAD and good.read_text(encoding="utf-8") == GOOD_FIX


def test_a_dangling_symlink_says_so(run, tmp_path):
    link = tmp_path / "gone.md"
    link.symlink_to(tmp_path / "moved-away.md")
    r = run(["check", str(link)])
    assert r.code == 2
    assert _one_line(r.out, link, "error") == f"{link}: error: a symbolic link to nothing (no such file or directory)"


def test_a_directory_symlink_loop_ends_and_finds_each_file_once(run, tmp_path):
    root = tmp_path / "docs"
    (root / "a" / "b").mkdir(parents=True)
    _put(root / "a" / "b", "deep.md", BAD)
    _put(root, "top.md", BAD)
    (root / "a" / "b" / "up").symlink_to(root)  # docs/a/b/up -> docs: a loop
    (root / "a" / "self").symlink_to(".")  # docs/a/self -> docs/a
    (root / "c").symlink_to(root / "d")  # c -> d -> c: a loop of dangling links
    (root / "d").symlink_to(root / "c")
    code, out = _json(run, [str(root)])
    assert sorted(Path(f["path"]).name for f in out["findings"]) == ["deep.md", "top.md"]
    assert code == 1


def test_a_link_to_a_folder_outside_the_checked_folder_is_not_followed_nor_fixed(run, tmp_path):
    repo, outside = tmp_path / "repo", tmp_path / "outside"
    (repo / "docs").mkdir(parents=True)
    outside.mkdir()
    _put(outside, "other.md", BAD)
    _put(repo / "docs", "mine.md", BAD)
    (repo / "docs" / "shared").symlink_to(outside)
    (repo / "docs" / "linked.md").symlink_to(outside / "other.md")  # a file link out of the tree
    (repo / "docs" / "again").symlink_to(repo / "docs")  # inside: followed (and walked once)
    r = run(["check", "--fix", str(repo)])
    assert (outside / "other.md").read_text(encoding="utf-8") == BAD  # another tree: untouched
    assert (repo / "docs" / "mine.md").read_text(encoding="utf-8") != BAD
    assert "a link to a folder outside" in r.out + r.err and "not followed" in r.out + r.err
    r = run(["check", str(repo / "docs" / "shared")])  # named on the command line: checked
    assert r.code == 1


def test_a_file_that_disappears_during_the_run(run, tmp_path, monkeypatch):
    """Listed when the folder is walked, deleted before it is read (simulated: the read
    of the folder's first file deletes the second); then a file deleted between the check
    and --fix's write."""
    first = _put(tmp_path, "a.md", BAD)
    gone = _put(tmp_path, "b.md", BAD)
    real = engine.read_source

    def read_then_delete(path, settings):
        if path == str(first):
            gone.unlink()
        return real(path, settings)

    monkeypatch.setattr(engine, "read_source", read_then_delete)
    r = run(["check", str(tmp_path)])
    assert r.code == 2
    assert _one_line(r.out, gone, "error") == f"{gone}: error: no such file or directory"
    assert f"{first}:1:17: error" in r.out
    monkeypatch.setattr(engine, "read_source", real)

    real_check = engine.check_file

    def check_then_delete(path, matcher, settings, **options):
        result = real_check(path, matcher, settings, **options)
        os.unlink(path)
        return result

    monkeypatch.setattr(engine, "check_file", check_then_delete)
    r = run(["check", "--fix", str(first)])
    assert r.code == 2 and not first.exists()  # nothing written, nothing created again
    assert f"termlint: error: {first}: the file was deleted or moved while termlint was running" in r.err


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no named pipes here")
def test_a_named_pipe_and_a_device_are_skipped_without_blocking(tmp_path):
    """Opening a named pipe for reading waits for a writer: termlint must look first. The
    run is a child process with a timeout, so that a regression fails instead of hanging."""
    fifo = tmp_path / "pipe.md"
    os.mkfifo(fifo)
    folder = tmp_path / "folder"
    folder.mkdir()
    os.mkfifo(folder / "inner.md")
    good = _put(folder, "good.md", BAD)
    proc = _termlint("check", str(fifo), os.devnull, str(folder), timeout=120)
    assert _one_line(proc.stdout, fifo, "notice") == f"{fifo}: notice: is a named pipe; skipped"
    assert _one_line(proc.stdout, os.devnull, "notice") == f"{os.devnull}: notice: is a device file; skipped"
    assert f"{folder / 'inner.md'}: notice: is a named pipe; skipped" in proc.stdout
    assert f"{good}:1:17: error illegal-migrant" in proc.stdout
    assert proc.returncode == 1


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no named pipes here")
def test_a_pipe_put_in_a_files_place_is_refused_not_waited_on(tmp_path):
    """A file replaced by a pipe after termlint looked at it: the read does not block."""
    fifo = tmp_path / "swapped.md"
    os.mkfifo(fifo)
    code = ("import sys; from termlint import files\n"
            "try:\n    files.read_bytes(sys.argv[1])\nexcept OSError as exc:\n    print(exc.strerror)\n")
    proc = subprocess.run([sys.executable, "-c", code, str(fifo)], capture_output=True, text=True, timeout=60)
    assert proc.stdout.strip() == "not a regular file; skipped"


# -- hostile documents -----------------------------------------------------------------------


def _docx(tmp_path: Path, name: str = "report.docx", text: str = BAD.strip()) -> Path:
    b = Builder()
    b.paragraph(text)
    return b.save(tmp_path / name)


def _declare_size(data: bytes, name: str, size: int) -> bytes:
    """A zip whose headers (local and central) declare `size` uncompressed bytes for `name`."""
    buf, encoded = bytearray(data), name.encode()
    for signature, name_at, size_at, length_at in ((b"PK\x03\x04", 30, 22, 26), (b"PK\x01\x02", 46, 24, 28)):
        at = buf.find(signature)
        while at >= 0:
            length = struct.unpack_from("<H", buf, at + length_at)[0]
            if bytes(buf[at + name_at : at + name_at + length]) == encoded:
                struct.pack_into("<I", buf, at + size_at, size)
            at = buf.find(signature, at + 4)
    return bytes(buf)


def test_a_docx_that_is_not_a_zip_or_not_word_or_cut_short(run, tmp_path):
    not_zip = _put(tmp_path, "text.docx", "Just text, illegal immigrants, no zip at all.")
    other = io.BytesIO()
    with zipfile.ZipFile(other, "w") as archive:
        archive.writestr("hello.txt", "illegal immigrants")
    other_zip = _put(tmp_path, "other.docx", other.getvalue())
    whole = _docx(tmp_path).read_bytes()
    cut = _put(tmp_path, "cut.docx", whole[: len(whole) // 2])
    good = _put(tmp_path, "good.md", BAD)
    r = run(["check", str(not_zip), str(other_zip), str(cut), str(good)])
    assert r.code == 2
    assert "not a Word .docx package" in _one_line(r.out, not_zip, "error")
    assert "not a Word .docx package" in _one_line(r.out, other_zip, "error")
    assert "not a Word .docx package" in _one_line(r.out, cut, "error")
    assert f"{good}:1:17: error" in r.out


def test_a_docx_that_needs_a_newer_zip_version_is_a_one_line_error(run, tmp_path):
    data = bytearray(_docx(tmp_path).read_bytes())
    entry = data.find(b"PK\x01\x02")  # the first entry of the central directory
    data[entry + 6] = 64  # "version needed to extract": 6.4, which zipfile does not read
    path = _put(tmp_path, "newer.docx", bytes(data))
    r = run(["check", str(path)])
    assert r.code == 2
    assert "not a Word .docx package" in _one_line(r.out, path, "error")


def test_a_zip_bomb_is_refused_before_it_is_unpacked(run, tmp_path):
    """Parts that declare more than the limit are refused unread; a part that declares
    little and inflates to much (a forged header) is read no further than it declares."""
    path = _docx(tmp_path)
    data = path.read_bytes()
    huge = _put(tmp_path, "huge.docx", _declare_size(data, "word/document.xml", docx_adapter.MAX_PART + 1))
    xml = entries(path)["word/document.xml"]
    replace_entry(path, "word/document.xml", xml.replace(b"Police", b"Police" + b" " * (20 * 1024 * 1024)))
    liar = _put(tmp_path, "liar.docx", _declare_size(path.read_bytes(), "word/document.xml", 2000))
    assert len(liar.read_bytes()) < 200_000  # 20 MB of XML inside
    r = run(["check", str(huge), str(liar)])
    assert r.code == 2
    line = _one_line(r.out, huge, "error")
    assert line.endswith("word/document.xml is too large to be a Word part; not read")
    assert "cannot read word/document.xml: Bad CRC-32" in _one_line(r.out, liar, "error")


def test_a_zip_bomb_of_many_parts_is_refused_by_the_total(run, tmp_path):
    path = _docx(tmp_path)
    data = path.read_bytes()
    names = [i.filename for i in zipfile.ZipFile(path).infolist() if i.filename.startswith("word/")]
    each = docx_adapter.MAX_TOTAL // (len(names) - 1)  # every part under the part limit; the sum over
    assert each < docx_adapter.MAX_PART
    for name in names:
        data = _declare_size(data, name, each)
    path.write_bytes(data)
    r = run(["check", str(path)])
    assert r.code == 2 and "the package unpacks to more than 1 GB; not read" in _one_line(r.out, path, "error")


def test_a_picture_or_other_binary_part_has_the_same_limit(run, tmp_path):
    """Not only the XML: a 1 MB package whose picture unpacks to 960 MiB would take
    gigabytes of memory to read."""
    path = _docx(tmp_path)
    with zipfile.ZipFile(path, "a") as z:
        z.writestr("word/media/big.bin", b"\0" * 1000)
    huge = _put(tmp_path, "media.docx", _declare_size(path.read_bytes(), "word/media/big.bin",
                                                        docx_adapter.MAX_PART + 1))
    r = run(["check", str(huge)])
    assert r.code == 2
    assert _one_line(r.out, huge, "error").endswith("word/media/big.bin is too large to be a Word part; not read")


@pytest.mark.parametrize("part", ["word/document.xml", "[Content_Types].xml", "word/_rels/document.xml.rels"])
def test_xml_entities_in_any_part_of_a_docx_are_never_resolved(run, tmp_path, part):
    path = _docx(tmp_path)
    xml = entries(path)[part].decode()
    head, rest = xml.split("?>", 1)
    doctype = ('<!DOCTYPE x [<!ENTITY xxe SYSTEM "file:///etc/passwd"><!ENTITY a "aaaaaaaaaa">'
               '<!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;"><!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">]>')
    replace_entry(path, part, (head + "?>" + doctype + rest).encode())
    r = run(["check", str(path)])
    assert r.code == 2
    assert f"{part} declares a DTD" in _one_line(r.out, path, "error")
    assert "root:" not in r.out


def test_entities_in_html_are_never_resolved(run, tmp_path):
    page = ('<?xml version="1.0"?>\n<!DOCTYPE html [<!ENTITY xxe SYSTEM "file:///etc/passwd">'
            '<!ENTITY ill "illegal immigrants"><!ENTITY a "aaaaaaaaaa">'
            '<!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;">]>\n'
            '<html><body><p>&xxe; &ill; &b; They hired illegal workers.</p></body></html>\n')
    path = _put(tmp_path, "page.xhtml", page)
    code, out = _json(run, [str(path)])
    assert [f["match"] for f in out["findings"]] == ["illegal workers"]  # &ill; is not expanded
    assert code == 1


def test_encrypted_truncated_and_corrupt_pdfs_are_one_line_errors(run, tmp_path):
    whole = pdf([["Police detained illegal immigrants at the port."]])
    locked = _put(tmp_path, "locked.pdf", encrypted(whole, user_password="secret"))
    cut = _put(tmp_path, "cut.pdf", whole[: len(whole) // 2])
    noise = _put(tmp_path, "noise.pdf", b"%PDF-1.7\n" + bytes(range(256)) * 16)
    good = _put(tmp_path, "good.pdf", whole)
    r = run(["check", str(locked), str(cut), str(noise), str(good)])
    assert r.code == 2
    assert _one_line(r.out, locked, "error").endswith("encrypted PDF that needs a password; not read")
    for path in (cut, noise):
        lines = _lines_naming(r.out, path)
        assert len(lines) == 1 and (": error: " in lines[0] or ": notice: " in lines[0])
    assert f"{good}:" in r.out and "error illegal-migrant" in r.out
    assert "Advanced encoding" not in r.err and r.err.count("\n") <= 1


def test_markdown_entities_and_escapes_do_not_hide_a_paragraph(run, tmp_path):
    path = _put(tmp_path, "doc.md", "Illegal immigrants &amp; refugees \\* were held &#xD800; here.\n")
    code, out = _json(run, [str(path)])
    assert [f["match"] for f in out["findings"]] == ["Illegal immigrants"]


def test_deeply_nested_markup_is_read_or_refused_in_one_line(run, tmp_path):
    """Nesting is read to a depth no real document reaches; a Markdown file nested deeper
    than its parser reads (100 levels) is an error, not a file checked in part."""
    cases = {
        "quotes.md": ("> " * 90 + "illegal immigrants\n", 1),
        "lists.md": ("".join("  " * i + "- item\n" for i in range(40)) + "\nillegal immigrants\n", 1),
        "too-deep.md": ("> " * 50_000 + "illegal immigrants\n", 2),
        "too-deep-lists.md": ("".join("  " * i + "- item\n" for i in range(500)) + "\nillegal immigrants\n",
                              2),
        "deep.html": ("<div>" * 50_000 + "illegal immigrants" + "</div>" * 50_000, 1),
        "lists.rst": ("".join("   " * i + "- item\n\n" for i in range(20)) + "illegal immigrants\n", 1),
        "too-deep.rst": ("".join("   " * i + "- item\n\n" for i in range(300)) + "illegal immigrants\n", 2),
    }
    for name, (text, code) in cases.items():
        path = _put(tmp_path, name, text)
        r = run(["check", "--fail-on", "suggestion", str(path)])  # quoted words are suggestions
        assert (r.code, r.err) == (code, ""), name
        if name == "too-deep.rst":
            assert _one_line(r.out, path, "error").endswith("maximum recursion depth exceeded")
        elif code == 2:
            assert _one_line(r.out, path, "error").endswith("nested more than 100 levels deep (quotations, "
                                                              "lists); not checked")


def test_an_internal_error_in_one_file_does_not_end_the_run(run, tmp_path, monkeypatch):
    """A bug in an adapter (simulated) is reported on the file's line, the other files are
    checked, and the run exits 2, never 1 (which would mean findings)."""
    from termlint.adapters import html

    monkeypatch.setattr(html, "read", lambda path, payload: 1 / 0)
    page = _put(tmp_path, "page.html", "<p>illegal immigrants</p>")
    good = _put(tmp_path, "good.md", BAD)
    r = run(["check", str(page), str(good)])
    assert r.code == 2
    line = _one_line(r.out, page, "error")
    assert "internal error while checking it (ZeroDivisionError: division by zero)" in line
    assert f"{good}:1:17: error" in r.out


def test_a_bug_outside_the_files_exits_two_with_a_traceback(run, tmp_path, monkeypatch):
    from termlint import report

    monkeypatch.setattr(report, "write", lambda *a, **k: {}["boom"])
    r = run(["check", str(_put(tmp_path, "a.md", BAD))])
    assert r.code == 2
    assert "Traceback" in r.err and "KeyError: 'boom'" in r.err
    assert r.err.rstrip().endswith("this is a bug in termlint; please report it with the traceback above")


# -- hostile rules ---------------------------------------------------------------------------

RULE = """\
language: en
rules:
  - id: {id}
    level: warning
    category: test
    message: "m"
    why: "w"
    {match}
    sources: [{{title: T, year: 2024, address: https://example.org}}]
    examples: {{flag: [], pass: []}}
"""


def _rule_file(tmp_path: Path, text: str, name: str = "mine.yaml") -> Path:
    return _put(tmp_path, name, text)


def _rule_error(run, path: Path) -> str:
    r = run(["check", "--rules", str(path), "-"], "Some text.\n")
    assert r.code == 2
    [line] = [x for x in r.err.splitlines() if x.startswith("termlint: error:")]
    assert line.startswith(f"termlint: error: {path}")
    return line


def test_malformed_yaml_names_file_line_and_column(run, tmp_path):
    path = _rule_file(tmp_path, RULE.format(id="x", match='terms: ["illegal thing"').replace('"m"', '"m'))
    assert re.match(rf"termlint: error: {re.escape(str(path))}:\d+:\d+: ", _rule_error(run, path))


@pytest.mark.parametrize("match, field, words", [
    ("terms: 42", "terms", "non-empty list"),
    ("terms: [illegal thing]\n    enabled: maybe", "enabled", "true or false"),
    ("terms: [illegal thing]\n    colour: red", "colour", "unknown key"),
    ("pattern: '(unclosed'", "pattern", "invalid regular expression: missing )"),
    ("pattern: 'a{2,1}'", "pattern", "invalid regular expression"),
    ("pattern: '[z-a]'", "pattern", "invalid regular expression: bad character range"),
])
def test_rule_errors_name_the_rule_the_field_and_the_problem(run, tmp_path, match, field, words):
    line = _rule_error(run, _rule_file(tmp_path, RULE.format(id="my-rule", match=match)))
    assert f"rule 'my-rule': field '{field}'" in line and words in line


def test_duplicate_ids_across_files(run, tmp_path):
    first = _rule_file(tmp_path, RULE.format(id="twin", match="terms: [illegal thing]"), "a.yaml")
    second = _rule_file(tmp_path, RULE.format(id="twin", match="terms: [illegal stuff]"), "b.yaml")
    r = run(["check", "--rules", str(first), "--rules", str(second), "-"], "text")
    assert r.code == 2
    assert f"{second}:3: rule 'twin': field 'id': duplicate rule id (first defined in {first}:3)" in r.err


@pytest.mark.parametrize("tag", [
    "!!python/object/apply:os.system ['touch {marker}']",
    "!!python/object/new:os.system ['touch {marker}']",
    "!!python/name:os.system",
    "!!python/module:os",
    "!custom {{a: 1}}",
])
def test_yaml_tags_that_build_objects_are_refused(run, tmp_path, tag):
    marker = tmp_path / "marker"
    text = RULE.format(id="x", match="terms: [illegal thing]").replace('"m"', tag.format(marker=marker))
    line = _rule_error(run, _rule_file(tmp_path, text))
    assert "tag" in line and not marker.exists()


def test_a_bare_yaml_boolean_in_a_word_list_is_named(run, tmp_path):
    path = _rule_file(tmp_path, "language: en\nlists:\n  gap: [in, on, at]\nrules: []\n", "bool.yaml")
    line = _rule_error(run, path)
    assert f"{path}:3" in line and "lists.gap" in line and "quote the word" in line


def test_yaml_alias_bombs_and_deep_nesting_are_refused_fast(run, tmp_path):
    levels = ['  a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for i, name in enumerate("bcdefghi"):
        prev = "abcdefghi"[i]
        levels.append(f"  {name}: &{name} [" + ",".join([f"*{prev}"] * 9) + "]")
    bomb = _rule_file(tmp_path, "language: en\nlists:\n" + "\n".join(levels) + "\nrules: []\n", "bomb.yaml")
    assert "must be a non-empty list of words" in _rule_error(run, bomb)
    deep = _rule_file(tmp_path, "language: en\nrules: " + "[" * 50_000 + "]" * 50_000 + "\n", "deep.yaml")
    assert "nest" in _rule_error(run, deep)


def test_a_deeply_nested_pyproject_is_a_configuration_error(run, tmp_path, monkeypatch):
    _put(tmp_path, "pyproject.toml", "[tool.termlint]\nlanguages = " + "[" * 5000 + "]" * 5000 + "\n")
    monkeypatch.chdir(tmp_path)
    r = run(["check", "-"], "text")
    assert r.code == 2 and "invalid TOML: nested too deeply" in r.err and "Traceback" not in r.err


CATASTROPHIC = RULE.format(id="slow-rule", match="pattern: '(?:a|aa)+!'\n    triggers: [aa]")


def test_a_catastrophic_pattern_is_stopped_and_reported_as_a_rule_error(run, tmp_path, monkeypatch):
    """`(?:a|aa)+!` on forty a's tries every way to split them (exponential). The search is
    bounded (the bound is lowered here to keep the test short); the rule error names the
    rule, the file and the line; the other rules' findings are reported; the exit code is
    2, or the findings' with --skip-errors."""
    monkeypatch.setattr(matcher, "PATTERN_TIMEOUT", 0.2)
    rule = _rule_file(tmp_path, CATASTROPHIC)
    doc = _put(tmp_path, "doc.txt", BAD + "\n" + "a" * 40 + " and more\n")
    other = _put(tmp_path, "other.txt", "Nothing to see: aa!\n")
    r = run(["check", "--rules", str(rule), str(doc), str(other)])
    assert r.code == 2
    line = _one_line(r.out, doc, "error")
    assert "rule 'slow-rule': its pattern ran for more than 0.2 s near line 3 (catastrophic " \
           "backtracking?)" in line
    assert f"{doc}:1:17: error illegal-migrant" in r.out
    assert f"{other}:1:17: warning slow-rule" in r.out  # the rule still runs in other files
    assert r.out.rstrip().endswith("; 1 rule stopped with an error.")
    r = run(["check", "--skip-errors", "--rules", str(rule), str(doc), str(other)])
    assert r.code == 1 and "--skip-errors: 1 rule could not be checked and was skipped" in r.err
    code, out = _json(run, ["--rules", str(rule), str(doc)])
    assert code == 2
    assert [s["reason"].split(":")[0] for s in out["summary"]["skipped"]] == ["rule 'slow-rule'"]
    r = run(["check", "--format", "sarif", "--rules", str(rule), str(doc)])
    invocation = json.loads(r.out)["runs"][0]["invocations"][0]
    assert invocation["executionSuccessful"] is False
    assert "rule 'slow-rule'" in invocation["toolExecutionNotifications"][0]["message"]["text"]
    r = run(["check", "--format", "github", "--rules", str(rule), str(doc)])
    assert re.search(rf"^::error file={re.escape(str(doc))},title=termlint::rule 'slow-rule'", r.out, re.M)
    r = run(["check", "--format", "junit", "--rules", str(rule), str(doc)])
    assert '<error message="rule \'slow-rule\'' in r.out and 'type="rule-error"' in r.out


def test_a_catastrophic_pattern_without_triggers_searches_the_whole_text_and_still_stops(run, tmp_path,
                                                                                     monkeypatch):
    monkeypatch.setattr(matcher, "PATTERN_TIMEOUT", 0.2)
    rule = _rule_file(tmp_path, RULE.format(id="slow-rule", match="pattern: '(?:a|aa)+!'"))
    r = run(["check", "--rules", str(rule), "-"], "a" * 40 + "\n")
    assert r.code == 2 and "rule 'slow-rule': its pattern ran for more than 0.2 s near line 1" in r.out


def test_a_catastrophic_citation_cue_is_bounded(monkeypatch):
    """Citation cues are raw regular expressions too: one that backtracks without end is
    cut off and counts as no citation."""
    monkeypatch.setattr(nuances, "_CUE_TIMEOUT", 0.1)
    text = "a" * 40 + " illegal immigrants, Article 3 of the Act."
    assert nuances._citation(text, 0, len(text), ["(?:a|aa)+!"]) is None
    assert nuances._citation(text, 0, len(text), ["(?:a|aa)+!", r"\bArticle \d+"]) is None  # one pattern
    assert nuances._citation(text, 0, len(text), [r"\bArticle \d+"]) == text.index("Article")


# -- nothing lost ------------------------------------------------------------------------------

FIX_FILES = {
    "a.txt": BAD,
    "b.md": "# Report\n\nThe **police** detained illegal workers at the port.\n",
    "c.html": "<p>An illegal alien was held.</p>\n",
}


@pytest.fixture(scope="module")
def word_file(tmp_path_factory) -> bytes:
    """One Word file's bytes (a build stamps the time, so every tree gets these same bytes)."""
    return _docx(tmp_path_factory.mktemp("word")).read_bytes()


def _tree(folder: Path, word: bytes) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    return [*(_put(folder, name, text) for name, text in FIX_FILES.items()), _put(folder, "d.docx", word)]


@pytest.fixture(scope="module")
def fixed_reference(tmp_path_factory, word_file) -> dict[str, bytes]:
    """The bytes every file has after an undisturbed --fix."""
    from termlint import cli

    paths = _tree(tmp_path_factory.mktemp("reference"), word_file)
    out, err = sys.stdout, sys.stderr
    sys.stdout, sys.stderr = io.TextIOWrapper(io.BytesIO(), encoding="utf-8"), io.StringIO()
    try:
        assert cli.main(["check", "--fix", *map(str, paths)]) == 1
    finally:
        sys.stdout, sys.stderr = out, err
    fixed = {p.name: p.read_bytes() for p in paths}
    assert all(fixed[p.name] != data for p, data in zip(paths, [*(t.encode() for t in FIX_FILES.values()),
                                                                  word_file], strict=True))
    return fixed


@pytest.fixture
def no_cache(monkeypatch):
    """The disk cache writes through the same calls as the writer: keep it out of the counts."""
    from termlint import cache

    monkeypatch.setenv("TERMLINT_NO_CACHE", "1")
    cache.reset()
    yield
    cache.reset()


# (step, module, function, which call fails: the second file's, and whether that comes after its rename)
STEPS = [
    ("mkstemp", tempfile, "mkstemp", 2, False),
    ("write", None, "write", 2, False),  # half the bytes reach the temporary file
    ("fsync", os, "fsync", 3, False),  # calls: a.txt's file, a.txt's folder, b.md's file
    ("chmod", os, "chmod", 2, False),
    ("replace", os, "replace", 2, False),
    ("folder-fsync", os, "fsync", 4, True),  # b.md's folder, after the rename
    ("after-rename", writer, "_sync_folder", 2, True),
]


def _inject(monkeypatch, module, name: str, failure: BaseException, at_call: int) -> None:
    """Make one call of the atomic write fail on its `at_call`-th use (1-based)."""
    calls = {"n": 0}

    def fails() -> bool:
        calls["n"] += 1
        return calls["n"] == at_call

    if module is not None:
        real = getattr(module, name)

        def stand_in(*args, **kwargs):
            if fails():
                raise failure
            return real(*args, **kwargs)

        monkeypatch.setattr(module, name, stand_in)
        return
    fail_writes(monkeypatch, failure, fails)


@pytest.mark.parametrize("kind", ["error", "interrupt"])
@pytest.mark.parametrize("step, module, name, at_call, renamed", STEPS, ids=[s[0] for s in STEPS])
def test_an_interrupted_fix_leaves_each_file_wholly_original_or_wholly_fixed(
        run, tmp_path, monkeypatch, no_cache, word_file, fixed_reference, step, module, name, at_call,
        renamed, kind):
    """The second file's write fails (an I/O error, or Ctrl-C) at each step of the atomic
    write. Every file is then byte for byte its original or its fixed self, no temporary
    file is left, a failed file is named, and the exit code says what happened."""
    if step == "after-rename" and kind == "error":
        pytest.skip("the folder sync keeps its own errors (see folder-fsync)")
    paths = _tree(tmp_path, word_file)
    original = {p.name: p.read_bytes() for p in paths}
    failure = OSError(errno.EIO, "Input/output error") if kind == "error" else KeyboardInterrupt()
    _inject(monkeypatch, module, name, failure, at_call)
    r = run(["check", "--fix", *map(str, paths)])
    state = {}
    for p in paths:
        now = p.read_bytes()
        assert now in (original[p.name], fixed_reference[p.name]), f"{p.name} is neither original nor fixed"
        state[p.name] = "fixed" if now == fixed_reference[p.name] else "original"
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".termlint-")] == []
    assert state["a.txt"] == "fixed" and state["b.md"] == ("fixed" if renamed else "original")
    if kind == "interrupt":
        assert r.code == 130 and "termlint: interrupted" in r.err
        assert state["c.html"] == state["d.docx"] == "original"  # the run stopped there
    elif renamed:  # an error syncing the folder after the rename changes nothing
        assert r.code == 1 and set(state.values()) == {"fixed"}
    else:
        assert r.code == 2 and state["c.html"] == state["d.docx"] == "fixed"  # the run went on
        assert f"termlint: error: {paths[1]}: could not write the fixed file (Input/output error); " \
               "the original is unchanged" in r.err


def test_a_fix_killed_between_write_and_rename_leaves_the_original(tmp_path, word_file, fixed_reference):
    """A real crash: the process kills itself (SIGKILL) when the second file's fixed copy is
    written and flushed but not yet renamed. The first file is fixed, the others are
    untouched; the hidden temporary file may remain, and the next run is not misled by it."""
    paths = _tree(tmp_path, word_file)
    original = {p.name: p.read_bytes() for p in paths}
    script = (
        "import os, signal, sys\n"
        "calls = []\n"
        "real = os.replace\n"
        "def replace(a, b):\n"
        "    calls.append(b)\n"
        "    if len(calls) == 2:\n"
        "        os.kill(os.getpid(), signal.SIGKILL)\n"
        "    return real(a, b)\n"
        "os.replace = replace\n"
        "from termlint import cli\n"
        "sys.exit(cli.main(['check', '--fix', *sys.argv[1:]]))\n"
    )
    proc = subprocess.run([sys.executable, "-c", script, *map(str, paths)], capture_output=True, timeout=300,
                          env={**os.environ, "TERMLINT_NO_CACHE": "1"})
    assert proc.returncode == -9
    assert paths[0].read_bytes() == fixed_reference["a.txt"]
    for p in paths[1:]:
        assert p.read_bytes() == original[p.name]
    leftovers = [p for p in tmp_path.iterdir() if p.name.startswith(".termlint-")]
    assert len(leftovers) == 1 and leftovers[0].read_bytes() == fixed_reference["b.md"]
    again = _termlint("check", "--fix", str(tmp_path))
    assert again.returncode == 1 and ".termlint-" not in again.stdout
    for p in paths:
        assert p.read_bytes() == fixed_reference[p.name]


def test_a_full_disk_and_a_read_only_file_among_others(run, tmp_path, monkeypatch, no_cache, word_file,
                                                       fixed_reference):
    paths = _tree(tmp_path, word_file)
    original = {p.name: p.read_bytes() for p in paths}
    paths[2].chmod(0o444)  # c.html: read-only
    full = OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
    _inject(monkeypatch, None, "write", full, 2)  # b.md: the disk is full
    r = run(["check", "--fix", *map(str, paths)])
    assert r.code == 2
    assert paths[0].read_bytes() == fixed_reference["a.txt"]
    assert paths[3].read_bytes() == fixed_reference["d.docx"]
    assert paths[1].read_bytes() == original["b.md"] and paths[2].read_bytes() == original["c.html"]
    assert f"{paths[1]}: could not write the fixed file (No space left on device)" in r.err
    assert f"{paths[2]}: the file is read-only; not changed" in r.err
    assert stat.S_IMODE(paths[2].stat().st_mode) == 0o444


# -- exit codes ----------------------------------------------------------------------------------


def test_skip_errors_goes_on_and_the_summary_says_what_was_skipped(run, tmp_path):
    bad = _put(tmp_path, "bad.txt", b"\xc3\x28 not text")
    broken = _put(tmp_path, "broken.docx", b"not a zip")
    missing = tmp_path / "missing.md"
    binary = _put(tmp_path, "image.txt", bytes(range(256)))
    clean = _put(tmp_path, "clean.md", "Migrants in an irregular situation.\n")
    argv = [str(bad), str(broken), str(missing), str(binary), str(clean)]
    r = run(["check", *argv])
    assert r.code == 2
    assert r.out.rstrip().endswith("in 1 file checked; 4 skipped (3 could not be checked).")
    r = run(["check", "--skip-errors", *argv])
    assert r.code == 0
    assert r.out.rstrip().endswith("in 1 file checked; 4 skipped (3 could not be checked).")
    assert "termlint: --skip-errors: 3 files could not be checked and were skipped" in r.err
    code, out = _json(run, ["--skip-errors", *argv])
    skipped = {Path(s["path"]).name: s["error"] for s in out["summary"]["skipped"]}
    assert code == 0
    assert skipped == {"bad.txt": True, "broken.docx": True, "missing.md": True, "image.txt": False}
    r = run(["check", "--skip-errors", str(bad), str(_put(tmp_path, "dirty.md", BAD))])
    assert r.code == 1  # the findings still count


def test_skip_errors_does_not_excuse_a_fix_that_was_not_written(run, tmp_path):
    path = _put(tmp_path, "a.txt", BAD)
    path.chmod(0o444)
    r = run(["check", "--fix", "--skip-errors", str(path)])
    assert r.code == 2 and path.read_text(encoding="utf-8") == BAD


def test_baseline_with_skip_errors(run, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    _put(tmp_path, "bad.txt", b"\xc3\x28 not text")
    _put(tmp_path, "a.md", BAD)
    assert run(["baseline", "bad.txt", "a.md"]).code == 2
    assert run(["baseline", "--skip-errors", "bad.txt", "a.md"]).code == 0


# -- the prefilter: Hyperscan falls back, never crashes ------------------------------------------------

TRIGGERS = ["illegal", "immigr", "非法", "it's"]


def test_every_backend_finds_the_same_hits_around_lone_surrogates():
    text = "\ud800\udfff illegal \udc80 immigrants 非法 it’s é\ud800 illegal"
    expected = prefilter.Prefilter(TRIGGERS, backend="find").scan(text)
    assert [text[s:e].lower().replace("’", "'") for s, e, _ in expected] == [
        "illegal", "immigr", "非法", "it's", "illegal"]
    for backend in prefilter.available_backends():
        assert prefilter.Prefilter(TRIGGERS, backend=backend).scan(text) == expected, backend


@given(props.source_text("text", surrogates=True))
@PROPERTY
def test_backends_agree_on_any_text(text):
    hits = [prefilter.Prefilter(TRIGGERS, backend=b).scan(text) for b in prefilter.available_backends()]
    assert all(h == hits[-1] for h in hits)


def test_hyperscan_errors_fall_back_to_another_backend(monkeypatch):
    """`hyperscan.InvalidError`, as seen once during --fix: a database loaded from the disk
    cache without its scratch space fails every scan with it. The prefilter now gives the
    loaded database its scratch; should Hyperscan fail anyway (here: the real scratchless
    database), or refuse to compile the triggers (a NUL byte), the scan goes on with the
    next backend and finds the same hits."""
    hyperscan = pytest.importorskip("hyperscan")
    text = "They hired illegal workers and illegal immigrants; it's 非法."
    expected = prefilter.Prefilter(TRIGGERS, backend="find").scan(text)
    pf = prefilter.Prefilter(TRIGGERS, backend="hyperscan")
    assert pf.scan(text) == expected and pf.backend == "hyperscan"
    scratchless = hyperscan.loadb(hyperscan.dumpb(pf._engine), hyperscan.HS_MODE_BLOCK)
    with pytest.raises(hyperscan.InvalidError):
        scratchless.scan(text.encode(), match_event_handler=lambda *args: None)
    pf._engine = scratchless
    assert pf.scan(text) == expected and pf.backend != "hyperscan"
    monkeypatch.setenv("TERMLINT_NO_CACHE", "1")
    odd = prefilter.Prefilter(["\x00x", *TRIGGERS], backend="hyperscan")
    assert odd.scan(text) == [(s, e, i + 1) for s, e, i in expected] and odd.backend != "hyperscan"


def test_a_hyperscan_database_from_the_disk_cache_scans(monkeypatch, tmp_path):
    """The second prefilter loads the stored database (compiling again is made to fail)
    and scans with it: a loaded database needs scratch space of its own."""
    hyperscan = pytest.importorskip("hyperscan")
    from termlint import cache

    monkeypatch.setenv("TERMLINT_CACHE_DIR", str(tmp_path))
    monkeypatch.delenv("TERMLINT_NO_CACHE", raising=False)
    cache.reset()
    try:
        text = "They hired illegal workers; it's 非法."
        first = prefilter.Prefilter(TRIGGERS, backend="hyperscan")
        hits = first.scan(text)  # compiled, and stored
        assert any(tmp_path.rglob("*")), "the database was not stored"
        monkeypatch.setattr(hyperscan, "Database", lambda *a, **k: pytest.fail("compiled again"))
        second = prefilter.Prefilter(TRIGGERS, backend="hyperscan")
        assert second.scan(text) == hits and second.backend == "hyperscan"  # loaded, with its scratch
    finally:
        cache.reset()


def test_fix_of_text_with_lone_surrogates(default_rules):
    """Lone surrogates can reach the matcher (a PDF's broken text layer, an adapter's
    escape): matching and fixing go on, and positions stay on the right characters."""
    from termlint import fixer

    m = matcher.Matcher(default_rules, matcher.Options(language="en"))
    text = "\ud800 Police detained \udfff illegal immigrants at the port.\n"
    [f] = m.check(Document("x.txt", text))
    assert f.match == "illegal immigrants" and text[f.offset : f.end_offset] == f.match
    fixed, count = fixer.apply(text, [f.fix], unsafe=False)
    assert count == 1
    assert fixed == "\ud800 Police detained \udfff migrants in an irregular situation at the port.\n"


# -- properties of every adapter and of the matcher -----------------------------------------------


@pytest.mark.parametrize("fmt", ["text", "markdown", "html", "rst"])
def test_any_markup_reads_and_matches_inside_the_source(fmt):
    @given(props.source_text(fmt))
    @PROPERTY
    def prop(source: str) -> None:
        doc = props.read(fmt, "fuzz" + props.SUFFIX[fmt], source)
        assert doc is not None  # text formats never refuse a decoded text
        props.check_document(doc)

    prop()


@given(props.source_text("text", surrogates=True), st.sampled_from([None, "en", "fr", "de"]))
@PROPERTY
def test_the_matcher_on_any_text(text, lang):
    props.check_document(Document("fuzz.txt", text), props.matcher(lang))


@given(props.docx_paragraphs())
@settings(max_examples=max(5, EXAMPLES // 4), deadline=None, suppress_health_check=list(HealthCheck))
def test_any_word_file(paragraphs):
    doc = props.read("docx", "fuzz.docx", props.build_docx(paragraphs))
    assert doc is not None
    found = props.check_document(doc)
    assert all(f.location for f in found)  # a Word finding says where: part, paragraph


@given(props.pdf_pages())
@settings(max_examples=max(5, EXAMPLES // 2), deadline=None, suppress_health_check=list(HealthCheck))
def test_any_pdf(pages):
    doc = props.read("pdf", "fuzz.pdf", pdf(pages))
    if doc is not None:
        props.check_document(doc)


@given(st.binary(max_size=200), st.sampled_from([None, "latin-1", "utf-16-le", "cp1252"]))
@PROPERTY
def test_any_bytes_decode_or_give_a_one_line_reason(data, encoding):
    got = files.decode("fuzz.txt", data, encoding)
    if isinstance(got, files.Skip):
        assert got.reason and "\n" not in got.reason
    else:
        assert files.encode(got, got.text) == data


def test_the_fuzzing_harness_runs(tmp_path):
    proc = subprocess.run([sys.executable, str(ROOT / "tests" / "fuzz" / "run.py"), "--seconds", "1",
                           "markdown", "damaged-docx"], capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert re.search(r"^markdown: ok, \d+ rounds", proc.stdout, re.M)
    assert re.search(r"^damaged-docx: ok, \d+ rounds", proc.stdout, re.M)



def test_the_environment_chooses_the_prefilter_backend(monkeypatch):
    for backend in prefilter.available_backends():
        monkeypatch.setenv("TERMLINT_PREFILTER", backend.upper())
        assert prefilter.Prefilter(TRIGGERS).backend == backend
    monkeypatch.setenv("TERMLINT_PREFILTER", "auto")
    auto = prefilter.Prefilter(TRIGGERS)
    assert auto.backend == prefilter.available_backends()[0]
    monkeypatch.delenv("TERMLINT_PREFILTER")
    unset = prefilter.Prefilter(TRIGGERS)
    # "auto" is the same as no choice at all, for large texts too
    assert auto.for_size(prefilter.LARGE).backend == unset.for_size(prefilter.LARGE).backend


def test_an_unknown_prefilter_backend_is_a_clear_error(tmp_path, monkeypatch):
    monkeypatch.setenv("TERMLINT_PREFILTER", "bogus")
    with pytest.raises(TermlintError, match="TERMLINT_PREFILTER: unknown prefilter backend 'bogus'"):
        prefilter.Prefilter(TRIGGERS)
    proc = subprocess.run([sys.executable, "-m", "termlint", "check", "-"], input="illegal aliens\n",
                          capture_output=True, text=True, env={**os.environ, "TERMLINT_PREFILTER": "bogus"})
    assert proc.returncode == 2
    assert "TERMLINT_PREFILTER: unknown prefilter backend" in proc.stderr + proc.stdout


def test_a_large_text_gets_hyperscan_unless_a_backend_was_chosen(monkeypatch):
    monkeypatch.delenv("TERMLINT_PREFILTER", raising=False)
    pf = prefilter.Prefilter(TRIGGERS)
    assert pf.for_size(prefilter.LARGE - 1) is pf
    large = pf.for_size(prefilter.LARGE)
    if "hyperscan" in prefilter.available_backends():
        assert large.backend == "hyperscan" and large is pf.for_size(10 * prefilter.LARGE)
    else:
        assert large is pf
    chosen = prefilter.Prefilter(TRIGGERS, backend="ahocorasick")
    assert chosen.for_size(prefilter.LARGE) is chosen
    monkeypatch.setenv("TERMLINT_PREFILTER", "find")
    from_env = prefilter.Prefilter(TRIGGERS)
    assert from_env.for_size(prefilter.LARGE) is from_env and from_env.backend == "find"


def test_a_long_sparse_text_gets_the_findings_of_its_parts(default_rules, monkeypatch):
    """Three megabytes of prose without trigger words, with a finding near the start, one
    astride a 64 KiB piece of text, one in the middle and one at the very end: the matcher
    skips the text without triggers (whatever the prefilter backend), and finds the same
    as it finds in each paragraph alone, at the right offsets."""
    filler = "The Committee thanked the delegation for the constructive dialogue.\n\n"
    sentences = ["Police detained illegal immigrants.", "Illegal aliens were held at the port.",
                 "He spoke of a flood of migrants at the border.", "They hired illegal workers."]
    parts: list[str] = [sentences[0] + "\n\n"]
    lead = parts[0] + filler * (65536 // len(filler) - 1)
    parts.append(lead[len(parts[0]):] + " " * (65536 - 5 - len(lead)) + sentences[1] + "\n\n")
    parts.append(filler * 25_000 + sentences[2] + "\n\n")
    parts.append(filler * 25_000 + sentences[3])
    text = "".join(parts)
    assert len(text) > 3_000_000 and text.index(sentences[1]) == 65536 - 5
    expected = []
    for sentence in sentences:
        alone = matcher.Matcher(default_rules, matcher.Options(language="en")).check(Document("a.txt", sentence))
        assert alone, sentence
        at = text.index(sentence)
        expected.extend((f.rule, f.match, f.offset + at) for f in alone)
    for backend in ("find", *prefilter.available_backends()):
        monkeypatch.setenv("TERMLINT_PREFILTER", backend)
        m = matcher.Matcher(default_rules, matcher.Options(language="en"))
        found = [(f.rule, f.match, f.offset) for f in m.check(Document("big.txt", text))]
        assert found == sorted(expected, key=lambda x: x[2]), backend


def test_many_small_texts_get_hyperscan_once_they_add_up(monkeypatch):
    monkeypatch.delenv("TERMLINT_PREFILTER", raising=False)
    pf = prefilter.Prefilter(TRIGGERS)
    small = prefilter.MANY // 4
    assert [pf.for_size(small) is pf for _ in range(4)] == [True, True, True, True]
    fifth = pf.for_size(small)  # the texts before it made MANY characters
    if "hyperscan" in prefilter.available_backends():
        assert fifth.backend == "hyperscan" and pf.for_size(10) is fifth
    else:
        assert fifth is pf
    chosen = prefilter.Prefilter(TRIGGERS, backend="ahocorasick")
    assert all(chosen.for_size(small) is chosen for _ in range(8))


@given(st.text(alphabet="ab\r\n", max_size=40))
def test_a_files_line_ending_is_its_most_common_one(text):
    """The line ending `--fix` writes back: the most common of CRLF, CR and LF (in that
    order on a tie), none for a text without one."""
    from termlint import files

    counts = {"\r\n": text.count("\r\n")}
    counts["\r"] = text.count("\r") - counts["\r\n"]
    counts["\n"] = text.count("\n") - counts["\r\n"]
    most = max(counts.values())
    expected = next(k for k, v in counts.items() if v == most) if most else ""
    assert files._newline(text) == expected


def test_sigterm_stops_a_run_as_ctrl_c_does(tmp_path):
    """The program (`python -m termlint`) takes SIGTERM as an interrupt: exit 130, the file
    being fixed is left as it was, and no temporary file remains."""
    import signal
    import time

    path = tmp_path / "big.txt"
    original = ("Police arrested illegal immigrants at the port. " * 200_000).encode()
    path.write_bytes(original)
    proc = subprocess.Popen([sys.executable, "-m", "termlint", "check", "--fix", str(path)],
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, cwd=tmp_path)
    time.sleep(1.5)
    if proc.poll() is not None:
        pytest.skip("the run ended before the signal could be sent")
    proc.send_signal(signal.SIGTERM)
    _, err = proc.communicate(timeout=60)
    assert proc.returncode == 130 and b"termlint: interrupted" in err
    assert path.read_bytes() == original
    assert [p.name for p in tmp_path.iterdir()] == ["big.txt"]

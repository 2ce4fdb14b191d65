"""Finding the files to check and reading them without losing anything.

`discover` walks folders (skipping hidden ones and what git ignores); `read` decodes a
file and remembers how it was encoded (BOM, UTF-16, line endings), so that a fix can be
written back byte for byte the same way. Problems are returned as `Skip` values with a
one-line reason; nothing here prints or exits.
"""
from __future__ import annotations

import codecs
import errno
import os
import stat
from collections.abc import Iterable, Iterator, Sequence

from termlint.records import NamedTuple

# Extensions checked when walking a folder; a file named explicitly is always tried.
TEXT_SUFFIXES = {".txt", ".text", ".md", ".markdown", ".mdown", ".mkd", ".rst", ".rest"}
KNOWN_SUFFIXES = TEXT_SUFFIXES | {".html", ".htm", ".xhtml", ".docx", ".pdf"}
BINARY_SUFFIXES = {".docx", ".pdf"}
_SNIFF = 8192


class Skip(NamedTuple):
    """A file that could not be checked, and why (one line)."""

    path: str
    reason: str
    error: bool = True  # False: a notice (an unknown binary file), not a failure


class Decoded(NamedTuple):
    path: str
    text: str
    encoding: str  # a Python codec name
    bom: bytes
    newline: str  # "\n", "\r\n", "\r" or "" (none in the file); mixed files keep theirs


def discover(paths: Sequence[str], *, suffixes: Iterable[str] = KNOWN_SUFFIXES) -> tuple[list[str], list[Skip]]:
    """Expand folders into files; report paths that do not exist."""
    wanted = set(suffixes)
    files: list[str] = []
    skips: list[Skip] = []
    for raw in paths:
        if raw == "-":
            files.append(raw)
            continue
        if os.path.isdir(raw):
            found = sorted(_walk(raw, wanted, skips))
            files.extend(_not_ignored(found))
            continue
        try:
            os.lstat(raw)
        except FileNotFoundError:
            skips.append(Skip(raw, "no such file or directory"))
        except OSError as exc:  # a folder on the way that cannot be searched
            skips.append(Skip(raw, f"cannot read: {exc.strerror or exc}"))
        else:
            files.append(raw)
    return _once(files), skips


def _once(files: list[str]) -> list[str]:
    """Each file once, at its first mention: `. d/a.md`, `./x` beside `x`, a symlink beside
    its target name one file, which would otherwise be reported (and fixed) twice. Hard
    links stay apart: they are names of their own (git tracks each, and a fix, written to a
    new file and renamed, parts them)."""
    seen: set[str] = set()
    out: list[str] = []
    for path in files:
        if path != "-":
            key = os.path.realpath(path)
            if key in seen:
                continue
            seen.add(key)
        out.append(path)
    return out


def _walk(root: str, suffixes: set[str], skips: list[Skip]) -> Iterator[str]:
    """The files with one of `suffixes` under `root`; a folder that cannot be read is a
    skip with an error (a CI gate must not pass over it in silence)."""
    seen: set[tuple[int, int]] = set()
    top = os.path.realpath(root)

    def unreadable(exc: OSError) -> None:
        skips.append(Skip(exc.filename or root, f"cannot read this folder: {exc.strerror or exc}"))

    for dirpath, dirnames, filenames in os.walk(root, onerror=unreadable, followlinks=True):
        try:
            st = os.stat(dirpath)
        except OSError:
            dirnames[:] = []
            continue
        key = (st.st_dev, st.st_ino)
        if key in seen:  # a symlink loop, or a folder reached twice
            dirnames[:] = []
            continue
        seen.add(key)
        dirnames[:] = sorted(d for d in dirnames if not d.startswith(".") and _inside(dirpath, d, top, skips))
        for name in sorted(filenames):
            if name.startswith("."):
                continue
            if _suffix(name) in suffixes and _inside(dirpath, name, top, skips, "file"):
                yield os.path.join(dirpath, name)


def _inside(dirpath: str, name: str, top: str, skips: list[Skip], kind: str = "folder") -> bool:
    """Whether the walk takes the folder or file `name`: a link to one outside the folder
    being checked is not followed (a fix would reach files of another tree), and says so;
    name it on the command line to check it."""
    full = os.path.join(dirpath, name)
    if not os.path.islink(full):
        return True
    target = os.path.realpath(full)
    if target == top or target.startswith(top.rstrip(os.sep) + os.sep):
        return True
    if os.path.exists(target):  # a dangling link is reported as such where it is read
        skips.append(Skip(full, f"a link to a {kind} outside {top} ({target}); not followed", error=False))
        return False
    return True


def _suffix(name: str) -> str:
    """A file name's extension as pathlib gives it (".md"; "" for ".profile"), lower-cased."""
    return os.path.splitext(name)[1].lower()


def _not_ignored(files: list[str]) -> list[str]:
    """Drop what .gitignore excludes, when the files are in a git checkout."""
    if not files:
        return files
    import subprocess  # only when a folder is walked

    # Absolute paths: git runs in the first file's folder (to find its checkout), and reads
    # a relative path from there, not from termlint's working folder.
    absolute = [os.path.abspath(f) for f in files]
    try:
        proc = subprocess.run(
            ["git", "check-ignore", "--stdin", "-z"],
            input=b"".join(os.fsencode(a) + b"\0" for a in absolute),
            capture_output=True,
            timeout=20,
            cwd=os.path.dirname(absolute[0]) or ".",
        )
    except (OSError, subprocess.SubprocessError):
        return files
    if proc.returncode not in (0, 1):  # 128: not a git checkout
        return files
    ignored = {os.fsdecode(p) for p in proc.stdout.split(b"\0") if p}
    return [f for f, a in zip(files, absolute, strict=True) if a not in ignored]


def special(path: str) -> str | None:
    """Why a path is not a regular file we can read (a pipe, a device, a folder)."""
    try:
        st = os.stat(path)
    except FileNotFoundError:
        return "no such file or directory"
    except OSError as exc:
        return exc.strerror or str(exc)
    if stat.S_ISDIR(st.st_mode):
        return "is a directory"
    if stat.S_ISFIFO(st.st_mode):
        return "is a named pipe; skipped"
    if stat.S_ISCHR(st.st_mode) or stat.S_ISBLK(st.st_mode):
        return "is a device file; skipped"
    if stat.S_ISSOCK(st.st_mode):
        return "is a socket; skipped"
    return None


def read_bytes(path: str) -> bytes:
    """The bytes of a regular file. Opened without blocking and checked once open, so a
    pipe or device put in the file's place after `special` looked is refused, not waited on."""
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
    with open(fd, "rb") as handle:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            raise OSError(errno.EINVAL, "not a regular file; skipped")
        return handle.read()


_BOMS = (  # longest first: a UTF-32-LE BOM starts with the UTF-16-LE one
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
# Codecs that write a BOM of their own; a file decoded without one is written without.
_NO_BOM = {"utf-8-sig": "utf-8", "utf-16": "utf-16-le", "utf-32": "utf-32-le"}


def looks_binary(data: bytes) -> bool:
    head = data[:_SNIFF]
    if any(head.startswith(bom) for bom, _ in _BOMS):
        return False
    return b"\0" in head


def decode(path: str, data: bytes, encoding: str | None = None) -> Decoded | Skip:
    """Decode bytes: BOM first, then the given encoding or strict UTF-8. An 8-bit encoding
    given for a run applies to the files that are not valid UTF-8."""
    bom = b""
    for mark, name in _BOMS:
        if data.startswith(mark):
            bom, codec = mark, name
            break
    else:
        codec = encoding or "utf-8"
        if encoding is None and looks_binary(data):
            guess = _utf16_without_bom(data)
            if guess:
                return Skip(path, f"looks like {guess} without a byte order mark; "
                                  f"use --encoding {guess} to check it; the file is left alone")
            hint = " (name it with --stdin-filename, e.g. report.docx, to check a Word or PDF file)" if path == "-" \
                else ""
            return Skip(path, f"binary file; skipped{hint}", error=False)
    try:
        codec = codecs.lookup(codec).name
    except LookupError:
        return Skip(path, f"unknown encoding {codec!r}")
    if not bom and codec in _NO_BOM:
        if codec == "utf-8-sig" or not data:
            codec = _NO_BOM[codec]
        else:
            return Skip(path, f"{codec} without a byte order mark: name the byte order "
                              f"(--encoding {codec}-le or {codec}-be)")
    if encoding is not None and not bom and codec != "ascii" and not codec.startswith(("utf-16", "utf-32")) \
            and _valid_utf8(data):
        # --encoding names the legacy files of a run (cp1252, latin-1): a file that is valid
        # UTF-8 (ASCII too) stays UTF-8 (read as cp1252 it would be mojibake, and a fix
        # would write cp1252 bytes into it)
        codec = "utf-8"
    try:
        text = data[len(bom) :].decode(codec)
    except UnicodeDecodeError as exc:
        where = exc.start + len(bom)
        line = data[:where].count(b"\n") + 1
        return Skip(path, f"cannot decode as {codec} at line {line}, byte offset {where} ({exc.reason}); "
                          "use --encoding to name the file's encoding; the file is left alone")
    return Decoded(path, text, codec, bom, _newline(text))


def surrogates_escaped(text: str) -> str:
    """JSON text in which a file name's undecodable bytes (lone surrogates, Python's
    `surrogateescape`) are `\\uDCxx` escapes: valid UTF-8 JSON, and `os.fsencode` of the
    decoded name gives its bytes back."""
    try:
        text.encode("utf-8")  # in C: a report of 30 MB is not walked character by character
    except UnicodeEncodeError:
        import re  # only for such a name

        return re.sub("[\ud800-\udfff]", lambda m: f"\\u{ord(m.group()):04x}", text)
    return text


def shown_name(path: str) -> str:
    """A file name as UTF-8 text can show it: an undecodable byte as `\\xNN`."""
    return path.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")


def _valid_utf8(data: bytes) -> bool:
    """Whether the bytes are valid UTF-8 (ASCII is)."""
    if data.isascii():
        return True
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


def _utf16_without_bom(data: bytes) -> str:
    """"utf-16-le" or "utf-16-be" when text looks like it (a zero byte in every pair), else ""."""
    head = data[: _SNIFF - _SNIFF % 2]
    if len(head) < 8:
        return ""
    odd, even = head[1::2], head[0::2]
    if odd.count(0) >= 0.9 * len(odd) and even.count(0) == 0:
        return "utf-16-le"
    if even.count(0) >= 0.9 * len(even) and odd.count(0) == 0:
        return "utf-16-be"
    return ""


def _newline(text: str) -> str:
    if "\r" not in text:  # most files: one fast search instead of three counts
        return "\n" if "\n" in text else ""
    crlf = text.count("\r\n")
    cr = text.count("\r") - crlf
    lf = text.count("\n") - crlf
    counts = {"\r\n": crlf, "\r": cr, "\n": lf}
    best = max(counts, key=lambda k: counts[k])
    return best if counts[best] else ""


def encode(decoded: Decoded, text: str) -> bytes:
    """Bytes for `text`, written the way the original file was."""
    return decoded.bom + text.encode(decoded.encoding)

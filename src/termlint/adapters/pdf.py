"""PDF: the text layer, page by page and line by line (read-only).

pypdf extracts each page's text. Lines follow one another with a line break, so a term
broken over two lines is found; a paragraph ends at an empty line, at a short line that
closes a sentence, and at the end of a page (running heads and page numbers sit between
pages). Locations give the page and the line on that page, and the report quotes the
line. A PDF whose pages have no text at all (a scan without OCR) is a notice, not an
error; an encrypted PDF that opens only with a password is an error.

PDF is never written: findings carry suggestions but no fix. Words hyphenated at the end
of a line are not joined again.
"""
from __future__ import annotations

import io
import logging
import statistics

from termlint import rx
from termlint.adapters import NothingToCheck
from termlint.adapters.blocks import BlockLocator, Location
from termlint.document import Document
from termlint.errors import TermlintError

_CONTROL = rx.compile(r"[\x00-\x08\x0b-\x1f\x7f]")
_SENTENCE_END = rx.compile(r"[.!?:;…。！？]['\"’”»)\]]*\s*$")


def read(path: str, payload: str | bytes) -> Document:
    assert isinstance(payload, bytes)
    pages = page_texts(payload, path)
    if not any(text.strip() for text in pages):
        raise NothingToCheck(f"no text layer in {len(pages)} {'page' if len(pages) == 1 else 'pages'} "
                             "(a scanned PDF?): nothing checked; run OCR on it first")
    source, spans, locations = layout(pages)
    return Document(path, source, format="pdf", locator=BlockLocator(source, spans, locations))


def page_texts(data: bytes, path: str = "<pdf>") -> list[str]:
    """The text of each page, as pypdf extracts it."""
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError, PyPdfError

    quiet = logging.getLogger("pypdf")
    level = quiet.level
    # pypdf logs every repaired object, and what it could not decode, as warnings and
    # errors: a report is not the place (a PDF it cannot read at all raises instead).
    quiet.setLevel(logging.CRITICAL)
    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted:
            try:
                opened = reader.decrypt("")
            except (PyPdfError, NotImplementedError) as exc:
                raise TermlintError(f"{path}: encrypted PDF; cannot read it ({exc})") from exc
            if not opened:
                raise TermlintError(f"{path}: encrypted PDF that needs a password; not read")
        return [_clean(page.extract_text() or "") for page in reader.pages]
    except (PdfReadError, PyPdfError, ValueError, KeyError, TypeError, AttributeError, RecursionError) as exc:
        raise TermlintError(f"{path}: cannot read as PDF: {exc}") from exc
    finally:
        quiet.setLevel(level)


# Typographic ligatures a PDF's text layer keeps as one character ("inﬂux", "illegal ﬂows").
_LIGATURES = str.maketrans({"\ufb00": "ff", "\ufb01": "fi", "\ufb02": "fl", "\ufb03": "ffi",
                            "\ufb04": "ffl", "\ufb05": "st", "\ufb06": "st"})


def _clean(text: str) -> str:
    text = text.translate(_LIGATURES)  # read-only: the extracted text is the source shown
    return _CONTROL.sub(" ", text.replace("\r\n", "\n").replace("\r", "\n"))


def layout(pages: list[str]) -> tuple[str, list[tuple[int, int]], list[Location]]:
    """The source text of all pages: its lines' spans and their (page, line) locations."""
    pieces: list[str] = []
    spans: list[tuple[int, int]] = []
    locations: list[Location] = []
    at = 0
    for number, text in enumerate(pages, 1):
        lines = text.split("\n")
        while lines and not lines[-1].strip():
            lines.pop()
        if not lines:
            continue
        ends = paragraph_ends(lines)
        if pieces:
            pieces.append("\n\n")
            at += 2
        for i, line in enumerate(lines):
            if i:
                brk = "\n\n" if (i - 1) in ends else "\n"
                pieces.append(brk)
                at += len(brk)
            spans.append((at, at + len(line)))
            locations.append((("page", number), ("line", i + 1)))
            pieces.append(line)
            at += len(line)
    return "".join(pieces), spans, locations


def paragraph_ends(lines: list[str]) -> set[int]:
    """Indexes of the lines that end a paragraph (the last line of a page always does)."""
    lengths = [len(line.rstrip()) for line in lines if line.strip()]
    if not lengths:
        return set()
    full = statistics.quantiles(lengths, n=5)[-1] if len(lengths) >= 5 else max(lengths)
    out = set()
    for i, line in enumerate(lines):
        size = len(line.rstrip())
        if not line.strip():
            out.add(i)
        elif size < 0.85 * full and _SENTENCE_END.search(line):
            out.add(i)
    return out

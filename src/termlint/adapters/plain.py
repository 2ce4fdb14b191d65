"""Plain text: the text is the source, and every line may carry a suppression comment.

A marker's own words ("termlint: enable water-metaphor -- reason") are not prose: they are
blanked out of the text the rules read (same length, so offsets are the source's), so that
neither a finding nor a rule's context conditions ever see them. A gap between columns of a
table set in plain text (see `_columns_apart`) reads as the boundary between cells of a
Markdown table does (NUL characters), so that no term runs across it."""
from __future__ import annotations

from collections.abc import Sequence

from termlint import rx
from termlint.adapters import directives_of
from termlint.document import Directive, Document

# A gap between columns: a tab, or a run of spaces between two words of a line.
_GAP = rx.lazy(r"(?<=\S)(?:\t[ \t]*|[ ]{2,}\t*)(?=\S)")
_WIDE = 6  # spaces that are a column gap on any line (justified text spreads up to four or five)
_SENTENCE_END = frozenset(".!?:;,")
_WORD_GAP = rx.lazy(r"(?<=\S)\s+(?=\S)")


def read(path: str, payload: str | bytes) -> Document:
    assert isinstance(payload, str)
    found = directives_of(payload, comments=False)
    text = _columns_apart(_without_markers(payload, found) or payload)
    return Document(path, payload, text if text != payload else None, format="text", directives=found)


def _columns_apart(text: str) -> str:
    """`text` with each gap between columns as NUL characters (same length): a tab or a wide run of
    spaces (six), or two spaces or more on a line that has two such gaps, one of three spaces or
    more (a table row: "illegal alien   avoid   undocumented noncitizen"), but not two spaces
    after a sentence's end."""
    if "\t" not in text and "  " not in text:
        return text
    pieces, done = [], 0
    for start, end in _lines_with_gaps(text):
        pieces.append(text[done:start])
        pieces.append(_row_apart(text[start:end]))
        done = end
    pieces.append(text[done:])
    return "".join(pieces)


def _lines_with_gaps(text: str) -> list[tuple[int, int]]:
    """The lines (start, end) that hold two spaces or a tab: most lines of prose hold
    neither, and only these are looked at."""
    found: dict[int, int] = {}
    for needle in ("  ", "\t"):
        at = text.find(needle)
        while at >= 0:
            start = max(text.rfind("\n", 0, at), text.rfind("\r", 0, at)) + 1
            end = len(text)
            for brk in ("\n", "\r"):
                k = text.find(brk, at)
                if 0 <= k < end:
                    end = k
            found[start] = end
            at = text.find(needle, end)
    return sorted(found.items())


def _row_apart(row: str) -> str:
    gaps = [m for m in _GAP.finditer(row)
            if "\t" in m.group() or len(m.group()) >= _WIDE or row[m.start() - 1] not in _SENTENCE_END]
    if not gaps:
        return row
    words = len(_WORD_GAP.findall(row))
    if len(gaps) < 2 or all(len(m.group()) < 3 and "\t" not in m.group() for m in gaps) or 2 * len(gaps) > words:
        # a row has two gaps, one of them wide (two spaces here and there are a typing habit),
        # and leaves most words single-spaced (a justified line spreads its gaps): otherwise
        # only a tab or a wide run is a column
        gaps = [m for m in gaps if "\t" in m.group() or len(m.group()) >= _WIDE]
    out = list(row)
    for m in gaps:
        out[m.start():m.end()] = "\x00" * (m.end() - m.start())
    return "".join(out)


def _without_markers(source: str, found: Sequence[Directive]) -> str | None:
    """The source with every marker, up to the end of its line, replaced by spaces."""
    markers = [d.offset for d in found if d.kind == "marker"]
    if not markers:
        return None
    out = list(source)
    for start in markers:
        end = start
        while end < len(source) and source[end] not in "\r\n":
            out[end] = " "
            end += 1
    return "".join(out)

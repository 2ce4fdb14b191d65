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
from termlint.document import ROW_BREAK, Directive, Document

# A gap between columns: a tab, or a run of spaces between two words of a line.
_GAP = rx.lazy(r"(?<=\S)(?:\t[ \t]*|[ ]{2,}\t*)(?=\S)")
_WIDE = 6  # spaces that are a column gap on any line (justified text spreads up to four or five)
_SENTENCE_END = frozenset(".!?:;,")
_WORD_GAP = rx.lazy(r"(?<=\S)\s+(?=\S)")


def read(path: str, payload: str | bytes) -> Document:
    assert isinstance(payload, str)
    found = directives_of(payload, comments=False)
    text, quoted = _quoting_apart(_without_markers(payload, found) or payload)
    text = _columns_apart(text)
    return Document(path, payload, text if text != payload else None, format="text", directives=found,
                    marks=quoted)


# The quoting of an e-mail reply at a line's start: "> ", ">> ", "> > ".
_QUOTING = rx.lazy(r"^[ \t]*>(?:[ \t]*>)*[ \t]+(?=\S)", rx.MULTILINE)


def _quoting_apart(text: str) -> tuple[str, list[tuple[int, int, str]]]:
    """`text` with the quoting marks of an e-mail reply as spaces (same length), so that a term
    wrapped across two quoted lines reads whole, and each quoted line marked as a block
    quotation (another writer's words, as in Markdown)."""
    if ">" not in text:
        return text, []
    out = list(text)
    marks: list[tuple[int, int, str]] = []
    for m in _QUOTING.finditer(text):
        out[m.start():m.end()] = " " * (m.end() - m.start())
        end = text.find("\n", m.end())
        end = len(text) if end < 0 else end
        if marks and not text[marks[-1][1]:m.start()].strip():
            marks[-1] = (marks[-1][0], end, "blockquote")  # the next line of the same quotation
        else:
            marks.append((m.end(), end, "blockquote"))
    return ("".join(out), marks) if marks else (text, [])


def _columns_apart(text: str) -> str:
    """`text` with each gap between columns as NUL characters (same length): a tab or a wide run of
    spaces (six), two spaces or more on a line that has two such gaps, one of three spaces or
    more (a table row: "illegal alien   avoid   undocumented noncitizen"), or two spaces or
    more after which the next word starts in the same column as after a column gap of the line
    above or below (the rows of a table under its header: "AVOID        USE" over
    "illegal immigrants  undocumented immigrants"), but not two spaces after a sentence's end.
    The line break between two table rows becomes ROW_BREAK."""
    if "\t" not in text and "  " not in text:
        return text
    rows = _lines_with_gaps(text)
    aligned = _aligned(text, rows)
    pieces, done, last = [], 0, -1
    for k, (start, end) in enumerate(rows):
        row = _row_apart(text[start:end], aligned.get(k, set()))
        between = text[done:start]
        if last == k - 1 and "\x00" in row and between in ("\n", "\r\n", "\r"):
            # the line break between two table rows parts their cells as a paragraph
            # break would: no term runs from the last cell of one into the next
            between = ROW_BREAK * len(between)
        pieces.append(between)
        pieces.append(row)
        done = end
        last = k if "\x00" in row else -1
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


def _aligned(text: str, rows: list[tuple[int, int]]) -> dict[int, set[int]]:
    """For each row (by index), the columns where a word starts after a column gap: the gaps
    the row shows on its own (`_columns`), and, spreading from them to the line above or
    below, two spaces or more after which the next word starts in the same column. Only a
    table seen on some row spreads: two lines of justified prose whose gaps fall in line by
    chance have none."""
    cols = [{m.end() for m in _columns(text[start:end])} for start, end in rows]
    candidates = [_gap_ends(text[start:end]) for start, end in rows]
    next_line = [k + 1 < len(rows) and text[rows[k][1]:rows[k + 1][0]] in ("\n", "\r\n", "\r")
                 for k in range(len(rows))]
    changed = True
    while changed:
        changed = False
        for k in range(len(rows) - 1):
            if not next_line[k]:
                continue
            for here, there in ((k, k + 1), (k + 1, k)):
                spread = (cols[here] & candidates[there]) - cols[there]
                if spread:
                    cols[there] |= spread
                    changed = True
    return {k: c for k, c in enumerate(cols) if c}


def _gap_ends(row: str) -> set[int]:
    """Where the words after the row's gaps start, in a row whose other words are single-spaced
    (the wide gaps of a justified line fall in line by chance)."""
    gaps = _gaps(row)
    if not gaps or 2 * len(gaps) > len(_WORD_GAP.findall(row)) + 1:
        return set()
    return {m.end() for m in gaps}


def _gaps(row: str) -> list[rx.Match[str]]:
    """The runs of spaces (or a tab) in a row that may part two columns."""
    return [m for m in _GAP.finditer(row)
            if "\t" in m.group() or len(m.group()) >= _WIDE or row[m.start() - 1] not in _SENTENCE_END]


def _row_apart(row: str, columns: set[int]) -> str:
    """The row with the gaps before the words at `columns` (from `_aligned`) as NUL characters."""
    if not columns:
        return row
    out = list(row)
    for m in _gaps(row):
        if m.end() in columns:
            out[m.start():m.end()] = "\x00" * (m.end() - m.start())
    return "".join(out)


def _columns(row: str) -> list[rx.Match[str]]:
    """The gaps a row shows as columns on its own: a tab or a wide run; or two gaps or more,
    one of them wide, on a row whose other words are single-spaced."""
    gaps = _gaps(row)
    if not gaps:
        return []
    words = len(_WORD_GAP.findall(row))
    if len(gaps) < 2 or all(len(m.group()) < 3 and "\t" not in m.group() for m in gaps) or 2 * len(gaps) > words:
        # a row has two gaps, one of them wide (two spaces here and there are a typing habit),
        # and leaves most words single-spaced (a justified line spreads its gaps): otherwise
        # only a tab or a wide run is a column (or a gap in line with one, `_aligned`)
        gaps = [m for m in gaps if "\t" in m.group() or len(m.group()) >= _WIDE]
    return gaps


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

"""Markdown: prose only, at the same offsets as in the source.

markdown-it-py gives the block structure (which lines are code, HTML, tables, prose)
and, inside each block of prose, the text of every inline node. The prose view keeps
the source's length: prose characters stay where they are, markup becomes a space when
a term may run across it (emphasis, brackets, heading and quote markers) and a hard
boundary when it may not (code, link targets, HTML, front matter). So every offset in
the prose view is also an offset in the source, and a fix edits the source directly.
"""
from __future__ import annotations

from termlint import rx
from termlint.adapters import directives_of
from termlint.document import HARD, SOFT, Document
from termlint.errors import TermlintError

TYPE_CHECKING = False  # typing.TYPE_CHECKING, without importing typing at run time
if TYPE_CHECKING:
    from typing import Any

# Nesting (quotes in lists in quotes…) deeper than 20 levels, commonmark's default, would
# leave the text inside unread; 100 is still far from Python's recursion limit. Deeper
# than that, markdown-it stops reading, so such a file is refused rather than half checked.
_MAX_NESTING = 100
_PARSERS: list[Any] = []
# Text in which markdown-it could find nothing but paragraphs: none of the characters of
# inline markup, entities, escapes, HTML or tables; no line that could open a heading, a
# list, a quotation, a rule, code or front matter; only spaces and LF as white space.
# Its prose view is worked out without the parser (and without importing it).
_MARKUP = rx.lazy(r"[\\`*_\[\]<>&|~#\x00]|^ {0,3}(?:[-+=]|\d{1,9}[.)])|^ {4}|[^\S \n]", rx.MULTILINE)


def _parser() -> Any:
    if not _PARSERS:
        from markdown_it import MarkdownIt

        parser = MarkdownIt("commonmark", {"maxNesting": _MAX_NESTING}).enable("table").enable("strikethrough")
        # Keep entities and backslash escapes as tokens of their own: joined into the text around
        # them, that text is no longer found in the source, and the whole paragraph went unchecked.
        parser.disable("text_join")
        _PARSERS.append(parser)
    return _PARSERS[0]
_FRONT_MATTER = rx.lazy(
    r"\A(?:---|\+\+\+)[ \t]*\r?\n.*?^(?:---|\+\+\+|\.\.\.)[ \t]*$", rx.DOTALL | rx.MULTILINE
)


def read(path: str, payload: str | bytes) -> Document:
    assert isinstance(payload, str)
    source = payload
    return Document(path, source, prose(source), format="markdown",
                    directives=directives_of(source, comments=True))


def prose(source: str) -> str:
    """The prose view of a Markdown source (same length, markup masked)."""
    if _MARKUP.search(source) is None:
        return _paragraphs_only(source)
    return _parsed(source)


def _paragraphs_only(source: str) -> str:
    """The prose view of a source that is paragraphs of plain text (see _MARKUP), as the
    parser would give it: the lines of each paragraph as they are, except the spaces
    after its last line; spaces outside paragraphs (blank lines) are hard boundaries."""
    lines = source.split("\n")
    out: list[str] = []
    for i, line in enumerate(lines):
        kept = line.rstrip(" ")
        if not kept:
            out.append(HARD * len(line))
            continue
        last = i + 1 == len(lines) or not lines[i + 1].strip(" ")
        out.append(kept + HARD * (len(line) - len(kept)) if last else line)
    return "\n".join(out)


def _parsed(source: str) -> str:
    line_starts = _line_starts(source)
    start_line = 0
    fm = _FRONT_MATTER.match(source)
    if fm:
        start_line = source.count("\n", 0, fm.end()) + 1
    pieces: list[str] = []
    cursor = 0
    tokens = _parser().parse(source)
    if any(t.level >= _MAX_NESTING - 1 for t in tokens):
        raise TermlintError(f"nested more than {_MAX_NESTING} levels deep (quotations, lists); not checked")
    for token in tokens:
        if token.type != "inline" or token.map is None or token.map[0] < start_line:
            continue
        first, last = token.map
        lo = max(line_starts[first], cursor)
        hi = line_starts[last] if last < len(line_starts) else len(source)
        if hi <= lo:
            continue
        pieces.append(_hard(source[cursor:lo]))
        text, cursor = _inline(source, token, lo, hi)
        pieces.append(text)
    pieces.append(_hard(source[cursor:]))
    text = "".join(pieces)
    assert len(text) == len(source)
    return text


_NOT_BREAK = rx.lazy(r"[^\r\n]")
_SOFTENED = rx.lazy(r"[*_~\[\]!>#]")


def _hard(segment: str) -> str:
    return _NOT_BREAK.sub(HARD, segment)


def _inline(source: str, token: object, lo: int, hi: int) -> tuple[str, int]:
    """Reveal the text children of an inline token; soften harmless markup between them.

    Returns the prose view from `lo` to the end of the last text child, and that end
    (table cells share a line, so the next cell starts searching from there)."""
    children = getattr(token, "children", None) or []
    cursor = lo
    pieces: list[str] = []
    for child in children:
        if child.type != "text" or not child.content:
            continue
        at = source.find(child.content, cursor, hi)
        if at < 0:
            continue  # an escape or entity changed the text; leave that bit masked
        pieces.append(_gap(source[cursor:at]))
        pieces.append(child.content)
        cursor = at + len(child.content)
    return "".join(pieces), cursor


def _gap(gap: str) -> str:
    """Markup between two pieces of prose: spaces and emphasis stay crossable."""
    if not gap:
        return gap
    if "`" in gap or "](" in gap or "<" in gap or "|" in gap:
        # Code, a link target, HTML or a table cell border: the text on either side is
        # not one phrase. Only line breaks and an opening bracket stay soft.
        return "".join(ch if ch in "\r\n" else (SOFT if ch == "[" else HARD) for ch in gap)
    soft = _SOFTENED.sub(SOFT, gap.replace("\t", SOFT))
    return "".join(ch if ch in " \r\n" else HARD for ch in soft)


def _line_starts(source: str) -> list[int]:
    starts = [0]
    for i, ch in enumerate(source):
        if ch == "\n":
            starts.append(i + 1)
        elif ch == "\r" and (i + 1 == len(source) or source[i + 1] != "\n"):
            starts.append(i + 1)
    return starts

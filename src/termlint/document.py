"""A document as the matcher sees it: prose text plus a map back to the source.

Format adapters build a `Document`. Its `text` is what rules run on; every position in
`text` maps to a position in `source` (the decoded file) through `to_source`, and a
`Locator` turns source positions into what reports show (line and column, or a Word
paragraph, or a PDF page). Positions are carried from here to the report, never
searched for again.
"""
from __future__ import annotations

import bisect
from collections.abc import Sequence

from termlint import cache
from termlint.records import NamedTuple

TYPE_CHECKING = False  # typing.TYPE_CHECKING, without importing typing at run time
if TYPE_CHECKING:
    from typing import Any, Protocol

# Characters an adapter writes over what is not prose. A space can be crossed by a
# multi-word term (markup such as ** around a word); HARD cannot (code, link targets).
SOFT = " "
HARD = "\x00"
# What the plain-text adapter writes over the line break between two table rows (U+2029,
# PARAGRAPH SEPARATOR): a paragraph break that ends a line too.
ROW_BREAK = "\u2029"

_LINE_BREAK = ("\r\n", "\r", "\n")
_BREAKS = cache.compile_re(r"\r\n|\r|\n", 0)  # re's program, from the disk cache
# A finding quotes at most this much of its line: a context shorter than this is the whole line.
MAX_CONTEXT = 2000


if TYPE_CHECKING:  # what a locator does (only annotations name it)

    class Locator(Protocol):
        def position(self, offset: int) -> tuple[int, int]:
            """1-based (line, column) of a source offset."""

        def context(self, start: int, end: int) -> tuple[str, int]:
            """The text to quote around source[start:end], and where the match starts in it."""

        def extra(self, start: int, end: int) -> tuple[tuple[str, Any], ...]:
            """Format-specific location fields (paragraph, table cell, page…)."""


class Directive(NamedTuple):
    """A suppression comment found by an adapter (see suppress.py)."""

    kind: str  # "disable" | "enable" | "next-line" | "line" | "file"
    rules: tuple[str, ...]  # empty: every rule
    line: int  # 1-based source line of the comment
    offset: int  # source offset of the comment
    reason: str = ""
    problem: str = ""  # why an unused one is reported, when not simply unused (a typo in a rule id)


class TextLocator:
    """Line and column over a plain source string (LF, CRLF and CR all end a line)."""

    def __init__(self, source: str) -> None:
        self._source = source
        self._known: list[int] | None = None  # found when a position is first asked for
        self._quoted: tuple[int, int, str] = (0, 0, "")  # the last context: one string for its findings

    @property
    def _starts(self) -> list[int]:
        if self._known is None:
            # One pass over the text (searching for "\n" and "\r" separately from each line
            # would rescan the rest of a file without CRs once per line: quadratic).
            self._known = line_starts(self._source)
        return self._known

    @property
    def line_starts(self) -> Sequence[int]:
        return self._starts

    def position(self, offset: int) -> tuple[int, int]:
        index = bisect.bisect_right(self._starts, offset) - 1
        return index + 1, offset - self._starts[index] + 1

    def line_span(self, line: int) -> tuple[int, int]:
        start = self._starts[line - 1]
        end = self._starts[line] if line < len(self._starts) else len(self._source)
        while end > start and self._source[end - 1] in "\r\n":
            end -= 1
        return start, end

    def context(self, start: int, end: int) -> tuple[str, int]:
        """The line holding the match; of a line longer than MAX_CONTEXT (a minified
        file, a 50 MB line), a piece of MAX_CONTEXT characters around the match."""
        line, _ = self.position(start)
        line_start, line_end = clip_context(*self.line_span(line), start, end)
        lo, hi, quoted = self._quoted
        if (lo, hi) != (line_start, line_end) or not quoted:
            quoted = self._source[line_start:line_end]
            self._quoted = (line_start, line_end, quoted)
        return quoted, start - line_start

    def extra(self, start: int, end: int) -> tuple[tuple[str, Any], ...]:
        return ()


def line_starts(source: str) -> list[int]:
    """The offset of every line's start (LF, CRLF and CR all end a line)."""
    if "\r" in source:
        return [0, *(m.end() for m in _BREAKS.finditer(source))]
    starts = [0]  # only LF: str.find is several times faster than a pattern
    find = source.find
    i = find("\n")
    while i >= 0:
        starts.append(i + 1)
        i = find("\n", i + 1)
    return starts


def clip_context(lo: int, hi: int, start: int, end: int) -> tuple[int, int]:
    """The span to quote of a line (or block) lo..hi holding a match at start..end: the
    whole of it, or MAX_CONTEXT characters around the match when it is longer than that."""
    if hi - lo <= MAX_CONTEXT:
        return lo, hi
    a = max(lo, min(start - MAX_CONTEXT // 2, hi - MAX_CONTEXT))
    return a, min(hi, max(a + MAX_CONTEXT, end))


class Document:
    """Prose text, its source, and the map between them."""

    __slots__ = ("path", "source", "text", "format", "directives", "locator", "marks", "_map", "_inverse")

    def __init__(
        self,
        path: str,
        source: str,
        text: str | None = None,
        *,
        format: str = "text",
        mapping: Sequence[int] | None = None,
        directives: Sequence[Directive] = (),
        locator: Locator | None = None,
        marks: Sequence[tuple[int, int, str]] = (),
    ) -> None:
        self.path = path
        self.source = source
        self.text = source if text is None else text
        if mapping is None and len(self.text) != len(source):
            raise ValueError("a text that differs in length from its source needs a mapping")
        if mapping is not None and len(mapping) != len(self.text) + 1:
            raise ValueError("mapping must have one entry per text character, plus one")
        self._map = mapping
        self._inverse: list[int] | None = None
        self.format = format
        self.directives = tuple(directives)
        self.locator: Locator = locator if locator is not None else TextLocator(source)
        # Spans the format sets apart, in text offsets: (start, end, "blockquote" | "italic" | "code").
        self.marks = tuple(marks)

    def to_source(self, offset: int) -> int:
        """Source offset of a text offset (text end maps to source end)."""
        if self._map is None:
            return offset
        return self._map[offset]

    def span_to_source(self, start: int, end: int) -> tuple[int, int]:
        if self._map is None:
            return start, end
        if end <= start:
            s = self._map[start]
            return s, s
        # The end of a span is the end of its last character, which keeps spans tight
        # when markup sits between the last character and the next one.
        return self._map[start], self._map[end - 1] + 1

    def is_identity(self, start: int, end: int) -> bool:
        """Whether text[start:end] is the source, character for character, at the same
        offsets (no markup, no normalisation there)."""
        if self._map is not None:
            return False
        return self.text is self.source or self.text[start:end] == self.source[start:end]

    def to_text(self, source_offset: int) -> int:
        """The first text offset at or after a source offset."""
        if self._map is None:
            return source_offset
        return bisect.bisect_left(self._map, source_offset)

    def with_text(self, text: str, mapping: Sequence[int]) -> Document:
        """This document with its prose text replaced (e.g. normalised), composing maps."""
        if self._map is not None:
            mapping = [self._map[i] for i in mapping]
        return Document(
            self.path,
            self.source,
            text,
            format=self.format,
            mapping=mapping,
            directives=self.directives,
            locator=self.locator,
        )

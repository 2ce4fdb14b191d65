"""Text extracted from a binary document, block by block (Word paragraphs, PDF lines).

The adapters for .docx and PDF build their "source" themselves: the extracted blocks
joined by a separator. `BlockLocator` turns an offset in that source back into what a
reader can find in the document: the block's number and column, the block's text to
quote, and the format's location fields (part, paragraph, table cell, footnote, page…).
"""
from __future__ import annotations

import bisect
from collections.abc import Mapping, Sequence
from typing import Any

from termlint.document import clip_context

Location = tuple[tuple[str, Any], ...]


class BlockLocator:
    """Positions over blocks of text that start at known offsets of the source."""

    def __init__(self, source: str, spans: Sequence[tuple[int, int]], locations: Sequence[Location]) -> None:
        if len(spans) != len(locations):
            raise ValueError("one location per block")
        self._source = source
        self._spans = list(spans)
        self._starts = [s for s, _ in spans]
        self._locations = list(locations)

    def block(self, offset: int) -> int:
        """0-based index of the block holding a source offset (separators: the block before)."""
        return max(0, bisect.bisect_right(self._starts, offset) - 1)

    def position(self, offset: int) -> tuple[int, int]:
        """(block number, column), both 1-based."""
        if not self._spans:
            return 1, offset + 1
        i = self.block(offset)
        return i + 1, offset - self._starts[i] + 1

    def context(self, start: int, end: int) -> tuple[str, int]:
        if not self._spans:
            return "", 0
        i = self.block(start)
        lo, hi = clip_context(*self._spans[i], start, end)
        return self._source[lo:hi], start - lo

    def extra(self, start: int, end: int) -> Location:
        if not self._spans:
            return ()
        return self._locations[self.block(start)]


def join(blocks: Sequence[tuple[str, str]], separator: str,
         gaps: Mapping[int, tuple[str, str]] | None = None) -> tuple[str, str, list[tuple[int, int]]]:
    """Join (source, prose) blocks with a separator; return both texts and each block's span.
    `gaps` gives other separators after some blocks, by index: (in the source, in the prose),
    of one length."""
    sources: list[str] = []
    proses: list[str] = []
    spans: list[tuple[int, int]] = []
    at = 0
    between = (separator, separator)
    for i, (source, prose) in enumerate(blocks):
        if len(source) != len(prose):
            raise ValueError("a block's prose view must keep its length")
        if i:
            in_source, in_prose = gaps.get(i - 1, between) if gaps else between
            if len(in_source) != len(in_prose):
                raise ValueError("a separator's prose view must keep its length")
            sources.append(in_source)
            proses.append(in_prose)
            at += len(in_source)
        spans.append((at, at + len(source)))
        sources.append(source)
        proses.append(prose)
        at += len(source)
    return "".join(sources), "".join(proses), spans

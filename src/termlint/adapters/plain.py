"""Plain text: the text is the source, and every line may carry a suppression comment.

A marker's own words ("termlint: enable water-metaphor -- reason") are not prose: they are
blanked out of the text the rules read (same length, so offsets are the source's), so that
neither a finding nor a rule's context conditions ever see them. A tab or a run of four
spaces or more between two words of a line is a gap between columns (a table set in plain
text): it reads as cell boundaries do in a Markdown table, so that no term runs across it."""
from __future__ import annotations

from collections.abc import Sequence

from termlint import rx
from termlint.adapters import directives_of
from termlint.document import Directive, Document

_COLUMN_GAP = rx.lazy(r"(?<=\S)(?:\t[ \t]*|[ ]{4,}\t*)(?=\S)")


def read(path: str, payload: str | bytes) -> Document:
    assert isinstance(payload, str)
    found = directives_of(payload, comments=False)
    text = _columns_apart(_without_markers(payload, found) or payload)
    return Document(path, payload, text if text != payload else None, format="text", directives=found)


def _columns_apart(text: str) -> str:
    """`text` with each gap between columns as NUL characters (same length)."""
    if "\t" not in text and "    " not in text:
        return text
    return _COLUMN_GAP.sub(lambda m: "\x00" * len(m.group()), text)


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

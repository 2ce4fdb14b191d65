"""Plain text: the text is the source, and every line may carry a suppression comment.

A marker's own words ("termlint: enable water-metaphor -- reason") are not prose: they are
blanked out of the text the rules read (same length, so offsets are the source's), so that
neither a finding nor a rule's context conditions ever see them."""
from __future__ import annotations

from collections.abc import Sequence

from termlint.adapters import directives_of
from termlint.document import Directive, Document


def read(path: str, payload: str | bytes) -> Document:
    assert isinstance(payload, str)
    found = directives_of(payload, comments=False)
    return Document(path, payload, _without_markers(payload, found), format="text", directives=found)


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

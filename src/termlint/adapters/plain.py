"""Plain text: the text is the source, and every line may carry a suppression comment."""
from __future__ import annotations

from termlint.adapters import directives_of
from termlint.document import Document


def read(path: str, payload: str | bytes) -> Document:
    assert isinstance(payload, str)
    return Document(path, payload, format="text", directives=directives_of(payload, comments=False))

"""Document formats termlint does not read, named so the notice can say what to do."""
from __future__ import annotations

import os

from termlint.adapters import NothingToCheck
from termlint.document import Document

HINTS = {
    ".doc": "a Word 97-2003 document",
    ".dot": "a Word 97-2003 template",
    ".odt": "an OpenDocument text",
    ".pages": "a Pages document",
}


def read(path: str, payload: str | bytes) -> Document:
    kind = HINTS.get(os.path.splitext(path)[1].lower(), "a document format termlint does not read")
    raise NothingToCheck(f"{kind}; skipped (save it as .docx, or export it as PDF, to check it)")

"""Format adapters: a file's contents in, a `Document` (prose text + position map) out.

Each adapter is a module with `read(path, payload) -> Document`, where `payload` is the
decoded text for text formats and the raw bytes for binary ones. Modules are imported
only when a file of their format is checked, so a run over Markdown never loads the
libraries for Word or PDF.
"""
from __future__ import annotations

import importlib
from pathlib import Path
from typing import NamedTuple

from termlint.document import Document


class Format(NamedTuple):
    name: str
    module: str
    binary: bool


FORMATS = {
    "text": Format("text", "termlint.adapters.plain", False),
    "markdown": Format("markdown", "termlint.adapters.markdown", False),
}

EXTENSIONS = {
    ".txt": "text",
    ".text": "text",
    ".md": "markdown",
    ".markdown": "markdown",
    ".mdown": "markdown",
    ".mkd": "markdown",
}


def format_for(path: str, default: str = "text") -> Format:
    """The format of a path, by its extension (unknown extensions are plain text)."""
    name = EXTENSIONS.get(Path(path).suffix.lower(), default)
    return FORMATS.get(name, FORMATS["text"])


def read(fmt: Format, path: str, payload: str | bytes) -> Document:
    module = importlib.import_module(fmt.module)
    doc: Document = module.read(path, payload)
    return doc

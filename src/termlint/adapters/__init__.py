"""Format adapters: a file's contents in, a `Document` (prose text + position map) out.

Each adapter is a module with `read(path, payload) -> Document`, where `payload` is the
decoded text for text formats and the raw bytes for binary ones. Modules are imported
only when a file of their format is checked, so a run over Markdown never loads the
libraries for Word or PDF.
"""
from __future__ import annotations

import importlib
import os
import re

from termlint import rx
from termlint.document import Directive, Document
from termlint.errors import TermlintError
from termlint.records import NamedTuple

TYPE_CHECKING = False  # typing.TYPE_CHECKING, without importing typing at run time
if TYPE_CHECKING:
    from termlint.findings import Finding


class Format(NamedTuple):
    name: str
    module: str
    binary: bool
    fixable: bool = True  # False: read-only (PDF); findings keep suggestions but no fix


FORMATS = {
    "text": Format("text", "termlint.adapters.plain", False),
    "markdown": Format("markdown", "termlint.adapters.markdown", False),
    "html": Format("html", "termlint.adapters.html", False),
    "rst": Format("rst", "termlint.adapters.rst", False),
    "docx": Format("docx", "termlint.adapters.docx", True),
    "pdf": Format("pdf", "termlint.adapters.pdf", True, fixable=False),
    "unsupported": Format("unsupported", "termlint.adapters.unsupported", True, fixable=False),
}

EXTENSIONS = {
    ".txt": "text",
    ".text": "text",
    ".md": "markdown",
    ".markdown": "markdown",
    ".mdown": "markdown",
    ".mkd": "markdown",
    ".html": "html",
    ".htm": "html",
    ".xhtml": "html",
    ".rst": "rst",
    ".rest": "rst",
    ".docx": "docx",
    ".docm": "docx",
    ".dotx": "docx",
    ".dotm": "docx",
    ".pdf": "pdf",
    ".doc": "unsupported",
    ".dot": "unsupported",
    ".odt": "unsupported",
    ".pages": "unsupported",
}


def directives_of(source: str, *, comments: bool) -> tuple[Directive, ...]:
    """The suppression directives of a source (see directives.py): HTML comments in Markdown
    and HTML (`comments`), markers in plain text. Every directive names termlint: a source
    that does not is not searched, and the directives module is not even loaded (a run over
    drafts without any loads it never)."""
    if "termlint" not in source:
        return ()
    from termlint import directives

    return directives.scan_comments(source) if comments else directives.scan_text(source)


class NothingToCheck(TermlintError):
    """A file with no text to check (a scanned PDF, a Word lock file): a notice, not an error."""


def paragraph_around(source: str, start: int, end: int) -> tuple[int, int]:
    """The bounds of the paragraph of a markup source that holds source[start:end]: from
    after the blank line before it to the blank line after it (what a fix's completion in
    Markdown or reST searches for the link or role that holds the edit)."""
    after = source.find("\n\n", end)
    return source.rfind("\n\n", 0, start) + 1, len(source) if after < 0 else after


def format_for(path: str, default: str = "text") -> Format:
    """The format of a path, by its extension (unknown extensions are plain text)."""
    name = EXTENSIONS.get(os.path.splitext(path)[1].lower(), default)
    return FORMATS.get(name, FORMATS["text"])


def keeps_structure(fmt: Format, old: str, new: str) -> bool:
    """Whether fixing the source `old` into `new` kept what the format's syntax holds
    together (an adapter may define `keeps_structure(old, new)`; Markdown checks its
    front matter). True for formats without such a check."""
    check = getattr(importlib.import_module(fmt.module), "keeps_structure", None)
    return check is None or bool(check(old, new))


def complete_fixes(fmt: Format, source: str, found: list[Finding]) -> list[Finding]:
    """The findings with the edits their fixes need in the format's syntax (an adapter may
    define `complete_fix(source, fix)`: reST lengthens a title's underline)."""
    complete = getattr(importlib.import_module(fmt.module), "complete_fix", None)
    if complete is None:
        return found
    return [f if f.fix is None else f._replace(fix=complete(source, f.fix)) for f in found]


def words_keep_structure(fmt: Format, source: str) -> bool:
    """Whether replacing words by words can never break the syntax of `source` (False where
    the width of text is syntax: reST grid and simple tables, title underlines; or where a
    heading's words make the anchor a link points to). An adapter says so with
    `WORDS_KEEP_STRUCTURE` (a constant) or `words_keep_structure(source)`."""
    module = importlib.import_module(fmt.module)
    check = getattr(module, "words_keep_structure", None)
    if check is not None:
        return bool(check(source))
    return bool(getattr(module, "WORDS_KEEP_STRUCTURE", True))


def read(fmt: Format, path: str, payload: str | bytes) -> Document:
    module = importlib.import_module(fmt.module)
    doc: Document = module.read(path, payload)
    return visible(doc)


# Characters that show nothing and join nothing in a word: soft hyphens (a hyphenation point,
# "ille\u00adgal"), zero-width spaces, word joiners, a BOM inside the text; and what only
# dresses an Arabic word: its short vowels and other marks (harakat, U+064B-U+065F, U+0670),
# which most text leaves out, and the tatweel that stretches it (U+0640).
_PLAIN_INVISIBLE = "\u00ad\u200b\u2060\ufeff"
_ARABIC_MARKS = "\u0640\u0670" + "".join(map(chr, range(0x064B, 0x0660)))
INVISIBLE = _PLAIN_INVISIBLE + _ARABIC_MARKS


# A word hyphenated at the end of a line, as typeset text and text taken from a PDF are
# ("Ille-\ngale", "clande-\nstini"): the hyphen and the line break join its two halves. Only
# in plain text and PDF, where lines were broken for print; two small letters before the
# hyphen and one after it, so "COVID-\n19" and a dash at a line's end stay.
_HYPHENATED_FORMATS = frozenset({"text", "pdf"})
_HYPHEN_BREAK = rx.lazy(r"(?<=\p{Ll}\p{Ll})-\r?\n[ \t]*(?=\p{Ll})")
_WORD_BEFORE = rx.lazy(r"\p{L}+\Z")
# First parts of compounds written with a hyphen, which a line may end with: "so-\ncalled",
# "self-\nstyled", "sans-\npapiers" stay two words.
_COMPOUND_FIRST = frozenset(
    "so self well non anti ex co pre post sans semi quasi pseudo half cross sub vice pro counter ultra neo "
    "mid multi inter intra extra over under all arrière avant après demi mi porte sous contre bien mal "
    "auto sogenannt sog".split()
)
def _compound(text: str, hyphen: int) -> bool:
    """The word before a line-end hyphen is the first part of a hyphenated compound: a
    prefix written with a hyphen ("so-", "self-"), or a whole word of migration texts
    ("illegal-" / "immigrants": a compound broken at its own hyphen)."""
    before = _WORD_BEFORE.search(text, max(0, hyphen - 16), hyphen)
    if before is None:
        return False
    word = before.group().lower()
    return word in _COMPOUND_FIRST or word in _whole_words()


def _whole_words() -> frozenset[str]:
    from termlint import langid

    return langid.known_words()


# A line break between two Chinese characters joins them: Chinese has no spaces between words.
def _han(ch: str) -> bool:
    """A Chinese character (the CJK Unified Ideographs and their extensions)."""
    return "\u3400" <= ch <= "\u9fff" or "\uf900" <= ch <= "\ufaff" or "\U00020000" <= ch <= "\U0003134f"


def _dropped(text: str, fmt: str) -> list[tuple[int, int]]:
    """The spans of `text` the rules do not read: invisible characters, a line-end hyphen
    with its line break, a line break inside Chinese text."""
    spans: list[tuple[int, int]] = []
    if fmt in _HYPHENATED_FORMATS and ("-\n" in text or "-\r\n" in text):
        spans.extend(m.span() for m in _HYPHEN_BREAK.finditer(text) if not _compound(text, m.start()))
    if text.isascii():  # every other character dropped here is outside ASCII
        return spans
    if _has_invisible(text):
        spans.extend(m.span() for m in _INVISIBLE.finditer(text))
    if _has_han(text):
        spans.extend(_han_breaks(text))
    return spans


def _has_han(text: str) -> bool:
    """Whether the text may hold Chinese: its full stop, comma or commonest character (a scan
    for each of three characters is far faster than a look at every character)."""
    return "\n" in text and ("\u3002" in text or "\uff0c" in text or "\u7684" in text)


def _has_invisible(text: str) -> bool:
    """Whether the text holds an invisible character: the Arabic marks are looked for only
    in a text with an Arabic alef or lam (one scan for each character is faster than a
    pattern, but twenty-odd scans of every text were not)."""
    if any(ch in text for ch in _PLAIN_INVISIBLE):
        return True
    return ("\u0627" in text or "\u0644" in text) and any(ch in text for ch in _ARABIC_MARKS)


_INVISIBLE = re.compile("[" + INVISIBLE + "]+")  # `re`: a plain class, scanned several times faster


def _han_breaks(text: str) -> list[tuple[int, int]]:
    """Each line break between two Chinese characters, with the spaces around it, unless
    the lines are entries of a glossary or a list."""
    out = []
    at = text.find("\n")
    while at >= 0:
        a, b = at, at + 1
        while a > 0 and text[a - 1] in " \t\r":
            a -= 1
        while b < len(text) and text[b] in " \t":
            b += 1
        if a > 0 and b < len(text) and _han(text[a - 1]) and _han(text[b]) and not _entry_lines(text, a, b):
            out.append((a, b))
        at = text.find("\n", at + 1)
    return out


_ENTRY_MARK = rx.lazy(r"[→⇒←⟶➔=|：:]|->")


def _entry_lines(text: str, a: int, b: int) -> bool:
    """The lines on either side of a break are entries of a list or a glossary (an arrow, a
    colon, a bar), each a line of its own, not one sentence wrapped."""
    start = text.rfind("\n", 0, a) + 1
    end = text.find("\n", b)
    return _ENTRY_MARK.search(text, start, a) is not None or _ENTRY_MARK.search(
        text, b, len(text) if end < 0 else end) is not None


def visible(doc: Document) -> Document:
    """The document with what the rules do not read taken out of its prose text (kept in its
    source, which the mapping points into): invisible characters, so that "ille\u00adgal
    immi\u00adgrants" is read as the words it shows; a word hyphenated over two lines of
    plain text or PDF; a line break inside Chinese text. A match across one gets a fix that
    is shown, not applied."""
    text = doc.text
    spans = _dropped(text, doc.format)
    if not spans:
        return doc
    gone = bytearray(len(text))
    for a, b in spans:
        gone[a:b] = b"\x01" * (b - a)
    keep = [i for i in range(len(text)) if not gone[i]]
    position = {old: new for new, old in enumerate(keep)}
    mapping = [doc.to_source(i) for i in keep] + [doc.to_source(len(text))]

    def moved(at: int) -> int:
        while at < len(text) and at not in position:
            at += 1
        return position.get(at, len(keep))

    marks = [(moved(a), moved(b), kind) for a, b, kind in doc.marks]
    return Document(doc.path, doc.source, "".join(text[i] for i in keep), format=doc.format, mapping=mapping,
                    directives=doc.directives, locator=doc.locator, marks=marks)

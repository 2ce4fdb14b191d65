"""Strategies and invariants shared by the property tests and the long fuzzing run.

The strategies build hostile input for every format: arbitrary Unicode (lone surrogates,
NUL and control characters, combining marks, right-to-left text), line endings of every
kind, markup fragments of the format, and the phrases termlint flags, so that findings do
occur. `check_document` states what must hold for any input: reading and matching never
raise, every position points inside the source, the source text at a finding's offsets is
its `match`, lines and columns agree with the offsets, and fixes apply cleanly.
"""
from __future__ import annotations

import functools
import io
from collections.abc import Callable
from typing import Any

from hypothesis import strategies as st

from termlint import adapters, fixer, rules
from termlint.document import Document
from termlint.errors import TermlintError
from termlint.findings import Finding
from termlint.matcher import Matcher, Options

PHRASES = [
    "illegal immigrants", "Illegal aliens", "an illegal immigrant", "ILLEGAL MIGRANTS", "illegal\nimmigrants",
    "illegal\r\nimmigrant workers", "the illegals", "a flood of migrants", "illegal border crossings",
    "“illegal immigrants”", "the word “illegal”", "No One Is Illegal", "illegal immigrant’s",
    "des clandestins", "les migrants illégaux", "inmigrantes ilegales", "illegale Einwanderer",
    "Flüchtlingsflut", "clandestini", "imigrantes ilegais", "нелегальные мигранты", "非法移民",
    "المهاجرين غير الشرعيين", "asylum seekers", "border",
]
NOISE = [
    "\x00", "\ufeff", "\u200b", "\u202e", "\u0301", "\ud800", "\udfff", "\U0001f600", "İ", "ß", "ﬁ",
    "\r", "\n", "\r\n", "\t", "\u2028", "\x0c", " ", "  ", ".", ",", "’", "'", '"', "«", "»", "…",
]
MARKUP = {
    "markdown": ["*", "**", "_", "`", "```\n", "> ", "# ", "- ", "1. ", "[", "](http://x/)", "![", "|",
                 "---\n",
                 "<!-- termlint-disable -->", "<!-- termlint-disable-next-line illegal-migrant -->", "&amp;",
                 "&#xD800;", "\\*", "<b>", "</b>", "    ", "~~", "[^1]", "\n[^1]: ", "<", ">", "&"],
    "html": ["<p>", "</p>", "<b>", "</b>", "<i>", "<script>", "</script>", "<style>", "<!--", "-->", "&nbsp;",
             "&amp;", "&#xD800;", "&#0;", "&lol;", "<br>", "<img alt='", "'>", "<a title=\"", "\">", "</a>",
             "<pre>", "</pre>", "<code>", "<![CDATA[", "]]>", "<!DOCTYPE x [<!ENTITY lol 'illegal'>]>",
             "<", ">",
             "<div hidden>", "</div>", "<td>", "<table>", "&", "&#", "<?xml ?>"],
    "rst": ["*", "**", "``", "`", "`_", ":ref:`", ".. note::\n\n   ", ".. code-block::\n\n   ", "::\n\n  ",
            "\n====\n", "\n----\n", ".. |x| replace:: ", "|x|", "[#]_", ".. [#] ", "- ", "* ", "#. ",
            ".. termlint: disable", ".. include:: /etc/passwd\n", "\\", "   ", "\n\n", ".. ", "_", ":"],
    "text": ["termlint-disable", "termlint-enable", "termlint-disable-next-line", "# ", "> ", "    "],
}
SUFFIX = {"text": ".txt", "markdown": ".md", "html": ".html", "rst": ".rst"}


@functools.cache
def matcher(lang: str | None = None) -> Matcher:
    """The bundled rules that are on by default (each language's, or detection per paragraph)."""
    bundled = rules.load(rules.bundled_files())
    return Matcher(bundled.replace_rules(r for r in bundled.rules if r.enabled), Options(language=lang))


def _piece(fmt: str, surrogates: bool) -> st.SearchStrategy[str]:
    chars = st.characters(blacklist_categories=() if surrogates else ("Cs",))
    return st.one_of(
        st.sampled_from(PHRASES),
        st.sampled_from(PHRASES),
        st.sampled_from(MARKUP.get(fmt, [])),
        st.sampled_from([n for n in NOISE if surrogates or not ("\ud800" <= n <= "\udfff")]),
        st.text(chars, max_size=12),
        st.text(st.sampled_from("abcdefghij lmnopqrst.,"), min_size=1, max_size=30),
    )


def source_text(fmt: str = "text", *, surrogates: bool = False,
                max_pieces: int = 40) -> st.SearchStrategy[str]:
    """Text in a format: markup, phrases that are flagged, noise and arbitrary characters.

    A decoded file never holds a lone surrogate (decoding is strict), so only the matcher's
    own strategy asks for them."""
    return st.lists(_piece(fmt, surrogates), max_size=max_pieces).map("".join)


XML_SAFE = st.characters(blacklist_categories=("Cs", "Cc"), blacklist_characters="\ufffe\uffff")


@st.composite
def docx_paragraphs(draw: Callable[..., Any]) -> list[list[tuple[str, bool]]]:
    """Paragraphs of runs (text, bold) for a real Word file: phrases split across runs."""
    paragraphs = []
    for _ in range(draw(st.integers(1, 5))):
        one_line = [p.replace("\r", "").replace("\n", " ") for p in PHRASES]
        text = draw(st.lists(st.one_of(st.sampled_from(one_line), st.text(XML_SAFE, max_size=15)),
                             max_size=6).map(" ".join))
        cuts = sorted(draw(st.lists(st.integers(0, len(text)), max_size=3)))
        runs, at = [], 0
        for cut in [*cuts, len(text)]:
            runs.append((text[at:cut], draw(st.booleans())))
            at = cut
        paragraphs.append(runs)
    return paragraphs


def build_docx(paragraphs: list[list[tuple[str, bool]]]) -> bytes:
    import docx

    document = docx.Document()
    for runs in paragraphs:
        p = document.add_paragraph()
        for text, bold in runs:
            p.add_run(text).bold = bold
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


CP1252_SAFE = st.characters(min_codepoint=0x20, max_codepoint=0xFF, blacklist_characters="\x7f",
                            blacklist_categories=("Cc",))


@st.composite
def pdf_pages(draw: Callable[..., Any]) -> list[list[str]]:
    """Pages of lines that Helvetica (WinAnsi) can set: phrases and Latin-1 text."""
    ascii_phrases = [p for p in PHRASES if p.isascii() and "\n" not in p and "\r" not in p]
    line = st.lists(st.one_of(st.sampled_from(ascii_phrases), st.text(CP1252_SAFE, max_size=20)),
                    max_size=4).map(" ".join)
    return draw(st.lists(st.lists(line, min_size=1, max_size=6), min_size=1, max_size=3))


def read(fmt_name: str, path: str, payload: str | bytes) -> Document | None:
    """The document an adapter makes of the payload; None when the adapter refuses it with
    a clear error (the only way an adapter may fail)."""
    fmt = adapters.FORMATS[fmt_name]
    try:
        return adapters.read(fmt, path, payload)
    except TermlintError as exc:  # includes NothingToCheck
        message = str(exc)
        assert message and "\n" not in message.strip(), f"a refusal must be one line: {message!r}"
        return None


def check_document(doc: Document, m: Matcher | None = None) -> list[Finding]:
    """Match `doc` and assert every invariant of its document and findings."""
    source, text = doc.source, doc.text
    for i in (0, len(text) // 2, len(text)):
        assert 0 <= doc.to_source(i) <= len(source), "a text position maps outside the source"
    found = (m or matcher()).check(doc)
    previous = None
    for f in found:
        assert 0 <= f.offset <= f.end_offset <= len(source), f"finding outside the source: {f}"
        assert source[f.offset : f.end_offset] == f.match, f"offsets do not hold the match: {f}"
        assert f.match, f"an empty match: {f}"
        line, column = doc.locator.position(f.offset)
        assert (f.line, f.column) == (line, column), f"line/column disagree with the offset: {f}"
        assert (f.end_line, f.end_column) == doc.locator.position(f.end_offset)
        assert f.context[f.context_start :].startswith(f.match.split("\n")[0].split("\r")[0][:50]) or (
            not f.context), f"the context does not show the match: {f}"
        assert previous is None or previous.sort_key <= f.sort_key, "findings out of order"
        previous = f
        if f.fix is not None:
            for edit in f.fix.edits:
                assert 0 <= edit.start <= edit.end <= len(source), f"a fix edits outside the source: {f}"
    if doc.format in ("text", "markdown", "html", "rst"):
        fixes = [f.fix for f in found if f.fix is not None]
        fixed, _ = fixer.apply(source, fixes, unsafe=True)
        assert isinstance(fixed, str)
    return found

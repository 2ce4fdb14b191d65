"""HTML: the text a reader sees, mapped back to line and column in the HTML source.

The standard library's `html.parser` gives the tags, text and comments with their
positions. What is checked:

- text content, except inside `script`, `style`, `template`, `noscript`, `iframe`,
  `textarea`, `svg`, `math`, the code elements `code`, `pre`, `kbd`, `samp`, `tt`, `var`,
  and elements marked `hidden` or `style="display: none"`;
- the `title` of the page, and the attributes a reader sees or hears: `alt`, `title`,
  `aria-label` and `placeholder` (each as a paragraph of its own, after its block), and
  the `content` of the `<meta>` tags that search results and link previews show (the
  page's description, its Open Graph and Twitter title and description);
- character references are decoded (`illegal&nbsp;immigrants` is found) and every decoded
  character maps back to its reference, so positions stay those of the source.

Block elements (paragraphs, headings, list items, table cells…) end a paragraph; inline
elements (`b`, `em`, `a`, `span`) do not, so a term split by markup is still found, as it
is in the rendered page. A run of white space holding a blank line counts as one line
break (a browser shows a space). Suppression comments are HTML comments
(`<!-- termlint-disable-next-line RULE -->`).
"""
from __future__ import annotations

import html
from html.parser import HTMLParser

from termlint import rx
from termlint.adapters import directives_of
from termlint.directives import aim_at_prose
from termlint.document import Document

SKIPPED = frozenset({
    "script", "style", "template", "noscript", "iframe", "textarea", "svg", "math",
    "code", "pre", "kbd", "samp", "tt", "var",
})
_NOTE_MARK = rx.lazy(r"[\s\d\[\]()*†‡§¶,.a-z-]{1,8}")  # what a footnote reference in <sup> shows
# Quotations the markup marks as such: their words are a quoted speaker's.
QUOTES = frozenset({"q", "blockquote"})
BLOCKS = frozenset({
    "address", "article", "aside", "blockquote", "body", "caption", "dd", "details", "dialog",
    "div", "dl", "dt", "fieldset", "figcaption", "figure", "footer", "form", "h1", "h2", "h3",
    "h4", "h5", "h6", "head", "header", "hgroup", "hr", "html", "legend", "li", "main", "nav",
    "ol", "optgroup", "option", "p", "section", "select", "summary", "table", "tbody", "td",
    "tfoot", "th", "thead", "title", "tr", "ul", "button", "label", "menu",
})
ATTRIBUTES = ("alt", "title", "aria-label", "placeholder")
# <meta name|property=… content="…">: the ones shown as text in search results and previews.
SHOWN_META = frozenset({
    "description", "og:title", "og:description", "twitter:title", "twitter:description",
})
VOID = frozenset({
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param",
    "source", "track", "wbr",
})
PARAGRAPH = "\n\n"
_CHARREF = rx.lazy(r"&(#[0-9]+;?|#[xX][0-9a-fA-F]+;?|[^\t\n\f <&#;]{1,32};?)")
_ATTRIBUTE = rx.lazy(
    r"""([^\s"'>/=]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+)))?""")
_HIDDEN_STYLE = rx.lazy(r"display\s*:\s*none|visibility\s*:\s*hidden", rx.IGNORECASE)
# (a CR LF is one line break, never the two of a blank line)
_BLANK_LINE = rx.lazy(r"[ \t\f]*(?:\r\n|\r(?!\n)|\n)[ \t\f]*(?:\r\n|\r(?!\n)|\n)\s*")


def read(path: str, payload: str | bytes) -> Document:
    assert isinstance(payload, str)
    parser = _read(payload)
    text, mapping = "".join(parser.pieces), parser.offsets
    found = directives_of(payload, comments=True)
    if found:  # a marker counts in a comment, not in a script or a textarea that shows one
        real = comment_offsets(payload)
        found = aim_at_prose(tuple(d for d in found if d.offset in real), payload, text, mapping)
    return Document(path, payload, text, format="html", mapping=mapping, directives=found, marks=parser.marks)


def comment_offsets(source: str) -> set[int]:
    """Where the comments of an HTML source start (not a `<!--` in a script or a style)."""
    finder = _Comments(source)
    finder.feed(source)
    finder.close()
    return finder.starts


def prose(source: str) -> tuple[str, list[int]]:
    """The visible text of an HTML source and, for each of its characters, a source offset."""
    parser = _read(source)
    return "".join(parser.pieces), parser.offsets


def _read(source: str) -> _Reader:
    parser = _Reader(source)
    parser.feed(source)
    parser.close()
    parser.finish()
    parser.offsets.append(len(source))
    return parser


def unescape(raw: str, base: int) -> tuple[str, list[int]]:
    """Decode character references; each decoded character maps to where its reference starts."""
    if "&" not in raw:
        return raw, list(range(base, base + len(raw)))
    out: list[str] = []
    offsets: list[int] = []
    cursor = 0
    for m in _CHARREF.finditer(raw):
        out.append(raw[cursor : m.start()])
        offsets.extend(range(base + cursor, base + m.start()))
        decoded = html.unescape(m.group())
        if decoded == m.group():
            offsets.extend(range(base + m.start(), base + m.end()))
        else:
            offsets.extend([base + m.start()] * len(decoded))
        out.append(decoded)
        cursor = m.end()
    out.append(raw[cursor:])
    offsets.extend(range(base + cursor, base + len(raw)))
    return "".join(out), offsets


class _Reader(HTMLParser):
    """Collects visible text with source offsets while the standard parser walks the HTML."""

    def __init__(self, source: str) -> None:
        super().__init__(convert_charrefs=True)
        self.source = source
        self._lf_starts = [0] + [m.end() for m in rx.finditer(r"\n", source)]
        self.pieces: list[str] = []
        self.offsets: list[int] = []
        self._skip: list[list[object]] = []  # [tag, depth] of elements whose content is not prose
        self._pending: int | None = None  # start of a run of text not yet taken
        self._attributes: list[tuple[str, list[int]]] = []  # waiting for the end of their block
        self._quotes: list[tuple[str, int]] = []  # open <q> and <blockquote>: (tag, text offset)
        self._sup = 0  # open <sup> elements
        self._after_br = False  # the last text laid out is a <br>
        self.marks: list[tuple[int, int, str]] = []  # their text spans: quoted speakers' words
        self._ends_with_break = True

    # positions

    def _offset(self) -> int:
        line, column = self.getpos()
        return self._lf_starts[line - 1] + column

    def _take_text(self, end: int) -> None:
        """Add the text from the pending start up to `end` (the next event)."""
        start, self._pending = self._pending, None
        if start is None or end <= start or self._skip:
            return
        text, offsets = unescape(self.source[start:end], start)
        if self._ends_with_break and not text.strip():
            return
        if self._sup and _NOTE_MARK.fullmatch(text):
            return  # a footnote mark ("immigrants<sup>1</sup>") does not continue the word
        if self._after_br:
            # White space after a <br> starts the next line: a browser shows none of it (a
            # line break in the source there is no blank line).
            kept = text.lstrip()
            offsets = offsets[len(text) - len(kept):]
            text = kept
        # White space with a blank line inside is one line break, as a browser shows one space.
        cursor = 0
        for m in _BLANK_LINE.finditer(text):
            self._emit(text[cursor : m.start()], offsets[cursor : m.start()])
            self._emit("\n", [offsets[m.start()]])
            cursor = m.end()
        self._emit(text[cursor:], offsets[cursor:])

    def _emit(self, text: str, offsets: list[int]) -> None:
        if not text:
            return
        self.pieces.append(text)
        self.offsets.extend(offsets)
        self._ends_with_break = False
        self._after_br = False

    def _break(self, at: int) -> None:
        if not self._ends_with_break:
            self.pieces.append(PARAGRAPH)
            self.offsets.extend([at] * len(PARAGRAPH))
            self._ends_with_break = True
        for text, offsets in self._attributes:
            self._emit(text, offsets)
            self.pieces.append(PARAGRAPH)
            self.offsets.extend([offsets[0]] * len(PARAGRAPH))
            self._ends_with_break = True
        self._attributes.clear()

    # events

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        at = self._offset()
        self._take_text(at)
        self._open(tag, attrs, at)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        at = self._offset()
        self._take_text(at)
        self._open(tag, attrs, at, void=True)

    def _open(self, tag: str, attrs: list[tuple[str, str | None]], at: int, void: bool = False) -> None:
        void = void or tag in VOID
        if self._skip:
            top = self._skip[-1]
            if top[0] == tag and not void:
                top[1] = int(top[1]) + 1  # type: ignore[call-overload]
            elif tag in SKIPPED and not void:
                self._skip.append([tag, 1])
            return
        if tag in BLOCKS:
            self._break(at)
        elif tag == "br":
            self._emit("\n", [at])
            self._after_br = True
        if tag in QUOTES and not void:
            self._quotes.append((tag, len(self.offsets)))
        if tag == "sup" and not void:
            self._sup += 1
        names = dict(attrs)
        shown_meta = tag == "meta" and (names.get("name") or names.get("property") or "").lower() in SHOWN_META
        self._take_attributes(at, ("content",) if shown_meta else ())
        hidden = "hidden" in names or _HIDDEN_STYLE.search(names.get("style") or "") is not None
        if (tag in SKIPPED or hidden) and not void:
            self._skip.append([tag, 1])

    def _take_attributes(self, at: int, also: tuple[str, ...] = ()) -> None:
        raw = self.get_starttag_text() or ""
        name_end = rx.match(r"<[^\s/>]*", raw)
        start = name_end.end() if name_end else 0
        for m in _ATTRIBUTE.finditer(raw, start):
            name = m.group(1).lower()
            if name not in ATTRIBUTES and name not in also:
                continue
            for group in (2, 3, 4):
                if m.group(group) is not None and m.group(group).strip():
                    text, offsets = unescape(m.group(group), at + m.start(group))
                    self._attributes.append((text, offsets))

    def handle_endtag(self, tag: str) -> None:
        at = self._offset()
        self._take_text(at)
        if self._skip:
            # Close the innermost skipped element of this name (and any left open inside it).
            for i in range(len(self._skip) - 1, -1, -1):
                if self._skip[i][0] == tag:
                    self._skip[i][1] = int(self._skip[i][1]) - 1  # type: ignore[call-overload]
                    if self._skip[i][1] == 0:
                        del self._skip[i:]
                    break
            return
        if tag == "sup" and self._sup:
            self._sup -= 1
        for i in range(len(self._quotes) - 1, -1, -1):
            if self._quotes[i][0] == tag:
                self.marks.append((self._quotes[i][1], len(self.offsets), "blockquote"))
                del self._quotes[i:]
                break
        if tag in BLOCKS:
            self._break(at)

    def handle_data(self, data: str) -> None:
        if data.startswith("<!--") and not self._skip:
            # A comment never closed runs to the end of the file: a browser shows none of it.
            self._take_text(self._offset())
            self._skip.append(["<!--", 1])
            return
        if self._pending is None:
            self._pending = self._offset()

    def handle_comment(self, data: str) -> None:
        self._take_text(self._offset())

    def handle_decl(self, decl: str) -> None:
        self._take_text(self._offset())

    def handle_pi(self, data: str) -> None:
        self._take_text(self._offset())

    def unknown_decl(self, data: str) -> None:
        self._take_text(self._offset())

    def finish(self) -> None:
        self._take_text(len(self.source))
        self.marks.extend((start, len(self.offsets), "blockquote") for _, start in self._quotes)
        self._quotes.clear()
        self._break(len(self.source))


def keeps_structure(old: str, new: str) -> bool:
    """Whether fixes that turned `old` into `new` left its markup as it was: the same tags
    with the same attribute names, in the same order (a quotation mark brought into an
    attribute value, or a "<" into the text, would change them)."""
    return _shape(old) == _shape(new)


def _shape(source: str) -> list[tuple[str, ...]]:
    shape = _Shape()
    shape.feed(source)
    shape.close()
    return shape.tags


class _Comments(HTMLParser):
    def __init__(self, source: str) -> None:
        super().__init__(convert_charrefs=True)
        self._lf_starts = [0] + [m.end() for m in rx.finditer(r"\n", source)]
        self.starts: set[int] = set()

    def handle_comment(self, data: str) -> None:
        line, column = self.getpos()
        self.starts.add(self._lf_starts[line - 1] + column)


class _Shape(HTMLParser):
    """The tags of a source, each with its attribute names."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, ...]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, *(name for name, _ in attrs)))

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag + "/", *(name for name, _ in attrs)))

    def handle_endtag(self, tag: str) -> None:
        self.tags.append(("/" + tag,))

    def handle_comment(self, data: str) -> None:
        self.tags.append(("!--",))

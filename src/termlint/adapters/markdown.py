"""Markdown: prose only, at the same offsets as in the source.

markdown-it-py gives the block structure (which lines are code, HTML, tables, prose)
and, inside each block of prose, the text of every inline node. The prose view keeps
the source's length: prose characters stay where they are, markup becomes a space when
a term may run across it (emphasis, brackets, heading and quote markers) and a hard
boundary when it may not (code, link targets, HTML, front matter). So every offset in
the prose view is also an offset in the source, and a fix edits the source directly.

Of the front matter, only the values readers see as text are prose: a top-level
`title`, `subtitle`, `description`, `summary`, `excerpt`, `abstract`, `caption` or
`headline` written on one line, plain or quoted without escapes (YAML between `---`
lines, TOML between `+++` lines). Each is a paragraph of its own; its quotation marks
are YAML's or TOML's, not the writer's.
"""
from __future__ import annotations

from termlint import rx
from termlint.adapters import directives_of, paragraph_around
from termlint.document import HARD, SOFT, Document
from termlint.errors import TermlintError
from termlint.findings import Edit, Fix

TYPE_CHECKING = False  # typing.TYPE_CHECKING, without importing typing at run time
if TYPE_CHECKING:
    from typing import Any

# Nesting (quotes in lists in quotes…) deeper than 20 levels, commonmark's default, would
# leave the text inside unread; 100 is still far from Python's recursion limit. Deeper
# than that, markdown-it stops reading, so such a file is refused rather than half checked.
_MAX_NESTING = 100
_PARSERS: list[Any] = []
# Text in which markdown-it could find nothing but paragraphs: none of the characters of
# inline markup, entities, escapes, HTML or tables; no line that could open a heading, a
# list, a quotation, a rule, code or front matter; only spaces and LF as white space.
# Its prose view is worked out without the parser (and without importing it).
_MARKUP = rx.lazy(r"[\\`*_\[\]<>&|~#\x00]|^ {0,3}(?:[-+=]|\d{1,9}[.)])|^ {4}|[^\S \n]", rx.MULTILINE)


def _parser() -> Any:
    if not _PARSERS:
        from markdown_it import MarkdownIt

        parser = MarkdownIt("commonmark", {"maxNesting": _MAX_NESTING}).enable("table").enable("strikethrough")
        # Keep entities and backslash escapes as tokens of their own: joined into the text around
        # them, that text is no longer found in the source, and the whole paragraph went unchecked.
        parser.disable("text_join")
        _PARSERS.append(parser)
    return _PARSERS[0]
_FRONT_MATTER = rx.lazy(
    r"\A(?:---|\+\+\+)[ \t]*\r?\n.*?^(?:---|\+\+\+|\.\.\.)[ \t]*\r?$", rx.DOTALL | rx.MULTILINE
)
# A front-matter field shown as text, on one line: "key: value" (YAML) or "key = value"
# (TOML). A plain value may not start with a YAML indicator, holds no ": " and ends
# before " #" (YAML would read those otherwise); a quoted one holds no escape (a
# backslash, or '' in single quotes), so what lies between the quotes is the text itself.
_SHOWN_FIELD = rx.lazy(
    r"^(?P<key>title|subtitle|description|summary|excerpt|abstract|caption|headline)[ \t]*[:=][ \t]*"
    r"(?:\"(?P<dq>[^\"\\\r\n]+)\"|'(?P<sq>[^'\r\n]+)'"
    r"|(?P<plain>[^\s\"'>|&*!%@`#\[\]{},?:=-](?:[^\r\n#:]|(?<=\S)#|:(?=\S))*?))"
    r"[ \t]*(?:[ \t]#[^\r\n]*)?\r?$",
    rx.MULTILINE,
)


def read(path: str, payload: str | bytes) -> Document:
    assert isinstance(payload, str)
    source = payload
    found = directives_of(source, comments=True)
    if found:  # a marker counts in an HTML comment, not in code that shows one
        real = comment_offsets(source)
        found = tuple(d for d in found if d.offset in real)
    return Document(path, source, prose(source), format="markdown", directives=found)


def comment_offsets(source: str) -> set[int]:
    """Where the HTML comments of a Markdown source start: in HTML blocks (not in their
    scripts) and inline, never in code blocks, code spans or front matter."""
    from termlint.adapters import html

    line_starts = _line_starts(source)
    fm = _FRONT_MATTER.match(source)
    start_line = source.count("\n", 0, fm.end()) + 1 if fm else 0
    out: set[int] = set()
    for token in _parser().parse(source):
        if token.map is None or token.map[0] < start_line:
            continue
        lo = line_starts[token.map[0]]
        hi = line_starts[token.map[1]] if token.map[1] < len(line_starts) else len(source)
        if token.type == "html_block":
            out.update(lo + k for k in html.comment_offsets(source[lo:hi]))
        elif token.type == "inline":
            cursor = lo
            for child in token.children or ():
                if child.type == "html_inline" and child.content.startswith("<!--"):
                    at = source.find(child.content, cursor, hi)
                    if at >= 0:
                        out.add(at)
                if child.type == "text" and child.content:
                    at = source.find(child.content, cursor, hi)
                    cursor = at + len(child.content) if at >= 0 else cursor
                else:
                    cursor = _past(source, child, cursor, hi)
    return out


def prose(source: str) -> str:
    """The prose view of a Markdown source (same length, markup masked)."""
    if _MARKUP.search(source) is None:
        return _paragraphs_only(source)
    return _parsed(source)


def _paragraphs_only(source: str) -> str:
    """The prose view of a source that is paragraphs of plain text (see _MARKUP), as the
    parser would give it: the lines of each paragraph as they are, except the spaces
    after its last line; spaces outside paragraphs (blank lines) are hard boundaries."""
    lines = source.split("\n")
    out: list[str] = []
    for i, line in enumerate(lines):
        kept = line.rstrip(" ")
        if not kept:
            out.append(HARD * len(line))
            continue
        last = i + 1 == len(lines) or not lines[i + 1].strip(" ")
        out.append(kept + HARD * (len(line) - len(kept)) if last else line)
    return "\n".join(out)


def _parsed(source: str) -> str:
    line_starts = _line_starts(source)
    start_line = 0
    fm = _FRONT_MATTER.match(source)
    if fm:
        start_line = source.count("\n", 0, fm.end()) + 1
    pieces: list[str] = []
    cursor = 0
    tokens = _parser().parse(source)
    if any(t.level >= _MAX_NESTING - 1 for t in tokens):
        raise TermlintError(f"nested more than {_MAX_NESTING} levels deep (quotations, lists); not checked")
    for token in tokens:
        if token.type != "inline" or token.map is None or token.map[0] < start_line:
            continue
        first, last = token.map
        lo = max(line_starts[first], cursor)
        hi = line_starts[last] if last < len(line_starts) else len(source)
        if hi <= lo:
            continue
        pieces.append(_hard(source[cursor:lo]))
        text, cursor = _inline(source, token, lo, hi)
        pieces.append(text)
    pieces.append(_hard(source[cursor:]))
    text = "".join(pieces)
    if fm:
        text = _shown_fields(source, text, fm.end())
    assert len(text) == len(source)
    return text


def complete_fix(source: str, fix: Fix) -> Fix:
    """`fix`, and when it edits the text of a collapsed (`[text][]`) or shortcut (`[text]`)
    reference link, whose text is also its label, the edit that keeps the label: the link
    becomes a full reference, `[new text][text]`, still pointing at its definition."""
    if "]:" not in source:  # no link reference definition: nothing to keep (and no pattern to load)
        return fix
    extra: list[Edit] = []
    seen: set[int] = set()
    labels = _definitions(source)
    for e in fix.edits:
        link = _reference_text(source, e.start, e.end, labels)
        if link is None or link[0] in seen:
            continue
        seen.add(link[0])
        opening, closing = link
        label = " ".join(source[opening + 1 : closing].split())
        if source.startswith("[]", closing + 1):
            extra.append(Edit(closing + 1, closing + 3, f"[{label}]"))
        else:
            extra.append(Edit(closing + 1, closing + 1, f"[{label}]"))
    return fix if not extra else fix._replace(edits=tuple(sorted((*fix.edits, *extra))))


# Link text in brackets, which may run over lines of one paragraph (never a blank line).
_LINE_LINK = rx.lazy(r"(?<!\\)\[((?:[^\[\]\n]|\n(?![ \t]*\n))+)\](?:\[\])?(?![(\[:])")


def _reference_text(source: str, start: int, end: int, labels: set[str]) -> tuple[int, int] | None:
    """The brackets (opening, closing) around source[start:end] when they hold the text of
    a collapsed or shortcut reference link that one of the definitions' `labels` names."""
    for m in _LINE_LINK.finditer(source, *paragraph_around(source, start, end)):
        if m.start(1) <= start and end <= m.end(1):
            label = " ".join(m.group(1).split()).casefold()
            if label in labels:
                return m.start(), m.end(1)
    return None


_DEFINITION = rx.lazy(r"^ {0,3}\[([^\[\]\n]+)\]:", rx.MULTILINE)


def _definitions(source: str) -> set[str]:
    """The labels of the link reference definitions, normalised as CommonMark matches them."""
    return {" ".join(m.group(1).split()).casefold() for m in _DEFINITION.finditer(source)}


def keeps_structure(old: str, new: str) -> bool:
    """Whether fixes that turned `old` into `new` left its front matter as it was, and every
    in-page link ("[below](#illegal-immigrants-in-the-city)") that found its heading still
    finds one (renaming the heading would leave the link pointing nowhere)."""
    return _front_matter_kept(old, new) and _anchors_kept(old, new)


# An ATX heading's text, and the target of an in-page link.
_HEADING = rx.lazy(r"^ {0,3}#{1,6}[ \t]+(.*?)[ \t]*#*[ \t]*$", rx.MULTILINE)
_IN_PAGE = rx.lazy(r"\]\(\s*<?#([^)\s>]+)>?|\bhref\s*=\s*[\"']#([^\"']+)[\"']|^\[[^\]]+\]:\s*<?#(\S+?)>?\s*$",
                   rx.MULTILINE)
_NOT_SLUG = rx.lazy(r"[^\w\- ]")


def _slug(title: str) -> str:
    """The anchor most Markdown renderers (GitHub, GitLab, mkdocs) give a heading."""
    return _NOT_SLUG.sub("", title.strip().lower()).replace(" ", "-")


def _anchors_kept(old: str, new: str) -> bool:
    if "#" not in old:
        return True
    targets = {next(g for g in m.groups() if g) for m in _IN_PAGE.finditer(old)}
    if not targets:
        return True
    before = {_slug(m.group(1)) for m in _HEADING.finditer(old)}
    after = {_slug(m.group(1)) for m in _HEADING.finditer(new)}
    return all(t in after for t in targets if t in before)


def words_keep_structure(source: str) -> bool:
    """Words for words never break Markdown, unless a link points to a heading by its
    anchor (the heading's words make it)."""
    return "#" not in source or _IN_PAGE.search(source) is None


def _front_matter_kept(old: str, new: str) -> bool:
    """The same front-matter lines and text fields, each of which YAML (or TOML) still reads
    as the text termlint read in it. Fixes only edit the text of fields, so a replacement
    with a quotation mark, ": " or " #" in it is what could break a field or cut it short."""
    a, b = _FRONT_MATTER.match(old), _FRONT_MATTER.match(new)
    if a is None or b is None:
        return a is None and b is None
    before, after = old[: a.end()], new[: b.end()]
    if before.count("\n") != after.count("\n") or _fields(before) != _fields(after):
        return False
    was, now = _misread(before), _misread(after)
    if now is None:
        return was is None
    return was is None or now <= was


def _fields(front: str) -> list[tuple[str, str, str]]:
    """Each text field's key, how its value is written (dq, sq or plain) and its line
    without the value (the key, the quotes, a comment after it)."""
    out = []
    for m in _SHOWN_FIELD.finditer(front):
        written = _written(m)
        line, (a, b) = m.group(0), m.span(written)
        out.append((m.group("key"), written, line[: a - m.start()] + line[b - m.start():]))
    return out


def _written(m: rx.Match[str]) -> str:
    return next(g for g in ("dq", "sq", "plain") if m.group(g) is not None)


def _misread(front: str) -> set[str] | None:
    """The text fields whose value, as YAML (or TOML) reads it, is not the text termlint
    reads in them; None when the front matter (with its delimiter lines) does not parse."""
    body = front.split("\n", 1)[1] if "\n" in front else ""
    body = body[: body.rfind("\n") + 1] if "\n" in body else ""
    try:
        if front.startswith("+++"):
            import tomllib

            data: Any = tomllib.loads(body)
        else:
            import yaml

            data = yaml.safe_load(body)
    except Exception:  # noqa: BLE001 - any parse error: it does not read
        return None
    values = data if isinstance(data, dict) else {}
    return {m.group("key") for m in _SHOWN_FIELD.finditer(front) if values.get(m.group("key")) != m.group(_written(m))}


def _shown_fields(source: str, text: str, end: int) -> str:
    """The prose view with the front matter's text fields (see _SHOWN_FIELD) revealed."""
    for m in _SHOWN_FIELD.finditer(source, 0, end):
        a, b = m.span(_written(m))
        text = text[:a] + source[a:b] + text[b:]
    return text


_NOT_BREAK = rx.lazy(r"[^\r\n]")
_SOFTENED = rx.lazy(r"[*_~\[\]!>#\\]")


def _hard(segment: str) -> str:
    return _NOT_BREAK.sub(HARD, segment)


def _inline(source: str, token: object, lo: int, hi: int) -> tuple[str, int]:
    """Reveal the text children of an inline token; soften harmless markup between them.

    Each text child is looked for in the source from where the previous child ended, so
    the search first steps over what lies between that is not prose (inline HTML, code,
    an image, a link's target and title, struck-out text): words that also stand in an `href`, a code span
    or an image title before them are never taken for them. An autolink's text is its
    address, not prose.

    Returns the prose view from `lo` to the end of the last text child, and that end
    (table cells share a line, so the next cell starts searching from there)."""
    children = getattr(token, "children", None) or []
    cursor = lo
    pieces: list[str] = []
    in_autolink = False
    struck = False  # GFM strikethrough: deleted words, not prose (as Word's tracked deletions)
    for child in children:
        kind = child.type
        if kind == "image":
            cursor = _image(source, child, cursor, hi, pieces)
            continue
        if kind != "text":
            if kind in ("s_open", "s_close"):
                struck = kind == "s_open"
            if kind == "link_open" and child.markup == "autolink":
                in_autolink = True
            past = _past(source, child, cursor, hi)
            if kind == "link_close":
                in_autolink = False
            if past > cursor:
                pieces.append(_gap(source[cursor:past]))
                cursor = past
            continue
        if in_autolink or struck or not child.content:
            continue
        at = source.find(child.content, cursor, hi)
        if at < 0:
            continue  # an escape or entity changed the text; leave that bit masked
        pieces.append(_gap(source[cursor:at]))
        pieces.append(child.content)
        cursor = at + len(child.content)
    return "".join(pieces), cursor


def _image(source: str, image: Any, cursor: int, hi: int, pieces: list[str]) -> int:
    """Lay out an image: its alt text is prose (what a reader without the picture reads),
    set apart from the words around it; its target and title are not. Returns where the
    image ends in the source."""
    at = source.find("![", cursor, hi)
    if at < 0:
        return cursor
    close = _bracket_end(source, at + 1, hi)  # after the "]" of the alt text
    end = _target_end(source, close, hi)
    if close <= at + 1:
        return cursor
    pieces.append(_hard(source[cursor : at + 2]))
    inner = at + 2
    for text in image.children or ():
        if text.type != "text" or not text.content:
            continue
        found = source.find(text.content, inner, close - 1)
        if found < 0:
            continue
        pieces.append(_hard(source[inner:found]))
        pieces.append(text.content)
        inner = found + len(text.content)
    pieces.append(_hard(source[inner:end]))
    return end


def _past(source: str, child: Any, cursor: int, hi: int) -> int:
    """Where the source of an inline child that is not prose ends, from `cursor` (which
    lies before it); `cursor` itself when it cannot be told, or for markup that text on
    both sides may share (emphasis, a link's opening bracket, line breaks)."""
    kind = child.type
    if kind == "html_inline":
        at = source.find(child.content, cursor, hi)
        return at + len(child.content) if at >= 0 else cursor
    if kind == "code_inline":
        return _code_end(source, child.markup, cursor, hi)
    if kind == "link_open" and child.markup == "autolink":
        at = source.find("<", cursor, hi)
        end = source.find(">", at, hi) if at >= 0 else -1
        return end + 1 if end >= 0 else cursor
    if kind == "image":
        at = source.find("![", cursor, hi)
        return _target_end(source, _bracket_end(source, at + 1, hi), hi) if at >= 0 else cursor
    if kind == "link_close" and child.markup != "autolink":
        at = source.find("]", cursor, hi)
        return _target_end(source, at + 1, hi) if at >= 0 else cursor
    return cursor


def _code_end(source: str, ticks: str, cursor: int, hi: int) -> int:
    """The end of a code span opened by the backtick run `ticks` at or after `cursor`."""
    n = len(ticks)
    at = source.find(ticks, cursor, hi)
    if not ticks or at < 0:
        return cursor
    k = at + n
    while True:
        k = source.find(ticks, k, hi)
        if k < 0:
            return cursor
        end = k + n
        while end < hi and source[end] == "`":
            end += 1
        if end - k == n and source[k - 1] != "`":
            return end
        k = end


def _bracket_end(source: str, at: int, hi: int) -> int:
    """After the `]` that closes the `[` at `at` (nested brackets and escapes counted);
    `at` when it is not closed before `hi`."""
    if at < 0 or at >= hi or source[at] != "[":
        return max(at, 0)
    return _balanced_end(source, at, hi, "[", "]")


def _target_end(source: str, at: int, hi: int) -> int:
    """After a link's or image's target: `(destination "title")`, `[label]` or nothing."""
    if at >= hi:
        return at
    if source[at] == "[":
        return _bracket_end(source, at, hi)
    if source[at] != "(":
        return at
    return _balanced_end(source, at, hi, "(", ")", titles=True)


def _balanced_end(source: str, at: int, hi: int, opening: str, closing: str, *, titles: bool = False) -> int:
    """After the `closing` that balances the `opening` at `at`, escapes skipped (and, with
    `titles`, a quoted title inside); `at` when it is not closed before `hi`."""
    depth, quote, k = 0, "", at
    while k < hi:
        ch = source[k]
        if ch == "\\":
            k += 2
            continue
        if quote:
            if ch == quote:
                quote = ""
        elif titles and ch in "\"'" and depth == 1 and k > at + 1 and source[k - 1] in " \t\n":
            quote = ch  # a title
        elif ch == opening:
            depth += 1
        elif ch == closing:
            depth -= 1
            if depth == 0:
                return k + 1
        k += 1
    return at


def _gap(gap: str) -> str:
    """Markup between two pieces of prose: spaces and emphasis stay crossable."""
    if not gap:
        return gap
    if "`" in gap or "](" in gap or "<" in gap or "|" in gap:
        # Code, a link target, HTML or a table cell border: the text on either side is
        # not one phrase. Only line breaks and an opening bracket stay soft.
        return "".join(ch if ch in "\r\n" else (SOFT if ch == "[" else HARD) for ch in gap)
    soft = _SOFTENED.sub(SOFT, gap.replace("\t", SOFT))
    return "".join(ch if ch in " \r\n" else HARD for ch in soft)


def _line_starts(source: str) -> list[int]:
    starts = [0]
    for i, ch in enumerate(source):
        if ch == "\n":
            starts.append(i + 1)
        elif ch == "\r" and (i + 1 == len(source) or source[i + 1] != "\n"):
            starts.append(i + 1)
    return starts

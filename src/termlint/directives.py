"""Suppression comments, found in a source and turned into `Directive` values.

Markdown and HTML use comments:

    <!-- termlint-disable illegal-migrant -->   …   <!-- termlint-enable illegal-migrant -->
    <!-- termlint-disable-next-line illegal-migrant -- quoting the 1996 statute -->
    <!-- termlint-disable-line --> and <!-- termlint-disable-file -->

Plain text and reStructuredText use a marker anywhere on a line:

    The minister said "illegals". termlint: ignore illegals-noun -- direct quote
    termlint: ignore illegal-migrant -- alone on its line: covers the next line
    .. termlint: ignore illegal-migrant        (a reST comment: covers the next line)
    termlint: disable RULE / termlint: enable RULE / termlint: ignore-file

Rule ids (or categories) are separated by spaces or commas; without any, a directive
covers every rule. Text after `--` is the reason. A "next line" directive covers the next
line that has text: blank lines and lines holding only other directives are passed over,
so a reST comment followed by its blank line works, and directives can be stacked.

Every directive's `line` is the line it was written on, except for "next-line", whose
`line` is the line just before the one it covers. A text marker also yields a "marker"
directive: the marker's own words (rule ids, the reason) are not prose, so findings in
them are dropped (see suppress.py).
"""
from __future__ import annotations

import bisect

from termlint import rx
from termlint.document import Directive

_HTML = rx.lazy(
    r"<!--\s*termlint-(disable-next-line|disable-line|disable-file|disable|enable)(?![\w-])(.*?)-->",
    rx.DOTALL,
)
_TEXT = rx.lazy(
    # not right after a quotation mark or a backtick: a text that shows the syntax
    # ('write "termlint: ignore RULE" above a line') is not a marker
    r"(?:^[ \t]*\.\.[ \t]+)?(?<![\w\-\"'“‘«`])termlint:[ \t]*(ignore-file|ignore|disable|enable)(?![\w-])([^\r\n]*)",
    rx.MULTILINE,
)
_KINDS = {
    "disable-next-line": "next-line",
    "disable-line": "line",
    "disable-file": "file",
    "disable": "disable",
    "enable": "enable",
}
_REASON = rx.lazy(r"(?:^|(?<=\s))--(?=\s|$)")
_NOT_BREAK = rx.lazy(r"[^\r\n]")
_TAG = rx.lazy(r"<[/!?]?[A-Za-z][^<>]*>")  # an HTML tag (a line break inside it is kept)


def parse_rest(rest: str) -> tuple[tuple[str, ...], str]:
    """Rule ids and reason from what follows a directive: `a, b -- why` -> ((a, b), why)."""
    sep = _REASON.search(rest)
    head, reason = (rest[: sep.start()], rest[sep.end() :]) if sep else (rest, "")
    ids = tuple(dict.fromkeys(r for r in rx.split(r"[\s,]+", head.strip()) if r))
    return ids, " ".join(reason.split())


def _line_starts(source: str) -> list[int]:
    starts = [0]
    for m in rx.finditer(r"\r\n|\r|\n", source):
        starts.append(m.end())
    return starts


def _line_of(starts: list[int], offset: int) -> int:
    return bisect.bisect_right(starts, offset)


class _Lines:
    """Which lines have text once directive spans are blanked out."""

    def __init__(self, source: str, starts: list[int], spans: list[tuple[int, int]], *, tags: bool = False) -> None:
        chars = list(source)
        for start, end in spans:
            chars[start:end] = _NOT_BREAK.sub(" ", source[start:end])
        blanked = "".join(chars)
        if tags:  # in Markdown a line of HTML tags alone (`<p>`, `</div>`) holds no text (HTML
            # files aim their markers with the prose their reader found: aim_at_prose)
            blanked = _TAG.sub(lambda m: _NOT_BREAK.sub(" ", m.group()), blanked)
        self._starts = starts
        self._content = [
            bool(blanked[start : (starts[i + 1] if i + 1 < len(starts) else len(source))].strip())
            for i, start in enumerate(starts)
        ]

    def next_content(self, after: int) -> int:
        """The first line after line `after` that has text (or `after + 1` if none)."""
        for line in range(after + 1, len(self._content) + 1):
            if self._content[line - 1]:
                return line
        return after + 1


def scan_comments(source: str) -> tuple[Directive, ...]:
    """Directives written as HTML comments (Markdown, HTML)."""
    if "termlint-" not in source:
        return ()
    starts = _line_starts(source)
    matches = list(_HTML.finditer(source))
    if not matches:
        return ()
    lines = _Lines(source, starts, [m.span() for m in matches], tags=True)
    out = []
    for m in matches:
        ids, reason = parse_rest(m.group(2))
        kind = _KINDS[m.group(1)]
        line = _line_of(starts, m.start())
        if kind == "next-line":
            line = lines.next_content(_line_of(starts, m.end() - 1)) - 1
        out.append(Directive(kind, ids, line, m.start(), reason))
    return tuple(out)


def aim_at_prose(found: tuple[Directive, ...], source: str, prose: str,
                 prose_offsets: list[int]) -> tuple[Directive, ...]:
    """"next-line" markers aimed at the next line that holds checked text (`prose`, each of
    its characters at `prose_offsets` in the source), as the format's reader found it: in
    HTML a line of tags alone (`<p>`, a `<script>`) holds none, a line with an
    `<img alt="…">` does."""
    if not any(d.kind == "next-line" for d in found):
        return found
    starts = _line_starts(source)
    lines = sorted({_line_of(starts, o) for ch, o in zip(prose, prose_offsets, strict=False)
                    if not ch.isspace() and o < len(source)})
    out = []
    for d in found:
        if d.kind == "next-line":
            after = _line_of(starts, _comment_end(source, d.offset))
            k = bisect.bisect_right(lines, after)
            d = d._replace(line=(lines[k] if k < len(lines) else after + 1) - 1)
        out.append(d)
    return tuple(out)


def _comment_end(source: str, start: int) -> int:
    end = source.find("-->", start)
    return start if end < 0 else end


def scan_text(source: str) -> tuple[Directive, ...]:
    """Directives written as `termlint: ...` markers (plain text, reST)."""
    if "termlint:" not in source:
        return ()
    starts = _line_starts(source)
    matches = list(_TEXT.finditer(source))
    if not matches:
        return ()
    lines = _Lines(source, starts, [m.span() for m in matches])
    out = []
    for m in matches:
        ids, reason = parse_rest(m.group(2))
        line = _line_of(starts, m.start())
        # alone on its line: after nothing, the dots of a reST comment or a comment sign a
        # writer may type out of habit ("# termlint: ignore …", "// termlint: ignore …")
        alone = not source[starts[line - 1] : m.start()].strip(" \t.#/%;")
        verb = m.group(1)
        if verb == "ignore":
            kind = "next-line" if alone else "line"
        elif verb == "ignore-file":
            kind = "file"
        else:
            kind = verb
        target = lines.next_content(line) - 1 if kind == "next-line" else line
        out.append(Directive(kind, ids, target, m.start(), reason))
        out.append(Directive("marker", (), line, m.start(), ""))
    return tuple(out)

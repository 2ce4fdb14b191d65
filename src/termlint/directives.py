"""Suppression comments, found in a source and turned into `Directive` values.

Markdown and HTML use comments:

    <!-- termlint-disable illegal-migrant -->   …   <!-- termlint-enable illegal-migrant -->
    <!-- termlint-disable-next-line illegal-migrant -- quoting the 1996 statute -->
    <!-- termlint-disable-line --> and <!-- termlint-disable-file -->

Plain text and reStructuredText use a marker anywhere on a line:

    The minister said "illegals". termlint: ignore illegals-noun -- direct quote
    .. termlint: ignore illegal-migrant        (a reST comment: applies to the next line)
    termlint: disable RULE / termlint: enable RULE / termlint: ignore-file

Without rule ids a directive covers every rule. Text after " -- " is the reason.
"""
from __future__ import annotations

import bisect

import regex

from termlint.document import Directive

_HTML = regex.compile(
    r"<!--\s*termlint-(disable-next-line|disable-line|disable-file|disable|enable)\b(.*?)-->",
    regex.DOTALL,
)
_TEXT = regex.compile(r"(?:^[ \t]*\.\.[ \t]+)?termlint:[ \t]*(ignore-file|ignore|disable|enable)\b([^\r\n]*)",
                      regex.MULTILINE)
_KINDS = {
    "disable-next-line": "next-line",
    "disable-line": "line",
    "disable-file": "file",
    "disable": "disable",
    "enable": "enable",
}


def _rules_and_reason(rest: str) -> tuple[tuple[str, ...], str]:
    head, _, reason = rest.partition(" -- ")
    if not _ and head.strip().startswith("--"):
        head, reason = "", head.strip()[2:]
    ids = tuple(r for r in regex.split(r"[\s,]+", head.strip()) if r)
    return ids, reason.strip()


def _line_starts(source: str) -> list[int]:
    starts = [0]
    for m in regex.finditer(r"\r\n|\r|\n", source):
        starts.append(m.end())
    return starts


def scan_comments(source: str) -> tuple[Directive, ...]:
    """Directives written as HTML comments (Markdown, HTML)."""
    if "termlint-" not in source:
        return ()
    starts = _line_starts(source)
    out = []
    for m in _HTML.finditer(source):
        ids, reason = _rules_and_reason(m.group(2).strip())
        line = bisect.bisect_right(starts, m.start())
        end_line = bisect.bisect_right(starts, m.end() - 1)
        kind = _KINDS[m.group(1)]
        out.append(Directive(kind, ids, end_line if kind == "next-line" else line, m.start(), reason))
    return tuple(out)


def scan_text(source: str) -> tuple[Directive, ...]:
    """Directives written as `termlint: ...` markers (plain text, reST)."""
    if "termlint:" not in source:
        return ()
    starts = _line_starts(source)
    out = []
    for m in _TEXT.finditer(source):
        ids, reason = _rules_and_reason(m.group(2).strip())
        line = bisect.bisect_right(starts, m.start())
        line_start = starts[line - 1]
        alone = not source[line_start : m.start()].strip(" \t.")
        verb = m.group(1)
        if verb == "ignore":
            kind = "next-line" if alone else "line"
        elif verb == "ignore-file":
            kind = "file"
        else:
            kind = verb
        out.append(Directive(kind, ids, line, m.start(), reason))
    return tuple(out)

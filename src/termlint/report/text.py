"""The report for a person at a terminal.

    draft.md:12:24: error illegal-migrant People cannot be illegal: write "…".
       12 | Police arrested twelve illegal immigrants at the port.
          |                        ^^^^^^^^^^^^^^^^^^
          = suggestion: migrants in an irregular situation · irregular migrants
    Found 1 error, 0 warnings and 0 suggestions in 1 of 1 file checked.

Colour comes from `rich`, and only when the CLI asks for it (a terminal, no NO_COLOR).
"""
from __future__ import annotations

from collections.abc import Callable, Iterable

from termlint import rx
from termlint.document import Directive
from termlint.findings import Finding, Level

TYPE_CHECKING = False  # typing.TYPE_CHECKING, without importing typing at run time
if TYPE_CHECKING:
    from typing import IO, Any

_WINDOW = 48
_BATCH = 256  # findings (or lines made ahead) written at a time
_RTL = rx.lazy(r"[\p{Arabic}\p{Hebrew}\p{Syriac}\p{Thaana}]")
_STYLE = {Level.ERROR: "bold red", Level.WARNING: "yellow", Level.SUGGESTION: "cyan"}
_PATH_ESCAPES = str.maketrans({
    "\n": "\\n", "\r": "\\r", "\t": "\\t",
    **{chr(c): f"\\x{c:02x}" for c in (*range(0x20), 0x7F, *range(0x80, 0xA0)) if chr(c) not in "\n\r\t"},
})


def _shown(path: str) -> str:
    """A path on one line: a line break in a file name would split `path:line:col` in two."""
    return path.translate(_PATH_ESCAPES)


def write(report: Any, stream: IO[str], *, color: bool = False) -> None:
    """Write the report a few hundred findings at a time (a report of many is never held whole)."""
    emit = _plain(stream) if not color else _colored(stream)
    for result in report.results:
        lines: list[tuple[str, str]] = []  # (text, style)
        if result.skip is not None:
            kind = "error" if result.skip.error else "notice"
            style = "magenta" if result.skip.error else "dim"
            lines.append((f"{_shown(result.skip.path)}: {kind}: {result.skip.reason}", style))
        for problem in result.rule_errors:
            lines.append((f"{_shown(problem.path)}: error: {problem.reason}", "magenta"))
        emit(lines)
        lines = []
        if result.shown is not None:
            for k in range(0, len(result.shown), _BATCH):
                emit(list(result.shown[k : k + _BATCH]))
        else:
            for k in range(0, len(result.findings), _BATCH):
                emit(list(finding_lines(result.findings[k : k + _BATCH])))
        if report.unused_suppressions:
            for d in result.unused:
                rules = ", ".join(d.rules) or "all rules"
                message = f"unused suppression ({rules}): {_why_unused(d)}"
                lines.append((f"{_shown(result.path)}:{d.line}: {message}", "magenta"))
        emit(lines)
    last = [(f"Fixed {count} {'problem' if count == 1 else 'problems'} in {_shown(path)}", "green")
            for path, count in report.fixed]
    emit([*last, (_summary(report), "bold")])


def _plain(stream: IO[str]) -> Callable[[list[tuple[str, str]]], None]:
    def emit(lines: list[tuple[str, str]]) -> None:
        if lines:
            stream.write("".join(text + "\n" for text, _ in lines))

    return emit


def _colored(stream: IO[str]) -> Callable[[list[tuple[str, str]]], None]:
    from rich.console import Console
    from rich.text import Text

    # Colour was decided by the command line (--color, NO_COLOR): rich is not to decide again.
    console = Console(file=stream, force_terminal=True, no_color=False, highlight=False, soft_wrap=True)

    def emit(lines: list[tuple[str, str]]) -> None:
        for text, style in lines:
            console.print(Text(text, style=style) if style else Text(text))

    return emit


def finding_lines(findings: Iterable[Finding]) -> tuple[tuple[str, str], ...]:
    """The report's lines for some findings, (text, style): what `write` shows of them.
    Pure, so that the processes that check files can make them (see FileResult.shown)."""
    return tuple(line for f in findings for line in _finding(f))


def _finding(f: Finding) -> list[tuple[str, str]]:
    head = f"{_shown(f.path)}:{f.line}:{f.column}: {f.level.value} {f.rule} {f.message}"
    out = [(head, _STYLE[f.level])]
    if f.location:
        out.append((f"      = at: {where(f.location)}", "dim"))
    if f.context:
        out.extend(_snippet(f))
    if f.suggestions:
        label = "suggestion" if len(f.suggestions) == 1 else "suggestions"
        fix = ""
        if f.fix is not None:
            fix = f"  [fix: {f.fix.applicability.value}]"
        out.append((f"      = {label}: " + " · ".join(f.suggestions) + fix, "green"))
    for note in f.notes:
        out.append((f"      = note: {note}", "dim"))
    return out


_LABELS = {"textbox": "text box"}


def where(location: Any) -> str:
    """A location a reader can find: "footnote 4, paragraph 1", "page 3, line 17"."""
    keys = {k for k, _ in location}
    parts = []
    for key, value in location:
        if key == "part":
            if value != "body" and value not in keys:
                parts.append(_LABELS.get(str(value), str(value)))
        else:
            parts.append(f"{_LABELS.get(key, key)} {value}")
    return ", ".join(parts)


# One line on the screen, and nothing the terminal would obey: line breaks and tabs are
# spaces; other control characters (an escape sequence in a checked file would recolour
# the terminal or set its title) are shown as their control pictures (␛), C1 ones as �.
_ONE_LINE = str.maketrans({
    **{ch: " " for ch in "\t\n\r\v\f\u2028\u2029"},
    **{chr(c): chr(0x2400 + c) for c in range(0x20) if chr(c) not in "\t\n\r\v\f"},
    "\x7f": "\u2421",
    **{chr(c): "\ufffd" for c in range(0x80, 0xA0)},
})


def _snippet(f: Finding) -> list[tuple[str, str]]:
    # One line on the screen: a line break inside the context (a Word paragraph with a
    # manual break) is shown as a space, so that the carets stay under the words. Only the
    # window around the match is looked at (a context can be a whole long line).
    full = len(f.context)
    length = min(len(f.match), full - f.context_start)
    base = max(0, f.context_start - _WINDOW)
    ctx = f.context[base : min(full, f.context_start + length + _WINDOW)].translate(_ONE_LINE)
    start = f.context_start - base
    lo, hi = 0, len(ctx)
    if base > 0:
        space = ctx.find(" ", lo, start)
        lo = space + 1 if space >= 0 else lo
    if base + hi < full:
        space = ctx.rfind(" ", start + length, hi)
        hi = space if space > start + length else hi
    cut_left, cut_right = base + lo > 0, base + hi < full
    left, seen = ctx[lo:start], ctx[lo:hi]
    shown = ("…" if cut_left else "") + seen + ("…" if cut_right else "")
    gutter = f"{f.line:>6} | "
    if not seen.isascii() and _RTL.search(seen):
        # Keep right-to-left text from reordering the line around it, and point at the
        # match by quoting it: a caret under bidirectional text would point elsewhere.
        return [(gutter + "\u2068" + shown + "\u2069", ""), (" " * 7 + "| > \u2068" + f.match + "\u2069", "bold")]
    carets = " " * (cut_left + _width(left)) + "^" * max(1, _width(ctx[start : start + length]))
    return [(gutter + shown, ""), (" " * 7 + "| " + carets, "bold")]


_WIDE = rx.lazy(r"[\p{East_Asian_Width=Wide}\p{East_Asian_Width=Fullwidth}]")
_ZERO = rx.lazy(r"\p{Mn}|\p{Me}")


def _width(text: str) -> int:
    """Terminal cells: wide (CJK) characters take two, combining marks none."""
    if text.isascii():
        return len(text)
    return len(text) + len(_WIDE.findall(text)) - len(_ZERO.findall(text))


def _summary(report: Any) -> str:
    counts = report.counts()
    checked = report.checked
    with_findings = sum(1 for r in report.results if r.findings)
    files = f"{checked} {'file' if checked == 1 else 'files'} checked"
    parts = (
        f"{counts['error']} {'error' if counts['error'] == 1 else 'errors'}, "
        f"{counts['warning']} {'warning' if counts['warning'] == 1 else 'warnings'} and "
        f"{counts['suggestion']} {'suggestion' if counts['suggestion'] == 1 else 'suggestions'}"
    )
    skips = [r.skip for r in report.results if r.skip is not None]
    failed = sum(1 for s in skips if s.error)
    rule_errors = sum(len(r.rule_errors) for r in report.results)
    tail = f"; {len(skips)} skipped" if skips else ""
    if failed:
        tail += f" ({failed} could not be checked)"
    if rule_errors:
        tail += f"; {rule_errors} {'rule' if rule_errors == 1 else 'rules'} stopped with an error"
    unused = len(report.unused())  # they count as warnings for the exit code
    stale = f"{unused} unused {'suppression' if unused == 1 else 'suppressions'}"
    if not any(counts.values()):
        if unused:
            return f"Found {stale} ({parts}) in {files}{tail}."
        return f"No problems found ({parts}) in {files}{tail}."
    if unused:
        tail += f"; {stale}"
    return f"Found {parts} in {with_findings} of {files}{tail}."


def _why_unused(d: Directive) -> str:
    from termlint.suppress import why_unused  # only a run that reports unused suppressions needs it

    return why_unused(d)

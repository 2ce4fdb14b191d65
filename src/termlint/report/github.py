"""GitHub Actions workflow commands: each finding becomes an annotation on the pull request.

    ::error file=draft.md,line=12,col=24,endLine=12,endColumn=42,title=illegal-migrant::People cannot…

Errors are `error`, warnings `warning`, suggestions `notice`. Values are escaped the way
the Actions runner reads them: `%`, CR and LF everywhere, and `:` and `,` as well inside
properties. A plain summary line ends the output, for the log.
"""
from __future__ import annotations

import os
from typing import IO, Any

from termlint import adapters
from termlint.document import Directive
from termlint.files import shown_name
from termlint.findings import Finding, Level

COMMANDS = {Level.ERROR: "error", Level.WARNING: "warning", Level.SUGGESTION: "notice"}


def escape_data(text: str) -> str:
    """A command's message."""
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    """A property value (file, title…)."""
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def command(name: str, message: str, **properties: Any) -> str:
    """One workflow command line, properties in the order given, empty ones left out."""
    props = ",".join(f"{k}={escape_property(str(v))}" for k, v in properties.items() if v not in (None, ""))
    return f"::{name} {props}::{escape_data(message)}" if props else f"::{name}::{escape_data(message)}"


def _path(path: str) -> str:
    """Paths relative to the workspace, as annotations need them."""
    if path == "-":
        return path
    root = os.environ.get("GITHUB_WORKSPACE") or os.getcwd()
    full = os.path.abspath(path)
    try:
        rel = os.path.relpath(full, root)
    except ValueError:
        return shown_name(path)
    if rel.startswith(os.pardir):
        return shown_name(path)
    return shown_name(rel.replace(os.sep, "/"))  # an undecodable byte of a name as \xNN


def _message(f: Finding) -> str:
    lines = [f.message]
    if f.suggestions:
        lines.append("Suggestions: " + " · ".join(f.suggestions))
    lines.extend(f"Note: {note}" for note in f.notes)
    return "\n".join(lines)


def finding(f: Finding) -> str:
    if adapters.format_for(f.path).binary:
        place = ", ".join(f"{k} {v}" for k, v in f.location) or f"paragraph {f.line}"
        return command(COMMANDS[f.level], f"{_message(f)}\n({place})", file=_path(f.path), title=f.rule)
    return command(
        COMMANDS[f.level],
        _message(f),
        file=_path(f.path),
        line=f.line,
        col=f.column,
        endLine=f.end_line,
        endColumn=f.end_column,
        title=f.rule,
    )


def write(report: Any, stream: IO[str], *, color: bool = False) -> None:
    out = []
    for result in report.results:
        if result.skip is not None:
            kind = "error" if result.skip.error else "notice"
            out.append(command(kind, result.skip.reason, file=_path(result.skip.path), title="termlint"))
        for problem in result.rule_errors:
            out.append(command("error", problem.reason, file=_path(problem.path), title="termlint"))
        out.extend(finding(f) for f in result.findings)
    for path, d in report.unused():
        names = ", ".join(d.rules) or "every rule"
        out.append(command("warning", f"Unused suppression ({names}): {_why_unused(d)}.",
                           file=_path(path), line=max(1, d.line), title="unused-suppression"))
    counts = report.counts()
    summary = (f"termlint: {_n(counts['error'], 'error')}, {_n(counts['warning'], 'warning')} and "
               f"{_n(counts['suggestion'], 'suggestion')} in {_n(report.checked, 'file')} checked")
    if report.baseline is not None:
        stale = report.baseline.stale
        verb = "occurs" if stale == 1 else "occur"
        summary += (f"; {_n(report.baseline.matched, 'known finding')} left out by the baseline, "
                    f"{_n(stale, 'baseline entry', 'baseline entries')} no longer {verb}")
    out.append(summary + ".")
    stream.write("".join(line + "\n" for line in out))


def _n(count: int, one: str, many: str = "") -> str:
    return f"{count} {one if count == 1 else (many or one + 's')}"


def _why_unused(d: Directive) -> str:
    from termlint.suppress import why_unused  # only a run that reports unused suppressions needs it

    return why_unused(d)

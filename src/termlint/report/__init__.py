"""Reporters: pure formatters from a run's results to text on a stream.

Each format is a module with `write(report, stream, *, color) -> None`; the CLI picks one
by name and alone decides the exit code. Modules are imported on demand, so machine
formats never load `rich`.
"""
from __future__ import annotations

import importlib
import os
from collections.abc import Mapping, Sequence

from termlint.baseline import Summary as BaselineSummary
from termlint.document import Directive
from termlint.engine import FileResult
from termlint.files import Skip
from termlint.findings import Finding, Level
from termlint.records import NamedTuple
from termlint.rules import Rule

TYPE_CHECKING = False  # typing.TYPE_CHECKING, without importing typing at run time
if TYPE_CHECKING:
    from typing import IO

FORMATS = {
    "text": "termlint.report.text",
    "json": "termlint.report.jsonfmt",
    "sarif": "termlint.report.sarif",
    "github": "termlint.report.github",
    "junit": "termlint.report.junit",
}
AUTO = "auto"  # github inside GitHub Actions, text elsewhere


class Report(NamedTuple):
    results: tuple[FileResult, ...]
    version: str
    fixed: tuple[tuple[str, int], ...] = ()  # (path, fixes applied)
    unused_suppressions: bool = False
    rules: tuple[Rule, ...] = ()  # the rules in force, for formats that describe them (SARIF)
    baseline: BaselineSummary | None = None
    fail_on: Level = Level.WARNING

    def unused(self) -> list[tuple[str, Directive]]:
        """(path, directive) of each unused suppression, when they are to be reported."""
        if not self.unused_suppressions:
            return []
        return [(r.path, d) for r in self.results for d in r.unused]

    @property
    def findings(self) -> list[Finding]:
        return [f for r in self.results for f in r.findings]

    @property
    def skipped(self) -> list[Skip]:
        """What was not checked: files, and rules that failed in a file (`rule_errors`)."""
        out = []
        for r in self.results:
            if r.skip is not None:
                out.append(r.skip)
            out.extend(r.rule_errors)
        return out

    @property
    def checked(self) -> int:
        return sum(1 for r in self.results if r.skip is None)

    def counts(self) -> dict[str, int]:
        counts = {level.value: 0 for level in Level}
        for finding in self.findings:
            counts[finding.level.value] += 1
        return counts

    def summary(self) -> dict[str, object]:
        counts = self.counts()
        return {
            "files": self.checked,
            "files_with_findings": sum(1 for r in self.results if r.findings),
            "errors": counts["error"],
            "warnings": counts["warning"],
            "suggestions": counts["suggestion"],
            "fixed": sum(n for _, n in self.fixed),
            "fixed_files": len(self.fixed),
            "skipped": [{"path": s.path, "reason": s.reason, "error": s.error} for s in self.skipped],
            **self._extra(),
        }

    def _extra(self) -> dict[str, object]:
        extra: dict[str, object] = {}
        if self.unused_suppressions:
            extra["unused_suppressions"] = [
                {"path": path, "line": d.line, "kind": d.kind, "rules": list(d.rules), "reason": d.reason,
                 "problem": _why_unused(d)}
                for path, d in self.unused()
            ]
        if self.baseline is not None:
            extra["baseline"] = {"path": self.baseline.path, "matched": self.baseline.matched,
                                 "stale": self.baseline.stale}
        return extra


def write(fmt: str, report: Report, stream: IO[str], *, color: bool = False) -> None:
    module = importlib.import_module(FORMATS[fmt])
    module.write(report, stream, color=color)


def names() -> Sequence[str]:
    return tuple(FORMATS)


def resolve(fmt: str, environ: Mapping[str, str] | None = None) -> str:
    """The format `auto` stands for: github inside GitHub Actions, text elsewhere."""
    if fmt != AUTO:
        return fmt
    env = os.environ if environ is None else environ
    return "github" if env.get("GITHUB_ACTIONS") == "true" else "text"


def _why_unused(d: Directive) -> str:
    from termlint.suppress import why_unused  # only a run that reports unused suppressions needs it

    return why_unused(d)


def dump_json(data: object, stream: IO[str]) -> None:
    """`data` as indented JSON in UTF-8 text. A file name that is not valid UTF-8 reaches
    here with its bytes as lone surrogates (Python's `surrogateescape`), which no UTF-8
    text can hold: each is written as a `\\uDCxx` escape, so the report stays valid JSON
    and decoding it with `os.fsencode` gives the name's bytes back."""
    import json

    from termlint.files import surrogates_escaped

    stream.write(surrogates_escaped(json.dumps(data, ensure_ascii=False, indent=2)))
    stream.write("\n")

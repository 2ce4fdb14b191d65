"""Reporters: pure formatters from a run's results to text on a stream.

Each format is a module with `write(report, stream, *, color) -> None`; the CLI picks one
by name and alone decides the exit code. Modules are imported on demand, so machine
formats never load `rich`.
"""
from __future__ import annotations

import importlib
from collections.abc import Sequence
from typing import IO, NamedTuple

from termlint.engine import FileResult
from termlint.files import Skip
from termlint.findings import Finding, Level

FORMATS = {
    "text": "termlint.report.text",
    "json": "termlint.report.jsonfmt",
}


class Report(NamedTuple):
    results: tuple[FileResult, ...]
    version: str
    fixed: tuple[tuple[str, int], ...] = ()  # (path, fixes applied)
    unused_suppressions: bool = False

    @property
    def findings(self) -> list[Finding]:
        return [f for r in self.results for f in r.findings]

    @property
    def skipped(self) -> list[Skip]:
        return [r.skip for r in self.results if r.skip is not None]

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
        }


def write(fmt: str, report: Report, stream: IO[str], *, color: bool = False) -> None:
    module = importlib.import_module(FORMATS[fmt])
    module.write(report, stream, color=color)


def names() -> Sequence[str]:
    return tuple(FORMATS)

"""The JSON report: one object, a public interface documented in docs/json.md."""
from __future__ import annotations

from typing import IO, Any

from termlint.findings import Finding
from termlint.report import dump_json


def finding_dict(f: Finding) -> dict[str, Any]:
    out: dict[str, Any] = {
        "path": f.path,
        "line": f.line,
        "column": f.column,
        "end_line": f.end_line,
        "end_column": f.end_column,
        "offset": f.offset,
        "end_offset": f.end_offset,
        "rule": f.rule,
        "level": f.level.value,
        "category": f.category,
        "language": f.language,
        "message": f.message,
        "match": f.match,
        "suggestions": list(f.suggestions),
        "notes": list(f.notes),
        "fix": None,
    }
    if f.fix is not None:
        out["fix"] = {
            "applicability": f.fix.applicability.value,
            "edits": [
                {"offset": e.start, "end_offset": e.end, "replacement": e.replacement}
                for e in f.fix.edits
            ],
        }
    if f.location:
        out["location"] = dict(f.location)
    return out


def write(report: Any, stream: IO[str], *, color: bool = False) -> None:
    data = {
        "version": report.version,
        "findings": [finding_dict(f) for f in report.findings],
        "summary": report.summary(),
    }
    dump_json(data, stream)

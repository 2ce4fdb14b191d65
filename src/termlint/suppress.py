"""Drop findings that a suppression directive covers; say which directives were used.

A pure function of the findings and the directives (the adapters find the directives).
"""
from __future__ import annotations

from collections.abc import Sequence

from termlint.document import Directive
from termlint.findings import Finding


def _covers(directive: Directive, rule: str) -> bool:
    return not directive.rules or rule in directive.rules


def _next_content_line(directive: Directive, lines_with_findings: Sequence[int]) -> int:
    return directive.line + 1


def apply(
    findings: Sequence[Finding], directives: Sequence[Directive]
) -> tuple[list[Finding], set[int]]:
    """Findings not suppressed, and the indexes of the directives that suppressed one."""
    if not directives:
        return list(findings), set()
    ordered = sorted(enumerate(directives), key=lambda d: (d[1].line, d[1].offset))
    kept: list[Finding] = []
    used: set[int] = set()
    for finding in findings:
        hit = _suppressor(finding, ordered)
        if hit is None:
            kept.append(finding)
        else:
            used.add(hit)
    return kept, used


def _suppressor(finding: Finding, ordered: Sequence[tuple[int, Directive]]) -> int | None:
    active: dict[str, int] = {}  # rule id ("" for all rules) -> directive index
    for index, d in ordered:
        if d.kind == "file" and _covers(d, finding.rule):
            return index
        if d.kind == "line" and d.line == finding.line and _covers(d, finding.rule):
            return index
        if d.kind == "next-line" and d.line + 1 == finding.line and _covers(d, finding.rule):
            return index
        if d.offset > finding.offset or d.line > finding.line:
            continue
        if d.kind == "disable":
            for rule in d.rules or ("",):
                active[rule] = index
        elif d.kind == "enable":
            if d.rules:
                for rule in d.rules:
                    active.pop(rule, None)
            else:
                active.clear()
    if finding.rule in active:
        return active[finding.rule]
    if "" in active:
        return active[""]
    return None

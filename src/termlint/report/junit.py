"""JUnit XML, for CI systems that show test reports (GitLab, Jenkins, Azure Pipelines…).

One <testsuite> per file checked. Each finding at or above the run's fail level is a
<testcase> with a <failure>; a file without such findings is one passing <testcase>.
Findings below the fail level are listed in the suite's <system-out>. A file that could not be
checked is an <error>, a file skipped on purpose is <skipped>.
"""
from __future__ import annotations

import xml.etree.ElementTree as ET
from typing import IO, Any

from termlint import rx
from termlint.document import Directive
from termlint.findings import Finding, Level

# Characters XML 1.0 cannot hold, even escaped.
_INVALID = rx.compile(r"[^\x09\x0A\x0D\x20-\uD7FF\uE000-\uFFFD\U00010000-\U0010FFFF]")


def _clean(text: str) -> str:
    return _INVALID.sub("\ufffd", text)


def _describe(f: Finding) -> str:
    lines = [f"{f.path}:{f.line}:{f.column}: {f.level.value} {f.rule} {f.message}"]
    if f.context:
        lines.append(f"    {f.context}")
    if f.suggestions:
        lines.append("    suggestions: " + " · ".join(f.suggestions))
    lines.extend(f"    note: {n}" for n in f.notes)
    return "\n".join(lines)


def _sub(parent: ET.Element, tag: str, text: str | None = None, **attrs: Any) -> ET.Element:
    element = ET.SubElement(parent, tag, {k: _clean(str(v)) for k, v in attrs.items()})
    if text is not None:
        element.text = _clean(text)
    return element


def tree(report: Any) -> ET.Element:
    threshold = report.fail_on.rank
    unused: dict[str, list[Any]] = {}
    for path, d in report.unused():
        unused.setdefault(path, []).append(d)
    root = ET.Element("testsuites", {"name": "termlint"})
    totals = {"tests": 0, "failures": 0, "errors": 0, "skipped": 0}
    for result in report.results:
        suite = _sub(root, "testsuite", name=result.path, time="0")
        counts = {"tests": 0, "failures": 0, "errors": 0, "skipped": 0}
        if result.skip is not None:
            case = _sub(suite, "testcase", classname="termlint", name=result.path, file=result.path, time="0")
            if result.skip.error:
                _sub(case, "error", result.skip.reason, message=result.skip.reason, type="unreadable")
                counts["errors"] += 1
            else:
                _sub(case, "skipped", message=result.skip.reason)
                counts["skipped"] += 1
            counts["tests"] += 1
        else:
            failing = [f for f in result.findings if f.level.rank >= threshold]
            below = [f for f in result.findings if f.level.rank < threshold]
            for f in failing:
                name = f"{f.rule} at {f.line}:{f.column}"
                case = _sub(suite, "testcase", classname=f"termlint.{f.rule}", name=name, file=f.path,
                            line=f.line, time="0")
                _sub(case, "failure", _describe(f), message=f.message, type=f.level.value)
                counts["tests"] += 1
                counts["failures"] += 1
            for problem in result.rule_errors:
                case = _sub(suite, "testcase", classname="termlint", name=f"{result.path}: rule error",
                            file=result.path, time="0")
                _sub(case, "error", problem.reason, message=problem.reason, type="rule-error")
                counts["tests"] += 1
                counts["errors"] += 1
            # an unused suppression is a warning: a failure only where warnings fail the run
            unused_fail = Level.WARNING.rank >= threshold
            notes: list[str] = []
            for d in unused.get(result.path, []):
                names = ", ".join(d.rules) or "every rule"
                line = f"{result.path}:{d.line}: unused suppression ({names})"
                if not unused_fail:
                    notes.append(line)
                    continue
                case = _sub(suite, "testcase", classname="termlint.unused-suppression",
                            name=f"unused suppression at {d.line}", file=result.path, line=d.line, time="0")
                _sub(case, "failure", line, message=f"unused suppression: {_why_unused(d)}", type="warning")
                counts["tests"] += 1
                counts["failures"] += 1
            if not failing:
                _sub(suite, "testcase", classname="termlint", name=result.path, file=result.path, time="0")
                counts["tests"] += 1
            if below or notes:
                _sub(suite, "system-out", "\n".join([*(_describe(f) for f in below), *notes]))
        for key, value in counts.items():
            suite.set(key, str(value))
            totals[key] += value
    for key, value in totals.items():
        root.set(key, str(value))
    root.set("time", "0")
    return root


def write(report: Any, stream: IO[str], *, color: bool = False) -> None:
    root = tree(report)
    ET.indent(root)
    stream.write('<?xml version="1.0" encoding="UTF-8"?>\n')
    stream.write(ET.tostring(root, encoding="unicode"))
    stream.write("\n")


def _why_unused(d: Directive) -> str:
    from termlint.suppress import why_unused  # only a run that reports unused suppressions needs it

    return why_unused(d)

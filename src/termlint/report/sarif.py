"""SARIF 2.1.0, for code scanning (GitHub, Azure DevOps, IDE viewers).

One run. The tool driver lists every rule in force: id, short and full description, help
(why, preferred wording, sources) with a help URI taken from the rule's first source whose
address is or can be made a URL, and the level the rule runs at. Each result carries its
location (1-based lines, columns in Unicode code points, character offsets), a fingerprint
of its context (the baseline's, stable when text moves), and a fix with the replacement
where the rule offers one. Files of binary formats (Word, PDF) get no text region: their
paragraph or page is given in the result's properties and message instead.
"""
from __future__ import annotations

import bisect
import os
import urllib.parse
from pathlib import Path
from typing import IO, Any

from termlint import adapters, baseline, fixer, rx
from termlint.document import MAX_CONTEXT, Directive
from termlint.findings import Applicability, Finding, Level
from termlint.report import dump_json
from termlint.rules import Rule

SCHEMA = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
LEVELS = {Level.ERROR: "error", Level.WARNING: "warning", Level.SUGGESTION: "note"}
UNUSED_RULE = "unused-suppression"
SRCROOT = "%SRCROOT%"
_BARE = rx.compile(r"^(?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?\.)+[a-z]{2,}(?:[/?#]\S*)?$", rx.IGNORECASE)
_SENTENCE = rx.compile(r"^.+?[.!?](?=\s+\p{Lu}|\s*$)", rx.DOTALL)
_URL_SAFE = ":/?#[]@!$&'()*+,;=%~"


def write(report: Any, stream: IO[str], *, color: bool = False) -> None:
    dump_json(document(report), stream)


def document(report: Any, cwd: str | None = None) -> dict[str, Any]:
    """The SARIF log of a run, as a JSON-ready dict."""
    root = os.path.abspath(cwd or os.getcwd())
    rules = _rules(report)
    index = {rule["id"]: i for i, rule in enumerate(rules)}
    artifacts: list[dict[str, Any]] = []
    artifact_index: dict[str, int] = {}

    def artifact(path: str) -> dict[str, Any]:
        if path not in artifact_index:
            artifact_index[path] = len(artifacts)
            artifacts.append({"location": _location_uri(path, root)})
        return {**_location_uri(path, root), "index": artifact_index[path]}

    results: list[dict[str, Any]] = []
    for result in report.results:
        if result.skip is not None:
            artifact(result.path)
            continue
        source = baseline.source_of(result)
        text = _source(result)
        lines = _LineIndex(text) if text is not None else None
        binary = adapters.format_for(result.path).binary
        for finding in result.findings:
            results.append(_result(finding, index, artifact(result.path), lines, source, binary,
                                   new=report.baseline is not None))
    for path, directive in report.unused():
        results.append(_unused(path, directive, index, artifact(path)))
    run: dict[str, Any] = {
        "tool": {"driver": _driver(report.version, rules)},
        "originalUriBaseIds": {SRCROOT: {"uri": Path(root).as_uri() + "/"}},
        "artifacts": artifacts,
        "columnKind": "unicodeCodePoints",
        "invocations": [_invocation(report, artifact)],
        "results": results,
    }
    return {"$schema": SCHEMA, "version": "2.1.0", "runs": [run]}


# -- the driver and its rules --------------------------------------------------------------


def _driver(version: str, rules: list[dict[str, Any]]) -> dict[str, Any]:
    driver: dict[str, Any] = {"name": "termlint", "version": version, "rules": rules}
    if rx.match(r"^\d+\.\d+\.\d+", version):
        driver["semanticVersion"] = version
    return driver


def _rules(report: Any) -> list[dict[str, Any]]:
    out = [rule_descriptor(rule) for rule in report.rules]
    known = {r["id"] for r in out}
    for finding in report.findings:  # a rule missing from the list still gets an entry
        if finding.rule not in known:
            known.add(finding.rule)
            out.append({
                "id": finding.rule,
                "shortDescription": {"text": finding.message},
                "defaultConfiguration": {"level": LEVELS[finding.level]},
                "properties": {"category": finding.category, "tags": [finding.category]},
            })
    if report.unused():
        out.append({
            "id": UNUSED_RULE,
            "shortDescription": {"text": "A suppression comment that no longer suppresses anything."},
            "fullDescription": {"text": "A termlint suppression comment matched no finding in this run: "
                                        "the text it covered has changed, or it names a rule that does "
                                        "not exist. Remove it, or correct the rule it names."},
            "defaultConfiguration": {"level": "warning"},
            "properties": {"category": "suppression", "tags": ["suppression"]},
        })
    return out


def rule_descriptor(rule: Rule) -> dict[str, Any]:
    """A SARIF reportingDescriptor for one rule, at the level it runs at."""
    why = " ".join(rule.why.split())
    full = why + (" " + " ".join(rule.note.split()) if rule.note else "")
    out: dict[str, Any] = {
        "id": rule.id,
        "name": "".join(part.capitalize() for part in rule.id.split("-")),
        "shortDescription": {"text": first_sentence(why)},
        "fullDescription": {"text": full},
        "help": {"text": _help_text(rule, full), "markdown": _help_markdown(rule, full)},
        "defaultConfiguration": {"level": LEVELS[rule.level], "enabled": True},
        "properties": {
            "category": rule.category,
            "language": rule.language,
            "tags": ["terminology", rule.category, rule.language],
        },
    }
    uri = help_uri(rule)
    if uri:
        out["helpUri"] = uri
    return out


def first_sentence(text: str) -> str:
    m = _SENTENCE.match(text)
    return m.group(0) if m else text


def as_url(address: str) -> str | None:
    """An address as a URL: as it is when it already is one, with https:// when it is a
    bare host and path; None when it is a description (spaces, no host)."""
    address = address.strip()
    if rx.match(r"^https?://\S+$", address, rx.IGNORECASE):
        url = address
    elif _BARE.match(address):
        url = "https://" + address
    else:
        return None
    parts = urllib.parse.urlsplit(url)
    if not parts.netloc:
        return None
    return urllib.parse.quote(url, safe=_URL_SAFE)


def help_uri(rule: Rule) -> str | None:
    """The URL of the rule's first source that has one."""
    for source in rule.sources:
        url = as_url(source.address)
        if url:
            return url
    return None


def _help_text(rule: Rule, full: str) -> str:
    lines = [full]
    if rule.suggestions:
        lines += ["", "Preferred: " + " · ".join(preferred(rule))]
    if rule.sources:
        lines += ["", "Sources:"]
        lines += [f"- {'[' + s.id + '] ' if s.id else ''}{s.title} ({s.year}). {s.address}"
                  for s in rule.sources]
    return "\n".join(lines)


def _help_markdown(rule: Rule, full: str) -> str:
    lines = [_md(full)]
    if rule.suggestions:
        lines += ["", "**Preferred:** " + " · ".join(_md(s) for s in preferred(rule))]
    if rule.sources:
        lines += ["", "**Sources:**", ""]
        for s in rule.sources:
            url = as_url(s.address)
            where = f"[{_md(s.address)}]({url})" if url else _md(s.address)
            lines.append(f"- {'[' + s.id + '] ' if s.id else ''}{_md(s.title)} ({s.year}). {where}")
    return "\n".join(lines)


def preferred(rule: Rule) -> list[str]:
    """The rule's replacements as a reader can take them: `{a|b}` gives its first form,
    modifiers and determiners drop out, the matched head word shows as "…"."""
    out = []
    for template in rule.suggestions:
        text = rx.sub(r"\{([^{}|]*)\|[^{}]*\}", r"\1", template)
        text = rx.sub(r"\{(?:mods|det)\}", "", text)
        text = rx.sub(r"\{[^{}]*\}", "…", text)
        text = " ".join(text.split())
        if text.strip("… ") and text not in out:
            out.append(text)
    return out


def _md(text: str) -> str:
    return rx.sub(r"([\\`*_\[\]<>|])", r"\\\1", text)


# -- results ------------------------------------------------------------------------------


class _LineIndex:
    """Line and column of offsets in a decoded source (for fix regions)."""

    def __init__(self, source: str) -> None:
        self.starts = [0] + [m.end() for m in rx.finditer(r"\r\n|\r|\n", source)]

    def position(self, offset: int) -> tuple[int, int]:
        i = bisect.bisect_right(self.starts, offset) - 1
        return i + 1, offset - self.starts[i] + 1


def _source(result: Any) -> str | None:
    if result.decoded is not None:
        return str(result.decoded.text)
    return None


def _location_uri(path: str, root: str) -> dict[str, Any]:
    if path == "-":
        return {"uri": "stdin"}
    full = os.path.abspath(path)
    try:
        rel = os.path.relpath(full, root)
    except ValueError:
        rel = os.pardir
    if rel == os.pardir or rel.startswith(os.pardir + os.sep):
        return {"uri": Path(full).as_uri()}
    # the name's own bytes, percent-escaped (a name that is not valid UTF-8 too: "r%E9port.txt")
    return {"uri": urllib.parse.quote(os.fsencode(rel.replace(os.sep, "/"))), "uriBaseId": SRCROOT}


def _message(f: Finding) -> str:
    text = f.message
    if f.suggestions:
        text += " Suggestions: " + " · ".join(f.suggestions) + "."
    for note in f.notes:
        text += " Note: " + note
    return text


def _result(f: Finding, index: dict[str, int], where: dict[str, Any], lines: _LineIndex | None,
            source: str | None, binary: bool, *, new: bool) -> dict[str, Any]:
    physical: dict[str, Any] = {"artifactLocation": where}
    properties: dict[str, Any] = {
        "category": f.category,
        "language": f.language,
        "match": f.match,
        "suggestions": list(f.suggestions),
    }
    message = _message(f)
    if binary:
        properties["location"] = {"block": f.line, "column": f.column, **dict(f.location)}
        place = ", ".join(f"{k} {v}" for k, v in f.location) or f"paragraph {f.line}"
        message += f" ({place})"
    else:
        physical["region"] = {
            "startLine": f.line,
            "startColumn": f.column,
            "endLine": f.end_line,
            "endColumn": f.end_column,
            "charOffset": f.offset,
            "charLength": max(0, f.end_offset - f.offset),
            "snippet": {"text": f.match},
        }
        if f.context and f.end_line == f.line and len(f.context) < MAX_CONTEXT:  # a whole line
            physical["contextRegion"] = {"startLine": f.line, "endLine": f.line,
                                         "snippet": {"text": f.context}}
        if f.location:
            properties["location"] = dict(f.location)
    out: dict[str, Any] = {
        "ruleId": f.rule,
        "ruleIndex": index[f.rule],
        "level": LEVELS[f.level],
        "message": {"text": message},
        "locations": [{"physicalLocation": physical}],
        "partialFingerprints": {"termlintContext/v1": baseline.fingerprint(f, source)},
        "properties": properties,
    }
    if new:
        out["baselineState"] = "new"
    # A display fix is a suggestion to show, never to apply (its edits may cut across markup):
    # SARIF viewers offer every `fixes` entry as "apply", so it stays in the message and the
    # properties only.
    if f.fix is not None and f.fix.edits and not binary and f.fix.applicability is not Applicability.DISPLAY:
        out["fixes"] = [_fix(f, where, lines, source)]
    return out


def _fix(f: Finding, where: dict[str, Any], lines: _LineIndex | None, source: str | None) -> dict[str, Any]:
    replacements = []
    for edit in f.fix.edits if f.fix else ():
        region: dict[str, Any] = {"charOffset": edit.start, "charLength": edit.end - edit.start}
        if lines is not None:
            (sl, sc), (el, ec) = lines.position(edit.start), lines.position(edit.end)
            region.update(startLine=sl, startColumn=sc, endLine=el, endColumn=ec)
        replacements.append({"deletedRegion": region, "insertedContent": {"text": edit.replacement}})
    applicability = f.fix.applicability.value if f.fix else "safe"
    new_text = _fixed_match(f, source)
    return {
        "description": {"text": f"Replace “{f.match}” with “{new_text}” ({applicability} fix)."},
        "artifactChanges": [{"artifactLocation": dict(where), "replacements": replacements}],
        "properties": {"applicability": applicability},
    }


def _fixed_match(f: Finding, source: str | None) -> str:
    """The matched text as the fix leaves it (the edits on the match's own lines: not the
    underline a reST title fix lengthens)."""
    edits = sorted(f.fix.edits if f.fix else (), key=lambda e: e.start)
    if source is not None:
        edits = [e for e in edits if "\n" not in source[min(e.end, f.offset):f.offset]
                 and "\n" not in source[f.end_offset:max(e.start, f.end_offset)]]
    lo = min([f.offset, *(e.start for e in edits)])
    hi = max([f.end_offset, *(e.end for e in edits)])
    if source is None or source[f.offset : f.end_offset] != f.match:
        return " ".join(e.replacement for e in edits)
    return fixer.spliced(source, edits, lo, hi)


def _unused(path: str, d: Directive, index: dict[str, int], where: dict[str, Any]) -> dict[str, Any]:
    names = ", ".join(d.rules) or "every rule"
    return {
        "ruleId": UNUSED_RULE,
        "ruleIndex": index[UNUSED_RULE],
        "level": "warning",
        "message": {"text": f"Unused suppression ({names}): {_why_unused(d)}."},
        "locations": [{"physicalLocation": {"artifactLocation": where,
                                            "region": {"startLine": max(1, d.line)}}}],
        "properties": {"kind": d.kind, "rules": list(d.rules), "reason": d.reason},
    }


def _invocation(report: Any, artifact: Any) -> dict[str, Any]:
    notes = []
    for skip in report.skipped:
        notes.append({
            "level": "error" if skip.error else "note",
            "message": {"text": f"{skip.path}: {skip.reason}"},
            "locations": [{"physicalLocation": {"artifactLocation": artifact(skip.path)}}],
        })
    out: dict[str, Any] = {"executionSuccessful": not any(s.error for s in report.skipped)}
    if notes:
        out["toolExecutionNotifications"] = notes
    return out


def _why_unused(d: Directive) -> str:
    from termlint.suppress import why_unused  # only a run that reports unused suppressions needs it

    return why_unused(d)

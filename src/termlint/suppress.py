"""Drop findings that a suppression directive covers; say which directives were used.

Pure functions of the findings and the directives (directives.py finds the directives).
A directive names rule ids or categories; naming none covers every rule.

- "line" covers findings that start on its line, "next-line" those on the line after its
  `line`, "file" the whole file.
- "disable" and "enable" make ranges, from the directive's offset on. `disable` without
  names switches every rule off; a later `enable NAME` switches NAME back on inside it.
- "marker" is the text of a plain-text marker itself: findings in it are dropped, and no
  directive is credited with them.

The most specific directive that covers a finding is credited with it (line, then
next-line, then a range, then the file), so a stale directive can be reported as unused.
"""
from __future__ import annotations

from collections.abc import Collection, Sequence

from termlint.document import Directive
from termlint.findings import Finding

_NEVER_UNUSED = ("enable", "marker")
_SPECIFIC = ("line", "next-line")


def covers(directive: Directive, finding: Finding) -> bool:
    """Does the directive name the finding's rule or category (or every rule)?"""
    return not directive.rules or finding.rule in directive.rules or finding.category in directive.rules


def apply(
    findings: Sequence[Finding], directives: Sequence[Directive]
) -> tuple[list[Finding], set[int]]:
    """Findings not suppressed, and the indexes of the directives that are in use.

    `enable` and `marker` directives are always counted as used: an `enable` ends a range
    and is judged with its `disable`."""
    if not directives:
        return list(findings), set()
    used = {i for i, d in enumerate(directives) if d.kind in _NEVER_UNUSED}
    markers = [d for d in directives if d.kind == "marker"]
    ranges = sorted(
        ((d.offset, i, d) for i, d in enumerate(directives) if d.kind in ("disable", "enable")),
        key=lambda item: (item[0], item[1]),
    )
    specific = [(i, d) for i, d in enumerate(directives) if d.kind in _SPECIFIC]
    whole = [(i, d) for i, d in enumerate(directives) if d.kind == "file"]
    kept: list[Finding] = []
    for finding in findings:
        if any(m.line == finding.line and finding.offset >= m.offset for m in markers):
            continue
        hit = _specific(finding, specific)
        if hit is None:
            hit = _in_range(finding, ranges)
        if hit is None:
            hit = next((i for i, d in whole if covers(d, finding)), None)
        if hit is None:
            kept.append(finding)
        else:
            used.add(hit)
    return kept, used


def _specific(finding: Finding, directives: Sequence[tuple[int, Directive]]) -> int | None:
    for index, d in directives:
        line = d.line if d.kind == "line" else d.line + 1
        if line == finding.line and covers(d, finding):
            return index
    return None


def _in_range(finding: Finding, ranges: Sequence[tuple[int, int, Directive]]) -> int | None:
    all_off: int | None = None  # index of a `disable` of every rule, while it lasts
    off: dict[str, int] = {}  # rule id or category -> index of the `disable` naming it
    back_on: set[str] = set()  # names enabled again inside an all-rules range
    for offset, index, d in ranges:
        if offset > finding.offset:
            break
        if d.kind == "disable":
            if not d.rules:
                all_off, off, back_on = index, {}, set()
            for name in d.rules:
                off[name] = index
                back_on.discard(name)
        else:
            if not d.rules:
                all_off, off, back_on = None, {}, set()
            for name in d.rules:
                off.pop(name, None)
                if all_off is not None:
                    back_on.add(name)
    for name in (finding.rule, finding.category):
        if name in off:
            return off[name]
    if all_off is not None and finding.rule not in back_on and finding.category not in back_on:
        return all_off
    return None


def stale(
    unused: Sequence[Directive], in_force: Collection[str], known: Collection[str]
) -> tuple[Directive, ...]:
    """The unused directives worth reporting.

    `in_force` holds the ids and categories of the rules that ran on the file, `known`
    those of every rule loaded. A directive is reported when it covers every rule, names a
    rule that ran, or names something that is no rule at all (a typo); one naming only
    rules switched off for this run is not."""
    out = []
    for d in unused:
        if d.kind in _NEVER_UNUSED:
            continue
        unknown = [n for n in d.rules if n not in known]
        if unknown:
            out.append(d._replace(problem=_no_such_rule(unknown, known)))
        elif not d.rules or any(n in in_force for n in d.rules):
            out.append(d)
    return tuple(out)


def _no_such_rule(unknown: Sequence[str], known: Collection[str]) -> str:
    """"it names no rule or category: illegal-migrnt (did you mean illegal-migrant?)"."""
    import difflib

    parts = []
    for name in unknown:
        close = difflib.get_close_matches(name, list(known), n=1)
        parts.append(f"{name} (did you mean {close[0]}?)" if close else name)
    return "it names no rule or category: " + ", ".join(parts)


UNUSED = "it no longer matches anything"


def why_unused(d: Directive) -> str:
    """What the report says of an unused suppression."""
    return d.problem or UNUSED

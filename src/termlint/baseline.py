"""The baseline: findings a team accepts for now, so that only new ones are reported.

`termlint baseline PATH ...` records the current findings in `.termlint-baseline.json`;
`termlint check --baseline FILE` then reports (and fails on) only findings that are not
recorded, and says how many recorded ones no longer occur.

An entry is keyed by the rule, the file (relative to the baseline's folder), the matched
text and a hash of the words around the match in its paragraph, never by line number:
moving paragraphs up or down, re-wrapping them or editing another paragraph keeps entries
valid, while a change next to a finding makes it new. Identical findings are counted (a
multiset), so a third copy of a phrase recorded twice is new.

Pure functions and values; the CLI reads and writes the file.
"""
from __future__ import annotations

import os
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence

from termlint import rx
from termlint.engine import FileResult
from termlint.errors import ConfigError
from termlint.findings import Finding
from termlint.records import NamedTuple

TYPE_CHECKING = False  # typing.TYPE_CHECKING, without importing typing at run time
if TYPE_CHECKING:
    from typing import Any

FORMAT = 1
DEFAULT_NAME = ".termlint-baseline.json"
WORDS = 4  # words on each side of a match that make its context
_SPAN = 400  # characters searched on each side for those words
_WORD = rx.lazy(r"\w+")
_PARAGRAPH_BREAK = rx.lazy(r"(?:\r\n|\r|\n)[ \t]*(?:\r\n|\r|\n)")


class Key(NamedTuple):
    path: str  # relative to the baseline's folder, with forward slashes
    rule: str
    match: str  # the matched text, whitespace collapsed
    context: str  # hash of the words around the match


class Summary(NamedTuple):
    """What a baseline did in one run."""

    path: str
    matched: int  # findings left out because the baseline records them
    stale: int  # recorded findings that no longer occur


def context_hash(text: str, start: int, end: int) -> str:
    """A short hash of the WORDS words before and after text[start:end] in its paragraph
    (a blank line ends it), case-folded: layout, markup and other paragraphs do not count."""
    head = _PARAGRAPH_BREAK.split(text[max(0, start - _SPAN) : start])[-1]
    tail = _PARAGRAPH_BREAK.split(text[end : end + _SPAN], maxsplit=1)[0]
    before = _WORD.findall(head)[-WORDS:]
    after = _WORD.findall(tail)[:WORDS]
    joined = " ".join(before).casefold() + "\x1f" + " ".join(after).casefold()
    import hashlib  # imported when a baseline is read or written: most runs have none

    return hashlib.sha256(joined.encode("utf-8")).hexdigest()[:16]


def fingerprint(finding: Finding, source: str | None) -> str:
    """The context hash of a finding, from the whole source when there is one."""
    if source is not None and source[finding.offset : finding.end_offset] == finding.match:
        return context_hash(source, finding.offset, finding.end_offset)
    start = finding.context_start
    return context_hash(finding.context, start, start + len(finding.match))


def relative(path: str, folder: str) -> str:
    """A file's path as a baseline records it: relative to the baseline's folder."""
    if path == "-":
        return path
    try:
        rel = os.path.relpath(os.path.abspath(path), os.path.abspath(folder))
    except ValueError:  # another drive
        rel = os.path.abspath(path)
    return rel.replace(os.sep, "/")


def source_of(result: FileResult) -> str | None:
    """The text a file's finding offsets refer to (None when only the context is known)."""
    if result.decoded is not None:
        return result.decoded.text
    return getattr(result, "source", "") or None


def keys(result: FileResult, folder: str) -> list[Key]:
    """The key of each finding of one file, in the order of the findings."""
    path = relative(result.path, folder)
    source = source_of(result)
    return [Key(path, f.rule, " ".join(f.match.split()), fingerprint(f, source)) for f in result.findings]


class Baseline:
    """Recorded findings (a multiset of keys) and the file they were read from."""

    def __init__(self, path: str, entries: Counter[Key]) -> None:
        self.path = path
        self.entries = entries
        self.folder = os.path.dirname(os.path.abspath(path))
        self._by_path: dict[str, dict[Key, int]] = {}
        for key, count in entries.items():
            self._by_path.setdefault(key.path, {})[key] = count

    def split(
        self, path: str, source: str | None, findings: Sequence[Finding]
    ) -> tuple[list[Finding], int, int]:
        """The findings of one file that the baseline does not record, how many it
        recorded (left out), and how many of its entries for the file no longer occur."""
        rel = relative(path, self.folder)
        left = Counter({k: n for k, n in self._by_path.get(rel, {}).items()})
        kept = []
        matched = 0
        for finding in findings:
            key = Key(rel, finding.rule, " ".join(finding.match.split()), fingerprint(finding, source))
            if left[key] > 0:
                left[key] -= 1
                matched += 1
            else:
                kept.append(finding)
        return kept, matched, sum(n for n in left.values() if n > 0)

    def summary(self, per_file: Mapping[str, tuple[int, int]]) -> Summary:
        """The run's summary from (matched, stale) per file checked; entries of files that
        no longer exist also count as no longer occurring."""
        checked = {relative(p, self.folder) for p in per_file}
        matched = sum(m for m, _ in per_file.values())
        stale = sum(s for _, s in per_file.values())
        for path, entries in self._by_path.items():
            if path not in checked and path != "-" and not os.path.exists(os.path.join(self.folder, path)):
                stale += sum(entries.values())
        return Summary(self.path, matched, stale)


def build(results: Iterable[FileResult], path: str, previous: Baseline | None = None) -> tuple[Baseline, int]:
    """A baseline of the findings in `results`, to be written at `path`.

    Entries of `previous` for files not checked this time are kept while the file
    exists; returns the baseline and how many entries were kept that way."""
    folder = os.path.dirname(os.path.abspath(path))
    entries: Counter[Key] = Counter()
    checked: set[str] = set()
    for result in results:
        if result.skip is not None:
            continue
        checked.add(relative(result.path, folder))
        entries.update(keys(result, folder))
    kept = 0
    if previous is not None:
        for key, count in previous.entries.items():
            rel = relative(os.path.join(previous.folder, key.path), folder)
            if rel not in checked and os.path.exists(os.path.join(folder, rel)):
                entries[key._replace(path=rel)] += count
                kept += count
    return Baseline(path, entries), kept


def dumps(baseline: Baseline, version: str) -> str:
    """The baseline file's text: sorted, one entry per distinct finding, with a count."""
    items = sorted(baseline.entries.items())
    data: dict[str, Any] = {
        "termlint_baseline": FORMAT,
        "generated_by": f"termlint {version}",
        "note": "Findings accepted for now: `termlint check --baseline FILE` reports only the others. "
                "Entries are keyed by rule, file, matched text and the words around the match. "
                "Update with `termlint baseline PATH ...`.",
        "findings": sum(n for _, n in items),
        "entries": [
            {"path": k.path, "rule": k.rule, "match": k.match, "context": k.context, "count": n}
            for k, n in items
        ],
    }
    import json

    from termlint.files import surrogates_escaped

    return surrogates_escaped(json.dumps(data, ensure_ascii=False, indent=2)) + "\n"


def loads(text: str, path: str) -> Baseline:
    """Parse a baseline file; a malformed one is a `ConfigError` naming it."""
    import json

    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise ConfigError(f"{path}:{exc.lineno}: not a termlint baseline: {exc.msg}") from exc
    if not isinstance(data, dict) or data.get("termlint_baseline") != FORMAT:
        raise ConfigError(f"{path}: not a termlint baseline (version {FORMAT}); "
                          "write one with `termlint baseline PATH ...`")
    raw = data.get("entries")
    if not isinstance(raw, list):
        raise ConfigError(f"{path}: `entries` must be a list")
    entries: Counter[Key] = Counter()
    for i, item in enumerate(raw):
        try:
            key = Key(*(item[f] for f in Key._fields))
            count = item.get("count", 1)
        except (KeyError, TypeError, AttributeError):
            raise ConfigError(f"{path}: entry {i + 1} needs {', '.join(Key._fields)} and count") from None
        if not all(isinstance(v, str) for v in key) or not isinstance(count, int) or count < 1:
            raise ConfigError(f"{path}: entry {i + 1}: fields must be strings, "
                              "and count a positive whole number")
        entries[key] += count
    return Baseline(path, entries)


def read(path: str) -> Baseline:
    try:
        with open(path, encoding="utf-8") as handle:
            text = handle.read()
    except FileNotFoundError:
        raise ConfigError(f"{path}: no such baseline file "
                          "(write one with `termlint baseline PATH ...`)") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"{path}: cannot read the baseline: {exc}") from exc
    return loads(text, path)

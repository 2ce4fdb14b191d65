"""The pipeline for one run: rules are chosen once, then each file is checked.

config -> rules -> document (adapter) -> matcher -> suppression -> findings -> fix plan.
This module reads files but never writes them and never prints: the CLI does both.
"""
from __future__ import annotations

import sys
from collections.abc import Sequence
from typing import NamedTuple

from termlint import adapters, files, fixer, rules, suppress
from termlint.document import Directive
from termlint.errors import TermlintError
from termlint.findings import Finding, Level
from termlint.matcher import Matcher, Options
from termlint.rules import Rule, RuleSet


class Settings(NamedTuple):
    rule_paths: tuple[str, ...] = ()
    select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    enable: tuple[str, ...] = ()  # opt-in rules or categories to switch on
    disable: tuple[str, ...] = ()
    levels: tuple[tuple[str, str], ...] = ()  # (rule id or category, level)
    language: str | None = None
    languages: tuple[str, ...] | None = None
    quotations: str = "downgrade"
    fail_on: Level = Level.WARNING
    encoding: str | None = None
    stdin_filename: str | None = None


class FileResult(NamedTuple):
    path: str
    findings: tuple[Finding, ...] = ()
    skip: files.Skip | None = None
    decoded: files.Decoded | None = None
    directives: tuple[Directive, ...] = ()
    unused: tuple[Directive, ...] = ()
    suppressed: int = 0


def load_ruleset(settings: Settings) -> RuleSet:
    """Bundled rules plus the user's, with the selection applied."""
    paths = [*rules.bundled_files(), *rules.expand(settings.rule_paths)]
    ruleset = rules.load(paths)
    return select(ruleset, settings)


def select(ruleset: RuleSet, settings: Settings) -> RuleSet:
    """Which rules run: opt-in rules are off unless enabled or selected by id or category."""
    known = {r.id for r in ruleset.rules} | {r.category for r in ruleset.rules}
    for name in (*settings.select, *settings.ignore, *settings.enable, *settings.disable,
                 *(n for n, _ in settings.levels)):
        if name not in known:
            raise TermlintError(f"unknown rule or category {name!r} (see `termlint rules`)")

    def named(rule: Rule, names: Sequence[str]) -> bool:
        return rule.id in names or rule.category in names

    levels = dict(settings.levels)
    out = []
    for rule in ruleset.rules:
        on = rule.enabled
        if named(rule, settings.enable):
            on = True
        if named(rule, settings.disable):
            on = False
        if settings.select:
            on = named(rule, settings.select)
        if named(rule, settings.ignore):
            on = False
        if not on:
            continue
        level = levels.get(rule.id) or levels.get(rule.category)
        if level is not None:
            rule = rule._replace(level=Level(level))
        out.append(rule)
    return ruleset.replace_rules(out)


def matcher_for(ruleset: RuleSet, settings: Settings) -> Matcher:
    return Matcher(
        ruleset,
        Options(
            language=settings.language,
            languages=settings.languages,
            quotations=settings.quotations,
        ),
    )


def read_source(path: str, settings: Settings) -> tuple[adapters.Format, files.Decoded | bytes] | files.Skip:
    """Read a path (or standard input for "-") into what its adapter needs."""
    name = settings.stdin_filename if path == "-" and settings.stdin_filename else path
    fmt = adapters.format_for(name)
    if path == "-":
        data = sys.stdin.buffer.read()
    else:
        reason = files.special(path)
        if reason is not None:
            return files.Skip(path, reason, error=not reason.endswith("skipped"))
        try:
            data = files.read_bytes(path)
        except FileNotFoundError:
            return files.Skip(path, "disappeared before it could be read")
        except OSError as exc:
            return files.Skip(path, f"cannot read: {exc.strerror or exc}")
    if fmt.binary:
        return fmt, data
    decoded = files.decode(name, data, settings.encoding)
    if isinstance(decoded, files.Skip):
        return decoded._replace(path=name)
    return fmt, decoded


def check_file(path: str, matcher: Matcher, settings: Settings) -> FileResult:
    source = read_source(path, settings)
    display = settings.stdin_filename if path == "-" and settings.stdin_filename else path
    if isinstance(source, files.Skip):
        return FileResult(display, skip=source)
    fmt, payload = source
    decoded = payload if isinstance(payload, files.Decoded) else None
    try:
        doc = adapters.read(fmt, display, payload.text if decoded else payload)
    except TermlintError as exc:
        return FileResult(display, skip=files.Skip(display, str(exc)))
    found = matcher.check(doc)
    kept, used = suppress.apply(found, doc.directives)
    unused = tuple(d for i, d in enumerate(doc.directives) if i not in used)
    return FileResult(display, tuple(kept), None, decoded, doc.directives, unused,
                      len(found) - len(kept))


def fixed_source(result: FileResult, *, unsafe: bool) -> tuple[str, int] | None:
    """The source with fixes applied, or None when there is nothing to apply."""
    if result.decoded is None:
        return None
    fixes = [f.fix for f in result.findings if f.fix is not None]
    if not fixes:
        return None
    text, count = fixer.apply(result.decoded.text, fixes, unsafe=unsafe)
    if count == 0 or text == result.decoded.text:
        return None
    return text, count

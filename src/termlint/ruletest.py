"""Run the examples that every rule carries (`termlint test-rules`).

Each `flag` example must give at least one finding of its rule, each `pass` example none,
and each `fix` example must become its `fixed` text when the rule's fixes (safe and
unsafe) are applied. Each rule runs alone, in its own language, so examples test the
rule itself and not its neighbours.
"""
from __future__ import annotations

import os
from collections.abc import Sequence

from termlint import fixer, rules
from termlint.document import Document
from termlint.matcher import Matcher, Options
from termlint.rules import Rule, RuleSet


def run(paths: Sequence[str]) -> tuple[list[str], int]:
    """Failures (one line each) and the number of examples run."""
    bundled = rules.bundled_files()
    user = rules.expand(paths) if paths else []
    bundled_real = {os.path.realpath(b) for b in bundled}
    ruleset = rules.load([*bundled, *[p for p in user if os.path.realpath(p) not in bundled_real]])
    tested_files = {os.path.realpath(p) for p in (user or bundled)}
    failures: list[str] = []
    total = 0
    for rule in ruleset.rules:
        if os.path.realpath(rule.path) not in tested_files:
            continue
        f, n = check_rule(ruleset, rule)
        failures.extend(f)
        total += n
    return failures, total


def matcher_for(ruleset: RuleSet, rule: Rule) -> Matcher:
    alone = ruleset.replace_rules([rule._replace(enabled=True)])
    return Matcher(alone, Options(language=rule.language, quotations="flag"))


def check_rule(ruleset: RuleSet, rule: Rule) -> tuple[list[str], int]:
    matcher = matcher_for(ruleset, rule)
    where = f"{rule.path}:{rule.line}: {rule.id}"
    failures = []
    for text in rule.examples.flag:
        if not matcher.check(Document("<example>", text)):
            failures.append(f"{where}: flag example not flagged: {text!r}")
    for text in rule.examples.passes:
        found = matcher.check(Document("<example>", text))
        if found:
            failures.append(f"{where}: pass example flagged ({found[0].match!r}): {text!r}")
    for text, expected in rule.examples.fixes:
        found = matcher.check(Document("<example>", text))
        fixes = [f.fix for f in found if f.fix is not None]
        result, _ = fixer.apply(text, fixes, unsafe=True)
        if result != expected:
            failures.append(f"{where}: fix example gave {result!r}, expected {expected!r}")
    n = len(rule.examples.flag) + len(rule.examples.passes) + len(rule.examples.fixes)
    return failures, n

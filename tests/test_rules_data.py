"""The bundled rules as data: schema, sources, examples, and the no-loop property."""
from __future__ import annotations

import pytest
from conftest import ROOT

from termlint import fixer, ruletest
from termlint.document import Document
from termlint.matcher import Matcher, Options


def all_on(bundled):
    return bundled.replace_rules(r._replace(enabled=True) for r in bundled.rules)


def test_every_rule_cites_sources_and_has_examples(bundled):
    for rule in bundled.rules:
        assert rule.sources, rule.id
        for src in rule.sources:
            assert src.title and src.year and src.address, rule.id
        assert len(rule.examples.flag) >= 3, rule.id
        assert len(rule.examples.passes) >= 3, rule.id
        assert rule.why and rule.message


@pytest.mark.parametrize("rule_id", [
    "illegal-migrant", "illegals-noun", "illegal-asylum-seeker", "illegal-alien", "alien-person",
    "illegal-act", "illegal-migration", "illegally-act", "clandestine-migrant", "irregulars-noun",
    "irregular-migrant-style", "undocumented-precision", "water-metaphor", "invasion-swarm",
    "bogus-asylum", "asylum-tourism", "asylum-shopping", "refugee-migrant-conflation",
    "economic-migrant-dismissive", "anchor-baby", "chain-migration", "guest-worker",
    "expat-asymmetry", "host-country", "assimilation", "smuggling-trafficking-mixup",
])
def test_terminology_rules_exist(bundled, rule_id):
    """Every English rule of TERMINOLOGY.md section 1.1 is shipped."""
    assert rule_id in bundled.by_id()


@pytest.mark.parametrize("rule_id, enabled", [
    ("irregular-migrant-style", False), ("undocumented-precision", False), ("expat-asymmetry", False),
    ("host-country", False), ("assimilation", False), ("illegal-migrant", True), ("water-metaphor", True),
])
def test_opt_in_rules_are_off_by_default(bundled, rule_id, enabled):
    assert bundled.by_id()[rule_id].enabled is enabled


@pytest.mark.parametrize("rule_id, level", [
    ("illegal-migrant", "error"), ("illegals-noun", "error"), ("illegal-asylum-seeker", "error"),
    ("illegal-alien", "error"), ("alien-person", "warning"), ("illegal-act", "warning"),
    ("clandestine-migrant", "warning"), ("irregulars-noun", "warning"), ("water-metaphor", "warning"),
    ("invasion-swarm", "warning"), ("bogus-asylum", "warning"), ("asylum-shopping", "suggestion"),
    ("refugee-migrant-conflation", "suggestion"), ("chain-migration", "suggestion"),
    ("guest-worker", "suggestion"), ("irregular-migrant-style", "suggestion"),
])
def test_levels_follow_the_terminology_research(bundled, rule_id, level):
    assert bundled.by_id()[rule_id].level.value == level


def test_rule_examples(bundled):
    failures = []
    for rule in bundled.rules:
        failed, _ = ruletest.check_rule(bundled, rule)
        failures.extend(failed)
    assert failures == []


@pytest.mark.parametrize("profile", ["default", "all rules on"])
def test_no_replacement_is_flagged_by_any_rule(bundled, default_rules, profile):
    """A suggestion is never itself a finding of the rules in force (codespell's loop test)."""
    ruleset = default_rules if profile == "default" else all_on(bundled)
    problems = []
    for rule in bundled.rules:
        matcher = Matcher(ruleset, Options(language=rule.language, quotations="flag"))
        for text in (*rule.examples.flag, *(t for t, _ in rule.examples.fixes)):
            for finding in matcher.check(Document("<ex>", text)):
                for suggestion in finding.suggestions:
                    hits = matcher.check(Document("<s>", suggestion))
                    if hits:
                        problems.append((rule.id, suggestion, hits[0].rule))
    assert problems == []


def test_fixed_examples_are_clean(bundled, default_rules):
    """Applying every fix to every flag example leaves nothing a default rule flags."""
    problems = []
    for rule in bundled.rules:
        if not rule.enabled:
            continue
        matcher = Matcher(default_rules, Options(language=rule.language))
        for text in rule.examples.flag:
            found = matcher.check(Document("<ex>", text))
            fixes = [f.fix for f in found if f.fix is not None and f.rule == rule.id]
            if not fixes:
                continue
            fixed, _ = fixer.apply(text, fixes, unsafe=True)
            again = [f for f in matcher.check(Document("<ex>", fixed)) if f.rule == rule.id]
            if again:
                problems.append((rule.id, text, fixed, again[0].match))
    assert problems == []


def test_rule_files_parse_as_documented(bundled):
    assert {p.rsplit("/", 1)[-1] for p in bundled.files} >= {"en.yaml", "sources.yaml"}
    assert (ROOT / "docs" / "rules.md").exists()

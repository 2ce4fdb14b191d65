"""A malformed rule file is a clear error naming the file, line, rule and field."""
from __future__ import annotations

import pytest

from termlint import rules
from termlint.errors import RuleError

GOOD = """\
language: en
rules:
  - id: my-rule
    level: warning
    category: test
    message: "x"
    why: "y"
    terms: ["illegal thing"]
    sources: [{title: T, year: 2024, address: https://example.org}]
    examples: {flag: [an illegal thing], pass: [a thing]}
"""


def load_text(tmp_path, text):
    path = tmp_path / "r.yaml"
    path.write_text(text, encoding="utf-8")
    return rules.load([path]), str(path)


def error_of(tmp_path, text):
    path = tmp_path / "r.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(RuleError) as info:
        rules.load([path])
    return info.value, str(path)


def test_good_file_loads(tmp_path):
    ruleset, _ = load_text(tmp_path, GOOD)
    assert [r.id for r in ruleset.rules] == ["my-rule"]


@pytest.mark.parametrize(
    "old, new, line, field, words",
    [
        ("level: warning", "level: severe", 4, "level", "must be one of"),
        ("    why: \"y\"\n", "    why: \"y\"\n    colour: red\n", 8, "colour", "unknown key"),
        ('terms: ["illegal thing"]', "terms: illegal thing", 8, "terms", "non-empty list"),
        ('terms: ["illegal thing"]', 'terms: ["illegal @nolist"]', 8, "terms", "unknown list @nolist"),
        ("id: my-rule", "id: My Rule", 3, "id", "lower-case"),
        ("    sources: [{title: T, year: 2024, address: https://example.org}]\n", "", 3, "sources", "missing required field"),
        ('terms: ["illegal thing"]', "pattern: '(unclosed'", 8, "pattern", "invalid regular expression"),
        ('    why: "y"\n', '    why: "y"\n    replace: ["{nosuch} things"]\n', 8, "replace", "names no capture"),
        ('    why: "y"\n', '    why: "y"\n    replace: ["{person|people things"]\n', 8, "replace", "unbalanced braces"),
        ('terms: ["illegal thing"]', "terms: [\"it is|it's|it was an illegal thing\"]", 8, "terms", "joins single words"),
        ('    why: "y"\n', '    why: "y"\n    replace: ["person}} things"]\n', 8, "replace", "unbalanced braces"),
        ("sources: [{title: T, year: 2024, address: https://example.org}]", "sources: [S99]", 9, "sources", "unknown source id"),
        ('message: "x"', 'message: "x {suggestion"', 6, "message", "expected '}'"),
        ('message: "x"', 'message: "x {suggestoin}"', 6, "message", "{match} and {suggestion} only"),
        ('message: "x"', 'message: "x {0}"', 6, "message", "{match} and {suggestion} only"),
        ('    why: "y"\n', '    why: "y"\n    replace: ["irregular {=x} things"]\n', 8, "replace", "neither a capture"),
        ('    why: "y"\n', '    why: "y"\n    replace: [""]\n', 8, "replace", "cannot be empty"),
        ('    why: "y"\n', '    why: "y"\n    map: {illegal thing: lawful thing}\n', 8, "map", "one word"),
        ('    why: "y"\n', '    why: "y"\n    requires: [{any: [x], within: true}]\n', 8, "requires", "within"),
        ("examples: {flag: [an illegal thing], pass: [a thing]}",
         'examples: {flag: [an illegal thing], pass: [a thing], fix: "an illegal thing"}', 10, "examples", "list"),
    ],
)
def test_bad_field(tmp_path, old, new, line, field, words):
    err, path = error_of(tmp_path, GOOD.replace(old, new))
    assert err.path == path
    assert err.line == line
    assert err.field == field
    assert err.rule in ("my-rule", "My Rule", None)
    assert words in str(err)
    assert str(err).startswith(f"{path}:{line}")


def test_rule_id_is_named(tmp_path):
    err, _ = error_of(tmp_path, GOOD.replace("level: warning", "level: 3"))
    assert err.rule == "my-rule"
    assert "rule 'my-rule'" in str(err)


def test_yaml_syntax_error_names_line_and_column(tmp_path):
    err, path = error_of(tmp_path, GOOD.replace('message: "x"', 'message: "x'))
    assert err.path == path and err.line is not None and err.column is not None


def test_duplicate_ids(tmp_path):
    text = GOOD + GOOD.split("rules:\n", 1)[1]
    err, _ = error_of(tmp_path, text)
    assert "duplicate rule id" in str(err) and err.field == "id" and err.line == 11


def test_duplicate_key(tmp_path):
    err, _ = error_of(tmp_path, GOOD.replace('message: "x"', 'message: "x"\n    message: "z"'))
    assert "twice" in str(err)


def test_python_object_tags_are_refused(tmp_path):
    err, _ = error_of(tmp_path, GOOD.replace('message: "x"', "message: !!python/object/apply:os.system ['echo hi']"))
    assert "tag" in str(err)


def test_missing_language(tmp_path):
    err, _ = error_of(tmp_path, GOOD.replace("language: en", "language: xx"))
    assert err.field == "language" and err.line == 1


def test_empty_file(tmp_path):
    err, _ = error_of(tmp_path, "")
    assert "mapping" in str(err)


def test_bad_condition(tmp_path):
    err, _ = error_of(tmp_path, GOOD.replace('    why: "y"\n', '    why: "y"\n    requires: [{any: [x], within: forever}]\n'))
    assert err.field == "requires" and "within" in str(err)


def test_a_term_that_comes_again_is_compiled_once_and_shared():
    """A cue list many rules require is one object in the rule set (held, stored and loaded once)."""
    from termlint import rules

    loaded = rules._load(rules.bundled_files())
    ids: dict[tuple[str, str], set[int]] = {}
    uses: dict[tuple[str, str], int] = {}
    for rule in loaded.rules:
        for c in (*rule.terms, *rule.exceptions, *(t for cond in (*rule.requires, *rule.unless) for t in cond.terms)):
            ids.setdefault((rule.language, c.source), set()).add(id(c))
            uses[(rule.language, c.source)] = uses.get((rule.language, c.source), 0) + 1
    assert max(uses.values()) > 1  # some term does come again
    assert all(len(found) == 1 for found in ids.values())


def test_a_compound_takes_its_alternatives_part_by_part():
    """`+` joins parts written together and `|` separates the alternatives of one part:
    "@prefix+welle|flut" is the prefix followed by "welle" or "flut", never "flut" alone."""
    import regex

    from termlint.patterns import Compiler, PatternError

    de = Compiler("de", {"prefix": ["=flüchtlings", "=migrations"]})
    compiled = regex.compile(de.compile("@prefix+welle|flut").pattern, regex.IGNORECASE)
    found = [bool(compiled.fullmatch(w)) for w in
             ("Flüchtlingswelle", "Migrationsfluten", "Flut", "Welle", "Migrationsstrom", "Flüchtlings-Welle")]
    assert found == [True, True, False, False, False, True]
    either = regex.compile(de.compile("asyl|flüchtlings+heim").pattern, regex.IGNORECASE)
    assert [bool(either.fullmatch(w)) for w in ("Asylheim", "Flüchtlingsheime", "Asyl", "Heim")] == \
        [True, True, False, False]
    with pytest.raises(PatternError):
        de.compile("@prefix+|flut")


def test_a_folder_without_rule_files_is_an_error_and_extensions_ignore_case(tmp_path):
    (tmp_path / "empty").mkdir()
    with pytest.raises(RuleError, match="no rule files"):
        rules.expand([tmp_path / "empty"])
    (tmp_path / "house").mkdir()
    (tmp_path / "house" / "Style.YAML").write_text(GOOD, encoding="utf-8")
    assert rules.expand([tmp_path / "house"]) == [str(tmp_path / "house" / "Style.YAML")]

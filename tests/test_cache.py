"""The disk cache: same results with and without it, and never a failure because of it."""
from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from termlint import cache, rules


@pytest.fixture
def cache_dir(tmp_path, monkeypatch):
    folder = tmp_path / "cache"
    monkeypatch.setenv("TERMLINT_CACHE_DIR", str(folder))
    monkeypatch.delenv("TERMLINT_NO_CACHE", raising=False)
    cache.reset()
    yield folder
    cache.reset()


RULE = """language: en
rules:
  - id: wetback
    level: error
    category: slur
    message: Do not use “{{match}}”.
    why: A slur.
    terms: [{term}]
    sources: [{{title: t, year: 2020, address: https://example.org}}]
    examples: {{flag: [x], pass: [y]}}
"""


def _counting(calls):
    def load(paths):
        calls.append(list(paths))
        return rules._load(paths)

    return load


def test_a_rule_set_is_loaded_once_then_read_from_the_cache(cache_dir, tmp_path):
    path = tmp_path / "mine.yaml"
    path.write_text(RULE.format(term="wetback"), encoding="utf-8")
    calls: list[list[Path]] = []
    first = cache.ruleset([path], _counting(calls))
    second = cache.ruleset([path], _counting(calls))
    assert len(calls) == 1
    assert first == second
    assert second.rules[0].terms[0].source == "wetback"
    assert list((cache_dir / "rules").glob("*.pickle"))


def test_an_edited_rule_file_is_loaded_again(cache_dir, tmp_path):
    path = tmp_path / "mine.yaml"
    path.write_text(RULE.format(term="wetback"), encoding="utf-8")
    calls: list[list[Path]] = []
    cache.ruleset([path], _counting(calls))
    path.write_text(RULE.format(term="wetbacks"), encoding="utf-8")
    edited = cache.ruleset([path], _counting(calls))
    assert len(calls) == 2
    assert edited.rules[0].terms[0].source == "wetbacks"


def test_rules_load_goes_through_the_cache_and_gives_the_same_rules(cache_dir):
    files = rules.bundled_files()
    fresh = rules._load(files)
    assert rules.load(files) == fresh  # stored
    assert rules.load(files) == fresh  # read back


def test_a_stored_rule_set_holds_each_equal_value_once_and_stays_equal(cache_dir):
    fresh = rules._load(rules.bundled_files())
    shared = cache._shared(fresh, {})
    assert shared == fresh and type(shared) is type(fresh)
    assert [type(r) for r in shared.rules] == [type(r) for r in fresh.rules]

    def strings(value, out):
        if isinstance(value, str):
            out.append(value)
        elif isinstance(value, (tuple, list, frozenset)):
            for item in value:
                strings(item, out)
        elif isinstance(value, dict):
            for k, v in value.items():
                strings(k, out)
                strings(v, out)
        return out

    before, after = strings(fresh, []), strings(shared, [])
    assert len({id(s) for s in after}) == len(set(after)) < len({id(s) for s in before})
    # Equal but not the same: never merged (1 and True, 1.0 and -0.0 and 0.0 stay apart).
    mixed = [(1,), (True,), 1, True, frozenset({1}), frozenset({True}), -0.0, 0.0, ("a", [1]), ("a", [1])]
    again = cache._shared(mixed, {})
    assert again == mixed and [repr(v) for v in again] == [repr(v) for v in mixed]
    assert type(again[1][0]) is bool and type(next(iter(again[5]))) is bool


def test_no_cache_means_no_folder(cache_dir, tmp_path, monkeypatch):
    monkeypatch.setenv("TERMLINT_NO_CACHE", "1")
    cache.reset()
    path = tmp_path / "mine.yaml"
    path.write_text(RULE.format(term="wetback"), encoding="utf-8")
    calls: list[list[Path]] = []
    cache.ruleset([path], _counting(calls))
    cache.ruleset([path], _counting(calls))
    assert len(calls) == 2
    assert not cache_dir.exists()


def test_an_unwritable_cache_is_ignored(tmp_path, monkeypatch):
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the cache folder should be")
    monkeypatch.setenv("TERMLINT_CACHE_DIR", str(blocker / "cache"))
    cache.reset()
    try:
        path = tmp_path / "mine.yaml"
        path.write_text(RULE.format(term="wetback"), encoding="utf-8")
        loaded = cache.ruleset([path], rules._load)
        assert loaded.rules[0].id == "wetback"
        cache.put_blob("kind", b"key", b"data")
        assert cache.get_blob("kind", b"key") is None
    finally:
        cache.reset()


def test_a_damaged_entry_is_rebuilt(cache_dir, tmp_path):
    path = tmp_path / "mine.yaml"
    path.write_text(RULE.format(term="wetback"), encoding="utf-8")
    cache.ruleset([path], rules._load)
    for entry in (cache_dir / "rules").glob("*.pickle"):
        entry.write_bytes(b"not a pickle")
    calls: list[list[Path]] = []
    again = cache.ruleset([path], _counting(calls))
    assert len(calls) == 1 and again.rules[0].id == "wetback"


def test_a_missing_rule_file_still_gets_the_loaders_error(cache_dir, tmp_path):
    with pytest.raises(Exception) as caught:
        cache.ruleset([tmp_path / "nope.yaml"], rules._load)
    assert "nope.yaml" in str(caught.value)


_PROBE = r"""
import sys
from termlint import cache
cache.install()
import regex
FLAGS = regex.I | regex.V1 | regex.FULLCASE
p = regex.compile(r"(?<![\w])(?P<head>illegal(?:ly)?)\s+(?:im)?migrants?", FLAGS)
text = "The ILLEGAL immigrants; illegally  migrant; STRASSE straße"
print([(m.span(), m.group("head")) for m in p.finditer(text)], p.groupindex, int(p.flags))
q = regex.compile(r"stra(?:ss|ß)e", FLAGS)
print([m.span() for m in q.finditer(text)])
"""


def _probe(env: dict[str, str]) -> str:
    done = subprocess.run([sys.executable, "-c", _PROBE], env=env, capture_output=True, text=True, check=True)
    return done.stdout


def test_compiled_regexes_from_the_cache_behave_like_fresh_ones(cache_dir):
    env = {**os.environ, "TERMLINT_CACHE_DIR": str(cache_dir)}
    off = _probe({**env, "TERMLINT_NO_CACHE": "1"})
    first = _probe(env)  # compiles and stores
    entries = list(cache_dir.glob("regex-*/*"))
    assert entries
    second = _probe(env)  # reads the stored programs
    assert off == first == second
    for entry in entries:  # damaged entries are compiled afresh
        entry.write_bytes(b"\x80garbage")
    assert _probe(env) == off


def _re_probe_results(pattern: re.Pattern[str]) -> list[tuple[str, tuple[int, int], dict[str, str | None]]]:
    texts = ["Illegal ALIENS were held", "an illegal-alien", "illegal\u00a0aliens", "nothing here"]
    return [(m.group(0), m.span(), m.groupdict()) for t in texts for m in pattern.finditer(t)]


def test_re_patterns_from_the_cache_behave_like_fresh_ones(cache_dir):
    source = r"\b(?P<adj>illegal)[\s\-]+(?P<head>aliens?)\b"
    fresh = re.compile(source, re.IGNORECASE)
    stored = cache.compile_re(source, re.IGNORECASE)
    entries = list(cache_dir.glob("re-*/*"))
    assert len(entries) == 1
    cache._re_memo.clear()
    loaded = cache.compile_re(source, re.IGNORECASE)  # from the disk entry, not compiled
    assert loaded is not stored
    assert loaded.pattern == fresh.pattern and loaded.flags == fresh.flags
    assert loaded.groupindex == fresh.groupindex
    assert _re_probe_results(loaded) == _re_probe_results(fresh) != []
    entries[0].write_bytes(b"\x80garbage")  # a damaged entry is compiled afresh
    cache._re_memo.clear()
    assert _re_probe_results(cache.compile_re(source, re.IGNORECASE)) == _re_probe_results(fresh)


_RE_PROBE = r"""
import re, sys
from termlint import cache
assert cache.install_re()
p = re.compile(r"\b(?P<adj>illegal)[\s\-]+(?P<head>aliens?)\b", re.IGNORECASE)
texts = ["Illegal ALIENS were held", "an illegal-alien", "nothing here"]
print([(m.span(), m.groupdict()) for t in texts for m in p.finditer(t)], p.groupindex, int(p.flags))
print(re.compile(rb"(a+)b").match(b"aab").span(1), re.sub(r"(\w+)@", r"<\1>", "x@ y@"))
try:
    re.compile("(unclosed")
except re.error as exc:
    print("error", exc)
"""


def test_re_compilations_through_install_re_behave_like_fresh_ones(cache_dir):
    env = {**os.environ, "TERMLINT_CACHE_DIR": str(cache_dir)}

    def probe(extra: dict[str, str]) -> str:
        return subprocess.run([sys.executable, "-c", _RE_PROBE], env={**env, **extra}, capture_output=True,
                              text=True, check=True).stdout

    off = probe({"TERMLINT_NO_CACHE": "1"})
    first = probe({})  # compiles and stores
    stored = {e.name for e in cache_dir.glob("re-*/*")}
    assert stored  # re's own compilations went to the disk cache
    assert probe({}) == first == off  # the second run reads them back, same behaviour
    assert {e.name for e in cache_dir.glob("re-*/*")} == stored
    assert "error missing ), unterminated subpattern" in off


def test_a_bad_re_pattern_raises_as_re_does(cache_dir):
    with pytest.raises(re.error):
        cache.compile_re("(unclosed", 0)


def test_a_configuration_is_parsed_once_then_read_from_the_cache(cache_dir, tmp_path):
    from termlint import yamlio

    calls: list[str] = []

    def parse(text: str, name: str):
        calls.append(name)
        return yamlio.load(text, name)

    text = "fail_on: error\nrules:\n  illegal-act: error\n"
    first = cache.parsed("config", text, "a.yaml", parse)
    second = cache.parsed("config", text, "a.yaml", parse)
    assert calls == ["a.yaml"]
    assert second == first == {"fail_on": "error", "rules": {"illegal-act": "error"}}
    assert second.line_of("rules") == 2 and second["rules"].line_of("illegal-act") == 3
    cache.parsed("config", text + "# edited\n", "a.yaml", parse)
    assert calls == ["a.yaml", "a.yaml"]
    for entry in cache_dir.glob("config/*"):
        entry.write_bytes(b"\x80garbage")
    assert cache.parsed("config", text, "a.yaml", parse) == first and len(calls) == 3


def test_a_configuration_error_is_raised_every_time(cache_dir):
    from termlint import yamlio
    from termlint.errors import RuleError

    for _ in range(2):
        with pytest.raises(RuleError, match="bad.yaml:2"):
            cache.parsed("config", "a: 1\n  b: [\n", "bad.yaml", yamlio.load)
    assert not list(cache_dir.glob("config/*"))


def test_a_pyproject_table_is_parsed_once_then_read_from_the_cache(cache_dir, tmp_path, monkeypatch):
    from termlint import config

    calls: list[str] = []
    parse = config._parse_toml

    def counting(text: str, name: str):
        calls.append(name)
        return parse(text, name)

    monkeypatch.setattr(config, "_parse_toml", counting)
    project = tmp_path / "pyproject.toml"
    project.write_text('[project]\nname = "x"\n\n[tool.termlint]\nfail_on = "error"\n', encoding="utf-8")
    first, second = config.load(project), config.load(project)
    assert first == second and first.fail_on == "error"
    assert calls == [str(project)]
    project.write_text('[tool.termlint]\nfail_on = "suggestion"\n', encoding="utf-8")
    assert config.load(project).fail_on == "suggestion" and len(calls) == 2
    project.write_text('[tool.termlint\nfail_on = 1\n', encoding="utf-8")
    with pytest.raises(config.ConfigError, match="invalid TOML"):
        config.load(project)


def test_each_kind_of_blob_keeps_its_newest_entries_only(cache_dir, monkeypatch):
    monkeypatch.setattr(cache, "_KEEP_BLOBS", 5)
    for i in range(12):
        cache.put_blob("config", f"key {i}".encode(), f"value {i}".encode())
        for entry in (cache_dir / "config").iterdir():  # written i seconds after the epoch, or earlier
            if entry.stat().st_mtime > 1_000_000:
                os.utime(entry, (i, i))
    assert len(list((cache_dir / "config").iterdir())) == 5
    assert [cache.get_blob("config", f"key {i}".encode()) for i in (6, 7, 11)] == [None, b"value 7", b"value 11"]

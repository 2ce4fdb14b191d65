"""`rx`: `regex` as termlint uses it, its patterns read from the disk cache without
loading `regex`'s pattern compiler; the same results as `regex` itself, always."""
from __future__ import annotations

import json
import os
import subprocess
import sys

import regex
from hypothesis import given
from hypothesis import strategies as st

from termlint import rx


def test_the_flags_are_regexs_own_numbers():
    for name in ("IGNORECASE", "MULTILINE", "DOTALL", "VERSION1", "REVERSE", "FULLCASE"):
        assert getattr(rx, name) == int(getattr(regex, name)), name


@given(st.text(alphabet=st.sampled_from("ab _-.\\()[]{}?*+|^$#&~\t\n\r\x0b\x0c'\"é€\x00/,:;<=>!@%`"), max_size=12))
def test_escape_is_regexs_escape(text):
    assert rx.escape(text) == regex.escape(text)
    assert regex.fullmatch(rx.escape(text), text, regex.V1) is not None


_PROBE = r"""
import json, sys
from termlint import rx
patterns = [(r"(?<![\w])(?P<head>illegal(?:ly)?)\s+(?:im)?migrants?", rx.IGNORECASE | rx.VERSION1 | rx.FULLCASE),
            (r"stra(?:ss|ß)e", rx.IGNORECASE | rx.VERSION1 | rx.FULLCASE), (r"[\s,]+", 0)]
text = "The ILLEGAL immigrants; illegally  migrant, STRASSE straße"
out = [[(m.span(), m.groupdict()) for m in rx.compile(p, f).finditer(text)] for p, f in patterns]
out.append(rx.split(r"[\s,]+", text))
out.append(rx.sub(r"stra(?:ss|ß)e", "road", text, flags=rx.IGNORECASE | rx.VERSION1 | rx.FULLCASE))
out.append(rx.findall(r"\p{Lu}+", text))
out.append(rx.search(r"im\w+", text).span())
print(json.dumps([out, "regex._main" in sys.modules]))
"""


def _probe(env: dict[str, str]) -> tuple[object, bool]:
    done = subprocess.run([sys.executable, "-c", _PROBE], env=env, capture_output=True, text=True, check=True)
    out, loaded = json.loads(done.stdout)
    return out, loaded


def test_cached_patterns_need_no_regex_compiler_and_match_as_regex_does(tmp_path):
    env = {**os.environ, "TERMLINT_CACHE_DIR": str(tmp_path / "cache")}
    env.pop("TERMLINT_NO_CACHE", None)
    off, loaded_off = _probe({**env, "TERMLINT_NO_CACHE": "1"})
    first, loaded_first = _probe(env)  # compiles with regex, and stores the programs
    second, loaded_second = _probe(env)  # reads them
    assert loaded_off and loaded_first and not loaded_second
    assert off == first == second
    assert off[0] and off[1] and off[5] == ["T", "ILLEGAL", "STRASSE"] and off[4].endswith("road road")


def test_without_a_cache_rx_is_regex(monkeypatch):
    monkeypatch.setenv("TERMLINT_NO_CACHE", "1")
    pattern = rx.compile(r"(?P<w>\w+)-(?P=w)", rx.IGNORECASE)
    assert isinstance(pattern, regex.Pattern)
    assert pattern.search("a Big-big word").span() == (2, 9)
    assert rx.sub(r"(\w+)@", r"<\1>", "x@ y") == "<x> y"
    assert rx.error is regex.error


def test_a_lazy_pattern_is_compiled_at_its_first_use_and_then_is_the_pattern(monkeypatch):
    source, flags = r"(?P<w>migr\w+)", rx.IGNORECASE | rx.VERSION1
    compiled: list[tuple[str, int]] = []
    real = rx.compile

    def counting(pattern, flags=0):
        compiled.append((pattern, flags))
        return real(pattern, flags)

    monkeypatch.setattr(rx, "compile", counting)
    lazy = rx.lazy(source, flags)
    assert compiled == []  # defining it compiles nothing
    expected = regex.compile(source, flags)
    text = "Migrants and MIGRATION; emigrants"
    assert [m.span() for m in lazy.finditer(text)] == [m.span() for m in expected.finditer(text)]
    assert compiled == [(source, flags)]
    assert lazy.sub("x", text) == expected.sub("x", text) and lazy.split(text) == expected.split(text)
    assert (lazy.pattern, lazy.groupindex, lazy.groups) == (expected.pattern, expected.groupindex, expected.groups)
    assert lazy.search(text, 5).span() == expected.search(text, 5).span()
    assert compiled == [(source, flags)]  # once only

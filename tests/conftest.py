from __future__ import annotations

import io
import json
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, NamedTuple

import pytest

from termlint import cli, rules
from termlint.document import Document
from termlint.findings import Finding
from termlint.matcher import Matcher, Options
from termlint.rules import RuleSet

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "seeds" / "000_24dd8ff71a2134a1.txt"


class Run(NamedTuple):
    code: int
    out: str
    err: str


@pytest.fixture(scope="session")
def bundled() -> RuleSet:
    return rules.load(rules.bundled_files())


@pytest.fixture(scope="session")
def default_rules(bundled: RuleSet) -> RuleSet:
    return bundled.replace_rules(r for r in bundled.rules if r.enabled)


@pytest.fixture(scope="session")
def check(default_rules: RuleSet) -> Callable[..., list[Finding]]:
    cache: dict[tuple[object, ...], Matcher] = {}

    def _check(text: str, lang: str | None = "en", quotations: str = "downgrade",
               ruleset: RuleSet | None = None) -> list[Finding]:
        rs = ruleset or default_rules
        key = (id(rs), lang, quotations)
        if key not in cache:
            cache[key] = Matcher(rs, Options(language=lang, quotations=quotations))
        return cache[key].check(Document("<test>", text))

    return _check


@pytest.fixture
def run(monkeypatch: pytest.MonkeyPatch) -> Callable[..., Run]:
    def _run(argv: Sequence[str], stdin: str | bytes | None = None) -> Run:
        out, err = io.StringIO(), io.StringIO()
        data = stdin.encode() if isinstance(stdin, str) else (stdin or b"")
        fake_in = io.TextIOWrapper(io.BytesIO(data), encoding="utf-8")
        out_bytes = io.BytesIO()
        fake_out = io.TextIOWrapper(out_bytes, encoding="utf-8", write_through=True)
        monkeypatch.setattr(sys, "stdin", fake_in)
        monkeypatch.setattr(sys, "stdout", fake_out)
        monkeypatch.setattr(sys, "stderr", err)
        code = cli.main(list(argv))
        fake_out.flush()
        return Run(code, out_bytes.getvalue().decode("utf-8") + out.getvalue(), err.getvalue())

    return _run


def write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def replacing_rule(tmp_path: Path, rule_id: str, replacement: str) -> Path:
    """A rule file of one English rule that flags "illegals" and fixes it with `replacement`."""
    return write(tmp_path, "r.yaml", f"""language: en
rules:
  - id: {rule_id}
    level: error
    category: test
    message: m
    why: w
    terms: ["=illegals"]
    replace: [{json.dumps(replacement, ensure_ascii=False)}]
    sources: [{{title: T, year: 2024, address: https://example.org}}]
    examples: {{flag: [], pass: []}}
""")


def fail_writes(monkeypatch: pytest.MonkeyPatch, failure: BaseException,
                fails: Callable[[], bool] = lambda: True) -> None:
    """Make a write through `os.fdopen` write half its data and raise `failure` whenever
    `fails()` says so (a full disk, an I/O error or Ctrl-C in the middle of a write)."""
    import os

    real_fdopen = os.fdopen

    class Failing:
        def __init__(self, handle: Any) -> None:
            self.handle = handle

        def __enter__(self) -> Failing:
            return self

        def __exit__(self, *exc: object) -> None:
            self.handle.close()

        def write(self, data: Any) -> Any:
            if fails():
                self.handle.write(data[: len(data) // 2])
                raise failure
            return self.handle.write(data)

        def __getattr__(self, attr: str) -> Any:
            return getattr(self.handle, attr)

    monkeypatch.setattr(os, "fdopen", lambda fd, *a, **k: Failing(real_fdopen(fd, *a, **k)))

"""Golden files: the text and JSON reports of the seed document."""
from __future__ import annotations

import json
import os

import pytest
from conftest import ROOT, SEED

GOLDEN = ROOT / "tests" / "golden"
UPDATE = os.environ.get("TERMLINT_UPDATE_GOLDEN") == "1"


def compare(name: str, actual: str) -> None:
    path = GOLDEN / name
    if UPDATE:
        path.write_text(actual, encoding="utf-8")
    assert path.exists(), f"missing golden file {path}; run with TERMLINT_UPDATE_GOLDEN=1"
    assert actual == path.read_text(encoding="utf-8")


@pytest.fixture
def seed_arg(monkeypatch):
    monkeypatch.chdir(ROOT)
    return os.path.relpath(SEED, ROOT)


def test_seed_text_report(run, seed_arg):
    r = run(["check", seed_arg])
    compare("seed.text", r.out)


def test_seed_json_report(run, seed_arg):
    r = run(["check", "--format", "json", seed_arg])
    compare("seed.json", r.out)
    data = json.loads(r.out)
    assert [(f["line"], f["level"]) for f in data["findings"]] == [(26, "warning"), (56, "warning"), (74, "warning")]


def test_seed_exactly_three_warnings_and_nothing_on_mentions(run, seed_arg):
    data = json.loads(run(["check", "--format", "json", "--fail-on", "suggestion", seed_arg]).out)
    assert len(data["findings"]) == 3
    assert {f["level"] for f in data["findings"]} == {"warning"}
    assert not {9, 36, 72, 80} & {f["line"] for f in data["findings"]}
    assert data["findings"][0]["match"] == "illegal flows of foreign labour forces"


def test_the_text_report_is_the_same_whether_its_lines_were_made_ahead_or_not(run, seed_arg):
    """The CLI has each file's lines made where the file is checked (FileResult.shown);
    written from the findings alone, the report must not differ by a character."""
    import io

    from termlint import __version__, engine, report
    from termlint.matcher import Matcher
    from termlint.report import text

    matcher = Matcher(engine.load_ruleset(engine.Settings()))
    result = engine.check_file(seed_arg, matcher, engine.Settings())
    assert result.findings and result.shown is None
    ahead = result._replace(shown=text.finding_lines(result.findings))
    outputs = []
    for one in (result, ahead):
        stream = io.StringIO()
        report.write("text", report.Report((one,), __version__), stream)
        outputs.append(stream.getvalue())
    assert outputs[0] == outputs[1] == run(["check", seed_arg]).out

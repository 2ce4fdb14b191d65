"""Formats for CI end to end: GitHub workflow commands, JUnit XML, `auto`, `--output`."""
from __future__ import annotations

import json
import xml.etree.ElementTree as ET

import pytest
from conftest import write

from termlint.report import github

TEXT = (
    "Police arrested illegal immigrants at the port.\n"
    "The patrol recorded more illegal border crossings this summer.\n"
    "Chain migration was debated.\n"
)


@pytest.fixture
def draft(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("GITHUB_WORKSPACE", raising=False)
    return write(tmp_path, "draft.md", TEXT)


def test_github_annotations(run, draft):
    r = run(["check", "--no-config", "--format", "github", "draft.md"])
    assert r.code == 1
    lines = r.out.splitlines()
    assert lines[0].startswith("::error file=draft.md,line=1,col=17,endLine=1,endColumn=35,"
                               "title=illegal-migrant::People cannot be illegal")
    assert "%0ASuggestions: migrants in an irregular situation · irregular migrants" in lines[0]
    assert lines[1].startswith("::warning file=draft.md,line=2,col=26,endLine=2,endColumn=50,"
                               "title=illegal-act::")
    assert lines[2].startswith("::notice file=draft.md,line=3,col=1,endLine=3,endColumn=16,"
                               "title=chain-migration::")
    assert lines[-1] == "termlint: 1 error, 1 warning and 1 suggestion in 1 file checked."


def test_github_escaping(run, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("GITHUB_WORKSPACE", raising=False)
    write(tmp_path, "a,b:c%.md", "Illegal immigrants were detained.\n")
    out = run(["check", "--no-config", "--format", "github", "a,b:c%.md"]).out
    assert out.startswith("::error file=a%2Cb%3Ac%25.md,line=1,")
    assert github.escape_data("50% done\r\nnext: a, b") == "50%25 done%0D%0Anext: a, b"
    assert github.escape_property("50% done\r\nnext: a, b") == "50%25 done%0D%0Anext%3A a%2C b"
    assert github.command("notice", "m", file="f", line=None, title="") == "::notice file=f::m"


def test_github_paths_are_relative_to_the_workspace(run, draft, monkeypatch):
    monkeypatch.setenv("GITHUB_WORKSPACE", str(draft.parent.parent))
    out = run(["check", "--no-config", "--format", "github", str(draft)]).out
    assert out.startswith(f"::error file={draft.parent.name}/draft.md,line=1,")


def test_auto_is_github_inside_actions_and_text_elsewhere(run, draft, monkeypatch):
    auto = ["check", "--no-config", "--format", "auto", "draft.md"]
    monkeypatch.setenv("GITHUB_ACTIONS", "true")
    assert run(auto).out.startswith("::error file=draft.md")
    monkeypatch.setenv("GITHUB_ACTIONS", "false")
    assert run(auto).out.startswith("draft.md:1:17: error")
    monkeypatch.delenv("GITHUB_ACTIONS")
    assert run(auto).out.startswith("draft.md:1:17: error")


def test_github_reports_unreadable_files_and_unused_suppressions(run, draft):
    write(draft.parent, "b.md", "<!-- termlint-disable-next-line -->\nCalm.\n")
    r = run(["check", "--no-config", "--format", "github", "--report-unused-suppressions", "b.md", "gone.md"])
    assert r.code == 2
    assert "::error file=gone.md,title=termlint::no such file or directory" in r.out
    assert "::warning file=b.md,line=1,title=unused-suppression::Unused suppression (every rule)" in r.out


def test_junit_is_valid_xml_with_a_failure_per_finding(run, draft):
    write(draft.parent, "clean.md", "Migrants in an irregular situation were detained.\n")
    write(draft.parent, "binary.md", "\x00\x01 binary")
    r = run(["check", "--no-config", "--format", "junit", ".", "gone.md"])
    assert r.code == 2
    assert r.out.startswith('<?xml version="1.0" encoding="UTF-8"?>\n')
    root = ET.fromstring(r.out.split("\n", 1)[1])
    assert root.tag == "testsuites"
    suites = {s.get("name"): s for s in root.findall("testsuite")}
    assert set(suites) == {"./binary.md", "./clean.md", "./draft.md", "gone.md"} or \
        set(suites) == {"binary.md", "clean.md", "draft.md", "gone.md"}
    draft_suite = next(s for n, s in suites.items() if n.endswith("draft.md"))
    # error and warning fail (the default fail level); the suggestion is in system-out.
    failures = draft_suite.findall("testcase/failure")
    assert [f.get("type") for f in failures] == ["error", "warning"]
    assert draft_suite.get("tests") == "2" and draft_suite.get("failures") == "2"
    assert "chain-migration" in draft_suite.find("system-out").text
    clean = next(s for n, s in suites.items() if n.endswith("clean.md"))
    assert clean.get("failures") == "0" and len(clean.findall("testcase")) == 1
    assert suites["gone.md"].find("testcase/error") is not None
    binary = next(s for n, s in suites.items() if n.endswith("binary.md"))
    assert binary.find("testcase/skipped") is not None
    totals = {k: int(root.get(k)) for k in ("tests", "failures", "errors", "skipped")}
    assert totals == {"tests": 5, "failures": 2, "errors": 1, "skipped": 1}


def test_junit_follows_the_fail_level(run, draft):
    r = run(["check", "--no-config", "--format", "junit", "--fail-on", "suggestion", "draft.md"])
    root = ET.fromstring(r.out.split("\n", 1)[1])
    assert int(root.get("failures")) == 3


def test_junit_counts_unused_suppressions_as_failures_only_where_warnings_fail(run, tmp_path, monkeypatch):
    import xml.etree.ElementTree as ET

    monkeypatch.chdir(tmp_path)
    write(tmp_path, "u.txt", "Nice weather. termlint: ignore illegal-migrant -- nothing here\n")
    base = ["check", "--no-config", "--format", "junit", "--report-unused-suppressions", "u.txt"]
    failing = run(base)
    assert failing.code == 1 and ET.fromstring(failing.out).get("failures") == "1"
    passing = run([*base, "--fail-on", "error"])
    root = ET.fromstring(passing.out)
    assert passing.code == 0 and root.get("failures") == "0"
    assert "unused suppression (illegal-migrant)" in root.find("testsuite/system-out").text


def test_junit_keeps_xml_valid_with_control_characters(run, tmp_path):
    path = write(tmp_path, "a.txt", "Illegal immigrants\x0b were detained.\x1f\n")
    r = run(["check", "--no-config", "--format", "junit", str(path)])
    ET.fromstring(r.out.split("\n", 1)[1])  # parses


@pytest.mark.parametrize("fmt", ["text", "json", "sarif", "github", "junit"])
def test_output_writes_every_format_to_a_file(run, draft, fmt):
    target = draft.parent / f"report.{fmt}"
    r = run(["check", "--no-config", "--format", fmt, "--output", str(target), "draft.md"])
    assert r.code == 1 and r.out == ""
    written = target.read_text(encoding="utf-8")
    assert "illegal-migrant" in written
    if fmt in ("json", "sarif"):
        json.loads(written)

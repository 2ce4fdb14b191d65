"""The baseline end to end: record, check only new findings, survive moved text, count."""
from __future__ import annotations

import json
import os

import pytest
from conftest import write

from termlint import baseline

OLD = "Police arrested illegal immigrants at the port."
OTHER = "A flood of migrants reached the coast after the storm."
NEW = "The company hired illegal workers for the harvest."


@pytest.fixture
def archive(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "docs").mkdir()
    write(tmp_path / "docs", "a.md", f"# Archive\n\n{OLD}\n\n{OTHER}\n\n{OLD}\n")
    write(tmp_path / "docs", "b.txt", f"{OTHER}\n")
    return tmp_path


def check(run, *argv: str) -> tuple[int, dict]:
    r = run(["check", "--no-config", "--format", "json", *argv])
    assert r.code != 2, r.err
    return r.code, json.loads(r.out)


def test_baseline_records_every_finding_and_check_reports_none(run, archive):
    r = run(["baseline", "--no-config", "docs"])
    assert r.code == 0
    assert r.out.strip() == "Recorded 4 findings from 2 files in .termlint-baseline.json."
    data = json.loads((archive / ".termlint-baseline.json").read_text(encoding="utf-8"))
    assert data["termlint_baseline"] == 1 and data["findings"] == 4
    entries = {(e["path"], e["rule"], e["match"], e["count"]) for e in data["entries"]}
    # The two copies of OLD have the same words around them in their paragraphs: one entry, counted twice.
    assert ("docs/a.md", "illegal-migrant", "illegal immigrants", 2) in entries
    assert all("line" not in e for e in data["entries"])  # keyed by context, not line numbers
    code, out = check(run, "--baseline", ".termlint-baseline.json", "docs")
    assert code == 0 and out["findings"] == []
    assert out["summary"]["baseline"] == {"path": ".termlint-baseline.json", "matched": 4, "stale": 0}


def test_moving_text_keeps_entries_and_new_findings_fail(run, archive):
    assert run(["baseline", "--no-config", "docs"]).code == 0
    # Text moves down (new paragraphs above), paragraphs swap, and a new finding appears.
    moved = f"# Archive\n\nA new preface.\n\nAnother one.\n\n{OTHER}\n\n{OLD}\n\n{OLD}\n\n{NEW}\n"
    write(archive / "docs", "a.md", moved)
    code, out = check(run, "--baseline", ".termlint-baseline.json", "docs")
    assert code == 1
    new = [(f["rule"], f["match"], f["line"]) for f in out["findings"]]
    assert new == [("illegal-migrant", "illegal workers", 13)]
    r = run(["check", "--no-config", "--baseline", ".termlint-baseline.json", "docs"])
    assert "Baseline .termlint-baseline.json: 4 known findings not shown; 0 entries no longer occur." in r.out


def test_identical_findings_are_counted(run, archive):
    assert run(["baseline", "--no-config", "docs"]).code == 0
    text = (archive / "docs" / "a.md").read_text(encoding="utf-8")
    write(archive / "docs", "a.md", text + f"\n{OLD}\n")  # a third copy, in the same words
    code, out = check(run, "--baseline", ".termlint-baseline.json", "docs")
    assert code == 1 and len(out["findings"]) == 1


def test_entries_that_no_longer_occur_are_counted(run, archive):
    assert run(["baseline", "--no-config", "docs"]).code == 0
    write(archive / "docs", "a.md", f"# Archive\n\n{OLD}\n\nMigrants arrived after the storm.\n")
    os.remove(archive / "docs" / "b.txt")
    code, out = check(run, "--baseline", ".termlint-baseline.json", "docs")
    assert code == 0
    # One OLD and the OTHER of a.md went away, and b.txt's OTHER with its file.
    assert out["summary"]["baseline"]["stale"] == 3
    r = run(["check", "--no-config", "--baseline", ".termlint-baseline.json", "docs"])
    assert "3 entries no longer occur (update it with `termlint baseline`)" in r.out


def test_a_change_next_to_a_finding_makes_it_new(run, archive):
    assert run(["baseline", "--no-config", "docs"]).code == 0
    write(archive / "docs", "b.txt", "A flood of migrants reached the coast before the storm.\n")
    code, out = check(run, "--baseline", ".termlint-baseline.json", "docs/b.txt")
    assert code == 1 and [f["rule"] for f in out["findings"]] == ["water-metaphor"]
    assert out["summary"]["baseline"]["stale"] == 1


def test_paths_are_relative_to_the_baseline_file(run, archive, monkeypatch):
    assert run(["baseline", "--no-config", "-o", "ci/known.json", "docs"]).code == 2  # no such folder
    (archive / "ci").mkdir()
    assert run(["baseline", "--no-config", "-o", "ci/known.json", "docs"]).code == 0
    paths = {e["path"] for e in json.loads((archive / "ci" / "known.json").read_text())["entries"]}
    assert paths == {"../docs/a.md", "../docs/b.txt"}
    monkeypatch.chdir(archive / "docs")  # run from elsewhere: the entries still match
    code, out = check(run, "--baseline", "../ci/known.json", "a.md", "b.txt")
    assert code == 0 and out["summary"]["baseline"]["matched"] == 4


def test_baseline_of_some_files_keeps_the_others(run, archive):
    assert run(["baseline", "--no-config", "docs"]).code == 0
    write(archive / "docs", "b.txt", f"{OTHER}\n{NEW}\n")
    r = run(["baseline", "--no-config", "docs/b.txt"])
    assert r.code == 0 and "Kept 3 recorded findings of files not checked this time." in r.out
    assert "Recorded 2 findings from 1 file" in r.out  # b.txt's own: the kept ones are not counted twice
    code, out = check(run, "--baseline", ".termlint-baseline.json", "docs")
    assert code == 0 and out["summary"]["baseline"]["matched"] == 5


def test_configured_baseline_and_no_baseline(run, archive):
    write(archive, ".termlint.yaml", "baseline: known.json\n")
    r = run(["baseline", "docs"])
    assert r.code == 0 and "in known.json" in r.out
    assert run(["check", "docs"]).code == 0
    assert run(["check", "--no-baseline", "docs"]).code == 1


def test_fix_leaves_recorded_findings_alone(run, archive):
    assert run(["baseline", "--no-config", "docs"]).code == 0
    path = archive / "docs" / "a.md"
    write(archive / "docs", "a.md", path.read_text(encoding="utf-8") + f"\n{NEW}\n")
    r = run(["check", "--no-config", "--baseline", ".termlint-baseline.json", "--fix", "docs/a.md"])
    assert r.code == 1  # a file changed
    text = path.read_text(encoding="utf-8")
    assert "workers in an irregular situation" in text
    assert text.count("illegal immigrants") == 2  # recorded: not touched


def test_bad_baselines_are_errors(run, archive):
    r = run(["check", "--no-config", "--baseline", "missing.json", "docs"])
    assert r.code == 2 and "missing.json: no such baseline file" in r.err
    write(archive, "bad.json", "{not json")
    r = run(["check", "--no-config", "--baseline", "bad.json", "docs"])
    assert r.code == 2 and "bad.json:1: not a termlint baseline" in r.err
    write(archive, "other.json", '{"entries": []}')
    assert "not a termlint baseline" in run(["check", "--no-config", "--baseline", "other.json", "docs"]).err
    # ... and `termlint baseline` will not overwrite a file that is not a baseline.
    r = run(["baseline", "--no-config", "-o", "other.json", "docs"])
    assert r.code == 2 and json.loads((archive / "other.json").read_text()) == {"entries": []}
    assert run(["baseline", "--no-config"]).code == 2
    assert run(["baseline", "--no-config", "-"]).code == 2


def test_context_hash_ignores_layout_and_other_paragraphs_but_not_words():
    a = baseline.context_hash("one two three\nfour MATCH five six", 19, 24)
    b = baseline.context_hash("one two   three four **MATCH** five\nsix", 23, 28)
    c = baseline.context_hash("one two three four MATCH five seven", 19, 24)
    assert a == b != c
    first, second = "zero\n\nfour MATCH five\n\nsix", "other words\r\n  \r\nfour MATCH five\n\nmore"
    d = baseline.context_hash(first, first.index("MATCH"), first.index("MATCH") + 5)
    e = baseline.context_hash(second, second.index("MATCH"), second.index("MATCH") + 5)
    assert d == e


def test_a_file_name_that_is_not_utf8_is_recorded_and_matched(run, tmp_path, monkeypatch):
    import os

    monkeypatch.chdir(tmp_path)
    name = os.fsdecode(b"r\xe9port.txt")
    try:
        (tmp_path / name).write_text("Police arrested illegal immigrants.\n", encoding="utf-8")
    except (OSError, UnicodeEncodeError):
        pytest.skip("this file system takes only UTF-8 names")
    assert run(["baseline", "--no-config", "."]).code == 0
    (tmp_path / ".termlint-baseline.json").read_bytes().decode("utf-8")  # valid UTF-8
    assert run(["check", "--no-config", "--baseline", ".termlint-baseline.json", "."]).code == 0  # known

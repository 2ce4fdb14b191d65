"""SARIF 2.1.0 end to end: valid against the schema, every rule in force, locations, fixes."""
from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from conftest import ROOT, write

from termlint.report import sarif

def _schema() -> Path:
    """The official SARIF 2.1.0 schema: $TERMLINT_SARIF_SCHEMA, else shared/schemas/ in a
    folder above the checkout (where the project's shared material lives)."""
    named = os.environ.get("TERMLINT_SARIF_SCHEMA")
    if named:
        return Path(named)
    relative = Path("shared", "schemas", "sarif-schema-2.1.0.json")
    for folder in ROOT.resolve().parents:
        if (folder / relative).is_file():
            return folder / relative
    return ROOT.parent / relative


SCHEMA = _schema()
DRAFT = (
    "# Draft\n\n"
    "Police arrested illegal immigrants at the port.\n\n"
    "A flood of migrants reached the coast after the storm.\n\n"
    "<!-- termlint-disable-next-line horde -- nothing to suppress any more -->\n"
    "Calm words.\n"
)


@pytest.fixture
def log(run, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "docs").mkdir()
    write(tmp_path / "docs", "draft one.md", DRAFT)
    write(tmp_path / "docs", "clean.txt", "Migrants in an irregular situation were detained.\n")
    r = run(["check", "--no-config", "--format", "sarif", "--report-unused-suppressions",
             "docs", "missing.md"])
    assert r.code == 2  # the missing file
    return json.loads(r.out)


def test_sarif_validates_against_the_schema(log):
    if not SCHEMA.is_file():
        pytest.skip(f"the SARIF schema is not at {SCHEMA} (set TERMLINT_SARIF_SCHEMA to its path)")
    import jsonschema

    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    jsonschema.validate(log, schema)


def test_one_run_with_every_rule_in_force(log, run):
    assert log["version"] == "2.1.0" and len(log["runs"]) == 1
    driver = log["runs"][0]["tool"]["driver"]
    assert driver["name"] == "termlint"
    listed = [r["id"] for r in driver["rules"]]
    table = run(["rules", "--no-config"]).out.splitlines()[1:-1]
    on = [line.split()[0] for line in table if line.endswith(" on")]
    assert listed == on + [sarif.UNUSED_RULE]
    rule = next(r for r in driver["rules"] if r["id"] == "illegal-migrant")
    short = "A person's stay or entry can be irregular; the person cannot be illegal."
    assert rule["shortDescription"]["text"] == short
    assert rule["fullDescription"]["text"].startswith(rule["shortDescription"]["text"] + " ")
    assert rule["defaultConfiguration"]["level"] == "error"
    assert rule["helpUri"].startswith("https://")
    assert "[S01]" in rule["help"]["text"] and "Preferred:" in rule["help"]["text"]
    levels = {r["id"]: r["defaultConfiguration"]["level"] for r in driver["rules"]}
    assert levels["influx"] == "note" and levels["water-metaphor"] == "warning"


def test_results_carry_locations_fingerprints_and_fixes(log):
    run_ = log["runs"][0]
    assert run_["columnKind"] == "unicodeCodePoints"
    by_rule = {r["ruleId"]: r for r in run_["results"]}
    person = by_rule["illegal-migrant"]
    assert person["level"] == "error"
    location = person["locations"][0]["physicalLocation"]
    artifact = location["artifactLocation"]
    assert (artifact["uri"], artifact["uriBaseId"]) == ("docs/draft%20one.md", "%SRCROOT%")
    assert run_["artifacts"][artifact["index"]]["location"]["uri"] == artifact["uri"]
    region = location["region"]
    start = DRAFT.index("illegal immigrants")
    assert region["startLine"] == 3 and region["startColumn"] == start - DRAFT.rindex("\n", 0, start)
    assert (region["charOffset"], region["charLength"]) == (start, len("illegal immigrants"))
    assert region["endColumn"] == region["startColumn"] + len("illegal immigrants")  # exclusive
    assert person["ruleIndex"] == [r["id"] for r in run_["tool"]["driver"]["rules"]].index("illegal-migrant")
    assert person["partialFingerprints"]["termlintContext/v1"]
    # The fix, applied to the source, gives the preferred wording.
    [fix] = person["fixes"]
    [change] = fix["artifactChanges"]
    text = DRAFT
    for rep in sorted(change["replacements"], key=lambda r: -r["deletedRegion"]["charOffset"]):
        at, length = rep["deletedRegion"]["charOffset"], rep["deletedRegion"]["charLength"]
        text = text[:at] + rep["insertedContent"]["text"] + text[at + length:]
    assert "Police arrested migrants in an irregular situation at the port." in text
    # The unused suppression and the missing file are reported too.
    unused = by_rule[sarif.UNUSED_RULE]
    assert unused["locations"][0]["physicalLocation"]["region"]["startLine"] >= 7
    [invocation] = run_["invocations"]
    assert invocation["executionSuccessful"] is False
    assert "missing.md" in invocation["toolExecutionNotifications"][0]["message"]["text"]


def test_profile_levels_and_the_baseline_show_in_sarif(run, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    write(tmp_path, ".termlint.yaml", "extends: journalism\n")
    write(tmp_path, "a.md", "Chain migration was debated.\n")
    data = json.loads(run(["check", "--format", "sarif", "a.md"]).out)
    levels = {r["id"]: r["defaultConfiguration"]["level"] for r in data["runs"][0]["tool"]["driver"]["rules"]}
    assert levels["chain-migration"] == "warning" and levels["illegal-act"] == "note"
    assert run(["baseline", "a.md"]).code == 0
    write(tmp_path, "a.md", "Chain migration was debated.\n\nThey hired illegal workers.\n")
    r = run(["check", "--format", "sarif", "--baseline", ".termlint-baseline.json", "a.md"])
    data = json.loads(r.out)
    [result] = data["runs"][0]["results"]
    assert result["ruleId"] == "illegal-migrant" and result["baselineState"] == "new"


def test_output_file_gets_the_report(run, tmp_path):
    draft = write(tmp_path, "a.md", "Illegal immigrants were detained.\n")
    target = tmp_path / "report.sarif"
    r = run(["check", "--no-config", "--format", "sarif", "--output", str(target), str(draft)])
    assert r.code == 1 and r.out == ""
    [result] = json.loads(target.read_text(encoding="utf-8"))["runs"][0]["results"]
    assert result["ruleId"] == "illegal-migrant"


@pytest.mark.parametrize(
    ("address", "url"),
    [
        ("https://picum.org/words-matter/", "https://picum.org/words-matter/"),
        ("scribd.com/document/449152736", "https://scribd.com/document/449152736"),
        ("docstore.ohchr.org (FilesHandler.ashx, CMW/C/SR.465)", None),
        ("assembly.coe.int Xref-XML2HTML-en.asp?fileid=17456", None),
        ("the Committee's archive", None),
    ],
)
def test_addresses_made_into_urls(address, url):
    assert sarif.as_url(address) == url


def test_every_bundled_rule_with_a_url_source_gets_a_help_uri(bundled):
    for rule in bundled.rules:
        if any(sarif.as_url(s.address) for s in rule.sources):
            assert sarif.rule_descriptor(rule)["helpUri"].startswith("https://"), rule.id


def test_sarif_of_a_word_file_has_no_text_region(run, tmp_path):
    docx = pytest.importorskip("docx")
    from termlint import adapters

    if "docx" not in adapters.FORMATS:
        pytest.skip("this checkout reads no Word files")
    document = docx.Document()
    document.add_paragraph("An introduction.")
    document.add_paragraph("Police arrested illegal immigrants at the port.")
    path = tmp_path / "report.docx"
    document.save(str(path))
    r = run(["check", "--no-config", "--format", "sarif", str(path)])
    assert r.code == 1
    [result] = [x for x in json.loads(r.out)["runs"][0]["results"] if x["ruleId"] == "illegal-migrant"]
    location = result["locations"][0]["physicalLocation"]
    assert "region" not in location and Path(location["artifactLocation"]["uri"]).name == "report.docx"
    assert "fixes" not in result and result["properties"]["location"]["block"] == 2


def test_a_display_fix_is_no_sarif_fix(run, tmp_path):
    """A viewer applies any `fixes` entry; a display fix (here one across <em>) is shown in
    the finding's properties only."""
    path = write(tmp_path, "em.html", "<p>Police held an <em>illegal</em> immigrant at the border.</p>\n")
    r = run(["check", "--no-config", "--format", "sarif", str(path)])
    [result] = json.loads(r.out)["runs"][0]["results"]
    assert result["ruleId"] == "illegal-migrant" and "fixes" not in result
    r = run(["check", "--no-config", "--format", "json", str(path)])
    assert json.loads(r.out)["findings"][0]["fix"]["applicability"] == "display"


def test_a_file_name_that_is_not_utf8_makes_valid_json_and_sarif(run, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    name = os.fsdecode(b"r\xe9port.txt")  # a Latin-1 name from an old archive
    try:
        (tmp_path / name).write_text("Police arrested illegal immigrants.\n", encoding="utf-8")
    except (OSError, UnicodeEncodeError):
        pytest.skip("this file system takes only UTF-8 names")
    out = run(["check", "--no-config", "--format", "json", "."]).out
    out.encode("utf-8")  # valid UTF-8 text, no lone surrogate
    path = json.loads(out)["findings"][0]["path"]
    assert os.fsencode(path).endswith(b"r\xe9port.txt")  # the name's bytes come back
    out = run(["check", "--no-config", "--format", "sarif", "."]).out
    out.encode("utf-8")
    uris = [loc["physicalLocation"]["artifactLocation"]["uri"]
            for res in json.loads(out)["runs"][0]["results"] for loc in res["locations"]]
    assert uris and all(uri.endswith("r%E9port.txt") for uri in uris)

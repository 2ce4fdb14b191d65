"""PDF: text by page and line, read-only; scanned and locked files say so in one line."""
from __future__ import annotations

import json
from pathlib import Path

from pdf_builder import encrypted, pdf

from termlint.adapters import pdf as pdf_adapter

LINES = [
    "Annual report of the border agency, second part",
    "Officers detained twelve illegal immigrants at",
    "the port. Later that week the agency described",
    "a group of illegal",
    "aliens in its press release to the newspapers.",
]


def check(run, path: Path, *extra: str):
    r = run(["check", "--format", "json", *extra, str(path)])
    return r, json.loads(r.out)


def test_findings_give_page_and_line(run, tmp_path):
    path = tmp_path / "report.pdf"
    path.write_bytes(pdf([["A first page without problems."], LINES]))
    r, out = check(run, path)
    assert r.code == 1
    found = [(f["location"], f["column"], f["match"]) for f in out["findings"]]
    assert found == [
        ({"page": 2, "line": 2}, 26, "illegal immigrants"),
        ({"page": 2, "line": 4}, 12, "illegal\naliens"),
    ]
    assert all(f["fix"] is None and f["suggestions"] for f in out["findings"])


def test_text_report_quotes_the_line(run, tmp_path):
    path = tmp_path / "report.pdf"
    path.write_bytes(pdf([LINES]))
    out = run(["check", str(path)]).out
    assert "= at: page 1, line 2" in out
    assert "| Officers detained twelve illegal immigrants at" in out


def test_pages_and_short_sentence_ends_break_paragraphs():
    source, spans, locations = pdf_adapter.layout([
        "A long line of text that runs across the page\nand ends here.\nNext paragraph starts",
        "Page two",
    ])
    assert source == ("A long line of text that runs across the page\nand ends here.\n\n"
                      "Next paragraph starts\n\nPage two")
    assert locations[-1] == (("page", 2), ("line", 1))
    assert [source[s:e] for s, e in spans][1] == "and ends here."


def test_fix_leaves_a_pdf_alone(run, tmp_path):
    path = tmp_path / "report.pdf"
    data = pdf([LINES])
    path.write_bytes(data)
    r = run(["check", "--fix", str(path)])
    assert r.code == 1
    assert path.read_bytes() == data
    assert "Fixed" not in r.out


def test_scanned_pdf_is_a_one_line_notice(run, tmp_path):
    path = tmp_path / "scan.pdf"
    path.write_bytes(pdf([None, None]))
    r = run(["check", str(path)])
    assert r.code == 0
    [line] = [x for x in r.out.splitlines() if "scan.pdf" in x]
    assert line == (f"{path}: notice: no text layer in 2 pages (a scanned PDF?): "
                    "nothing checked; run OCR on it first")


def test_password_protected_pdf_is_an_error(run, tmp_path):
    path = tmp_path / "locked.pdf"
    path.write_bytes(encrypted(pdf([LINES]), user_password="secret"))
    r = run(["check", str(path)])
    assert r.code == 2
    assert f"{path}: error: encrypted PDF that needs a password; not read" in r.out  # the path once


def test_pdf_with_only_an_owner_password_is_read(run, tmp_path):
    path = tmp_path / "owner.pdf"
    path.write_bytes(encrypted(pdf([LINES]), user_password=""))
    r, out = check(run, path)
    assert [f["match"] for f in out["findings"]] == ["illegal immigrants", "illegal\naliens"]


def test_damaged_pdf_is_a_one_line_error(run, tmp_path):
    path = tmp_path / "bad.pdf"
    path.write_bytes(b"%PDF-1.4\nthis is not a pdf at all")
    r = run(["check", str(path)])
    assert r.code == 2
    assert len([x for x in r.out.splitlines() if "bad.pdf" in x]) == 1


def test_stdin_filename_picks_pdf(run, tmp_path):
    r = run(["check", "--format", "json", "--stdin-filename", "in.pdf", "-"], pdf([LINES]))
    assert len(json.loads(r.out)["findings"]) == 2


def test_ligatures_of_the_text_layer_are_read_as_letters():
    assert pdf_adapter._clean("an inﬂux of ﬁve illegal ﬂows, eﬀect, oﬃce") == "an influx of five illegal flows, effect, office"

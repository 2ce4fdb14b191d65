"""Word .docx: reading every story, fixing in the runs, tracked changes and comments.

Every file here is a real .docx built with python-docx (tests/docx_builder.py); results
are reopened with python-docx and read as XML.
"""
from __future__ import annotations

import io
import json
import sys
import zipfile
from pathlib import Path

import docx
import pytest
from docx.oxml.ns import qn
from docx_builder import Builder, body_xml, entries, infos, replace_entry, text_of

from termlint import cli, docx_edit
from termlint.adapters import docx as docx_adapter
from termlint.findings import Applicability, Edit, Fix

BODY = "Police detained twelve illegal immigrants at the port."
SPLIT = ("Police detained twelve ", "ille", ("gal", {"bold": True}), " immigrants at the port.")


def findings(run, path: Path) -> list[dict]:
    r = run(["check", "--format", "json", str(path)])
    assert r.code in (0, 1), r.err
    return json.loads(r.out)["findings"]


def simple(tmp_path: Path, *paragraphs: tuple) -> Path:
    b = Builder()
    for runs in paragraphs:
        b.paragraph(*runs)
    return b.save(tmp_path / "report.docx")


# -- reading ---------------------------------------------------------------------------------


def test_term_split_across_runs_with_bold_in_the_middle_is_found(run, tmp_path):
    path = simple(tmp_path, SPLIT)
    [f] = findings(run, path)
    assert f["rule"] == "illegal-migrant"
    assert f["match"] == "illegal immigrants"
    assert (f["line"], f["column"]) == (1, 24)
    assert f["location"] == {"part": "body", "paragraph": 1}


def test_every_story_is_read_and_located(run, tmp_path):
    b = Builder()
    b.paragraph("An opening paragraph without problems.")
    p = b.paragraph("The first note is here.")
    b.note(p, "footnote", "Officers detained illegal immigrants at the port.")
    q = b.paragraph("The second note is here.")
    b.note(q, "endnote", "Officers detained illegal aliens at the port.")
    b.table([["Year", "Group"], ["2020", "illegal immigrants detained"]])
    box = b.paragraph("A text box follows.")
    b.textbox(box, "Officers detained illegal immigrants.")
    b.header("Annual report on illegal immigrants")
    b.footer("Draft about illegal aliens")
    path = b.save(tmp_path / "stories.docx")
    where = {json.dumps(f["location"], sort_keys=True): f["match"] for f in findings(run, path)}
    assert where == {
        json.dumps({"part": "body", "paragraph": 7, "table": 1, "row": 2, "cell": 2}, sort_keys=True):
            "illegal immigrants",
        json.dumps({"part": "textbox", "textbox": 1, "paragraph": 1}, sort_keys=True): "illegal immigrants",
        json.dumps({"part": "header", "section": 1, "type": "default", "paragraph": 1}, sort_keys=True):
            "illegal immigrants",
        json.dumps({"part": "footer", "section": 1, "type": "default", "paragraph": 1}, sort_keys=True):
            "illegal aliens",
        json.dumps({"part": "footnote", "footnote": 1, "paragraph": 1}, sort_keys=True): "illegal immigrants",
        json.dumps({"part": "endnote", "endnote": 1, "paragraph": 1}, sort_keys=True): "illegal aliens",
    }


def test_text_report_names_the_place_and_quotes_the_paragraph(run, tmp_path):
    b = Builder()
    p = b.paragraph("See the note.")
    b.note(p, "footnote", "Officers detained illegal immigrants at the port.")
    path = b.save(tmp_path / "note.docx")
    out = run(["check", str(path)]).out
    assert "= at: footnote 1, paragraph 1" in out
    assert "|  Officers detained illegal immigrants at the port." in out
    assert "See the note.¹" in docx_adapter.read(str(path), path.read_bytes()).source


def test_not_prose_deleted_text_fields_and_hidden_text(run, tmp_path):
    b = Builder()
    p = b.paragraph("Start. ")
    b.tracked(p, "del", "Officers detained illegal immigrants.")
    b.field(p, "TOC \\o", "Officers detained illegal immigrants 3")
    b.field(p, "PAGE", "illegal aliens")
    b.paragraph(("Officers detained illegal immigrants.", {"hidden": True}))
    q = b.paragraph("Read ")
    b.field(q, 'HYPERLINK "https://example.org"', "the page on illegal aliens")
    r = b.paragraph("Then ")
    b.tracked(r, "ins", "officers detained illegal immigrants.")
    path = b.save(tmp_path / "fields.docx")
    found = sorted((f["line"], f["match"]) for f in findings(run, path))
    assert found == [(3, "illegal aliens"), (4, "illegal immigrants")]


def test_a_term_across_a_footnote_mark_is_found_but_not_fixed(run, tmp_path):
    b = Builder()
    p = b.paragraph("Officers detained illegal")
    b.note(p, "footnote", "A source.")
    p.add_run(" immigrants at the port.")
    path = b.save(tmp_path / "mark.docx")
    [f] = findings(run, path)
    assert f["match"] == "illegal¹ immigrants"
    assert f["fix"]["applicability"] == "display"


def test_a_word_comment_suppresses_a_rule_on_its_paragraph(run, tmp_path):
    b = Builder()
    p = b.paragraph("The statute says: illegal aliens shall be removed.")
    b.comment(p.runs, "termlint: ignore illegal-alien -- quoting the statute")
    b.paragraph("Officers detained illegal aliens at the port.")
    path = b.save(tmp_path / "ignore.docx")
    assert [f["line"] for f in findings(run, path)] == [2]


def test_a_word_comment_naming_another_rule_suppresses_only_that_rule(run, tmp_path):
    b = Builder()
    p = b.paragraph("Police arrested illegal immigrants at the ")
    r = p.add_run("border")
    p.add_run(". Then illegal aliens were held.")
    b.comment([r], "termlint: ignore water-metaphor -- unrelated rule")
    q = b.paragraph("The statute says: illegal aliens shall be removed.")
    b.comment(q.runs, "termlint: ignore illegal-alien -- quoting the statute")
    path = b.save(tmp_path / "other.docx")
    r = run(["check", "--format", "json", "--report-unused-suppressions", str(path)])
    report = json.loads(r.out)
    assert [(f["line"], f["rule"]) for f in report["findings"]] == [(1, "illegal-migrant"), (1, "illegal-alien")]
    unused = report["summary"]["unused_suppressions"]
    assert [u["rules"] for u in unused] == [["water-metaphor"]]  # the one naming a rule that found nothing


# -- fixing in place ------------------------------------------------------------------------------


def test_fix_keeps_the_formatting_of_untouched_words_and_every_other_entry(run, tmp_path):
    path = simple(
        tmp_path,
        (("Officers detained ", {"italic": True}), "ille", ("gal", {"bold": True}),
         (" immigrants", {"bold": True}), " at the port."),
        ("A second paragraph stays as it is.",),
    )
    before, before_infos = entries(path), infos(path)
    r = run(["check", "--fix", str(path)])
    assert r.code == 1
    assert f"Fixed 1 problem in {path}" in r.out
    assert "No problems found" in r.out
    doc = docx.Document(str(path))
    first = doc.paragraphs[0]
    assert first.text == "Officers detained migrants in an irregular situation at the port."
    runs = [(run_.text, bool(run_.bold), bool(run_.italic)) for run_ in first.runs]
    assert runs[0] == ("Officers detained ", False, True)
    assert runs[-1] == (" at the port.", False, False)
    # the new words take the formatting of the run holding most of the old ones
    assert ("migrants in an irregular situation", True, False) in runs
    after = entries(path)
    assert list(after) == list(before)
    assert [n for n in before if before[n] != after[n]] == ["word/document.xml"]
    assert [i[1:] for i in infos(path)] == [i[1:] for i in before_infos]
    assert run(["check", str(path)]).code == 0


def test_fix_changes_only_the_words_that_change(tmp_path):
    path = simple(tmp_path, ("Officers detained ", ("illegal", {"bold": True}),
                             (" migrants", {"italic": True}), "."))
    source = docx_adapter.read(str(path), path.read_bytes()).source
    start = source.index("illegal")
    # a fix that keeps the head noun, as a rule's word map writes it: only one word changes
    fix = Fix((Edit(start, start + len("illegal migrants"), "irregular migrants"),), Applicability.SAFE)
    data, text, count = docx_edit.apply_fixes(path.read_bytes(), source, [fix])
    assert (text, count) == ("Officers detained irregular migrants.", 1)
    path.write_bytes(data)
    runs = [(r.text, bool(r.bold), bool(r.italic)) for r in docx.Document(str(path)).paragraphs[0].runs]
    assert runs == [("Officers detained ", False, False), ("irregular", True, False),
                    (" migrants", False, True), (".", False, False)]


def test_fixes_that_overlap_or_touch_a_mark_are_left_alone(tmp_path):
    b = Builder()
    p = b.paragraph("Officers detained illegal")
    b.note(p, "footnote", "A source.")
    p.add_run(" immigrants there.")
    path = b.save(tmp_path / "mark.docx")
    source = docx_adapter.read(str(path), path.read_bytes()).source
    start = source.index("illegal")
    across_mark = Fix((Edit(start, source.index(" there"), "migrants"),), Applicability.SAFE)
    assert docx_edit.apply_fixes(path.read_bytes(), source, [across_mark]) is None
    first = Fix((Edit(start, start + 7, "irregular"),), Applicability.SAFE)
    overlapping = Fix((Edit(start + 3, start + 7, "x"),), Applicability.SAFE)
    unsafe = Fix((Edit(0, 8, "Police"),), Applicability.UNSAFE)
    data, text, count = docx_edit.apply_fixes(path.read_bytes(), source, [first, overlapping, unsafe])
    assert count == 1 and text.startswith("Officers detained irregular¹ immigrants there.")


def test_fix_in_tables_headers_footnotes_and_both_copies_of_a_text_box(run, tmp_path):
    b = Builder()
    b.table([["Officers detained illegal aliens."]])
    p = b.paragraph("Note.")
    b.note(p, "footnote", "Officers detained illegal immigrants.")
    box = b.paragraph("Box:")
    b.textbox(box, "Officers detained illegal immigrants.")
    b.header("On illegal immigrants")
    path = b.save(tmp_path / "all.docx")
    r = run(["check", "--fix", str(path)])
    assert r.code == 1 and "No problems found" in r.out
    parts = entries(path)
    assert "illegal" not in text_of(body_xml(path))
    assert b"illegal" not in parts["word/footnotes.xml"] and b"illegal" not in parts["word/header1.xml"]
    boxes = body_xml(path).findall(".//" + qn("w:txbxContent"))
    assert [text_of(x) for x in boxes] == ["Officers detained migrants in an irregular situation."] * 2


def test_a_table_of_terms_to_avoid_and_their_replacements_is_a_glossary(run, tmp_path):
    b = Builder()
    b.paragraph("Our style sheet.")
    b.table([["Avoid", "Use instead"], ["illegal aliens", "undocumented noncitizens"],
             ["illegal immigrant", "do not use"], ["2019", "Police detained illegal immigrants."],
             ["illegal immigrants", "400 detained"]])
    path = b.save(tmp_path / "sheet.docx")
    # a headword before its replacement or its verdict is a mention; a cell that reports
    # events, or a row whose next cell is no replacement, is the writer's own use
    found = findings(run, path)
    assert [(f["match"], f["location"]["row"], f["location"]["cell"]) for f in found] == [
        ("illegal immigrants", 4, 2), ("illegal immigrants", 5, 1)]
    # a row reads as one line in a diff; the fixes go into their cells
    r = run(["check", "--diff", str(path)])
    assert "-2019 | Police detained illegal immigrants.\n" in r.out
    assert "+2019 | Police detained migrants in an irregular situation.\n" in r.out
    run(["check", "--fix", str(path)])
    cells = [[c.text for c in row.cells] for row in docx.Document(str(path)).tables[0].rows]
    assert cells[1] == ["illegal aliens", "undocumented noncitizens"]
    assert cells[3] == ["2019", "Police detained migrants in an irregular situation."]


def test_an_empty_paragraph_in_a_cell_changes_nothing(run, tmp_path):
    b = Builder()
    table = b.table([["Avoid", "Use"], ["illegal immigrants", "irregular migrants"],
                     ["2019", "Police detained illegal immigrants."]])
    table.cell(1, 0).add_paragraph("")  # Enter pressed at the end of the cell
    table.cell(2, 0).add_paragraph("")
    path = b.save(tmp_path / "empty.docx")
    found = findings(run, path)
    assert [(f["match"], f["location"]["row"], f["location"]["cell"]) for f in found] == [
        ("illegal immigrants", 3, 2)]
    run(["check", "--fix", str(path)])
    cells = [[c.text for c in row.cells] for row in docx.Document(str(path)).tables[0].rows]
    assert cells[1] == ["illegal immigrants\n", "irregular migrants"]
    assert cells[2] == ["2019\n", "Police detained migrants in an irregular situation."]


def test_a_nested_table_is_located_in_its_cell_and_the_next_table_keeps_its_number(run, tmp_path):
    b = Builder()
    outer = b.table([["Outer", "see the table below"]])
    inner = outer.cell(0, 1).add_table(rows=1, cols=2)
    inner.cell(0, 1).text = "Police detained illegal immigrants."
    b.paragraph("Between the tables.")
    b.table([["Second", "Illegal aliens were deported."]])
    path = b.save(tmp_path / "nested.docx")
    where = [f["location"] for f in findings(run, path)]
    assert where[0] == {"part": "body", "paragraph": where[0]["paragraph"], "table": 1, "row": 1, "cell": 2,
                        "nested table": 1, "nested row": 1, "nested cell": 2}
    assert {k: v for k, v in where[1].items() if k != "paragraph"} == {"part": "body", "table": 2, "row": 1,
                                                                       "cell": 2}


def test_cells_of_more_than_one_paragraph_stay_paragraphs_of_their_own(run, tmp_path):
    b = Builder()
    table = b.table([["illegal aliens", "undocumented noncitizens"]])
    table.cell(0, 0).add_paragraph("A second paragraph.")
    path = b.save(tmp_path / "cells.docx")
    source = docx_adapter.extract(docx_adapter.Package(path.read_bytes(), str(path))).source
    assert "illegal aliens\n\nA second paragraph.\n\nundocumented noncitizens" in source
    assert [f["match"] for f in findings(run, path)] == ["illegal aliens"]


def test_a_fix_across_another_authors_deletion_is_noted_as_left_to_the_reader(run, tmp_path):
    b = Builder()
    p = b.paragraph("Police arrested an illegal ")
    p._p.append(docx.oxml.parse_xml(
        '<w:del xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" w:id="9" '
        'w:author="Editor"><w:r><w:delText>old </w:delText></w:r></w:del>'))
    p.add_run("immigrant at the port.")
    path = b.save(tmp_path / "del.docx")
    data = path.read_bytes()
    [f] = findings(run, path)
    assert f["match"] == "illegal immigrant"
    assert any("--track-changes can" in n for n in f["notes"])
    run(["check", "--fix", str(path)])
    assert path.read_bytes() == data  # --fix leaves it, as the note says


def test_fix_the_article_before_the_match(run, tmp_path):
    path = simple(tmp_path, ("Officers found an illegal immigrant at the port.",))
    run(["check", "--fix", str(path)])
    fixed = "Officers found a migrant in an irregular situation at the port."
    assert docx.Document(str(path)).paragraphs[0].text == fixed


def test_diff_shows_paragraphs_and_writes_nothing(run, tmp_path):
    path = simple(tmp_path, (BODY,), ("Nothing here.",))
    data = path.read_bytes()
    r = run(["check", "--diff", str(path)])
    assert r.code == 1
    assert f"-{BODY}\n" in r.out
    assert "+Police detained twelve migrants in an irregular situation at the port.\n" in r.out
    assert path.read_bytes() == data


def test_fix_on_standard_input_writes_the_document_to_standard_output(tmp_path, monkeypatch):
    path = simple(tmp_path, (BODY,))
    code, data, err = _binary_run(monkeypatch, ["check", "--fix", "--stdin-filename", "in.docx", "-"],
                                  path.read_bytes())
    assert code == 1
    assert "Fixed 1 problem in in.docx" in err
    out = tmp_path / "out.docx"
    out.write_bytes(data)
    assert docx.Document(str(out)).paragraphs[0].text == (
        "Police detained twelve migrants in an irregular situation at the port.")


def _binary_run(monkeypatch, argv: list[str], stdin: bytes) -> tuple[int, bytes, str]:
    """Run the CLI with binary standard input and output."""
    buffer, err = io.BytesIO(), io.StringIO()
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(stdin), encoding="utf-8"))
    monkeypatch.setattr(sys, "stdout", io.TextIOWrapper(buffer, encoding="utf-8", write_through=True))
    monkeypatch.setattr(sys, "stderr", err)
    code = cli.main(argv)
    sys.stdout.flush()
    return code, buffer.getvalue(), err.getvalue()


# -- tracked changes -----------------------------------------------------------------------------


def test_track_changes_records_each_replacement(run, tmp_path):
    path = simple(tmp_path, SPLIT)
    r = run(["check", "--fix", "--track-changes", str(path)])
    assert r.code == 1 and "No problems found" in r.out
    body = body_xml(path)
    deletions = body.findall(".//" + qn("w:del"))
    insertions = body.findall(".//" + qn("w:ins"))
    assert len(deletions) == 1 and len(insertions) == 1
    assert {e.get(qn("w:author")) for e in deletions + insertions} == {"termlint"}
    assert text_of(deletions[0], "delText") == "illegal immigrants"
    assert text_of(insertions[0]) == "migrants in an irregular situation"
    # the deleted runs keep their formatting: the bold "gal" is still bold inside w:del
    bold = [r for r in deletions[0].iter(qn("w:r")) if r.find(qn("w:rPr")) is not None
            and r.find(qn("w:rPr")).find(qn("w:b")) is not None]
    assert [text_of(r, "delText") for r in bold] == ["gal"]
    # accepting every change gives the fixed text; rejecting gives the original
    accepted = text_of(body)
    rejected = "".join(t.text or "" for t in body.iter(qn("w:t"), qn("w:delText"))
                       if not any(a.tag == qn("w:ins") for a in t.iterancestors()))
    assert accepted == "Police detained twelve migrants in an irregular situation at the port."
    assert rejected == BODY


def test_track_changes_needs_fix(run, tmp_path):
    r = run(["check", "--track-changes", str(simple(tmp_path, (BODY,)))])
    assert r.code == 2 and "--track-changes" in r.err


# -- comments ------------------------------------------------------------------------------------


def test_annotate_anchors_a_comment_on_the_matched_words(run, tmp_path):
    b = Builder()
    b.paragraph("Police detained twelve ", "ille", ("gal", {"bold": True}), " immigrants at the port.")
    p = b.paragraph("See the note.")
    b.note(p, "footnote", "Officers detained illegal aliens.")
    b.header("On illegal immigrants")
    path = b.save(tmp_path / "report.docx")
    original = path.read_bytes()
    out = tmp_path / "reviewed.docx"
    r = run(["annotate", str(path), "-o", str(out)])
    assert r.code == 1, r.err
    assert f"Wrote 2 comments to {out}" in r.out
    assert "no comment for illegal-migrant (Word shows no comments in headers and footers)" in r.out
    assert path.read_bytes() == original
    doc = docx.Document(str(out))
    comments = {c.comment_id: c for c in doc.comments}
    assert {c.author for c in comments.values()} == {"termlint"}
    texts = sorted(c.text for c in comments.values())
    assert texts[0].startswith("In footnote 1, “illegal aliens”: “illegal aliens” labels a person as illegal")
    assert "People cannot be illegal" in texts[1]
    assert "Suggestions: migrants in an irregular situation" in texts[1]
    # the comment range covers exactly the matched words
    p = body_xml(out).find(".//" + qn("w:p"))
    inside, on = [], False
    for el in p.iter(qn("w:commentRangeStart"), qn("w:commentRangeEnd"), qn("w:t")):
        if el.tag == qn("w:commentRangeStart"):
            on = True
        elif el.tag == qn("w:commentRangeEnd"):
            on = False
        elif on:
            inside.append(el.text)
    assert "".join(inside) == "illegal immigrants"
    assert doc.paragraphs[0].text == BODY
    assert [bool(r.bold) for r in doc.paragraphs[0].runs if r.text == "gal"] == [True]


def test_annotate_keeps_existing_comments_and_needs_a_docx(run, tmp_path):
    b = Builder()
    p = b.paragraph(BODY)
    b.comment(p.runs, "Please check this sentence.")
    path = b.save(tmp_path / "report.docx")
    out = tmp_path / "reviewed.docx"
    assert run(["annotate", str(path), "-o", str(out)]).code == 1
    authors = sorted(c.author for c in docx.Document(str(out)).comments)
    assert authors == ["Editor", "termlint"]
    md = tmp_path / "a.md"
    md.write_text(BODY)
    r = run(["annotate", str(md), "-o", str(out)])
    assert r.code == 2 and "needs a .docx file" in r.err


def test_annotate_a_clean_file_writes_a_copy_and_exits_zero(run, tmp_path):
    path = simple(tmp_path, ("Nothing to report here.",))
    out = tmp_path / "copy.docx"
    r = run(["annotate", str(path), "-o", str(out)])
    assert r.code == 0 and "Wrote 0 comments" in r.out
    assert docx.Document(str(out)).paragraphs[0].text == "Nothing to report here."


# -- bad and hostile input ------------------------------------------------------------------------


def test_not_a_word_file_is_a_one_line_error(run, tmp_path):
    path = tmp_path / "broken.docx"
    path.write_bytes(b"just some text, not a zip")
    r = run(["check", str(path)])
    assert r.code == 2
    [line] = [x for x in r.out.splitlines() if "broken.docx" in x]
    assert "not a Word .docx package" in line


def test_word_lock_file_is_a_notice(run, tmp_path):
    lock = tmp_path / "~$report.docx"
    lock.write_bytes(b"\x05Owner" + b"\x00" * 100)
    r = run(["check", str(lock)])
    assert r.code == 0 and "notice: a Word lock file" in r.out


@pytest.mark.parametrize("doctype", [
    '<!DOCTYPE w:document [<!ENTITY a "illegal immigrants ">]>',
    '<!DOCTYPE w:document [<!ENTITY x SYSTEM "file:///etc/passwd">]>',
    '<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">'
    '<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]>',
])
def test_entities_are_never_expanded(run, tmp_path, doctype):
    path = simple(tmp_path, (BODY,))
    xml = entries(path)["word/document.xml"].decode()
    head, rest = xml.split("?>", 1)
    hostile = head + "?>" + doctype + rest.replace("Police", "&a;&x;&lol3;")
    replace_entry(path, "word/document.xml", hostile.encode())
    r = run(["check", str(path)])
    assert r.code == 2
    assert "declares a DTD" in r.out
    assert "root:" not in r.out


def test_unknown_binary_file_is_a_notice(run, tmp_path):
    path = tmp_path / "image.png"
    path.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(40))
    r = run(["check", str(path)])
    assert r.code == 0
    assert f"{path}: notice: binary file; skipped" in r.out


def test_folders_pick_up_word_files(run, tmp_path):
    simple(tmp_path, (BODY,))
    r = run(["check", "--format", "json", str(tmp_path)])
    assert [f["path"].endswith("report.docx") for f in json.loads(r.out)["findings"]] == [True]


def test_zip_entries_of_the_fixed_file_are_readable_by_zipfile(tmp_path, run):
    path = simple(tmp_path, (BODY,))
    run(["check", "--fix", str(path)])
    with zipfile.ZipFile(path) as archive:
        assert archive.testzip() is None


def test_annotate_several_files_into_a_folder(run, tmp_path):
    first = simple(tmp_path, (BODY,))
    second = Builder()
    second.paragraph("Nothing to report.")
    second = second.save(tmp_path / "second.docx")
    folder = tmp_path / "reviewed"
    folder.mkdir()
    r = run(["annotate", str(first), str(second), "-o", str(folder)])
    assert r.code == 1
    assert len(docx.Document(str(folder / "report.docx")).comments) == 1
    assert len(docx.Document(str(folder / "second.docx")).comments) == 0
    r = run(["annotate", str(first), str(second), "-o", str(tmp_path / "missing")])
    assert r.code == 2 and "must be an existing folder" in r.err


def test_annotate_refuses_two_inputs_of_one_name_into_one_folder(run, tmp_path):
    (tmp_path / "2023").mkdir()
    (tmp_path / "2024").mkdir()
    old = simple(tmp_path / "2023", (BODY,))
    new = simple(tmp_path / "2024", (BODY,))
    folder = tmp_path / "reviewed"
    folder.mkdir()
    r = run(["annotate", str(old), str(new), "-o", str(folder)])
    assert r.code == 2 and "would both be written to" in r.err
    assert list(folder.iterdir()) == []  # nothing written, nothing overwritten


def test_word_pdf_and_rest_libraries_load_only_when_needed(tmp_path):
    import subprocess

    md = tmp_path / "a.md"
    md.write_text(BODY + "\n")
    code = (
        "import sys\nfrom termlint import cli\n"
        f"cli.main(['check', {str(md)!r}])\n"
        "heavy = ('docx', 'lxml', 'pypdf', 'docutils')\n"
        "print(sorted(m for m in heavy if m in sys.modules), file=sys.stderr)\n"
    )
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert proc.stderr.strip().splitlines()[-1] == "[]"


def test_old_word_files_get_a_notice_that_says_what_to_do(run, tmp_path):
    path = tmp_path / "old.doc"
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(512))
    r = run(["check", str(path)])
    assert r.code == 0
    assert f"{path}: notice: a Word 97-2003 document; skipped (save it as .docx" in r.out


def test_oversized_parts_are_refused_before_they_are_unpacked(run, tmp_path, monkeypatch):
    path = simple(tmp_path, (BODY,))
    monkeypatch.setattr(docx_adapter, "MAX_PART", 1000)  # a zip bomb's part, scaled down
    r = run(["check", str(path)])
    assert r.code == 2
    assert "is too large to be a Word part; not read" in r.out


# -- alternative text of pictures -------------------------------------------------------------

_PIXEL = bytes.fromhex(
    "89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d4944415478da63"
    "646060f80f0001040100ceb2f2d80000000049454e44ae426082")


def _with_pictures(tmp_path: Path, *alts: str) -> Path:
    d = docx.Document()
    d.add_paragraph("The Committee met the delegation.")
    for alt in alts:
        d.add_picture(io.BytesIO(_PIXEL))
        d.inline_shapes[-1]._inline.docPr.set("descr", alt)
    d.add_paragraph("End of the summary.")
    path = tmp_path / "pictures.docx"
    d.save(str(path))
    return path


def _alts(path: Path) -> list[str]:
    return [s._inline.docPr.get("descr") for s in docx.Document(str(path)).inline_shapes]


def test_the_alt_text_of_a_picture_is_read_and_located(run, tmp_path):
    path = _with_pictures(tmp_path, "A harbour at dawn", "", "Police arrest illegal immigrants at the port")
    [f] = findings(run, path)
    assert (f["match"], f["location"]) == ("illegal immigrants", {"part": "alt text", "picture": 2})
    text = run(["check", str(path)]).out
    assert "= at: alt text, picture 2" in text and "Police arrest illegal immigrants at the port" in text


def test_the_alt_text_is_fixed_in_place_but_not_as_a_tracked_change(run, tmp_path):
    path = _with_pictures(tmp_path, "Police arrest illegal immigrants at the port")
    tracked = tmp_path / "tracked.docx"
    tracked.write_bytes(path.read_bytes())
    r = run(["check", "--fix", str(path)])
    assert (r.code, "Fixed 1 problem" in r.out, "No problems found" in r.out) == (1, True, True)
    assert _alts(path) == ["Police arrest migrants in an irregular situation at the port"]
    assert [p.text for p in docx.Document(str(path)).paragraphs if p.text] == [
        "The Committee met the delegation.", "End of the summary."]
    # Word cannot track a change to an attribute: the finding stays, the file is untouched
    before = tracked.read_bytes()
    assert run(["check", "--fix", "--track-changes", str(tracked)]).code == 1
    assert tracked.read_bytes() == before


def _annotated_once(run, path: Path, says: str, paragraph: int, around: str) -> None:
    """Annotating `path` writes one comment, starting with `says`, whose range in body
    paragraph number `paragraph` (from 0) holds the element `around`."""
    out = path.with_name("reviewed.docx")
    assert run(["annotate", str(path), "-o", str(out)]).code == 1
    [comment] = docx.Document(str(out)).comments
    assert comment.text.startswith(says)
    p = body_xml(out).findall(".//" + qn("w:p"))[paragraph]
    names = [qn("w:commentRangeStart"), qn(around), qn("w:commentRangeEnd")]
    assert [el.tag for el in p.iter(*names)] == names


def test_annotate_puts_the_comment_on_the_picture(run, tmp_path):
    path = _with_pictures(tmp_path, "Police arrest illegal immigrants at the port")
    _annotated_once(run, path, "In the alt text of picture 1, “illegal immigrants”: People cannot be illegal",
                    1, "w:drawing")


def _with_properties(tmp_path: Path, **props: str) -> Path:
    d = docx.Document()
    d.add_paragraph("The Committee met the delegation.")
    for name, value in props.items():
        setattr(d.core_properties, name, value)
    path = tmp_path / "properties.docx"
    d.save(str(path))
    return path


def _properties(path: Path) -> tuple[str, str, str, str]:
    c = docx.Document(str(path)).core_properties
    return c.title, c.subject, c.keywords, c.comments


def test_the_title_subject_keywords_and_comments_are_read_and_located(run, tmp_path):
    path = _with_properties(tmp_path, title="Arrests of illegal immigrants", subject="Clandestine migrants",
                            keywords="illegal migrants; detention", comments="On illegal aliens",
                            category="illegal migrants", author="Illegal Immigrant")
    got = [(f["match"], f["location"]) for f in findings(run, path)]
    assert got == [
        ("illegal immigrants", {"part": "properties", "property": "title"}),
        ("Clandestine migrants", {"part": "properties", "property": "subject"}),
        ("illegal migrants", {"part": "properties", "property": "keywords"}),
        ("illegal aliens", {"part": "properties", "property": "comments"}),
    ]  # the category and the author are not read: Word does not show them as the document's text
    assert "= at: properties, property title" in run(["check", str(path)]).out


def test_properties_are_fixed_in_place_but_not_as_a_tracked_change(run, tmp_path):
    path = _with_properties(tmp_path, title="Arrests of illegal immigrants", comments="On clandestine migrants")
    tracked = tmp_path / "tracked.docx"
    tracked.write_bytes(path.read_bytes())
    r = run(["check", "--fix", str(path)])
    assert (r.code, "Fixed 2 problems" in r.out, "No problems found" in r.out) == (1, True, True)
    assert _properties(path) == ("Arrests of migrants in an irregular situation", "", "",
                                 "On migrants in an irregular situation")
    assert [p.text for p in docx.Document(str(path)).paragraphs] == ["The Committee met the delegation."]
    before = tracked.read_bytes()
    assert run(["check", "--fix", "--track-changes", str(tracked)]).code == 1
    assert tracked.read_bytes() == before


def test_annotate_puts_a_property_comment_on_the_first_words_of_the_body(run, tmp_path):
    path = _with_properties(tmp_path, title="Arrests of illegal immigrants")
    _annotated_once(run, path, "In the document’s title, “illegal immigrants”: People cannot be illegal", 0, "w:t")


def test_annotating_a_reviewed_copy_again_adds_no_second_comment(run, tmp_path):
    path = simple(tmp_path, (BODY,), ("Officers also met illegal aliens and illegal immigrants.",))
    once, twice = tmp_path / "once.docx", tmp_path / "twice.docx"
    assert run(["annotate", str(path), "-o", str(once)]).code == 1
    r = run(["annotate", str(once), "-o", str(twice)])
    assert "Wrote 0 comments" in r.out and "3 findings already had termlint's comment" in r.out
    assert len(docx.Document(str(once)).comments) == len(docx.Document(str(twice)).comments) == 3


# -- fixes across links and other authors' tracked changes (QA pass 2) --------------------------


def _paragraph_texts(xml: bytes) -> list[str]:
    from lxml import etree

    root = etree.fromstring(xml)
    return ["".join(t.text or "" for t in p.iter(qn("w:t"))) for p in root.iter(qn("w:p"))]


def _held_with_a_link(b: Builder) -> None:
    """"Police held an illegal [immigrant] at the border.", the last word a hyperlink."""
    p = b.paragraph("Police held an illegal ")
    b.hyperlink(p, "immigrant")
    p.add_run(" at the border.")


def test_a_fix_across_the_edge_of_a_link_or_another_author_s_change_is_left_out(run, tmp_path):
    b = Builder()
    _held_with_a_link(b)
    p = b.paragraph("Police held ")
    b.tracked(p, "ins", "illegal ", author="Ann")
    p.add_run("immigrants at the border.")
    p = b.paragraph("Police held illegal ")
    b.tracked(p, "del", "Syrian ", author="Ann")
    p.add_run("immigrants at the border.")
    p = b.paragraph("They met ")
    b.hyperlink(p, "illegal immigrants")
    p.add_run(" there.")
    path = b.save(tmp_path / "links.docx")
    before = entries(path)["word/document.xml"]
    r = run(["check", "--fix", str(path)])
    assert r.code == 1
    reopened = docx.Document(str(path))
    # the links are still there, and the only fix made is the one inside a link
    assert [[h.url for h in q.hyperlinks] for q in reopened.paragraphs] == [
        ["https://example.org/"], [], [], ["https://example.org/"]]
    assert reopened.paragraphs[3].hyperlinks[0].text == "migrants in an irregular situation"
    assert _paragraph_texts(entries(path)["word/document.xml"])[:3] == _paragraph_texts(before)[:3]
    # Ann's insertion and deletion hold what they held
    body = body_xml(path)
    assert [text_of(e) for e in body.iter(qn("w:ins"))] == ["illegal "]
    assert [text_of(e, "delText") for e in body.iter(qn("w:del"))] == ["Syrian "]
    # the three findings left are still reported
    assert len(findings(run, path)) == 3


def test_tracked_fixes_across_a_link_keep_the_link(run, tmp_path):
    b = Builder()
    _held_with_a_link(b)
    path = b.save(tmp_path / "link.docx")
    r = run(["check", "--fix", "--track-changes", str(path)])
    assert r.code == 1
    assert [h.url for h in docx.Document(str(path)).paragraphs[0].hyperlinks] == ["https://example.org/"]


def test_a_comment_on_a_replaced_word_stays_anchored_on_the_new_words(run, tmp_path):
    b = Builder()
    p = b.paragraph("Police held an illegal ")
    r = p.add_run("immigrant")
    p.add_run(" at the border.")
    b.comment([r], "Which person?")
    path = b.save(tmp_path / "comment.docx")
    assert run(["check", "--fix", str(path)]).code == 1
    body = body_xml(path)
    start = next(body.iter(qn("w:commentRangeStart")))
    inside = []
    node = start.getnext()
    while node is not None and node.tag != qn("w:commentRangeEnd"):
        inside.append(text_of(node))
        node = node.getnext()
    assert "".join(inside) == "migrant in an irregular situation"


def test_a_fix_across_the_edge_of_a_hyperlink_field_is_left_out(run, tmp_path):
    b = Builder()
    p = b.paragraph("Police held an ")
    b.field(p, 'HYPERLINK "https://example.org/report"', "illegal")
    p.add_run(" immigrant at the dock.")
    path = b.save(tmp_path / "field.docx")
    before = entries(path)["word/document.xml"]
    assert run(["check", "--fix", str(path)]).code == 1
    assert entries(path)["word/document.xml"] == before  # the field keeps its text
    assert len(findings(run, path)) == 1


def test_a_paragraph_in_a_quotation_style_is_a_quotation(run, tmp_path):
    b = Builder()
    b.paragraph("The senator said:")
    b.paragraph("We caught illegal immigrants at the port yesterday, and we will deport them.", style="Quote")
    b.paragraph("Police held illegal immigrants.")
    path = b.save(tmp_path / "quote.docx")
    found = findings(run, path)
    assert [(f["line"], f["level"], f["fix"] is None) for f in found] == [(2, "suggestion", True), (3, "error", False)]
    run(["check", "--fix", str(path)])
    assert [q.text for q in docx.Document(str(path)).paragraphs][1:] == [
        "We caught illegal immigrants at the port yesterday, and we will deport them.",
        "Police held migrants in an irregular situation."]


def test_a_soft_hyphen_in_word_does_not_hide_a_term(run, tmp_path):
    b = Builder()
    b.raw_run(b.paragraph(), '<w:t xml:space="preserve">Police held ille</w:t><w:softHyphen/>'
                             '<w:t xml:space="preserve">gal immigrants at the border.</w:t>')
    path = b.save(tmp_path / "soft.docx")
    assert [f["rule"] for f in findings(run, path)] == ["illegal-migrant"]

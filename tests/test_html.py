"""HTML: visible text and reader-facing attributes, at line and column in the source."""
from __future__ import annotations

import pytest

import json

from conftest import replacing_rule, write

from termlint.adapters import html
from termlint.matcher import Matcher, Options


def findings(default_rules, source):
    doc = html.read("t.html", source)
    return Matcher(default_rules, Options(language="en")).check(doc)


def test_prose_maps_every_character_back_to_the_source():
    source = "<p>Caf&eacute; &amp; <b>bar</b></p>\n<p>two</p>"
    text, mapping = html.prose(source)
    assert text.startswith("Café & bar\n\ntwo")
    assert len(mapping) == len(text) + 1
    assert source[mapping[text.index("é")] :].startswith("&eacute;")
    assert source[mapping[text.index("&")] :].startswith("&amp;")
    assert source[mapping[text.index("bar")] :].startswith("bar</b>")


def test_entities_are_decoded_and_positions_point_at_the_source(default_rules):
    source = "<html><body>\n<p>Officers detained twelve illegal&nbsp;immigrants.</p>\n</body></html>\n"
    [f] = findings(default_rules, source)
    assert f.match == "illegal&nbsp;immigrants"
    assert (f.line, f.column) == (2, 29)
    assert f.context == "<p>Officers detained twelve illegal&nbsp;immigrants.</p>"
    assert f.fix.applicability.value == "display"  # an entity inside: shown, not applied


def test_numeric_references_inside_a_word(default_rules):
    [f] = findings(default_rules, "<p>Officers detained &#105;llegal immigrants.</p>")
    assert f.match == "&#105;llegal immigrants"


def test_not_visible_text_is_not_checked(default_rules):
    source = """<!DOCTYPE html>
<html><head>
<meta name="keywords" content="illegal immigrants">
<style>.illegal-immigrants { color: red }</style>
<script>const s = "illegal immigrants";</script>
</head><body>
<p>Inline <code>illegal immigrants</code> code.</p>
<pre>illegal immigrants</pre>
<kbd>illegal immigrants</kbd>
<template><p>illegal immigrants</p></template>
<noscript>illegal immigrants</noscript>
<div hidden><p>illegal immigrants</p></div>
<div style="display: none">illegal immigrants</div>
<textarea>illegal immigrants</textarea>
<!-- illegal immigrants in a comment -->
<a href="/illegal-immigrants">a link</a>
</body></html>
"""
    assert findings(default_rules, source) == []


def test_title_alt_title_and_aria_label_are_checked(default_rules):
    source = """<html><head><title>Report on illegal immigrants</title></head><body>
<p>A <abbr title="illegal aliens">term</abbr> in a sentence.</p>
<img src="boat.jpg" alt="Illegal immigrants on a boat">
<button aria-label="Report illegal aliens">Go</button>
</body></html>
"""
    found = [(f.line, f.match) for f in findings(default_rules, source)]
    assert found == [(1, "illegal immigrants"), (2, "illegal aliens"), (3, "Illegal immigrants"),
                     (4, "illegal aliens")]


def test_the_meta_text_of_search_results_and_previews_is_checked(default_rules):
    source = """<html><head>
<meta name="description" content="Police arrested illegal immigrants at the port">
<meta property="og:title" content="Illegal aliens held">
<meta name="twitter:description" content='Report on illegal immigrants'>
<meta name="keywords" content="illegal immigrants">
<meta name="viewport" content="illegal aliens">
</head><body><p>Text.</p></body></html>
"""
    found = [(f.line, f.match) for f in findings(default_rules, source)]
    assert found == [(2, "illegal immigrants"), (3, "Illegal aliens"), (4, "illegal immigrants")]


def test_inline_markup_joins_words_and_blocks_separate_them(default_rules):
    source = ("<p>Officers detained <em>ille</em>gal\n   immigrants.</p>\n"
              "<p>The word illegal</p><p>immigrants starts a paragraph.</p>\n"
              "<ul><li>illegal</li><li>immigrants</li></ul>\n")
    found = findings(default_rules, source)
    assert [(f.line, f.column, f.match) for f in found] == [(1, 26, "ille</em>gal\n   immigrants")]


def test_a_blank_line_inside_a_paragraph_is_one_space():
    text, _ = html.prose("<p>one\n\n\ntwo</p>")
    assert text.split("\n\n")[0] == "one\ntwo"


def test_suppression_comments(run, tmp_path):
    path = write(tmp_path, "page.html",
                 "<!-- termlint-disable-next-line illegal-migrant -- a quoted headline -->\n"
                 "<p>Officers detained illegal immigrants.</p>\n"
                 "<p>Officers detained illegal immigrants.</p>\n")
    out = json.loads(run(["check", "--format", "json", str(path)]).out)
    assert [f["line"] for f in out["findings"]] == [3]


def test_next_line_passes_over_lines_of_tags_alone(run, tmp_path):
    # pretty-printed HTML: the text the marker means is below a line holding only `<p>`
    path = write(tmp_path, "page.html",
                 "<body>\n<!-- termlint-disable-next-line illegal-migrant -->\n<p>\n"
                 "  Officers detained illegal immigrants.\n</p>\n<p>\n  Officers detained illegal immigrants.\n</p>\n")
    r = run(["check", "--format", "json", "--report-unused-suppressions", str(path)])
    out = json.loads(r.out)
    assert [f["line"] for f in out["findings"]] == [7] and out["summary"]["unused_suppressions"] == []
    # a line whose checked text is in an attribute holds text; a script line holds none
    path.write_text("<!-- termlint-disable-next-line illegal-migrant -->\n"
                    '<img src="p.jpg" alt="Officers detained illegal immigrants.">\n'
                    "<p>Officers detained illegal immigrants.</p>\n"
                    "<!-- termlint-disable-next-line illegal-migrant -->\n"
                    '<script>var s = "x";</script>\n'
                    "<p>Officers detained illegal immigrants.</p>\n", encoding="utf-8")
    out = json.loads(run(["check", "--format", "json", "--report-unused-suppressions", str(path)]).out)
    assert [f["line"] for f in out["findings"]] == [3] and out["summary"]["unused_suppressions"] == []


@pytest.mark.parametrize("newline", ["\n", "\r\n"])
def test_a_term_wrapped_over_lines_is_fixed_whatever_the_line_endings(run, tmp_path, newline):
    path = tmp_path / "page.html"
    path.write_bytes(f"<p>Police arrested an illegal{newline}   immigrant at the port.</p>{newline}".encode())
    assert [f["fix"]["applicability"] for f in json.loads(run(["check", "--format", "json", str(path)]).out)["findings"]] \
        == ["safe"]
    run(["check", "--fix", str(path)])
    assert path.read_bytes().decode() == (f"<p>Police arrested a migrant{newline}   in an irregular situation at the "
                                          f"port.</p>{newline}")


def test_fix_edits_the_html_in_place(run, tmp_path):
    source = ('<html><body>\r\n<p class="x">Officers detained twelve illegal immigrants.</p>\r\n'
              '<img alt="illegal aliens" src="a.png">\r\n</body></html>\r\n')
    path = tmp_path / "page.htm"
    path.write_bytes(source.encode())
    r = run(["check", "--fix", str(path)])
    assert r.code == 1
    expected = source.replace("illegal immigrants", "migrants in an irregular situation")
    assert path.read_bytes().decode() == expected.replace("illegal aliens", "undocumented noncitizens")


def test_stdin_filename_picks_html(run):
    r = run(["check", "--format", "json", "--stdin-filename", "x.html", "-"],
            "<p>Officers detained illegal immigrants.</p><script>illegal aliens</script>")
    assert [f["match"] for f in json.loads(r.out)["findings"]] == ["illegal immigrants"]


def test_a_fix_that_would_break_the_markup_is_left_out(run, tmp_path):
    rules = replacing_rule(tmp_path, "t-illegals", 'so-called "people"')
    source = '<p title="The illegals waited">The illegals waited.</p>\n'
    path = write(tmp_path, "page.html", source)
    r = run(["check", "--fix", "--rules", str(rules), "--select", "t-illegals", str(path)])
    # the text takes the quotation marks; the attribute would end at the first one
    assert path.read_text(encoding="utf-8") == (
        '<p title="The illegals waited">The so-called "people" waited.</p>\n')
    assert "Fixed 1 problem" in r.out and r.code == 1


def test_keeps_structure_compares_tags_and_attribute_names():
    assert html.keeps_structure('<p a="x">one</p>', '<p a="y z">two</p>')
    assert not html.keeps_structure('<p a="x">one</p>', '<p a="x" y">one</p>')
    assert not html.keeps_structure("<p>one</p>", "<p>one <b>two</p>")


def test_q_and_blockquote_are_quotations(run, tmp_path):
    import json

    from conftest import write

    path = write(tmp_path, "q.html", "<p>The senator said: <q>We will deport the illegal aliens at the port.</q></p>\n"
                 "<blockquote><p>We caught illegal immigrants at the port yesterday, and we will deport them.</p>"
                 "</blockquote>\n<p>Police held illegal immigrants.</p>\n")
    found = json.loads(run(["check", "--format", "json", str(path)]).out)["findings"]
    assert [(f["level"], f["fix"] is None) for f in found] == [("suggestion", True), ("suggestion", True),
                                                              ("error", False)]
    run(["check", "--fix", str(path)])
    fixed = path.read_text()
    assert "deport the illegal aliens" in fixed and "caught illegal immigrants" in fixed
    assert "Police held migrants in an irregular situation." in fixed


@pytest.mark.parametrize("source", [
    "<p>Die Polizei nahm ille&shy;gale Migran&shy;ten fest.</p>",
    "<p>Police held illegal immigrants<sup><a href='#n1'>1</a></sup> at the port.</p>",
    "<p>Police held illegal<br>\nimmigrants at the port.</p>",
])
def test_soft_hyphens_footnote_marks_and_line_breaks_do_not_hide_a_term(run, tmp_path, source):
    import json

    from conftest import write

    path = write(tmp_path, "t.html", source + "\n")
    found = json.loads(run(["check", "--format", "json", str(path)]).out)["findings"]
    assert len(found) == 1 and found[0]["rule"].endswith("illegal-migrant")


def test_a_comment_never_closed_hides_the_rest_as_a_browser_does(run, tmp_path):
    import json

    from conftest import write

    path = write(tmp_path, "c.html", "<p>Police held illegal aliens.</p><!-- draft notes, never closed\n"
                 "<p>Officers held illegal immigrants.</p>\n")
    found = json.loads(run(["check", "--format", "json", str(path)]).out)["findings"]
    assert [f["match"] for f in found] == ["illegal aliens"]

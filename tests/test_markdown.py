"""Markdown: code, link targets, HTML comments and front matter (but for its text fields) are not prose."""
from __future__ import annotations

import json

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from termlint.adapters import markdown
from termlint.document import HARD
from termlint.matcher import Matcher, Options


def findings(default_rules, source):
    doc = markdown.read("t.md", source)
    return Matcher(default_rules, Options(language="en")).check(doc)


def test_prose_view_keeps_offsets():
    source = "# Title\n\nSome *emphasis* and `code` here.\n"
    text = markdown.prose(source)
    assert len(text) == len(source)
    assert text.index("emphasis") == source.index("emphasis")
    assert "code" not in text


def test_not_prose(default_rules):
    source = """---
tags: [illegal immigrants]
author:
  title: illegal immigrants
summary: 'It''s about illegal immigrants'
description: "illegal immigrants \\u2014 escaped"
---

Inline `illegal immigrants` code, a [link](https://x.org/illegal-immigrants "illegal immigrants").

```
illegal immigrants
```

    illegal immigrants in an indented code block

<!-- illegal immigrants in a comment -->

<div>illegal immigrants in raw HTML</div>
"""
    assert findings(default_rules, source) == []


def test_prose_across_markup(default_rules):
    source = "The *illegal* **immigrants**, an illegal\n[immigrant](https://x.org) and\n> illegal\n> immigrants.\n"
    found = findings(default_rules, source)
    assert [(f.line, f.match) for f in found] == [
        (1, "illegal* **immigrants"),
        (1, "illegal\n[immigrant"),
        (3, "illegal\n> immigrants"),
    ]
    # markup inside a match: the fix is shown, never applied blindly
    assert all(f.fix is None or f.fix.applicability.value == "display" for f in found)


def test_tables_and_lists_do_not_join_cells(default_rules):
    source = "| illegal | immigrants |\n|---|---|\n| a | b |\n\n- the illegal\n- immigrants\n"
    assert findings(default_rules, source) == []


def test_headings_are_prose(default_rules):
    [f] = findings(default_rules, "# Illegal immigrants at the border\n")
    assert (f.line, f.column) == (1, 3)


def test_hard_boundary_character():
    assert HARD not in markdown.prose("plain paragraph\n")


# Characters of plain prose and of Markdown, and the white space between them: texts made of
# them are sometimes plain paragraphs (read without the parser) and often not.
_PROSE = "aB1 .,;:!?()'\"-+=)“”é中"
_MARKUP_CHARS = "*_`[]<>&|~#\\\t\u00a0\r"


@settings(max_examples=600, deadline=None)
@given(st.lists(st.sampled_from([*_PROSE, " ", "  ", "    ", "\n", "\n\n", " \n", "1.", "2)", "- ", "+ ", "==",
                                 *_MARKUP_CHARS]), max_size=40).map("".join))
def test_plain_paragraphs_read_without_the_parser_as_the_parser_reads_them(source):
    """The shortcut for text that is only paragraphs gives the parser's prose view exactly."""
    assert markdown.prose(source) == markdown._parsed(source)


def test_a_plain_draft_takes_the_shortcut_and_markup_does_not():
    plain = "Migrants in an irregular situation.\n\n  A second paragraph,\nstill the second.  \n"
    assert markdown._MARKUP.search(plain) is None
    assert markdown.prose(plain) == markdown._parsed(plain)
    for marked in ("Some *emphasis*.", "# Heading", "1. item", "    code", "a | b", "x &amp; y", "Tab\there"):
        assert markdown._MARKUP.search(marked) is not None, marked


FRONT = """---
title: Illegal immigrants held at the port
date: 2024-05-01
description: "The minister spoke of illegal migrants" # the lead
summary: 'Police arrested illegal aliens'
---
# Illegal immigrants

Body text.
"""


@pytest.mark.parametrize("newline", ["\n", "\r\n"])
def test_front_matter_text_fields_are_prose(default_rules, newline):
    source = FRONT.replace("date: 2024-05-01\n", "date: 2024-05-01\ntags: [illegal immigrants]\n")
    found = findings(default_rules, source.replace("\n", newline))
    assert [(f.line, f.column, f.match) for f in found] == [
        (2, 8, "Illegal immigrants"),
        (5, 37, "illegal migrants"),
        (6, 27, "illegal aliens"),
        (8, 3, "Illegal immigrants"),
    ]
    toml = source.replace("\n", newline).replace("---", "+++").replace("title: ", "title = ").replace(
        "description: ", "description = ").replace("summary: ", "summary = ")
    assert [f.line for f in findings(default_rules, toml)] == [2, 5, 6, 8]


def test_a_title_is_a_paragraph_of_its_own(default_rules):
    # "illegal" ends the title and "immigrants" starts the next field: never one term
    source = "---\ntitle: The illegal\ndescription: immigrants of the port\n---\nBody.\n"
    assert findings(default_rules, source) == []


_YAML_BITS = st.text(alphabet="ab :#\"'\\-|>&*[]{},", min_size=1, max_size=10)


@settings(max_examples=500, deadline=None)
@given(quote=st.sampled_from(["", '"', "'"]), value=_YAML_BITS, replacement=_YAML_BITS)
@example(quote="", value="a: b", replacement="c")
@example(quote="", value="a:", replacement="c")
@example(quote="", value="a #b", replacement="c")
@example(quote="", value="a", replacement="b: c")
@example(quote='"', value="a", replacement='b"')
@example(quote="'", value="a", replacement="b'c")
def test_a_fixed_front_matter_field_reads_as_what_was_written_or_is_left_alone(quote, value, replacement):
    import yaml

    from termlint import engine
    from termlint.adapters import format_for
    from termlint.findings import Applicability, Edit, Fix

    source = f"---\ntitle: {quote}{value}{quote}\n---\nBody.\n"
    text = markdown.prose(source)
    start = source.index("title: ") + 7 + len(quote)
    if text[start : start + len(value)] != value:
        return  # not read as a text field: nothing there to fix
    assert yaml.safe_load(source.split("---\n")[1]) == {"title": value}  # read as YAML reads it
    fix = Fix((Edit(start, start + len(value), replacement),), Applicability.SAFE)
    new, count = engine._apply_keeping_structure(format_for("a.md"), source, [fix], unsafe=False)
    read = yaml.safe_load(new.split("---\n")[1])
    if count:
        assert read == {"title": replacement}
    else:
        assert new == source


@pytest.mark.parametrize("source", [
    'Police held <a href="https://x.org/tag/illegal-immigrants">illegal immigrants</a> there.\n',
    'Police held <abbr title="illegal immigrants">illegal immigrants</abbr> there.\n',
    "`grep illegal immigrants` shows that police held **illegal immigrants** there.\n",
    '![Map](map.png "illegal immigrants") Police held **illegal immigrants** there.\n',
    '[report](https://x.org/a "illegal immigrants") Police held illegal immigrants there.\n',
])
def test_words_also_standing_in_markup_before_them_are_found_where_they_are_prose(default_rules, source):
    """The words of a finding may stand earlier on the line in an attribute, a code span, an
    image or link title: the finding (and so its fix) is on the prose, never there."""
    found = findings(default_rules, source)
    assert [(f.match, f.offset) for f in found] == [("illegal immigrants", source.rindex("illegal immigrants"))]


def test_an_autolink_s_address_is_not_prose(default_rules):
    assert findings(default_rules, "See <https://x.org/illegal-immigrants/list> for more.\n") == []


def test_a_term_across_a_hard_line_break_is_found_and_the_break_kept(run, tmp_path):
    path = tmp_path / "br.md"
    path.write_text("Police arrested an illegal  \nimmigrant at the port.\n\n"
                    "Police arrested an illegal\\\nimmigrant at the port.\n", encoding="utf-8")
    r = run(["check", "--format", "json", str(path)])
    assert [f["line"] for f in json.loads(r.out)["findings"]] == [1, 4]
    run(["check", "--fix", str(path)])
    fixed = path.read_text(encoding="utf-8")
    # the two-space hard break stays; the backslash one is markup inside the match: shown, not applied
    assert fixed.startswith("Police arrested a migrant  \nin an irregular situation at the port.\n\n")
    assert fixed.endswith("Police arrested an illegal\\\nimmigrant at the port.\n")


def test_an_image_s_alt_text_is_prose_set_apart_from_the_words_around_it(default_rules):
    source = 'Police held illegal ![immigrants at the port](p.png "illegal aliens") there.\n'
    assert findings(default_rules, source) == []  # "illegal" + alt text is no phrase; the title is no prose
    source = '![Routes of illegal immigrants to Europe](map.png "illegal aliens")\n'
    assert [(f.match, f.offset) for f in findings(default_rules, source)] == [
        ("illegal immigrants", source.index("illegal immigrants"))]


def test_a_fixed_collapsed_or_shortcut_reference_link_keeps_its_definition(run, tmp_path):
    from markdown_it import MarkdownIt

    source = ("Police arrested [illegal immigrants][] at the port.\n\n"
              "The report on [illegal aliens] was published.\n\n"
              "A note on [illegal immigrants](https://example.org/c) and [illegal aliens][b].\n\n"
              "[illegal immigrants]: https://example.org/a\n[Illegal  Aliens]: https://example.org/b\n"
              "[b]: https://example.org/b2\n")
    path = tmp_path / "ref.md"
    path.write_text(source, encoding="utf-8")
    run(["check", "--fix", str(path)])
    fixed = path.read_text(encoding="utf-8")
    assert "[migrants in an irregular situation][illegal immigrants]" in fixed
    assert "[undocumented noncitizens][illegal aliens]" in fixed
    html = MarkdownIt().render(fixed)
    # every link still points where it did, with the new words as its text
    assert html.count('href="https://example.org/a"') == 1 and html.count('href="https://example.org/b"') == 1
    assert html.count('href="https://example.org/c"') == 1 and html.count('href="https://example.org/b2"') == 1
    assert "[" not in html


def test_a_reference_link_wrapped_over_two_lines_keeps_its_definition(run, tmp_path):
    from markdown_it import MarkdownIt

    path = tmp_path / "wrap.md"
    path.write_text("Police arrested [illegal\nimmigrants][] at the port.\n\n"
                    "[illegal immigrants]: https://example.org/a\n", encoding="utf-8")
    run(["check", "--fix", str(path)])
    html = MarkdownIt().render(path.read_text(encoding="utf-8"))
    assert 'href="https://example.org/a"' in html and "[" not in html


def test_a_fix_inside_inline_html_makes_the_determiner_before_the_tag_agree(run, tmp_path):
    path = tmp_path / "span.md"
    path.write_text("Police detained an <span>illegal immigrant</span> at the border.\n\n"
                    "Police detained an <b>illegal immigrant</b> at the port.\n", encoding="utf-8")
    run(["check", "--fix", str(path)])
    assert path.read_text(encoding="utf-8") == (
        "Police detained a <span>migrant in an irregular situation</span> at the border.\n\n"
        "Police detained a <b>migrant in an irregular situation</b> at the port.\n")


def test_struck_out_text_is_not_prose(default_rules):
    source = ("Update: police arrested ~~illegal immigrants~~ migrants in an irregular situation.\n\n"
              "Then ~~the~~ illegal immigrants were released.\n")
    # the deleted words are not checked; the words after a deletion still are
    assert [f.match for f in findings(default_rules, source)] == ["illegal immigrants"]
    assert [f.offset for f in findings(default_rules, source)] == [source.rindex("illegal immigrants")]


def test_a_glossary_entry_in_a_list_item_is_a_mention(default_rules):
    source = "- illegal alien → undocumented noncitizen\n- illegals → people in an irregular situation\n"
    assert findings(default_rules, source) == []
    # the same list with a figure after the arrow is a note about people, not an entry
    assert [f.match for f in findings(default_rules, "- illegal aliens → 400 detained\n")] == ["illegal aliens"]


def test_a_table_of_terms_to_avoid_and_their_replacements_is_a_glossary(default_rules):
    source = ("| Avoid | Use instead |\n|---|---|\n| illegal immigrant | migrant in an irregular situation |\n"
              "| illegal aliens | undocumented noncitizens |\n\n| Term | Verdict |\n|---|---|\n"
              "| illegal immigrant | do not use |\n\n| Year | Event |\n|---|---|\n"
              "| 2019 | Police arrested illegal immigrants |\n| illegal immigrants | 400 detained |\n")
    # an entry's headword is a mention; a cell that reports events, or a row whose next cell
    # is no replacement, is the writer's own use
    assert [(f.line, f.match) for f in findings(default_rules, source)] == [
        (12, "illegal immigrants"), (13, "illegal immigrants")]


def test_a_cell_like_an_earlier_one_is_judged_by_its_own_row(default_rules):
    # the two headword cells read alike, but only the first row is an entry: what was
    # decided for the first cell is not reused for the second
    for rows in (["| flood of migrants | arrivals |", "| flood of migrants | 300 in May |"],
                 ["| flood of migrants | 300 in May |", "| flood of migrants | arrivals |"]):
        source = "| Avoid | Use |\n|---|---|\n" + "\n".join(rows) + "\n"
        wrong = 4 if "300" in rows[1] else 3
        assert [(f.line, f.match) for f in findings(default_rules, source)] == [(wrong, "flood of migrants")]


def test_a_heading_that_an_in_page_link_points_to_keeps_its_words(run, tmp_path):
    source = ("# Report\n\nSee [the section below](#illegal-immigrants-in-the-city).\n\n"
              "## Illegal immigrants in the city\n\nPolice arrested illegal immigrants.\n")
    path = tmp_path / "r.md"
    path.write_text(source, encoding="utf-8")
    out = json.loads(run(["check", "--format", "json", str(path)]).out)
    fixes = [(f["line"], f["fix"]["applicability"]) for f in out["findings"]]
    assert fixes == [(5, "display"), (7, "safe")]
    run(["check", "--fix", str(path)])
    fixed = path.read_text(encoding="utf-8")
    assert "## Illegal immigrants in the city\n" in fixed  # the link's heading, left for a hand edit
    assert fixed.endswith("Police arrested migrants in an irregular situation.\n")
    assert not markdown.keeps_structure(source, source.replace("## Illegal immigrants", "## Migrants"))
    assert markdown.keeps_structure(source, source.replace("arrested illegal immigrants", "arrested migrants"))


def test_a_glossary_row_is_judged_by_its_next_cell_not_by_the_notes_after_it(default_rules):
    source = ("| Avoid | Use | Source |\n|---|---|---|\n"
              "| illegal aliens | undocumented noncitizens | US DHS, 2021 |\n"
              "| illegal immigrants | migrants in an irregular situation (UN usage) | UNGA res. 3449 (1975) |\n"
              "| Year | Event | Note |\n| 2019 | Police arrested illegal immigrants | 40 detained |\n")
    assert [(f.line, f.match) for f in findings(default_rules, source)] == [(6, "illegal immigrants")]

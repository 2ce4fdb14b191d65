"""reStructuredText: prose only (through docutils), positions in the source."""
from __future__ import annotations

import json

from conftest import write

from termlint.adapters import rst
from termlint.matcher import Matcher, Options


def findings(default_rules, source):
    doc = rst.read("t.rst", source)
    return Matcher(default_rules, Options(language="en")).check(doc)


def located(default_rules, source):
    return [(f.line, f.column, f.match) for f in findings(default_rules, source)]


def test_prose_is_found_at_its_place_in_the_source(default_rules):
    source = """Report on illegal immigrants
============================

A paragraph about *illegal* **immigrants** and ``code``,
wrapped here: illegal
immigrants were detained.

- A list item on
  illegal immigrants.

.. note:: A note about illegal aliens.
"""
    assert located(default_rules, source) == [
        (1, 11, "illegal immigrants"),
        (4, 20, "illegal* **immigrants"),
        (5, 15, "illegal\nimmigrants"),
        (9, 3, "illegal immigrants"),
        (11, 24, "illegal aliens"),
    ]


def test_prose_view_maps_to_the_source():
    source = "Title\n=====\n\nSome *text* here.\n"
    text, mapping = rst.prose(source)
    assert len(mapping) == len(text) + 1
    assert text.startswith("Title\n\nSome ")
    for i, ch in enumerate(text):
        if ch.isalpha():
            assert source[mapping[i]] == ch


def test_not_prose(default_rules):
    source = """Intro paragraph.

::

   illegal immigrants in a literal block

.. code-block:: python

   x = "illegal immigrants"

Inline ``illegal immigrants`` literal and :code:`illegal immigrants` role.

.. illegal immigrants in a comment

.. image:: boat.png
   :target: https://example.org/illegal-immigrants

.. _illegal-immigrants: https://example.org/illegal-immigrants

.. toctree::

   illegal-immigrants/index

.. literalinclude:: illegal_immigrants.py

See https://example.org/illegal-immigrants and :func:`illegal_immigrants`.

>>> print("illegal immigrants")
illegal immigrants

.. math::

   illegal + immigrants
"""
    assert findings(default_rules, source) == []


def test_unknown_directives_and_roles_are_read_as_prose(default_rules):
    source = """.. versionchanged:: 2.0
   :option: illegal immigrants

   The officers detained illegal immigrants.

See :ref:`illegal aliens <label>` and :term:`illegal immigrants`.

.. seealso::

   Pages on illegal aliens.
"""
    assert [(f.line, f.match) for f in findings(default_rules, source)] == [
        (4, "illegal immigrants"),
        (6, "illegal aliens"),
        (6, "illegal immigrants"),
        (10, "illegal aliens"),
    ]


def test_alt_text_tables_footnotes_and_definitions(default_rules):
    source = """.. image:: boat.png
   :alt: illegal immigrants on a boat

+---------+------------+
| Group   | illegal    |
| count   | aliens     |
+---------+------------+

.. [1] A footnote on illegal immigrants.

Term
   A definition about illegal aliens.
"""
    found = located(default_rules, source)
    assert found == [
        (2, 10, "illegal immigrants"),
        (5, 13, "illegal    |\n| count   | aliens"),
        (9, 22, "illegal immigrants"),
        (12, 23, "illegal aliens"),
    ]
    [cell] = [f for f in findings(default_rules, source) if f.line == 5]
    assert cell.fix is None or cell.fix.applicability.value == "display"


def test_include_is_never_read(default_rules, tmp_path):
    secret = write(tmp_path, "other.rst", "Officers detained illegal immigrants.\n")
    source = f".. include:: {secret}\n\n.. csv-table::\n   :file: {secret}\n\nClean text.\n"
    assert findings(default_rules, source) == []


def test_suppression_comment(run, tmp_path):
    path = write(tmp_path, "doc.rst",
                 ".. termlint: ignore illegal-migrant -- the 1996 statute's words\n\n"
                 "Officers detained illegal immigrants.\n\n"
                 "Officers detained illegal immigrants.\n")
    out = json.loads(run(["check", "--format", "json", str(path)]).out)
    assert [f["line"] for f in out["findings"]] == [5]


def test_fix_edits_the_source(run, tmp_path):
    source = "Heading\n=======\n\nOfficers detained illegal\nimmigrants, said *illegal* aliens.\n"
    path = write(tmp_path, "doc.rest", source)
    r = run(["check", "--fix", str(path)])
    assert r.code == 1
    fixed = path.read_text()
    assert fixed.startswith("Heading\n=======\n\nOfficers detained migrants\nin an irregular situation, said")
    assert "*illegal* aliens" in fixed  # markup inside the match: shown, not applied


def test_broken_rest_still_checks_what_it_can(default_rules):
    source = "Title\n===\n\n`unclosed role and illegal immigrants here.\n\n.. unknown-thing::\n"
    assert [f.match for f in findings(default_rules, source)] == ["illegal immigrants"]


def test_the_explanation_of_a_version_note_or_a_see_also_is_prose(default_rules):
    """Sphinx's canonical forms: the explanation is the directive's argument, after the
    version numbers; a version number is never prose."""
    source = ("Intro.\n\n.. versionadded:: 2.0\n   Illegal immigrants got a section.\n\n"
              ".. deprecated-removed:: 3.4 3.6 Illegal aliens were moved.\n\n"
              ".. seealso:: The note on illegal immigrants.\n")
    got = located(default_rules, source)
    assert [(line, match) for line, _, match in got] == [
        (4, "Illegal immigrants"), (6, "Illegal aliens"), (8, "illegal immigrants")]


def test_words_also_standing_in_an_inline_literal_before_them_are_found_where_they_are_prose(default_rules):
    source = "Intro.\n\n``illegal aliens`` and then **illegal aliens** were held at the border.\n"
    assert [(f.match, f.offset) for f in findings(default_rules, source)] == [
        ("illegal aliens", source.rindex("illegal aliens"))
    ]


def test_an_inline_literal_is_a_boundary_between_the_words_around_it(default_rules):
    assert findings(default_rules, "Police held illegal ``x`` immigrants at the border.\n") == []


def test_a_fix_that_would_break_a_table_is_left_out(run, tmp_path):
    table = ("+--------------------+-------+\n| Group              | Count |\n"
             "+====================+=======+\n| illegal immigrants | 12    |\n+--------------------+-------+\n\n"
             "=================  =====\nGroup              Count\n=================  =====\n"
             "illegal aliens     3\n=================  =====\n")
    path = write(tmp_path, "t.rst", "Title\n=====\n\nIllegal immigrants were counted.\n\n" + table)
    r = run(["check", "--fix", str(path)])
    fixed = path.read_text()
    assert fixed.startswith("Title\n=====\n\nMigrants in an irregular situation were counted.\n\n")
    assert fixed.endswith(table)  # both tables as they were; their findings stay reported
    assert r.code == 1 and "illegal aliens" in r.out
    assert rst.keeps_structure(table, table)
    assert not rst.keeps_structure(table, table.replace("illegal immigrants", "migrants in an irregular situation"))
    # the report, JSON and SARIF never offer the edit that --fix refused
    out = json.loads(run(["check", "--format", "json", str(path)]).out)
    fixes = {f["match"]: f["fix"]["applicability"] for f in out["findings"]}
    assert fixes == {"illegal immigrants": "display", "illegal aliens": "display"}
    assert all("fix left out" in " ".join(f["notes"]) for f in out["findings"])
    sarif = json.loads(run(["check", "--format", "sarif", str(path)]).out)
    assert all("fixes" not in r for r in sarif["runs"][0]["results"])


def test_a_section_title_that_a_reference_points_to_keeps_its_name(run, tmp_path):
    source = ("Report\n======\n\nSee `Illegal immigrants in the city`_ below.\n\n"
              "Illegal immigrants in the city\n------------------------------\n\nSome text.\n")
    path = write(tmp_path, "t.rst", source)
    run(["check", "--fix", str(path)])
    fixed = path.read_text()
    # the reference is fixed and keeps its target; the title it points to is left as it was
    assert "See `Migrants in an irregular situation in the city <Illegal immigrants in the city_>`__" in fixed
    assert "\nIllegal immigrants in the city\n------------------------------\n" in fixed
    assert rst.keeps_structure(source, fixed)
    renamed = fixed.replace("\nIllegal immigrants in the city\n", "\nMigrants in the city\n")
    assert not rst.keeps_structure(source, renamed)


def test_a_block_quotation_is_a_quotation(run, tmp_path):
    path = write(tmp_path, "q.rst", "The senator said:\n\n    We caught illegal immigrants at the port yesterday, "
                 "and we will deport them.\n\n.. epigraph::\n\n   Illegal aliens must go home.\n\n"
                 "Police held illegal immigrants.\n")
    found = json.loads(run(["check", "--format", "json", str(path)]).out)["findings"]
    assert [(f["line"], f["level"], f["fix"] is None) for f in found] == [
        (3, "suggestion", True), (7, "suggestion", True), (9, "error", False)]


def test_a_title_fix_lengthens_the_underline_and_overline(run, tmp_path):
    source = ("Illegal immigrants\n==================\n\nText.\n\n"
              "~~~~~~~~~~~~~~~~~~\nIllegal immigrants\n~~~~~~~~~~~~~~~~~~\n\n"
              "Sub: illegal immigrants\n---------------------------------------------\n\n"
              "A paragraph line\nabout illegal immigrants\n----\n")
    path = write(tmp_path, "t.rst", source.replace("\n", "\r\n"))
    data = json.loads(run(["check", "--format", "json", str(path)]).out)
    title_fix = data["findings"][0]["fix"]
    assert title_fix["applicability"] == "safe" and len(title_fix["edits"]) == 2  # the words and the underline
    sarif = json.loads(run(["check", "--format", "sarif", str(path)]).out)
    described = sarif["runs"][0]["results"][0]["fixes"][0]["description"]["text"]
    assert described == "Replace “Illegal immigrants” with “Migrants in an irregular situation” (safe fix)."
    run(["check", "--fix", str(path)])
    fixed = path.read_bytes().decode()
    title = "Migrants in an irregular situation"
    assert fixed.startswith(f"{title}\r\n{'=' * len(title)}\r\n\r\nText.\r\n\r\n"
                            f"{'~' * len(title)}\r\n{title}\r\n{'~' * len(title)}\r\n\r\n")
    # an underline wide enough stays; two text lines over a line of marks are no title
    assert "Sub: migrants in an irregular situation\r\n" + "-" * 45 + "\r\n" in fixed
    assert fixed.endswith("about migrants in an irregular situation\r\n----\r\n")
    assert rst.keeps_structure(source, fixed.replace("\r\n", "\n"))


def test_a_wide_title_is_measured_in_columns(run, tmp_path):
    from termlint.findings import Applicability, Edit, Fix

    source = "Illegal aliens\n==============\n"
    fix = Fix((Edit(0, 14, "非正常移民的故事 migrants"),), Applicability.SAFE)
    done = rst.complete_fix(source, fix)
    width = 8 * 2 + len(" migrants")
    assert done.edits[1] == Edit(len(source) - 1, len(source) - 1, "=" * (width - 14))


def test_a_fixed_term_role_keeps_its_glossary_entry(run, tmp_path):
    path = tmp_path / "index.rst"
    path.write_text("Press coverage often uses :term:`illegal immigrants` without explaining it.\n\n"
                    "See also :term:`illegal aliens <alien>` and :term:`asylum`.\n", encoding="utf-8")
    run(["check", "--fix", str(path)])
    fixed = path.read_text(encoding="utf-8")
    # the words change; the entry each role links to does not
    assert ":term:`migrants in an irregular situation <illegal immigrants>`" in fixed
    assert ":term:`undocumented noncitizens <alien>`" in fixed
    assert ":term:`asylum`" in fixed


def test_a_glossary_headword_is_a_term_defined_not_prose(run, tmp_path):
    path = tmp_path / "index.rst"
    path.write_text("Style guide\n===========\n\n.. glossary::\n\n   illegal immigrants\n"
                    "      A term to avoid; it labels people, not acts. Police once arrested illegal immigrants.\n\n"
                    "Coverage still uses :term:`illegal immigrants` without explaining it.\n", encoding="utf-8")
    run(["check", "--fix", str(path)])
    fixed = path.read_text(encoding="utf-8")
    assert "\n   illegal immigrants\n" in fixed  # the headword stays what it defines
    assert "Police once arrested migrants in an irregular situation." in fixed  # its definition is prose
    assert ":term:`migrants in an irregular situation <illegal immigrants>`" in fixed


def test_a_fixed_named_reference_or_wrapped_term_keeps_its_target(run, tmp_path):
    from docutils.core import publish_doctree

    path = tmp_path / "index.rst"
    path.write_text("Police arrested `illegal immigrants`_ at the port.\n\n"
                    "Press coverage often uses :term:`illegal\nimmigrants` without explaining it.\n\n"
                    ".. _illegal immigrants: https://example.org/a\n", encoding="utf-8")
    run(["check", "--fix", str(path)])
    fixed = path.read_text(encoding="utf-8")
    assert "`migrants in an irregular situation <illegal immigrants_>`__" in fixed
    assert "in an irregular situation <illegal immigrants>`" in fixed
    refs = [n for n in publish_doctree(fixed, settings_overrides={"report_level": 5}).findall()
            if n.tagname == "reference"]
    assert [r["refuri"] for r in refs] == ["https://example.org/a"]  # still resolved, no new target


def test_a_fixed_term_role_makes_the_determiner_before_it_agree(run, tmp_path):
    path = tmp_path / "role.rst"
    path.write_text("Title\n=====\n\nPolice detained an :term:`illegal immigrant` at the border.\n", encoding="utf-8")
    run(["check", "--fix", str(path)])
    assert "Police detained a :term:`migrant in an irregular situation <illegal immigrant>` at the border." \
        in path.read_text(encoding="utf-8")


def test_a_role_without_a_title_whose_text_is_its_target_is_not_prose(default_rules):
    source = """Reports
=======

See :ref:`illegal-immigrants`, :doc:`illegal-aliens`, :numref:`illegal-aliens-table`
and :cite:`illegal-immigrants-2019`.

See :ref:`the section on illegal immigrants <illegal-immigrants>`.

Contact illegal-immigrants@example.org for help.
"""
    # with a title, the title is prose and the target is not; a bare role is a target only
    assert [(f.line, f.match) for f in findings(default_rules, source)] == [(7, "illegal immigrants")]

"""Suppression comments end to end, and the directive parser and suppressor on their own."""
from __future__ import annotations

import importlib.util
import json

import pytest
from conftest import write

from termlint import directives, suppress
from termlint.document import Directive
from termlint.findings import Finding, Level

PERSON = "Police arrested illegal immigrants at the port."


def found(run, tmp_path, name: str, text: str, *argv: str) -> list[tuple[int, str]]:
    path = write(tmp_path, name, text)
    r = run(["check", "--no-config", "--format", "json", *argv, str(path)])
    assert r.code != 2, r.err + r.out
    return [(f["line"], f["rule"]) for f in json.loads(r.out)["findings"]]


# -- Markdown and HTML comments --------------------------------------------------------------


def test_markdown_ranges_with_rule_lists_and_categories(run, tmp_path):
    text = "\n".join([
        "<!-- termlint-disable illegal-migrant, water-metaphor -- quoting the 1998 debate -->",
        PERSON,  # 2: suppressed
        "A flood of migrants reached the coast.",  # 3: suppressed
        "<!-- termlint-enable water-metaphor -->",
        "A flood of migrants reached the coast.",  # 5: flagged again
        PERSON,  # 6: still suppressed
        "<!-- termlint-enable -->",
        PERSON,  # 8: flagged
        "<!-- termlint-disable dehumanising-metaphor -->",
        "A flood of migrants reached the coast.",  # 10: the category is suppressed
        "",
    ])
    assert found(run, tmp_path, "a.md", text) == [(5, "water-metaphor"), (8, "illegal-migrant")]


def test_disable_everything_then_enable_one_rule(run, tmp_path):
    text = "\n".join([
        "<!-- termlint-disable -->",
        PERSON,
        "A flood of migrants reached the coast.",
        "<!-- termlint-enable water-metaphor -->",
        PERSON,
        "A flood of migrants reached the coast.",
        "",
    ])
    assert found(run, tmp_path, "a.md", text) == [(6, "water-metaphor")]


def test_next_line_passes_blank_lines_and_stacks(run, tmp_path):
    text = "\n".join([
        "<!-- termlint-disable-next-line illegal-migrant -- a 1952 statute's wording -->",
        "",
        PERSON,  # 3: covered (blank line passed over)
        PERSON,  # 4: not covered
        "<!-- termlint-disable-next-line water-metaphor -->",
        "<!-- termlint-disable-next-line illegal-migrant -->",
        "Illegal immigrants and a flood of migrants.",  # 7: both covered
        "<!-- termlint-disable-next-line horde -->",
        PERSON,  # 9: another rule, not covered
        "",
    ])
    assert found(run, tmp_path, "a.md", text) == [(4, "illegal-migrant"), (9, "illegal-migrant")]


def test_disable_line_and_disable_file(run, tmp_path):
    text = PERSON + " <!-- termlint-disable-line illegal-migrant -->\n" + PERSON + "\n"
    assert found(run, tmp_path, "a.md", text) == [(2, "illegal-migrant")]
    text = f"<!-- termlint-disable-file person-illegal -- a glossary of banned terms -->\n{PERSON}\n{PERSON}"
    assert found(run, tmp_path, "b.md", text) == []


def test_html_comments_in_html_files(run, tmp_path):
    text = ("<html><body>\n<!-- termlint-disable-next-line -->\n<p>" + PERSON + "</p>\n<p>"
            + PERSON + "</p>\n</body></html>\n")
    assert found(run, tmp_path, "a.html", text) == [(4, "illegal-migrant")]


# -- plain text and reST markers ---------------------------------------------------------


@pytest.mark.parametrize("name, text", [
    ("fenced.md", f"{PERSON}\n\nTo silence a file:\n\n```html\n<!-- termlint-disable-file -->\n```\n"),
    ("indented.md", f"{PERSON}\n\nTo silence a file:\n\n    <!-- termlint-disable-file -->\n"),
    ("span.md", f"{PERSON}\n\nWrite `<!-- termlint-disable-file -->` to silence a file.\n"),
    ("range.md", "```\n<!-- termlint-disable illegal-migrant -->\n```\n\n" + PERSON + "\n"),
    ("script.html", f"<p>{PERSON}</p>\n<script>var help = \"<!-- termlint-disable-file -->\";</script>\n"),
    ("code.rst", f"{PERSON}\n\n.. code-block:: rst\n\n   .. termlint: ignore-file\n"),
    ("literal.rst", f"{PERSON}\n\nWrite this::\n\n    termlint: ignore-file\n"),
])
def test_a_marker_shown_in_code_is_not_obeyed(run, tmp_path, name, text):
    """A style guide that shows how to switch termlint off is still checked."""
    assert [rule for _, rule in found(run, tmp_path, name, text)] == ["illegal-migrant"]


@pytest.mark.parametrize("name, text", [
    ("block.md", f"{PERSON}\n\n<!-- termlint-disable-file -->\n"),
    ("inline.md", f"{PERSON} <!-- termlint-disable-line -->\n"),
    ("page.html", f"<p>{PERSON}</p><!-- termlint-disable-file -->\n"),
    ("comment.rst", f"{PERSON}\n\n.. termlint: ignore-file\n"),
])
def test_a_marker_in_a_real_comment_is_obeyed(run, tmp_path, name, text):
    assert found(run, tmp_path, name, text) == []


def test_plain_text_markers(run, tmp_path):
    text = "\n".join([
        PERSON + " termlint: ignore illegal-migrant -- quoting the police log",  # 1: covered
        "termlint: ignore illegal-migrant -- next line quotes the minister",
        PERSON,  # 3: covered
        PERSON,  # 4
        "termlint: disable",
        PERSON,  # 6: covered
        "termlint: enable",
        ".. termlint: ignore illegal-migrant",
        "",
        PERSON,  # 10: covered: a reST comment, then its blank line
        "",
    ])
    assert found(run, tmp_path, "a.txt", text) == [(4, "illegal-migrant")]


def test_the_marker_itself_is_not_prose(run, tmp_path):
    # "illegal-migrant" in a marker is a rule id, not a finding (nor something to fix).
    text = "termlint: ignore illegal-migrant -- the illegal-migrant label is quoted below\nPolice.\n"
    assert found(run, tmp_path, "a.txt", text) == []
    assert found(run, tmp_path, "b.txt", "Police. termlint: enable illegal-migrant\n") == []


def test_the_words_of_a_marker_are_no_context_for_a_rule(run, tmp_path):
    # "water" in "water-metaphor" is a rule id, not the literal water that the rule's
    # conditions leave alone: the line after "enable" is checked again.
    text = ("termlint: disable water-metaphor\nA flood of migrants arrived.\n"
            "termlint: enable water-metaphor\nA flood of migrants arrived again.\n")
    assert found(run, tmp_path, "a.txt", text, "--report-unused-suppressions") == [(4, "water-metaphor")]


def test_ignore_file_marker(run, tmp_path):
    text = "termlint: ignore-file -- a list of terms to avoid\n" + PERSON + "\n"
    assert found(run, tmp_path, "a.txt", text) == []


@pytest.mark.skipif(importlib.util.find_spec("termlint.adapters.rst") is None,
                    reason="the reStructuredText adapter is not in this checkout")
def test_rest_comment(run, tmp_path):
    text = f"Title\n=====\n\n.. termlint: ignore illegal-migrant -- quoting\n\n{PERSON}\n\n{PERSON}\n"
    assert [line for line, _ in found(run, tmp_path, "a.rst", text)] == [8]


# -- unused suppressions -------------------------------------------------------------------


def test_report_unused_suppressions(run, tmp_path):
    text = "\n".join([
        "<!-- termlint-disable-next-line illegal-migrant -->",
        PERSON,  # used
        "<!-- termlint-disable-next-line illegal-migrant -- the text was rewritten -->",
        "Migrants in an irregular situation were detained.",  # nothing to suppress: unused
        "<!-- termlint-disable-next-line illegal-migrnt -->",  # a typo: unused
        "A calm paragraph.",
        "<!-- termlint-disable-next-line irregular-migrant-style -->",  # the rule is off: not reported
        "Irregular migrants waited.",
        "",
    ])
    path = write(tmp_path, "a.md", text)
    assert run(["check", "--no-config", str(path)]).code == 0  # not asked for: not reported
    r = run(["check", "--no-config", "--report-unused-suppressions", str(path)])
    assert r.code == 1  # an unused suppression counts as a warning
    unused = [line for line in r.out.splitlines() if ": unused suppression" in line]
    # the summary says why the run fails
    assert r.out.splitlines()[-1] == ("Found 2 unused suppressions (0 errors, 0 warnings and 0 suggestions) "
                                      "in 1 file checked.")
    assert unused == [
        f"{path}:3: unused suppression (illegal-migrant): it no longer matches anything",
        f"{path}:5: unused suppression (illegal-migrnt): it names no rule or category: illegal-migrnt "
        "(did you mean illegal-migrant?)",
    ]
    data = json.loads(run(["check", "--no-config", "--format", "json", "--report-unused-suppressions",
                           str(path)]).out)
    assert [(u["line"], u["rules"], u["reason"]) for u in data["summary"]["unused_suppressions"]] == [
        (3, ["illegal-migrant"], "the text was rewritten"),
        (5, ["illegal-migrnt"], ""),
    ]
    lenient = ["check", "--no-config", "--report-unused-suppressions", "--fail-on", "error", str(path)]
    assert run(lenient).code == 0


def test_a_range_is_used_once_any_finding_falls_in_it(run, tmp_path):
    text = "<!-- termlint-disable -->\n" + PERSON + "\n<!-- termlint-enable -->\nCalm.\n"
    path = write(tmp_path, "a.md", text)
    r = run(["check", "--no-config", "--report-unused-suppressions", str(path)])
    assert r.code == 0 and "unused" not in r.out


# -- the parser and the suppressor, directly -------------------------------------------------


@pytest.mark.parametrize(
    ("rest", "expected"),
    [
        ("", ((), "")),
        ("-- quoting", ((), "quoting")),
        ("illegal-migrant", (("illegal-migrant",), "")),
        ("illegal-migrant, horde -- quoting  the\n  statute ",
         (("illegal-migrant", "horde"), "quoting the statute")),
        ("a b,c --", (("a", "b", "c"), "")),
        ("a --why-not", (("a", "--why-not"), "")),
    ],
)
def test_parse_rest(rest, expected):
    assert directives.parse_rest(rest) == expected


def test_scan_comments_positions():
    source = "intro\n<!-- termlint-disable-next-line a --\n     multi-line reason -->\n\ntext\n"
    [d] = directives.scan_comments(source)
    assert d.kind == "next-line" and d.rules == ("a",) and d.reason == "multi-line reason"
    assert d.line == 4  # covers line 5, the next line with text
    assert d.offset == source.index("<!--")
    assert directives.scan_comments("<!-- termlint-disabled -->") == ()


def test_scan_text_kinds():
    source = "a termlint: ignore x\ntermlint: ignore\ntext\ntermlint: disable y\ntermlint: ignore-file\n"
    kinds = [(d.kind, d.rules, d.line) for d in directives.scan_text(source) if d.kind != "marker"]
    assert kinds == [("line", ("x",), 1), ("next-line", (), 2), ("disable", ("y",), 4), ("file", (), 5)]
    assert directives.scan_text("mytermlint: ignore x") == ()
    # the syntax shown in quotation marks or code is no marker
    assert directives.scan_text('Write "termlint: ignore RULE" above a line, or `termlint: ignore X`.') == ()
    # a comment sign typed out of habit still makes a marker alone on its line
    habit = "# termlint: ignore x\ntext\n// termlint: ignore y\ntext\n"
    assert [(d.kind, d.line) for d in directives.scan_text(habit) if d.kind != "marker"] == [
        ("next-line", 1), ("next-line", 3)]


def _finding(rule: str, line: int, offset: int, category: str = "c") -> Finding:
    return Finding("p", rule, Level.ERROR, category, "m", "w", offset, offset + 1, line, 1, line, 2)


def test_apply_credits_the_most_specific_directive():
    ds = [
        Directive("file", ("r",), 1, 0),
        Directive("disable", (), 1, 1),
        Directive("line", ("r",), 3, 40),
        Directive("enable", (), 5, 60),
    ]
    kept, used = suppress.apply([_finding("r", 3, 30), _finding("s", 4, 50), _finding("s", 6, 70)], ds)
    assert [f.rule for f in kept] == ["s"]
    assert used == {1, 2, 3}  # the line, the range (and its enable); the file directive went unused
    assert suppress.stale([ds[0]], {"r"}, {"r", "s"}) == (ds[0],)
    assert suppress.stale([ds[0]], {"s"}, {"r", "s"}) == ()  # its rule did not run


def test_apply_without_directives_keeps_everything():
    f = _finding("r", 1, 0)
    assert suppress.apply([f], []) == ([f], set())

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


def _cells(text: str) -> int:
    """Terminal cells, worked out independently of the reporter."""
    import unicodedata

    return sum(
        0 if unicodedata.category(ch) in ("Mn", "Me") else 2 if unicodedata.east_asian_width(ch) in "WF" else 1
        for ch in text
    )


@pytest.mark.parametrize(
    ("prefix", "match", "suffix", "cut"),
    [
        ("Plain words before it, " * 6, "illegal immigrants", " and more words after it." * 6, True),
        ("据报道，" * 30, "非法移民", "，" + "此后情况有所变化。" * 10, True),  # wide characters
        ("The café near the résumé office was naïve about it. " * 3 + "The ", "illegal aliens", " arrived.", True),
        ("", "Illegal immigrants", " were there.", False),
    ],
)
def test_carets_stand_under_the_match(run, tmp_path, prefix, match, suffix, cut):
    from conftest import write

    path = write(tmp_path, "long.txt", prefix + match + suffix + "\n")
    lines = run(["check", str(path)]).out.splitlines()
    head = next(i for i, line in enumerate(lines) if line.startswith(f"{path}:1:"))
    context, pointer = lines[head + 1], lines[head + 2]
    gutter = context.index("| ") + 2
    shown = context[gutter:]
    assert shown.startswith("…") is cut
    column = _cells(shown[: shown.index(match)])
    assert pointer[gutter:] == " " * column + "^" * _cells(match)


def test_a_word_paragraph_with_a_line_break_is_shown_on_one_line(run, tmp_path):
    from docx_builder import Builder

    b = Builder()
    b.raw_run(b.paragraph(), '<w:t xml:space="preserve">Police held an illegal</w:t>'
                             '<w:br/><w:t>immigrant at the border.</w:t>')
    path = b.save(tmp_path / "br.docx")
    lines = run(["check", str(path)]).out.splitlines()
    context = next(line for line in lines if line.lstrip().startswith("1 | "))
    pointer = lines[lines.index(context) + 1]
    assert context.endswith("| Police held an illegal immigrant at the border.")
    at = context.index("illegal")
    assert pointer[at:] == "^" * len("illegal immigrant")


def test_a_line_break_in_a_file_name_stays_on_its_report_line(run, tmp_path):
    from conftest import write

    path = write(tmp_path, "new\nline.txt", "Police arrested illegal immigrants.\n")
    out = run(["check", "--no-config", str(path)]).out
    head = [line for line in out.splitlines() if "illegal-migrant" in line]
    assert len(head) == 1 and head[0].startswith(f"{tmp_path}/new\\nline.txt:1:17: error")


def test_control_characters_of_a_file_never_reach_the_terminal(run, tmp_path):
    path = tmp_path / "esc\x1b[2Jname.txt"
    path.write_text("Police arrested illegal immigrants \x1b]0;owned\x07\x1b[31mat the port.\x9b\n",
                    encoding="utf-8")
    out = run(["check", "--no-config", "--color", "never", str(path)]).out
    assert "illegal-migrant" in out
    assert not any(ch < " " and ch != "\n" or "\x7f" <= ch <= "\x9f" for ch in out)
    assert "\u241b]0;owned\u2407\u241b[31mat" in out  # shown, not obeyed
    assert "esc\\x1b[2Jname.txt" in out

"""The command line end to end: exit codes, standard input, selection, subcommands."""
from __future__ import annotations

import json

import pytest
from conftest import SEED, write

from termlint import cli


def test_illegal_immigrants_on_stdin_is_an_error(run):
    r = run(["check", "-"], "Illegal immigrants were detained.\n")
    assert r.code == 1
    assert "error illegal-migrant" in r.out
    assert "<stdin>" not in r.err


def test_clean_text_exits_zero_with_a_clean_summary(run):
    r = run(["check", "-"], "Undocumented migrants were detained.\n")
    assert r.code == 0
    assert r.out.strip() == "No problems found (0 errors, 0 warnings and 0 suggestions) in 1 file checked."


def test_seed_exits_one_and_names_the_delegation_phrase(run):
    r = run(["check", str(SEED.parent)])
    assert r.code == 1
    assert "illegal flows of foreign labour forces" in r.out
    assert "suggestion: irregular flows of foreign labour forces" in r.out


def test_subcommand_is_optional(run):
    assert run(["-"], "Illegal immigrants were detained.").code == 1


def test_missing_path_is_exit_two(run, tmp_path):
    r = run(["check", str(tmp_path / "nope.md")])
    assert r.code == 2
    assert "no such file or directory" in r.out


def test_no_paths_is_a_usage_error(run):
    r = run(["check"])
    assert r.code == 2 and "no paths" in r.err


def test_bad_option_is_a_usage_error(run):
    assert run(["check", "--fail-on", "nonsense", "-"]).code == 2


def test_fail_on_and_exit_zero(run):
    text = "The patrol recorded more illegal border crossings this summer."
    assert run(["check", "-"], text).code == 1  # a warning fails by default
    assert run(["check", "--fail-on", "error", "-"], text).code == 0
    assert run(["check", "--exit-zero", "-"], "Illegal immigrants were detained.").code == 0
    assert run(["check", "--fail-on", "suggestion", "-"], "Chain migration was debated.").code == 1
    assert run(["check", "-"], "Chain migration was debated.").code == 0


def test_select_and_ignore(run):
    text = "Illegal immigrants feared the flood of migrants."
    assert json.loads(run(["check", "--format", "json", "--ignore", "illegal-migrant", "-"], text).out)["summary"]["errors"] == 0
    out = json.loads(run(["check", "--format", "json", "--select", "dehumanising-metaphor", "-"], text).out)
    assert {f["rule"] for f in out["findings"]} == {"water-metaphor"}
    r = run(["check", "--select", "no-such-rule", "-"], text)
    assert r.code == 2 and "unknown rule" in r.err


def test_select_switches_on_an_opt_in_rule(run):
    text = "Irregular migrants may apply."
    assert run(["check", "-"], text).code == 0
    r = run(["check", "--fail-on", "suggestion", "--select", "irregular-migrant-style", "-"], text)
    assert r.code == 1 and "irregular-migrant-style" in r.out


def test_user_rules_and_a_malformed_rule_file(run, tmp_path):
    good = write(tmp_path, "mine.yaml", """language: en
rules:
  - id: wetback
    level: error
    category: slur
    message: "A slur: {match}"
    why: slur
    terms: [wetback]
    sources: [{title: T, year: 2020, address: https://example.org}]
    examples: {flag: [a wetback], pass: [a back]}
""")
    r = run(["check", "--rules", str(good), "-"], "He used the word wetbacks in the speech\n")
    assert r.code == 0  # a mention ("the word ...") is not flagged
    r = run(["check", "--rules", str(good), "-"], "Wetbacks crossed the river.\n")
    assert r.code == 1 and "A slur: Wetbacks" in r.out
    bad = write(tmp_path, "bad.yaml", good.read_text().replace("level: error", "level: loud"))
    r = run(["check", "--rules", str(bad), "-"], "text")
    assert r.code == 2
    assert f"{bad}:4: rule 'wetback': field 'level'" in r.err


def test_stdin_filename_names_the_input(run):
    r = run(["check", "--stdin-filename", "draft.md", "-"], "Illegal immigrants were `illegal immigrants`.")
    assert r.code == 1
    assert r.out.startswith("draft.md:1:1: error")
    assert r.out.count("error illegal-migrant") == 1  # the code span is not prose


def test_rules_command_lists_rules(run):
    r = run(["rules"])
    assert r.code == 0
    line = next(l for l in r.out.splitlines() if l.startswith("illegal-migrant "))
    assert line.split() == ["illegal-migrant", "error", "person-illegal", "en", "on"]
    assert any(l.startswith("irregular-migrant-style ") and l.endswith("off") for l in r.out.splitlines())


def test_explain(run):
    r = run(["explain", "illegal-migrant"])
    assert r.code == 0
    for part in ("Why:", "Sources:", "[S01]", "Replacements", "Examples that are flagged"):
        assert part in r.out
    assert run(["explain", "nope"]).code == 2


def test_test_rules_reports_failing_examples(run, tmp_path):
    assert run(["test-rules"]).code == 0
    path = write(tmp_path, "mine.yaml", """language: en
rules:
  - id: wetback
    level: error
    category: slur
    message: m
    why: w
    terms: [wetback]
    sources: [{title: T, year: 2020, address: https://example.org}]
    examples: {flag: [a wet back], pass: [wetbacks]}
""")
    r = run(["test-rules", str(path)])
    assert r.code == 1
    assert "flag example not flagged: 'a wet back'" in r.out
    assert "pass example flagged" in r.out
    assert "2 examples, 2 failed." in r.out


def test_json_report(run):
    r = run(["check", "--format", "json", "-"], "Line one.\nThey hired illegal workers at the border.\n")
    data = json.loads(r.out)
    assert set(data) == {"version", "findings", "summary"}
    [f] = data["findings"]
    assert f["match"] == "illegal workers"
    assert (f["line"], f["column"], f["end_line"], f["end_column"]) == (2, 12, 2, 27)
    assert (f["offset"], f["end_offset"]) == (21, 36)
    assert f["level"] == "error" and f["rule"] == "illegal-migrant" and f["category"] == "person-illegal"
    assert f["suggestions"][0] == "workers in an irregular situation"
    assert data["summary"]["errors"] == 1 and data["summary"]["files"] == 1


def test_no_color_when_piped_and_no_progress_in_json(run, tmp_path):
    for i in range(3):
        write(tmp_path, f"d{i}.md", "Illegal immigrants.\n")
    r = run(["check", "--format", "json", str(tmp_path)])
    assert "\x1b[" not in r.out and "\x1b[" not in r.err and r.err == ""
    json.loads(r.out)


def test_color_always(run):
    r = run(["check", "--color", "always", "-"], "Illegal immigrants were detained.")
    assert "\x1b[" in r.out


def test_no_color_env(run, monkeypatch):
    monkeypatch.setenv("NO_COLOR", "1")
    r = run(["check", "--color", "auto", "-"], "Illegal immigrants were detained.")
    assert "\x1b[" not in r.out
    # the command line overrides the environment, as the README says
    assert "31m" in run(["check", "--color", "always", "-"], "Illegal immigrants were detained.").out  # red


def test_folder_walk_skips_hidden_and_gitignored(run, tmp_path):
    import subprocess

    write(tmp_path, "a.md", "Illegal immigrants.\n")
    (tmp_path / ".hidden").mkdir()
    write(tmp_path / ".hidden", "b.md", "Illegal immigrants.\n")
    (tmp_path / "build").mkdir()
    write(tmp_path / "build", "c.md", "Illegal immigrants.\n")
    write(tmp_path, ".gitignore", "build/\n")
    subprocess.run(["git", "init", "-q", str(tmp_path)], check=True)
    data = json.loads(run(["check", "--format", "json", str(tmp_path)]).out)
    assert {f["path"].rsplit("/", 1)[-1] for f in data["findings"]} == {"a.md"}


def test_gitignore_is_read_from_the_checkout_whatever_the_first_file(run, tmp_path, monkeypatch):
    # Relative paths from termlint's folder, the first walked file deep in an ignored folder:
    # git must judge each path as the user wrote it, not from that file's folder.
    import subprocess

    subprocess.run(["git", "init", "-q", str(tmp_path)], check=True)
    write(tmp_path, ".gitignore", "_build/\n/site/\n")
    for folder, name in [("docs/_build/html", "a.md"), ("docs/guide", "b.md"), ("docs", "c.md"),
                         ("site", "d.md"), ("docs/site", "e.md")]:
        (tmp_path / folder).mkdir(parents=True, exist_ok=True)
        write(tmp_path / folder, name, "Illegal immigrants.\n")
    monkeypatch.chdir(tmp_path)
    data = json.loads(run(["check", "--no-config", "--format", "json", "docs", "site"]).out)
    # /site/ is anchored: docs/site is not ignored; _build/ is ignored anywhere
    assert sorted(f["path"] for f in data["findings"]) == ["docs/c.md", "docs/guide/b.md", "docs/site/e.md"]


def test_a_file_named_twice_is_checked_once(run, tmp_path, monkeypatch):
    (tmp_path / "d").mkdir()
    write(tmp_path / "d", "a.md", "Police arrested an illegal immigrant.\n")
    write(tmp_path, "t.txt", "Police arrested an illegal immigrant.\n")
    (tmp_path / "l.txt").symlink_to(tmp_path / "t.txt")
    monkeypatch.chdir(tmp_path)
    args = [".", "d/a.md", "d", "./t.txt", str(tmp_path / "t.txt"), "l.txt"]
    data = json.loads(run(["check", "--no-config", "--format", "json", *args]).out)
    # the walk of "." names the symlink first (sorted): the file is reported once, under it
    assert sorted(f["path"] for f in data["findings"]) == ["./d/a.md", "./l.txt"]
    r = run(["check", "--no-config", "--fix", *args])
    assert r.code == 1 and r.err == "" and r.out.count("Fixed 1 problem") == 2  # 1: files changed; 2 would be a failure
    assert "illegal" not in (tmp_path / "d" / "a.md").read_text()
    assert "illegal" not in (tmp_path / "t.txt").read_text() and (tmp_path / "l.txt").is_symlink()
    # hard links are two names, each checked and fixed
    write(tmp_path, "h1.txt", "Police arrested an illegal immigrant.\n")
    import os
    os.link(tmp_path / "h1.txt", tmp_path / "h2.txt")
    r = run(["check", "--no-config", "--fix", "h1.txt", "h2.txt"])
    assert r.out.count("Fixed 1 problem") == 2, r.out
    assert all("illegal" not in (tmp_path / n).read_text() for n in ("h1.txt", "h2.txt"))


def test_a_file_whose_name_starts_with_a_dash_is_a_file(run, tmp_path, monkeypatch):
    # pre-commit passes staged file names after the hook's options, without "--"
    monkeypatch.chdir(tmp_path)
    write(tmp_path, "-notes.md", "Police arrested illegal immigrants.\n")
    write(tmp_path, "b.md", "Nice weather.\n")
    r = run(["check", "--no-config", "--format", "json", "b.md", "-notes.md"])
    assert [f["path"] for f in json.loads(r.out)["findings"]] == ["-notes.md"]
    r = run(["check", "--no-config", "b.md", "-nothere.md"])  # no such file: still a usage error
    assert r.code == 2 and "unrecognized arguments: -nothere.md" in r.err


def test_json_report_matches_its_schema(run, tmp_path):
    import jsonschema
    from conftest import ROOT

    schema = json.loads((ROOT / "docs" / "report.schema.json").read_text(encoding="utf-8"))
    write(tmp_path, "a.md", "They hired illegal workers.\n\nThe flood of migrants.\n")
    write(tmp_path, "b.bin", "\0\0binary")
    r = run(["check", "--format", "json", str(tmp_path / "a.md"), str(tmp_path / "b.bin"), "-"], "Clean text.")
    data = json.loads(r.out)
    jsonschema.validate(data, schema)
    assert data["summary"]["skipped"][0]["error"] is False
    assert len(data["findings"]) == 2


def test_help_is_wrapped_to_the_terminal_width_given_by_columns(run, monkeypatch):
    description = "Check migration texts for terminology"
    for columns, widest in (("50", 48), ("200", 198)):
        monkeypatch.setenv("COLUMNS", columns)
        r = run(["--help"])
        lines = r.out.splitlines()
        start = next(i for i, line in enumerate(lines) if line.startswith(description))
        paragraph = lines[start : lines.index("", start)]
        assert max(map(len, paragraph)) <= widest
        assert (len(paragraph) == 1) == (columns == "200")


def test_a_run_sets_up_only_its_commands_options_and_parses_the_same():
    """The parser made for one command reads that command's arguments as the full one does."""
    argvs = [["check", "--exit-zero", "-j", "1", "--lang", "fr", "a.md"], ["rules", "--select", "slur"],
             ["explain", "illegal-migrant"], ["baseline", "-o", "b.json", "."], ["init", "--force"],
             ["annotate", "-o", "out.docx", "a.docx"], ["test-rules", "rules"]]
    for argv in argvs:
        assert cli._parser(argv[0]).parse_args(argv) == cli._parser().parse_args(argv)
    only_check = cli._parser("check")
    with pytest.raises(SystemExit):
        only_check.parse_args(["init", "--force"])  # init was not set up


_GC_PROBE = """
import gc, json, sys
from termlint import cli
if sys.argv[2] == "off":
    gc.disable()
before = gc.get_freeze_count()
code = cli.main(["check", "--no-config", "--exit-zero", sys.argv[1]])
frozen = gc.get_freeze_count()
cli.main(["check", "--no-config", "--exit-zero", sys.argv[1]])
print(json.dumps([code, before, frozen, gc.get_freeze_count() == frozen, gc.isenabled()]))
"""


def test_the_loaded_rules_are_set_apart_from_the_collector_once(tmp_path):
    import subprocess
    import sys

    draft = tmp_path / "a.txt"
    draft.write_text("Illegal immigrants were detained.\n", encoding="utf-8")
    for state, enabled in (("on", True), ("off", False)):
        done = subprocess.run([sys.executable, "-c", _GC_PROBE, str(draft), state], capture_output=True, text=True,
                              check=True)
        code, before, frozen, unchanged, now = json.loads(done.stdout.strip().splitlines()[-1])
        assert code == 0 and before == 0 and frozen > 1000  # the rule set, at least
        assert unchanged  # a second run in the same process freezes nothing more
        assert now is enabled  # the collector is as the caller left it


def test_a_report_never_overwrites_a_file_it_checks(run, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    draft = write(tmp_path, "draft.txt", "Illegal immigrants arrived at the port.\n")
    r = run(["check", "--format", "json", "-o", "draft.txt", "draft.txt"])
    assert r.code == 2 and "would overwrite it" in r.err
    assert draft.read_text(encoding="utf-8") == "Illegal immigrants arrived at the port.\n"
    # A report kept in the folder being checked (it quotes the terms) is not itself checked
    # when the next run writes it again.
    for _ in range(2):
        assert run(["check", "-o", "report.txt", "."]).code == 1
        report = (tmp_path / "report.txt").read_text(encoding="utf-8")
        assert "draft.txt:1:1: error illegal-migrant" in report and "report.txt:" not in report


def test_an_unknown_encoding_is_a_usage_error_even_with_skip_errors(run, tmp_path):
    path = write(tmp_path, "draft.txt", "He entered the country illegally.\n")
    r = run(["check", "--skip-errors", "--encoding", "nosuchcodec", str(path)])
    assert r.code == 2 and "--encoding nosuchcodec: unknown encoding" in r.err
    assert run(["check", "--encoding", "latin-1", str(path)]).code == 1


def test_a_mistyped_command_is_named_not_read_as_a_path(run, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    write(tmp_path, "a.txt", "Police held illegal immigrants.\n")
    r = run(["chek", "a.txt"])
    assert r.code == 2 and "unknown command 'chek'; did you mean 'check'?" in r.err
    write(tmp_path, "chek", "Police held illegal immigrants.\n")  # a file of that name is a path
    assert run(["chek"]).code == 1


def test_a_mistyped_option_gets_the_command_s_usage_and_a_hint(run, tmp_path):
    path = write(tmp_path, "a.txt", "Police held illegal immigrants.\n")
    r = run(["check", "--fromat", "json", str(path)])
    assert r.code == 2
    assert "usage: termlint check" in r.err and "did you mean --format?" in r.err


@pytest.mark.parametrize("argv, message", [
    (["--unsafe-fixes"], "--unsafe-fixes adds unsafe fixes"),
    (["--fix", "--diff"], "--diff shows what --fix would change"),
])
def test_option_combinations_that_would_do_nothing_or_contradict_are_refused(run, tmp_path, argv, message):
    path = write(tmp_path, "a.txt", "Police held illegal immigrants.\n")
    r = run(["check", *argv, str(path)])
    assert r.code == 2 and message in r.err
    assert path.read_text() == "Police held illegal immigrants.\n"


def test_track_changes_on_a_text_file_says_it_was_fixed_in_place(run, tmp_path):
    path = write(tmp_path, "a.txt", "Police held illegal immigrants.\n")
    r = run(["check", "--fix", "--track-changes", str(path)])
    assert r.code == 1 and "--track-changes applies to Word files" in r.err
    assert path.read_text() == "Police held migrants in an irregular situation.\n"


def test_explain_a_category_lists_its_rules(run):
    r = run(["explain", "person-illegal"])
    assert r.code == 0 and r.out.startswith("person-illegal is a category of ")
    assert "\n  illegal-migrant\n" in r.out and "\n  fr-illegal-migrant\n" in r.out


def test_standard_input_is_named_once(run, tmp_path):
    r = run(["check", "-", "-"], "Police held illegal immigrants.\n")
    assert r.code == 2 and "standard input (-) can be read once" in r.err
    path = write(tmp_path, "a.txt", "calm words\n")
    r = run(["check", "--stdin-filename", "x.md", str(path)])
    assert r.code == 2 and "--stdin-filename names standard input" in r.err


def test_a_reader_that_leaves_early_gives_141(tmp_path):
    import subprocess
    import sys

    path = write(tmp_path, "many.txt", "Police held illegal immigrants at the port.\n" * 3000)
    shell = f"{sys.executable} -m termlint check {path} | head -1 >/dev/null; echo ${{PIPESTATUS[0]}}"
    out = subprocess.run(["bash", "-c", shell], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "141"

"""Configuration end to end: discovery, validation, profiles, layering, files, `init`."""
from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
import regex
from conftest import write

from termlint import config, rules

PERSON = "Police arrested illegal immigrants at the port.\n"
ACT = "The patrol recorded more illegal border crossings this summer.\n"
OPT_IN = "Irregular migrants have the right to emergency health care.\n"
CHAIN = "Chain migration was debated in the parliament.\n"


@pytest.fixture
def project(tmp_path, monkeypatch):
    """A project folder with a draft in a subfolder; the run starts in the subfolder."""
    (tmp_path / "drafts").mkdir()
    monkeypatch.chdir(tmp_path / "drafts")
    return tmp_path


def findings(run, *argv: str, stdin: str | None = None) -> tuple[int, list[dict]]:
    r = run(["check", "--format", "json", *argv], stdin)
    assert r.code != 2, r.err
    return r.code, json.loads(r.out)["findings"]


def rule_ids(run, *argv: str, stdin: str | None = None) -> set[str]:
    return {f["rule"] for f in findings(run, *argv, stdin=stdin)[1]}


# -- discovery ---------------------------------------------------------------------------


def test_found_by_walking_up_and_overridden(run, project):
    write(project, ".termlint.yaml", "rules:\n  illegal-migrant: false\n")
    write(project / "drafts", "a.md", PERSON)
    assert run(["check", "a.md"]).code == 0
    assert run(["check", "--no-config", "a.md"]).code == 1
    other = write(project, "strict.yaml", "rules: {}\n")
    assert run(["check", "--config", str(other), "a.md"]).code == 1


def test_termlint_yaml_and_pyproject_are_found(run, project):
    write(project / "drafts", "a.md", PERSON)
    write(project, "pyproject.toml",
          '[project]\nname = "x"\n\n[tool.termlint]\nrules = {illegal-migrant = "suggestion"}\n')
    code, found = findings(run, "a.md")
    assert code == 0 and [f["level"] for f in found] == ["suggestion"]
    # A nearer termlint.yaml wins over the pyproject.toml further up.
    write(project / "drafts", "termlint.yaml", "rules:\n  illegal-migrant: false\n")
    assert findings(run, "a.md") == (0, [])


def test_pyproject_without_a_table_is_passed_over(run, project):
    write(project, ".termlint.yaml", "fail_on: error\n")
    write(project / "drafts", "pyproject.toml", '[project]\nname = "termlint-user"\n')
    write(project / "drafts", "a.md", ACT)
    assert run(["check", "a.md"]).code == 0  # the parent's fail_on applies


def test_config_and_no_config_exclude_each_other(run, project):
    assert run(["check", "--config", "x.yaml", "--no-config", "-"], "text").code == 2


def test_a_missing_config_file_is_an_error(run, project):
    r = run(["check", "--config", "nope.yaml", "-"], "text")
    assert r.code == 2 and "nope.yaml: no such configuration file" in r.err


# -- validation --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("rulez: {}\n", ".termlint.yaml:1: unknown key 'rulez'; did you mean 'rules'?"),
        ("fail_on: loud\n",
         ".termlint.yaml:1: key 'fail_on': must be one of suggestion, warning, error, not 'loud'"),
        ("quotations: 3\n", ".termlint.yaml:1: key 'quotations': must be one of downgrade, ignore, flag"),
        ("rules:\n  illegal-migrnt: false\n",
         ".termlint.yaml:2: key 'rules.illegal-migrnt': no rule or category 'illegal-migrnt'; "
         "did you mean 'illegal-migrant'?"),
        ("rules:\n  illegal-migrant: loud\n",
         ".termlint.yaml:2: key 'rules.illegal-migrant': must be true, false"),
        ("rules:\n  illegal-migrant: {level: error, colour: red}\n",
         ".termlint.yaml:2: unknown key rules.illegal-migrant.'colour'"),
        ("rules:\n  '*nothing-like-this': false\n", "the pattern matches no rule id or category"),
        ("languages: [en, xx]\n", ".termlint.yaml:1: key 'languages': unknown language 'xx'"),
        ("extends: nonesuch\n", ".termlint.yaml:1: key 'extends': no bundled profile 'nonesuch'"),
        ("extends: other.yaml\n", "key 'extends': no such configuration file: other.yaml"),
        ("rule_paths: [missing/]\n",
         ".termlint.yaml:1: key 'rule_paths': no such rule file or folder: missing/"),
        ("per_file:\n  '*.md': {fail_on: error}\n", ".termlint.yaml:2: unknown key per_file.*.md.'fail_on'"),
        ("include: 3\n", ".termlint.yaml:1: key 'include': must be a string or a list of strings"),
        # a bad item of a list is named at its own line
        ("exclude:\n  - 'archive/**'\n  - 12\n", ".termlint.yaml:3: key 'exclude': item 2 (12) must be a non-empty string"),
        ("languages:\n  - en\n  - fr\n  - xx\n", ".termlint.yaml:4: key 'languages': unknown language 'xx'"),
        ("- just a list\n", ".termlint.yaml:1: a configuration must be a mapping"),
        ("rules: [\n", ".termlint.yaml:2:1:"),
        ("rules: !!python/object:os.system {}\n", "only plain YAML data"),
    ],
)
def test_bad_configuration_names_file_line_and_key(run, project, text, expected):
    write(project, ".termlint.yaml", text)
    r = run(["check", "-"], PERSON)
    assert r.code == 2
    assert r.err.startswith("termlint: error: ")
    assert expected in r.err
    assert r.err.count("\n") == 1  # one line


def test_bad_toml_names_the_file_and_key(run, project):
    write(project, "pyproject.toml", '[tool.termlint]\nfail_on = "sometimes"\n')
    r = run(["check", "-"], PERSON)
    assert r.code == 2 and "pyproject.toml: key 'fail_on': must be one of" in r.err
    write(project, "pyproject.toml", '[tool.termlint]\nfail_on = "error\n')
    r = run(["check", "-"], PERSON)
    assert r.code == 2 and "pyproject.toml: invalid TOML" in r.err


def test_extends_cycle_is_an_error(run, project):
    write(project, ".termlint.yaml", "extends: ./b.yaml\n")
    write(project, "b.yaml", "extends: ./.termlint.yaml\n")
    r = run(["check", "-"], PERSON)
    assert r.code == 2 and "goes round in a circle" in r.err
    # the file and line of the `extends` that closes the circle, without "./." in its path
    assert "b.yaml:1: field 'extends': goes round" in r.err and "/./" not in r.err.split(":")[1]


# -- rules: layering, categories, patterns -------------------------------------------------


def test_category_then_id_then_command_line(run, project):
    text = "Illegal immigrants feared the flood of migrants and the horde at the gate.\n"
    write(project, ".termlint.yaml", """
rules:
  dehumanising-metaphor: false
  horde: true
""")
    assert rule_ids(run, "-", stdin=text) == {"illegal-migrant", "horde"}
    # The command line wins over the file.
    assert rule_ids(run, "--select", "water-metaphor", "-", stdin=text) == {"water-metaphor"}
    assert rule_ids(run, "--ignore", "horde", "-", stdin=text) == {"illegal-migrant"}


def test_a_level_switches_an_opt_in_rule_on_only_when_given_to_its_id(run, project):
    write(project, ".termlint.yaml", "rules:\n  person-first: warning\n")
    assert rule_ids(run, "-", stdin=OPT_IN) == set()  # a category level only re-levels
    write(project, ".termlint.yaml", "rules:\n  irregular-migrant-style: warning\n")
    code, found = findings(run, "-", stdin=OPT_IN)
    assert code == 1 and [(f["rule"], f["level"]) for f in found] == [("irregular-migrant-style", "warning")]
    write(project, ".termlint.yaml", "rules:\n  irregular-migrant-style: {enabled: true, level: error}\n")
    assert [f["level"] for f in findings(run, "-", stdin=OPT_IN)[1]] == ["error"]


def test_pattern_names_a_rule_in_every_language(run, project, bundled):
    write(project, ".termlint.yaml", "rules:\n  '*illegal-act': error\n")
    loaded = config.Project(config.load(project / ".termlint.yaml"), _settings())
    relevelled = {r.id for r in loaded.ruleset.rules if r.id.endswith("illegal-act")}
    assert "illegal-act" in relevelled
    assert all(r.level.value == "error" for r in loaded.ruleset.rules if r.id in relevelled)


def test_fail_on_and_quotations_from_the_file_and_the_command_line_wins(run, project):
    write(project, ".termlint.yaml", "fail_on: error\nquotations: ignore\n")
    assert run(["check", "-"], ACT).code == 0
    assert run(["check", "--fail-on", "warning", "-"], ACT).code == 1
    quoted = 'The minister said: "We will deport the illegals."\n'
    assert rule_ids(run, "-", stdin=quoted) == set()
    assert rule_ids(run, "--quotations", "flag", "-", stdin=quoted) == {"illegals-noun"}


def test_reported_speech_from_the_file_per_file_and_the_command_line(run, project):
    reported = "The delegation said that 312 illegal immigrants had been detained.\n"

    def level(*argv: str, name: str = "-") -> str:
        r = run(["check", "--format", "json", "--stdin-filename", name, *argv, "-"], reported)
        [finding] = json.loads(r.out)["findings"]
        assert finding["notes"][0].startswith("reported speech:")
        return finding["level"]

    assert level() == "error"  # the default: the rule's level, with the note
    write(project, ".termlint.yaml", "reported_speech: downgrade\nper_file:\n  '**/records/*.txt': {reported_speech: flag}\n")
    assert level() == "warning"
    assert level(name="records/sr.txt") == "error"
    assert level("--reported-speech", "downgrade", name="records/sr.txt") == "warning"  # the command line wins
    write(project, ".termlint.yaml", "reported_speech: sometimes\n")
    r = run(["check", "-"], reported)
    assert r.code == 2 and "reported_speech" in r.err


def test_languages_limits_the_rules(run, project):
    write(project, ".termlint.yaml", "languages: [fr]\n")
    assert findings(run, "-", stdin=PERSON) == (0, [])


def test_rule_paths_are_relative_to_the_config_file(run, project):
    (project / "house").mkdir()
    write(project / "house", "slur.yaml", """language: en
rules:
  - id: house-wetback
    level: error
    category: slur
    message: "A slur: {match}"
    why: slur
    terms: [wetback]
    sources: [{title: T, year: 2020, address: https://example.org}]
    examples: {flag: [a wetback], pass: [a back]}
""")
    write(project, ".termlint.yaml", "rule_paths: [house/]\nrules:\n  slur: error\n")
    assert rule_ids(run, "-", stdin="Wetbacks crossed the river.\n") == {"house-wetback"}


# -- profiles ---------------------------------------------------------------------------


def test_bundled_profiles_name_only_rules_that_exist(bundled):
    names = sorted({r.id for r in bundled.rules} | {r.category for r in bundled.rules})
    assert set(config.profile_names()) >= {"default", "un", "journalism"}
    for name in config.profile_names():
        cfg = config.load(os.path.join(config.profiles_dir(), f"{name}.yaml"))
        config.resolve(cfg.layers, bundled)  # raises on a name that matches nothing
        for layer in cfg.layers:
            for choice in layer:
                assert choice.name in names or config.is_pattern(choice.name), choice


def test_default_profile_is_the_shipped_rules(run, project):
    write(project, ".termlint.yaml", "extends: default\n")
    text = PERSON + ACT + OPT_IN + CHAIN
    assert findings(run, "-", stdin=text) == findings(run, "--no-config", "-", stdin=text)


def test_un_profile_turns_on_person_first_suggestions(run, project):
    assert rule_ids(run, "-", stdin=OPT_IN) == set()
    write(project, ".termlint.yaml", "extends: un\n")
    code, found = findings(run, "--fail-on", "suggestion", "-", stdin=OPT_IN)
    assert code == 1
    [f] = found
    assert f["rule"] == "irregular-migrant-style" and f["level"] == "suggestion"
    assert f["suggestions"] == ["Migrants in an irregular situation"]
    # Acts stay warnings, people errors.
    levels = {f["rule"]: f["level"] for f in findings(run, "-", stdin=PERSON + ACT)[1]}
    assert levels == {"illegal-migrant": "error", "illegal-act": "warning"}


def test_journalism_profile_treats_acts_as_ap_does(run, project):
    write(project, ".termlint.yaml", "extends: journalism\n")
    text = PERSON + ACT + CHAIN + "An influx of migrants reached the island.\n"
    levels = {f["rule"]: f["level"] for f in findings(run, "-", stdin=text)[1]}
    assert levels["illegal-migrant"] == "error"
    assert levels["illegal-act"] == "suggestion"
    assert levels["chain-migration"] == "warning"
    assert levels["influx"] == "warning"
    assert run(["check", "-"], ACT).code == 0  # a suggestion does not fail the run


def test_own_choices_beat_the_profile(run, project):
    write(project, ".termlint.yaml", "extends: [journalism]\nrules:\n  illegal-act: error\n")
    assert [f["level"] for f in findings(run, "-", stdin=ACT)[1]] == ["error"]


def test_extends_a_team_file_by_path(run, project):
    write(project, "team.yaml", "extends: un\nfail_on: suggestion\n")
    write(project, ".termlint.yaml", "extends: ./team.yaml\n")
    assert run(["check", "-"], OPT_IN).code == 1
    r = run(["rules"])
    assert "Configuration: " in r.out and "(extends ./team.yaml, un)" in r.out


def test_globs_of_an_extended_file_in_a_subfolder_may_climb_out_of_it(run, project):
    (project / "conf").mkdir()
    (project / "drafts" / "archive").mkdir()
    write(project / "drafts" / "archive", "old.md", PERSON)
    write(project / "drafts", "new.md", PERSON)
    # relative to conf/, where the file is: "../drafts/archive/**" is drafts/archive/**
    write(project / "conf", "base.yaml", "exclude: ['../drafts/archive/**']\n")
    write(project, ".termlint.yaml", "extends: conf/base.yaml\n")
    _, found = findings(run, ".")
    assert {os.path.basename(f["path"]) for f in found} == {"new.md"}
    write(project / "conf", "base.yaml", "exclude: ['drafts/../x/**']\n")
    r = run(["check", "."])
    assert r.code == 2 and "base.yaml:1" in r.err and "`..` can only open a pattern" in r.err


def test_rules_command_shows_the_configured_levels(run, project):
    write(project, ".termlint.yaml", "extends: journalism\n")
    r = run(["rules"])
    row = next(line.split() for line in r.out.splitlines() if line.startswith("chain-migration "))
    assert row[1] == "warning" and row[-1] == "on"


# -- files: include, exclude, per_file ---------------------------------------------------


def test_include_and_exclude_globs(run, project):
    (project / "archive" / "1999").mkdir(parents=True)
    write(project / "archive" / "1999", "old.md", PERSON)
    write(project / "drafts", "new.md", PERSON)
    write(project / "drafts", "notes.txt", PERSON)
    write(project, ".termlint.yaml", "exclude: [archive/]\ninclude: ['*.md']\n")
    paths = {Path(f["path"]).name for f in findings(run, str(project))[1]}
    assert paths == {"new.md"}
    # A file named on the command line but excluded is reported as skipped, not checked.
    r = run(["check", str(project / "archive" / "1999" / "old.md")])
    assert r.code == 0
    assert "old.md: notice: excluded by" in r.out and "exclude 'archive/'" in r.out


def test_per_file_overrides(run, project):
    (project / "transcripts").mkdir()
    write(project / "transcripts", "hearing.md", PERSON + ACT)
    write(project / "drafts", "report.md", PERSON + ACT)
    write(project, ".termlint.yaml", """
per_file:
  "transcripts/**":
    rules: {person-illegal: suggestion, "*illegal-act": false}
""")
    by_file: dict[str, dict[str, str]] = {}
    for f in findings(run, str(project))[1]:
        by_file.setdefault(Path(f["path"]).name, {})[f["rule"]] = f["level"]
    assert by_file["report.md"] == {"illegal-migrant": "error", "illegal-act": "warning"}
    assert by_file["hearing.md"] == {"illegal-migrant": "suggestion"}


def test_per_file_quotations_and_stdin_filename(run, project):
    write(project, ".termlint.yaml", "per_file:\n  '**/quotes/*.md': {quotations: ignore}\n")
    quoted = 'The minister said: "We will deport the illegals."\n'
    assert rule_ids(run, "--stdin-filename", "quotes/a.md", "-", stdin=quoted) == set()
    assert rule_ids(run, "--stdin-filename", "notes/a.md", "-", stdin=quoted) == {"illegals-noun"}


@pytest.mark.parametrize(
    ("pattern", "path", "matches"),
    [
        ("archive", "archive/1999/a.md", True),
        ("archive/", "x/archive/a.md", True),
        ("/archive", "x/archive/a.md", False),
        ("docs/old/**", "docs/old/a/b.md", True),
        ("docs/old/**", "docs/older/b.md", False),
        ("*.md", "a/b/c.md", True),
        ("*.md", "a/b/c.mdx", False),
        ("**/drafts/*.txt", "x/y/drafts/z.txt", True),
        ("drafts/*.txt", "drafts/sub/z.txt", False),
        ("[!a]*.md", "b.md", True),
        ("[!a]*.md", "a.md", False),
        ("report-20??.md", "report-2024.md", True),
    ],
)
def test_glob_semantics(pattern, path, matches):
    assert bool(regex.match(config.translate(pattern), path)) is matches


# -- init ---------------------------------------------------------------------------------


def test_init_writes_a_valid_commented_starter(run, project, monkeypatch):
    monkeypatch.chdir(project)
    r = run(["init"])
    assert r.code == 0 and "Wrote .termlint.yaml" in r.out
    text = (project / ".termlint.yaml").read_text(encoding="utf-8")
    assert text.count("\n#") > 10 and "extends: default" in text
    for key in config.KEYS:
        if key != "description":
            assert key in text, key
    assert run(["check", "-"], PERSON).code == 1  # the starter reads back and keeps the defaults
    again = run(["init"])
    assert again.code == 2 and "already exists" in again.err
    assert run(["init", "--force", "--profile", "un"]).code == 0
    table = run(["rules"]).out.splitlines()
    row = next(line for line in table if line.startswith("irregular-migrant-style "))
    assert row.endswith("on")


def test_each_example_of_the_starter_works_once_its_hash_is_removed(run, project, monkeypatch):
    monkeypatch.chdir(project)
    assert run(["init"]).code == 0
    path = project / ".termlint.yaml"
    text = path.read_text(encoding="utf-8")
    examples = [line for line in text.splitlines() if line.startswith("  # ") and ":" in line]
    assert len(examples) >= 4
    for line in examples:
        path.write_text(text.replace(line, "  " + line[4:], 1), encoding="utf-8")
        r = run(["rules"])
        assert r.code == 0, (line, r.err)


def test_init_to_another_path(run, project):
    target = project / "cfg" / "termlint.yaml"
    target.parent.mkdir()
    assert run(["init", str(target), "--profile", "journalism"]).code == 0
    assert config.load(target).extends == ("journalism",)


def _settings():
    from termlint import engine

    return engine.Settings()


def test_profiles_ship_with_the_rules():
    assert os.path.isfile(os.path.join(rules.bundled_dir(), "profiles", "un.yaml"))


def test_rules_and_explain_show_what_the_configuration_makes_of_a_rule(run, project):
    write(project, ".termlint.yaml", "rules:\n  illegal-act: error\n  influx: false\nlanguages: [en]\n")
    table = {line.split()[0]: line.split(None, 4)[4] for line in run(["rules"]).out.splitlines()[1:-2]}
    assert (table["illegal-act"], table["influx"], table["fr-clandestine-noun"]) == ("on", "off", "off (languages)")
    assert run(["explain", "illegal-act"]).out.splitlines()[0] == \
        "illegal-act  (error, by the configuration; warning by default, other, en, on)"
    assert run(["explain", "influx"]).out.splitlines()[0].endswith("off (by the configuration))")
    assert run(["explain", "fr-clandestine-noun"]).out.splitlines()[0].endswith("off (languages))")

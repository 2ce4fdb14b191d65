"""A check of a plain draft imports only what it needs: start-up is most of a pre-commit run
(pathlib, with the urllib.parse and ipaddress it loads, was a fifteenth of one)."""
from __future__ import annotations

import json
import os
import subprocess
import sys

_PROBE = """
import sys
before = set(sys.modules)  # what the interpreter (and site) loaded is not termlint's doing
import contextlib, io, json
from termlint import cli
with contextlib.redirect_stdout(io.StringIO()) as out:
    code = cli.main(["check", "--no-config", sys.argv[1]])
heavy = ["typing", "regex._main", "markdown_it", "yaml", "rich", "docx", "pypdf", "hyperscan", "pathlib",
         "termlint.directives",
         "urllib.parse"]
print(json.dumps([code, "illegal" in out.getvalue().lower(), [m for m in heavy if m in set(sys.modules) - before]]))
"""


def test_a_plain_draft_is_checked_without_the_heavy_imports(tmp_path):
    draft = tmp_path / "draft.md"
    draft.write_text("The police detained illegal immigrants at the port.\n\nOthers were released.\n",
                     encoding="utf-8")
    env = {**os.environ, "TERMLINT_CACHE_DIR": str(tmp_path / "cache")}
    env.pop("TERMLINT_NO_CACHE", None)
    runs = [subprocess.run([sys.executable, "-c", _PROBE, str(draft)], env=env, capture_output=True, text=True,
                           check=True) for _ in range(2)]
    first, second = (json.loads(r.stdout.strip().splitlines()[-1]) for r in runs)
    assert first[:2] == second[:2] == [1, True]  # the finding, both times
    assert "regex._main" in first[2]  # the first run compiled its patterns with regex
    assert second[2] == []  # the second took them from the cache, and needed nothing heavy


def test_the_program_ends_at_once_yet_loses_no_output(tmp_path):
    # `python -m termlint` ends with os._exit once its output is flushed: a long report
    # (more than any pipe or file buffer holds) must still arrive whole, with the exit code.
    draft = tmp_path / "draft.txt"
    draft.write_text("Border guards stopped illegal immigrants at dawn.\n\n" * 400, encoding="utf-8")
    env = {**os.environ, "TERMLINT_CACHE_DIR": str(tmp_path / "cache")}
    env.pop("PYTHONUNBUFFERED", None)  # output buffered, as in a user's shell
    command = [sys.executable, "-m", "termlint", "check", "--no-config", "--format", "json", str(draft)]
    piped = subprocess.run(command, env=env, capture_output=True, text=True)
    with open(tmp_path / "report.json", "w", encoding="utf-8") as out:
        to_file = subprocess.run(command, env=env, stdout=out, stderr=subprocess.PIPE, text=True)
    written = (tmp_path / "report.json").read_text(encoding="utf-8")
    assert piped.returncode == to_file.returncode == 1, piped.stderr + to_file.stderr
    assert len(piped.stdout) > 256 * 1024 and piped.stdout == written
    findings = json.loads(written)
    assert len(findings["findings"]) == 400


def test_a_failing_flush_is_left_to_the_interpreter(tmp_path):
    # A reader that went away: no traceback, and the exit code is not "no findings".
    draft = tmp_path / "draft.txt"
    draft.write_text("Border guards stopped illegal immigrants at dawn.\n\n" * 400, encoding="utf-8")
    env = {**os.environ, "TERMLINT_CACHE_DIR": str(tmp_path / "cache")}
    env.pop("PYTHONUNBUFFERED", None)
    reader = subprocess.Popen([sys.executable, "-m", "termlint", "check", "--no-config", str(draft)], env=env,
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    assert reader.stdout is not None and reader.stderr is not None
    reader.stdout.read(100)
    reader.stdout.close()
    err = reader.stderr.read().decode()
    assert reader.wait() != 0 and "Traceback" not in err


def test_a_closed_standard_output_is_said_and_output_can_go_to_a_file(tmp_path):
    draft = tmp_path / "draft.txt"
    draft.write_text("Border guards stopped illegal immigrants at dawn.\n", encoding="utf-8")
    env = {**os.environ, "TERMLINT_CACHE_DIR": str(tmp_path / "cache")}
    base = f"{sys.executable!s} -m termlint check --no-config {draft!s}"
    closed = subprocess.run(["sh", "-c", base + " >&-"], env=env, capture_output=True, text=True)
    assert closed.returncode == 2 and "standard output is closed" in closed.stderr
    assert "Traceback" not in closed.stderr
    report = tmp_path / "report.txt"
    to_file = subprocess.run(["sh", "-c", f"{base} --output {report!s} >&-"], env=env, capture_output=True, text=True)
    assert to_file.returncode == 1 and "Traceback" not in to_file.stderr
    assert "illegal immigrants" in report.read_text(encoding="utf-8")

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

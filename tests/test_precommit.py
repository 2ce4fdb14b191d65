"""The real pre-commit, end to end: this checkout's hooks on a staged draft.

`pre-commit try-repo REPO` installs the hooks of a git repository into a new virtualenv
and runs them on the staged files of the repository it is called in. try-repo keeps its
own temporary store, so every call builds that virtualenv again (tens of seconds); the
scenarios share calls where they can. The hooks come from a git snapshot of this checkout
(the files `pip install` needs, as they are on disk, committed in a temporary repository):
try-repo on the checkout itself would miss files that are not yet committed, and would
make a new commit, hence a new virtualenv, on every call.

All tests here are marked `precommit`: `pytest -m precommit` runs just them, and
`pytest -m "not precommit"` leaves them out.
"""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import ROOT

pytestmark = pytest.mark.precommit

if shutil.which("git") is None:
    pytest.skip("git is not installed", allow_module_level=True)

PACKAGE_FILES = ("pyproject.toml", "README.md", ".pre-commit-hooks.yaml", "LICENSE", "src", "rules")
ERROR_DRAFT = "# Draft\n\nPolice arrested illegal immigrants at the port.\n"
FIXED_DRAFT = "# Draft\n\nPolice arrested migrants in an irregular situation at the port.\n"
CLEAN_DRAFT = "# Draft\n\nPolice detained migrants in an irregular situation at the port.\n"
ACT_DRAFT = "# Draft\n\nThe patrol recorded more illegal border crossings this summer.\n"


def _env(home: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("GIT_", "PRE_COMMIT"))}
    env.update(
        GIT_AUTHOR_NAME="termlint tests", GIT_AUTHOR_EMAIL="tests@termlint.invalid",
        GIT_COMMITTER_NAME="termlint tests", GIT_COMMITTER_EMAIL="tests@termlint.invalid",
        GIT_AUTHOR_DATE="2024-01-01T00:00:00Z", GIT_COMMITTER_DATE="2024-01-01T00:00:00Z",
        GIT_CONFIG_NOSYSTEM="1", PRE_COMMIT_HOME=str(home), NO_COLOR="1", PIP_DISABLE_PIP_VERSION_CHECK="1",
    )
    env.pop("GITHUB_ACTIONS", None)
    return env


def _run(cmd: list[str], cwd: Path, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(cmd, cwd=cwd, env=env, capture_output=True, text=True, timeout=900)


def _git(cwd: Path, env: dict[str, str], *args: str) -> str:
    proc = _run(["git", *args], cwd, env)
    assert proc.returncode == 0, proc.stderr
    return proc.stdout


def _package_files() -> list[Path]:
    """The checkout's files that installing termlint needs, minus what git ignores."""
    proc = subprocess.run(
        ["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard", "--", *PACKAGE_FILES],
        cwd=ROOT, capture_output=True,
    )
    if proc.returncode == 0:
        listed = [Path(p) for p in proc.stdout.decode().split("\0") if p]
    else:  # not a git checkout (an unpacked sdist): take the folders as they are
        listed = [p.relative_to(ROOT) for name in PACKAGE_FILES for p in
                  ([ROOT / name] if (ROOT / name).is_file() else (ROOT / name).rglob("*"))]
    return [p for p in listed if (ROOT / p).is_file() and "__pycache__" not in p.parts]


@pytest.fixture(scope="session")
def precommit_home(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """pre-commit's store for the whole session (used by `pre-commit install` runs)."""
    return tmp_path_factory.mktemp("pre-commit-home")


@pytest.fixture(scope="session")
def hooks_repo(tmp_path_factory: pytest.TempPathFactory, precommit_home: Path) -> tuple[Path, str]:
    """A git repository holding this checkout's package files; (path, commit)."""
    snap = tmp_path_factory.mktemp("termlint-hooks")
    for rel in _package_files():
        target = snap / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(ROOT / rel, target)
    env = _env(precommit_home)
    _git(snap, env, "init", "-q")
    _git(snap, env, "add", "-A")
    _git(snap, env, "commit", "-q", "-m", "termlint snapshot for the pre-commit tests")
    return snap, _git(snap, env, "rev-parse", "HEAD").strip()


def _drafts_repo(path: Path, env: dict[str, str], files: dict[str, str | bytes]) -> Path:
    path.mkdir(parents=True, exist_ok=True)
    _git(path, env, "init", "-q")
    for name, content in files.items():
        if isinstance(content, bytes):
            (path / name).write_bytes(content)
        else:
            (path / name).write_text(content, encoding="utf-8")
    _git(path, env, "add", "-A")
    return path


def _try_repo(
    hooks: tuple[Path, str], cwd: Path, env: dict[str, str], *args: str
) -> subprocess.CompletedProcess[str]:
    command = [sys.executable, "-m", "pre_commit", "try-repo", str(hooks[0]), *args, "--color", "never"]
    return _run(command, cwd, env)


def _docx(text: str) -> bytes:
    docx = pytest.importorskip("docx")
    import io

    document = docx.Document()
    document.add_paragraph("A report for the Committee.")
    document.add_paragraph(text)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


@pytest.fixture(scope="module")
def blocked(hooks_repo, precommit_home, tmp_path_factory):
    """Both hooks on a staged draft with an error, next to a staged Word file."""
    env = _env(precommit_home)
    repo = _drafts_repo(tmp_path_factory.mktemp("blocked"), env, {
        "draft.md": ERROR_DRAFT,
        "report.docx": _docx("They hired illegal workers for the harvest."),
        "notes.csv": "illegal immigrants,1\n",  # not a format the hooks take
    })
    return repo, _try_repo(hooks_repo, repo, env, "--verbose")


def test_precommit_blocks_a_commit_on_an_error(blocked):
    repo, proc = blocked
    out = proc.stdout + proc.stderr
    assert proc.returncode == 1, out
    assert "termlint (migration terminology)" in out and "Failed" in out
    assert "draft.md:3:17: error illegal-migrant" in out
    assert "notes.csv" not in out


def test_precommit_passes_word_files_to_termlint(blocked):
    _, proc = blocked
    out = proc.stdout
    assert "report.docx" in out
    assert "report.docx:2:" in out
    assert "illegal-migrant" in out.split("report.docx:2:", 1)[1].split("\n", 1)[0]


def test_precommit_fix_rewrites_the_draft_and_stops_the_commit(blocked, precommit_home):
    repo, proc = blocked
    out = proc.stdout
    fix_section = out.split("termlint --fix (migration terminology)", 1)[1]
    assert "Failed" in fix_section.split("\n", 1)[0]
    assert "files were modified by this hook" in fix_section
    assert (repo / "draft.md").read_text(encoding="utf-8") == FIXED_DRAFT
    # The fix is in the working tree, not in what was staged: the author reviews it first.
    env = _env(precommit_home)
    assert _git(repo, env, "show", ":draft.md") == ERROR_DRAFT
    assert "draft.md" in _git(repo, env, "diff", "--name-only")


def test_precommit_passes_a_clean_draft(hooks_repo, precommit_home, tmp_path):
    env = _env(precommit_home)
    repo = _drafts_repo(tmp_path / "clean", env, {"draft.md": CLEAN_DRAFT, "notes.txt": "Nothing to see.\n"})
    proc = _try_repo(hooks_repo, repo, env)
    out = proc.stdout + proc.stderr
    assert proc.returncode == 0, out
    assert out.count("Passed") == 2
    assert (repo / "draft.md").read_text(encoding="utf-8") == CLEAN_DRAFT


def test_precommit_installed_hook_with_the_projects_configuration(hooks_repo, precommit_home, tmp_path):
    """The snippet a user copies, `pre-commit install`, and real `git commit`s."""
    env = _env(precommit_home)
    path, rev = hooks_repo
    repo = _drafts_repo(tmp_path / "reports", env, {
        ".pre-commit-config.yaml":
            f"repos:\n  - repo: {path}\n    rev: {rev}\n    hooks:\n      - id: termlint\n",
        ".termlint.yaml": "extends: journalism\nexclude: [archive/]\n",
        "draft.md": ACT_DRAFT,
    })
    (repo / "archive").mkdir()
    (repo / "archive" / "1999.md").write_text(ERROR_DRAFT, encoding="utf-8")
    _git(repo, env, "add", "-A")
    install = _run([sys.executable, "-m", "pre_commit", "install"], repo, env)
    assert install.returncode == 0, install.stderr
    # An act is a suggestion under the journalism profile, and the archive is excluded.
    first = _run(["git", "commit", "-q", "-m", "draft"], repo, env)
    assert first.returncode == 0, first.stdout + first.stderr
    # A person called illegal blocks the commit.
    (repo / "draft.md").write_text(ERROR_DRAFT, encoding="utf-8")
    _git(repo, env, "add", "draft.md")
    second = _run(["git", "commit", "-q", "-m", "worse"], repo, env)
    assert second.returncode != 0
    assert "draft.md:3:17: error illegal-migrant" in second.stdout + second.stderr
    assert _git(repo, env, "log", "--format=%s").split() == ["draft"]

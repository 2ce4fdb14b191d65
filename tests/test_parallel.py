"""Checking in several processes: the same results, in the same order, as in one."""
from __future__ import annotations

import json
import os
import time

import pytest

from termlint import parallel

SENTENCES = (
    "Illegal immigrants were held in the centre for several weeks.",
    "Migrants in an irregular situation may apply for regularization.",
    "The minister spoke of a flood of migrants arriving every summer.",
    "The Committee welcomed the report and asked about stateless children.",
    "Bogus asylum seekers were blamed for the backlog.",
)


def _slow_square(path: str) -> tuple[str, int, int]:
    """Later paths finish first, so an unordered collection would show."""
    n = int(os.path.basename(path))
    time.sleep(0.002 * (20 - n))
    return path, n * n, os.getpid()


def test_results_keep_the_order_of_the_paths_whatever_finishes_first():
    paths = [str(i) for i in range(20)]
    out = parallel.run(paths, _slow_square, 2, min_bytes=0)
    assert [(p, sq) for p, sq, _ in out] == [(str(i), i * i) for i in range(20)]
    # With two jobs the work really went to other processes.
    assert os.getpid() not in {pid for _, _, pid in out}


def test_one_job_or_one_file_stays_in_this_process():
    assert all(pid == os.getpid() for _, _, pid in parallel.run(["1", "2"], _slow_square, 1, min_bytes=0))
    assert all(pid == os.getpid() for _, _, pid in parallel.run(["3"], _slow_square, 4, min_bytes=0))


def test_when_processes_are_worth_starting(tmp_path):
    small = [tmp_path / "a.txt", tmp_path / "b.txt"]
    for p in small:
        p.write_text("x" * 100)
    names = [str(p) for p in small]
    assert not parallel.worth_it(names, 2)  # too little to check
    assert parallel.worth_it(names, 2, min_bytes=150)
    assert not parallel.worth_it(names, 1, min_bytes=0)  # one job
    assert not parallel.worth_it([*names, "-"], 2, min_bytes=0)  # standard input is read here
    assert not parallel.worth_it(names[:1], 2, min_bytes=0)  # one file


def test_progress_is_called_once_per_file_in_both_modes():
    from contextlib import contextmanager

    ticks: list[int] = []

    @contextmanager
    def counting(total: int):
        ticks.append(-total)
        yield lambda: ticks.append(1)

    for jobs in (1, 2):
        ticks.clear()
        parallel.run([str(i) for i in range(6)], _slow_square, jobs, min_bytes=0, progress=counting)
        assert ticks == [-6, 1, 1, 1, 1, 1, 1]


def test_an_error_in_a_worker_reaches_the_caller():
    with pytest.raises(ValueError):
        parallel.run(["1", "x", "3"], _slow_square, 2, min_bytes=0)


def test_default_jobs_is_at_least_one():
    assert parallel.default_jobs() >= 1


def _archive(folder, files: int = 30, size: int = 10 * 1024) -> None:
    """Enough text for the command line to use several processes (about 300 KiB)."""
    folder.mkdir()
    for i in range(files):
        lines, total, k = [], 0, i
        while total < size:
            sentence = SENTENCES[k % len(SENTENCES)]
            lines.append(sentence + ("\n\n" if k % 4 == 3 else " "))
            total += len(sentence) + 1
            k += 1
        # Created in reverse order of their names: the report must still follow the names.
        (folder / f"draft-{files - 1 - i:03d}.{'md' if i % 3 == 0 else 'txt'}").write_text("".join(lines))


def test_check_gives_the_same_report_with_one_job_and_with_two(run, tmp_path):
    folder = tmp_path / "archive"
    _archive(folder)
    assert parallel.worth_it([str(p) for p in folder.iterdir()], 2)
    one = run(["check", "-j", "1", "--format", "json", str(folder)])
    two = run(["check", "-j", "2", "--format", "json", str(folder)])
    again = run(["check", "--jobs", "2", "--format", "json", str(folder)])
    assert one.code == two.code == again.code == 1
    assert one.out == two.out == again.out
    report = json.loads(one.out)
    paths = [f["path"] for f in report["findings"]]
    assert paths == sorted(paths) and len(set(paths)) == 30
    text_one = run(["check", "-j", "1", str(folder)])
    text_two = run(["check", "-j", "2", str(folder)])
    assert text_one.out == text_two.out and text_one.code == text_two.code


def test_jobs_must_be_a_positive_number(run, tmp_path):
    (tmp_path / "a.txt").write_text("Illegal immigrants were detained.\n")
    for bad in ("0", "-1", "two"):
        r = run(["check", "-j", bad, str(tmp_path)])
        assert r.code == 2
        assert "jobs" in r.err


def test_report_lines_are_made_ahead_only_in_worker_processes(tmp_path):
    """A file checked in the main process keeps its findings whole; in a worker its text
    report lines come made and the findings leave out the context those lines quote."""
    from functools import partial

    from termlint import cli, engine

    path = tmp_path / "a.txt"
    path.write_text("Police detained illegal immigrants at the port.\n", encoding="utf-8")
    settings = engine.Settings()
    matcher = engine.matcher_for(engine.load_ruleset(settings), settings)
    task = partial(cli._check_one, matcher=matcher, settings=settings, keep_source=False, render=True)
    here = task(str(path))
    assert here.shown is None and here.findings[0].context
    parallel._set_task(task)
    try:
        there = task(str(path))
    finally:
        parallel._set_task(None)  # type: ignore[arg-type]
    assert there.shown and not there.findings[0].context
    assert [f.rule for f in there.findings] == [f.rule for f in here.findings]
    assert [f.level for f in there.findings] == [f.level for f in here.findings]
    assert not there.findings[0].message and there.findings[0].fix is None


def test_plain_report_lines_cross_as_one_string_with_the_same_text(tmp_path):
    """Without colours a worker sends one string per file: the report reads the same."""
    import io
    from functools import partial

    from termlint import cli, engine, report

    path = tmp_path / "a.txt"
    path.write_text("Police detained illegal immigrants.\n\nA flood of migrants, said the minister.\n",
                    encoding="utf-8")
    settings = engine.Settings()
    matcher = engine.matcher_for(engine.load_ruleset(settings), settings)
    here = cli._check_one(str(path), matcher, settings, keep_source=False, render=True)
    task = partial(cli._check_one, matcher=matcher, settings=settings, keep_source=False, render=True,
                   plain=True)
    parallel._set_task(task)
    try:
        there = task(str(path))
    finally:
        parallel._set_task(None)  # type: ignore[arg-type]
    assert there.shown is not None and len(there.shown) == 1 and len(here.findings) == 2
    outs = []
    for result in (here, there):
        stream = io.StringIO()
        report.write("text", report.Report((result,), "0"), stream)
        outs.append(stream.getvalue())
    assert outs[0] == outs[1] and "illegal immigrants" in outs[0] and "Found 1 error, 1 warning" in outs[0]

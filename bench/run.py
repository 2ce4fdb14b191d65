#!/usr/bin/env python3
"""Time termlint against its peers, whole processes side by side, and print a Markdown table.

    python bench/run.py                 # every case, 5 runs each (alex: 1 run)
    python bench/run.py --runs 3 --quick   # fewer files; a smoke test of the script

Corpora come from ../shared/bench/make_corpus.py (dense migration prose: a press release
plus problem sentences) and are built once under bench/out/ (ignored by git). Every tool
runs as its own process with its output thrown away; times are medians of `--runs` rounds,
and within a round the tools take turns, so a busy machine slows them alike. Peak memory
is the largest resident size of the process (GNU time's %M where installed, else wait4,
which counts this script's own size too). Ratios are what count: absolute times depend
on the machine and on what else it is doing.

Cases (each figure is printed beside its target):
  1,000 x 10 KiB   termlint (every rule of every language, opt-in rules too) with the default
                   -j, the same with -j 1, English only; codespell (default dictionary),
                   textlint + prh (bench/prh.yml, the English rules as a prh dictionary), alex
  20 MiB file      throughput in MB/s and peak memory
  trigger-free     20 MiB of sentences that hold no trigger of any rule
  small Markdown   process start to exit, against `python -c pass`
  rules x 10       the 1,000 files again with nine generated copies of every bundled rule
                   whose words are made up (so, like most rules of a large rule set, they
                   occur nowhere in the text)
  text x 10        one 2 MiB file against one 20 MiB file
  the machine      a fixed amount of pure Python work in 1 process and split over 2: what
                   -j 2 could gain at best on this machine in this run
and, in this process, the prefilter backends' scan speed on the 20 MiB files.

"All rules" is a generated configuration (`rules: {"*": true}`), which switches on every
rule including the opt-in ones; "English only" adds `languages: [en]`.
"""
from __future__ import annotations

import argparse
import json
import os
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Sequence
from pathlib import Path
from typing import NamedTuple

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
MAKE_CORPUS = ROOT.parent / "shared" / "bench" / "make_corpus.py"
NODE_BIN = HERE / "node_modules" / ".bin"
MB = 1_000_000


class Sample(NamedTuple):
    seconds: float
    peak_kb: int
    code: int
    timed_out: bool = False


class Job(NamedTuple):
    case: str
    tool: str
    argv: tuple[str, ...]
    runs: int


# -- running ---------------------------------------------------------------------------------


def measure(argv: Sequence[str], env: dict[str, str], cwd: Path, timeout: float) -> Sample:
    """Run one process to its end; its wall time and peak resident memory."""
    report = None
    if GNU_TIME:
        # wait4's figure for a child includes the memory of this process at the fork (Linux
        # records the high-water mark of the address space that exec replaces), which would
        # put a floor of this script's size under every tool. GNU time is small and reports
        # the peak of the program alone.
        fd, report = tempfile.mkstemp(prefix="peak-", suffix=".txt")
        os.close(fd)
        argv = [GNU_TIME, "-f", "%M", "-o", report, *argv]
    start = time.perf_counter()
    proc = subprocess.Popen(argv, cwd=cwd, env=env, stdin=subprocess.DEVNULL,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                            start_new_session=True)
    timed_out = threading.Event()

    def kill() -> None:
        timed_out.set()
        try:
            os.killpg(proc.pid, signal.SIGKILL)
        except OSError:
            pass

    timer = threading.Timer(timeout, kill)
    timer.start()
    try:
        _, status, usage = os.wait4(proc.pid, 0)
    finally:
        timer.cancel()
    elapsed = time.perf_counter() - start
    proc.returncode = os.waitstatus_to_exitcode(status)
    peak = int(usage.ru_maxrss)
    if report is not None:
        peak = _peak_from(report, peak)
    return Sample(elapsed, peak, proc.returncode, timed_out.is_set())


def _gnu_time() -> str | None:
    """The path of GNU time (`-f %M`: peak resident size in KiB), if installed."""
    path = shutil.which("time") or ("/usr/bin/time" if os.path.exists("/usr/bin/time") else None)
    if path is None:
        return None
    try:
        done = subprocess.run([path, "--version"], capture_output=True, text=True, timeout=10)
    except (OSError, subprocess.SubprocessError):
        return None
    return path if "GNU" in (done.stdout + done.stderr) else None


def _peak_from(report: str, fallback: int) -> int:
    try:
        lines = [ln for ln in Path(report).read_text().splitlines() if ln.strip()]
        return int(lines[-1])
    except (OSError, ValueError, IndexError):
        return fallback
    finally:
        try:
            os.unlink(report)
        except OSError:
            pass


GNU_TIME = _gnu_time()


def child_env(out: Path) -> dict[str, str]:
    env = dict(os.environ)
    # Installed tools run from byte code: let Python keep it (outside the work tree).
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    # Output buffered as in a user's shell (an environment may set PYTHONUNBUFFERED: every
    # line of a report then costs a system call, in termlint and codespell alike).
    env.pop("PYTHONUNBUFFERED", None)
    env["PYTHONPYCACHEPREFIX"] = str(out / "pycache")
    env["TERMLINT_CACHE_DIR"] = str(out / "termlint-cache")
    env["NO_COLOR"] = "1"
    env["NO_PROGRESS"] = "1"
    return env


# -- corpora and configurations ----------------------------------------------------------------


def corpus(out: Path, name: str, files: int, kb: int, ext: str = "txt") -> Path:
    target = out / "corpus" / name
    marker = target / ".complete"
    if marker.exists():
        return target
    shutil.rmtree(target, ignore_errors=True)
    subprocess.run([sys.executable, str(MAKE_CORPUS), "--out", str(target), "--files", str(files),
                    "--kb", str(kb), "--ext", ext], check=True)
    marker.write_text("ok\n")
    return target


def only_file(folder: Path) -> Path:
    return next(p for p in sorted(folder.iterdir()) if not p.name.startswith("."))


def trigger_free(out: Path, size: int) -> Path:
    """`size` bytes of the corpus's sentences that hold no trigger of any rule (made again
    when the rules have changed so that a trigger now occurs in the text kept from before)."""
    target = out / "corpus" / "trigger-free" / "plain.txt"
    sys.path.insert(0, str(ROOT / "src"))
    import random

    import regex

    from termlint import engine, rules

    every = rules.load(rules.bundled_files())
    settings = engine.Settings(select=tuple(sorted({r.category for r in every.rules})))
    prefilter = engine.matcher_for(engine.load_ruleset(settings), settings).prefilter
    if target.exists() and target.stat().st_size >= size:
        if not prefilter.scan(target.read_text(encoding="utf-8")):
            return target
        print("bench: the trigger-free text holds a trigger of the current rules; making it again",
              file=sys.stderr)
    source = only_file(corpus(out, "one-2mib", 1, 2048)).read_text(encoding="utf-8")
    pool = sorted({s for s in regex.split(r"(?<=[.?!])\s+", source) if len(s) > 20 and not prefilter.scan(s)})
    if not pool:
        raise SystemExit("bench: every sentence holds a trigger; cannot build the trigger-free text")
    rng = random.Random(7)
    parts, total, line = [], 0, []
    while total < size:
        s = rng.choice(pool)
        line.append(s)
        total += len(s.encode("utf-8")) + 1
        if rng.random() < 0.2:
            parts.append(" ".join(line))
            line = []
    parts.append(" ".join(line))
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text("\n\n".join(parts) + "\n", encoding="utf-8")
    return target


def configs(out: Path) -> tuple[Path, Path]:
    """Configuration files: every rule on; every rule on, English only."""
    folder = out / "config"
    folder.mkdir(parents=True, exist_ok=True)
    every = folder / "all.termlint.yaml"
    every.write_text('rules:\n  "*": true\n', encoding="utf-8")
    english = folder / "en.termlint.yaml"
    english.write_text('rules:\n  "*": true\nlanguages: [en]\n', encoding="utf-8")
    return every, english


def generated_rules(out: Path, copies: int = 9) -> Path:
    """`copies` copies of every bundled rule, each word of its terms made up, and so each
    word of the word lists its terms use (copied under new names): like most rules of a
    large rule set, they find nothing in a given text."""
    import regex
    import yaml

    sys.path.insert(0, str(ROOT / "src"))
    from termlint import rules

    folder = out / f"rules-x{copies + 1}"
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    # A word, not a list reference (@name), a placeholder (%name) or a group label (head:).
    word = regex.compile(r"(?<![@%\w])(\p{L}[\p{L}\p{M}'’\-]*)(?![\w:])")
    reference = regex.compile(r"@(\w+)")
    for path in map(Path, rules.bundled_files()):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        if not isinstance(data, dict) or not data.get("rules"):
            continue
        names = set(data.get("lists") or {})
        for k in range(1, copies + 1):
            tag = "zq" + "abcdefghijklmnopqrstuvwxyz"[k % 26] * 2

            def made_up(text: str, tag: str = tag, names: set[str] = names) -> str:
                text = word.sub(r"\g<1>" + tag, text)
                return reference.sub(lambda m: f"@{m.group(1)}_{tag}" if m.group(1) in names else m.group(0), text)

            lists = {f"{name}_{tag}": [made_up(str(w)) for w in entries]
                     for name, entries in (data.get("lists") or {}).items()}
            made = []
            for rule in data["rules"]:
                if "terms" not in rule:
                    continue  # raw patterns: leave them to the bundled copy
                copy = dict(rule)
                copy["id"] = f"{rule['id']}-gen{k}"
                copy["terms"] = [made_up(str(t)) for t in rule["terms"]]
                made.append(copy)
            doc = {"language": data["language"], "lists": lists, "rules": made}
            (folder / f"{path.stem}-gen{k}.yaml").write_text(
                yaml.safe_dump(doc, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return folder


# -- the plan --------------------------------------------------------------------------------


def plan(out: Path, runs: int, quick: bool, slow_runs: int) -> tuple[list[Job], dict[str, object]]:
    n_files = 100 if quick else 1000
    big_kb = 2048 if quick else 20480
    many = corpus(out, f"many-{n_files}", n_files, 10)
    big = only_file(corpus(out, f"one-{big_kb // 1024}mib", 1, big_kb))
    tenth = only_file(corpus(out, f"one-{big_kb // 10240 or 1}mib-tenth", 1, big_kb // 10))
    small = only_file(corpus(out, "small-md", 1, 2, "md"))
    marked = with_markup(out, small)
    plain = trigger_free(out, big_kb * 1024)
    every, english = configs(out)
    extra = generated_rules(out)
    termlint = (sys.executable, "-m", "termlint", "check", "--exit-zero")
    all_rules = (*termlint, "--config", str(every))
    en_rules = (*termlint, "--config", str(english))
    codespell = shutil.which("codespell", path=str(Path(sys.executable).parent)) or shutil.which("codespell")
    textlint, alex = NODE_BIN / "textlint", NODE_BIN / "alex"
    textlintrc = out / "config" / "textlintrc.json"
    prh = {"rules": {"prh": {"rulePaths": [str(HERE / "prh.yml")]}}}
    textlintrc.write_text(json.dumps(prh), encoding="utf-8")
    peers: list[tuple[str, tuple[str, ...], bool]] = []
    if codespell:
        peers.append(("codespell", (codespell,), False))
    if textlint.exists():
        peers.append(("textlint + prh", (str(textlint), "--config", str(textlintrc)), True))
    if alex.exists():
        peers.append(("alex", (str(alex),), True))

    # Files are named one by one: termlint skips what git ignores, and bench/out/ is ignored.
    files = tuple(str(p) for p in sorted(many.iterdir()) if not p.name.startswith("."))
    jobs = [
        Job("many", "termlint", (*all_rules, *files), runs),
        Job("many", "termlint -j 1", (*all_rules, "-j", "1", *files), runs),
        # Next to the -j runs in every round: what the machine gives two processes just then.
        Job("ceiling", "1 process", _spinners(1), runs),
        Job("ceiling", "2 processes", _spinners(2), runs),
        Job("many", "termlint English only", (*en_rules, *files), runs),
        Job("many", "termlint rules x10", (*all_rules, "--rules", str(extra), *files), runs),
        Job("big", "termlint", (*all_rules, str(big)), runs),
        Job("big", "termlint English only", (*en_rules, str(big)), runs),
        Job("tenth", "termlint", (*all_rules, str(tenth)), runs),
        Job("plain", "termlint", (*all_rules, str(plain)), runs),
        Job("small", "python -c pass", (sys.executable, "-c", "pass"), runs * 2),
        Job("small", "termlint", (*all_rules, str(small)), runs * 2),
        Job("small", "termlint English only", (*en_rules, str(small)), runs * 2),
        Job("small", "termlint, the same text with markup", (*all_rules, str(marked)), runs * 2),
    ]
    for name, argv, slow in peers:
        jobs.append(Job("many", name, (*argv, *files), slow_runs if slow else runs))
        jobs.append(Job("small", name, (*argv, str(small)), runs if slow else runs * 2))
        if not slow:
            jobs.append(Job("big", name, (*argv, str(big)), runs))
    sizes = {"many": _size(many), "big": big.stat().st_size, "tenth": tenth.stat().st_size,
             "plain": plain.stat().st_size, "small": small.stat().st_size, "files": n_files,
             "big_path": big, "plain_path": plain}
    return jobs, sizes


_SPIN = 12_000_000  # loop steps: about as long as termlint -j 1 on the 1,000 files


def _spinners(processes: int) -> tuple[str, ...]:
    """A process that starts `processes` Python processes sharing a fixed amount of pure
    Python work, and waits for them: 1 against 2 is the most `-j 2` can gain on this
    machine at that moment (two virtual cores are seldom two whole cores)."""
    step = _SPIN // processes
    work = f"s = 0\nfor i in range({step}): s += i"
    starter = ("import subprocess, sys\n"
               f"ps = [subprocess.Popen([sys.executable, '-c', {work!r}]) for _ in range({processes})]\n"
               "sys.exit(max(p.wait() for p in ps))")
    return (sys.executable, "-c", starter)


def with_markup(out: Path, small: Path) -> Path:
    """The small draft with a heading, emphasis and a list item: a Markdown file that the
    parser must read (a draft of plain paragraphs is read without it)."""
    folder = out / "corpus" / "small-md-markup"
    folder.mkdir(parents=True, exist_ok=True)
    text = small.read_text(encoding="utf-8")
    first, _, rest = text.partition(" ")
    marked = f"# Draft\n\n*{first}* {rest}\n- One point of the list.\n"
    path = folder / small.name
    if not path.exists() or path.read_text(encoding="utf-8") != marked:
        path.write_text(marked, encoding="utf-8")
    return path


def _size(folder: Path) -> int:
    return sum(p.stat().st_size for p in folder.iterdir() if not p.name.startswith("."))


def sanity(jobs: list[Job], env: dict[str, str], out: Path, files: int) -> None:
    """termlint really checks every file of the corpus (and is not, say, skipping them)."""
    job = next(j for j in jobs if j.case == "many" and j.tool == "termlint")
    done = subprocess.run(job.argv, cwd=out, env=env, capture_output=True, text=True)
    summary = (done.stdout.strip().splitlines() or [""])[-1]
    if f"{files} of {files} files checked" not in summary and f"in {files} files checked" not in summary:
        raise SystemExit(f"bench: termlint did not check the {files} files: {summary or done.stderr.strip()}")


Samples = dict[tuple[str, str], list[Sample]]


def run_all(jobs: list[Job], env: dict[str, str], out: Path, timeout: float, log: bool) -> Samples:
    # One warm-up run each (byte code, termlint's caches of rules and regexes); not counted.
    for job in jobs:
        if job.case == "small" or (job.case == "many" and job.tool.startswith("termlint")):
            measure(job.argv, env, out, timeout)
    samples: dict[tuple[str, str], list[Sample]] = {}
    rounds = max(j.runs for j in jobs)
    for r in range(rounds):
        for job in jobs:
            if r >= job.runs:
                continue
            sample = measure(job.argv, env, out, timeout)
            samples.setdefault((job.case, job.tool), []).append(sample)
            if log:
                flag = " TIMEOUT" if sample.timed_out else ""
                print(f"  round {r + 1}: {job.case:6} {job.tool:24} {sample.seconds:8.3f} s "
                      f"{sample.peak_kb / 1024:7.1f} MB exit {sample.code}{flag}", file=sys.stderr)
    return samples


# -- the prefilter, in this process ---------------------------------------------------------------


def prefilter_speeds(paths: Sequence[Path], repeat: int) -> list[tuple[str, str, float, int]]:
    """(text, backend, MB/s, hits) of every prefilter backend on each text."""
    sys.path.insert(0, str(ROOT / "src"))
    from termlint import engine, prefilter, rules

    every = rules.load(rules.bundled_files())
    settings = engine.Settings(select=tuple(sorted({r.category for r in every.rules})))
    triggers = engine.matcher_for(engine.load_ruleset(settings), settings).prefilter.triggers
    rows = []
    for path in paths:
        text = path.read_text(encoding="utf-8")
        for backend in prefilter.available_backends():
            pf = prefilter.Prefilter(triggers, backend=backend)
            pf.scan("warm up")
            times, hits = [], 0
            for _ in range(repeat):
                start = time.perf_counter()
                hits = len(pf.scan(text))
                times.append(time.perf_counter() - start)
            rate = len(text.encode("utf-8")) / MB / statistics.median(times)
            rows.append((path.parent.name, backend, rate, hits))
    return rows


# -- the table -------------------------------------------------------------------------------------


def table(samples: Samples, sizes: dict[str, object],
          speeds: list[tuple[str, str, float, int]], runs: int) -> str:
    def med(case: str, tool: str) -> float | None:
        got = [s.seconds for s in samples.get((case, tool), []) if not s.timed_out and s.code in (0, 1, 65)]
        return statistics.median(got) if got else None

    def peak(case: str, tool: str) -> float | None:
        got = [s.peak_kb for s in samples.get((case, tool), [])]
        return max(got) / 1024 if got else None

    def secs(x: float | None) -> str:
        return "—" if x is None else (f"{x * 1000:.0f} ms" if x < 1 else f"{x:.2f} s")

    def verdict(ok: bool | None) -> str:
        return "—" if ok is None else ("**yes**" if ok else "**no**")

    lines = [
        "| case | tool | median | peak memory | vs termlint | target | met |",
        "|---|---|---:|---:|---:|---|---|",
    ]
    files = sizes["files"]
    many_mb = int(sizes["many"]) / MB  # type: ignore[arg-type]
    big_mb = int(sizes["big"]) / MB  # type: ignore[arg-type]
    base = med("many", "termlint")
    for (case, tool) in _ordered(samples, "many"):
        t = med(case, tool)
        ratio = None if t is None or base is None else t / base
        target, ok = "", None
        if tool == "codespell" and ratio is not None:
            target, ok = "termlint ≥ 3× faster", ratio >= 3
        elif tool == "termlint -j 1" and ratio is not None:
            # Round by round: the two runs of a round are neighbours in time, on a machine
            # whose speed drifts from one minute to the next.
            paired = _paired(samples, ("many", "termlint -j 1"), ("many", "termlint")) or ratio
            ceiling = _paired(samples, ("ceiling", "1 process"), ("ceiling", "2 processes"))
            target = f"-j 2 ≥ 1.7× faster than -j 1 (medians {ratio:.2f}×, round by round {paired:.2f}×"
            ok = paired >= 1.7 and ratio >= 1.7  # met only when both say so
            target += "" if ceiling is None else f"; the machine's own, same rounds: {ceiling:.2f}×"
            target += ")"
        elif tool == "termlint rules x10" and ratio is not None:
            target, ok = "≤ 1.5× the time", ratio <= 1.5
        if any(s.timed_out for s in samples[(case, tool)]):
            target = (target + " (timed out)").strip()
        lines.append(f"| {files} × 10 KiB ({many_mb:.1f} MB) | {tool} | {secs(t)} | "
                     f"{_mb(peak(case, tool))} | "
                     f"{_x(ratio)} | {target} | {verdict(ok)} |")
    one, two = med("ceiling", "1 process"), med("ceiling", "2 processes")
    ceiling = _paired(samples, ("ceiling", "1 process"), ("ceiling", "2 processes"))
    if one is not None and two is not None and ceiling is not None:
        lines.append(f"| pure Python work, 1 process → 2 | the machine | {secs(one)} → {secs(two)} | | "
                     f"{ceiling:.2f}× | what 2 cores give here, round by round (2× = two whole cores) | — |")
    big = med("big", "termlint")
    limit = 3 * big_mb + 100
    for (case, tool) in _ordered(samples, "big"):
        t = med(case, tool)
        rate = None if t is None else big_mb / t
        ratio = None if t is None or big is None else t / big
        target, ok = "", None
        if tool == "termlint" and rate is not None:
            target, ok = "≥ 30 MB/s", rate >= 30
        lines.append(f"| one {big_mb:.0f} MB file | {tool} | {secs(t)} ({rate or 0:.1f} MB/s) | "
                     f"{_mb(peak(case, tool))} | {_x(ratio)} | {target} | {verdict(ok)} |")
        if tool == "termlint" and peak(case, tool) is not None:
            mem_ok = (peak(case, tool) or 0) * 1.048576 < limit
            lines.append(f"| one {big_mb:.0f} MB file | termlint, peak memory | | {_mb(peak(case, tool))} | | "
                         f"< 3 × the file + 100 MB = {limit:.0f} MB | {verdict(mem_ok)} |")
    plain = med("plain", "termlint")
    if plain is not None:
        plain_mb = int(sizes["plain"]) / MB  # type: ignore[arg-type]
        rate = plain_mb / plain
        ok = None if big is None else rate >= 3 * (big_mb / big)
        lines.append(f"| {plain_mb:.0f} MB without trigger words | termlint | "
                     f"{secs(plain)} ({rate:.1f} MB/s) | "
                     f"{_mb(peak('plain', 'termlint'))} | {_x(None if big is None else plain / big)} | "
                     f"almost free (≥ 3× the dense MB/s) | {verdict(ok)} |")
    tenth = med("tenth", "termlint")
    if tenth is not None and big is not None:
        ratio = big / tenth
        lines.append(f"| text × 10 ({int(sizes['tenth']) / MB:.1f} MB → {big_mb:.1f} MB) | termlint | "  # type: ignore[arg-type]
                     f"{secs(tenth)} → {secs(big)} | | {ratio:.2f}× | ≤ 11× the time | "
                     f"{verdict(ratio <= 11)} |")
    small = med("small", "termlint")
    bare = med("small", "python -c pass")
    for (case, tool) in _ordered(samples, "small"):
        t = med(case, tool)
        ratio = None if t is None or small is None else t / small
        target, ok = "", None
        if tool == "termlint" and t is not None and bare is not None:
            budget = 1.2 * bare + 0.080
            target, ok = f"≤ 1.2 × python + 80 ms = {budget * 1000:.0f} ms", t <= budget
        elif tool == "codespell" and ratio is not None:
            target, ok = "termlint faster", ratio > 1
        lines.append(f"| small Markdown ({int(sizes['small']) / 1024:.1f} KiB) | {tool} | {secs(t)} | "  # type: ignore[arg-type]
                     f"{_mb(peak(case, tool))} | {_x(ratio)} | {target} | {verdict(ok)} |")
    out = ["\n".join(lines)]
    if speeds:
        rows = ["| text | prefilter backend | scan speed | hits |", "|---|---|---:|---:|"]
        rows += [f"| {text} | {backend} | {rate:.0f} MB/s | {hits} |" for text, backend, rate, hits in speeds]
        out.append("\n".join(rows))
    out.append(f"Medians of {runs} runs (alex: fewer, it is slow); 'vs termlint' is the tool's time over "
               f"termlint's in the same case (above 1: termlint is faster). Python {sys.version.split()[0]}, "
               f"{os.cpu_count()} cores.")
    return "\n\n".join(out)


def _paired(samples: Samples, slow: tuple[str, str], fast: tuple[str, str]) -> float | None:
    """The median over rounds of slow / fast, each round's two runs taken together."""
    ratios = [a.seconds / b.seconds for a, b in zip(samples.get(slow, []), samples.get(fast, []), strict=False)
              if not (a.timed_out or b.timed_out) and b.seconds > 0]
    return statistics.median(ratios) if ratios else None


def _ordered(samples: Samples, case: str) -> list[tuple[str, str]]:
    return [k for k in samples if k[0] == case]


def _mb(x: float | None) -> str:
    return "—" if x is None else f"{x * 1.048576:.0f} MB"


def _x(ratio: float | None) -> str:
    return "—" if ratio is None else f"{ratio:.2f}×"


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=5, help="runs per tool and case (median; default 5)")
    parser.add_argument("--slow-runs", type=int, default=1,
                        help="runs of the slow peers (alex, textlint) on 1,000 files")
    parser.add_argument("--quick", action="store_true",
                        help="100 files and 2 MiB: check the script, not the targets")
    parser.add_argument("--timeout", type=float, default=600, help="seconds before one run is stopped")
    parser.add_argument("--out", type=Path, default=HERE / "out",
                        help="corpora, caches and results (default bench/out)")
    parser.add_argument("--quiet", action="store_true", help="do not log each run on stderr")
    parser.add_argument("--cases", default="many,ceiling,big,tenth,plain,small",
                        help="comma-separated cases to run (default: all of many,ceiling,big,tenth,plain,small)")
    args = parser.parse_args(argv)
    out = args.out.resolve()
    out.mkdir(parents=True, exist_ok=True)
    jobs, sizes = plan(out, args.runs, args.quick, args.slow_runs)
    wanted = set(args.cases.split(","))
    env = child_env(out)
    if "many" in wanted:
        sanity(jobs, env, out, int(sizes["files"]))  # type: ignore[call-overload]
    jobs = [j for j in jobs if j.case in wanted]
    samples = run_all(jobs, env, out, args.timeout, not args.quiet)
    speeds = prefilter_speeds([sizes["big_path"], sizes["plain_path"]], 3)  # type: ignore[list-item]
    text = table(samples, sizes, speeds, args.runs)
    (out / "results.md").write_text(text + "\n", encoding="utf-8")
    print(text)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

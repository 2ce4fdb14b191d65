"""The command line: `termlint check`, `rules`, `explain`, `test-rules`.

`main(argv) -> int` parses arguments, runs the pipeline, writes fixed files and the
report, and returns the exit code: 0 nothing at or above the fail level, 1 findings (or
a file changed by --fix), 2 a usage, configuration or rule error, or a file that could
not be checked.
"""
from __future__ import annotations

import argparse
import contextlib
import os
import sys
from collections.abc import Callable, Iterator, Sequence

from termlint import __version__, baseline, cache, config, engine, files, report
from termlint.errors import TermlintError
from termlint.findings import LEVELS, Finding, Level
from termlint.matcher import QUOTATION_POLICIES, REPORTED_SPEECH_POLICIES
from termlint.morphology import LANGUAGES
from termlint.records import NamedTuple

TYPE_CHECKING = False  # typing.TYPE_CHECKING, without importing typing at run time
if TYPE_CHECKING:
    from typing import IO, Any

    from termlint.rules import Rule

EXIT_OK, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2
EXIT_PIPE = 141  # the reader of the output left (`| head`): as a process killed by SIGPIPE
_QUOTATIONS_HELP = (
    "words inside quotations of other speakers: downgrade (the default) reports them as suggestions "
    "with a note and never fixes them, so a faithful quotation does not fail the run; ignore drops "
    "them; flag keeps the rule's level (with the note, never fixed)"
)
_REPORTED_HELP = (
    "a term after a verb of saying in its sentence (\"the delegation said that ...\"): flag (the default) "
    "keeps the rule's level, downgrade lowers it one level; both add a note on quotation marks"
)


def _jobs(value: str) -> int:
    try:
        jobs = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a number of jobs: {value!r}") from None
    if jobs < 1:
        raise argparse.ArgumentTypeError("the number of jobs must be 1 or more")
    return jobs


def _csv(value: str) -> list[str]:
    return [v.strip() for v in value.split(",") if v.strip()]


class _HelpFormatter(argparse.HelpFormatter):
    """argparse's own, told the terminal's width as `shutil` would (COLUMNS, then the
    terminal, then 80) without importing `shutil`, which each run would pay for."""

    def __init__(self, prog: str) -> None:
        super().__init__(prog, width=_columns() - 2)


class _Parser(argparse.ArgumentParser):
    """An argument parser whose help uses _HelpFormatter (sub-commands' parsers too)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("formatter_class", _HelpFormatter)
        super().__init__(*args, **kwargs)


def _columns() -> int:
    try:
        columns = int(os.environ["COLUMNS"])
        if columns > 0:
            return columns
    except (KeyError, ValueError):
        pass
    try:
        return os.get_terminal_size(sys.__stdout__.fileno()).columns or 80  # type: ignore[union-attr]
    except (AttributeError, ValueError, OSError):
        return 80


def _parser(command: str | None = None) -> argparse.ArgumentParser:
    """The command line; with `command`, only that command is set up (a run builds what
    it parses: each parser costs a few lookups of translations on disk)."""
    parser = _Parser(
        prog="termlint",
        description="Check migration texts for terminology that labels people as illegal, "
        "dehumanises them or confuses their legal status.",
    )
    parser.add_argument("--version", action="version", version=f"termlint {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name, known in _COMMANDS.items():
        if command is None or command == name:
            known.arguments(sub.add_parser(name, help=known.help))
    return parser


def _check_arguments(check: argparse.ArgumentParser) -> None:
    check.add_argument("paths", nargs="*", metavar="PATH", help="files or folders; - reads standard input")
    _rule_options(check)
    check.add_argument("--format", default="text", choices=(*report.names(), report.AUTO),
                       help="report format (default: text; auto: github inside GitHub Actions, else text)")
    check.add_argument("--output", "-o", metavar="FILE", help="write the report to FILE")
    _config_options(check)
    check.add_argument("--baseline", metavar="FILE",
                       help="report only findings not recorded in FILE (see `termlint baseline`)")
    check.add_argument("--no-baseline", action="store_true",
                       help="ignore the baseline the configuration names")
    check.add_argument("--report-unused-suppressions", action="store_true",
                       help="list suppression comments that no longer match anything "
                       "(they count as warnings)")
    check.add_argument("--fail-on", choices=LEVELS, default=None,
                       help="lowest level that makes the run fail (default: warning)")
    check.add_argument("--exit-zero", action="store_true", help="exit 0 even when problems are found")
    check.add_argument("--skip-errors", action="store_true",
                       help="files (or rules) that cannot be checked are reported and skipped: they do not "
                       "make the exit code 2")
    check.add_argument("--stdin-filename", metavar="NAME", help="name (and format) of standard input")
    check.add_argument("--encoding", metavar="CODEC", help="decode files without a BOM with CODEC (default: utf-8)")
    check.add_argument("--quotations", choices=QUOTATION_POLICIES, default=None,
                       help=_QUOTATIONS_HELP)
    check.add_argument("--reported-speech", choices=REPORTED_SPEECH_POLICIES, default=None,
                       help=_REPORTED_HELP)
    check.add_argument("--fix", action="store_true", help="apply safe fixes in place")
    check.add_argument("--unsafe-fixes", action="store_true", help="with --fix or --diff, also apply unsafe fixes")
    check.add_argument("--diff", action="store_true", help="print a unified diff of the fixes; write nothing")
    check.add_argument("--track-changes", action="store_true",
                       help="with --fix on Word files, record each fix as a tracked change (author termlint)")
    check.add_argument("--color", choices=("auto", "always", "never"), default="auto")
    check.add_argument("-j", "--jobs", type=_jobs, default=None, metavar="N",
                       help="check files in N processes (default: the number of cores; 1: no extra processes)")


def _rules_arguments(rules_cmd: argparse.ArgumentParser) -> None:
    _rule_options(rules_cmd)
    _config_options(rules_cmd)


def _explain_arguments(explain: argparse.ArgumentParser) -> None:
    explain.add_argument("rule", metavar="ID")
    explain.add_argument("--rules", dest="rule_paths", action="append", default=[], metavar="PATH",
                         help="also load the rules of this YAML file or folder (repeatable)")
    _config_options(explain)


def _baseline_arguments(base: argparse.ArgumentParser) -> None:
    base.add_argument("paths", nargs="*", metavar="PATH", help="files or folders")
    base.add_argument("--output", "-o", metavar="FILE",
                      help="the baseline file (default: the configuration's `baseline`, "
                      f"else {baseline.DEFAULT_NAME})")
    _rule_options(base)
    _config_options(base)
    base.add_argument("--encoding", metavar="CODEC",
                      help="decode files without a BOM with CODEC (default: utf-8)")
    base.add_argument("--skip-errors", action="store_true",
                      help="files that cannot be checked are reported and left out: exit 0, not 2")
    base.add_argument("--quotations", choices=QUOTATION_POLICIES, default=None,
                      help=_QUOTATIONS_HELP)
    base.add_argument("--reported-speech", choices=REPORTED_SPEECH_POLICIES, default=None,
                      help=_REPORTED_HELP)


def _init_arguments(init: argparse.ArgumentParser) -> None:
    init.add_argument("path", nargs="?", default=config.FILE_NAMES[0], metavar="FILE",
                      help=f"where to write it (default: {config.FILE_NAMES[0]})")
    init.add_argument("--profile", default="default", choices=config.profile_names(),
                      help="the bundled profile to extend (default: default)")
    init.add_argument("--force", action="store_true", help="replace an existing file")


def _annotate_arguments(annotate: argparse.ArgumentParser) -> None:
    annotate.add_argument("paths", nargs="+", metavar="PATH", help=".docx files; - reads standard input")
    annotate.add_argument("--output", "-o", metavar="OUT", required=True,
                          help="the annotated file (a folder when several files are given; - for stdout)")
    _rule_options(annotate)
    _config_options(annotate)
    annotate.add_argument("--stdin-filename", metavar="NAME", help="name of standard input")
    annotate.add_argument("--quotations", choices=QUOTATION_POLICIES, default=None,
                          help="quoted words of other speakers: downgrade (the default), ignore or flag")
    annotate.add_argument("--reported-speech", choices=REPORTED_SPEECH_POLICIES, default=None,
                          help=_REPORTED_HELP)


def _test_arguments(test: argparse.ArgumentParser) -> None:
    test.add_argument("paths", nargs="*", metavar="PATH", help="rule files or folders (default: the bundled rules)")


def _rule_options(p: argparse.ArgumentParser) -> None:
    p.add_argument("--rules", dest="rule_paths", action="append", default=[], metavar="PATH",
                   help="add a rule file or folder (repeatable)")
    p.add_argument("--select", action="append", default=[], type=_csv, metavar="IDS",
                   help="only these rule ids or categories (comma-separated; also switches on opt-in rules)")
    p.add_argument("--ignore", action="append", default=[], type=_csv, metavar="IDS",
                   help="leave out these rule ids or categories")
    p.add_argument("--lang", choices=LANGUAGES, default=None,
                   help="treat every paragraph as this language (default: detect per paragraph)")


def _config_options(p: argparse.ArgumentParser) -> None:
    group = p.add_mutually_exclusive_group()
    group.add_argument("--config", metavar="FILE",
                       help="read this configuration (default: the nearest .termlint.yaml, termlint.yaml "
                       "or pyproject.toml [tool.termlint], walking up from the working folder)")
    group.add_argument("--no-config", action="store_true", help="read no configuration file")


def _flat(values: Sequence[Sequence[str]]) -> tuple[str, ...]:
    return tuple(v for group in values for v in group)


def main(argv: Sequence[str] | None = None) -> int:
    args_list = list(sys.argv[1:] if argv is None else argv)
    if args_list and args_list[0] not in (*_COMMANDS, "-h", "--help", "--version"):
        typo = _command_typo(args_list[0])
        if typo:
            print(f"termlint: error: unknown command '{args_list[0]}'; did you mean '{typo}'? "
                  f"(no file or folder has that name either)", file=sys.stderr)
            return EXIT_ERROR
        args_list.insert(0, "check")
    command = args_list[0] if args_list and args_list[0] in _COMMANDS else None
    parser = _parser(command)
    try:
        args, extra = parser.parse_known_args(args_list)
        if extra and hasattr(args, "paths") and all(os.path.lexists(word) for word in extra):
            # file names that start with "-" (pre-commit passes staged files after the
            # hook's options, without "--"): existing files, not unknown options
            args.paths = [*args.paths, *extra]
        elif extra:
            _unknown_options(parser, command, extra)
    except SystemExit as exc:  # argparse exits on --help (0) and on usage errors (2)
        return int(exc.code or 0)
    if args.command is None:
        parser.print_help(sys.stderr)
        return EXIT_ERROR
    try:
        return _COMMANDS[args.command].run(args)
    except TermlintError as exc:
        print(f"termlint: error: {exc}", file=sys.stderr)
        return EXIT_ERROR
    except KeyboardInterrupt:
        print("termlint: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:  # `termlint check . | head`: the reader left; say nothing more
        with contextlib.suppress(OSError):
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return EXIT_PIPE
    except Exception:  # a bug: show where, and exit 2 (an uncaught exception would exit 1, "findings")
        import traceback

        traceback.print_exc(limit=-20, file=sys.stderr)  # the innermost frames: where it failed
        print("termlint: internal error: this is a bug in termlint; "
              "please report it with the traceback above", file=sys.stderr)
        return EXIT_ERROR


def _is_word(path: str) -> bool:
    """Whether a path is of a format termlint edits as a package (Word), not as text."""
    from termlint import adapters

    return adapters.format_for(path).name == "docx"


def _command_typo(word: str) -> str | None:
    """The command a first word that is neither a command, an option nor an existing path
    was probably meant to be ("chek")."""
    if word.startswith("-") or os.path.lexists(word):
        return None
    import difflib

    close = difflib.get_close_matches(word, list(_COMMANDS), n=1, cutoff=0.75)
    return close[0] if close else None


def _unknown_options(parser: argparse.ArgumentParser, command: str | None, extra: Sequence[str]) -> None:
    """A usage error for options the command does not know, in that command's own usage,
    with the option probably meant ("--fromat": "--format")."""
    import difflib

    sub = parser
    if command is not None:
        for action in parser._actions:  # noqa: SLF001 - argparse keeps its sub-parsers here
            if isinstance(action, argparse._SubParsersAction):  # noqa: SLF001
                sub = action.choices[command]
    known = [o for a in sub._actions for o in a.option_strings]  # noqa: SLF001
    hints = []
    for word in extra:
        if word.startswith("--"):
            close = difflib.get_close_matches(word.split("=", 1)[0], known, n=1)
            if close:
                hints.append(f"{word}: did you mean {close[0]}?")
    sub.error(f"unrecognized arguments: {' '.join(extra)}" + (" (" + "; ".join(hints) + ")" if hints else ""))


def _settings(args: argparse.Namespace, cfg: config.Config = config.EMPTY) -> engine.Settings:
    """The run's settings: the command line's, then the configuration's, then defaults."""
    return engine.Settings(
        rule_paths=(*cfg.rule_paths, *args.rule_paths),
        select=_flat(args.select),
        ignore=_flat(args.ignore),
        language=args.lang,
        languages=cfg.languages,
        quotations=getattr(args, "quotations", None) or cfg.quotations or "downgrade",
        reported_speech=getattr(args, "reported_speech", None) or cfg.reported_speech or "flag",
        fail_on=Level(getattr(args, "fail_on", None) or cfg.fail_on or "warning"),
        encoding=_codec(getattr(args, "encoding", None)),
        stdin_filename=getattr(args, "stdin_filename", None),
    )


def _codec(name: str | None) -> str | None:
    """An --encoding that Python knows, or a usage error before any file is read (a typo
    must not make every file an error that --skip-errors then passes over)."""
    if name is None:
        return None
    import codecs

    try:
        codecs.lookup(name)
    except LookupError:
        raise TermlintError(f"--encoding {name}: unknown encoding (try utf-8, latin-1, cp1252, utf-16)") from None
    return name


# -- check -------------------------------------------------------------------------------


def _check(args: argparse.Namespace) -> int:
    args.format = report.resolve(args.format)
    with _loading():
        cfg = _config(args)
        settings = _settings(args, cfg)
        if not args.paths:
            raise TermlintError("no paths given (use `termlint check PATH ...`, or - for standard input)")
        if args.track_changes and not (args.fix or args.diff):
            raise TermlintError("--track-changes records fixes as tracked changes: use it with --fix")
        if args.unsafe_fixes and not (args.fix or args.diff):
            raise TermlintError("--unsafe-fixes adds unsafe fixes to what --fix or --diff does: use it with one")
        if args.fix and args.diff:
            raise TermlintError("--diff shows what --fix would change and writes nothing: give one of them")
        if args.paths.count("-") > 1:
            raise TermlintError("standard input (-) can be read once: give - once")
        if args.stdin_filename and "-" not in args.paths:
            raise TermlintError("--stdin-filename names standard input: give - among the paths")
        project = _project(args, cfg, settings)
    matcher = project.matcher
    paths, missing = _discover(project, args.paths)
    paths = _without_report(paths, args.paths, args.output)
    results: list[engine.FileResult] = [engine.FileResult(s.path, skip=s) for s in missing]
    stream = _open_output(args.output)
    color = _use_color(args, stream)
    # The decoded text of each file is kept only for what reads it again: fixes, the
    # baseline's fingerprints, SARIF's fix regions (a 1,000-file run need not hold them all).
    keep = bool(args.fix or args.diff or project.baseline is not None or args.format == "sarif")
    # The text report's lines are made where each file is checked (in parallel) when nothing
    # changes the findings afterwards (a baseline or fixes do).
    ahead = args.format == "text" and not (args.fix or args.diff or project.baseline is not None)
    results.extend(_run(paths, matcher, settings, show_progress=args.format == "text" and not args.output,
                        jobs=args.jobs, keep_sources=keep, render=ahead, plain=not color))
    results, known = project.apply_baseline(results)
    fixed: list[tuple[str, int]] = []
    write_errors: list[str] = []
    changed = False
    if args.diff or args.fix:
        stdin_at = len(missing) + paths.index("-") if "-" in paths else -1
        results, fixed, write_errors, changed = _apply_fixes(args, results, project.fix_matcher, settings,
                                                             stdin_at)
        untracked = [path for path, _ in fixed if args.track_changes and not _is_word(path)]
        if untracked:
            print(f"termlint: note: --track-changes applies to Word files; {', '.join(untracked)} "
                  f"{'was' if len(untracked) == 1 else 'were'} fixed in place", file=sys.stderr)
    if args.report_unused_suppressions:
        results = [project.stale_suppressions(r) for r in results]
    out = report.Report(tuple(results), __version__, tuple(fixed),
                        unused_suppressions=args.report_unused_suppressions,
                        rules=project.rules_in_force(r.path for r in results), baseline=known,
                        fail_on=settings.fail_on)
    # Standard output carries the diff, or the fixed standard input: the report goes to stderr.
    to_stderr = (args.diff or (args.fix and "-" in paths)) and not args.output
    report_stream = sys.stderr if to_stderr else stream
    report.write(args.format, out, report_stream, color=color and report_stream is stream)
    if out.baseline is not None and args.format == "text":
        report_stream.write(_baseline_note(out.baseline))
    for message in write_errors:
        print(f"termlint: error: {message}", file=sys.stderr)
    not_checked = [s for s in out.skipped if s.error]
    if args.skip_errors and not_checked:
        print(f"termlint: --skip-errors: {_not_checked(not_checked)} could not be checked and "
              f"{'was' if len(not_checked) == 1 else 'were'} skipped (see the report)", file=sys.stderr)
    if stream is not sys.stdout:
        stream.close()
    return _exit_code(args, settings, out, changed, write_errors)


@contextlib.contextmanager
def _loading() -> Iterator[None]:
    """Loading the configuration and the rules makes many objects that live all run and
    almost no garbage. The cycle collector is paused meanwhile, and what was loaded is then
    set apart (`gc.freeze`), so that the collections made while checking, the last one at
    exit, and the memory forked workers share leave it be: an eighth of a run on one small
    file was the collector walking the rules. Done once a process (when nothing is frozen
    yet): a program that calls `main` again, or freezes objects of its own, is left as it is."""
    import gc

    enabled = gc.isenabled()
    first = gc.get_freeze_count() == 0
    gc.disable()
    try:
        yield
    finally:
        if first:
            gc.freeze()
        if enabled:
            gc.enable()


def _config(args: argparse.Namespace) -> config.Config:
    return config.discover(getattr(args, "config", None), enabled=not getattr(args, "no_config", False))


def _project(args: argparse.Namespace, cfg: config.Config, settings: engine.Settings) -> config.Project:
    """Rules, per-file settings and the baseline of a run."""
    known = None
    path = getattr(args, "baseline", None) or (None if getattr(args, "no_baseline", True) else cfg.baseline)
    if path:
        known = baseline.read(path)
    return config.Project(cfg, settings, fixed_quotations=getattr(args, "quotations", None) is not None,
                          baseline=known, fixed_reported=getattr(args, "reported_speech", None) is not None)


def _discover(project: config.Project, named: Sequence[str]) -> tuple[list[str], list[files.Skip]]:
    """Files to check, and skips: paths that do not exist, files the configuration leaves out."""
    paths, missing = files.discover(named)
    paths, left_out = config.split_paths(project, paths, named)
    return paths, [*missing, *(files.Skip(p, reason, error=False) for p, reason in left_out)]


def _diff_path(path: str) -> str:
    """A path as `git apply` takes it after a/ and b/: normalised ("./a.txt" is "a.txt"),
    relative to the working folder, with forward slashes."""
    if path == "-":
        return path
    rel = os.path.relpath(path)
    shown = rel if not rel.startswith(os.pardir) else os.path.normpath(os.path.abspath(path)).lstrip("/\\")
    return shown.replace(os.sep, "/")


def _shown(path: str) -> str:
    """A path as a message shows it: relative to the working folder when inside it."""
    rel = os.path.relpath(path) if os.path.isabs(path) else path
    return path if rel.startswith(os.pardir) else rel


def _baseline_note(summary: baseline.Summary) -> str:
    known = f"{summary.matched} known {'finding' if summary.matched == 1 else 'findings'}"
    gone = f"{summary.stale} {'entry' if summary.stale == 1 else 'entries'}"
    verb = "occurs" if summary.stale == 1 else "occur"
    note = f"Baseline {_shown(summary.path)}: {known} not shown; {gone} no longer {verb}"
    if summary.stale:
        note += " (update it with `termlint baseline`)"
    return note + ".\n"


def _run(paths: Sequence[str], matcher: engine.Checker, settings: engine.Settings, *, show_progress: bool,
         jobs: int | None = None, keep_sources: bool = True, render: bool = False,
         plain: bool = False) -> list[engine.FileResult]:
    """Check the files, in `jobs` processes when that pays; results in the order of `paths`.
    With `render`, each result checked in a worker process carries its findings' lines of
    the text report (made there, in parallel); `plain`: without colours, joined in one string."""
    from functools import partial

    from termlint import parallel

    jobs = jobs or parallel.default_jobs()
    task = partial(_check_one, matcher=matcher, settings=settings, keep_source=keep_sources, render=render,
                   plain=plain)
    progress = show_progress and len(paths) > 1 and sys.stderr.isatty() and not os.environ.get("NO_PROGRESS")
    return parallel.run(paths, task, jobs, progress=_progress_bar if progress else None)


def _check_one(path: str, matcher: engine.Checker, settings: engine.Settings, *, keep_source: bool,
               render: bool, plain: bool = False) -> engine.FileResult:
    from termlint import parallel

    result = engine.check_file(path, matcher, settings, keep_source=keep_source)
    # Lines made ahead only pay where another process makes them; here they would be kept.
    if render and result.findings and parallel.in_worker():
        from termlint.report import text

        lines = text.finding_lines(result.findings)
        if plain:  # one string crosses between processes, not a pair per line
            lines = (("\n".join(line for line, _ in lines), ""),)
        # The lines say all the report shows of each finding: the findings, sent back to
        # the main process for the summary and the exit code, need only their level.
        result = result._replace(shown=lines, findings=tuple(map(_bare, result.findings)))
    return result


def _bare(f: Finding) -> Finding:
    """A finding as the summary and exit code read it: where, which rule, which level."""
    return f._replace(message="", match="", suggestions=(), fix=None, notes=(), context="", context_start=0,
                      location=())


@contextlib.contextmanager
def _progress_bar(total: int) -> Iterator[Callable[[], None]]:
    from rich.console import Console
    from rich.progress import Progress

    # on standard error, which is what was found to be a terminal: the report may be piped
    with Progress(transient=True, console=Console(stderr=True)) as bar:
        counter = bar.add_task("checking", total=total)
        yield lambda: bar.advance(counter)


def _apply_fixes(
    args: argparse.Namespace,
    results: list[engine.FileResult],
    matcher: object,
    settings: engine.Settings,
    stdin_at: int = -1,
) -> tuple[list[engine.FileResult], list[tuple[str, int]], list[str], bool]:
    """Apply fixes (or print their diff); standard input goes back out on stdout, fixed."""
    from termlint import writer
    fixed: list[tuple[str, int]] = []
    errors: list[str] = []
    changed = False
    out: list[engine.FileResult] = []
    for index, result in enumerate(results):
        is_stdin = index == stdin_at
        if result.data is not None:
            result, did = _fix_binary(args, result, matcher, is_stdin, fixed, errors)
            changed = changed or did
            out.append(result)
            continue
        new = engine.fix_file(result, unsafe=args.unsafe_fixes, matcher=matcher)  # type: ignore[arg-type]
        if new is None or result.decoded is None:
            if is_stdin and args.fix and not args.diff and result.decoded is not None:
                _write_bytes(files.encode(result.decoded, result.decoded.text))
            out.append(result)
            continue
        text, count, remaining = new
        changed = True
        if args.diff:
            bom = "\ufeff" if result.decoded.bom and result.decoded.encoding.startswith("utf-8") else ""
            _write_text("".join(_diff(result.path, bom + result.decoded.text, bom + text)))
            out.append(result)
            continue
        try:
            data = files.encode(result.decoded, text)
        except UnicodeEncodeError as exc:
            errors.append(f"{result.path}: the fixed text cannot be encoded as {result.decoded.encoding} "
                          f"({exc.reason}: {exc.object[exc.start:exc.end]!r}); the file is unchanged")
            if is_stdin:
                _write_bytes(files.encode(result.decoded, result.decoded.text))
            out.append(result)
            continue
        if is_stdin:
            _write_bytes(data)
        else:
            try:
                writer.write_atomic(result.path, data, expected=files.encode(result.decoded, result.decoded.text))
            except writer.WriteError as exc:
                errors.append(str(exc))
                out.append(result)
                continue
        fixed.append((result.path, count))
        # Report what remains in the fixed text.
        out.append(remaining or _recheck(result, text, matcher, settings))
    return out, fixed, errors, changed


def _fix_binary(args: argparse.Namespace, result: engine.FileResult, matcher: object, is_stdin: bool,
                fixed: list[tuple[str, int]], errors: list[str]) -> tuple[engine.FileResult, bool]:
    """Fix a Word file in its runs (or show the diff of its text); PDF stays as it is."""
    from termlint import writer
    assert result.data is not None
    try:
        new = engine.fixed_binary(result, unsafe=args.unsafe_fixes, track=args.track_changes,
                                  matcher=matcher)  # type: ignore[arg-type]
    except TermlintError as exc:
        errors.append(str(exc))
        new = None
    if new is None:
        if is_stdin and args.fix and not args.diff:
            _write_bytes(result.data)
        return result, False
    data, text, count = new
    if args.diff:
        from termlint.adapters.docx import as_lines

        _write_text("".join(_diff(result.path, as_lines(result.source), as_lines(text))))
        return result, True
    if is_stdin:
        _write_bytes(data)
    else:
        try:
            writer.write_atomic(result.path, data, expected=result.data)
        except writer.WriteError as exc:
            errors.append(str(exc))
            return result, False
    fixed.append((result.path, count))
    return engine.recheck_binary(result, data, matcher), True  # type: ignore[arg-type]


def _write_bytes(data: bytes) -> None:
    sys.stdout.flush()
    sys.stdout.buffer.write(data)
    sys.stdout.buffer.flush()


def _write_text(text: str) -> None:
    try:
        sys.stdout.write(text)
    except UnicodeEncodeError:  # a terminal that cannot show the text: write UTF-8
        _write_bytes(text.encode("utf-8", "surrogateescape"))
    sys.stdout.flush()


def _recheck(result: engine.FileResult, text: str, matcher: object, settings: engine.Settings) -> engine.FileResult:
    return engine.recheck(result, text, matcher)  # type: ignore[arg-type]


def _diff(path: str, old: str, new: str) -> list[str]:
    """A unified diff as `git apply` and `patch` read it: lines end at LF (a CRLF line keeps
    its CR; a file of lone CRs is one line, as git sees it), and a UTF-8 file's BOM stands at
    the start of its first line."""
    import difflib

    shown = _diff_path(path)
    if any(ch in shown for ch in '\t\n"\\'):  # quoted with C escapes, as git writes such names
        names = [_c_quoted(f"{side}/{shown}") for side in "ab"]
    else:  # a name with a space ends at a tab, as `diff -u` writes it (patch reads that)
        end = "\t" if " " in shown else ""
        names = [f"a/{shown}{end}", f"b/{shown}{end}"]
    lines = difflib.unified_diff(_lines(old), _lines(new), names[0], names[1])
    return [line if line.endswith("\n") else line + "\n\\ No newline at end of file\n" for line in lines]


def _c_quoted(name: str) -> str:
    escaped = name.replace("\\", "\\\\").replace('"', '\\"').replace("\t", "\\t").replace("\n", "\\n")
    return f'"{escaped}"'


def _lines(text: str) -> list[str]:
    return [m.group() for m in _LINE.finditer(text) if m.group()]


_LINE = cache.compile_re(r"[^\n]*\n|[^\n]+\Z", 0)  # re's program, from the disk cache


def _not_checked(skips: Sequence[files.Skip]) -> str:
    """ "2 files and 1 rule" (a rule that failed in a file names it in its reason)."""
    rules_ = sum(1 for s in skips if s.reason.startswith("rule '"))
    paths = len(skips) - rules_
    parts = [f"{paths} {'file' if paths == 1 else 'files'}" if paths else "",
             f"{rules_} {'rule' if rules_ == 1 else 'rules'}" if rules_ else ""]
    return " and ".join(p for p in parts if p)


def _exit_code(args: argparse.Namespace, settings: engine.Settings, out: report.Report,
               changed: bool, write_errors: Sequence[str]) -> int:
    """2: something could not be checked (unless --skip-errors) or a fix not written;
    then 0 with --exit-zero; 1 for a fix made or a finding at the fail level; else 0."""
    if write_errors or (any(s.error for s in out.skipped) and not args.skip_errors):
        return EXIT_ERROR
    if args.exit_zero:
        return EXIT_OK
    if changed and (args.fix or args.diff):
        return EXIT_FINDINGS
    threshold = settings.fail_on.rank
    if any(f.level.rank >= threshold for f in out.findings):
        return EXIT_FINDINGS
    if out.unused() and Level.WARNING.rank >= threshold:  # an unused suppression is a warning
        return EXIT_FINDINGS
    return EXIT_OK


def _without_report(paths: list[str], named: Sequence[str], output: str | None) -> list[str]:
    """The files to check, less the report file when a folder holds it. A report that would
    overwrite a file named to be checked is refused before anything is written."""
    if not output:
        return paths
    try:
        report_file = os.stat(output)
    except OSError:
        return paths  # not there yet: no input can be it

    def is_report(path: str) -> bool:
        try:
            return path != "-" and os.path.samestat(os.stat(path), report_file)
        except OSError:
            return False

    for path in named:
        if is_report(path):
            raise TermlintError(f"--output {output} is {path}, a file to check: the report would "
                                "overwrite it; write the report elsewhere")
    return [p for p in paths if not is_report(p)]


def _open_output(path: str | None) -> IO[str]:
    if not path:
        if sys.stdout is None:  # started with standard output closed
            raise TermlintError("standard output is closed: write the report with --output FILE")
        return sys.stdout
    try:
        return open(path, "w", encoding="utf-8")
    except OSError as exc:
        raise TermlintError(f"cannot write the report to {path}: {exc.strerror or exc}") from exc


def _use_color(args: argparse.Namespace, stream: IO[str]) -> bool:
    if args.color == "always":
        return True
    if args.color == "never" or os.environ.get("NO_COLOR"):
        return False
    return stream is sys.stdout and sys.stdout.isatty() and args.format == "text"


# -- rules, explain, test-rules --------------------------------------------------------


def _rules(args: argparse.Namespace) -> int:
    cfg = _config(args)
    project = config.Project(cfg, _settings(args, cfg))
    ruleset = project.loaded
    active = {r.id: r for r in project.ruleset.rules}
    langs = project.base.languages
    rows = [("ID", "LEVEL", "CATEGORY", "LANGUAGE", "ON")]
    rows += [(r.id, active.get(r.id, r).level.value, r.category, r.language,
              _state(r, active, langs)) for r in ruleset.rules]
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
    for row in rows:
        print("  ".join(cell.ljust(w) for cell, w in zip(row, widths, strict=False)).rstrip())
    running = sum(1 for r in ruleset.rules if _state(r, active, langs) == "on")
    print(f"{len(ruleset.rules)} rules, {running} on.")
    if cfg.path:
        extends = f" (extends {', '.join(cfg.extends)})" if cfg.extends else ""
        print(f"Configuration: {cfg.path}{extends}.")
    return EXIT_OK


def _state(rule: Rule, active: dict[str, Rule], languages: Sequence[str] | None) -> str:
    """ "on", "off", or why a rule that is on never runs ("off (languages)")."""
    if rule.id not in active:
        return "off"
    if languages is not None and rule.language not in languages:
        return "off (languages)"
    return "on"


def _explain(args: argparse.Namespace) -> int:
    cfg = _config(args)
    project = config.Project(cfg, engine.Settings(rule_paths=(*cfg.rule_paths, *args.rule_paths),
                                                  languages=cfg.languages))
    ruleset = project.loaded
    active = {r.id: r for r in project.ruleset.rules}
    rule = ruleset.by_id().get(args.rule)
    if rule is None:
        members = [r.id for r in ruleset.rules if r.category == args.rule]
        if members:
            print(f"{args.rule} is a category of {len(members)} rules; explain one of them:")
            for rid in members:
                print(f"  {rid}")
            return EXIT_OK
        import difflib

        hint = difflib.get_close_matches(args.rule, list(ruleset.by_id()), n=1)
        also = f"; did you mean {hint[0]!r}?" if hint else " (see `termlint rules`)"
        raise TermlintError(f"no rule {args.rule!r}{also}")
    state = _state(rule, active, project.base.languages)
    if state == "on" and not rule.enabled:
        state = "on (off by default)"
    elif state == "off" and rule.enabled:
        state = "off (by the configuration)"
    elif state == "off":
        state = "off by default"
    level = active.get(rule.id, rule).level
    shown = level.value if level is rule.level else \
        f"{level.value}, by the configuration; {rule.level.value} by default"
    print(f"{rule.id}  ({shown}, {rule.category}, {rule.language}, {state})")
    print()
    print(f"Message: {rule.message}")
    print(f"Why: {rule.why}")
    if rule.note:
        print(f"Note: {' '.join(rule.note.split())}")
    print()
    print("Matches:")
    for term in rule.terms:
        print(f"  {term.source}")
    if rule.replacements:
        print("Replacements, most preferred first:")
        for repl in rule.replacements:
            when = f", when {repl.when}" if repl.when else ""
            print(f"  {repl.text}  ({repl.applicability.value}{when})")
    print("Sources:")
    for src in rule.sources:
        sid = f"[{src.id}] " if src.id else ""
        print(f"  {sid}{src.title} ({src.year}). {src.address}")
    print("Examples that are flagged:")
    for ex in rule.examples.flag:
        print(f"  - {ex}")
    print("Examples that are not flagged:")
    for ex in rule.examples.passes:
        print(f"  - {ex}")
    for text, fixed in rule.examples.fixes:
        print(f"Fix: {text}\n  ->  {fixed}")
    return EXIT_OK


def _test_rules(args: argparse.Namespace) -> int:
    from termlint import ruletest

    failures, total = ruletest.run(args.paths)
    for failure in failures:
        print(failure)
    print(f"{total} examples, {len(failures)} failed.")
    return EXIT_FINDINGS if failures else EXIT_OK


# -- annotate -------------------------------------------------------------------------------


def _refuse_shared_targets(paths: Sequence[str], folder: str) -> None:
    """Several inputs go to one folder under their own names: two with the same name (2023/
    report.docx and 2024/report.docx) would write one file, the second over the first."""
    seen: dict[str, str] = {}
    for path in paths:
        name = os.path.basename(path) if path != "-" else "annotated.docx"
        first = seen.setdefault(os.path.normcase(name), path)
        if first != path:
            raise TermlintError(f"{first} and {path} would both be written to "
                                f"{os.path.join(folder, name)}; annotate them in separate runs")


def _annotate(args: argparse.Namespace) -> int:
    """Write each finding into a copy of a Word file as a comment on the matched words."""
    from termlint import adapters, docx_edit, writer

    cfg = _config(args)
    settings = _settings(args, cfg)
    several = len(args.paths) > 1
    to_stdout = args.output == "-"
    if several and not os.path.isdir(args.output):
        raise TermlintError(f"{args.output}: with several files, --output must be an existing folder")
    for path in args.paths:
        name = settings.stdin_filename if path == "-" and settings.stdin_filename else path
        if adapters.format_for(name).name != "docx":
            raise TermlintError(f"{name}: annotate writes Word comments, so it needs a .docx file "
                                "(use --stdin-filename NAME.docx for standard input)")
    if several:
        _refuse_shared_targets(args.paths, args.output)
    matcher = _project(args, cfg, settings).matcher
    results: list[engine.FileResult] = []
    notes: list[str] = []
    errors: list[str] = []
    written_any = False
    for path in args.paths:
        result = engine.check_file(path, matcher, settings)
        results.append(result)
        if result.skip is not None or result.data is None:
            continue
        target = args.output
        if several or os.path.isdir(target):
            target = os.path.join(target, os.path.basename(result.path if path != "-" else "annotated.docx"))
        try:
            done = docx_edit.annotate(result.data, result.source, result.findings, path=result.path)
            if to_stdout:
                _write_bytes(done.data)
            else:
                _write_new(target, done.data, result.data if _same_file(path, target) else None)
        except (TermlintError, writer.WriteError) as exc:
            errors.append(str(exc))
            continue
        written_any = written_any or done.written > 0
        where = "standard output" if to_stdout else target
        comments = f"{done.written} {'comment' if done.written == 1 else 'comments'}"
        already = (f" ({done.already} {'finding' if done.already == 1 else 'findings'} already had "
                   "termlint's comment)") if done.already else ""
        notes.append(f"Wrote {comments} to {where}{already}")
        for f in done.not_anchored:
            notes.append(f"{result.path}:{f.line}:{f.column}: note: no comment for {f.rule} "
                         "(Word shows no comments in headers and footers)")
    stream = sys.stderr if to_stdout else sys.stdout
    report.write("text", report.Report(tuple(results), __version__), stream)
    for line in notes:
        print(line, file=stream)
    for message in errors:
        print(f"termlint: error: {message}", file=sys.stderr)
    if errors or any(r.skip is not None and r.skip.error for r in results):
        return EXIT_ERROR
    return EXIT_FINDINGS if written_any else EXIT_OK


def _same_file(path: str, target: str) -> bool:
    try:
        return path != "-" and os.path.samefile(path, target)
    except OSError:
        return False


def _write_new(path: str, data: bytes, expected: bytes | None) -> None:
    """Write a file atomically, creating it first if it does not exist."""
    from termlint import writer
    created = False
    try:
        with open(path, "xb"):
            created = True
    except FileExistsError:
        pass
    except OSError as exc:
        raise writer.WriteError(f"{path}: cannot create the file ({exc.strerror or exc})") from exc
    try:
        writer.write_atomic(path, data, expected=expected)
    except writer.WriteError:
        if created:
            os.unlink(path)
        raise


# -- baseline, init -----------------------------------------------------------------------


def _baseline(args: argparse.Namespace) -> int:
    """Record every current finding of PATH ... in the baseline file."""
    if not args.paths:
        raise TermlintError("no paths given (use `termlint baseline PATH ...`)")
    if "-" in args.paths:
        raise TermlintError("a baseline records files: standard input cannot be part of it")
    cfg = _config(args)
    settings = _settings(args, cfg)
    project = _project(args, cfg, settings)
    target = args.output or cfg.baseline or baseline.DEFAULT_NAME
    previous = baseline.read(target) if os.path.exists(target) else None
    paths, missing = _discover(project, args.paths)
    results = [*(engine.FileResult(s.path, skip=s) for s in missing),
               *_run(paths, project.matcher, settings, show_progress=True)]
    recorded, kept = baseline.build(results, target, previous)
    _replace_or_create(target, baseline.dumps(recorded, __version__).encode("utf-8"), "the baseline ")
    skips = [s for r in results for s in ((r.skip,) if r.skip is not None else ()) + r.rule_errors]
    errors = [s for s in skips if s.error]
    for skip in errors:
        print(f"termlint: error: {skip.path}: {skip.reason}", file=sys.stderr)
    count = sum(recorded.entries.values()) - kept  # the findings of the files checked now
    checked = sum(1 for r in results if r.skip is None)
    print(f"Recorded {count} {'finding' if count == 1 else 'findings'} from {checked} "
          f"{'file' if checked == 1 else 'files'} in {_shown(target)}.")
    if kept:
        noun = "finding" if kept == 1 else "findings"
        print(f"Kept {kept} recorded {noun} of files not checked this time.")
    return EXIT_ERROR if errors and not args.skip_errors else EXIT_OK


def _init(args: argparse.Namespace) -> int:
    """Write a commented starter configuration."""
    target = args.path
    if os.path.exists(target) and not args.force:
        raise TermlintError(f"{target} already exists (use --force to replace it)")
    _replace_or_create(target, config.starter(args.profile).encode("utf-8"))
    config.load(target)  # what we write must read back
    print(f"Wrote {target} (extends {args.profile}). Edit it, then run `termlint rules` to see what is on.")
    return EXIT_OK


def _replace_or_create(target: str, data: bytes, what: str = "") -> None:
    """Replace `target` atomically, or create it; a failure names `what` and the file."""
    from termlint import writer

    try:
        if os.path.exists(target):
            writer.write_atomic(target, data)
        else:
            with open(target, "xb") as handle:
                handle.write(data)
    except OSError as exc:
        raise TermlintError(f"cannot write {what}{target}: {exc.strerror or exc}") from exc


class _Command(NamedTuple):
    help: str
    arguments: Callable[[argparse.ArgumentParser], None]  # sets up the command's options
    run: Callable[[argparse.Namespace], int]


_COMMANDS = {
    "check": _Command("check files and folders (the default command)", _check_arguments, _check),
    "rules": _Command("list the rules", _rules_arguments, _rules),
    "explain": _Command("explain a rule: why, sources, replacements, examples", _explain_arguments, _explain),
    "baseline": _Command("record the current findings, so that check reports only new ones", _baseline_arguments,
                         _baseline),
    "init": _Command("write a commented starter configuration (.termlint.yaml)", _init_arguments, _init),
    "annotate": _Command("write every finding into a Word file as a comment", _annotate_arguments, _annotate),
    "test-rules": _Command("run the examples of rule files", _test_arguments, _test_rules),
}

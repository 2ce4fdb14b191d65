"""The command line: `termlint check`, `rules`, `explain`, `test-rules`.

`main(argv) -> int` parses arguments, runs the pipeline, writes fixed files and the
report, and returns the exit code: 0 nothing at or above the fail level, 1 findings (or
a file changed by --fix), 2 a usage, configuration or rule error, or a file that could
not be checked.
"""
from __future__ import annotations

import argparse
import difflib
import os
import sys
from collections.abc import Sequence
from typing import IO

from termlint import __version__, engine, files, report, rules, writer
from termlint.errors import TermlintError
from termlint.findings import LEVELS, Level
from termlint.matcher import QUOTATION_POLICIES
from termlint.morphology import LANGUAGES

EXIT_OK, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2


def _csv(value: str) -> list[str]:
    return [v.strip() for v in value.split(",") if v.strip()]


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="termlint",
        description="Check migration texts for terminology that labels people as illegal, "
        "dehumanises them or confuses their legal status.",
    )
    parser.add_argument("--version", action="version", version=f"termlint {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    check = sub.add_parser("check", help="check files and folders (the default command)")
    check.add_argument("paths", nargs="*", metavar="PATH", help="files or folders; - reads standard input")
    _rule_options(check)
    check.add_argument("--format", default="text", choices=report.names(), help="report format (default: text)")
    check.add_argument("--output", "-o", metavar="FILE", help="write the report to FILE")
    check.add_argument("--fail-on", choices=LEVELS, default=None,
                       help="lowest level that makes the run fail (default: warning)")
    check.add_argument("--exit-zero", action="store_true", help="exit 0 even when problems are found")
    check.add_argument("--stdin-filename", metavar="NAME", help="name (and format) of standard input")
    check.add_argument("--encoding", metavar="CODEC", help="decode files without a BOM with CODEC (default: utf-8)")
    check.add_argument("--quotations", choices=QUOTATION_POLICIES, default=None,
                       help="quoted words of other speakers: report lower (downgrade, the default), ignore, or flag")
    check.add_argument("--fix", action="store_true", help="apply safe fixes in place")
    check.add_argument("--unsafe-fixes", action="store_true", help="with --fix or --diff, also apply unsafe fixes")
    check.add_argument("--diff", action="store_true", help="print a unified diff of the fixes; write nothing")
    check.add_argument("--color", choices=("auto", "always", "never"), default="auto")

    rules_cmd = sub.add_parser("rules", help="list the rules")
    _rule_options(rules_cmd)

    explain = sub.add_parser("explain", help="explain a rule: why, sources, replacements, examples")
    explain.add_argument("rule", metavar="ID")
    explain.add_argument("--rules", dest="rule_paths", action="append", default=[], metavar="PATH")

    test = sub.add_parser("test-rules", help="run the examples of rule files")
    test.add_argument("paths", nargs="*", metavar="PATH", help="rule files or folders (default: the bundled rules)")
    return parser


def _rule_options(p: argparse.ArgumentParser) -> None:
    p.add_argument("--rules", dest="rule_paths", action="append", default=[], metavar="PATH",
                   help="add a rule file or folder (repeatable)")
    p.add_argument("--select", action="append", default=[], type=_csv, metavar="IDS",
                   help="only these rule ids or categories (comma-separated; also switches on opt-in rules)")
    p.add_argument("--ignore", action="append", default=[], type=_csv, metavar="IDS",
                   help="leave out these rule ids or categories")
    p.add_argument("--lang", choices=LANGUAGES, default=None,
                   help="treat every paragraph as this language (default: detect per paragraph)")


def _flat(values: Sequence[Sequence[str]]) -> tuple[str, ...]:
    return tuple(v for group in values for v in group)


def main(argv: Sequence[str] | None = None) -> int:
    args_list = list(sys.argv[1:] if argv is None else argv)
    if args_list and args_list[0] not in ("check", "rules", "explain", "test-rules", "-h", "--help", "--version"):
        args_list.insert(0, "check")
    parser = _parser()
    try:
        args = parser.parse_args(args_list)
    except SystemExit as exc:  # argparse exits on --help (0) and on usage errors (2)
        return int(exc.code or 0)
    if args.command is None:
        parser.print_help(sys.stderr)
        return EXIT_ERROR
    try:
        return _COMMANDS[args.command](args)
    except TermlintError as exc:
        print(f"termlint: error: {exc}", file=sys.stderr)
        return EXIT_ERROR
    except KeyboardInterrupt:
        print("termlint: interrupted", file=sys.stderr)
        return 130


def _settings(args: argparse.Namespace) -> engine.Settings:
    return engine.Settings(
        rule_paths=tuple(args.rule_paths),
        select=_flat(args.select),
        ignore=_flat(args.ignore),
        language=args.lang,
        quotations=getattr(args, "quotations", None) or "downgrade",
        fail_on=Level(getattr(args, "fail_on", None) or "warning"),
        encoding=getattr(args, "encoding", None),
        stdin_filename=getattr(args, "stdin_filename", None),
    )


# -- check -------------------------------------------------------------------------------


def _check(args: argparse.Namespace) -> int:
    settings = _settings(args)
    if not args.paths:
        raise TermlintError("no paths given (use `termlint check PATH ...`, or - for standard input)")
    ruleset = engine.load_ruleset(settings)
    matcher = engine.matcher_for(ruleset, settings)
    paths, missing = files.discover(args.paths)
    results: list[engine.FileResult] = [engine.FileResult(s.path, skip=s) for s in missing]
    stream = _open_output(args.output)
    color = _use_color(args, stream)
    results.extend(_run(paths, matcher, settings, show_progress=args.format == "text" and not args.output))
    fixed: list[tuple[str, int]] = []
    write_errors: list[str] = []
    changed = False
    if args.diff or args.fix:
        results, fixed, write_errors, changed = _apply_fixes(args, results, matcher, settings)
    out = report.Report(tuple(results), __version__, tuple(fixed))
    report_stream = sys.stderr if (args.fix and "-" in args.paths) and not args.output else stream
    if not (args.diff and args.format == "text" and not args.output):
        report.write(args.format, out, report_stream, color=color and report_stream is stream)
    for message in write_errors:
        print(f"termlint: error: {message}", file=sys.stderr)
    if stream is not sys.stdout:
        stream.close()
    return _exit_code(args, settings, out, changed, write_errors)


def _run(paths: Sequence[str], matcher: object, settings: engine.Settings, *, show_progress: bool) -> list[engine.FileResult]:
    progress = show_progress and len(paths) > 1 and sys.stderr.isatty() and not os.environ.get("NO_PROGRESS")
    if not progress:
        return [engine.check_file(p, matcher, settings) for p in paths]  # type: ignore[arg-type]
    from rich.progress import Progress

    out = []
    with Progress(transient=True, console=None) as bar:
        task = bar.add_task("checking", total=len(paths))
        for p in paths:
            out.append(engine.check_file(p, matcher, settings))  # type: ignore[arg-type]
            bar.advance(task)
    return out


def _apply_fixes(
    args: argparse.Namespace,
    results: list[engine.FileResult],
    matcher: object,
    settings: engine.Settings,
) -> tuple[list[engine.FileResult], list[tuple[str, int]], list[str], bool]:
    fixed: list[tuple[str, int]] = []
    errors: list[str] = []
    changed = False
    out: list[engine.FileResult] = []
    for result in results:
        new = engine.fixed_source(result, unsafe=args.unsafe_fixes)
        if new is None or result.decoded is None:
            out.append(result)
            continue
        text, count = new
        changed = True
        if args.diff:
            sys.stdout.writelines(_diff(result.path, result.decoded.text, text))
            out.append(result)
            continue
        if result.path == (settings.stdin_filename or "-") and "-" in args.paths:
            sys.stdout.buffer.write(files.encode(result.decoded, text))
            sys.stdout.flush()
        else:
            try:
                writer.write_atomic(result.path, files.encode(result.decoded, text))
            except (writer.WriteError, UnicodeEncodeError) as exc:
                errors.append(str(exc))
                out.append(result)
                continue
        fixed.append((result.path, count))
        # Report what remains: check the fixed text again.
        out.append(_recheck(result, text, matcher, settings))
    if args.fix and "-" in args.paths and not changed:
        for result in results:
            if result.decoded is not None and result.skip is None and result.path == (settings.stdin_filename or "-"):
                sys.stdout.buffer.write(files.encode(result.decoded, result.decoded.text))
    return out, fixed, errors, changed


def _recheck(result: engine.FileResult, text: str, matcher: object, settings: engine.Settings) -> engine.FileResult:
    from termlint import adapters, suppress

    assert result.decoded is not None
    fmt = adapters.format_for(result.path)
    doc = adapters.read(fmt, result.path, text)
    found = matcher.check(doc)  # type: ignore[attr-defined]
    kept, used = suppress.apply(found, doc.directives)
    return result._replace(findings=tuple(kept), decoded=result.decoded._replace(text=text))


def _diff(path: str, old: str, new: str) -> list[str]:
    lines = difflib.unified_diff(
        old.splitlines(keepends=True), new.splitlines(keepends=True), f"a/{path}", f"b/{path}"
    )
    return [line if line.endswith(("\n", "\r")) else line + "\n\\ No newline at end of file\n" for line in lines]


def _exit_code(args: argparse.Namespace, settings: engine.Settings, out: report.Report,
               changed: bool, write_errors: Sequence[str]) -> int:
    if any(s.error for s in out.skipped) or write_errors:
        return EXIT_ERROR
    if args.exit_zero:
        return EXIT_OK
    if changed and (args.fix or args.diff):
        return EXIT_FINDINGS
    threshold = settings.fail_on.rank
    if any(f.level.rank >= threshold for f in out.findings):
        return EXIT_FINDINGS
    return EXIT_OK


def _open_output(path: str | None) -> IO[str]:
    if not path:
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
    settings = _settings(args)
    paths = [*rules.bundled_files(), *rules.expand(settings.rule_paths)]
    ruleset = rules.load(paths)
    active = {r.id for r in engine.select(ruleset, settings).rules}
    rows = [("ID", "LEVEL", "CATEGORY", "LANGUAGE", "ON")]
    rows += [(r.id, r.level.value, r.category, r.language, "on" if r.id in active else "off") for r in ruleset.rules]
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
    for row in rows:
        print("  ".join(cell.ljust(w) for cell, w in zip(row, widths)).rstrip())
    print(f"{len(ruleset.rules)} rules, {len(active)} on.")
    return EXIT_OK


def _explain(args: argparse.Namespace) -> int:
    paths = [*rules.bundled_files(), *rules.expand(args.rule_paths)]
    ruleset = rules.load(paths)
    rule = ruleset.by_id().get(args.rule)
    if rule is None:
        raise TermlintError(f"no rule {args.rule!r} (see `termlint rules`)")
    print(f"{rule.id}  ({rule.level.value}, {rule.category}, {rule.language}, {'on' if rule.enabled else 'off by default'})")
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


_COMMANDS = {"check": _check, "rules": _rules, "explain": _explain, "test-rules": _test_rules}

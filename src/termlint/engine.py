"""The pipeline for one run: rules are chosen once, then each file is checked.

config -> rules -> document (adapter) -> matcher -> suppression -> findings -> fix plan.
This module reads files but never writes them and never prints: the CLI does both.
"""
from __future__ import annotations

import os
import sys
from collections.abc import Sequence

from termlint import adapters, files, rules, suppress
from termlint.document import Directive, Document
from termlint.errors import TermlintError
from termlint.findings import Finding, Fix, Level
from termlint.matcher import Matcher, Options, RuleTimeout
from termlint.records import NamedTuple
from termlint.rules import Rule, RuleSet

TYPE_CHECKING = False  # typing.TYPE_CHECKING, without importing typing at run time
if TYPE_CHECKING:
    from typing import Protocol


class Settings(NamedTuple):
    rule_paths: tuple[str, ...] = ()
    select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    enable: tuple[str, ...] = ()  # opt-in rules or categories to switch on
    disable: tuple[str, ...] = ()
    levels: tuple[tuple[str, str], ...] = ()  # (rule id or category, level)
    language: str | None = None
    languages: tuple[str, ...] | None = None
    quotations: str = "downgrade"
    fail_on: Level = Level.WARNING
    reported_speech: str = "flag"
    encoding: str | None = None
    stdin_filename: str | None = None


class FileResult(NamedTuple):
    path: str
    findings: tuple[Finding, ...] = ()
    skip: files.Skip | None = None
    decoded: files.Decoded | None = None
    directives: tuple[Directive, ...] = ()
    unused: tuple[Directive, ...] = ()
    suppressed: int = 0
    data: bytes | None = None  # the file's bytes, for binary formats (a .docx to fix or annotate)
    source: str = ""  # the text extracted from a binary format (what fix offsets refer to)
    rule_errors: tuple[files.Skip, ...] = ()  # rules that could not be checked in this file (errors)
    # The text report's lines for the findings, (text, style), when the reporter made them
    # ahead (in the process that checked the file); None: made when the report is written.
    shown: tuple[tuple[str, str], ...] | None = None


def load_ruleset(settings: Settings) -> RuleSet:
    """Bundled rules plus the user's, with the selection applied."""
    paths = [*rules.bundled_files(), *rules.expand(settings.rule_paths)]
    ruleset = rules.load(paths)
    return select(ruleset, settings)


def select(ruleset: RuleSet, settings: Settings) -> RuleSet:
    """Which rules run: opt-in rules are off unless enabled or selected by id or category."""
    known = {r.id for r in ruleset.rules} | {r.category for r in ruleset.rules}
    for name in (*settings.select, *settings.ignore, *settings.enable, *settings.disable,
                 *(n for n, _ in settings.levels)):
        if name not in known:
            raise TermlintError(f"unknown rule or category {name!r} (see `termlint rules`)")

    def named(rule: Rule, names: Sequence[str]) -> bool:
        return rule.id in names or rule.category in names

    levels = dict(settings.levels)
    out = []
    for rule in ruleset.rules:
        on = rule.enabled
        if named(rule, settings.enable):
            on = True
        if named(rule, settings.disable):
            on = False
        if settings.select:
            on = named(rule, settings.select)
        if named(rule, settings.ignore):
            on = False
        if not on:
            continue
        level = levels.get(rule.id) or levels.get(rule.category)
        if level is not None:
            rule = rule._replace(level=Level(level))
        out.append(rule)
    return ruleset.replace_rules(out)


def matcher_for(ruleset: RuleSet, settings: Settings) -> Matcher:
    return Matcher(
        ruleset,
        Options(
            language=settings.language,
            languages=settings.languages,
            quotations=settings.quotations,
            reported_speech=settings.reported_speech,
        ),
    )


def read_source(path: str, settings: Settings) -> tuple[adapters.Format, files.Decoded | bytes] | files.Skip:
    """Read a path (or standard input for "-") into what its adapter needs."""
    name = settings.stdin_filename if path == "-" and settings.stdin_filename else path
    fmt = adapters.format_for(name)
    if path == "-":
        data = sys.stdin.buffer.read()
    else:
        reason = files.special(path)
        if reason == "no such file or directory" and os.path.lexists(path):
            reason = "a symbolic link to nothing (no such file or directory)"
        if reason is not None:
            return files.Skip(path, reason, error=not reason.endswith("skipped"))
        try:
            data = files.read_bytes(path)
        except FileNotFoundError:
            return files.Skip(path, "disappeared before it could be read")
        except OSError as exc:
            return files.Skip(path, f"cannot read: {exc.strerror or exc}")
        except MemoryError:
            return files.Skip(path, "too large to read into memory; not checked")
    if fmt.binary:
        return fmt, data
    decoded = files.decode(name, data, settings.encoding)
    if isinstance(decoded, files.Skip):
        return decoded._replace(path=name)
    return fmt, decoded


if TYPE_CHECKING:  # only annotations name it

    class Checker(Protocol):
        """What checks a document: a `Matcher`, or the configuration's per-file matcher."""

        def check(self, doc: Document) -> list[Finding]: ...


def check_file(path: str, matcher: Checker, settings: Settings, *, keep_source: bool = True) -> FileResult:
    """What checking one file found. Without `keep_source` the result leaves out the file's
    text and bytes (`decoded`, `data`, `source`), which only fixes, baselines and SARIF
    read again."""
    result = _check_file(path, matcher, settings)
    if keep_source or result.skip is not None:
        return result
    return result._replace(decoded=None, data=None, source="")


def _check_file(path: str, matcher: Checker, settings: Settings) -> FileResult:
    source = read_source(path, settings)
    display = settings.stdin_filename if path == "-" and settings.stdin_filename else path
    if isinstance(source, files.Skip):
        return FileResult(display, skip=source)
    fmt, payload = source
    decoded = payload if isinstance(payload, files.Decoded) else None
    try:
        content: str | bytes = payload.text if isinstance(payload, files.Decoded) else payload
        doc = adapters.read(fmt, display, content)
        found, timeouts = _check_all(matcher, doc)
    except adapters.NothingToCheck as exc:
        return FileResult(display, skip=files.Skip(display, str(exc), error=False))
    except TermlintError as exc:
        return FileResult(display, skip=files.Skip(display, _without_path(str(exc), display)))
    except RecursionError:
        return FileResult(display, skip=files.Skip(display, "nested too deeply to be read; not checked"))
    except Exception as exc:  # noqa: BLE001 - a bug must not end the run or hide the other files
        reason = f"internal error while checking it ({type(exc).__name__}: {exc}); please report this"
        return FileResult(display, skip=files.Skip(display, reason))
    kept, used = suppress.apply(found, doc.directives)
    if not fmt.fixable:
        kept = [f._replace(fix=None) for f in kept]
    elif isinstance(content, str):
        kept = _offered(fmt, content, adapters.complete_fixes(fmt, content, kept))
    elif fmt.name == "docx":
        kept = _word_fixes_noted(content, doc.source, kept)
    unused = tuple(d for i, d in enumerate(doc.directives) if i not in used)
    binary = payload if isinstance(payload, bytes) else None
    return FileResult(display, tuple(kept), None, decoded, doc.directives, unused,
                      len(found) - len(kept), binary, doc.source if binary is not None else "",
                      tuple(_timeout_error(display, t) for t in timeouts))


def _check_all(matcher: Checker, doc: Document) -> tuple[list[Finding], list[RuleTimeout]]:
    """Findings, and the rules whose own pattern ran out of time (any matcher with `check`)."""
    check_all = getattr(matcher, "check_all", None)
    if check_all is None:
        return matcher.check(doc), []
    done = check_all(doc)
    return done.findings, done.timeouts


# What a fix that --fix leaves out would have broken, by format.
_BREAKS = {"rst": "a table cell's width or a reference's target", "html": "the markup or an attribute",
           "markdown": "the front matter or a heading that a link points to"}


def left_out_note(fmt: str) -> str:
    """The note of a fix that --fix leaves out because it would break the file's syntax."""
    what = _BREAKS.get(fmt, "the format's syntax")
    return f"fix left out: it would break {what}; change the words by hand"


WORD_NOTE = ("fix left to you: the words cross a link, a field or another author's tracked change, which "
             "--fix does not edit (--track-changes can)")


def _offered(fmt: adapters.Format, text: str, found: list[Finding]) -> list[Finding]:
    """The findings, with a fix that `--fix` would leave out because it breaks the format's
    syntax (a widened reST table cell, a renamed section title that a reference points to)
    shown only: a report, JSON or SARIF never offers an edit that --fix refuses."""
    from termlint import fixer
    from termlint.findings import Applicability

    offered = {i: f.fix for i, f in enumerate(found)
               if f.fix is not None and f.fix.applicability is not Applicability.DISPLAY}
    plain_is_safe = adapters.words_keep_structure(fmt, text)
    sure = {i: fix for i, fix in offered.items() if _words_for_words(fix, plain_is_safe)}
    trial = {i: fix for i, fix in offered.items() if i not in sure}
    if not trial or adapters.keeps_structure(fmt, text, fixer.apply(text, offered.values(), unsafe=True)[0]):
        return found  # words for words where they cannot break markup, or all of them keep it
    admitted = {id(fix) for fix in _admit(fmt, text, list(sure.values()), list(trial.values()), unsafe=True)}
    out = list(found)
    for i, fix in trial.items():
        if id(fix) not in admitted:
            out[i] = found[i]._replace(fix=fix._replace(applicability=Applicability.DISPLAY),
                                       notes=(*found[i].notes, left_out_note(fmt.name)))
    return out


def _word_fixes_noted(data: bytes, source: str, found: list[Finding]) -> list[Finding]:
    """The findings of a Word file, each fix that `--fix` cannot write into the runs noted."""
    from termlint import docx_edit

    if not any(f.fix is not None for f in found):
        return found
    writable = docx_edit.writable(data, source, [f.fix for f in found if f.fix is not None])
    out, k = [], 0
    for f in found:
        if f.fix is not None:
            if not writable[k]:
                f = f._replace(notes=(*f.notes, WORD_NOTE))
            k += 1
        out.append(f)
    return out


def _timeout_error(path: str, timeout: RuleTimeout) -> files.Skip:
    return files.Skip(path, f"rule {timeout.rule!r}: its pattern ran for more than {timeout.seconds:.1f} s "
                            f"near line {timeout.line} (catastrophic backtracking?) and was stopped; "
                            "the rest of this file was not checked with that rule")


def fixed_binary(result: FileResult, *, unsafe: bool, track: bool = False,
                 matcher: Matcher | None = None) -> tuple[bytes, str, int] | None:
    """A Word file with its fixes applied in the runs (new bytes, new text, fixes applied),
    or None when there is nothing to apply or the format cannot be edited (PDF).

    With a matcher, the fixed file is checked and fixed again until nothing more applies."""
    if result.data is None or adapters.format_for(result.path).name != "docx":
        return None
    from termlint import docx_edit

    data, text, total, current = result.data, result.source, 0, result
    for _ in range(MAX_FIX_PASSES):
        fixes = [f.fix for f in current.findings if f.fix is not None]
        if not fixes:
            break
        new = docx_edit.apply_fixes(data, text, fixes, unsafe=unsafe, track=track, path=result.path)
        if new is None:
            break
        data, text, count = new
        total += count
        if matcher is None:
            break
        current = recheck_binary(current, data, matcher)
    if total == 0:
        return None
    return data, text, total


def recheck_binary(result: FileResult, data: bytes, matcher: Matcher) -> FileResult:
    """`result` for a fixed binary file: what remains after fixing."""
    doc = adapters.read(adapters.format_for(result.path), result.path, data)
    found = matcher.check(doc)
    kept, used = suppress.apply(found, doc.directives)
    unused = tuple(d for i, d in enumerate(doc.directives) if i not in used)
    return result._replace(findings=tuple(kept), shown=None, data=data, source=doc.source, directives=doc.directives,
                           unused=unused, suppressed=len(found) - len(kept))


MAX_FIX_PASSES = 8


class Fixed(NamedTuple):
    text: str  # the fixed source
    applied: int  # fixes applied
    remaining: FileResult | None  # the result for `text` (None when not checked again)


def fix_file(result: FileResult, *, unsafe: bool, matcher: Matcher | None = None) -> Fixed | None:
    """The source with fixes applied, or None when there is nothing to apply.

    With a matcher, the fixed text is checked and fixed again until nothing more applies
    (fixes that overlapped in one pass), so that a second `--fix` changes nothing; what
    the last check found is `remaining`.
    """
    if result.decoded is None:
        return None
    text, total, current = result.decoded.text, 0, result
    fmt = adapters.format_for(result.path)
    checked = False
    for _ in range(MAX_FIX_PASSES):
        fixes = [f.fix for f in current.findings if f.fix is not None]
        new, count = _apply_keeping_structure(fmt, text, fixes, unsafe=unsafe)
        if count == 0 or new == text:
            break
        text, total, checked = new, total + count, False
        if matcher is None:
            break
        current, checked = recheck(current, text, matcher), True
    if total == 0 or text == result.decoded.text:
        return None
    return Fixed(text, total, current if checked else None)


def _apply_keeping_structure(fmt: adapters.Format, text: str, fixes: list[Fix], *,
                             unsafe: bool) -> tuple[str, int]:
    """The fixes applied to `text`, leaving out any that would break the format's syntax
    (a quotation mark brought into a quoted front-matter field or an HTML attribute, words
    that widen a reST table); how many were applied."""
    from termlint import fixer

    new, count = fixer.apply(text, fixes, unsafe=unsafe)
    if count == 0 or adapters.keeps_structure(fmt, text, new):
        return new, count
    # Words and spaces cannot break markup or YAML: such fixes stay (but in formats where
    # the width of text is syntax, as in reST tables); the others are tried in halves, so
    # that a file is parsed a few times per fix that breaks it, not once per fix.
    plain_is_safe = adapters.words_keep_structure(fmt, text)
    kept: list[Fix] = []
    risky: list[Fix] = []
    for fix in fixer.select(fixes, unsafe=unsafe):
        (kept if _words_for_words(fix, plain_is_safe) else risky).append(fix)
    kept = _admit(fmt, text, kept, risky, unsafe=unsafe)
    return fixer.apply(text, kept, unsafe=unsafe)


def _admit(fmt: adapters.Format, text: str, kept: list[Fix], trial: list[Fix], *, unsafe: bool) -> list[Fix]:
    """`kept` and those of `trial` that keep the structure with them: all of `trial` when
    they do together, otherwise each half in turn."""
    from termlint import fixer

    if not trial:
        return kept
    new, _ = fixer.apply(text, [*kept, *trial], unsafe=unsafe)
    if adapters.keeps_structure(fmt, text, new):
        return [*kept, *trial]
    if len(trial) == 1:
        return kept
    mid = len(trial) // 2
    kept = _admit(fmt, text, kept, trial[:mid], unsafe=unsafe)
    return _admit(fmt, text, kept, trial[mid:], unsafe=unsafe)


def _words_for_words(fix: Fix, plain_is_safe: bool) -> bool:
    """A fix that puts words for words where that cannot break the file's syntax."""
    return plain_is_safe and all(_plain(e.replacement) for e in fix.edits)


def _plain(replacement: str) -> bool:
    """Only letters, digits and single spaces between them."""
    return all(word.isalnum() for word in replacement.split(" "))


def fixed_source(result: FileResult, *, unsafe: bool, matcher: Matcher | None = None) -> tuple[str, int] | None:
    """The source with fixes applied and how many, or None (see `fix_file`)."""
    done = fix_file(result, unsafe=unsafe, matcher=matcher)
    return None if done is None else (done.text, done.applied)


def recheck(result: FileResult, text: str, matcher: Matcher) -> FileResult:
    """`result` for a fixed text: what remains after fixing."""
    assert result.decoded is not None
    fmt = adapters.format_for(result.path)
    doc = adapters.read(fmt, result.path, text)
    found = matcher.check(doc)
    kept, used = suppress.apply(found, doc.directives)
    kept = adapters.complete_fixes(fmt, text, kept)
    unused = tuple(d for i, d in enumerate(doc.directives) if i not in used)
    return result._replace(findings=tuple(kept), shown=None, decoded=result.decoded._replace(text=text),
                           directives=doc.directives, unused=unused, suppressed=len(found) - len(kept))


def _without_path(message: str, path: str) -> str:
    """An adapter's error without the path it starts with: the report names the file."""
    return message[len(path) + 2 :] if message.startswith(f"{path}: ") else message

"""(rules, document) -> findings: the matching stage.

1. The prefilter finds every occurrence of every rule's triggers.
2. Each paragraph with a trigger gets a language (forced, or detected).
3. A rule's regular expression runs only in windows around its triggers, and only in
   paragraphs of its language.
4. Each match passes the rule's conditions (`requires`, `unless`, `exceptions`) and the
   nuance checks (mention, negation, proper names, citations, quotations).
5. Overlapping matches keep the widest; positions are mapped to the source once; the
   fixer plans a fix for what the writer wrote in their own voice.

Nothing here reads files or prints.
"""
from __future__ import annotations

import functools
import unicodedata
from collections import defaultdict
from collections.abc import Sequence
from typing import NamedTuple

import regex

from termlint import fixer, langid, nuances
from termlint.document import Document
from termlint.findings import Finding, Level
from termlint.patterns import Compiled
from termlint.prefilter import Prefilter
from termlint.rules import Condition, Cues, Rule, RuleSet, compiled, compiled_raw
from termlint.textindex import Paragraph, TextIndex

QUOTATION_POLICIES = ("downgrade", "ignore", "flag")
QUOTED_NOTE = ("inside a quotation: these are the quoted speaker's words, so termlint reports them as a "
               "suggestion and proposes no edit (quote faithfully, or paraphrase in your own words)")
QUOTED_FLAG_NOTE = ("inside a quotation: these are the quoted speaker's words; "
                    "termlint proposes no edit inside a quotation")
# How long a rule author's own `pattern:` may search one window of text, in seconds, plus
# this much per character of the window (a pattern without triggers searches all the text).
PATTERN_TIMEOUT = 1.0
PATTERN_TIMEOUT_PER_CHAR = 1e-7


class Options(NamedTuple):
    language: str | None = None  # every paragraph is in this language
    languages: tuple[str, ...] | None = None  # only these languages' rules run
    default_language: str = "en"  # when a paragraph's language cannot be told
    quotations: str = "downgrade"  # ignore | downgrade | flag
    plan_fixes: bool = True


class Candidate(NamedTuple):
    rule_index: int
    start: int
    end: int
    groups: dict[str, tuple[int, int]]
    quoted: bool


class RuleTimeout(NamedTuple):
    """A rule whose own regular expression ran out of time on a document (catastrophic
    backtracking): from `offset` on, the document was not checked with it."""

    rule: str
    offset: int  # text offset of the window where the search gave up
    seconds: float  # the time it was allowed


class Checked(NamedTuple):
    findings: list[Finding]
    timeouts: list[RuleTimeout]


class Matcher:
    """Compiled once per run; `check` is then a pure function of a document."""

    def __init__(self, ruleset: RuleSet, options: Options = Options()) -> None:
        if options.quotations not in QUOTATION_POLICIES:
            raise ValueError(f"quotations must be one of {', '.join(QUOTATION_POLICIES)}")
        self.ruleset = ruleset
        self.options = options
        allowed = options.languages
        self.rules: tuple[Rule, ...] = tuple(
            r for r in ruleset.rules if allowed is None or r.language in allowed
        )
        triggers: dict[str, int] = {}
        users: dict[int, list[tuple[int, int]]] = defaultdict(list)
        self._always: list[tuple[int, int]] = []
        for ri, rule in enumerate(self.rules):
            for ti, term in enumerate(rule.terms):
                if not term.triggers:
                    self._always.append((ri, ti))
                for trig in term.triggers:
                    k = triggers.setdefault(trig, len(triggers))
                    users[k].append((ri, ti))
        self._users = dict(users)
        self.prefilter = Prefilter(list(triggers))
        self.languages = tuple(sorted({r.language for r in self.rules}))
        # Detection can only yield a language of the rules or the default: when that is one
        # language, every paragraph has it and nothing needs detecting.
        outcomes = {*self.languages, options.default_language}
        self._only_language = outcomes.pop() if len(outcomes) == 1 else None
        self._flagged: dict[tuple[str, str], bool] = {}

    # -- public ------------------------------------------------------------------------

    def check(self, doc: Document) -> list[Finding]:
        """The findings in a document (see `check_all` for rules that ran out of time)."""
        return self.check_all(doc).findings

    def check_all(self, doc: Document) -> Checked:
        """The findings in a document, and the rules whose own pattern ran out of time."""
        doc = _normalised(doc)
        text = doc.text
        if not text:
            return Checked([], [])
        index = TextIndex(text, nuances.marks_for(doc))
        timeouts: list[RuleTimeout] = []
        candidates = self._candidates(index, doc, timeouts=timeouts)
        kept = _resolve_overlaps(candidates, self.rules)
        findings = [self._finding(doc, index, c) for c in kept]
        findings.sort(key=lambda f: f.sort_key)
        return Checked(findings, timeouts)

    def flags(self, text: str, lang: str) -> bool:
        """Whether any rule of `lang` would report something in `text` (loop check)."""
        known = self._flagged.get((text, lang))
        if known is None:
            forced = Options(language=lang, quotations="flag", plan_fixes=False)
            known = bool(self._candidates(TextIndex(text), Document("<replacement>", text), forced))
            self._flagged[(text, lang)] = known
        return known

    # -- stages ------------------------------------------------------------------------

    def _candidates(self, index: TextIndex, doc: Document, options: Options | None = None,
                    timeouts: list[RuleTimeout] | None = None) -> list[Candidate]:
        opts = options or self.options
        text = index.text
        langs: dict[int, str] = {}
        doc_lang: list[str | None] = []
        same_default = opts.default_language == self.options.default_language
        only = opts.language or (self._only_language if same_default else None)

        def language(para: Paragraph) -> str:
            if only:
                return only
            lang = langs.get(para.start)
            if lang is None:
                detected = langid.detect(text[para.start : para.end])
                if detected is None or detected not in self.languages:
                    if not doc_lang:
                        doc_lang.append(_document_language(text, self.languages))
                    detected = doc_lang[0] or opts.default_language
                lang = langs[para.start] = detected
            return lang

        windows: dict[tuple[int, int], list[tuple[int, int]]] = defaultdict(list)
        for start, end, trig in self.prefilter.scan(text):
            para = index.paragraph(start)
            lang = language(para)
            for ri, ti in self._users.get(trig, ()):
                rule = self.rules[ri]
                if rule.language != lang:
                    continue
                width = rule.terms[ti].width
                windows[(ri, ti)].append((max(para.start, start - width), min(para.end, end + width)))
        for ri, ti in self._always:
            windows[(ri, ti)].append((0, len(text)))
        out: list[Candidate] = []
        seen: set[tuple[int, int, int]] = set()
        failed: set[int] = set()  # rules that ran out of time
        for (ri, ti), spans in windows.items():
            rule = self.rules[ri]
            term = rule.terms[ti]
            pattern = compiled_raw(term.pattern) if term.raw else compiled(term.pattern)
            for lo, hi in _merge(spans):
                if ri in failed:
                    break
                lo, hi = _snap(text, lo, hi)
                found = _search(pattern, text, lo, hi, term.raw)
                if isinstance(found, float):
                    failed.add(ri)
                    if timeouts is not None:
                        timeouts.append(RuleTimeout(rule.id, lo, found))
                    break
                for m in found:
                    if m.end() == m.start() or (ri, m.start(), m.end()) in seen:
                        continue
                    if (m.end() == hi and hi < len(text) and _wordish(text[hi])) or (
                        m.start() == lo and lo > 0 and _wordish(text[lo - 1])
                    ):
                        continue  # the window was cut inside a long "word": not a word's edge
                    if rule.language != language(index.paragraph(m.start())):
                        continue
                    seen.add((ri, m.start(), m.end()))
                    cand = self._judge(index, rule, ri, m, opts)
                    if cand is not None:
                        out.append(cand)
        return out

    def _judge(
        self, index: TextIndex, rule: Rule, ri: int, m: regex.Match[str], opts: Options
    ) -> Candidate | None:
        start, end = m.span()
        para = index.paragraph(start)
        if not all(_holds(c, index, start, end, para) for c in rule.requires):
            return None
        if any(_holds(c, index, start, end, para) for c in rule.unless):
            return None
        if rule.exceptions and _excepted(rule, index.text, start, end, para):
            return None
        cues = self.ruleset.cues.get(rule.language, Cues())
        verdict = nuances.assess(index, start, end, rule, cues)
        if verdict.drop:
            return None
        if verdict.quoted and opts.quotations == "ignore":
            return None
        quoted = verdict.quoted  # downgrade or flag: either way reported with a note, never fixed
        groups = {
            name: m.span(name) for name in m.re.groupindex if m.span(name) != (-1, -1)
        }
        return Candidate(ri, start, end, groups, quoted)

    def _finding(self, doc: Document, index: TextIndex, cand: Candidate) -> Finding:
        rule = self.rules[cand.rule_index]
        src_start, src_end = doc.span_to_source(cand.start, cand.end)
        plan = fixer.plan(
            rule,
            fixer.Match(cand.start, cand.end, cand.groups),
            index.text,
            doc.span_to_source,
            doc.source,
            self.flags if self.options.plan_fixes else _never,
        )
        suggestions = plan.suggestions
        fix = None if cand.quoted or not self.options.plan_fixes else plan.fix
        downgrade = cand.quoted and self.options.quotations == "downgrade"
        level = Level.SUGGESTION if downgrade else rule.level
        notes = ((QUOTED_NOTE if downgrade else QUOTED_FLAG_NOTE),) if cand.quoted else ()
        line, column = doc.locator.position(src_start)
        end_line, end_column = doc.locator.position(src_end)
        context, ctx_start = doc.locator.context(src_start, src_end)
        matched = doc.source[src_start:src_end]
        message = rule.message.format_map(
            _Slots(match=" ".join(index.text[cand.start : cand.end].split()),
                   suggestion=suggestions[0] if suggestions else "")
        )
        return Finding(
            path=doc.path,
            rule=rule.id,
            level=level,
            category=rule.category,
            message=message,
            match=matched,
            offset=src_start,
            end_offset=src_end,
            line=line,
            column=column,
            end_line=end_line,
            end_column=end_column,
            suggestions=suggestions,
            fix=fix,
            language=rule.language,
            notes=notes,
            context=context,
            context_start=ctx_start,
            location=doc.locator.extra(src_start, src_end),
        )


def _never(text: str, lang: str) -> bool:
    return False


class _Slots(dict):  # type: ignore[type-arg]
    def __missing__(self, key: str) -> str:
        return "{" + key + "}"


def _normalised(doc: Document) -> Document:
    """Match on NFC text, keeping offsets on the original (issue: combining accents)."""
    text = doc.text
    if text.isascii() or unicodedata.is_normalized("NFC", text):
        return doc
    pieces: list[str] = []
    mapping: list[int] = []
    # Normalise cluster by cluster: a base character and the combining marks after it.
    for m in regex.finditer(r"\X", text):
        norm = unicodedata.normalize("NFC", m.group())
        pieces.append(norm)
        s, e = m.span()
        if len(norm) == e - s:
            mapping.extend(range(s, e))
        else:
            mapping.extend([s] * len(norm))
    mapping.append(len(text))
    return doc.with_text("".join(pieces), mapping)


def _document_language(text: str, allowed: Sequence[str]) -> str | None:
    sample = text[:20000]
    lang = langid.detect(sample)
    return lang if lang in allowed else None


def _merge(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    spans.sort()
    out: list[tuple[int, int]] = []
    for lo, hi in spans:
        if out and lo <= out[-1][1]:
            if hi > out[-1][1]:
                out[-1] = (out[-1][0], hi)
        else:
            out.append((lo, hi))
    return out


_SNAP_LIMIT = 64  # a "word" longer than this (a line without spaces) is cut anyway


def _snap(text: str, lo: int, hi: int) -> tuple[int, int]:
    """Widen a window to whole words, so its edges never cut a word in two (words of up
    to _SNAP_LIMIT characters: widening over a 50 MB line without spaces would make every
    window the whole line)."""
    floor, ceiling = max(0, lo - _SNAP_LIMIT), min(len(text), hi + _SNAP_LIMIT)
    while lo > floor and _wordish(text[lo - 1]):
        lo -= 1
    while hi < ceiling and _wordish(text[hi]):
        hi += 1
    return lo, hi


def _wordish(ch: str) -> bool:
    return ch.isalnum() or ch in "'’"


def _search(pattern: regex.Pattern[str], text: str, lo: int, hi: int, raw: bool) -> list[regex.Match[str]] | float:
    """The matches in text[lo:hi]; for a rule author's own pattern the search is bounded
    in time, and the time allowed (a float) comes back instead when it runs out."""
    if not raw:
        return list(pattern.finditer(text, lo, hi))
    limit = PATTERN_TIMEOUT + (hi - lo) * PATTERN_TIMEOUT_PER_CHAR
    try:
        return list(pattern.finditer(text, lo, hi, timeout=limit))
    except TimeoutError:
        return limit


def _region(cond: Condition, index: TextIndex, start: int, end: int, para: Paragraph) -> tuple[int, int]:
    within = cond.within
    if within == "sentence":
        lo, hi = index.sentence(start, end)
    elif within == "paragraph":
        lo, hi = para.start, para.end
    elif within == "document":
        lo, hi = 0, len(index.text)
    else:
        assert isinstance(within, int)
        lo, hi = index.window(start, end, within, para.start, para.end)
    if cond.side == "before":
        hi = start
    elif cond.side == "after":
        lo = end
    return lo, hi


@functools.cache
def _any_of(terms: tuple[Compiled, ...]) -> regex.Pattern[str]:
    """One pattern for a condition's (or a rule's exceptions') terms."""
    return compiled("|".join(f"(?:{t.pattern})" for t in terms))


def _holds(cond: Condition, index: TextIndex, start: int, end: int, para: Paragraph) -> bool:
    """Whether one of the condition's terms occurs near the match (`outside`: not in it)."""
    lo, hi = _region(cond, index, start, end, para)
    pattern = _any_of(cond.terms)
    text = index.text
    if not cond.outside:
        return hi > lo and pattern.search(text, lo, hi) is not None
    if lo < start and pattern.search(text, lo, min(start, hi)) is not None:
        return True
    return end < hi and pattern.search(text, max(end, lo), hi) is not None


@functools.cache
def _exceptions_of(terms: tuple[Compiled, ...]) -> regex.Pattern[str]:
    # `regex`, not `re`: exception phrases may overlap one another (overlapped=True).
    return compiled_raw("|".join(f"(?:{t.pattern})" for t in terms))


def _excepted(rule: Rule, text: str, start: int, end: int, para: Paragraph) -> bool:
    pattern = _exceptions_of(rule.exceptions)
    width = max(t.width for t in rule.exceptions)
    lo, hi = max(para.start, start - width), min(para.end, end + width)
    return any(m.start() <= start and end <= m.end() for m in pattern.finditer(text, lo, hi, overlapped=True))


def _resolve_overlaps(cands: list[Candidate], rules: Sequence[Rule]) -> list[Candidate]:
    """A match inside a wider one of at least its level is dropped; on equal spans the
    higher level wins. A serious match inside a milder, wider one is kept."""
    ordered = sorted(
        cands,
        key=lambda c: (c.start, -(c.end - c.start), -rules[c.rule_index].level.rank, c.rule_index),
    )
    kept: list[Candidate] = []
    for cand in ordered:
        rank = rules[cand.rule_index].level.rank
        if any(
            k.start <= cand.start and cand.end <= k.end and rules[k.rule_index].level.rank >= rank
            for k in kept[-8:]
        ):
            continue
        kept.append(cand)
    return kept



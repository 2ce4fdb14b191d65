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
import itertools
import re
import unicodedata
from bisect import bisect_right
from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence

from termlint import langid, nuances, rx
from termlint.document import HARD, Document
from termlint.findings import Edit, Finding, Fix, Level
from termlint.patterns import Compiled, expected_hits, minimal
from termlint.prefilter import Prefilter
from termlint.records import NamedTuple
from termlint.rules import Condition, Cues, Rule, RuleSet, compiled, compiled_raw
from termlint.textindex import Paragraph, TextIndex

TYPE_CHECKING = False  # typing.TYPE_CHECKING, without importing typing at run time
if TYPE_CHECKING:
    from typing import Any

QUOTATION_POLICIES = ("downgrade", "ignore", "flag")
REPORTED_SPEECH_POLICIES = ("flag", "downgrade")
REPORTED_NOTE = ("reported speech: this may be the speaker's term; put it in quotation marks to keep "
                 "their words, or give the preferred wording in your own voice")
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
    reported_speech: str = "flag"  # flag | downgrade (one level lower)


class Candidate(NamedTuple):
    rule_index: int
    start: int
    end: int
    groups: dict[str, tuple[int, int]]
    quoted: bool
    sentence: tuple[int, int] = (-1, -1)  # its sentence, when known
    memo: Any = None  # (sentence's memo key, entry number) when what it gives can be reused
    reported: bool = False  # after a verb of saying in its sentence (reported speech)


class RuleTimeout(NamedTuple):
    """A rule whose own regular expression ran out of time on a document (catastrophic
    backtracking): from `offset` on, the document was not checked with it."""

    rule: str
    offset: int  # where the search gave up: the start of its window (a source offset)
    seconds: float  # the time it was allowed
    line: int = 0  # the line (or block) of `offset`


class Checked(NamedTuple):
    findings: list[Finding]
    timeouts: list[RuleTimeout]


class Matcher:
    """Compiled once per run; `check` is then a pure function of a document."""

    def __init__(self, ruleset: RuleSet, options: Options | None = None) -> None:
        options = options or Options()
        if options.quotations not in QUOTATION_POLICIES:
            raise ValueError(f"quotations must be one of {', '.join(QUOTATION_POLICIES)}")
        if options.reported_speech not in REPORTED_SPEECH_POLICIES:
            raise ValueError(f"reported_speech must be one of {', '.join(REPORTED_SPEECH_POLICIES)}")
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
                for trig in sorted(_entry_triggers(rule, term)):
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
        self._longest_trigger = max(map(len, triggers), default=0)
        # Memos, keyed by text (bounded): what a sentence says (language evidence) and gives.
        self._evidences: dict[str, langid.Evidence] = {}
        self._term_sets: dict[tuple[frozenset[int], str], _Users] = {}
        self._memo_generation = 0
        self._results: dict[tuple[str, int, str, tuple[tuple[int, int, str], ...]], _Analysis] = {}
        self._says: dict[tuple[Any, ...], _Said] = {}

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
        findings: list[Finding] = []
        if self._always:
            # A pattern without triggers searches the whole text: its matches are weighed
            # against every other before any finding is made.
            kept = _resolve_overlaps(self._candidates(index, doc, timeouts=timeouts), self.rules)
            index.forget()  # findings need the sentences of a few candidates only (see _finding)
            findings = [self._finding(doc, index, c) for c in kept]
        else:
            # Matches overlap only within a paragraph: each paragraph's become findings
            # at once, so that a long text never holds all its candidates.
            state = _DocLanguage(text, self.languages, self.options.default_language)
            for para, group in self._by_paragraph(index, self.options, _Run(set(), timeouts), state):
                findings.extend(self._finding(doc, index, c) for c in _resolve_overlaps(group, self.rules))
                index.forget(para)
        findings.sort(key=lambda f: f.sort_key)
        for i, t in enumerate(timeouts):
            at = doc.span_to_source(t.offset, t.offset)[0]
            timeouts[i] = t._replace(offset=at, line=doc.locator.position(at)[0])
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
        """Every match that passes its rule's conditions and the nuance checks.

        Work goes sentence by sentence: a rule's pattern runs over a sentence that holds
        one of its triggers, in a paragraph of its language. What a sentence gives
        depends on its text and language alone when nothing sets it apart (a quotation,
        title marks, italics): such results are kept and reused wherever the same
        sentence comes again (boilerplate, standard paragraphs). Conditions that look
        at the whole paragraph or document are checked for each occurrence."""
        opts = options or self.options
        run = _Run(set(), timeouts)  # rules whose own pattern ran out of time go in run.failed
        text = index.text
        state = _DocLanguage(text, self.languages, opts.default_language)
        out = [c for _, group in self._by_paragraph(index, opts, run, state) for c in group]
        for ri, ti in self._always:
            if ri not in run.failed:
                out.extend(self._raw_matches(index, Paragraph(0, len(text)), ri, ti, opts, run.failed, timeouts,
                                             state, check_language=True))
        return out

    def _by_paragraph(self, index: TextIndex, opts: Options, run: _Run,
                      state: _DocLanguage) -> Iterator[tuple[Paragraph, list[Candidate]]]:
        """The candidates of the terms with triggers, paragraph by paragraph, in order
        (each paragraph where a trigger occurs, with or without candidates)."""
        text = index.text
        hits = self._hits(text)
        hit = next(hits, None)
        while hit is not None:
            # The paragraph of this trigger, and the triggers of each of its sentences.
            para = index.paragraph(hit[0])
            sentences = index.sentences(para)
            present: list[set[int]] = [set() for _ in sentences]
            ends = [b for _, b in sentences]
            last = len(ends)
            while hit is not None and hit[0] < para.end:
                start, end, trigger = hit
                k = bisect_right(ends, start)  # the sentence holding the trigger's start
                if k < last and end <= ends[k]:  # and its end (a trigger across two is no use)
                    present[k].add(trigger)
                hit = next(hits, None)
            group: list[Candidate] = []
            if not any(present):
                yield para, group
                continue
            pieces = [text[a:b] for a, b in sentences]
            langs = self._languages(pieces, sentences, para, opts, state, present)
            spans = index.set_apart(para)
            flat = nuances.one_line(text, para)
            opening: dict[str, bool] = {}  # by language: the paragraph's opening reads as no entry
            for (a, b), piece, trig, lang in zip(sentences, pieces, present, langs, strict=False):
                if not trig:
                    continue
                users = self._users_for(frozenset(trig), lang)
                if users.pairs:
                    if flat and a > para.start and lang not in opening:
                        opening[lang] = nuances.sentence_bound(text, para, a, self._cues(lang))
                    bound = flat and (a <= para.start or opening[lang])
                    group.extend(self._sentence(index, para, a, b, piece, users, spans, opts, run, bound))
            yield para, group

    def _hits(self, text: str) -> Iterator[tuple[int, int, int]]:
        """Every occurrence of every trigger, in order of position, found _CHUNK characters
        at a time (a long text never holds all its hits at once)."""
        return itertools.chain.from_iterable(self._hit_lists(text))

    def _hit_lists(self, text: str) -> Iterator[list[tuple[int, int, int]]]:
        overlap = self._longest_trigger
        prefilter = self.prefilter.for_size(len(text))
        n = len(text)
        if n <= _CHUNK:
            yield prefilter.scan(text)
            return
        for lo in range(0, n, _CHUNK):
            hi = min(n, lo + _CHUNK)
            hits = prefilter.scan(text[lo : min(n, hi + overlap)])
            yield [(lo + start, lo + end, trigger) for start, end, trigger in hits if start < hi - lo]

    def _sentence(
        self, index: TextIndex, para: Paragraph, a: int, b: int, piece: str,
        users: _Users, spans: list[tuple[int, int, str]], opts: Options, run: _Run, bound: bool,
    ) -> list[Candidate]:
        # A sentence's results can be reused when what sets part of it apart (quotation
        # marks, title marks, italics) lies wholly inside it, and the nuance checks read no
        # line around it (`bound`): they then depend on its text, those spans and its language alone.
        inside: tuple[tuple[int, int, str], ...] = ()
        if not bound:
            free = False
        elif spans:
            inside = tuple((lo - a, hi - a, tag) for lo, hi, tag in spans if lo < b and hi > a)
            free = all(0 <= lo and hi <= b - a for lo, hi, _ in inside)
        else:  # most sentences: nothing set apart in the paragraph
            free = True
        key = None
        if free and not (users.raw and run.failed):
            key = (piece, users.id, opts.quotations, inside)
        result = self._results.get(key) if key is not None else None
        if result is None:
            result = self._analyse(index, para, a, b, users, opts, run)
            if key is not None and result.local:
                _remember(self._results, key, result)
        reusable = key is not None and result.local
        out = []
        for number, entry in enumerate(result.entries):
            start, end = a + entry.start, a + entry.end
            if entry.pending and not _pending_hold(entry.pending, index, start, end, para):
                continue
            groups = {name: (a + s, a + e) for name, s, e in entry.groups} if entry.groups else _NO_GROUPS
            out.append(Candidate(entry.rule_index, start, end, groups, entry.quoted, (a, b),
                                 (key, number) if reusable else None, entry.reported))
        return out

    def _analyse(
        self, index: TextIndex, para: Paragraph, a: int, b: int, users: _Users, opts: Options, run: _Run,
    ) -> _Analysis:
        """The matches of a sentence that pass their rules' conditions and the nuance
        checks (conditions on the paragraph or document are left pending). A rule
        author's own `pattern:` is searched with a time limit; one that runs out is not
        used again in the document."""
        text = index.text
        entries: list[_Entry] = []
        local = True
        seen: set[tuple[int, int, int]] = set()
        for ri, ti in users.pairs:
            rule = self.rules[ri]
            term = rule.terms[ti]
            if term.raw:
                if ri in run.failed:
                    continue
                found = _search(compiled_raw(term.pattern), text, a, b, True)
                if isinstance(found, float):
                    run.failed.add(ri)
                    if run.timeouts is not None:
                        run.timeouts.append(RuleTimeout(rule.id, a, found))
                    local = False
                    continue
                matches: Iterable[Any] = found
            else:
                matches = compiled(term.pattern).finditer(text, a, b)
            for m in matches:
                start, end = m.span()
                if end == start or (ri, start, end) in seen:
                    continue
                seen.add((ri, start, end))
                judged = self._judge(index, rule, ri, m, opts, para, (a, b))
                local = local and judged.local
                if judged.candidate is None:
                    continue
                cand = judged.candidate
                entries.append(_Entry(
                    ri, start - a, end - a,
                    tuple((n, s - a, e - a) for n, (s, e) in cand.groups.items()),
                    cand.quoted, judged.pending, cand.reported,
                ))
        return _Analysis(tuple(entries), local)

    def _raw_matches(
        self, index: TextIndex, span: Paragraph, ri: int, ti: int, opts: Options, failed: set[int],
        timeouts: list[RuleTimeout] | None, state: _DocLanguage, check_language: bool = False,
    ) -> list[Candidate]:
        """Matches of a term without triggers in the whole text (a rule author's own
        `pattern:` with no `triggers:`), searched with a time limit."""
        rule = self.rules[ri]
        term = rule.terms[ti]
        text = index.text
        pattern = compiled_raw(term.pattern) if term.raw else compiled(term.pattern)
        lo, hi = _snap(text, span.start, span.end)
        found = _search(pattern, text, lo, hi, term.raw)
        if isinstance(found, float):
            failed.add(ri)
            if timeouts is not None:
                timeouts.append(RuleTimeout(rule.id, lo, found))
            return []
        out = []
        for m in found:
            if m.end() == m.start():
                continue
            if (m.end() == hi and hi < len(text) and _wordish(text[hi])) or (
                m.start() == lo and lo > 0 and _wordish(text[lo - 1])
            ):
                continue  # the window was cut inside a long "word": not a word's edge
            here = index.paragraph(m.start())
            if check_language and rule.language != self._paragraph_language(index, here, opts, state):
                continue
            judged = self._judge(index, rule, ri, m, opts, here, None)
            cand = judged.candidate
            if cand is None:
                continue
            if judged.pending and not _pending_hold(judged.pending, index, cand.start, cand.end, here):
                continue
            out.append(cand)
        return out

    # -- languages -----------------------------------------------------------------

    def _only(self, opts: Options) -> str | None:
        same_default = opts.default_language == self.options.default_language
        return opts.language or (self._only_language if same_default else None)

    def _languages(self, pieces: Sequence[str], sentences: Sequence[tuple[int, int]], para: Paragraph,
                   opts: Options, state: _DocLanguage, present: Sequence[set[int]]) -> Iterable[str]:
        """The language of each sentence: the paragraph's, from the evidence of its sentences
        (kept per sentence), unless a sentence with a trigger is clearly in another language
        of the rules on its own ("… illegal immigrants. Un clandestin a été arrêté hier.")."""
        only = self._only(opts)
        if only:
            return itertools.repeat(only)
        limit = para.start + langid.SAMPLE
        known = self._evidences
        parts = []
        for (a, b), piece in zip(sentences, pieces, strict=False):
            if a >= limit:
                break
            if b > limit:
                piece = piece[: limit - a]
            found = known.get(piece)
            parts.append(found if found is not None else self._evidence(piece))
        found = langid.total(parts)
        lang = self._settle(found, opts, state)
        if len(parts) < 2 or not langid.could_hold_another(found, lang):
            return itertools.repeat(lang)
        own = [langid.decide_clearly(part) if trig else None for part, trig in zip(parts, present, strict=False)]
        if all(o is None or o == lang or o not in self.languages for o in own):
            return itertools.repeat(lang)
        return [o if o is not None and o in self.languages else lang for o in own] + [lang] * (len(pieces) - len(own))

    def _paragraph_language(self, index: TextIndex, para: Paragraph, opts: Options, state: _DocLanguage) -> str:
        only = self._only(opts)
        if only:
            return only
        return self._settle(langid.evidence(index.text[para.start : para.start + langid.SAMPLE]), opts, state)

    def _settle(self, found: langid.Evidence, opts: Options, state: _DocLanguage) -> str:
        """The language of a paragraph with this evidence: a paragraph of a few words leans
        to the document's language; a paragraph without a clear language has it."""
        detected = langid.decide(found, state.language)
        if detected is None or detected not in self.languages:
            detected = state.language() or opts.default_language
        return detected

    def _evidence(self, piece: str) -> langid.Evidence:
        found = self._evidences.get(piece)
        if found is None:
            found = langid.evidence(piece)
            _remember(self._evidences, piece, found)
        return found

    # -- triggers ------------------------------------------------------------------

    def _users_for(self, present: frozenset[int], lang: str) -> _Users:
        """The (rule, term) pairs of `lang` one of whose triggers is present."""
        key = (present, lang)
        found = self._term_sets.get(key)
        if found is None:
            pairs = tuple(sorted({
                (ri, ti)
                for trig in present
                for ri, ti in self._users.get(trig, ())
                if self.rules[ri].language == lang
            }))
            raw = any(self.rules[ri].terms[ti].raw for ri, ti in pairs)
            found = _Users(len(self._term_sets) + 1 + self._memo_generation * _MEMO_LIMIT, pairs, raw)
            if len(self._term_sets) >= _MEMO_LIMIT:
                self._term_sets.clear()
                self._memo_generation += 1
            self._term_sets[key] = found
        return found

    # -- one match -----------------------------------------------------------------

    def _judge(
        self, index: TextIndex, rule: Rule, ri: int, m: rx.Match[str] | re.Match[str], opts: Options,
        para: Paragraph, sentence: tuple[int, int] | None,
    ) -> _Judged:
        """Whether a match is kept, and whether the judgement read anything outside its
        sentence (conditions on the paragraph or document are returned as pending)."""
        start, end = m.span()
        if nuances.in_identifier(index.text, start, end):
            return _Judged(None, (), True)
        local = True
        pending: list[tuple[bool, Condition]] = []
        for wanted, conditions in ((True, rule.requires), (False, rule.unless)):
            for cond in conditions:
                if cond.within in ("paragraph", "document"):
                    pending.append((wanted, cond))
                    continue
                lo, hi = _region(cond, index, start, end, para)
                if sentence is not None and (lo < sentence[0] or hi > sentence[1]):
                    local = False
                if _holds(cond, index, start, end, para, sift=not wanted) != wanted:
                    return _Judged(None, (), local)
        if rule.exceptions and _excepted(rule, index.text, start, end, para):
            return _Judged(None, (), local)
        cues = self._cues(rule.language)
        verdict = nuances.assess(index, start, end, rule, cues)
        if verdict.drop:
            return _Judged(None, (), local)
        if verdict.quoted and opts.quotations == "ignore":
            return _Judged(None, (), local)
        quoted = verdict.quoted  # downgrade or flag: either way reported with a note, never fixed
        groups = {
            name: m.span(name) for name in m.re.groupindex if m.span(name) != (-1, -1)
        }
        return _Judged(Candidate(ri, start, end, groups, quoted, reported=verdict.reported), tuple(pending), local)

    def _cues(self, lang: str) -> Cues:
        return self.ruleset.cues.get(lang, _NO_CUES)

    def _said(self, doc: Document, index: TextIndex, cand: Candidate, a: int, b: int) -> _Said:
        """What a finding says (level, message, suggestions, fix, notes), worked out on its
        sentence text[a:b] alone; kept, with the fix relative to the sentence, when the
        sentence's results are reusable and the text there is the source itself."""
        text = index.text
        line_start = a == 0 or text[a - 1] in "\r\n"
        line_end = b == len(text) or text[b] in "\r\n"
        key = None
        if a and text[a - 1] == HARD:
            # markup taken out of the prose ends the sentence ("an <span>illegal …"): the
            # fix still needs the determiner written before it
            a = _before_markup(text, a)
        elif cand.memo is not None and doc.is_identity(a, b):
            key = (cand.memo, line_start, line_end)
            known = self._says.get(key)
            if known is not None:
                return _shifted(known, a)
        said = self._say(doc, index, cand, a, b, line_start, line_end)
        if key is not None:
            _remember(self._says, key, _shifted(said, -a))
        return said

    def _say(self, doc: Document, index: TextIndex, cand: Candidate, a: int, b: int,
             line_start: bool, line_end: bool) -> _Said:
        from termlint import fixer  # only runs that find something need it

        rule = self.rules[cand.rule_index]
        plan = fixer.plan(
            rule,
            fixer.Match(cand.start - a, cand.end - a, {n: (s - a, e - a) for n, (s, e) in cand.groups.items()}),
            index.text[a:b],
            lambda s, e: doc.span_to_source(s + a, e + a),
            doc.source,
            self.flags if self.options.plan_fixes else _never,
            line_start=line_start,
            line_end=line_end,
        )
        suggestions = plan.suggestions
        downgrade = cand.quoted and self.options.quotations == "downgrade"
        level = Level.SUGGESTION if downgrade else rule.level
        notes: tuple[str, ...] = ((QUOTED_NOTE if downgrade else QUOTED_FLAG_NOTE),) if cand.quoted else ()
        if cand.reported and not cand.quoted:
            notes = (REPORTED_NOTE,)
            if self.options.reported_speech == "downgrade":
                level = level.lowered()
        message = rule.message.format_map(
            _Slots(match=" ".join(index.text[cand.start : cand.end].split()),
                   suggestion=suggestions[0] if suggestions else "")
        )
        return _Said(
            level,
            message,
            suggestions,
            None if cand.quoted or not self.options.plan_fixes else plan.fix,
            notes,
        )

    def _finding(self, doc: Document, index: TextIndex, cand: Candidate) -> Finding:
        rule = self.rules[cand.rule_index]
        a, b = cand.sentence if cand.sentence[0] >= 0 else index.sentence(cand.start, cand.end)
        said = self._said(doc, index, cand, a, b)
        src_start, src_end = doc.span_to_source(cand.start, cand.end)
        locator = doc.locator
        line, column = locator.position(src_start)
        end_line, end_column = locator.position(src_end)
        context, ctx_start = locator.context(src_start, src_end)
        return Finding(
            doc.path, rule.id, said.level, rule.category, said.message, doc.source[src_start:src_end],
            src_start, src_end, line, column, end_line, end_column, said.suggestions, said.fix,
            rule.language, said.notes, context, ctx_start, locator.extra(src_start, src_end),
        )


class _Said(NamedTuple):
    """What a finding says, apart from where it is."""

    level: Level
    message: str
    suggestions: tuple[str, ...]
    fix: Fix | None
    notes: tuple[str, ...]


class _Entry(NamedTuple):
    """A kept match of an analysed sentence, in offsets relative to the sentence."""

    rule_index: int
    start: int
    end: int
    groups: tuple[tuple[str, int, int], ...]
    quoted: bool
    pending: tuple[tuple[bool, Condition], ...]  # (must hold?, condition) on paragraph or document
    reported: bool = False


_NO_CUES = Cues()


class _Users(NamedTuple):
    """The (rule, term) pairs that may match in a sentence, under a number of their own."""

    id: int
    pairs: tuple[tuple[int, int], ...]
    raw: bool  # one of them is a rule author's own pattern


class _Run(NamedTuple):
    """The state of one document's run: rules whose own pattern ran out of time."""

    failed: set[int]
    timeouts: list[RuleTimeout] | None


class _Analysis(NamedTuple):
    entries: tuple[_Entry, ...]
    local: bool  # the entries depend on the sentence's text and language alone


class _Judged(NamedTuple):
    candidate: Candidate | None
    pending: tuple[tuple[bool, Condition], ...]
    local: bool


class _DocLanguage:
    """The language of the whole document, worked out the first time a paragraph needs it."""

    def __init__(self, text: str, allowed: Sequence[str], default: str) -> None:
        self._text = text
        self._allowed = allowed
        self._default = default
        self._known = False
        self._lang: str | None = None

    def language(self) -> str | None:
        if not self._known:
            self._lang = _document_language(self._text, self._allowed, self._default)
            self._known = True
        return self._lang


_CHUNK = 1 << 16  # text scanned for triggers in one go


_NO_GROUPS: dict[str, tuple[int, int]] = {}  # shared by the many candidates without named groups; never changed
_MEMO_LIMIT = 200_000  # entries kept per memo before it starts afresh (bounded memory)


def _remember(memo: dict[Any, Any], key: Any, value: Any) -> None:
    if len(memo) >= _MEMO_LIMIT:
        memo.clear()
    memo[key] = value


def _entry_triggers(rule: Rule, term: Compiled) -> frozenset[str]:
    """The triggers that send a sentence to a term's pattern: the term's own or, when its
    rule requires a cue of a few words within the match's sentence, the cue's if they are
    expected to occur less often ("migrants" with "fleeing": a match counts only in a
    sentence that holds its cue, and sentences with "flee" are far fewer)."""
    best = term.triggers
    if not best or not rule.requires:
        return best
    cost = -1.0
    for cond in rule.requires:
        if cond.within != "sentence" and not isinstance(cond.within, int):
            continue  # a cue in the paragraph or document may lie outside the sentence
        if not cond.terms or not all(t.triggers for t in cond.terms):
            continue  # a cue term without triggers could occur anywhere
        if sum(len(t.triggers) for t in cond.terms) > _FEW_CUES:
            continue  # a long cue list is not a rarer way in (and costly to weigh)
        cues = minimal(frozenset().union(*(t.triggers for t in cond.terms)))
        cue_cost = expected_hits(cues)
        if cost < 0:  # the term's own, weighed once; each trigger costs 1 at least, so a
            # set longer than the cue's cost is known to cost more without weighing it
            cost = expected_hits(best) if len(best) <= cue_cost else float(len(best))
        if cue_cost < cost:
            best, cost = cues, cue_cost
    return best


_FEW_CUES = 24


def _pending_hold(pending: Sequence[tuple[bool, Condition]], index: TextIndex, start: int, end: int,
                  para: Paragraph) -> bool:
    return all(_holds(cond, index, start, end, para, sift=not wanted) == wanted for wanted, cond in pending)


def _before_markup(text: str, at: int) -> int:
    """Where the few words before a run of markup (HARD) that ends at `at` start, on its line."""
    run = at
    while run > 0 and text[run - 1] == HARD:
        run -= 1
    lo = max(0, run - 24)
    return max(text.rfind("\n", lo, run), text.rfind("\r", lo, run)) + 1 or lo


def _shifted(said: _Said, by: int) -> _Said:
    fix = said.fix
    if fix is None or by == 0:
        return said
    edits = tuple([Edit(e.start + by, e.end + by, e.replacement) for e in fix.edits])
    return _Said(said.level, said.message, said.suggestions, Fix(edits, fix.applicability), said.notes)


def _never(text: str, lang: str) -> bool:
    return False


class _Slots(dict[str, str]):
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
    for m in rx.finditer(r"\X", text):
        norm = unicodedata.normalize("NFC", m.group())
        pieces.append(norm)
        s, e = m.span()
        if len(norm) == e - s:
            mapping.extend(range(s, e))
        else:
            mapping.extend([s] * len(norm))
    mapping.append(len(text))
    return doc.with_text("".join(pieces), mapping)


def _document_language(text: str, allowed: Sequence[str], default: str) -> str | None:
    """The language of the whole document. A document too short to name one clearly
    ("Enjambres de migrantes asaltan la valla de Ceuta": Spanish, or Portuguese, or
    French?) has the language it leans to most when the default language is clearly not
    it: the default's rules could not match its words anyway."""
    found = langid.evidence(text[: langid.SAMPLE])
    lang = langid.decide(found) or langid.leaning(found, default)
    return lang if lang in allowed else None


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


def _search(pattern: rx.Pattern[str], text: str, lo: int, hi: int,
            raw: bool) -> list[rx.Match[str]] | float:
    """The matches in text[lo:hi]; for a rule author's own pattern the search is bounded
    in time, and the time allowed (a float) comes back instead when it runs out."""
    if not raw:
        return list(pattern.finditer(text, lo, hi))
    limit = PATTERN_TIMEOUT + (hi - lo) * PATTERN_TIMEOUT_PER_CHAR
    try:
        return list(pattern.finditer(text, lo, hi, timeout=limit))
    except TimeoutError:
        return limit


PARAGRAPH_REACH = 3000  # characters a paragraph condition reads on each side of a match
_LONG_WINDOW = 400  # an `unless` window beyond which its terms are first sifted by their triggers


def _region(cond: Condition, index: TextIndex, start: int, end: int, para: Paragraph) -> tuple[int, int]:
    within = cond.within
    if within == "sentence":
        lo, hi = index.sentence(start, end)
    elif within == "paragraph":
        # a huge paragraph (a file of one line) is read near the match only: looking through
        # all of it for every match would cost the square of its length
        lo, hi = max(para.start, start - PARAGRAPH_REACH), min(para.end, end + PARAGRAPH_REACH)
    elif within == "document":
        lo, hi = 0, len(index.text)
    else:
        # N words around the match, within its sentence: a cue in another sentence is
        # about something else.
        assert isinstance(within, int)
        lo, hi = index.window(start, end, within, *index.sentence(start, end))
    if cond.side == "before":
        hi = start
    elif cond.side == "after":
        lo = end
    return lo, hi


@functools.cache
def _any_of(terms: tuple[Compiled, ...]) -> rx.Pattern[str]:
    """One pattern for a condition's (or a rule's exceptions') terms."""
    return compiled("|".join(f"(?:{t.pattern})" for t in terms))


def _holds(cond: Condition, index: TextIndex, start: int, end: int, para: Paragraph, *, sift: bool = False) -> bool:
    """Whether one of the condition's terms occurs near the match (`outside`: not in it).

    `sift` (for an `unless`, which is usually searched through to the end of its window and
    found nowhere): over a paragraph's worth of text, only the terms one of whose triggers
    occurs there are searched (a long list's whole pattern is slow to run over thousands of
    characters, while a `requires` is mostly found at once)."""
    lo, hi = _region(cond, index, start, end, para)
    text = index.text
    terms = cond.terms
    if sift and hi - lo > _LONG_WINDOW:
        terms = nuances.present(text, lo, hi, terms)
        if not terms:
            return False
    pattern = _any_of(terms)
    if not cond.outside:
        return hi > lo and pattern.search(text, lo, hi) is not None
    if lo < start and pattern.search(text, lo, min(start, hi)) is not None:
        return True
    return end < hi and pattern.search(text, max(end, lo), hi) is not None


@functools.cache
def _exceptions_of(terms: tuple[Compiled, ...]) -> rx.Pattern[str]:
    # `regex`, not `re`: exception phrases may overlap one another (overlapped=True).
    return compiled_raw("|".join(f"(?:{t.pattern})" for t in terms))


def _excepted(rule: Rule, text: str, start: int, end: int, para: Paragraph) -> bool:
    pattern = _exceptions_of(rule.exceptions)
    width = max(t.width for t in rule.exceptions)
    lo, hi = max(para.start, start - width), min(para.end, end + width)
    return any(m.start() <= start and end <= m.end() for m in pattern.finditer(text, lo, hi, overlapped=True))


_METAPHOR = "dehumanising-metaphor"  # images of people: another matter than the words for them or their acts


def _resolve_overlaps(cands: list[Candidate], rules: Sequence[Rule]) -> list[Candidate]:
    """A match inside a wider one of at least its level is dropped, unless the two say
    different things: a metaphor around a term for the act ("the tide of illegal
    immigration") is two findings, each with its own fix. On equal spans the higher level
    wins. A serious match inside a milder, wider one is kept. Two matches of one rule that
    share words ("are illegally" and "illegally staying") are one finding: the longer is
    kept, or the first when they are as long."""
    if len(cands) < 2:
        return cands
    ordered = sorted(
        cands,
        key=lambda c: (c.start, -(c.end - c.start), -rules[c.rule_index].level.rank, c.rule_index),
    )
    kept: list[Candidate] = []
    for cand in _one_per_rule(ordered):
        rank = rules[cand.rule_index].level.rank
        category = rules[cand.rule_index].category
        if any(
            k.start <= cand.start and cand.end <= k.end and rules[k.rule_index].level.rank >= rank
            and ((rules[k.rule_index].category != _METAPHOR) == (category != _METAPHOR)
                 or (k.start, k.end) == (cand.start, cand.end))
            for k in kept[-8:]
        ):
            continue
        kept.append(cand)
    return kept


def _one_per_rule(ordered: list[Candidate]) -> list[Candidate]:
    """Of a rule's matches that overlap (ordered by start), the longest; on a tie the first."""
    out: list[Candidate | None] = []
    last: dict[int, int] = {}  # rule index -> where its latest kept match is in `out`
    for cand in ordered:
        at = last.get(cand.rule_index, -1)
        twin = out[at] if at >= 0 else None
        if twin is not None and twin.end > cand.start:
            if cand.end - cand.start <= twin.end - twin.start:
                continue
            out[at] = None
        last[cand.rule_index] = len(out)
        out.append(cand)
    return [c for c in out if c is not None]



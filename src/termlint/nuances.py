"""Use versus mention, negation, proper names, citations and quotations.

Given a candidate match, decide whether the writer *uses* the term in their own voice.
Each check is driven by the `cues` of the rule's language (docs/rules.md, "Nuances") and
switched on per rule by its `nuances` list. All functions here are pure.
"""
from __future__ import annotations

import functools
from collections.abc import Sequence
from typing import NamedTuple

import regex

from termlint.patterns import FLAGS, Compiled
from termlint.rules import Cues, Rule
from termlint.textindex import Quote, TextIndex, is_headline

# Between a cue and the term: spaces, opening or closing quotation marks, a colon or dash.
_GLUE = r"[\s\"'“”‘’«»„‚‹›「」『』(\-:,\u00a0\u202f]*"
_SHORT_QUOTE_WORDS = 4
_WORD = regex.compile(r"\w+")


class Verdict(NamedTuple):
    drop: bool
    reason: str = ""  # why it was dropped, or "quotation" when it is kept as quoted
    quoted: bool = False


KEEP = Verdict(False)


@functools.lru_cache(maxsize=64)
def _before(patterns: tuple[str, ...]) -> regex.Pattern[str] | None:
    if not patterns:
        return None
    return regex.compile("(?:" + "|".join(patterns) + ")" + _GLUE + r"\Z", FLAGS)


@functools.lru_cache(maxsize=64)
def _after(patterns: tuple[str, ...]) -> regex.Pattern[str] | None:
    if not patterns:
        return None
    return regex.compile(r"\A" + _GLUE + "(?:" + "|".join(patterns) + ")", FLAGS)


@functools.lru_cache(maxsize=64)
def _any(patterns: tuple[str, ...]) -> regex.Pattern[str] | None:
    if not patterns:
        return None
    return regex.compile("|".join(f"(?:{p})" for p in patterns), FLAGS)


def _pats(terms: Sequence[Compiled]) -> tuple[str, ...]:
    return tuple(t.pattern for t in terms)


def assess(index: TextIndex, start: int, end: int, rule: Rule, cues: Cues) -> Verdict:
    """Whether a match of `rule` at text[start:end] is the writer's own use of the term."""
    text = index.text
    quote = index.quote_around(start, end)
    short = quote is not None and _is_short(text, quote, start, end)
    if rule.quotes == "required" and not (short and quote and _is_whole(text, quote, start, end)):
        return Verdict(True, "not-quoted")
    if rule.quotes == "outside" and quote is not None:
        return Verdict(True, "quoted")
    s_start, s_end = index.sentence(start, end)
    nuances = rule.nuances
    if "mention" in nuances:
        a, b = (quote.open, quote.close + 1) if short and quote else (start, end)
        if _cue_before(text, s_start, a, cues.mention_before) or _cue_after(
            text, b, s_end, cues.mention_after
        ):
            return Verdict(True, "mention")
        if short and rule.quotes != "required":
            return Verdict(True, "mention")
    if "negation" in nuances and _cue_before(text, s_start, start, cues.negation_before):
        return Verdict(True, "negation")
    if "proper-name" in nuances and (
        _in_name(text, s_start, s_end, start, end, cues.names)
        or _title_case_name(index, s_start, s_end, start, end, rule.language, cues)
    ):
        return Verdict(True, "proper-name")
    if "citation" in nuances and _citation(text, s_start, s_end, cues.citation):
        return Verdict(True, "citation")
    if "quotation" in nuances and quote is not None and not short and rule.quotes != "required":
        return Verdict(False, "quotation", True)
    return KEEP


def _is_short(text: str, quote: Quote, start: int, end: int) -> bool:
    """A quoted word or phrase (not a quoted sentence) that the match mostly covers."""
    c0, c1 = quote.content
    if not quote.closed:
        return False
    words = _WORD.findall(text, c0, c1)
    if not words or len(words) > _SHORT_QUOTE_WORDS:
        return False
    inside = sum(len(w) for w in _WORD.findall(text, max(start, c0), min(end, c1)))
    return inside * 2 >= sum(len(w) for w in words)


def _is_whole(text: str, quote: Quote, start: int, end: int) -> bool:
    """The quotation holds nothing but the match (scare quotes around one term)."""
    c0, c1 = quote.content
    return not _WORD.search(text, c0, start) and not _WORD.search(text, end, c1)


def _cue_before(text: str, lo: int, at: int, cues: Sequence[Compiled]) -> bool:
    pattern = _before(_pats(cues))
    if pattern is None:
        return False
    return pattern.search(text, max(lo, at - 160), at) is not None


def _cue_after(text: str, at: int, hi: int, cues: Sequence[Compiled]) -> bool:
    pattern = _after(_pats(cues))
    if pattern is None:
        return False
    return pattern.match(text, at, min(hi, at + 160)) is not None


def _in_name(text: str, lo: int, hi: int, start: int, end: int, names: Sequence[Compiled]) -> bool:
    pattern = _any(_pats(names))
    if pattern is None:
        return False
    return any(m.start() <= start and end <= m.end() for m in pattern.finditer(text, lo, hi))


def _citation(text: str, lo: int, hi: int, citation: Sequence[str]) -> bool:
    pattern = _any(tuple(citation))
    return pattern is not None and pattern.search(text, lo, hi) is not None


_TOKEN = regex.compile(r"[\p{L}\p{N}][\p{L}\p{N}'’.\-]*")
_YEAR = regex.compile(r"^(?:1[89]|20)\d\d$|^\d+$")
_CASED = {"en", "fr", "es", "it", "pt"}


def _title_case_name(
    index: TextIndex, lo: int, hi: int, start: int, end: int, lang: str, cues: Cues
) -> bool:
    """The match sits in a capitalised name: a statute, an agency, a campaign."""
    text = index.text
    tokens = [(m.start(), m.end(), m.group()) for m in _TOKEN.finditer(text, lo, hi)]
    inside = [i for i, (s, e, _) in enumerate(tokens) if s < end and e > start]
    if not inside or tokens[inside[0]][2][:1].islower():
        return False
    if any(_lower_word(tokens[i][2]) for i in inside):
        return False

    def joins(i: int) -> bool:
        word = tokens[i][2]
        return word[:1].isupper() or word.lower() in cues.title_connectors

    a = inside[0]
    while a > 0 and joins(a - 1) and _adjacent(text, tokens[a - 1], tokens[a]):
        a -= 1
    b = inside[-1]
    while b + 1 < len(tokens) and (joins(b + 1) or _YEAR.match(tokens[b + 1][2])) and _adjacent(
        text, tokens[b], tokens[b + 1]
    ):
        b += 1
    run = [w for _, _, w in tokens[a : b + 1]]
    while run and (run[0].lower() in cues.title_connectors):
        run.pop(0)
    while run and (run[-1].lower() in cues.title_connectors):
        run.pop()
    words = [w for w in run if not _YEAR.match(w)]
    capitals = [w for w in words if w[:1].isupper()]
    if is_headline(text, lo, hi):
        return bool(capitals) and capitals[-1] in cues.title_words
    if any(w in cues.title_words for w in capitals):
        return len(capitals) >= 2
    if lang not in _CASED:
        return False
    at_start = tokens[a][0] <= lo + 2
    return len(capitals) >= (4 if at_start else 3)


def _lower_word(word: str) -> bool:
    return len(word) > 3 and word[:1].islower()


def _adjacent(text: str, left: tuple[int, int, str], right: tuple[int, int, str]) -> bool:
    """Two tokens of one name: only spaces or a hyphen between them, no punctuation."""
    gap = text[left[1] : right[0]]
    return len(gap) <= 3 and all(ch in " \u00a0-\u2011" for ch in gap)

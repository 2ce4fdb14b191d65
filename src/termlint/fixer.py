"""Fixes: render a rule's replacements for one match, and apply edits to a source.

A fix is a set of edits on source offsets with an applicability (safe, unsafe, display).
`plan` picks the first replacement, in the rule's order of preference, that fits the
grammar of the match and that no rule would flag; `apply` applies the chosen fixes in
one pass, skipping any fix that overlaps one already applied. Both are pure.
"""
from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from typing import NamedTuple

import regex

from termlint import grammar
from termlint.findings import Applicability, Edit, Fix
from termlint.rules import Replacement, Rule

_SLOT = regex.compile(r"\{([a-z_][a-z0-9_]*|[^{}|]*\|[^{}]*)\}")
_SEP = regex.compile(r"[\s\-\u2010\u2011\u00a0\u202f]+")
_WORDS = regex.compile(r"[\w'’]+")
_ARTICLE_BEFORE = regex.compile(r"(?<![\w])([Aa][Nn]?)(\s+)\Z")

IsFlagged = Callable[[str, str], bool]


class Match(NamedTuple):
    """A match in prose text, with its captures (text offsets)."""

    start: int
    end: int
    groups: Mapping[str, tuple[int, int]]


class Plan(NamedTuple):
    suggestions: tuple[str, ...]
    fix: Fix | None


def plan(
    rule: Rule,
    match: Match,
    text: str,
    to_source: Callable[[int, int], tuple[int, int]],
    source: str,
    is_flagged: IsFlagged,
) -> Plan:
    """The suggestions for a match and the fix built from the first one that fits."""
    if not rule.replacements:
        return Plan((), None)
    matched = text[match.start : match.end]
    head = _head_text(rule, match, text)
    plural = grammar.is_plural(head, rule.language) if head else None
    possessive = bool(head) and (
        grammar.strip_possessive(head)[1] or grammar.plural_possessive_follows(text, match.end)
    )
    suggestions: list[str] = []
    chosen: tuple[str, Replacement] | None = None
    for repl in rule.replacements:
        if not _fits(repl.when, plural, possessive):
            continue
        rendered = _render(repl.text, rule, match, text, plural)
        if rendered is None:
            continue
        rendered = grammar.match_case(matched, rendered)
        if rendered in suggestions or is_flagged(rendered, rule.language):
            continue  # never suggest what a rule in force would flag
        suggestions.append(rendered)
        if chosen is None and repl.applicability is not Applicability.DISPLAY:
            chosen = (rendered, repl)
    if chosen is None:
        return Plan(tuple(suggestions), None)
    rendered, repl = chosen
    applicability = repl.applicability
    new_text, applicability = _layout(matched, rendered, applicability)
    src_start, src_end = to_source(match.start, match.end)
    if source[src_start:src_end] != matched:
        # Markup inside the match (emphasis, a link): rewriting it would lose formatting.
        applicability = Applicability.DISPLAY
    edits = [Edit(src_start, src_end, new_text)]
    article = _article_edit(text, match.start, new_text, rule.language, to_source, source)
    if article is not None:
        edits.insert(0, article)
    return Plan(tuple(suggestions), Fix(tuple(edits), applicability))


def _head_text(rule: Rule, match: Match, text: str) -> str:
    if rule.head and rule.head in match.groups:
        s, e = match.groups[rule.head]
        return text[s:e]
    words = _WORDS.findall(text, match.start, match.end)
    return words[-1] if words else ""


def _fits(when: str, plural: bool | None, possessive: bool) -> bool:
    if when == "possessive":
        return possessive
    if when == "not-possessive":
        return not possessive
    if when == "singular":
        return plural is False
    if when == "plural":
        return plural is True
    return True


def _render(template: str, rule: Rule, match: Match, text: str, plural: bool | None) -> str | None:
    missing = False

    def slot(m: regex.Match[str]) -> str:
        nonlocal missing
        key = m.group(1)
        if "|" in key:
            singular, _, many = key.partition("|")
            return many if plural else singular
        if key == "match":
            return _mapped(text[match.start : match.end], rule)
        span = match.groups.get(key)
        if span is None:
            if key == rule.head:
                missing = True
            return ""
        return _mapped(text[span[0] : span[1]], rule)

    out = _SLOT.sub(slot, template)
    if missing:
        return None
    out = " ".join(out.split())
    if rule.language == "en":
        out = regex.sub(
            r"\b([Aa]n?) (\w+)",
            lambda m: _case_like(m.group(1), grammar.en_article(m.group(2))) + " " + m.group(2),
            out,
        )
    return out or None


def _mapped(words: str, rule: Rule) -> str:
    """Apply the rule's word map to each word, keeping each word's inflection."""
    words = " ".join(_SEP.split(words.strip())) if words.strip() else ""
    if not rule.word_map:
        return words
    lemmas = list(rule.word_map)
    out = []
    for word in words.split(" "):
        lemma = grammar.lemma_of(word, lemmas, rule.language)
        if lemma is None:
            out.append(word)
            continue
        target = grammar.inflect_like(word, lemma, rule.word_map[lemma], rule.language)
        out.append(grammar.match_case(word, target) if word[:1].isupper() else target)
    return " ".join(out)


def _case_like(source: str, word: str) -> str:
    return word[:1].upper() + word[1:] if source[:1].isupper() else word


def _layout(matched: str, rendered: str, applicability: Applicability) -> tuple[str, Applicability]:
    """Keep the match's hyphenation and line breaks sensible in the replacement."""
    seps = _SEP.findall(matched)
    if seps and all(("-" in s or "\u2010" in s or "\u2011" in s) and "\n" not in s for s in seps):
        words = rendered.split(" ")
        if len(words) <= len(seps) + 1:
            return "-".join(words), applicability
        return rendered, Applicability.UNSAFE
    breaks = [s for s in seps if "\n" in s or "\r" in s]
    if breaks:
        brk = breaks[0].lstrip(" \t\u00a0")
        if not brk.startswith(("\n", "\r")):
            brk = brk[brk.find("\n") if "\n" in brk else brk.find("\r") :]
        first_break = matched.find(breaks[0])
        ratio = first_break / max(len(matched), 1)
        spaces = [m.start() for m in regex.finditer(" ", rendered)]
        if spaces:
            target = ratio * len(rendered)
            at = min(spaces, key=lambda p: abs(p - target))
            return rendered[:at] + brk + rendered[at + 1 :], applicability
    return rendered, applicability


def _article_edit(
    text: str,
    start: int,
    new_text: str,
    lang: str,
    to_source: Callable[[int, int], tuple[int, int]],
    source: str,
) -> Edit | None:
    """Fix "a"/"an" before the match when the replacement needs the other one."""
    if lang != "en":
        return None
    m = _ARTICLE_BEFORE.search(text, max(0, start - 8), start)
    first = regex.match(r"[\w]+", new_text)
    if m is None or first is None:
        return None
    wanted = _case_like(m.group(1), grammar.en_article(first.group()))
    if m.group(1).isupper() and len(m.group(1)) > 1:
        wanted = wanted.upper()
    if wanted.lower() == m.group(1).lower():
        return None
    s, e = to_source(m.start(1), m.end(1))
    if source[s:e] != m.group(1):
        return None
    return Edit(s, e, wanted)


def apply(source: str, fixes: Iterable[Fix], *, unsafe: bool = False) -> tuple[str, int]:
    """Apply the fixes allowed by `unsafe`; return the new source and how many applied."""
    allowed = {Applicability.SAFE} | ({Applicability.UNSAFE} if unsafe else set())
    chosen = sorted(
        (f for f in fixes if f.applicability in allowed and f.edits),
        key=lambda f: (min(e.start for e in f.edits), max(e.end for e in f.edits)),
    )
    out: list[str] = []
    cursor, applied, taken_end = 0, 0, -1
    for fix in chosen:
        edits = sorted(fix.edits)
        if edits[0].start < max(cursor, taken_end) or _overlapping(edits):
            continue
        for edit in edits:
            out.append(source[cursor : edit.start])
            out.append(edit.replacement)
            cursor = edit.end
        taken_end = cursor
        applied += 1
    out.append(source[cursor:])
    return "".join(out), applied


def _overlapping(edits: list[Edit]) -> bool:
    return any(a.end > b.start for a, b in zip(edits, edits[1:]))

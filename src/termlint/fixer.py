"""Fixes: render a rule's replacements for one match, and apply edits to a source.

A fix is a set of edits on source offsets with an applicability (safe, unsafe, display).
`plan` renders the rule's replacements in its order of preference and picks the first
that fits the grammar of the match (number, gender, possessive, hyphenation) and that no
rule in force would flag. The fix replaces the match and, where the new words need it,
the determiner right before it ("an illegal immigrant" -> "a migrant in an irregular
situation"); nothing else is touched. `apply` applies chosen fixes in one pass, safe ones
first where two overlap. Both are pure.

Template slots (see docs/fixing.md): `{name}` a named capture, `{match}` the whole
match, both passed through the rule's `map`; `{sg|pl}` by the number of the match;
`{m.sg|f.sg|m.pl|f.pl}` by gender and number; `{=m}` / `{=f}` the gender of the
replacement's first noun, where its ending does not tell.
"""
from __future__ import annotations

import bisect
import unicodedata
from collections.abc import Callable, Iterable, Mapping

from termlint import grammar, rx
from termlint.findings import Applicability, Edit, Fix
from termlint.records import NamedTuple
from termlint.rules import Replacement, Rule

_SLOT = rx.lazy(r"\{(=[mf]|[a-z_][a-z0-9_]*|[^{}|]*(?:\|[^{}|]*)+)\}")
_ENDS_WITH_SLOT = rx.lazy(r"\}\s*\Z")
# A word and a comma or a conjunction right before the match: in languages whose adjectives
# stand before the noun, what comes before may modify the match's noun ("a young, illegal
# immigrant", "hungry and illegal immigrants").
_COORDINATED = rx.lazy(r"(\w+)(?:,|\s+(?:and|or|nor|und|oder|sowie|&))\s+\Z", rx.IGNORECASE)
_PRENOMINAL = frozenset({"en", "de"})
# An adverb right before the match ("a supposedly illegal immigrant", «immigrati
# presumibilmente clandestini») modifies its first word, an adjective: in English the
# replacement must keep an adjective there ("a supposedly irregular migrant", never "a
# supposedly migrant in an irregular situation"); in French, Spanish, Italian and Portuguese
# the match stands as an adjective after its noun, which a noun phrase cannot replace safely.
_ADVERB_BEFORE = {
    lang: rx.lazy(rf"(?<![\w\-'’])(?:\p{{Ll}}[\w]*{ending}{others})[ \t\u00a0]+\Z")
    for lang, ending, others in (
        ("en", "ly", "|once|still|often|now|sometimes|formerly|perhaps|maybe|even|also|mostly|largely|partly"),
        ("fr", "ment", ""), ("es", "mente", ""), ("it", "mente", ""), ("pt", "mente", ""))
}
# The word after a match (a name keeps its capital).
_NAME_OR_WORD = rx.lazy(r"[ \t\u00a0]+([A-Za-z][a-z]+)\b")
# Nouns in -ing that head a compound ("illegal immigrant smuggling ring").
_ING_NOUNS = frozenset("smuggling trafficking housing processing screening funding building hiring "
                       "policing sheltering schooling".split())
# After an English singular noun, the words that go on with the clause; any other word in
# small letters may be the noun the match qualifies ("illegal immigrant labor"), which
# needs a replacement that ends with the noun ("irregular migrant labor").
_GOES_ON = frozenset(
    "a an the this that these those who whom whose which what when where while whether if as "
    "and or nor but so yet than then there here "
    "is was are were be been being am has had have having will would shall should can could "
    "may might must do does did not never also still just only now once again already ever "
    "in at on of to for from with by into onto over under near across through after before "
    "during since until about around among between behind beyond inside outside without "
    "against along toward towards upon like per via up down out off away back home "
    "he she it they we you i his her its their our your my him them us me".split()
)
_HYPHENS = "-\u2010\u2011"
_SEP = rx.lazy(r"[\s\-\u2010\u2011\u00a0\u202f]+")
_BREAK = rx.lazy(r"\r\n|\r|\n")
_WORDS = rx.lazy(r"[\w'’]+")
_WORD = rx.lazy(r"\w+(?:['’]\w+)*")
_FIRST_WORD = rx.lazy(r"[^\w]*(\w[\w\-]*)")
_LETTER_WORDS = rx.lazy(r"\p{L}[\p{L}\p{M}'’\-]*")

IsFlagged = Callable[[str, str], bool]
ToSource = Callable[[int, int], "tuple[int, int]"]


class Match(NamedTuple):
    """A match in prose text, with its captures (text offsets)."""

    start: int
    end: int
    groups: Mapping[str, tuple[int, int]]


class Plan(NamedTuple):
    suggestions: tuple[str, ...]
    fix: Fix | None


class _Rendered(NamedTuple):
    text: str  # in the template's own case
    gender: str | None  # stated with {=m} / {=f}
    unsure: bool  # a gender slot had to guess


class _Context(NamedTuple):
    rule: Rule
    match: Match
    text: str
    matched: str
    agree: grammar.Agreement
    possessive: str  # "" | "'s" (or "’s") on the last word | "'" after it
    inner_possessive: bool  # a possessive word anywhere in the match
    title: bool
    coordinated: bool  # after "young," or "hungry and": the noun must stay at the end
    modified: bool = False  # after an adverb ("possibly"): the first word must stay a modifier


def plan(
    rule: Rule,
    match: Match,
    text: str,
    to_source: ToSource,
    source: str,
    is_flagged: IsFlagged,
    *,
    line_start: bool = True,
    line_end: bool = True,
) -> Plan:
    """The suggestions for a match and the fix built from the first one that fits.

    `text` may be a piece of the document (the matcher passes the sentence): nothing
    outside it is read. `line_start` / `line_end` say whether the piece begins / ends a
    line of the document (a heading is a whole line)."""
    if not rule.replacements:
        return Plan((), None)
    lang = rule.language
    head = _head_text(rule, match, text)
    det = grammar.determiner_before(text, match.start, lang)
    agree = grammar.agreement(text, match.start, head, lang, det)
    if agree.plural is None and lang in _GENDERED:
        # "donne clandestine": the head does not tell, the flagged adjective does
        agree = agree._replace(plural=_number_of_match(rule, match, text, head))
    joined = _COORDINATED.search(text, max(0, match.start - 40), match.start) if lang in _PRENOMINAL else None
    adverb = lang in _ADVERB_BEFORE and _ADVERB_BEFORE[lang].search(text, max(0, match.start - 40), match.start)
    ctx = _Context(
        rule, match, text, text[match.start : match.end], agree,
        _trailing_possessive(text, match) if lang == "en" else "",
        lang == "en" and _has_possessive(text, match),
        _in_title_line(text, match, lang, line_start, line_end),
        lang in _PRENOMINAL and (joined is not None or (lang == "en" and bool(adverb))
                                 or (lang == "en" and agree.plural is False and _noun_may_follow(text, match.end))),
        lang == "en" and bool(adverb),
    )
    partner = joined.group(1).casefold() if joined is not None else None  # the word joined to it
    mid_sentence = _mid_sentence(text, match.start)
    shown_forms = _shown_forms(ctx, mid_sentence, is_flagged, partner)
    suggestions = [shown for shown, _, _ in shown_forms]
    candidates = [form for form in shown_forms if form[2].applicability is not Applicability.DISPLAY]
    if not suggestions and (ctx.coordinated or partner is not None):
        # every form that keeps the noun last was left out: name the others, fix nothing
        loose = _shown_forms(ctx._replace(coordinated=False), mid_sentence, is_flagged, None)
        return Plan(tuple(shown for shown, _, _ in loose), None)
    if not candidates:
        return Plan(tuple(suggestions), None)
    in_words = _hyphens_in_captures(match, text)
    laid = [(_layout(ctx.matched, shown, in_words), rendered, repl) for shown, rendered, repl in candidates]
    if _opens_compound(text, match.end):
        # the match is the first part of a hyphenated compound ("illegal immigrant-related
        # crime"): only a replacement of no more words keeps the compound readable
        words = len(ctx.matched.split())
        laid = ([c for c in laid if len(c[0][0].split()) <= words]
                or [((new, False), rendered, repl) for (new, _), rendered, repl in laid])
    (new_text, layout_ok), rendered, repl = next((c for c in laid if c[0][1]), laid[0])
    applicability = repl.applicability if layout_ok else Applicability.UNSAFE
    if rendered.unsure or (adverb and lang != "en"):
        applicability = _lower(applicability)
    src_start, src_end = to_source(match.start, match.end)
    if unicodedata.normalize("NFC", source[src_start:src_end]) != ctx.matched:
        # Markup inside the match (emphasis, a link): rewriting it would lose formatting.
        applicability = Applicability.DISPLAY
    edits = [Edit(src_start, src_end, new_text)]
    if det is not None:
        edit = _determiner_edit(det, ctx, new_text, rendered, to_source, source)
        if isinstance(edit, _Guessed):  # the determiner's gender is a guess: an unsure fix
            edit = edit.edit
            applicability = _lower(applicability)
        if edit is False:
            applicability = _lower(applicability)
        elif isinstance(edit, Edit):
            edits.insert(0, edit)
    return Plan(tuple(suggestions), Fix(tuple(edits), applicability))


_GENDERED = frozenset({"fr", "es", "it", "pt"})
# The literal words of a term as written: not a list (@person), a capture's name (head:) or a count.
_TERM_WORD = rx.lazy(r"(?<![@%\w:=+*])[^\W\d_]+(?![\w:*+])")


def _number_of_match(rule: Rule, match: Match, text: str, head: str) -> bool | None:
    """Whether the match is plural, as one of its words other than the head says: a form of
    a word of the rule's terms whose paradigm holds it in one number only ("clandestine" of
    "clandestino": feminine plural)."""
    from termlint import morphology

    lemmas = {w.lower() for t in rule.terms for w in _TERM_WORD.findall(t.source)}
    for word in reversed(_WORD.findall(text, match.start, match.end)):
        low = word.lower()
        if word == head:
            continue
        for lemma in lemmas:
            forms = morphology.paradigm(lemma, rule.language)
            numbers = {i >= 2 for i, f in enumerate(forms or ()) if f == low}
            if len(numbers) == 1:
                return numbers.pop()
    return None


def _opens_compound(text: str, end: int) -> bool:
    """A hyphen and a letter right after the match: it is the first part of a compound."""
    return end + 1 < len(text) and text[end] in _HYPHENS and text[end + 1].isalpha()


def _shown_forms(ctx: _Context, mid_sentence: bool, is_flagged: IsFlagged,
                 partner: str | None) -> list[tuple[str, _Rendered, Replacement]]:
    """Each replacement that fits, rendered and in the match's case, once: never one a rule in
    force would flag, nor one that repeats the word the match is coordinated with."""
    out: list[tuple[str, _Rendered, Replacement]] = []
    lang = ctx.rule.language
    for repl in ctx.rule.replacements:
        rendered = _render(repl.text, ctx) if _fits(repl, ctx) else None
        if rendered is None:
            continue
        shown = grammar.match_case(ctx.matched, rendered.text, lang, title=ctx.title, mid_sentence=mid_sentence)
        if any(shown == seen for seen, _, _ in out) or is_flagged(shown, lang):
            continue
        if partner is not None and shown.split(maxsplit=1)[0].casefold() == partner:
            continue  # "irregular and illegal migrants": never "irregular and irregular migrants"
        if ctx.modified and ctx.matched.casefold().endswith(" " + rendered.text.casefold()):
            continue  # "the possibly illegal asylum seekers": never "the possibly asylum seekers"
        out.append((shown, rendered, repl))
    return out


def _lower(applicability: Applicability) -> Applicability:
    return Applicability.UNSAFE if applicability is Applicability.SAFE else applicability


# -- the match --------------------------------------------------------------------


def _head_text(rule: Rule, match: Match, text: str) -> str:
    if rule.head and rule.head in match.groups:
        s, e = match.groups[rule.head]
        return text[s:e]
    words = _WORDS.findall(text, match.start, match.end)
    return words[-1] if words else ""


def _mid_sentence(text: str, start: int) -> bool:
    """A letter, digit, comma or semicolon and a space right before the match: it does not
    open a sentence."""
    before = text[max(0, start - 3) : start]
    kept = before.rstrip(" \t\u00a0")
    return kept != before and bool(kept) and (kept[-1].isalnum() or kept[-1] in "_,;")


def _noun_may_follow(text: str, end: int) -> bool:
    """Whether the word after an English singular match may be the noun it qualifies: a
    word in small letters that is not a function word, an auxiliary or a participle
    ("illegal immigrant labor", not "illegal immigrant was", "illegal immigrant living").
    A verb taken for a noun costs only the preferred wording ("an irregular migrant lives
    here"); a noun taken for a verb would cost the grammar."""
    found = _NAME_OR_WORD.match(text, end)
    if found is None:
        return False
    word = found.group(1)
    if word[:1].isupper():
        return True  # a name: "illegal immigrant Ahmed Hassan"
    return word in _ING_NOUNS or (word not in _GOES_ON and not word.endswith(("ed", "ing")))


_SINGULAR_POSSESSIVE = rx.lazy(r"['’]s(?!\w)")


def _trailing_possessive(text: str, match: Match) -> str:
    last = _WORDS.findall(text, match.start, match.end)
    if last and grammar.strip_possessive(last[-1])[1]:
        return last[-1][-2:]
    if grammar.plural_possessive_follows(text, match.end):
        return "'"
    return ""


def _has_possessive(text: str, match: Match) -> bool:
    # "An illegal's wages": the match stops before its 's, which stays in the text
    return bool(_trailing_possessive(text, match)) or _SINGULAR_POSSESSIVE.match(text, match.end) is not None or any(
        grammar.strip_possessive(w)[1] for w in _WORDS.findall(text, match.start, match.end)
    )


def _in_title_line(text: str, match: Match, lang: str, line_start: bool = True, line_end: bool = True) -> bool:
    """Whether the match sits in a Title Case heading line."""
    # Only a line of 200 characters or fewer can be a heading: look no further (a long
    # line searched from end to end for every match would make a 50 MB line quadratic).
    floor, ceiling = max(0, match.start - 201), min(len(text), match.end + 201)
    lo = max(text.rfind("\n", floor, match.start), text.rfind("\r", floor, match.start)) + 1
    found = _BREAK.search(text, match.end, ceiling)
    hi = found.start() if found else ceiling
    if (lo == 0 and (floor > 0 or not line_start)) or (not found and (ceiling < len(text) or not line_end)):
        return False
    line = text[lo:hi]
    if hi - lo > 200 or line.rstrip().endswith((".", ":", ";", ",")):
        return False
    outside = _LETTER_WORDS.findall(text[lo : match.start]) + _LETTER_WORDS.findall(text[match.end : hi])
    if not outside:
        return False
    return grammar.is_title_line(_LETTER_WORDS.findall(line), lang)


def _fits(repl: Replacement, ctx: _Context) -> bool:
    when, plural = repl.when, ctx.agree.plural
    if when == "possessive":
        return ctx.inner_possessive
    if when == "not-possessive" and ctx.inner_possessive:
        return False
    if when == "singular" and plural is not False:
        return False
    if when == "plural" and plural is not True:
        return False
    if when == "nominative" and not grammar.is_nominative(_head_text(ctx.rule, ctx.match, ctx.text),
                                                            tuple(ctx.rule.word_map), ctx.rule.language):
        return False
    # A possessive needs a replacement that ends with the noun ("migrants' families",
    # never "migrants in an irregular situation' families"); so does a noun that words
    # before the match may modify ("a young, irregular migrant", never "a young, migrant
    # in an irregular situation").
    return not (ctx.inner_possessive or ctx.coordinated) or bool(_ENDS_WITH_SLOT.search(repl.text))


# -- rendering --------------------------------------------------------------------


def _render(template: str, ctx: _Context) -> _Rendered | None:
    rule, match, text = ctx.rule, ctx.match, ctx.text
    plural, gender = ctx.agree.plural, ctx.agree.gender
    missing = False
    unsure = False
    stated: list[str] = []

    def slot(m: rx.Match[str]) -> str:
        nonlocal missing, unsure
        key = m.group(1)
        if key.startswith("="):
            stated.append(key[1])
            return ""
        if "|" in key:
            parts = key.split("|")
            if len(parts) == 4:
                if gender is None:
                    unsure = True
                return parts[(2 if plural else 0) + (1 if gender == "f" else 0)]
            return parts[-1] if plural else parts[0]
        if key == "match":
            return _mapped(ctx.matched, rule)
        span = match.groups.get(key)
        if span is None:
            if key == rule.head:
                missing = True
            return ""
        return _mapped(text[slice(*_trimmed(text, *span))], rule)

    out = _SLOT.sub(slot, template)
    if missing:
        return None
    out = grammar.tidy(" ".join(out.split()), rule.language)
    if not out:
        return None
    if ctx.possessive == "'":
        if not out[-1:].lower() == "s":
            return None  # "people'" is not a possessive
    elif ctx.possessive and not grammar.strip_possessive(out.split(" ")[-1])[1]:
        out += ctx.possessive
    return _Rendered(out, stated[0] if stated else None, unsure)


def _mapped(words: str, rule: Rule) -> str:
    """Apply the rule's word map to each word, keeping each word's inflection."""
    words = " ".join(words.split())
    if not rule.word_map:
        return words
    lemmas = list(rule.word_map)

    def one(m: rx.Match[str]) -> str:
        word = m.group()
        lemma = grammar.lemma_of(word, lemmas, rule.language)
        if lemma is None:
            return word
        target = grammar.inflect_like(word, lemma, rule.word_map[lemma], rule.language)
        return grammar.match_case(word, target, rule.language) if word[:1].isupper() else target

    return _WORD.sub(one, words)


# -- layout -------------------------------------------------------------------------


def _hyphens_in_captures(match: Match, text: str) -> frozenset[int]:
    """Offsets (in the match) of hyphens inside one capture: part of a word ("sans-papiers")."""
    out = set()
    for s, e in match.groups.values():
        s, e = _trimmed(text, s, e)
        out |= {i - match.start for i in range(s, e) if text[i] in _HYPHENS}
    return frozenset(out)


def _trimmed(text: str, start: int, end: int) -> tuple[int, int]:
    """A capture without the separators at its edges: a repeated token's group starts with
    the separator before it ("illegal-immigrant children": the modifier is "immigrant",
    not "-immigrant")."""
    while start < end and (text[start] in _HYPHENS or text[start].isspace()):
        start += 1
    while end > start and (text[end - 1] in _HYPHENS or text[end - 1].isspace()):
        end -= 1
    return start, end


def _layout(matched: str, rendered: str, in_words: frozenset[int] = frozenset()) -> tuple[str, bool]:
    """Keep the match's hyphenation and line breaks; False when the result reads worse.

    A hyphenated compound ("illegal-immigrant smuggling") takes a replacement of no more
    words, hyphenated; a match broken over lines breaks the replacement at the last space
    that keeps the first line no longer than it was. Hyphens at `in_words` belong to a
    word of the match, not to the compound.
    """
    seps = [m.group() for m in _SEP.finditer(matched) if m.start() not in in_words]
    if any(any(h in s for h in _HYPHENS) for s in seps) and not any(_BREAK.search(s) for s in seps):
        # a compound, alone or before its head noun ("illegal-immigrant population"): as many
        # words at most, hyphenated where the match is ("irregular-migrant population")
        words = rendered.split(" ")
        if len(words) > len(seps) + 1:
            return rendered, False
        kept = seps[len(seps) - (len(words) - 1):] if len(words) > 1 else []
        joints = ["-" if any(h in s for h in _HYPHENS) else " " for s in kept]
        return words[0] + "".join(j + w for j, w in zip(joints, words[1:], strict=True)), True
    breaks = [m for m in _SEP.finditer(matched) if _BREAK.search(m.group())]
    if not breaks:
        return rendered, True
    spaces = [i for i, c in enumerate(rendered) if c == " "]
    out = list(rendered)
    used = -1
    for sep in breaks:
        if not spaces:
            break
        # From the line break on; spaces before it stay too (two of them are a hard line
        # break in Markdown), a hyphen before it does not (it joined the old words).
        k = _BREAK.search(sep.group()).start()
        head = sep.group()[:k]
        brk = (head if not head.strip() else "") + sep.group()[k:]
        fitting = [p for p in spaces if used < p <= sep.start()]
        later = [p for p in spaces if p > used]
        if not fitting and not later:
            break
        at = fitting[-1] if fitting else later[0]
        out[at] = brk
        used = at
        spaces = [p for p in spaces if p > at]
    return "".join(out), True


# -- the determiner before the match ---------------------------------------------------


class _Guessed(NamedTuple):
    """A determiner's edit made on a guessed gender."""

    edit: Edit


def _determiner_edit(
    det: grammar.Determiner,
    ctx: _Context,
    new_text: str,
    rendered: _Rendered,
    to_source: ToSource,
    source: str,
) -> Edit | _Guessed | bool | None:
    """The edit that makes the determiner agree; None if none is needed, False if unsure;
    `_Guessed` for an edit on a guessed gender."""
    lang = ctx.rule.language
    text, start = ctx.text, ctx.match.start
    first = _FIRST_WORD.match(new_text)
    raw_first = _FIRST_WORD.match(rendered.text)
    if first is None or raw_first is None:
        return None
    target = rendered.gender or grammar.gender(raw_first.group(1), lang)
    near = max(0, start - 400)
    curly = "’" in det.word or (
        "'" not in det.word and text.count("’", near, start) > text.count("'", near, start)
    )
    apostrophe = "’" if curly else "'"
    acronym = grammar._looks_acronym(raw_first.group(1))
    form = grammar.determiner_for(det, first.group(1), target, lang, apostrophe=apostrophe, acronym=acronym)
    guessed = False
    if form is None and target is None:
        # a noun of one form for both genders after an elided article ("l'illegale" →
        # "il migrante" or "la migrante"): the masculine is a guess, the fix unsure
        form = grammar.determiner_for(det, first.group(1), "m", lang, apostrophe=apostrophe, acronym=acronym)
        guessed = True
    if form is None:
        return False
    gap = text[det.end : start]
    if form.endswith(("'", "’")):
        # an elided form joins the noun: the space (and anything else) between them goes
        if _BREAK.search(gap):
            return False
        old, s, e, new = text[det.start : start], *to_source(det.start, start), form
    else:
        # the determiner word alone changes; the space and any markup after it stay
        old, s, e, new = text[det.start : det.end], *to_source(det.start, det.end), form + ("" if gap else " ")
    if new == old:
        return None
    if source[s:e] != old:
        return False
    return _Guessed(Edit(s, e, new)) if guessed else Edit(s, e, new)


# -- applying ---------------------------------------------------------------------


_RANK = {Applicability.SAFE: 0, Applicability.UNSAFE: 1}


def select(fixes: Iterable[Fix], *, unsafe: bool = False) -> list[Fix]:
    """The fixes to apply, in source order: allowed by `unsafe`, none overlapping another.

    Where two overlap, a safe fix wins over an unsafe one, then the earlier one.
    """
    allowed = {Applicability.SAFE} | ({Applicability.UNSAFE} if unsafe else set())
    pool = sorted(
        (f for f in fixes if f.applicability in allowed and f.edits and not _overlapping(sorted(f.edits))),
        key=lambda f: (_RANK[f.applicability], _span(f)),
    )
    # The spans taken so far, sorted and disjoint, so their ends are sorted too: a span
    # overlaps one of them when the last that starts before its end ends after its start
    # (a bisection, not a comparison with every fix taken: 150,000 fixes in one file).
    taken: list[tuple[int, int]] = []
    chosen: list[Fix] = []
    for fix in pool:
        lo, hi = _span(fix)
        before = bisect.bisect_left(taken, (hi, -1))
        if before and taken[before - 1][1] > lo:
            continue
        if lo == hi:  # an insertion where a taken span starts
            at = bisect.bisect_left(taken, (lo, -1))
            if at < len(taken) and taken[at][0] == lo:
                continue
        bisect.insort(taken, (lo, hi))
        chosen.append(fix)
    chosen.sort(key=_span)
    return chosen


def apply(source: str, fixes: Iterable[Fix], *, unsafe: bool = False) -> tuple[str, int]:
    """Apply the fixes allowed by `unsafe`; return the new source and how many applied."""
    chosen = select(fixes, unsafe=unsafe)
    return spliced(source, [edit for fix in chosen for edit in fix.edits]), len(chosen)


def spliced(source: str, edits: Iterable[Edit], start: int = 0, end: int | None = None) -> str:
    """source[start:end] with the edits (which lie within it and do not overlap) made."""
    out: list[str] = []
    cursor = start
    for edit in sorted(edits):
        out.append(source[cursor : edit.start])
        out.append(edit.replacement)
        cursor = edit.end
    out.append(source[cursor:end])
    return "".join(out)


def _span(fix: Fix) -> tuple[int, int]:
    return min(e.start for e in fix.edits), max(e.end for e in fix.edits)


def _overlapping(edits: list[Edit]) -> bool:
    return any(a.end > b.start for a, b in zip(edits, edits[1:], strict=False))

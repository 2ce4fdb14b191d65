"""Property tests (hypothesis) of fixing, over random text with flagged terms embedded.

For any text: fixing never raises; fixing is idempotent (a second --fix changes nothing);
and a fix changes nothing outside the matched spans, except the one determiner right
before a match, which may be edited to agree with the replacement (docs/fixing.md).
"""
from __future__ import annotations

import functools

import regex
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from termlint import engine, files, fixer, grammar, rules
from termlint.document import Document
from termlint.matcher import Matcher, Options

TERMS = {
    "en": [
        "illegal immigrants", "an illegal immigrant", "An illegal alien", "ILLEGAL ALIENS",
        "illegal immigrants'", "illegal immigrant's", "illegal immigrant’s", "illegal\nimmigrants",
        "illegal\r\nimmigrant workers", "illegal-immigrant", "the illegals", "an illegal from",
        "crossing the border illegally", "illegally crossing", "illegal border crossings",
        "illegal migration", "a flood of migrants", "clandestine migrants", "a clandestine immigrant",
        "“illegal immigrants”", "the term “illegal migrant”", "Illegal Migration Act",
        "a illegal immigrant", "they are illegal", "illegal women and children", "aliens at the border",
        "Police Arrest Illegal Immigrants", "**illegal** immigrants", "border", "asylum seekers",
    ],
    "fr": [
        "un clandestin", "une clandestine", "des clandestins", "les illégaux", "l'immigration clandestine",
        "des migrants illégaux", "une étrangère illégale", "l’entrée illégale", "ces sans-papiers",
        "entrés illégalement", "« les clandestins »", "la frontière", "du clandestin", "au clandestin",
    ],
}
ALPHABET = list("abcdefghijklmnopqrstuvwxyz ABCDEFG,.;:!?'’\"“”«»-—()\n\t\u00a0ÉéçàßΩ0123456789")
SEPARATORS = [" ", "  ", "\n", "\r\n", "\r", "", ". ", ", ", "\n\n", " - "]


@functools.cache
def _matcher(lang: str) -> Matcher:
    bundled = rules.load(rules.bundled_files())
    on = bundled.replace_rules(r for r in bundled.rules if r.enabled)
    return Matcher(on, Options(language=lang))


def texts(lang: str) -> st.SearchStrategy[str]:
    filler = st.text(alphabet=st.sampled_from(ALPHABET), max_size=25)
    piece = st.one_of(filler, st.sampled_from(TERMS[lang]), st.sampled_from(TERMS[lang]))
    pair = st.tuples(piece, st.sampled_from(SEPARATORS))
    return st.lists(pair, min_size=1, max_size=10).map(lambda ps: "".join(a + b for a, b in ps))


def full_fix(text: str, lang: str, unsafe: bool) -> str:
    """What `termlint check --fix` writes (apply, check again, until nothing applies)."""
    m = _matcher(lang)
    result = engine.FileResult("t.txt", tuple(m.check(Document("t.txt", text))),
                               decoded=files.Decoded("t.txt", text, "utf-8", b"", "\n"))
    out = engine.fixed_source(result, unsafe=unsafe, matcher=m)
    return text if out is None else out[0]


def _determiners(lang: str) -> set[str]:
    return {form for form, _, _ in grammar._determiners(lang)}


COMMON = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


CASES = st.sampled_from(["en", "fr"]).flatmap(lambda lang: st.tuples(st.just(lang), texts(lang)))


@COMMON
@given(CASES, st.booleans())
def test_fixing_never_raises_and_is_idempotent(case, unsafe):
    lang, text = case
    once = full_fix(text, lang, unsafe)
    assert full_fix(once, lang, unsafe) == once


@COMMON
@given(CASES, st.booleans())
def test_a_fix_changes_nothing_outside_the_matched_spans(case, unsafe):
    lang, text = case
    found = _matcher(lang).check(Document("t.txt", text))
    by_fix = {id(f.fix): f for f in found if f.fix is not None}
    chosen = fixer.select([f.fix for f in found if f.fix is not None], unsafe=unsafe)
    determiners = _determiners(lang)
    edits = []
    for fix in chosen:
        finding = by_fix[id(fix)]
        *before, main = sorted(fix.edits)
        # the main edit is exactly the matched span
        assert (main.start, main.end) == (finding.offset, finding.end_offset)
        # any other edit is the determiner right before the match (the word, or the word and
        # the space an elided form takes away), and only that
        for edit in before:
            assert edit.end <= finding.offset and not text[edit.end : finding.offset].strip()
            old = text[edit.start : edit.end]
            assert regex.sub(r"\s+\Z", "", old).lower().replace("’", "'") in determiners, old
        edits.extend(sorted(fix.edits))
    # applying is exactly those edits, the text between them byte for byte the same
    new, count = fixer.apply(text, chosen, unsafe=unsafe)
    assert count == len(chosen)
    expected, cursor = [], 0
    for edit in sorted(edits):
        assert edit.start >= cursor  # chosen fixes never overlap
        expected += [text[cursor : edit.start], edit.replacement]
        cursor = edit.end
    expected.append(text[cursor:])
    assert new == "".join(expected)


@COMMON
@given(texts("en"))
def test_line_breaks_outside_fixes_are_kept(text):
    """Fixing never adds or drops a line: each break of a match is carried into its fix."""
    fixed = full_fix(text, "en", True)
    count = lambda s: len(regex.findall(r"\r\n|\r|\n", s))  # noqa: E731
    assert count(fixed) == count(text) or _has_multi_break_match(text)


def _has_multi_break_match(text: str) -> bool:
    """A replacement of fewer words than the match's line breaks cannot keep them all."""
    def words(f) -> int:
        return len(f.suggestions[0].split()) if f.suggestions else 1

    return any(
        len(regex.findall(r"\r\n|\r|\n", f.match)) >= max(1, words(f))
        for f in _matcher("en").check(Document("t.txt", text))
    )

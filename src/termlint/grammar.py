"""The grammar around a replacement: number, possessives, articles, case, inflection.

Pure functions, per language where a language needs its own. They let a fix keep the
sentence grammatical: "an illegal immigrant" becomes "a migrant in an irregular
situation", "illegal immigrants'" stays possessive, "ILLEGAL ALIENS" stays upper case.
"""
from __future__ import annotations

import regex

from termlint import morphology

_EN_PLURAL_IRREGULAR = {"men", "women", "children", "people", "persons", "feet", "wives"}
_EN_SINGULAR_S = ("ss", "us", "is", "ous")


def strip_possessive(word: str) -> tuple[str, bool]:
    for suffix in ("'s", "’s"):
        if word.lower().endswith(suffix):
            return word[: -len(suffix)], True
    return word, False


def is_plural(word: str, lang: str) -> bool | None:
    """Whether `word` is a plural form; None when the language does not say."""
    w = strip_possessive(word)[0].lower()
    if not w:
        return None
    if lang == "en":
        if w in _EN_PLURAL_IRREGULAR:
            return True
        return w.endswith("s") and not w.endswith(_EN_SINGULAR_S)
    if lang in ("fr", "es", "pt"):
        return w.endswith(("s", "x"))
    if lang == "it":
        return w.endswith("i")
    if lang == "ru":
        return w.endswith(("ы", "и", "ов", "ев", "ые", "ых", "ими", "ыми", "ами", "ями", "ам", "ям", "ах", "ях"))
    return None


def plural_possessive_follows(text: str, end: int) -> bool:
    """An apostrophe right after a plural ("migrants' rights") makes it possessive."""
    if end >= len(text) or text[end] not in "'’":
        return False
    nxt = text[end + 1] if end + 1 < len(text) else " "
    return text[end - 1 : end].lower() == "s" and not nxt.isalnum()


def inflect_like(word: str, lemma: str, target: str, lang: str) -> str:
    """`target` in the form that `word` has relative to `lemma` (number, gender, case)."""
    base, possessive = strip_possessive(word)
    low = base.lower()
    lemma = lemma.lower()
    out = target
    if low != lemma:
        if lang == "en":
            plural = is_plural(low, "en")
            out = pluralise_en(target) if plural else target
        else:
            k = 0
            while k < min(len(low), len(lemma)) and low[k] == lemma[k]:
                k += 1
            suffix_word, suffix_lemma = low[k:], lemma[k:]
            if suffix_lemma and target.endswith(suffix_lemma):
                out = target[: len(target) - len(suffix_lemma)] + suffix_word
            elif not suffix_lemma:
                out = target + suffix_word
    if possessive:
        out += word[len(base) :]
    return out


def pluralise_en(phrase: str) -> str:
    """Plural of an English noun phrase whose head is its first noun ("person in …")."""
    words = phrase.split(" ")
    head = words[0]
    forms = morphology.forms(head, "en") - {head}
    plain = sorted((f for f in forms if "'" not in f and "’" not in f), key=len)
    if head in ("person",):
        words[0] = "people"
    elif plain:
        words[0] = plain[0]
    return " ".join(words)


def lemma_of(word: str, lemmas: list[str], lang: str) -> str | None:
    """Which of `lemmas` `word` is a form of."""
    base = strip_possessive(word)[0].lower()
    for lemma in lemmas:
        if base in morphology.forms(lemma, lang):
            return lemma
    return None


def match_case(source: str, replacement: str) -> str:
    """Give `replacement` the capitalisation pattern of `source`."""
    letters = [c for c in source if c.isalpha()]
    if not letters or not replacement:
        return replacement
    if len(letters) > 1 and all(c.isupper() for c in letters):
        return replacement.upper()
    words = regex.findall(r"\p{L}+", source)
    if len(words) >= 2 and all(w[0].isupper() for w in words):
        return _title(replacement)
    if letters[0].isupper():
        return replacement[0].upper() + replacement[1:]
    return replacement


_SMALL = {"a", "an", "the", "in", "of", "and", "or", "to", "for", "on", "with", "at", "by"}


def _title(text: str) -> str:
    words = text.split(" ")
    return " ".join(
        w if (i and w.lower() in _SMALL) else (w[:1].upper() + w[1:]) for i, w in enumerate(words)
    )


def en_article(next_word: str) -> str:
    w = next_word.lower()
    if regex.match(r"^(?:uni|use|usu|eu|one|once|ur[aeiou])", w):
        return "a"
    if regex.match(r"^(?:hour|honest|honou?r|heir)", w):
        return "an"
    return "an" if w[:1] in "aeiou" else "a"

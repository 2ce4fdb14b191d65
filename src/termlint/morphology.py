"""Word forms per language, so that rule authors write a word once.

Each language gives a function from a dictionary form ("migrant", "illégal",
"нелегальный") to the set of its inflected forms. The sets are deliberately generous:
matching a form that does not exist costs nothing, missing one that does is a miss.
Possessives, plural, gender, case endings and Arabic clitics live here, not in rules.
"""
from __future__ import annotations

from collections.abc import Callable, Iterable

import regex

FormsFn = Callable[[str], set[str]]

# -- English -----------------------------------------------------------------------

_EN_IRREGULAR = {
    "man": {"men"},
    "woman": {"women"},
    "child": {"children"},
    "person": {"persons", "people"},
    "wife": {"wives"},
    "life": {"lives"},
    "foot": {"feet"},
}


def _en(word: str) -> set[str]:
    forms = {word}
    if word in _EN_IRREGULAR:
        forms |= _EN_IRREGULAR[word]
    elif word.endswith("man") and len(word) > 4:
        forms.add(word[:-3] + "men")
    elif word.endswith(("s", "x", "z", "ch", "sh")):
        forms.add(word + "es")
    elif len(word) > 2 and word.endswith("y") and word[-2] not in "aeiou":
        forms.add(word[:-1] + "ies")
    else:
        forms.add(word + "s")
    # Singular possessive ("migrant's"). The plural possessive apostrophe ("migrants'")
    # is left out of the match: it cannot be told from a closing quotation mark.
    forms |= {f + "'s" for f in list(forms) if not f.endswith("s")}
    forms |= {f + "\u2019s" for f in list(forms) if not f.endswith(("s", "'s"))}
    return forms


# -- French ------------------------------------------------------------------------


def _fr(word: str) -> set[str]:
    w = word
    if w.endswith("al"):
        return {w, w + "e", w + "s", w + "es", w[:-2] + "aux"}
    if w.endswith("eau"):
        return {w, w + "x"}
    if w.endswith("eux"):
        return {w, w[:-1] + "se", w[:-1] + "ses"}
    if w.endswith("if"):
        return {w, w + "s", w[:-1] + "ve", w[:-1] + "ves"}
    if w.endswith("er"):
        return {w, w + "s", w[:-2] + "ère", w[:-2] + "ères"}
    if w.endswith(("en", "on")):
        return {w, w + "s", w + "ne", w + "nes", w + "e", w + "es"}
    if w.endswith("e"):
        return {w, w + "s"}
    if w.endswith(("s", "x", "z")):
        return {w, w + "e", w + "es"}
    return {w, w + "e", w + "s", w + "es"}


# -- Spanish -----------------------------------------------------------------------

_UNACCENT = str.maketrans("áéíóú", "aeiou")


def _es(word: str) -> set[str]:
    w = word
    if w.endswith("o"):
        return {w, w[:-1] + "a", w + "s", w[:-1] + "as"}
    if w.endswith(("ón", "án", "én", "ín", "ún", "ás", "és")):
        plain = w[:-2] + w[-2].translate(_UNACCENT) + w[-1]
        return {w, plain + "es", plain + "a", plain + "as"}
    if w.endswith("z"):
        return {w, w[:-1] + "ces"}
    if w[-1] in "aeiouáéíóú":
        return {w, w + "s"}
    return {w, w + "es", w + "a", w + "as"}


# -- Italian -----------------------------------------------------------------------


def _it(word: str) -> set[str]:
    w = word
    if w.endswith("io"):
        return {w, w[:-1] + "a", w[:-1], w[:-1] + "e"}
    if w.endswith(("co", "go")):
        stem = w[:-1]
        return {w, stem + "a", stem + "i", stem + "hi", stem + "he", stem + "e"}
    if w.endswith("o"):
        return {w, w[:-1] + "a", w[:-1] + "i", w[:-1] + "e"}
    if w.endswith("a"):
        return {w, w[:-1] + "e", w[:-1] + "i"}
    if w.endswith("e"):
        return {w, w[:-1] + "i"}
    return {w}


# -- Portuguese --------------------------------------------------------------------


def _pt(word: str) -> set[str]:
    w = word
    if w.endswith("ão"):
        stem = w[:-2]
        return {w, stem + "ã", stem + "ãos", stem + "ões", stem + "ães", stem + "ãs"}
    if w.endswith("o"):
        return {w, w[:-1] + "a", w + "s", w[:-1] + "as"}
    if w.endswith("el"):
        return {w, w[:-2] + "éis", w[:-2] + "eis"}
    if w.endswith("il"):
        return {w, w[:-1] + "s", w[:-2] + "eis"}
    if w.endswith("ol"):
        return {w, w[:-2] + "óis"}
    if w.endswith("l"):
        return {w, w[:-1] + "is"}
    if w.endswith("m"):
        return {w, w[:-1] + "ns"}
    if w.endswith("ês"):
        return {w, w[:-2] + "esa", w[:-2] + "eses", w[:-2] + "esas"}
    if w.endswith(("r", "z", "s")):
        return {w, w + "es", w + "a", w + "as"}
    return {w, w + "s"}


# -- German ------------------------------------------------------------------------

_DE_ENDINGS = ("", "e", "er", "es", "en", "em", "n", "s", "nen")
_DE_FEMININE = ("in", "innen", "*in", "*innen", ":in", ":innen", "_in", "_innen", "In", "Innen")


def _de(word: str) -> set[str]:
    forms = {word + e for e in _DE_ENDINGS}
    forms |= {word + f for f in _DE_FEMININE}
    if word.endswith("e"):
        forms |= {word[:-1] + f for f in _DE_FEMININE}
    return forms


# -- Russian -----------------------------------------------------------------------

_RU_ADJ = (
    "ый", "ий", "ой", "ого", "его", "ому", "ему", "ым", "им", "ом", "ем", "ая", "яя",
    "ей", "ую", "юю", "ое", "ее", "ые", "ие", "ых", "их", "ыми", "ими", "ою", "ею",
)
_RU_NOUN_HARD = ("", "а", "у", "ом", "е", "ы", "ов", "ам", "ами", "ах", "и", "ей", "ям", "ями", "ях")
_RU_NOUN_SOFT = ("ь", "я", "ю", "ем", "е", "и", "ей", "ям", "ями", "ях", "ём")
_RU_FEM_A = ("а", "ы", "и", "е", "у", "ой", "ою", "ам", "ами", "ах", "ей", "")
_RU_IYA = ("ия", "ии", "ию", "ией", "ий", "иям", "иями", "иях")
_RU_YA = ("я", "и", "е", "ю", "ей", "ям", "ями", "ях", "ь")
_RU_NEUTER = ("о", "а", "у", "ом", "е", "ы", "", "ам", "ами", "ах")


def _ru(word: str) -> set[str]:
    w = word
    if len(w) > 3 and w.endswith(("ый", "ий", "ой")):
        return {w[:-2] + e for e in _RU_ADJ}
    if w.endswith("ия"):
        return {w[:-2] + e for e in _RU_IYA}
    if w.endswith("я"):
        return {w[:-1] + e for e in _RU_YA}
    if w.endswith("а"):
        return {w[:-1] + e for e in _RU_FEM_A}
    if w.endswith("ь"):
        return {w[:-1] + e for e in _RU_NOUN_SOFT}
    if w.endswith(("о", "е")):
        return {w[:-1] + e for e in _RU_NEUTER}
    if w.endswith("й"):
        return {w[:-1] + e for e in ("й", "я", "ю", "ем", "е", "и", "ев", "ям", "ями", "ях")}
    return {w + e for e in _RU_NOUN_HARD}


# -- Arabic ------------------------------------------------------------------------

_AR_SUFFIXES = ("", "ة", "ات", "ون", "ين", "ان", "ا", "اً", "ًا", "ية", "يات", "يون", "يين", "ه", "هم")


def _ar(word: str) -> set[str]:
    base = word[2:] if word.startswith("ال") and len(word) > 4 else word
    forms = {base + s for s in _AR_SUFFIXES}
    if base.endswith("ة"):
        forms |= {base[:-1] + s for s in ("ات", "تان", "تين")}
    return forms


def _zh(word: str) -> set[str]:
    return {word}


FORMS: dict[str, FormsFn] = {
    "en": _en,
    "fr": _fr,
    "es": _es,
    "it": _it,
    "pt": _pt,
    "de": _de,
    "ru": _ru,
    "ar": _ar,
    "zh": _zh,
}

LANGUAGES = tuple(FORMS)

# -- How words join and end ---------------------------------------------------------

_H = r"[ \t\u00a0\u2000-\u200a\u202f\u205f\u3000]"
_NL = r"(?:\r\n|\r(?!\n)|\n)"
_DASH = r"[\-\u2010\u2011]"
# Between two words: spaces (also non-breaking and narrow), a hyphen, or one line break
# (a hard-wrapped line), but never a blank line, which ends a paragraph.
SEPARATOR = rf"(?:{_H}|{_DASH}|{_NL}(?!{_H}*{_NL}))+"
# Chinese has no spaces between words.
SEPARATOR_CJK = rf"(?:{_H}|{_NL}(?!{_H}*{_NL}))*"
# Arabic writes the article and some prepositions and conjunctions onto the word.
AR_PROCLITICS = "(?:[وف]?(?:[بلك]|لل)?(?:ال)?)"


def separator(lang: str) -> str:
    return SEPARATOR_CJK if lang == "zh" else SEPARATOR


def word_start(lang: str) -> str:
    if lang == "zh":
        return ""
    if lang == "ar":
        return r"(?<![\w])" + AR_PROCLITICS
    return r"(?<![\w])"


def word_end(lang: str) -> str:
    return "" if lang == "zh" else r"(?![\w])"


def forms(word: str, lang: str) -> set[str]:
    """The inflected forms of `word` in `lang` (lower case in, lower case out)."""
    return FORMS[lang](word.lower())


def alternation(words: Iterable[str]) -> str:
    """A regex alternation of literal words, longest first so the longest form wins."""
    unique = sorted(set(words), key=lambda w: (-len(w), w))
    return "(?:" + "|".join(regex.escape(w) for w in unique) + ")"


def stem(words: Iterable[str]) -> str:
    """The longest common prefix of a set of forms (used as a prefilter trigger)."""
    items = sorted(words)
    if not items:
        return ""
    first, last = items[0], items[-1]
    i = 0
    while i < min(len(first), len(last)) and first[i] == last[i]:
        i += 1
    return first[:i]

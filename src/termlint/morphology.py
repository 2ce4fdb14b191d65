"""Word forms per language, so that rule authors write a word once.

Each language gives a function from a dictionary form ("migrant", "illégal",
"нелегальный") to the set of its inflected forms. The sets are deliberately generous:
matching a form that does not exist costs nothing, missing one that does is a miss.
Possessives, plural, gender, case endings and Arabic clitics live here, not in rules.
"""
from __future__ import annotations

import functools
from collections.abc import Callable, Iterable

from termlint import rx

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


_FR_IRREGULAR = {
    "nouveau": {"nouveau", "nouvel", "nouvelle", "nouveaux", "nouvelles"},
    "beau": {"beau", "bel", "belle", "beaux", "belles"},
    "vieux": {"vieux", "vieil", "vieille", "vieilles"},
    "travail": {"travail", "travaux"},
}


def _fr(word: str) -> set[str]:
    """Gender and number: illégal/illégale/illégaux/illégales, clandestin(e)(s)."""
    w = word
    if w in _FR_IRREGULAR:
        return set(_FR_IRREGULAR[w])
    if w.endswith("al"):
        return {w, w + "e", w + "s", w + "es", w[:-2] + "aux"}
    if w.endswith("ail"):
        return {w, w + "s", w[:-3] + "aux"}
    if w.endswith("eau"):
        return {w, w + "x"}
    if w.endswith("eux"):
        return {w, w[:-1] + "se", w[:-1] + "ses"}
    if w.endswith("eur"):
        stem = w[:-3]
        forms = {w, w + "s", w + "e", w + "es", stem + "euse", stem + "euses"}
        if w.endswith("teur"):
            forms |= {w[:-4] + "trice", w[:-4] + "trices"}
        return forms
    if w.endswith("if"):
        return {w, w + "s", w[:-1] + "ve", w[:-1] + "ves"}
    if w.endswith("er"):
        return {w, w + "s", w[:-2] + "ère", w[:-2] + "ères"}
    if w.endswith(("en", "on")):
        return {w, w + "s", w + "ne", w + "nes", w + "e", w + "es"}
    if w.endswith("el"):
        return {w, w + "s", w + "le", w + "les"}
    if w.endswith("e"):
        return {w, w + "s"}
    if w.endswith(("s", "x", "z")):
        return {w, w + "e", w + "es"}
    return {w, w + "e", w + "s", w + "es"}


# -- Spanish -----------------------------------------------------------------------

_UNACCENT = str.maketrans("áéíóú", "aeiou")


_ES_IRREGULAR = {
    "joven": {"joven", "jóvenes"},
    "origen": {"origen", "orígenes"},
    "régimen": {"régimen", "regímenes"},
}


def _es(word: str) -> set[str]:
    """Gender and number: ilegal/ilegales, clandestino/a/os/as, marroquí/marroquíes."""
    w = word
    if w in _ES_IRREGULAR:
        return set(_ES_IRREGULAR[w])
    if w.endswith("o"):
        return {w, w[:-1] + "a", w + "s", w[:-1] + "as"}
    if w.endswith(("ón", "án", "én", "ín", "ún", "ás", "és")):
        plain = w[:-2] + w[-2].translate(_UNACCENT) + w[-1]
        return {w, plain + "es", plain + "a", plain + "as"}
    if w.endswith("z"):
        return {w, w[:-1] + "ces"}
    if w.endswith(("í", "ú")):
        return {w, w + "s", w + "es"}
    if w[-1] in "aeiouáéíóú":
        return {w, w + "s"}
    return {w, w + "es", w + "a", w + "as"}


# -- Italian -----------------------------------------------------------------------


_IT_IRREGULAR = {
    "uomo": {"uomo", "uomini"},
}


def _it(word: str) -> set[str]:
    """Gender and number: clandestino/a/i/e, illegale/illegali, lavoratore/lavoratrice."""
    w = word
    if w in _IT_IRREGULAR:
        return set(_IT_IRREGULAR[w])
    if w.endswith("io"):
        return {w, w[:-1] + "a", w[:-1], w[:-1] + "e"}
    if w.endswith(("co", "go")):
        stem = w[:-1]
        return {w, stem + "a", stem + "i", stem + "hi", stem + "he", stem + "e"}
    if w.endswith("o"):
        return {w, w[:-1] + "a", w[:-1] + "i", w[:-1] + "e"}
    if w.endswith("a"):
        return {w, w[:-1] + "e", w[:-1] + "i"}
    if w.endswith("tore"):
        return {w, w[:-1] + "i", w[:-3] + "rice", w[:-3] + "rici"}
    if w.endswith("e"):
        return {w, w[:-1] + "i"}
    return {w}


# -- Portuguese --------------------------------------------------------------------


def _pt(word: str) -> set[str]:
    """Gender and number: ilegal/ilegais, clandestino/a/os/as, cidadão/cidadãos."""
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


# -- Agreement slots (French, Spanish, Italian, Portuguese) --------------------------
# A replacement must agree with the word it replaces: "immigration illégale" becomes
# "immigration irrégulière", "clandestini" becomes "irregolari". `paradigm` gives the
# four slots (masculine singular, feminine singular, masculine plural, feminine plural)
# of a dictionary form, so a word found in one slot of its lemma maps to the same slot of
# the target. Only the common adjective and noun patterns are needed for replacements.


def _fr_slots(w: str) -> tuple[str, str, str, str]:
    if w in ("nouveau", "beau"):
        return (w, w[:-2] + "lle", w + "x", w[:-2] + "lles")
    if w.endswith("al"):
        return (w, w + "e", w[:-2] + "aux", w + "es")
    if w.endswith("eau"):
        return (w, w, w + "x", w + "x")
    if w.endswith("eur"):
        return (w, w[:-3] + "euse", w + "s", w[:-3] + "euses")
    if w.endswith("if"):
        return (w, w[:-1] + "ve", w + "s", w[:-1] + "ves")
    if w.endswith("eux"):
        return (w, w[:-1] + "se", w, w[:-1] + "ses")
    if w.endswith("er"):
        return (w, w[:-2] + "ère", w + "s", w[:-2] + "ères")
    if w.endswith(("ien", "en", "on")) and not w.endswith("ain"):
        return (w, w + "ne", w + "s", w + "nes")
    if w.endswith("el"):
        return (w, w + "le", w + "s", w + "les")
    if w.endswith("e"):
        return (w, w, w + "s", w + "s")
    if w.endswith(("s", "x")):
        return (w, w + "e", w, w + "es")
    return (w, w + "e", w + "s", w + "es")


def _es_slots(w: str) -> tuple[str, str, str, str]:
    if w.endswith("o"):
        return (w, w[:-1] + "a", w + "s", w[:-1] + "as")
    if w.endswith("a"):
        return (w, w, w + "s", w + "s")
    if w.endswith("e"):
        return (w, w, w + "s", w + "s")
    if w.endswith("z"):
        return (w, w, w[:-1] + "ces", w[:-1] + "ces")
    if w.endswith(("ón", "án", "ín", "és")) or w.endswith("or"):
        plain = w[:-2] + w[-2].translate(_UNACCENT) + w[-1]
        return (w, plain + "a", plain + "es", plain + "as")
    return (w, w, w + "es", w + "es")


def _it_slots(w: str) -> tuple[str, str, str, str]:
    if w.endswith("io"):
        return (w, w[:-1] + "a", w[:-1], w[:-1] + "e")
    if w.endswith(("co", "go")):
        return (w, w[:-1] + "a", w[:-1] + "hi", w[:-1] + "he")
    if w.endswith("o"):
        return (w, w[:-1] + "a", w[:-1] + "i", w[:-1] + "e")
    if w.endswith("tore"):
        return (w, w[:-3] + "rice", w[:-1] + "i", w[:-3] + "rici")
    if w.endswith("e"):
        return (w, w, w[:-1] + "i", w[:-1] + "i")
    if w.endswith("a"):
        return (w, w, w[:-1] + "i", w[:-1] + "e")
    return (w, w, w, w)


def _pt_slots(w: str) -> tuple[str, str, str, str]:
    if w.endswith("ão"):
        return (w, w[:-2] + "ã", w + "s", w[:-2] + "ãs")
    if w.endswith("o"):
        return (w, w[:-1] + "a", w + "s", w[:-1] + "as")
    if w.endswith("dor"):
        return (w, w + "a", w + "es", w + "as")
    if w.endswith("el"):
        return (w, w, w[:-2] + "éis", w[:-2] + "éis")
    if w.endswith("il"):
        return (w, w, w[:-1] + "s", w[:-1] + "s")
    if w.endswith("ol"):
        return (w, w, w[:-2] + "óis", w[:-2] + "óis")
    if w.endswith("l"):
        return (w, w, w[:-1] + "is", w[:-1] + "is")
    if w.endswith("m"):
        return (w, w, w[:-1] + "ns", w[:-1] + "ns")
    if w.endswith("ês"):
        return (w, w[:-2] + "esa", w[:-2] + "eses", w[:-2] + "esas")
    if w.endswith(("r", "z", "s")):
        return (w, w, w + "es", w + "es")
    return (w, w, w + "s", w + "s")


_SLOTS: dict[str, Callable[[str], tuple[str, str, str, str]]] = {
    "fr": _fr_slots,
    "es": _es_slots,
    "it": _it_slots,
    "pt": _pt_slots,
}


def paradigm(word: str, lang: str) -> tuple[str, str, str, str] | None:
    """Masculine and feminine, singular and plural of `word` (lower case), or None
    for a language without gender agreement slots here."""
    slots = _SLOTS.get(lang)
    return slots(word.lower()) if slots else None


# -- German ------------------------------------------------------------------------

_DE_ENDINGS = ("", "e", "er", "es", "en", "em", "n", "s", "nen", "ern")
_DE_FEMININE = ("in", "innen", "*in", "*innen", ":in", ":innen", "_in", "_innen", "In", "Innen")
# Plurals with an umlaut, by the last part of a word (so compounds inherit them).
_DE_UMLAUT = {
    "strom": "ströme", "sturm": "stürme", "mann": "männer", "kraft": "kräfte",
    "fluss": "flüsse", "zug": "züge", "schwall": "schwälle", "gast": "gäste", "kunft": "künfte",
}


def _de(word: str) -> set[str]:
    forms = {word + e for e in _DE_ENDINGS}
    forms |= {word + f for f in _DE_FEMININE}
    if word.endswith("e"):
        forms |= {word[:-1] + f for f in _DE_FEMININE}
    if word.endswith("erer"):  # Einwanderer, Zuwanderer: Einwanderin, Einwanderinnen
        forms |= {word[:-2] + f for f in _DE_FEMININE}
    for singular, plural in _DE_UMLAUT.items():
        if word.endswith(singular):
            stem = word[: len(word) - len(singular)] + plural
            forms |= {stem, stem + "n"}
    return forms


# -- Russian -----------------------------------------------------------------------

_RU_ADJ = (
    "ый", "ий", "ой", "ого", "его", "ому", "ему", "ым", "им", "ом", "ем", "ая", "яя",
    "ей", "ую", "юю", "ое", "ее", "ые", "ие", "ых", "их", "ыми", "ими", "ою", "ею",
)
_RU_NOUN_HARD = ("", "а", "у", "ом", "е", "ы", "ов", "ам", "ами", "ах", "и", "ей", "ям", "ями", "ях")
_RU_NOUN_SOFT = ("ь", "я", "ю", "ем", "е", "и", "ей", "ям", "ями", "ях", "ём", "ью")
_RU_FEM_A = ("а", "ы", "и", "е", "у", "ой", "ою", "ам", "ами", "ах", "ей", "")
_RU_IYA = ("ия", "ии", "ию", "ией", "ий", "иям", "иями", "иях")
_RU_YA = ("я", "и", "е", "ю", "ей", "ям", "ями", "ях", "ь")
_RU_NEUTER = ("о", "а", "у", "ом", "е", "ы", "", "ам", "ами", "ах")
_RU_NEUTER_IE = ("ие", "ия", "ию", "ием", "ии", "ий", "иям", "иями", "иях")
_RU_FLEETING = ("ца", "цу", "цом", "це", "цы", "цев", "цам", "цами", "цах")
# Plurals from another stem (люди for человек) and other forms the endings miss.
_RU_IRREGULAR = {
    "человек": {"люди", "людей", "людям", "людьми", "людях"},
    "ребенок": {"ребёнок", "ребёнка", "ребенка", "ребёнку", "ребенку", "ребёнком", "ребенком",
                "ребёнке", "ребенке", "дети", "детей", "детям", "детьми", "детях"},
    "гражданин": {"граждане", "граждан", "гражданам", "гражданами", "гражданах"},
    "мигрантка": {"мигранток"},
    "иммигрантка": {"иммигранток"},
    "иностранка": {"иностранок"},
}


def _ru(word: str) -> set[str]:
    forms = _ru_regular(word) | _RU_IRREGULAR.get(word, set())
    return forms | {f.replace("ё", "е") for f in forms}  # ё is often written е


def _ru_regular(w: str) -> set[str]:
    if len(w) > 5 and w.endswith("ся"):  # трудящийся: the participle's forms, each with -ся
        return {f + "ся" for f in _ru_regular(w[:-2])}
    if len(w) > 3 and w.endswith("ие"):  # пересечение, проживание
        return {w[:-2] + e for e in _RU_NEUTER_IE}
    if len(w) > 4 and w.endswith("ец"):  # иностранец -> иностранца; китаец -> китайца
        stem = w[:-2] + ("й" if w[-3] in "аеёиоуыэюя" else "")
        return {w} | {stem + e for e in _RU_FLEETING}
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


_AR_ALEF = str.maketrans({"أ": "ا", "إ": "ا", "آ": "ا"})


def _ar(word: str) -> set[str]:
    return set(_ar_forms(word))


@functools.lru_cache(maxsize=4096)
def _ar_forms(word: str) -> frozenset[str]:
    article = word.startswith("ال") and len(word) > 4
    base = word[2:] if article else word
    forms = {base + s for s in _AR_SUFFIXES}
    if base.endswith("ة"):
        # the plural and dual, and a possessive suffix after the ta marbuta written as ت:
        # «إقامته» (his stay), «إقامتهم», «إقامتها»
        forms |= {base[:-1] + s for s in ("ات", "تان", "تين", "ته", "تها", "تهم", "تهن", "تنا", "تي", "تك")}
    if base.endswith("ي"):  # nisba adjectives are often written with shadda: شرعيّة
        forms |= {base + "\u0651" + s for s in _AR_SUFFIXES}
    if article:  # the article is matched as a proclitic, but a `map:` key may carry it
        forms |= {"ال" + f for f in forms}
    return frozenset(v for f in forms for v in _ar_spellings(f))


def _ar_spellings(form: str) -> set[str]:
    """Common spellings of one form: hamza on alef left out, final ى for ي, final ه for ة."""
    out = {form, form.translate(_AR_ALEF)}
    for f in list(out):
        if f.endswith("ي"):
            out.add(f[:-1] + "ى")
        elif f.endswith("ة"):
            out.add(f[:-1] + "ه")
    return out


# -- Chinese -----------------------------------------------------------------------

# Simplified and traditional characters of the words in the Chinese rules, in pairs.
_ZH_PAIRS = (
    "难難涌湧进進驱驅们們个個数數获獲拦攔缉緝关關运運滞滯业業员員劳勞证證无無规規称稱谓謂"
    "词詞语語为為国國万萬亿億门門这這说說头頭没沒并並问問题題现現机機击擊对對与與将將变變"
    "条條议議约約动動处處儿兒妇婦滥濫灾災侨僑边邊计計乱亂压壓庞龐属屬险險权權经經济濟过過"
    "时時来來从從众眾许許当當务務领領该該应應总總统統发發战戰争爭营營涛濤泛氾贯貫潜潛窜竄"
    "虫蟲袭襲黑黑户戶民民潮潮蛇蛇遣遣逮逮捕捕拘拘留留遗遺送送押押审審渡渡偷偷越越境境"
    "居居就就双雙书書例例陆陸岛島湾灣获獲嫌嫌疑疑伙夥批批群群杂雜绝絕罚罰罪罪犯犯诉訴"
    "讼訟签簽续續办辦难難单單报報导導闻聞网網载載录錄举舉让讓寻尋转轉达達输輸选選择擇"
)
_ZH_S2T = {ord(s): t for s, t in zip(_ZH_PAIRS[0::2], _ZH_PAIRS[1::2], strict=True) if s != t}
_ZH_T2S = {ord(t): chr(s) for s, t in _ZH_S2T.items()}


def _zh(word: str) -> set[str]:
    """A word in simplified and in traditional characters (no inflection in Chinese)."""
    return {word, word.translate(_ZH_S2T), word.translate(_ZH_T2S)}


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

# Arabic vowel marks (harakat, tanween, shadda, dagger alef) belong to the word they sit
# on, but Python's `re` does not count them as word characters.
_AR_MARKS = "\u064b-\u065f\u0670"


def word_start(lang: str) -> str:
    if lang == "zh":
        return ""
    if lang == "ar":
        # Proclitics are not added here: every word token carries its own (see
        # patterns.Compiler), so a capture such as `head:` includes them ("للمهاجرين").
        return rf"(?<![\w{_AR_MARKS}])"
    return r"(?<![\w])"


def word_end(lang: str) -> str:
    if lang == "zh":
        return ""
    if lang == "ar":
        return rf"(?![\w{_AR_MARKS}])"
    # A footnote mark glued to the word ("immigrants¹") does not continue it.
    return r"(?!(?![\u00b9\u00b2\u00b3\u2070-\u2079])\w)"


def forms(word: str, lang: str) -> set[str]:
    """The inflected forms of `word` in `lang` (lower case in, lower case out)."""
    return FORMS[lang](word.lower())


def alternation(words: Iterable[str]) -> str:
    """A regex alternation of literal words, longest first so the longest form wins."""
    unique = sorted(set(words), key=lambda w: (-len(w), w))
    return "(?:" + "|".join(rx.escape(w) for w in unique) + ")"


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

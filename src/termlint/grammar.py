"""The grammar around a replacement: number, gender, possessives, determiners, case.

Pure functions, per language where a language needs its own. They let a fix keep the
sentence grammatical: "an illegal immigrant" becomes "a migrant in an irregular
situation", "illegal immigrants'" stays possessive, "ILLEGAL ALIENS" stays upper case,
"un clandestin" / "une clandestine" become "un migrant" / "une migrante", and "los
ilegales" becomes "las personas" (the determiner before the match follows the new noun).

The language hooks are small tables: determiner paradigms (`_PARADIGMS`), how a word's
first sound selects a determiner form (`_phon`), and how a noun's gender is told
(`gender`). A language without tables (German, Russian, Arabic, Chinese) gets case and
number only; its rules say the rest in their templates.
"""
from __future__ import annotations

from collections.abc import Iterable, Mapping

from termlint import morphology, rx
from termlint.records import NamedTuple

# -- number ------------------------------------------------------------------------

_EN_PLURAL_IRREGULAR = {"men", "women", "children", "people", "persons", "feet", "wives"}
_EN_SINGULAR_S = ("ss", "us", "is", "ous")
_RU_PLURAL = ("ы", "и", "ов", "ев", "ые", "ых", "ими", "ыми", "ами", "ями", "ам", "ям", "ах", "ях")


def strip_possessive(word: str) -> tuple[str, bool]:
    """`word` without an English possessive 's, and whether it had one."""
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
        if w.endswith("i"):
            return True
        return False if w.endswith(("o", "a", "à", "ù")) else None  # -e: "persone" or "migrante"
    if lang == "ru":
        return w.endswith(_RU_PLURAL)
    return None


def plural_possessive_follows(text: str, end: int) -> bool:
    """An apostrophe right after a plural ("migrants' rights") makes it possessive."""
    if end >= len(text) or text[end] not in "'’":
        return False
    nxt = text[end + 1] if end + 1 < len(text) else " "
    return text[end - 1 : end].lower() == "s" and not nxt.isalnum()


# -- gender -------------------------------------------------------------------------

# Nouns whose gender the endings below would get wrong, or that replacements often use.
_GENDER_WORDS: dict[str, dict[str, str]] = {
    "fr": {
        "personne": "f", "gens": "m", "famille": "f", "population": "f", "enfant": "",
        "mineur": "m", "mineure": "f", "membre": "m", "victime": "f", "apatride": "",
        "exilé": "m", "exilée": "f", "jeune": "", "sans-papiers": "", "flux": "m",
        "entrée": "f", "séjour": "m", "traversée": "f", "frontière": "f", "passage": "m",
    },
    "es": {
        "persona": "f", "gente": "f", "familia": "f", "población": "f", "mano": "f",
        "día": "m", "problema": "m", "sistema": "m", "tema": "m", "migrante": "",
        "inmigrante": "", "emigrante": "", "joven": "", "menor": "", "víctima": "f",
        "solicitante": "", "extranjero": "m", "extranjera": "f",
    },
    "it": {
        "persona": "f", "gente": "f", "famiglia": "f", "popolazione": "f", "problema": "m",
        "sistema": "m", "migrante": "", "immigrato": "m", "immigrata": "f", "straniero": "m",
        "straniera": "f", "minore": "", "giovane": "", "vittima": "f", "richiedente": "",
    },
    "pt": {
        "pessoa": "f", "gente": "f", "família": "f", "população": "f", "problema": "m",
        "sistema": "m", "migrante": "", "imigrante": "", "emigrante": "", "jovem": "",
        "menor": "", "vítima": "f", "requerente": "", "estrangeiro": "m", "estrangeira": "f",
    },
}
_GENDER_ENDINGS: dict[str, tuple[tuple[str, str], ...]] = {
    "fr": (("tion", "f"), ("sion", "f"), ("ée", "f"), ("ante", "f"), ("ente", "f"), ("euse", "f"),
           ("rice", "f"), ("ère", "f"), ("ienne", "f"), ("enne", "f"), ("onne", "f"), ("ine", "f"),
           ("ette", "f"), ("ment", "m"), ("age", "m"), ("isme", "m"), ("é", "m"), ("ant", "m"),
           ("ent", "m"), ("eur", "m"), ("er", "m"), ("ien", "m"), ("in", "m"), ("ais", "m"),
           ("ois", "m")),
    "es": (("ción", "f"), ("sión", "f"), ("dad", "f"), ("tad", "f"), ("tud", "f"), ("umbre", "f"),
           ("ista", ""), ("ante", ""), ("ente", ""), ("ora", "f"), ("or", "m"), ("a", "f"), ("o", "m")),
    "it": (("zione", "f"), ("sione", "f"), ("tà", "f"), ("trice", "f"), ("ista", ""), ("ante", ""),
           ("ente", ""), ("anti", ""), ("enti", ""), ("ore", "m"), ("a", "f"), ("o", "m"), ("i", "m")),
    "pt": (("ção", "f"), ("são", "f"), ("dade", "f"), ("gem", "f"), ("ista", ""), ("ante", ""),
           ("ente", ""), ("ora", "f"), ("or", "m"), ("ão", "m"), ("a", "f"), ("o", "m")),
}


def gender(word: str, lang: str) -> str | None:
    """"m" or "f" for a noun of a gendered language; None when it cannot be told."""
    w = strip_possessive(word)[0].lower()
    words = _GENDER_WORDS.get(lang)
    if words is None or not w:
        return None
    for form in _singulars(w, lang):
        if form in words:
            return words[form] or None
    for form in _singulars(w, lang):
        for ending, g in _GENDER_ENDINGS[lang]:
            if form.endswith(ending) and len(form) > len(ending):
                return g or None
    return None


def _singulars(word: str, lang: str) -> list[str]:
    """`word` and what its singular may be (the endings are tried in this order)."""
    out = [word]
    if lang in ("fr", "es", "pt") and word.endswith(("s", "x")) and len(word) > 3:
        out.append(word[:-1])
        if lang == "es" and word.endswith("es"):
            out.append(word[:-2])
        if lang == "pt" and word.endswith("ões"):
            out.append(word[:-3] + "ão")
    if lang == "it" and len(word) > 3:
        if word.endswith("i"):
            out += [word[:-1] + "o", word[:-1] + "e"]
        elif word.endswith("e"):
            out.append(word[:-1] + "a")
    return out


class Agreement(NamedTuple):
    """What the words of a match agree in: number and gender (None: not known)."""

    plural: bool | None
    gender: str | None


# -- determiners --------------------------------------------------------------------
#
# A paradigm maps a slot (gender, number, sound of the next word) to a form. Sounds:
# "c" consonant, "v" vowel (French and Italian elide, English takes "an"), "s" the
# Italian impure s, z, gn, ps, x, y (which take "lo", "uno", "gli"). "*" matches any.

Slot = tuple[str, str, str]


class Determiner(NamedTuple):
    """A determiner found right before a match (prose-text offsets)."""

    start: int
    end: int  # the end of the determiner word (the gap to the match follows)
    word: str
    paradigm: Mapping[Slot, str]
    slots: frozenset[Slot]

    @property
    def plural(self) -> bool | None:
        numbers = {s[1] for s in self.slots}
        return (numbers == {"pl"}) if len(numbers) == 1 and "x" not in numbers else None

    @property
    def gender(self) -> str | None:
        genders = {s[0] for s in self.slots}
        return next(iter(genders)) if len(genders) == 1 and "x" not in genders else None


def _p(**forms: str) -> dict[Slot, str]:
    """A paradigm from keyword slots such as m_sg_c="le" (gender_number_sound)."""
    return {tuple(k.split("_")): v for k, v in forms.items()}  # type: ignore[misc]


def _gendered(m_sg: str, f_sg: str, m_pl: str, f_pl: str) -> dict[Slot, str]:
    return _p(m_sg_x=m_sg, f_sg_x=f_sg, m_pl_x=m_pl, f_pl_x=f_pl)


def _it_series(stem: str) -> dict[Slot, str]:
    """An Italian article or preposition + article: il lo l' la i gli le, del dello…"""
    if stem == "":
        il, lo, el, la, i, gli, le = ("il", "lo", "l'", "la", "i", "gli", "le")
    else:
        il, lo, el, la, i, gli, le = (stem + s for s in ("l", "llo", "ll'", "lla", "i", "gli", "lle"))
    return _p(m_sg_c=il, m_sg_s=lo, m_sg_v=el, f_sg_c=la, f_sg_s=la, f_sg_v=el,
              m_pl_c=i, m_pl_s=gli, m_pl_v=gli, f_pl_x=le)


_PARADIGMS: dict[str, list[dict[Slot, str]]] = {
    "en": [_p(x_sg_c="a", x_sg_v="an")],
    "fr": [
        _p(m_sg_c="le", m_sg_v="l'", f_sg_c="la", f_sg_v="l'", x_pl_x="les"),
        _p(m_sg_x="un", f_sg_x="une"),
        _p(m_sg_c="du", m_sg_v="de l'", f_sg_c="de la", f_sg_v="de l'", x_pl_x="des"),
        _p(m_sg_c="au", m_sg_v="à l'", f_sg_c="à la", f_sg_v="à l'", x_pl_x="aux"),
        _p(m_sg_c="ce", m_sg_v="cet", f_sg_x="cette", x_pl_x="ces"),
        _p(x_x_c="de", x_x_v="d'"),
        _p(m_sg_x="mon", f_sg_c="ma", f_sg_v="mon", x_pl_x="mes"),
        _p(m_sg_x="ton", f_sg_c="ta", f_sg_v="ton", x_pl_x="tes"),
        _p(m_sg_x="son", f_sg_c="sa", f_sg_v="son", x_pl_x="ses"),
        _gendered("aucun", "aucune", "aucuns", "aucunes"),
        _gendered("certain", "certaine", "certains", "certaines"),
        _gendered("nombreux", "nombreuse", "nombreux", "nombreuses"),
        _gendered("quel", "quelle", "quels", "quelles"),
    ],
    "es": [
        _gendered("el", "la", "los", "las"),
        _gendered("un", "una", "unos", "unas"),
        _gendered("del", "de la", "de los", "de las"),
        _gendered("al", "a la", "a los", "a las"),
        _gendered("este", "esta", "estos", "estas"),
        _gendered("ese", "esa", "esos", "esas"),
        _gendered("aquel", "aquella", "aquellos", "aquellas"),
        _gendered("algún", "alguna", "algunos", "algunas"),
        _gendered("ningún", "ninguna", "ningunos", "ningunas"),
        _gendered("otro", "otra", "otros", "otras"),
        _gendered("nuestro", "nuestra", "nuestros", "nuestras"),
        _gendered("muchos", "muchas", "muchos", "muchas"),
    ],
    "it": [
        _it_series(""),
        *(_it_series(stem) for stem in ("de", "a", "da", "ne", "su")),
        _p(m_sg_c="un", m_sg_v="un", m_sg_s="uno", f_sg_c="una", f_sg_s="una", f_sg_v="un'"),
        _p(m_sg_c="nessun", m_sg_v="nessun", m_sg_s="nessuno", f_sg_c="nessuna",
           f_sg_s="nessuna", f_sg_v="nessun'"),
        _p(m_sg_c="quel", m_sg_s="quello", m_sg_v="quell'", f_sg_c="quella", f_sg_s="quella",
           f_sg_v="quell'", m_pl_c="quei", m_pl_s="quegli", m_pl_v="quegli", f_pl_x="quelle"),
        _gendered("questo", "questa", "questi", "queste"),
        _gendered("alcun", "alcuna", "alcuni", "alcune"),
    ],
    "pt": [
        _gendered("o", "a", "os", "as"),
        _gendered("um", "uma", "uns", "umas"),
        *(_gendered(p + "o", p + "a", p + "os", p + "as") for p in ("d", "n", "pel")),
        _gendered("ao", "à", "aos", "às"),
        _gendered("num", "numa", "nuns", "numas"),
        _gendered("dum", "duma", "duns", "dumas"),
        *(_gendered(s + "e", s + "a", s + "es", s + "as")
          for s in ("est", "ess", "aquel", "dest", "dess", "daquel", "nest", "ness", "naquel")),
        _gendered("algum", "alguma", "alguns", "algumas"),
        _gendered("nenhum", "nenhuma", "nenhuns", "nenhumas"),
        _gendered("outro", "outra", "outros", "outras"),
        _gendered("seu", "sua", "seus", "suas"),
        _gendered("nosso", "nossa", "nossos", "nossas"),
        _gendered("muitos", "muitas", "muitos", "muitas"),
    ],
}
# In these languages a singular determiner wins over a noun that looks plural
# ("un sans-papiers"); elsewhere a clash means the word is not a determiner
# (Portuguese "a" is also a preposition: "a migrantes").
_DETERMINER_WINS = {"fr"}
# Determiner forms that are only read, never written (Italian "quest'" before a vowel).
_READ_ONLY = {"it": {"quest'": ("questo", "questa")}}

_APOSTROPHES = "'’"
_FR_MUTE_H = ("hab", "hom", "hôt", "hum", "heur", "hon", "hôp", "héb", "hist", "hyp", "hiv", "hér")


def _phon(word: str, lang: str, acronym: bool = False) -> str:
    """The sound class of a word's beginning, as the determiners of `lang` need it."""
    w = word.lower()
    if not w:
        return "c"
    if lang == "en":
        return "v" if en_article(word, acronym=acronym) == "an" else "c"
    vowel = w[0] in "aeiouàâäáéèêëíìîïóòôöúùûüœæy"
    if lang == "fr":
        return "v" if vowel or w.startswith(_FR_MUTE_H) else "c"
    if lang == "it":
        if w[0] == "s" and len(w) > 1 and w[1] not in "aeiouàèéìòù":
            return "s"
        if w.startswith(("z", "gn", "ps", "pn", "x", "y")) or (w[0] in "ij" and w[1:2] in tuple("aeiou")):
            return "s"
        return "v" if vowel else "c"
    return "v" if vowel else "c"


def _slot_matches(slot: Slot, wanted: Slot) -> bool:
    return all(a == "x" or b == "*" or a == b for a, b in zip(slot, wanted, strict=True))


def _form_for(paradigm: Mapping[Slot, str], wanted: Slot) -> set[str]:
    return {form for slot, form in paradigm.items() if _slot_matches(slot, wanted)}


_DET_CACHE: dict[str, list[tuple[str, Mapping[Slot, str], frozenset[Slot]]]] = {}


def _determiners(lang: str) -> list[tuple[str, Mapping[Slot, str], frozenset[Slot]]]:
    """Every determiner form of `lang`, longest first, with the slots it can fill."""
    if lang not in _DET_CACHE:
        entries: dict[tuple[str, int], set[Slot]] = {}
        order: list[tuple[str, Mapping[Slot, str]]] = []
        for paradigm in _PARADIGMS.get(lang, ()):
            by_form: dict[str, set[Slot]] = {}
            for slot, form in paradigm.items():
                by_form.setdefault(form, set()).add(slot)
            for form, slots in by_form.items():
                entries[(form, id(paradigm))] = slots
                order.append((form, paradigm))
            for alias, targets in _READ_ONLY.get(lang, {}).items():
                slots = {s for f in targets for s in by_form.get(f, ())}
                if slots:
                    entries[(alias, id(paradigm))] = {(g, n, "v") for g, n, _ in slots}
                    order.append((alias, paradigm))
        out = [(form, par, frozenset(entries[(form, id(par))])) for form, par in order]
        out.sort(key=lambda e: -len(e[0]))
        _DET_CACHE[lang] = out
    return _DET_CACHE[lang]


def determiner_before(text: str, start: int, lang: str) -> Determiner | None:
    """The determiner (article, demonstrative…) written right before text offset `start`."""
    if lang not in _PARADIGMS:
        return None
    lo = max(0, start - 24)
    before = text[lo:start]
    # NUL stands for markup the format adapter took out of the prose ("an <span>illegal …")
    gap = rx.search(r"[ \t\u00a0\u202f\x00]*(?:\r\n|\r|\n)?[ \t\u00a0\u202f\x00]*\Z", before)
    gap_start = lo + (gap.start() if gap else len(before))
    for form, paradigm, slots in _determiners(lang):
        elided = form.endswith("'")
        end = start if elided else gap_start
        if elided and gap_start != start:
            continue
        if not elided and end == start:
            continue  # a full word needs a space before the match
        begin = end - len(form)
        if begin < 0:
            continue
        written = text[begin:end]
        if _norm_apostrophe(written.lower()) != form:
            continue
        if begin > 0 and (text[begin - 1].isalnum() or text[begin - 1] in _APOSTROPHES):
            continue
        return Determiner(begin, end, written, paradigm, slots)
    return None


def _norm_apostrophe(text: str) -> str:
    return text.replace("’", "'")


def agreement(text: str, start: int, head: str, lang: str, det: Determiner | None) -> Agreement:
    """Number and gender of a match: its determiner first, then its head word."""
    plural = is_plural(head, lang) if head else None
    head_gender = gender(head, lang) if head else None
    if det is None or lang == "en":
        return Agreement(plural, head_gender)
    det_plural = det.plural
    if det_plural is not None and plural is not None and det_plural != plural:
        if lang not in _DETERMINER_WINS:
            return Agreement(plural, head_gender)  # not a determiner of this noun
        plural = det_plural
    elif plural is None:
        plural = det_plural
    return Agreement(plural, det.gender or head_gender)


def determiner_for(det: Determiner, next_word: str, target_gender: str | None, lang: str,
                   *, apostrophe: str = "'", acronym: bool = False) -> str | None:
    """The form `det` must take before `next_word` (None: the word cannot be sure).

    The slot keeps the determiner's own number; the gender is the new noun's when it is
    known, else the determiner's; the sound is the new word's.
    """
    sound = _phon(next_word, lang, acronym=acronym)
    numbers = {s[1] for s in det.slots}
    genders = {target_gender} if target_gender else {s[0] for s in det.slots}
    candidates: set[str] = set()
    for g in genders:
        for n in numbers:
            candidates |= _form_for(det.paradigm, (g, n, sound) if g != "x" else ("*", n, sound))
    if len(candidates) != 1:
        return None
    form = next(iter(candidates))
    if "'" in form:
        form = form.replace("'", apostrophe)
    return _case_of(det.word, form)


def _case_of(source: str, word: str) -> str:
    letters = [c for c in source if c.isalpha()]
    if len(letters) > 1 and all(c.isupper() for c in letters):
        return word.upper()
    if source[:1].isupper():
        return word[:1].upper() + word[1:]
    return word


# -- articles and elision inside a replacement --------------------------------------

_EN_AN_EXCEPT = rx.lazy(
    r"^(?:uni(?![nmd])|usa|use|usu|uti|uto|ute|ura|ure|uri|uro|ubi|uga|uk|uru|eu|ewe|one|once)", rx.IGNORECASE
)
_EN_AN_H = rx.lazy(r"^(?:hour|honest|honou?r|heir)", rx.IGNORECASE)
_EN_VOWEL_LETTER = set("aefhilmnorsx")  # letters whose names start with a vowel sound


def en_article(next_word: str, *, acronym: bool | None = None) -> str:
    """"a" or "an" before `next_word`. An acronym (UN, NGO) goes by its first letter's name."""
    word = next_word.lstrip("\"'“‘(")
    if not word:
        return "a"
    if acronym is None:
        acronym = _looks_acronym(word)
    if acronym:
        return "an" if word[0].lower() in _EN_VOWEL_LETTER else "a"
    if word[0].isdigit():
        return "an" if rx.match(r"^(?:8|11|18|80)", word) else "a"
    w = word.lower()
    if _EN_AN_EXCEPT.match(w):
        return "a"
    if _EN_AN_H.match(w):
        return "an"
    return "an" if w[0] in "aeiou" else "a"


def _looks_acronym(word: str) -> bool:
    core = rx.match(r"[\p{L}]+", word)
    return core is not None and 2 <= len(core.group()) <= 6 and core.group().isupper()


def _an(m: rx.Match[str], cased: bool) -> str:
    article = en_article(m.group(2), acronym=cased and _looks_acronym(m.group(2)))
    return _case_of(m.group(1), article) + " " + m.group(2)


def tidy(text: str, lang: str, *, cased: bool = True) -> str:
    """Make a rendered replacement's own articles agree ("a irregular" -> "an irregular").

    English: a/an. French: elision of le, la, de, que before a vowel. Italian: lo, la
    before a vowel. `cased` says whether `text` still has its template's case (so that
    acronyms can be told); pass False for text already put into upper case.
    """
    if lang == "en":
        return rx.sub(
            r"(?<![\w'’])([Aa]n?) ([\w\-]+)",
            lambda m: _an(m, cased),
            text,
        )
    if lang == "fr":
        return rx.sub(
            r"(?<![\w'’])([Ll][ea]|[Dd]e|[Qq]ue) (?=([\w\-]+))",
            lambda m: (m.group(1)[0] + "'") if _phon(m.group(2), "fr") == "v" else m.group(0),
            text,
        )
    if lang == "it":
        return rx.sub(
            r"(?<![\w'’])([Ll][oa]) (?=([\w\-]+))",
            lambda m: (m.group(1)[0] + "'") if _phon(m.group(2), "it") == "v" else m.group(0),
            text,
        )
    return text


# -- inflection ---------------------------------------------------------------------


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
        elif (agreed := _agree(low, lemma, target, lang)) is not None:
            out = agreed
        else:
            suffix_lemma, suffix_word = _endings(lemma, low)
            if suffix_lemma and target.endswith(suffix_lemma):
                out = target[: len(target) - len(suffix_lemma)] + suffix_word
            elif not suffix_lemma:
                out = target + suffix_word
    if possessive:
        out += word[len(base) :]
    return out


def _agree(word: str, lemma: str, target: str, lang: str) -> str | None:
    """`target` in the gender and number slot that `word` fills in `lemma`'s paradigm
    (FR, ES, IT, PT: "illégaux" of "illégal" gives "irréguliers" of "irrégulier").
    Only the first word of a several-word target is inflected."""
    slots = morphology.paradigm(lemma, lang)
    if slots is None or word not in slots:
        return None
    head, _, rest = target.partition(" ")
    wanted = morphology.paradigm(head, lang)
    if wanted is None:
        return None
    inflected = wanted[slots.index(word)]
    return f"{inflected} {rest}" if rest else inflected


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


# Russian: the ending of the nominative (singular: the lemma's own; plural: -ы or -и in
# place of the lemma's -а, -я, -ь or after its consonant, with a fleeting vowel: беженец,
# беженцы), as (the lemma's ending, the word's).
_RU_NOMINATIVE = frozenset({("", ""), ("", "ы"), ("", "и"), ("а", "ы"), ("а", "и"), ("я", "и"), ("ь", "и"),
                            ("ец", "цы"), ("ек", "ки"), ("ок", "ки")})


def is_nominative(word: str, lemmas: Iterable[str], lang: str) -> bool:
    """Whether `word` (a form of one of `lemmas`) is in the nominative: a replacement written
    in the nominative fits it ("нелегалы", not "нелегалами"). True in languages without case
    endings, and for a word of none of the lemmas (nothing tells)."""
    if lang != "ru":
        return True
    low = strip_possessive(word)[0].lower()
    lemma = lemma_of(low, lemmas, lang)
    return lemma is None or _endings(lemma, low) in _RU_NOMINATIVE


def _endings(lemma: str, word: str) -> tuple[str, str]:
    """What follows the beginning that `lemma` and `word` share: the lemma's ending, the word's."""
    k = 0
    while k < min(len(word), len(lemma)) and word[k] == lemma[k]:
        k += 1
    return lemma[k:], word[k:]


def lemma_of(word: str, lemmas: Iterable[str], lang: str) -> str | None:
    """Which of `lemmas` `word` is a form of."""
    base = strip_possessive(word)[0].lower()
    for lemma in lemmas:
        if base == lemma or base in morphology.forms(lemma, lang):
            return lemma
    return None


# -- case -------------------------------------------------------------------------

_SMALL = {
    lang: set(words.split())
    for lang, words in {
        "en": "a an the in of and or to for on with at by as from",
        "fr": "un une le la les l de des du d en et ou à au aux sans pour sur",
        "es": "un una el la los las de del en y e o u a al sin por con",
        "it": "un una il lo la i gli le di del della in e o a senza per con",
        "pt": "um uma o a os as de do da dos das em e ou sem por com",
        "de": "",
    }.items()
}


def small_words(lang: str) -> set[str]:
    return _SMALL.get(lang, _SMALL["en"])


_FIRST_WORD = rx.lazy(r"\p{L}+")


def match_case(source: str, replacement: str, lang: str = "en", *, title: bool = False,
               mid_sentence: bool = False) -> str:
    """Give `replacement` the capitalisation pattern of `source`.

    ALL CAPS stays all caps; a Title Case source (or a match inside a Title Case heading,
    `title`) gives Title Case; a capitalised first word stays capitalised, except one word
    in capitals for emphasis in the middle of a sentence ("arrested ILLEGAL immigrants"),
    whose capitals belong to that word only.
    """
    letters = [c for c in source if c.isalpha()]
    if not letters or not replacement:
        return replacement
    if len(letters) > 1 and all(c.isupper() for c in letters):
        return replacement.upper()
    first = _FIRST_WORD.match(source)
    if mid_sentence and not title and first is not None and len(first.group()) > 1 and first.group().isupper():
        return replacement
    # Words the replacement carries over as they are ("Afghans" in "Illegal Afghans") keep
    # their own capital: a proper noun says nothing about a title.
    kept = set(rx.findall(r"\p{L}+", replacement))
    words = [w for w in rx.findall(r"\p{L}+", source) if w not in kept]
    # German capitalises every noun (and writes headlines in sentence case): capitals
    # there say nothing about a title.
    if lang != "de" and (title or (len(words) >= 2 and all(w[0].isupper() for w in words))):
        return title_case(replacement, lang, first=source[:1].isupper() or title)
    if letters[0].isupper() and not replacement[:1].isupper():
        return replacement[0].upper() + replacement[1:]
    return replacement


def title_case(text: str, lang: str = "en", *, first: bool = True) -> str:
    """Capitalise every word except the small ones (articles, short prepositions)."""
    small = small_words(lang)
    words = text.split(" ")
    out = []
    for i, w in enumerate(words):
        if (i or not first) and w.lower() in small:
            out.append(w)
        else:
            out.append(w[:1].upper() + w[1:])
    return " ".join(out)


def is_title_line(words: list[str], lang: str) -> bool:
    """Whether a line of words is a Title Case heading (every word that counts is capitalised)."""
    small = small_words(lang)
    counted = [w for w in words if w.lower() not in small]
    if len(words) < 2 or not counted:
        return False
    if all(w.isupper() for w in counted if len(w) > 1):
        return False  # all caps: case follows the match itself
    return all(w[:1].isupper() or w[:1].isdigit() for w in counted)

"""Which of termlint's nine languages a paragraph is written in.

A small detector of our own, because the job is narrow: tell nine known languages apart
in a paragraph, deterministically, with no model to download and no start-up cost.
Arabic, Chinese and Russian are told by their script. The six Latin-script languages
(en, fr, es, it, pt, de) are told by three kinds of evidence, each weighted by how few of
the languages share it:

* function words ("the", "les", "los", "gli", "não", "und"), the strongest evidence;
* the vocabulary of migration texts ("inmigrantes", "clandestini", "imigração"), because
  termlint only asks about paragraphs that hold one of its terms, and those words often
  carry a headline that has no function word at all;
* spelling: letters, endings and elisions that belong to few languages ("ñ", "-ção",
  "-zione", "l’", "dell’", "ß").

A paragraph gets a language only when the evidence is enough and clearly favours one
language; otherwise `detect` returns None and the caller falls back to the document's
language. The same text always gives the same answer.
"""
from __future__ import annotations

import functools
from collections.abc import Callable, Sequence

from termlint import rx
from termlint.records import NamedTuple

_STOPWORDS: dict[str, str] = {
    "en": "the and of to in is was were that for with are on as by this from have has had it be "
    "not which their they or an at said would been who its but will there these those than "
    "also such into about should could after between other what where when how no we our "
    "you he she his her them can all more new over out up under any must did does do may "
    "every two three off",
    "fr": "le la les des du de et est une un dans pour que qui pas sur au aux ont été sont par "
    "avec ce cette ces il elle ne se en leur leurs mais ou où comme plus nous vous ils "
    "elles être avait selon depuis contre entre sans à son sa ses lors dont très ont sont "
    "aussi car donc ni personne aucun aucune chez après avant puis était étaient sera y "
    "quand tout tous toute toutes même fait faire peut doit ainsi encore vers alors déjà "
    "moins deux trois",
    "es": "el la los las del de y que en es por con una un para se al como más su sus han fue "
    "ha lo este esta estos estas son pero entre sin sobre también desde hasta muy ya "
    "porque cuando donde según están a le les fueron era eran ser hay nadie ningún ninguna "
    "otro otros otras tras ante durante sido cada mismo después así todo todos toda "
    "todas puede debe hace hacer dos tres aún menos entonces contra",
    "it": "il lo la gli le i della delle dei degli del di e che per con una un uno non sono è "
    "nel nella nei negli alla alle al ai agli si anche come più ha hanno questo questa "
    "sulla sulle sul dalla dalle dal dai tra fra ma perché quando dove essere stato stata "
    "stati sono erano era ad ed da in nessuno nessun ci ne cui loro dopo verso senza già "
    "tutto tutti tutta tutte può deve fa fare due tre ancora meno allora",
    "pt": "o os a as da do das dos de e que em não uma um para com na no nas nos ao aos à é foi "
    "são pelo pela pelos pelas mais se seu sua também entre como mas quando onde está estão "
    "seus suas sem ser ter tem têm foram era eram já ninguém nenhum nenhuma este esta "
    "isso essa esse há num numa após sobre até muito todo todos toda todas pode deve "
    "faz fazer dois três ainda menos então desde durante contra",
    "de": "der die das und ist nicht ein eine den dem des mit von zu auf für sich im sind wird "
    "wurde wurden auch bei aus nach als es dass einer eines einem werden oder aber noch "
    "nur über vor zum zur kein keine ohne gegen mehr einen einem einer ihr ihre ihren wir er "
    "dieser diese dieses haben waren sein seine seinen wenn weil wie wer bis seit doch schon "
    "sehr hier dort jetzt durch unter zwischen sagte laut sowie jedoch bereits wieder soll "
    "sollen muss müssen kann können",
}
# Words of migration texts, often the only words of a headline.
_VOCABULARY: dict[str, str] = {
    "en": "migrants immigrants refugees illegal border asylum seekers arrivals people "
    "undocumented foreigners crossing crossings immigration migration aliens deported "
    "deportation detained smugglers",
    "fr": "migrants immigrés immigrants réfugiés illégal illégaux illégale illégales "
    "clandestin clandestins clandestine clandestines frontière frontières étrangers "
    "étranger sans-papiers demandeurs asile arrivées irrégulière irréguliers irrégulier "
    "situation préfecture interpellés secourus personnes vague immigration migration "
    "migratoire migratoires expulsés reconduite passeurs",
    "es": "migrantes inmigrantes refugiados ilegal ilegales clandestinos clandestino frontera "
    "fronteras extranjeros extranjero papeles solicitantes asilo llegadas llegada "
    "irregulares irregular situación pateras patera cayuco cayucos indocumentados "
    "personas oleada avalancha inmigración migración detenidos migratorio migratoria "
    "migratorios migratorias traficantes policía detuvo detenida detenidas",
    "it": "migranti immigrati rifugiati illegale illegali clandestini clandestino clandestina "
    "clandestine frontiera frontiere stranieri straniero richiedenti asilo arrivi sbarchi "
    "sbarco irregolari irregolare situazione persone ondata immigrazione migrazione "
    "migratorio migratoria migratori migratorie scafisti barconi polizia carabinieri questura "
    "arrestato arrestati arrestata arrestate fermato fermati fermata fermate",
    "pt": "migrantes imigrantes refugiados ilegal ilegais clandestinos clandestino fronteira "
    "fronteiras estrangeiros estrangeiro sem-papéis requerentes asilo chegadas chegada "
    "irregulares irregular situação pessoas imigração migração cidadãos migratório "
    "migratória migratórios migratórias polícia detidos detido detida detidas",
    "de": "migranten flüchtlinge geflüchtete illegale illegal grenze ausländer asyl "
    "asylbewerber menschen einwanderer zuwanderung einwanderung illegalen illegaler illegales "
    "illegalität migrantin migrantinnen flüchtling asylsuchende schutzsuchende abschiebung "
    "abschiebungen abgeschoben einreise eingereist aufenthalt duldung geduldet papierlose "
    "schleuser zuwanderer polizei bundespolizei lebt lebten wohnt wohnten arbeitet raus stoppen "
    "festgenommen",
}
# Spelling: letters and endings that belong to few languages. Each entry is (endings,
# beginnings, inner strings, languages, weight); a word of three letters or more counts
# once per entry when any of its strings fits.
_SPELLING: tuple[tuple[tuple[str, ...], tuple[str, ...], tuple[str, ...], str, float], ...] = (
    ((), (), ("ñ",), "es", 1.0),
    (("ción", "ciones", "sión", "siones"), (), (), "es", 1.0),
    (("ção", "ções", "são", "sões"), (), (), "pt", 1.0),
    ((), (), ("ã", "õ"), "pt", 1.0),
    (("zione", "zioni", "sione", "sioni"), (), (), "it", 1.0),
    (("tion", "tions"), (), (), "en fr", 0.6),
    (("ità", "ò", "ù"), (), (), "it", 0.8),
    (("eau", "eaux", "aux"), (), ("œ", "ça", "ço", "çu", "ê", "â", "î", "û", "ë", "ï"), "fr", 0.4),
    (("ée", "ées", "és", "ait", "aient", "ement", "ements"), (), (), "fr", 0.6),
    ((), ("cc", "zz", "gl"), ("cch", "zz", "gli", "gna", "gne", "gni", "gno", "vv", "bb", "dd"), "it", 0.4),
    ((), (), ("nha", "nhe", "nhi", "nho", "nhu", "lha", "lhe", "lhi", "lho", "lhu"), "pt", 0.6),
    (("ei", "eis", "eir", "ou", "ões"), (), ("ê",), "pt", 0.4),
    (("ado", "ados", "ada", "adas", "ido", "idos", "ida", "idas"), (), (), "es pt", 0.4),
    (("aron", "ieron", "ía", "ías", "dad", "dades"), (), (), "es", 0.6),
    (("ati", "iti", "uti", "ato", "ata", "ate"), (), (), "it", 0.4),
    (("zia", "zie", "zio"), (), (), "it", 0.4),  # polizia, notizie, servizio (es: -cia, -cio)
    (("i",), (), (), "it", 0.15),
    (("os", "as"), (), (), "es pt", 0.2),
    (("ung", "ungen"), (), ("ß", "ä", "ö", "ü", "sch", "cht"), "de", 0.6),
    (("ing", "ed", "ly"), ("th", "wh"), (), "en", 0.4),
)
# Elided articles and pronouns before an apostrophe: "l’immigration", "dell’immigrazione",
# "qu’il"; and the English possessive "'s".
_ELIDED: dict[str, tuple[str, float]] = {
    **dict.fromkeys(("qu", "n", "s", "j", "c", "jusqu", "lorsqu", "puisqu"), ("fr", 1.0)),
    **dict.fromkeys(("dell", "nell", "all", "dall", "sull", "quest", "quell", "un", "po"), ("it", 1.0)),
    **dict.fromkeys(("l", "d"), ("fr it", 0.5)),
}
_ELISION = rx.lazy(r"(?<!\p{L})(\p{L}+)['’](?=\p{L})")
_POSSESSIVE = rx.lazy(r"\p{L}['’]s(?!\p{L})")

_LANGS = tuple(_STOPWORDS)


@functools.cache
def known_words() -> frozenset[str]:
    """Every function word and migration word the detector knows, in lower case."""
    return frozenset(w for table in (_STOPWORDS, _VOCABULARY) for words in table.values() for w in words.split())
_LANG_INDEX = {lang: k for k, lang in enumerate(_LANGS)}


def _merged() -> dict[str, tuple[tuple[int, float], ...]]:
    """Each word's evidence as (language index, weight) pairs: one look-up per word. In
    each table a word weighs 1 / the number of languages whose list holds it."""
    out: dict[str, dict[int, float]] = {}
    for tables in (_STOPWORDS, _VOCABULARY):
        owners: dict[str, list[int]] = {}
        for k, lang in enumerate(_LANGS):
            for word in set(tables[lang].split()):
                owners.setdefault(word, []).append(k)
        for word, langs in owners.items():
            weight = 1.0 / len(langs)
            slot = out.setdefault(word, {})
            for k in langs:
                slot[k] = slot.get(k, 0.0) + weight
    return {w: tuple(sorted(v.items())) for w, v in out.items()}


_WORD_EVIDENCE: dict[str, tuple[tuple[int, float], ...]] = {}  # filled on first use (_merged)
_SPELLING_IDX = tuple(
    (ends, starts, inner, tuple(_LANGS.index(lang) for lang in langs.split()), weight)
    for ends, starts, inner, langs, weight in _SPELLING
)


def _ascii_only(pieces: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(p for p in pieces if p.isascii())


# The same entries for a word of ASCII letters: only their ASCII strings can fit it.
_SPELLING_ASCII = tuple(
    entry for entry in (
        (_ascii_only(ends), _ascii_only(starts), _ascii_only(inner), langs, weight)
        for ends, starts, inner, langs, weight in _SPELLING_IDX
    )
    if entry[0] or entry[1] or entry[2]
)
_ELIDED_IDX = {
    prefix: (tuple(_LANGS.index(lang) for lang in langs.split()), weight)
    for prefix, (langs, weight) in _ELIDED.items()
}

_WORD = rx.lazy(r"\p{L}+(?:-\p{L}+)*")
_SCRIPTS = (
    ("ar", rx.lazy(r"\p{Arabic}")),
    ("zh", rx.lazy(r"\p{Han}")),
    ("ru", rx.lazy(r"\p{Cyrillic}")),
)
_SCRIPT_LANGS = frozenset(lang for lang, _ in _SCRIPTS)
_NON_LATIN = rx.lazy(r"[\p{Arabic}\p{Han}\p{Cyrillic}]")
_LETTER = rx.lazy(r"\p{L}")
_SAMPLE = 3000
_MIN_SCORE = 1.0  # evidence needed at all
_MIN_RATIO = 1.3  # how far the best language must lead the next
_FEW_WORDS = 3.0  # a winning score below this is a few words' worth (a heading, a caption, a cell)
_LEAN = 0.5  # what a few words' text gets for being in the language of its document
_CLEAR_SCORE, _CLEAR_RATIO = 2.0, 2.0  # a sentence that says its language on its own
_MIXED_SHARE = 0.2  # another language's share of a paragraph's evidence worth a look per sentence


_CACHE_SIZE = 50_000
_word_cache: dict[str, tuple[tuple[int, float], ...]] = {}


def _word_evidence(word: str) -> tuple[tuple[int, float], ...]:
    """What one lower-case word says: its function-word and vocabulary weights, then its
    spelling. Words repeat, so the answer is kept (a bounded cache; pure)."""
    found = _word_cache.get(word)
    if found is not None:
        return found
    if not _WORD_EVIDENCE:  # built when a run first detects a language (not at import)
        _WORD_EVIDENCE.update(_merged())
    pairs = list(_WORD_EVIDENCE.get(word, ()))
    if len(word) >= 3:
        for ends, starts, inner, langs, weight in _SPELLING_ASCII if word.isascii() else _SPELLING_IDX:
            if (ends and word.endswith(ends)) or (starts and word.startswith(starts)) or (
                inner and any(map(word.__contains__, inner))
            ):
                pairs.extend((k, weight / len(langs)) for k in langs)
    found = tuple(pairs)
    if len(_word_cache) >= _CACHE_SIZE:
        _word_cache.clear()
    _word_cache[word] = found
    return found


class Evidence(NamedTuple):
    """What a piece of text says about its language: its letters, its letters in each of
    the scripts of _SCRIPTS (ar, zh, ru), and the scores of the Latin-script languages of
    _LANGS (en, fr, es, it, pt, de). Evidence adds up: the evidence of a paragraph is the
    sum of the evidence of its sentences (which never split a word)."""

    letters: int
    ar: int
    zh: int
    ru: int
    en: float
    fr: float
    es: float
    it: float
    pt: float
    de: float

    @property
    def scripts(self) -> tuple[int, int, int]:
        return (self.ar, self.zh, self.ru)

    @property
    def totals(self) -> tuple[float, ...]:
        return self[_FIRST_LATIN:]


_FIRST_LATIN = len(Evidence._fields) - len(_LANGS)  # where the Latin-script scores start
NO_EVIDENCE = Evidence(0, 0, 0, 0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0)


def total(parts: Sequence[Evidence]) -> Evidence:
    """The sum of several pieces of evidence (the sentences of a paragraph)."""
    if len(parts) == 1:
        return parts[0]
    if not parts:
        return NO_EVIDENCE
    return tuple.__new__(Evidence, map(sum, zip(*parts, strict=False)))  # Evidence(*sums), made in C


def evidence(text: str) -> Evidence:
    """The evidence of `text` (all of it: callers take the sample they want)."""
    scripts: tuple[int, ...] = (0, 0, 0)
    letters = 0
    if not text.isascii() and _NON_LATIN.search(text):
        letters = len(_LETTER.findall(text))
        scripts = tuple(len(script.findall(text)) for _, script in _SCRIPTS)
    return Evidence(letters, *scripts, *_totals(text.lower()))


def _totals(sample: str) -> list[float]:
    totals = [0.0] * len(_LANGS)
    for word in _WORD.findall(sample):
        for k, weight in _word_evidence(word):
            totals[k] += weight
    if "'" in sample or "’" in sample:
        for prefix in _ELISION.findall(sample):
            found = _ELIDED_IDX.get(prefix)
            if found:
                langs, weight = found
                for k in langs:
                    totals[k] += weight / len(langs)
        totals[_LANGS.index("en")] += 0.5 * len(_POSSESSIVE.findall(sample))
    return totals


def scores(text: str) -> dict[str, float]:
    """The evidence for each Latin-script language in `text` (for tests and tuning)."""
    return dict(zip(_LANGS, _totals(text[:_SAMPLE].lower()), strict=True))


def decide(found: Evidence, lean: Callable[[], str | None] | None = None) -> str | None:
    """The language the evidence points to, or None when it is too little or unclear.

    `lean` gives the language of the document the text is part of (asked only when
    needed): when the evidence is a few words' worth ("Clandestine migrants", where
    "clandestine" is also French), that language gets _LEAN more, so that a heading of an
    English report is not taken for French while "Migrants clandestins" still is."""
    if found.letters:
        for (lang, _), count in zip(_SCRIPTS, found.scripts, strict=True):
            if count >= 2 and count / found.letters >= (0.15 if lang == "zh" else 0.3):
                return lang
    # Ties keep the fixed order of _LANGS: the answer never depends on anything but the text.
    totals = found.totals
    ranked = sorted(totals)
    score, runner = ranked[-1], ranked[-2]
    # The document's language is asked for only when leaning to it could change the answer:
    # not when the leader stays clear even with the runner-up leaned to.
    if lean is not None and score < _FEW_WORDS and not (
        score >= _MIN_SCORE and score >= (runner + _LEAN) * _MIN_RATIO
    ):
        document = lean()
        if document in _LANG_INDEX:
            leaning = list(found)
            leaning[_FIRST_LATIN + _LANG_INDEX[document]] += _LEAN
            return decide(tuple.__new__(Evidence, leaning))
    if score < _MIN_SCORE or score < runner * _MIN_RATIO:
        return None
    return _LANGS[totals.index(score)]


def decide_clearly(found: Evidence) -> str | None:
    """The language of a sentence that says it on its own: by its script, or by Latin-script
    evidence that is both ample and twice the next language's."""
    lang = decide(found)
    if lang is None or lang in _SCRIPT_LANGS:
        return lang
    ranked = sorted(found.totals)
    return lang if ranked[-1] >= _CLEAR_SCORE and ranked[-1] >= ranked[-2] * _CLEAR_RATIO else None


def could_hold_another(found: Evidence, lang: str) -> bool:
    """Whether some sentence of a text with this evidence could be clearly in a language
    other than `lang` (`decide_clearly`): evidence only adds up, so no sentence has more
    of a language than the whole text has. A sentence clearly in another language also
    weighs in the sum: where every other language has less than a fifth of the evidence of
    `lang`, none is worth looking for (nine paragraphs in ten of English prose)."""
    if found.letters:
        for (script, _), count in zip(_SCRIPTS, found.scripts, strict=True):
            if script != lang and count >= 2:
                return True
    totals = found.totals
    own = totals[_LANG_INDEX[lang]] if lang in _LANG_INDEX else 0.0
    ranked = sorted(totals)
    best_other = ranked[-2] if ranked[-1] == own else ranked[-1]
    return best_other >= _CLEAR_SCORE and best_other >= own * _MIXED_SHARE


def leaning(found: Evidence, default: str) -> str | None:
    """The Latin-script language with the most evidence, when there is enough of it and
    `default` has clearly less (too little to tell Spanish from Portuguese, enough to
    tell that the text is not English); None otherwise. Ties keep the order of _LANGS."""
    totals = found.totals
    score = max(totals)
    own = totals[_LANG_INDEX[default]] if default in _LANG_INDEX else 0.0
    if score < _MIN_SCORE or own * _MIN_RATIO > score:
        return None
    return _LANGS[totals.index(score)]


def detect(text: str) -> str | None:
    """The language of `text`, or None when it gives too little to go on."""
    return decide(evidence(text[:_SAMPLE]))


SAMPLE = _SAMPLE

"""Which of termlint's nine languages a paragraph is written in.

A small detector of our own, because the job is narrow: tell nine known languages apart
in a paragraph, deterministically, with no model to download and no start-up cost.
Arabic, Chinese and Russian are told by their script; the six Latin-script languages by
counting their most frequent function words, each weighted by how few of the languages
share it.
"""
from __future__ import annotations

from collections import Counter

import regex

_STOPWORDS: dict[str, str] = {
    "en": "the and of to in is was were that for with are on as by this from have has had it be "
    "not which their they or an at said would been who its but will there these those than "
    "also such into about should could after between other what where when how",
    "fr": "le la les des du et est une un dans pour que qui pas sur au aux ont été sont par avec "
    "ce cette il elle ne se en leur leurs mais ou où comme plus nous vous ils elles être "
    "avait sont selon depuis contre entre sans",
    "es": "el los las del y que en es por con una para se al como más su sus han fue ha lo este "
    "esta son pero entre sin sobre también desde hasta muy ya porque cuando donde estos "
    "según están",
    "it": "il lo gli della delle dei degli del e che di per con una non sono è nel nella alla al "
    "si anche come più ha hanno questo questa sulla dalla dal alle degli essere stato "
    "tra fra ma perché quando dove",
    "pt": "o os as da do das dos e que em não uma um para com na no nas nos ao é foi são pelo "
    "pela mais se seu sua também entre como mas quando onde está estão seus suas",
    "de": "der die das und ist nicht ein eine den dem des mit von zu auf für sich im sind wird "
    "wurde wurden auch bei aus nach als es dass einer eines einem werden oder aber noch "
    "nur über vor zum zur",
}
_WEIGHTS: dict[str, dict[str, float]] = {}
_owners: Counter[str] = Counter()
for _lang, _words in _STOPWORDS.items():
    _owners.update(set(_words.split()))
for _lang, _words in _STOPWORDS.items():
    _WEIGHTS[_lang] = {w: 1.0 / _owners[w] for w in set(_words.split())}

_WORD = regex.compile(r"\p{L}+")
_SCRIPTS = (
    ("ar", regex.compile(r"\p{Arabic}")),
    ("zh", regex.compile(r"\p{Han}")),
    ("ru", regex.compile(r"\p{Cyrillic}")),
)
_LETTER = regex.compile(r"\p{L}")
_SAMPLE = 3000


def detect(text: str) -> str | None:
    """The language of `text`, or None when it gives too little to go on."""
    sample = text[:_SAMPLE]
    letters = len(_LETTER.findall(sample))
    if not letters:
        return None
    for lang, script in _SCRIPTS:
        count = len(script.findall(sample))
        if count >= 2 and count / letters >= (0.15 if lang == "zh" else 0.3):
            return lang
    words = [w.lower() for w in _WORD.findall(sample)]
    scores = {lang: sum(table.get(w, 0.0) for w in words) for lang, table in _WEIGHTS.items()}
    ranked = sorted(scores.items(), key=lambda kv: -kv[1])
    best, score = ranked[0]
    runner = ranked[1][1]
    if score < 1.0 or score < runner * 1.2:
        return None
    return best

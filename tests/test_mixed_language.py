"""A document that mixes languages paragraph by paragraph (a bilingual summary record,
a multilingual NGO bulletin): each paragraph is checked with its own language's rules
only, and `--lang` / `languages:` restrict which rules run. The sentences are written
for this test. To cover a new language, add a row to PARAGRAPHS."""
from __future__ import annotations

import json

import pytest
from conftest import write
from hypothesis import given, settings
from hypothesis import strategies as st

from termlint import langid
from termlint.document import Document
from termlint.findings import Level
from termlint.matcher import Matcher, Options

# (language, paragraph, what the paragraph's own rules must find: a substring of a match)
PARAGRAPHS = [
    ("en", "Police detained twelve illegal immigrants at the port on Monday.", "illegal immigrants"),
    ("fr",
     "Des immigrés clandestins ont été découverts dans un camion près de Calais.", "immigrés clandestins"),
    ("es",
     "La Guardia Civil detuvo ayer a treinta inmigrantes ilegales en la costa.", "inmigrantes ilegales"),
    ("de", "Die Behörden schoben gestern mehrere illegale Einwanderer in ihre Herkunftsländer ab.",
     "illegale Einwanderer"),
    ("it", "La polizia ha fermato al porto un gruppo di immigrati clandestini.", "immigrati clandestini"),
    ("pt", "O avião trouxe de volta ao país dezenas de imigrantes ilegais.", "imigrantes ilegais"),
    ("ru",
     "Власти выслали из города нелегальных мигрантов, задержанных на стройке.", "нелегальных мигрантов"),
    ("ar", "رحّلت السلطات عشرات المهاجرين غير الشرعيين إلى بلدانهم الأسبوع الماضي.", "غير الشرعيين"),
    ("zh", "警方昨天在港口逮捕了十名非法移民。", "非法移民"),
]
# Headlines: short paragraphs with few function words.
HEADLINES = [
    ("fr", "Clandestins retrouvés dans un car près de Menton", "Clandestins"),
    ("es", "Detenidos cuarenta inmigrantes ilegales en Almería", "inmigrantes ilegales"),
    ("it", "Nuovi arrivi di clandestini in Calabria", "clandestini"),
    ("pt", "Imigrantes ilegais detidos no aeroporto de Lisboa", "Imigrantes ilegais"),
    ("en", "Illegal immigrants detained at the port", "Illegal immigrants"),
]


def present(bundled, rows):
    """The rows whose language has bundled rules (other languages may land later)."""
    langs = set(bundled.languages())
    return [row for row in rows if row[0] in langs]


def document(rows):
    text = "\n\n".join(p for _, p, _ in rows) + "\n"
    spans, at = [], 0
    for lang, para, _ in rows:
        spans.append((lang, at, at + len(para)))
        at += len(para) + 2
    return text, spans


def paragraph_of(spans, offset):
    return next(lang for lang, a, b in spans if a <= offset < b)


@pytest.fixture(scope="module")
def matcher(default_rules):
    return Matcher(default_rules, Options())


@pytest.mark.parametrize("table", ["paragraphs", "headlines"])
def test_each_paragraph_gets_only_its_own_language_s_findings(bundled, matcher, table):
    rows = present(bundled, PARAGRAPHS if table == "paragraphs" else HEADLINES)
    assert len(rows) >= 5
    text, spans = document(rows)
    found = matcher.check(Document("mixed.txt", text))
    by_rule = bundled.by_id()
    for f in found:
        lang = paragraph_of(spans, f.offset)
        assert f.language == lang, (f.rule, f.match, lang)
        assert by_rule[f.rule].language == lang, (f.rule, f.match, lang)
    for lang, para, expected in rows:
        mine = [f for f in found if paragraph_of(spans, f.offset) == lang]
        serious = [f for f in mine if f.level in (Level.WARNING, Level.ERROR)]
        assert any(expected in f.match for f in serious), (lang, para)


def test_the_same_words_in_a_neighbouring_language_are_left_to_that_language(bundled, matcher):
    """Spanish "ilegales" and Portuguese "ilegais", French "clandestins" and Italian
    "clandestini": each is found once, by its own language's rule."""
    rows = present(bundled, [
        ("es", "Los migrantes ilegales llegaron a Ceuta de madrugada.", "migrantes ilegales"),
        ("pt", "Os migrantes ilegais chegaram ao Algarve de madrugada.", "migrantes ilegais"),
        ("fr", "Les migrants clandestins ont débarqué à Pantelleria à l'aube.", "migrants clandestins"),
        ("it", "I migranti clandestini sono sbarcati a Pantelleria all'alba.", "migranti clandestini"),
    ])
    text, spans = document(rows)
    found = matcher.check(Document("mixed.txt", text))
    assert sorted((paragraph_of(spans, f.offset), f.language) for f in found) == sorted(
        (lang, lang) for lang, _, _ in rows
    )


def test_languages_restricts_the_rules_that_run(default_rules):
    rows = present(default_rules, PARAGRAPHS)
    text, spans = document(rows)
    matcher = Matcher(default_rules, Options(languages=("fr", "es")))
    found = matcher.check(Document("mixed.txt", text))
    assert {f.language for f in found} == {"fr", "es"}
    for f in found:
        assert paragraph_of(spans, f.offset) == f.language


def test_lang_forces_one_language_on_every_paragraph(run, tmp_path, default_rules):
    rows = present(default_rules, PARAGRAPHS)
    text, spans = document(rows)
    path = write(tmp_path, "mixed.txt", text)
    result = run(["check", "--lang", "fr", "--format", "json", str(path)])
    findings = json.loads(result.out)["findings"]
    assert findings, result.err
    assert {f["language"] for f in findings} == {"fr"}
    assert any("immigrés clandestins" in f["match"] for f in findings)


def test_the_json_report_gives_each_finding_s_language(run, tmp_path, default_rules):
    rows = present(default_rules, PARAGRAPHS)
    text, _ = document(rows)
    path = write(tmp_path, "mixed.txt", text)
    result = run(["check", "--format", "json", str(path)])
    findings = json.loads(result.out)["findings"]
    assert {f["language"] for f in findings} == {lang for lang, _, _ in rows}


def test_a_config_file_s_languages_restricts_the_rules(run, tmp_path, default_rules):
    rows = present(default_rules, PARAGRAPHS)
    text, _ = document(rows)
    path = write(tmp_path, "mixed.txt", text)
    config = write(tmp_path, "termlint.yaml", "languages: [it, pt]\n")
    result = run(["check", "--config", str(config), "--format", "json", str(path)])
    findings = json.loads(result.out)["findings"]
    assert {f["language"] for f in findings} == {"it", "pt"}, result.err


# -- the paragraph language detector ---------------------------------------------------------


@pytest.mark.parametrize("text, lang", [
    ("Illegal immigration", "en"),
    ("Immigration clandestine", "fr"),
    ("Inmigración ilegal", "es"),
    ("Immigrazione clandestina", "it"),
    ("Imigração ilegal", "pt"),
    ("Illegale Einwanderung", "de"),
    ("Незаконная миграция", "ru"),
    ("الهجرة غير الشرعية", "ar"),
    ("非法移民", "zh"),
])
def test_two_word_headlines_are_told_apart(text, lang):
    assert langid.detect(text) == lang


def test_a_short_german_sentence_with_few_common_words_is_german():
    # "Bahnhof" holds "nho", a Portuguese spelling: German function words must outweigh it
    assert langid.detect("Die Polizei nahm einen Illegalen am Bahnhof fest.") == "de"


@pytest.mark.parametrize("text", ["Lampedusa", "2023", "OK", "", "— 45 —"])
def test_the_detector_abstains_without_evidence(text):
    assert langid.detect(text) is None


def test_detection_depends_on_the_text_alone():
    texts = [p for _, p, _ in PARAGRAPHS + HEADLINES]
    first = [langid.detect(t) for t in texts]
    assert [langid.detect(t) for t in reversed(texts)] == list(reversed(first))


def test_an_undetectable_paragraph_takes_the_document_s_language(bundled, matcher):
    if "it" not in bundled.languages():
        pytest.skip("no Italian rules")
    text = ("Gli stranieri residenti nella provincia sono aumentati del dieci per cento.\n\n"
            "Extracomunitari, 2023\n")
    assert langid.detect("Extracomunitari, 2023") is None
    found = matcher.check(Document("it.txt", text))
    assert [(f.rule, f.language) for f in found] == [("it-extracomunitario", "it")]


@pytest.mark.parametrize("text, rule", [
    # Spanish, Portuguese or French? Too close to call, but clearly not English (the default).
    ("Enjambres de migrantes asaltan la valla de Ceuta.", "es-invasion"),
])
def test_a_short_document_without_a_clear_language_takes_the_one_it_leans_to(bundled, matcher, text, rule):
    if rule.split("-")[0] not in bundled.languages():
        pytest.skip("no rules of that language")
    assert langid.detect(text) is None
    assert [f.rule for f in matcher.check(Document("headline.txt", text + "\n"))] == [rule]


_FEW = st.floats(min_value=0.0, max_value=6.0, allow_nan=False) | st.sampled_from([0.0, 1.0, 1.3])


@settings(max_examples=400, deadline=None)
@given(st.lists(_FEW, min_size=6, max_size=6), st.integers(min_value=0, max_value=5))
def test_leaning_names_the_leader_only_when_the_default_is_clearly_behind(totals, k):
    found = langid.Evidence(0, 0, 0, 0, *totals)
    default = langid._LANGS[k]
    best = max(range(6), key=lambda i: (totals[i], -i))
    expected = langid._LANGS[best] if totals[best] >= 1.0 and totals[k] * 1.3 <= totals[best] else None
    assert langid.leaning(found, default) == expected
    assert langid.leaning(found, "zh") == (langid._LANGS[best] if totals[best] >= 1.0 else None)


# -- the decision rule itself -------------------------------------------------------------

_SCORE = st.floats(min_value=0.0, max_value=12.0, allow_nan=False) | st.sampled_from([0.0, 1.0, 1.3, 2.0, 2.6])


@settings(max_examples=400, deadline=None)
@given(st.lists(_SCORE, min_size=6, max_size=6))
def test_decide_takes_the_clear_leader_of_the_latin_scores(totals):
    """Without script evidence: the language with the highest score (the first in the fixed
    order on a tie) when it reaches the minimum and leads the runner-up by the ratio."""
    found = langid.Evidence(0, 0, 0, 0, *totals)
    best = max(range(6), key=lambda k: (totals[k], -k))
    others = totals[:best] + totals[best + 1 :]
    clear = totals[best] >= 1.0 and totals[best] >= max(others) * 1.3
    assert langid.decide(found) == (langid._LANGS[best] if clear else None)


@settings(max_examples=400, deadline=None)
@given(st.lists(_SCORE, min_size=6, max_size=6), st.integers(min_value=0, max_value=5))
def test_a_few_words_lean_to_the_document_s_language(totals, k):
    """Below a few words' worth of evidence, the document's language gets half a point more;
    above it, the document's language changes nothing."""
    found = langid.Evidence(0, 0, 0, 0, *totals)
    lean = langid._LANGS[k]
    if max(totals) >= 3.0:
        assert langid.decide(found, lambda: lean) == langid.decide(found)
    else:
        leaning = list(totals)
        leaning[k] += 0.5
        assert langid.decide(found, lambda: lean) == langid.decide(langid.Evidence(0, 0, 0, 0, *leaning))


@pytest.mark.parametrize("body, heading, rule", [
    ("The Committee met the delegation in Geneva and discussed the report.",
     "Clandestine migrants", "clandestine-migrant"),  # "clandestine" is also French
    ("Le Comité a rencontré la délégation à Genève et a examiné le rapport.",
     "Migrants clandestins", "fr-clandestine-migrant"),
    ("The Committee met the delegation in Geneva and discussed the report.",
     "Les migrants clandestins", "fr-clandestine-migrant"),  # a French heading stays French
])
def test_a_heading_of_a_few_words_is_read_in_the_document_s_language(bundled, matcher, body, heading, rule):
    found = matcher.check(Document("report.txt", f"{heading}\n\n{body}\n"))
    assert [f.rule for f in found] == [rule]


@pytest.mark.parametrize("text, lang", [
    ("Manaus recebe uma onda de haitianos desde janeiro.", "pt"),  # "desde" is Portuguese too
    ("Lisboa acolhe migrantes durante o inverno.", "pt"),
    ("Madrid acoge migrantes durante el invierno.", "es"),
])
def test_words_two_languages_share_count_for_both(text, lang):
    assert langid.detect(text) == lang


@pytest.mark.parametrize("text, expected", [
    ("Police found an illegal immigrant in the truck. Un clandestin a été arrêté hier à Calais par la police.",
     ["illegal-migrant", "fr-clandestine-noun"]),
    ("Un clandestin a été arrêté hier à Calais par la police. Police found an illegal immigrant in the truck.",
     ["fr-clandestine-noun", "illegal-migrant"]),
    ("Police found an illegal immigrant in the truck. 警方逮捕了非法移民。",
     ["illegal-migrant", "zh-illegal-immigrant-person"]),
])
def test_a_sentence_clearly_in_another_language_gets_its_own_rules(bundled, matcher, text, expected):
    """A paragraph that mixes languages (a quotation, a bilingual bulletin): each sentence
    that says its language on its own is checked with that language's rules."""
    if not {"fr", "zh"} <= set(bundled.languages()):
        pytest.skip("French and Chinese rules are needed")
    assert [f.rule for f in matcher.check(Document("mixed.txt", text))] == expected


def test_a_loan_word_does_not_make_a_sentence_foreign(matcher):
    text = ("The Committee met the préfet de police in Calais on Monday. "
            "He said the sans-papiers were illegal immigrants, the report noted.")
    assert [(f.rule, f.language) for f in matcher.check(Document("en.txt", text))] == [("illegal-migrant", "en")]


def test_a_short_italian_sentence_is_italian(matcher, bundled):
    if "it" not in bundled.languages():
        pytest.skip("no Italian rules")
    assert langid.detect("La polizia ha fermato un clandestino.") == "it"  # -zia, not Spanish -cía
    found = matcher.check(Document("it.txt", "La polizia ha fermato un clandestino.\n"))
    assert [f.language for f in found] == ["it"]
    # after a Spanish paragraph too: words of police news are Italian evidence of their own
    text = ("La policía detuvo a clandestinos marroquíes en el puerto.\n\n"
            "La polizia ha arrestato un clandestino tunisino al porto.\n")
    assert [f.language for f in matcher.check(Document("mixed.txt", text))] == ["es", "it"]


def test_a_short_german_sentence_in_an_english_report_is_read_as_german(run):
    text = ("The report covers Germany and the United States.\n\nDer Migrant lebt illegal in Hamburg.\n\n"
            "She has lived illegally in Texas since 2009.\n")
    found = json.loads(run(["check", "--format", "json", "-"], text).out)["findings"]
    assert [(f["rule"], f["line"]) for f in found] == [("de-illegal-adverb", 3), ("illegally-act", 5)]

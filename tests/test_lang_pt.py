"""Portuguese rules (European and Brazilian): word forms (ilegal/ilegais), exceptions,
"sem-papéis", the Lei de Migração, negation, quotation marks and fixes that agree in
number. The sentences are written for these tests."""
from __future__ import annotations

import pytest

from termlint import fixer, langid, morphology
from termlint.document import Document
from termlint.findings import Level
from termlint.matcher import Matcher, Options


def serious(found):
    return [f for f in found if f.level in (Level.WARNING, Level.ERROR)]


def fixed(check, text, lang="pt"):
    found = check(text, lang=lang)
    return fixer.apply(text, [f.fix for f in found if f.fix is not None], unsafe=True)[0]


def test_word_forms():
    assert morphology.forms("ilegal", "pt") >= {"ilegal", "ilegais"}
    forms = morphology.forms("clandestino", "pt")
    assert forms >= {"clandestino", "clandestina", "clandestinos", "clandestinas"}
    assert morphology.forms("cidadão", "pt") >= {"cidadão", "cidadãos", "cidadã", "cidadãs"}
    assert morphology.forms("imigração", "pt") >= {"imigração", "imigrações"}


@pytest.mark.parametrize("text, match, level", [
    ("O juiz ouviu um imigrante ilegal.", "imigrante ilegal", Level.ERROR),
    ("O juiz ouviu vários imigrantes ilegais.", "imigrantes ilegais", Level.ERROR),
    ("A inspeção encontrou cidadãs ilegais nas estufas dos estrangeiros.", "cidadãs ilegais", Level.ERROR),
    ("Detidos três brasileiros ilegais no aeroporto.", "brasileiros ilegais", Level.ERROR),
    ("A polícia deteve 45 ilegais no armazém do serviço de estrangeiros.", "ilegais", Level.ERROR),
    ("A imigração ilegal aumentou.", "imigração ilegal", Level.WARNING),
    ("As entradas ilegais no país duplicaram.", "entradas ilegais", Level.WARNING),
    ("Os jornais falam de uma nova vaga de migração vinda do Sahel.", "vaga de migração", Level.WARNING),
    ("Uma enxurrada de refugiados chegou às ilhas.", "enxurrada de refugiados", Level.WARNING),
])
def test_terms_and_levels(check, text, match, level):
    found = serious(check(text, lang="pt"))
    assert [(f.match, f.level) for f in found] == [(match, level)]


def test_clandestino_is_a_warning_as_the_research_rates_it(check):
    found = check("Os imigrantes clandestinos viajavam escondidos num camião de estrangeiros.", lang="pt")
    assert [(f.rule, f.level) for f in found] == [("pt-clandestine", Level.WARNING)]


@pytest.mark.parametrize("text", [
    "O garimpo ilegal ameaça as terras indígenas.",
    "Madeireiros voltaram a invadir a reserva florestal do município.",
    "A onda de calor estende-se ao sul.",
    "Uma onda de críticas seguiu a deportação dos brasileiros.",
    "A imigração irregular baixou em 2023.",
    "Os migrantes em situação irregular têm direito à saúde.",
    "Imigrantes indocumentados e pessoas sem documentos têm direito à saúde.",
])
def test_other_senses_and_preferred_terms_are_not_flagged(check, text):
    assert check(text, lang="pt") == []


@pytest.mark.parametrize("text", [
    "Os sem-papéis manifestaram-se diante do ministério.",
    "O coletivo dos sem-papéis convocou uma marcha.",
])
def test_sem_papeis_is_never_flagged(check, text):
    assert check(text, lang="pt") == []


def test_sem_papeis_is_at_most_an_opt_in_suggestion(bundled):
    rule = bundled.by_id()["pt-sem-papeis-un"]
    assert rule.enabled is False and rule.level is Level.SUGGESTION
    on = bundled.replace_rules(r._replace(enabled=True) if r.id == rule.id else r
                               for r in bundled.rules if r.enabled or r.id == rule.id)
    found = Matcher(on, Options(language="pt")).check(Document("<t>", "Os sem-papéis têm direito à saúde."))
    assert [(f.rule, f.level, f.fix) for f in found] == [("pt-sem-papeis-un", Level.SUGGESTION, None)]


@pytest.mark.parametrize("text", [
    "Ninguém é ilegal.",
    "Nenhum ser humano é ilegal, lembra o coletivo.",
    "Os migrantes não são ilegais, lembrou o Comité.",
    "Não existem pessoas ilegais.",
])
def test_negation_slogans_are_not_flagged(check, text):
    assert check(text, lang="pt") == []


@pytest.mark.parametrize("text", [
    "A Lei de Migração consagra a não criminalização da migração.",
    "Nos termos do artigo 3.º do Protocolo, a entrada ilegal é a passagem de fronteiras sem requisitos.",
    "A Lei nº 6.815/1980 punia a entrada ilegal de estrangeiros.",
])
def test_statutes_and_cited_law_are_not_flagged(check, text):
    assert check(text, lang="pt") == []


@pytest.mark.parametrize("text", [
    "A palavra «ilegal» é estigmatizante.",
    "O termo “imigrante ilegal” deve ser evitado.",
    "O manual desaconselha as palavras “ilegal” e “clandestino” para pessoas.",
    "Em vez de «imigrantes ilegais», diga «imigrantes em situação irregular».",
    "Parte da imprensa retrata os recém-chegados como imigrantes ilegais.",
])
def test_mentions_are_not_flagged(check, text):
    assert check(text, lang="pt") == []


def test_a_quoted_sentence_is_reported_lower_and_never_edited(check):
    text = "“Os imigrantes ilegais têm de sair do país já”, afirmou o deputado."
    found = check(text, lang="pt")
    assert [(f.rule, f.level) for f in found] == [("pt-illegal-migrant", Level.SUGGESTION)]
    assert found[0].fix is None


@pytest.mark.parametrize("text, expected", [
    ("A polícia deteve doze imigrantes ilegais.", "A polícia deteve doze imigrantes em situação irregular."),
    ("O presidente quer expulsar os ilegais.",
     "O presidente quer expulsar os migrantes em situação irregular."),
    ("A imigração ilegal aumentou.", "A imigração irregular aumentou."),
    ("As travessias ilegais da fronteira aumentaram.", "As travessias irregulares da fronteira aumentaram."),
    ("A imigração clandestina aumentou.", "A imigração irregular aumentou."),
    ("Dizem que esses migrantes são ilegais.", "Dizem que esses migrantes estão em situação irregular."),
])
def test_fixes_agree_in_number(check, text, expected):
    assert fixed(check, text) == expected


@pytest.mark.parametrize("text", [
    "Ninguém é ilegal",
    "Imigrantes detidos no aeroporto de Lisboa",
    "Governo aprova nova lei de migração",
    "Inspeção encontra trabalhadores estrangeiros em situação irregular",
])
def test_short_portuguese_headlines_are_detected(text):
    assert langid.detect(text) == "pt"


@pytest.mark.parametrize("text, expected", [
    ("Ondas de imigrantes chegam ao Algarve todos os anos.", [("pt-water-metaphor", "Ondas de imigrantes")]),
    ("Uma enxurrada de haitianos chega ao Rio de Janeiro por semana.",
     [("pt-water-metaphor", "enxurrada de haitianos")]),
    ("A enxurrada arrastou as barracas do abrigo de migrantes.", []),
])
def test_metaphors_and_the_other_senses_in_portuguese(check, text, expected):
    found = [f for f in check(text, lang="pt") if f.level.rank >= Level.WARNING.rank]
    assert [(f.rule, f.match) for f in found] == expected

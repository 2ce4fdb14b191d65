"""French rules: word forms, exceptions, self-designation, legal terms, negation,
quotation marks (with the non-breaking spaces of French typography) and fixes that
agree in gender and number. The sentences are written for these tests."""
from __future__ import annotations

import unicodedata

import pytest

from termlint import fixer, langid, morphology
from termlint.document import Document
from termlint.findings import Level
from termlint.matcher import Matcher, Options

NBSP, NNBSP = "\u00a0", "\u202f"


def rules_of(found):
    return [f.rule for f in found]


def serious(found):
    return [f for f in found if f.level in (Level.WARNING, Level.ERROR)]


def fixed(check, text, lang="fr"):
    found = check(text, lang=lang)
    return fixer.apply(text, [f.fix for f in found if f.fix is not None], unsafe=True)[0]


# -- word forms ---------------------------------------------------------------------------


def test_adjectives_have_their_four_forms():
    assert {"illégal", "illégale", "illégaux", "illégales"} <= morphology.forms("illégal", "fr")
    forms = morphology.forms("clandestin", "fr")
    assert {"clandestin", "clandestine", "clandestins", "clandestines"} <= forms
    forms = morphology.forms("travailleur", "fr")
    assert {"travailleur", "travailleuse", "travailleurs", "travailleuses"} <= forms
    assert {"étranger", "étrangère", "étrangers", "étrangères"} <= morphology.forms("étranger", "fr")


@pytest.mark.parametrize("text, match", [
    ("Le juge a entendu un migrant illégal.", "migrant illégal"),
    ("Le juge a entendu une migrante illégale.", "migrante illégale"),
    ("Le juge a entendu des migrants illégaux.", "migrants illégaux"),
    ("Le juge a entendu des migrantes illégales.", "migrantes illégales"),
    ("La préfecture a recensé des travailleuses illégales.", "travailleuses illégales"),
    ("Le rapport parle d’immigrés illégaux venus d’Afrique.", "immigrés illégaux"),
    ("On a trouvé des étrangers clandestins dans le camion.", "étrangers clandestins"),
    ("On a trouvé une étrangère clandestine dans le camion.", "étrangère clandestine"),
    ("La police a interpellé des Marocains illégaux.", "Marocains illégaux"),
])
def test_every_gender_and_number_is_found(check, text, match):
    found = serious(check(text, lang="fr"))
    assert [f.match for f in found] == [match]
    assert found[0].level is Level.ERROR


@pytest.mark.parametrize("text, match", [
    ("Des clandestins dormaient sous le pont de la rocade.", "clandestins"),
    ("La police a arrêté une clandestine.", "clandestine"),
    ("Le passeur transportait 12 clandestins.", "clandestins"),
    ("Le passeur transportait douze clandestins.", "clandestins"),
    ("Il dénonce l’arrivée de clandestins sur l’île.", "clandestins"),
    ("Le préfet veut expulser les illégaux.", "illégaux"),
    ("L’emploi d’illégaux inquiète la préfecture.", "illégaux"),
])
def test_nouns_after_a_determiner_or_a_number_are_found(check, text, match):
    assert [f.match for f in serious(check(text, lang="fr"))] == [match]


@pytest.mark.parametrize("text, match", [
    ("L’immigration clandestine a baissé.", "immigration clandestine"),
    ("Il combat la migration illégale.", "migration illégale"),
    ("Les passeurs organisent une immigration massive et illégale.", "immigration massive et illégale"),
    ("Le séjour illégal des étrangers n’est plus un délit.", "séjour illégal"),
    ("Les entrées illégales d’étrangers ont augmenté.", "entrées illégales"),
])
def test_acts_are_warnings(check, text, match):
    found = serious(check(text, lang="fr"))
    assert [(f.match, f.level) for f in found] == [(match, Level.WARNING)]


def test_elision_joins_words_without_a_space(check):
    """ "d’exilés" is two words of a term ("afflux de|d’ @people_group")."""
    found = check("Un afflux d’exilés est attendu à la frontière.", lang="fr")
    assert rules_of(found) == ["fr-influx"]
    found = check("Une vague d’immigrés arrive, selon le tract.", lang="fr")
    assert rules_of(found) == ["fr-water-metaphor"]


# -- things that are not flagged ------------------------------------------------------------


@pytest.mark.parametrize("text", [
    "La pêche illégale menace les stocks de thon.",
    "Un passager clandestin a été retrouvé dans la soute.",
    "Les enquêteurs ont démantelé un atelier clandestin.",
    "Une activité clandestine de paris a été découverte.",
    "Une vague de chaleur écrase les vignobles du Bordelais.",
    "Les criquets envahissent les cultures.",
    "Le cambrioleur est poursuivi pour entrée illégale dans un immeuble.",
    "L’immigration irrégulière a baissé en 2023.",
    "Des migrants en situation irrégulière ont été secourus.",
])
def test_other_senses_and_preferred_terms_are_not_flagged(check, text):
    assert check(text, lang="fr") == []


@pytest.mark.parametrize("text", [
    "Les sans-papiers manifestent devant la préfecture.",
    "La Coordination nationale des sans-papiers appelle à la grève.",
    "Des travailleurs sans papiers font les vendanges dans la région.",
])
def test_sans_papiers_is_a_self_designation_never_flagged(check, text):
    assert check(text, lang="fr") == []


def test_sans_papiers_is_at_most_an_opt_in_suggestion(bundled):
    rule = bundled.by_id()["fr-sans-papiers-un"]
    assert rule.enabled is False and rule.level is Level.SUGGESTION
    on = bundled.replace_rules(r._replace(enabled=True) if r.id == rule.id else r
                               for r in bundled.rules if r.enabled or r.id == rule.id)
    matcher = Matcher(on, Options(language="fr"))
    found = matcher.check(Document("<t>", "Les sans-papiers ont droit aux soins."))
    assert [(f.rule, f.level) for f in found] == [("fr-sans-papiers-un", Level.SUGGESTION)]
    assert found[0].fix is None  # a display-only suggestion, never an edit
    names = matcher.check(Document("<t>", "La Coordination nationale des sans-papiers a manifesté."))
    assert names == []


@pytest.mark.parametrize("text", [
    "Personne n'est illégal.",
    "Personne n’est illégal, ont scandé les manifestants.",
    "Aucun être humain n’est illégal.",
    "Les migrants ne sont pas illégaux, rappelle le Comité.",
    "Les exilés ne sont pas des clandestins.",
    "La migration n’est pas illégale en soi.",
])
def test_negation_slogans_are_not_flagged(check, text):
    assert check(text, lang="fr") == []


@pytest.mark.parametrize("text", [
    "Selon l’article 3 du Protocole, l’entrée illégale désigne le franchissement des frontières.",
    "L’article L. 621-1 du CESEDA réprimait le séjour illégal.",
    "La directive 2008/115/CE vise les ressortissants en séjour illégal.",
])
def test_cited_legal_text_is_not_flagged(check, text):
    assert check(text, lang="fr") == []


# -- mention and quotation marks ------------------------------------------------------------


@pytest.mark.parametrize("space", ["", " ", NBSP, NNBSP])
def test_guillemets_with_any_inner_space_make_a_mention(check, space):
    text = f"Le terme «{space}clandestins{space}» est stigmatisant."
    assert check(text, lang="fr") == []
    text = f"Les migrants en situation irrégulière ne sont pas «{space}illégaux{space}»."
    assert check(text, lang="fr") == []


@pytest.mark.parametrize("text", [
    "Le Comité demande de cesser d’employer le terme « immigrés illégaux ».",
    "Il préfère « migrants en situation irrégulière » plutôt que « migrants illégaux ».",
    "Le mot “clandestin” blâme la personne.",
    "Les soi-disant clandestins sont des demandeurs d’asile.",
    "Certaines chaînes présentent les exilés comme des clandestins.",
])
def test_words_talked_about_are_mentions(check, text):
    assert check(text, lang="fr") == []


def test_a_quoted_sentence_is_reported_lower_and_never_edited(check):
    text = f"Le ministre a déclaré{NNBSP}: «{NNBSP}Les clandestins doivent partir, tous.{NNBSP}»"
    found = check(text, lang="fr")
    assert [(f.rule, f.level) for f in found] == [("fr-clandestine-noun", Level.SUGGESTION)]
    assert found[0].fix is None
    assert found[0].notes


def test_words_outside_the_quotation_are_the_writer_s_own(check):
    text = "Le ministre parle de « fermeté » ; les clandestins seront expulsés."
    assert [f.rule for f in serious(check(text, lang="fr"))] == ["fr-clandestine-noun"]


# -- fixes that agree ----------------------------------------------------------------------


@pytest.mark.parametrize("text, expected", [
    ("L’immigration illégale a baissé.", "L’immigration irrégulière a baissé."),
    ("Le séjour illégal des étrangers est puni.", "Le séjour irrégulier des étrangers est puni."),
    ("Les séjours illégaux sont fréquents chez les étrangers.",
     "Les séjours irréguliers sont fréquents chez les étrangers."),
    ("Les entrées clandestines de jeunes migrants se multiplient dans la vallée.",
     "Les entrées irrégulières de jeunes migrants se multiplient dans la vallée."),
    ("Des migrantes illégales ont été secourues.",
     "Des migrantes en situation irrégulière ont été secourues."),
    ("Un clandestin a été arrêté.", "Un migrant en situation irrégulière a été arrêté."),
    ("Une clandestine a été arrêtée.", "Une migrante en situation irrégulière a été arrêtée."),
    ("Des clandestins ont été arrêtés.", "Des migrants en situation irrégulière ont été arrêtés."),
    ("Le préfet veut expulser les illégaux.",
     "Le préfet veut expulser les étrangers en situation irrégulière."),
    ("L’emploi d’illégaux inquiète la préfecture.",
     "L’emploi d’étrangers en situation irrégulière inquiète la préfecture."),
    ("Ils sont entrés clandestinement en France, selon la police aux frontières.",
     "Ils sont entrés irrégulièrement en France, selon la police aux frontières."),
])
def test_fixes_agree_in_gender_and_number(check, text, expected):
    assert fixed(check, text) == expected


def test_decomposed_accents_match_with_offsets_on_the_original(check):
    text = unicodedata.normalize("NFD", "Des immigrés illégaux ont été arrêtés.")
    found = check(text, lang="fr")
    assert len(found) == 1
    assert text[found[0].offset:found[0].end_offset] == found[0].match
    assert unicodedata.normalize("NFC", found[0].match) == "immigrés illégaux"


# -- language detection ---------------------------------------------------------------------


@pytest.mark.parametrize("text", [
    "Clandestins retrouvés à Menton",
    "Immigration : le gouvernement durcit le ton",
    "Personne n'est illégal",
    "Les sans-papiers manifestent devant la préfecture",
])
def test_short_french_headlines_are_detected(text):
    assert langid.detect(text) == "fr"


def test_detected_paragraphs_get_the_french_rules(check):
    found = check("Des immigrés clandestins ont été découverts dans un camion.", lang=None)
    assert [(f.rule, f.language) for f in found] == [("fr-clandestine-migrant", "fr")]


def test_a_headline_in_capitals_before_a_subtitle_is_not_a_name(check):
    """Words in capitals are shouted, not a name: both findings of the headline stay."""
    found = check("CALAIS ENVAHIE PAR LES CLANDESTINS : les écoles débordées, selon le maire", lang="fr")
    assert sorted((f.rule, f.match) for f in found if f.level.rank >= Level.WARNING.rank) == [
        ("fr-clandestine-noun", "CLANDESTINS"), ("fr-invasion", "ENVAHIE")]


@pytest.mark.parametrize("text, lang", [
    ("Depuis l'invasion, le nombre de réfugiés en Pologne a triplé.", "fr"),
    ("Tras la invasión, millones de refugiados llegaron a Polonia.", "es"),
    ("Durante l'invasione milioni di rifugiati sono arrivati in Polonia.", "it"),
    ("Após a invasão, milhões de refugiados chegaram à Polónia.", "pt"),
])
def test_the_war_that_refugees_flee_is_not_the_invasion_metaphor(check, text, lang):
    assert [f for f in check(text, lang=lang) if f.level.rank >= Level.WARNING.rank] == []

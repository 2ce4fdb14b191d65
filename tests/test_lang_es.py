"""Spanish rules: word forms, exceptions, self-designation, legal terms, negation,
quotation marks and fixes that agree in number, without ever inserting "indocumentado"
(IOM San José). The sentences are written for these tests."""
from __future__ import annotations

import pytest

from termlint import fixer, langid, morphology
from termlint.document import Document
from termlint.findings import Level
from termlint.matcher import Matcher, Options


def serious(found):
    return [f for f in found if f.level in (Level.WARNING, Level.ERROR)]


def fixed(check, text, lang="es"):
    found = check(text, lang=lang)
    return fixer.apply(text, [f.fix for f in found if f.fix is not None], unsafe=True)[0]


def test_word_forms():
    assert {"ilegal", "ilegales"} <= morphology.forms("ilegal", "es")
    forms = morphology.forms("clandestino", "es")
    assert {"clandestino", "clandestina", "clandestinos", "clandestinas"} <= forms
    assert {"marroquí", "marroquíes"} <= morphology.forms("marroquí", "es")
    assert {"joven", "jóvenes"} <= morphology.forms("joven", "es")
    forms = morphology.forms("trabajador", "es")
    assert {"trabajador", "trabajadora", "trabajadores", "trabajadoras"} <= forms


@pytest.mark.parametrize("text, match, level", [
    ("El juez escuchó a un inmigrante ilegal.", "inmigrante ilegal", Level.ERROR),
    ("El juez escuchó a unos inmigrantes ilegales.", "inmigrantes ilegales", Level.ERROR),
    ("La inspección halló trabajadoras ilegales en la finca de los extranjeros.",
     "trabajadoras ilegales", Level.ERROR),
    ("Detuvieron a tres marroquíes ilegales en Algeciras.", "marroquíes ilegales", Level.ERROR),
    ("La policía detuvo a 40 ilegales en una nave de extranjeros.", "ilegales", Level.ERROR),
    ("Los inmigrantes clandestinos llegaron en cayuco.", "inmigrantes clandestinos", Level.WARNING),
    ("La patera traía a veinte clandestinos.", "clandestinos", Level.WARNING),
    ("La inmigración ilegal aumentó.", "inmigración ilegal", Level.WARNING),
    ("La migración clandestina por el Estrecho creció.", "migración clandestina", Level.WARNING),
    ("La estancia ilegal de extranjeros es una falta.", "estancia ilegal", Level.WARNING),
    ("Según el panfleto, una avalancha de inmigrantes amenaza el barrio.", "avalancha de inmigrantes", Level.WARNING),
    ("Una oleada de pateras llegó a Almería.", "oleada de pateras", Level.WARNING),
])
def test_terms_and_levels(check, text, match, level):
    found = serious(check(text, lang="es"))
    assert [(f.match, f.level) for f in found] == [(match, level)]


@pytest.mark.parametrize("text", [
    "La pesca ilegal amenaza el atún rojo.",
    "La policía cerró un laboratorio clandestino.",
    "La ola de calor se extiende por la península.",
    "Una avalancha de nieve sepultó el refugio.",
    "Una oleada de robos alarma al barrio.",
    "Los mejillones cebra invaden los embalses de Aragón.",
    "Un enjambre de periodistas rodeó al ministro.",
    "La inmigración irregular bajó en 2023.",
    "Los migrantes en situación irregular tienen derecho a la sanidad.",
    "El ladrón fue juzgado por entrada ilegal en una vivienda.",
])
def test_other_senses_and_preferred_terms_are_not_flagged(check, text):
    assert check(text, lang="es") == []


@pytest.mark.parametrize("text", [
    "Los sin papeles se manifestaron ante el ministerio.",
    "Los indocumentados esperan la regularización.",
    "Migrantes indocumentados y personas sin papeles reciben atención médica.",
])
def test_self_designations_and_undocumented_are_never_flagged(check, text):
    assert check(text, lang="es") == []


def test_sin_papeles_is_at_most_an_opt_in_suggestion(bundled):
    rule = bundled.by_id()["es-sin-papeles-un"]
    assert rule.enabled is False and rule.level is Level.SUGGESTION
    on = bundled.replace_rules(r._replace(enabled=True) if r.id == rule.id else r
                               for r in bundled.rules if r.enabled or r.id == rule.id)
    text = "Los sin papeles tienen derecho a la sanidad."
    found = Matcher(on, Options(language="es")).check(Document("<t>", text))
    assert [(f.rule, f.level, f.fix) for f in found] == [("es-sin-papeles-un", Level.SUGGESTION, None)]


@pytest.mark.parametrize("text", [
    "Nadie es ilegal.",
    "Ningún ser humano es ilegal, recuerda el colectivo.",
    "Los migrantes no son ilegales, recordó el Comité.",
    "No existen personas ilegales.",
    "La migración no es ilegal.",
])
def test_negation_slogans_are_not_flagged(check, text):
    assert check(text, lang="es") == []


@pytest.mark.parametrize("text", [
    "Según el artículo 3 del Protocolo, la entrada ilegal es el paso de fronteras sin cumplir requisitos.",
    "La Ley Orgánica 4/2000 sanciona la estancia ilegal de extranjeros.",
])
def test_cited_legal_text_is_not_flagged(check, text):
    assert check(text, lang="es") == []


@pytest.mark.parametrize("text", [
    "La palabra «ilegal» es estigmatizante.",
    "El término “inmigrantes ilegales” debe evitarse.",
    "El manual recomienda «cruce irregular» y nunca «cruce ilegal».",
    "El Comité prefiere «migrantes en situación irregular» en vez de «migrantes ilegales».",
    "Los mal llamados ilegales son trabajadores sin permiso de residencia.",
    "El diputado calificó a los migrantes de ilegales en un mitin.",
    "Las series de televisión retratan a los inmigrantes como los ilegales de siempre.",
])
def test_mentions_are_not_flagged(check, text):
    assert check(text, lang="es") == []


def test_a_quoted_sentence_is_reported_lower_and_never_edited(check):
    text = "«Los inmigrantes ilegales deben irse del país ya», dijo el concejal."
    found = check(text, lang="es")
    assert [(f.rule, f.level) for f in found] == [("es-illegal-migrant", Level.SUGGESTION)]
    assert found[0].fix is None


@pytest.mark.parametrize("text, expected", [
    ("La policía detuvo a doce inmigrantes ilegales.",
     "La policía detuvo a doce inmigrantes en situación irregular."),
    ("Una trabajadora ilegal denunció a su jefe ante extranjería.",
     "Una trabajadora en situación irregular denunció a su jefe ante extranjería."),
    ("El alcalde quiere expulsar a los ilegales.",
     "El alcalde quiere expulsar a los migrantes en situación irregular."),
    ("La inmigración ilegal creció.", "La inmigración irregular creció."),
    ("La migración clandestina creció.", "La migración irregular creció."),
    ("Los cruces ilegales de la frontera aumentaron.", "Los cruces irregulares de la frontera aumentaron."),
    ("Dicen que esos migrantes son ilegales.", "Dicen que esos migrantes están en situación irregular."),
])
def test_fixes_agree_and_never_insert_indocumentado(check, text, expected):
    result = fixed(check, text)
    assert result == expected
    assert "indocumentad" not in result


def test_no_spanish_suggestion_says_indocumentado(bundled):
    for rule in bundled.rules:
        if rule.language == "es":
            assert not any("indocumentad" in s for s in rule.suggestions), rule.id


@pytest.mark.parametrize("text", [
    "Nadie es ilegal",
    "Detenidos cuarenta inmigrantes en Almería",
    "Sigue la oleada de cayucos en Canarias",
    "Avalancha en la valla de Melilla",
])
def test_short_spanish_headlines_are_detected(text):
    assert langid.detect(text) == "es"


@pytest.mark.parametrize("text, expected", [
    # a river or a gulf further on in the sentence is where the people went
    ("Llegan enjambres de migrantes que después cruzan el río a nado.", [("es-invasion", "enjambres de migrantes")]),
    ("Una oleada de migrantes cruzó anoche el golfo en lanchas.", [("es-water-metaphor", "oleada de migrantes")]),
    # the other sense named right after the metaphor, or a real avalanche that destroys
    ("Una oleada de calor castigó a los migrantes del campamento.", []),
    ("Una avalancha sepultó el albergue de migrantes de la sierra.", []),
])
def test_metaphors_and_the_other_senses_in_spanish(check, text, expected):
    assert [(f.rule, f.match) for f in serious(check(text, lang="es"))] == expected


def test_a_statute_named_in_a_sentence_is_a_name_even_when_most_words_are_capitalised(check):
    """A title word heading a capitalised run that lower-case words follow is a name,
    which a headline (capitals to the end) is not."""
    name = "La Ley de Prevención de Inmigración Ilegal y Control Fronterizo de 2005 endureció las expulsiones."
    assert serious(check(name, lang="es")) == []
    headline = "Policía Detiene a Veinte Inmigrantes Ilegales en Almería"
    assert [f.match for f in serious(check(headline, lang="es"))] == ["Inmigrantes Ilegales"]


@pytest.mark.parametrize("text, found", [
    ("Vivir sin papeles no convierte a nadie en una persona ilegal, dijo la abogada de migrantes.", []),
    ("Vivir sin papeles convierte a los migrantes en personas ilegales, dijo el diputado.",
     ["personas ilegales"]),
])
def test_denying_that_anyone_becomes_illegal_is_a_negation(check, text, found):
    assert [f.match for f in serious(check(text, lang="es"))] == found


@pytest.mark.parametrize("text, found", [
    ("Lo que vive Melilla cada verano es una invasión, dijo el concejal.", ["invasión"]),
    ("La invasión de algas en Canarias preocupa a los pescadores.", []),
    ("La invasión de turistas en Canarias bate récords.", []),
])
def test_the_places_of_migration_news_are_cues(check, text, found):
    assert [f.match for f in serious(check(text, lang="es"))] == found

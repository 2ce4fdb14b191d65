"""German: case endings and compounds, the noun "Illegale", exceptions, nuances, fixes."""
from __future__ import annotations

import pytest

from termlint import fixer, morphology


def found(check, text):
    return [(f.rule, f.match, f.level.value) for f in check(text, lang="de")]


def rules_of(check, text):
    return {f.rule for f in check(text, lang="de")}


# -- word forms -------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text, match",
    [
        ("Die illegalen Einwanderer wurden abgeschoben.", "illegalen Einwanderer"),
        ("Ein illegaler Einwanderer wurde gefunden.", "illegaler Einwanderer"),
        ("Sie half einer illegalen Einwanderin.", "illegalen Einwanderin"),
        ("Die Zahl illegaler Zuwanderinnen stieg.", "illegaler Zuwanderinnen"),
        ("Die Stadt zählte illegale Migrant*innen.", "illegale Migrant*innen"),
        ("Die Stadt zählte illegale Migrant:innen.", "illegale Migrant:innen"),
        ("Man sprach mit illegalen Ausländern.", "illegalen Ausländern"),
        ("Der Hof beschäftigte illegale Erntearbeiter aus dem Ausland.", "illegale Erntearbeiter"),
        ("Die Zahl illegaler Arbeitsmigranten steigt.", "illegaler Arbeitsmigranten"),
        ("Die Polizei fand illegale syrische Flüchtlinge.", "illegale syrische Flüchtlinge"),
        ("Sie betreute illegale Kinder, sagte die Ausländerbehörde.", "illegale Kinder"),
        ("Der Bauer beschäftigte illegale Arbeitskräfte aus dem Ausland.", "illegale Arbeitskräfte"),
        ("Illegale\nMigranten warteten am Tor.", "Illegale\nMigranten"),
    ],
)
def test_person_forms_are_errors(check, text, match):
    hits = [f for f in check(text, lang="de") if f.rule == "de-illegal-migrant"]
    assert [f.match for f in hits] == [match]
    assert hits[0].level.value == "error"


@pytest.mark.parametrize(
    "text, match",
    [
        ("Die Illegalen kommen aus dem Süden.", "Illegalen"),
        ("Laut Polizei lebten dort 200 Illegale.", "Illegale"),
        ("Ein Illegaler wurde festgenommen.", "Illegaler"),
        ("Illegale, Geduldete und Asylsuchende leben hier.", "Illegale"),
    ],
)
def test_the_noun_illegale_is_an_error(check, text, match):
    assert ("de-illegale-noun", match, "error") in found(check, text)


@pytest.mark.parametrize(
    "text",
    [
        "Er hat nichts Illegales getan.",
        "Illegale Spielautomaten wurden beschlagnahmt.",  # adjective before a noun
        "Die illegale und gefährliche Überfahrt kostete Leben.",  # lower case: an adjective
    ],
)
def test_the_adjective_is_not_the_noun(check, text):
    assert "de-illegale-noun" not in rules_of(check, text)


@pytest.mark.parametrize(
    "text, match, rule",
    [
        ("Die Zeitung schrieb von der Flüchtlingswelle.", "Flüchtlingswelle", "de-water-metaphor"),
        ("Die Asylantenflut bedrohe das Land, schrieb das Blatt.", "Asylantenflut", "de-water-metaphor"),
        ("Die Boulevardpresse beschwor eine Asylantenschwemme.", "Asylantenschwemme", "de-water-metaphor"),
        ("Flüchtlingsströme zogen über den Balkan.", "Flüchtlingsströme", "de-water-metaphor"),
        ("Die Flut von Asylbewerbern sei nicht zu bewältigen, hieß es.", "Flut von Asylbewerbern",
         "de-water-metaphor"),
        ("Er warnte vor einer neuen Migrationswelle.", "Migrationswelle", "de-water-metaphor"),
    ],
)
def test_compound_metaphors(check, text, match, rule):
    assert (rule, match, "warning") in found(check, text)


def test_umlaut_plurals_come_from_the_morphology():
    assert {"flüchtlingsströme", "flüchtlingsströmen"} <= morphology.forms("flüchtlingsstrom", "de")
    assert {"einwanderin", "einwanderinnen", "einwanderer*innen"} & morphology.forms("einwanderer", "de")
    assert "kindern" in morphology.forms("kind", "de")


@pytest.mark.parametrize(
    "text",
    [
        "Die Hitzewelle hielt die ganze Woche an.",
        "Die Ausbreitung eingeschleppter Pflanzen in neuen Lebensräumen bezeichnet man als biologische Invasion.",
        "Eine Welle der Solidarität erfasste die Stadt.",
        "Illegales Glücksspiel und illegale Waffen wurden beschlagnahmt.",
    ],
)
def test_other_senses_are_not_flagged(check, text):
    assert [f for f in check(text, lang="de") if f.level.value != "suggestion"] == []


# -- acts -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text, match, rule",
    [
        ("Die illegale Migration nahm zu.", "illegale Migration", "de-illegal-migration"),
        ("Er warnte vor illegaler Einwanderung.", "illegaler Einwanderung", "de-illegal-migration"),
        ("Die Polizei meldete mehr illegale Einreisen.", "illegale Einreisen", "de-illegal-act"),
        ("Die Zahl illegaler Grenzübertritte sank.", "illegaler Grenzübertritte", "de-illegal-act"),
    ],
)
def test_acts_are_warnings(check, text, match, rule):
    assert (rule, match, "warning") in found(check, text)


def test_illegal_aufhaeltig_is_a_suggestion_at_most(check):
    hits = check("Illegal aufhältige Migranten haben Anspruch auf Notversorgung.", lang="de")
    assert [(f.rule, f.level.value) for f in hits] == [("de-illegal-aufhaeltig", "suggestion")]


@pytest.mark.parametrize(
    "text",
    [
        "Die Beratungsstelle unterstützt illegalisierte Menschen.",
        "Viele Illegalisierte arbeiten in Privathaushalten.",
        "Die Sans-Papiers forderten eine Regularisierung.",
        "Die Bundespolizei registrierte unerlaubte Einreisen.",
        "Irregulär aufhältige Migrantinnen haben Rechte.",
        "Das Gesetz zur Bekämpfung der Schwarzarbeit und illegalen Beschäftigung wurde geändert.",
        "Nach Art. 3 des Protokolls ist die illegale Einreise der Grenzübertritt ohne Erlaubnis.",
    ],
)
def test_self_designations_and_legal_terms_are_never_flagged(check, text):
    assert check(text, lang="de") == []


# -- nuances ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Kein Mensch ist illegal.",
        "Niemand ist illegal, sagte die Bischöfin.",
        "Die Demonstranten riefen: Kein Mensch ist illegal!",
        "Migranten sind nicht illegal, betonte die Expertin.",
    ],
)
def test_negation_slogans(check, text):
    assert check(text, lang="de") == []


@pytest.mark.parametrize(
    "text",
    [
        "Die Regierung will den Begriff „illegale Migranten“ nicht mehr verwenden.",
        "Sie kritisierte das Wort „Flüchtlingswelle“.",
        "Die Bundesregierung spricht von sogenannter illegaler Migration.",
        "Der Ausdruck illegale Einwanderer ist ein Kampfbegriff.",
        "Die Asylantenflut war ein Schlagwort der Neunziger.",
        "Zählt das Ministerium nicht jedes Quartal „illegale Einreisen“?",
        "Im Lehrbuch wird unter illegaler Einwanderung die Einreise ohne Visum verstanden.",
        "Der Abgeordnete bezeichnete die geflüchteten Familien als Illegale.",
        "Talkshows stellen Geflüchtete oft als Illegale dar.",
    ],
)
def test_mentions_with_german_quotation_marks_and_cues(check, text):
    assert [f for f in check(text, lang="de") if f.level.value != "suggestion"] == []


def test_a_quoted_sentence_is_downgraded_not_fixed(check):
    text = "„Die illegalen Migranten müssen das Land verlassen“, sagte der Politiker am Abend."
    [hit] = check(text, lang="de")
    assert hit.rule == "de-illegal-migrant" and hit.level.value == "suggestion"
    assert hit.fix is None and hit.notes


def test_the_writer_s_own_words_outside_a_quotation_are_flagged(check):
    text = "Der Redner sprach über illegale Migranten und sagte: „Wir schaffen das.“"
    assert ("de-illegal-migrant", "illegale Migranten", "error") in found(check, text)


# -- replacements agree in case, number and gender ---------------------------------------


def fixed(check, text):
    hits = check(text, lang="de")
    fixes = [f.fix for f in hits if f.fix is not None]
    return fixer.apply(text, fixes, unsafe=True)[0]


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Die Polizei griff zwölf illegale Migranten auf.",
         "Die Polizei griff zwölf irregulär aufhältige Migranten auf."),
        ("Er half einem illegalen Migranten.", "Er half einem irregulär aufhältigen Migranten."),
        ("Ein illegaler Einwanderer wartete.", "Ein irregulär aufhältiger Einwanderer wartete."),
        ("Die Zahl illegaler Migrantinnen ist unbekannt.",
         "Die Zahl irregulär aufhältiger Migrantinnen ist unbekannt."),
        ("Illegale Migranten warteten vor der Tür.", "Irregulär aufhältige Migranten warteten vor der Tür."),
        ("Die meisten Illegalen arbeiten in der Gastronomie.",
         "Die meisten Papierlosen arbeiten in der Gastronomie."),
        ("Ein Illegaler bat im Pfarrhaus um Hilfe.", "Ein Papierloser bat im Pfarrhaus um Hilfe."),
        ("Die Polizei meldete mehr illegale Einreisen.", "Die Polizei meldete mehr unerlaubte Einreisen."),
        ("Wegen des illegalen Aufenthalts von Ausländern kam es zu Strafen.",
         "Wegen des unerlaubten Aufenthalts von Ausländern kam es zu Strafen."),
        ("Die illegale Migration nahm zu.", "Die irreguläre Migration nahm zu."),
    ],
)
def test_replacements_keep_case_number_and_gender(check, text, expected):
    assert fixed(check, text) == expected


def test_suggestions_are_person_first_alternatives(check):
    [hit] = check("Die Polizei griff zwölf illegale afghanische Migranten auf.", lang="de")
    assert hit.suggestions[:2] == (
        "irregulär aufhältige afghanische Migranten",
        "afghanische Migranten ohne Aufenthaltsrecht",
    )


def test_un_profile_rule_adds_the_standard_term_to_self_designations(bundled, check):
    ruleset = bundled.replace_rules(r._replace(enabled=True) for r in bundled.rules if r.language == "de")
    hits = check("Die Beratungsstelle unterstützt illegalisierte Menschen.", lang="de", ruleset=ruleset)
    assert [(f.rule, f.level.value) for f in hits] == [("de-illegalisiert-un", "suggestion")]


def test_german_paragraphs_are_detected(check):
    text = "Am Hauptbahnhof hat die Landespolizei gestern neun illegale Migranten kontrolliert."
    assert [f.language for f in check(text, lang=None)] == ["de"]


MIXED = """Police arrested twelve illegal immigrants at the port, the report said.

Die Polizei hat im Hafen zwölf illegale Migranten festgenommen, heißt es im Bericht.

Полиция задержала на рынке двенадцать нелегальных мигрантов, говорится в докладе.

قال التقرير إن الشرطة أوقفت اثني عشر مهاجرا غير شرعي في الميناء.

报告说，警方在港口逮捕了十二名非法移民。
"""


def test_mixed_document_each_paragraph_gets_its_own_language_rules(check):
    hits = check(MIXED, lang=None)
    lines = MIXED.splitlines()
    got = [(f.line, f.language, f.rule, f.match) for f in hits]
    assert got == [
        (1, "en", "illegal-migrant", "illegal immigrants"),
        (3, "de", "de-illegal-migrant", "illegale Migranten"),
        (5, "ru", "ru-illegal-migrant", "нелегальных мигрантов"),
        (7, "ar", "ar-illegal-migrant", "مهاجرا غير شرعي"),
        (9, "zh", "zh-illegal-immigrant-person", "非法移民"),
    ]
    for f in hits:
        assert f.match in lines[f.line - 1]


def test_person_nouns_that_are_not_migration_words_need_a_migration_context(check):
    assert check("Die Firma beschäftigte illegale Arbeiter auf der Baustelle.", lang="de") == []
    text = "Die Firma beschäftigte illegale Arbeiter aus Rumänien, sagte die Ausländerbehörde."
    assert [f.rule for f in check(text, lang="de")] == ["de-illegal-migrant"]


def test_decomposed_umlauts_match_with_offsets_on_the_original(check):
    text = "Die Zeitung warnte vor der Flu\u0308chtlingswelle im Sommer."
    [hit] = check(text, lang="de")
    assert hit.rule == "de-water-metaphor"
    assert text[hit.offset : hit.end_offset] == hit.match == "Flu\u0308chtlingswelle"


@pytest.mark.parametrize("text, expected", [
    ("Nach der Flut halfen Freiwillige beim Wiederaufbau im Tal.", []),
    ("Die Lawine verschüttete am Morgen zwei Skifahrer.", []),
    ("Das Heer des Königs zog im Frühjahr nach Norden.", []),
    ("Die Zeitung warnte vor einer Migrationsflut im Sommer.", [("de-water-metaphor", "Migrationsflut")]),
    ("Der Redner sprach von einer Asylantenhorde am Bahnhof.", [("de-invasion", "Asylantenhorde")]),
])
def test_a_compound_term_needs_its_first_part(check, text, expected):
    """"Migrations+welle|flut…" is the compound, not the bare "Flut" of a river."""
    assert [(r, m) for r, m, _ in found(check, text)] == expected

"""Italian rules: word forms (clandestino/a/i/e), bare plural nouns, exceptions, the
statutory "reato di immigrazione clandestina", negation, quotation marks and fixes that
agree in gender and number. The sentences are written for these tests."""
from __future__ import annotations

import pytest

from termlint import fixer, langid, morphology
from termlint.findings import Level


def serious(found):
    return [f for f in found if f.level in (Level.WARNING, Level.ERROR)]


def fixed(check, text, lang="it"):
    found = check(text, lang=lang)
    return fixer.apply(text, [f.fix for f in found if f.fix is not None], unsafe=True)[0]


def test_word_forms():
    forms = morphology.forms("clandestino", "it")
    assert forms >= {"clandestino", "clandestina", "clandestini", "clandestine"}
    assert morphology.forms("illegale", "it") >= {"illegale", "illegali"}
    assert morphology.forms("lavoratore", "it") >= {"lavoratore", "lavoratori", "lavoratrice", "lavoratrici"}
    assert morphology.forms("uomo", "it") >= {"uomo", "uomini"}


@pytest.mark.parametrize("text, match", [
    ("Il giudice ha ascoltato un immigrato clandestino.", "immigrato clandestino"),
    ("Il giudice ha ascoltato un'immigrata clandestina.", "immigrata clandestina"),
    ("Il giudice ha ascoltato degli immigrati clandestini.", "immigrati clandestini"),
    ("Il giudice ha ascoltato delle immigrate clandestine.", "immigrate clandestine"),
    ("Sono state trovate lavoratrici clandestine nei campi.", "lavoratrici clandestine"),
    ("Fermati tre tunisini clandestini al porto.", "tunisini clandestini"),
    ("La nave trasportava 45 clandestini.", "clandestini"),
    ("Sulle coste ioniche continuano senza sosta gli sbarchi di clandestini.", "clandestini"),
    ("Un clandestino è stato trovato nel camion.", "clandestino"),
    ("Gli scafisti imbarcano clandestini su gommoni sovraccarichi.", "clandestini"),
    ("La polizia ha fermato dodici migranti illegali.", "migranti illegali"),
])
def test_people_are_errors_in_every_form(check, text, match):
    found = serious(check(text, lang="it"))
    assert [(f.match, f.level) for f in found] == [(match, Level.ERROR)]


@pytest.mark.parametrize("text, match", [
    ("L'immigrazione clandestina è calata.", "immigrazione clandestina"),
    ("Il governo combatte l'immigrazione illegale.", "immigrazione illegale"),
    ("Il prefetto denuncia la presenza illegale di stranieri nelle campagne.", "presenza illegale"),
    ("Sono aumentati gli sbarchi clandestini di migranti.", "sbarchi clandestini"),
])
def test_acts_are_warnings(check, text, match):
    found = serious(check(text, lang="it"))
    assert [(f.match, f.level) for f in found] == [(match, Level.WARNING)]


@pytest.mark.parametrize("text", [
    "Il reato di immigrazione clandestina fu introdotto nel 2009.",
    "Il reato di immigrazione clandestina resta in vigore, ha ricordato il giudice.",
    "Ai sensi dell'art. 10-bis del testo unico, l'ingresso illegale è punito con l'ammenda.",
])
def test_the_statutory_offence_and_cited_law_are_not_flagged(check, text):
    assert check(text, lang="it") == []


def test_remarks_about_the_offence_are_still_checked(check):
    text = "Il reato di immigrazione clandestina colpisce i clandestini più poveri."
    assert [f.match for f in serious(check(text, lang="it"))] == ["clandestini"]


@pytest.mark.parametrize("text", [
    "La pesca illegale minaccia il tonno.",
    "La polizia ha chiuso una bisca clandestina.",
    "Le scommesse clandestine sono in aumento.",
    "La polizia ha scoperto combattimenti clandestini tra cani.",
    "L'ondata di caldo si estende al sud.",
    "L'invasione delle cavallette ha distrutto i raccolti.",
    "Una specie aliena di alghe è arrivata in Liguria.",
    "L'immigrazione irregolare è calata nel 2023.",
    "I migranti in situazione irregolare hanno diritto alle cure.",
])
def test_other_senses_and_preferred_terms_are_not_flagged(check, text):
    assert check(text, lang="it") == []


@pytest.mark.parametrize("text", [
    "Nessuno è illegale.",
    "Nessun essere umano è illegale, ricorda il collettivo.",
    "I migranti non sono clandestini, ha detto la relatrice.",
    "La migrazione non è illegale.",
])
def test_negation_slogans_are_not_flagged(check, text):
    assert check(text, lang="it") == []


@pytest.mark.parametrize("text", [
    "La parola «clandestino» è discriminatoria.",
    "Il termine “immigrati clandestini” va evitato.",
    "Clandestino io? Preferisco dire migrante irregolare, spiega la ragazza.",
    "La Carta di Roma invita a usare «migrante irregolare» invece di «clandestino».",
    "I cosiddetti clandestini sono spesso richiedenti asilo.",
    "Alcuni quotidiani descrivono i migranti come dei clandestini.",
])
def test_mentions_are_not_flagged(check, text):
    assert check(text, lang="it") == []


def test_a_quoted_sentence_is_reported_lower_and_never_edited(check):
    text = "«I clandestini devono tornare a casa loro», ha detto il consigliere."
    found = check(text, lang="it")
    assert [f.level for f in found] == [Level.SUGGESTION]
    assert found[0].fix is None


@pytest.mark.parametrize("text, expected", [
    ("L'immigrazione clandestina è calata.", "L'immigrazione irregolare è calata."),
    ("Gli ingressi illegali nel paese sono raddoppiati.",
     "Gli ingressi irregolari nel paese sono raddoppiati."),
    ("Nel weekend gli sbarchi clandestini di migranti si sono moltiplicati.",
     "Nel weekend gli sbarchi irregolari di migranti si sono moltiplicati."),
    ("Gli immigrati clandestini sono arrivati ieri.",
     "Gli immigrati in situazione irregolare sono arrivati ieri."),
    ("Un clandestino è stato fermato.", "Un migrante in situazione irregolare è stato fermato."),
    ("Gli extracomunitari clandestini sono stati fermati.",
     "Gli stranieri in situazione irregolare sono stati fermati."),
    ("Una clandestina è stata fermata.", "Una migrante in situazione irregolare è stata fermata."),
    ("La nave trasportava 45 clandestini.", "La nave trasportava 45 migranti in situazione irregolare."),
    ("Il sindaco vuole espellere gli illegali.",
     "Il sindaco vuole espellere i migranti in situazione irregolare."),
    # «illegale» has one form for both genders, as «migrante» has: the determiner keeps it
    ("Un'illegale è stata arrestata.", "Una migrante in situazione irregolare è stata arrestata."),
    ("Le illegali sono state arrestate.", "Le migranti in situazione irregolare sono state arrestate."),
    # an adjective after the noun stays next to it
    ("La polizia ha arrestato clandestini tunisini al porto.",
     "La polizia ha arrestato migranti tunisini in situazione irregolare al porto."),
])
def test_fixes_agree_in_gender_and_number(check, text, expected):
    assert fixed(check, text) == expected


def test_extracomunitario_is_a_suggestion(check):
    found = check("Gli extracomunitari rappresentano il 10 per cento dei lavoratori.", lang="it")
    assert [(f.rule, f.level) for f in found] == [("it-extracomunitario", Level.SUGGESTION)]
    assert found[0].suggestions[0] == "cittadini di paesi terzi"


@pytest.mark.parametrize("text", [
    "Sbarchi a Lampedusa, arrivati altri cento migranti",
    "Clandestini fermati al porto di Bari",
    "Nessuno è illegale",
    "Ondata di sbarchi in Sicilia",
])
def test_short_italian_headlines_are_detected(text):
    assert langid.detect(text) == "it"

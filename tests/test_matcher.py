"""The matcher: word forms, separators, case, modifiers, windows, exceptions."""
from __future__ import annotations

import pytest

from termlint import rules
from termlint.document import Document
from termlint.matcher import Matcher, Options


def rule_ids(findings):
    return [f.rule for f in findings]


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Police arrested an illegal immigrant.", "illegal immigrant"),
        ("Police arrested illegal immigrants.", "illegal immigrants"),
        ("The illegal immigrant's lawyer spoke.", "illegal immigrant's"),
        ("The illegal immigrant’s lawyer spoke.", "illegal immigrant’s"),
        ("ILLEGAL IMMIGRANTS ARRESTED", "ILLEGAL IMMIGRANTS"),
        ("Illegal Immigrants Arrested At Port Today", "Illegal Immigrants"),
        ("They were illegal-immigrant families.", "illegal-immigrant families"),
        ("Police arrested illegal   immigrants.", "illegal   immigrants"),
        ("Police arrested illegal\u00a0immigrants.", "illegal\u00a0immigrants"),
        ("Police arrested illegal\nimmigrants at the port.", "illegal\nimmigrants"),
        ("Police arrested illegal\r\n   immigrants at the port.", "illegal\r\n   immigrants"),
        ("They found illegal Afghan migrants.", "illegal Afghan migrants"),
        ("They hired illegal foreign workers.", "illegal foreign workers"),
        ("They hired illegal young foreign workers.", "illegal young foreign workers"),
        ("The illegal children were sent back across the border.", "illegal children"),
        ("Guards stopped illegal Mexicans at the border.", "illegal Mexicans"),
    ],
)
def test_person_forms(check, text, expected):
    found = [f for f in check(text) if f.rule == "illegal-migrant"]
    assert [f.match for f in found] == [expected]
    assert found[0].level.value == "error"


def test_blank_line_ends_a_term(check):
    assert not [f for f in check("Police arrested the illegal\n\nimmigrants.") if f.rule == "illegal-migrant"]


@pytest.mark.parametrize(
    "text",
    [
        "Illegal drugs were seized.",
        "Illegal logging and illegal fishing were discussed.",
        "The fine for illegal parking rose.",
        "Invasive alien species threaten the island.",
        "The river flood displaced thousands of residents.",
        "A second wave of infections delayed the session.",
        "Police raided a clandestine laboratory.",
        "The city saw an influx of tourists.",
    ],
)
def test_other_senses_are_not_flagged(check, text):
    assert check(text) == []


def test_ambiguous_word_needs_a_migration_cue(check):
    assert "alien-person" in rule_ids(check("The agency deported two aliens last week."))
    assert "alien-person" not in rule_ids(check("The film shows two aliens landing in a field."))


def test_unless_window_blocks_a_match(check):
    # "alien to" means "foreign to"
    assert check("That idea was alien to the border officers.") == []


def test_exception_phrase(check):
    assert [f for f in check("Invasive alien species crossed the border on ships.") if f.rule == "alien-person"] == []


def test_columns_and_offsets_are_in_characters(check):
    text = "Über 30 illegal immigrants"
    [f] = [f for f in check(text) if f.rule == "illegal-migrant"]
    assert (f.line, f.column, f.offset, f.end_offset) == (1, 9, 8, 26)
    assert text[f.offset : f.end_offset] == f.match


def test_positions_on_later_lines(check):
    text = "First line.\r\nSecond line with illegal migrants in it.\n"
    [f] = check(text)
    assert (f.line, f.column, f.end_line, f.end_column) == (2, 18, 2, 34)


def test_a_raw_pattern_rule(tmp_path, bundled):
    path = tmp_path / "raw.yaml"
    path.write_text(
        """language: en
rules:
  - id: x-wetback
    level: error
    category: slur
    message: slur
    why: a slur
    pattern: '(?<!\\w)wetbacks?(?!\\w)'
    triggers: [wetback]
    sources: [{title: t, year: 2020, address: a}]
    examples: {flag: [], pass: []}
""",
        encoding="utf-8",
    )
    ruleset = rules.load([*rules.bundled_files(), path])
    only = ruleset.replace_rules(r for r in ruleset.rules if r.id == "x-wetback")
    found = Matcher(only, Options(language="en")).check(Document("t", "The wetbacks crossed the river."))
    assert [f.match for f in found] == ["wetbacks"]


def test_a_rule_without_any_regex_from_its_author(tmp_path):
    path = tmp_path / "mine.yaml"
    path.write_text(
        """language: en
lists:
  boat: [boat, dinghy]
rules:
  - id: boat-people
    level: warning
    category: dehumanising-metaphor
    message: "{match}"
    why: test
    terms: ["@boat people"]
    sources: [{title: t, year: 2020, address: a}]
    examples: {flag: [], pass: []}
""",
        encoding="utf-8",
    )
    ruleset = rules.load([path])
    found = Matcher(ruleset, Options(language="en")).check(Document("t", "Dinghy-People and boat\npeople"))
    assert [f.match for f in found] == ["Dinghy-People", "boat\npeople"]


def test_language_of_each_paragraph_selects_rules(default_rules):
    matcher = Matcher(default_rules)
    text = "Police arrested illegal immigrants at the port of the city.\n\n"
    found = matcher.check(Document("t", text))
    assert [f.language for f in found] == ["en"]


# -- a required cue as the way in ----------------------------------------------------------

CUE_RULES = """language: en
rules:
  - id: people-fleeing
    level: warning
    category: status
    message: "{match}"
    why: test
    terms: ["migrant|migrants"]
    requires:
      - any: [flee, fled, fleeing]
        within: %s
    sources: [{title: t, year: 2020, address: a}]
    examples: {flag: [], pass: []}
"""
CUE_TEXT = (
    "Migrants fleeing the war crossed the river. Migrants worked on farms. Others fled.\n\n"
    "The migrants had fled the bombing; many migrants stayed. Migrants, fleeing, arrived.\n\n"
    "No cue here for the migrants.\n\nFlee, they said. Migrants then fled\n\n"
    "migrants fled"
)


@pytest.mark.parametrize("within", ["sentence", "4", "paragraph"])
def test_a_rarer_required_cue_is_the_way_in_and_finds_the_same(tmp_path, monkeypatch, within):
    """A term whose rule requires a cue in the match's sentence is looked for in the
    sentences that hold the cue when the cue's triggers are rarer; the findings are the
    ones the term's own triggers give. A cue in the paragraph is never the way in."""
    from termlint import matcher as matcher_module

    path = tmp_path / "cue.yaml"
    path.write_text(CUE_RULES % within, encoding="utf-8")
    ruleset = rules.load([path])
    [rule] = ruleset.rules
    entry = matcher_module._entry_triggers(rule, rule.terms[0])
    assert rule.terms[0].triggers == {"migrant"}
    assert entry == ({"migrant"} if within == "paragraph" else {"flee", "fled"})
    via_cue = Matcher(ruleset, Options(language="en")).check(Document("t", CUE_TEXT))
    monkeypatch.setattr(matcher_module, "_entry_triggers", lambda rule, term: term.triggers)
    via_term = Matcher(ruleset, Options(language="en")).check(Document("t", CUE_TEXT))
    assert [(f.offset, f.match) for f in via_cue] == [(f.offset, f.match) for f in via_term]
    assert len(via_term) >= 4  # the comparison is not of two empty lists


def test_two_matches_of_one_rule_that_share_words_are_one_finding(tmp_path):
    path = tmp_path / "adverb.yaml"
    path.write_text(
        """language: en
lists:
  verb: [=are, =staying, =entered]
rules:
  - id: adverb
    level: warning
    category: illegal-act-adverb
    message: "{match}"
    why: test
    terms: ["=illegally @verb", "@verb =illegally"]
    sources: [{title: t, year: 2020, address: a}]
    examples: {flag: [], pass: []}
  - id: word
    level: suggestion
    category: other
    message: "{match}"
    why: test
    terms: ["=are =illegally"]
    sources: [{title: t, year: 2020, address: a}]
    examples: {flag: [], pass: []}
""",
        encoding="utf-8",
    )
    matcher = Matcher(rules.load([path]), Options(language="en"))
    found = matcher.check(Document("t", "Persons who are illegally staying may be fined."))
    # the longer of the two "adverb" matches stays; another rule's match on the same words stays too
    assert sorted((f.rule, f.match) for f in found) == [("adverb", "illegally staying"), ("word", "are illegally")]
    found = matcher.check(Document("t", "They entered illegally. Others are illegally staying."))
    assert [(f.rule, f.match) for f in found if f.rule == "adverb"] == [
        ("adverb", "entered illegally"), ("adverb", "illegally staying")]


@pytest.mark.parametrize("text", [
    "Police held ille\u00adgal immi\u00adgrants at the port.",   # soft hyphens
    "Police held illegal\u200b immigrants at the port.",       # a zero-width space
    "Police held illegal \u2060immigrants\u2060 at the port.",  # word joiners
])
def test_invisible_characters_do_not_hide_a_term(text):
    from termlint import adapters

    doc = adapters.read(adapters.FORMATS["text"], "t.txt", text)
    found = Matcher(rules.load(rules.bundled_files()), Options(language="en")).check(doc)
    assert [f.rule for f in found] == ["illegal-migrant"]
    assert found[0].fix is None or found[0].fix.applicability.value == "display"  # shown, never applied across one


def test_a_footnote_mark_glued_to_a_word_does_not_hide_it():
    found = Matcher(rules.load(rules.bundled_files()), Options(language="en")).check(
        Document("t", "Police held illegal immigrants\u00b9 at the port; illegal immigrants\u00b2\u2070 too."))
    assert [f.match for f in found] == ["illegal immigrants", "illegal immigrants"]


def test_a_paragraph_condition_reads_a_bounded_window(tmp_path):
    path = tmp_path / "far.yaml"
    path.write_text(
        """language: en
rules:
  - id: zorb
    level: warning
    category: other
    message: "{match}"
    why: test
    terms: ["=zorbling"]
    requires:
      - any: [grobbit]
        within: paragraph
    sources: [{title: t, year: 2020, address: a}]
    examples: {flag: [], pass: []}
""",
        encoding="utf-8",
    )
    ruleset = rules.load([path])
    matcher = Matcher(ruleset, Options(language="en"))
    filler = "word " * 200  # 1,000 characters
    near = f"A grobbit came. {filler}Then a zorbling."
    far = f"A grobbit came. {filler * 3}{'word ' * 30}Then a zorbling."  # 3,150 characters away
    assert [f.match for f in matcher.check(Document("t", near))] == ["zorbling"]
    assert [f.match for f in matcher.check(Document("t", far))] == []


def test_the_bounded_window_is_what_leaves_the_far_cue_out(tmp_path, monkeypatch):
    from termlint import matcher as matcher_module

    monkeypatch.setattr(matcher_module, "PARAGRAPH_REACH", 10**9)
    path = tmp_path / "far.yaml"
    path.write_text(
        "language: en\nrules:\n  - id: zorb\n    level: warning\n    category: other\n"
        "    message: \"{match}\"\n    why: test\n    terms: [\"=zorbling\"]\n    requires:\n"
        "      - any: [grobbit]\n        within: paragraph\n"
        "    sources: [{title: t, year: 2020, address: a}]\n    examples: {flag: [], pass: []}\n",
        encoding="utf-8",
    )
    far = f"A grobbit came. {'word ' * 630}Then a zorbling."
    found = Matcher(rules.load([path]), Options(language="en")).check(Document("t", far))
    assert [f.match for f in found] == ["zorbling"]


@pytest.mark.parametrize(
    "text",
    [
        "See https://example.org/reports/illegal-immigrants for details.",
        "See www.example.org/illegal-immigrants for details.",
        "Contact illegal-immigrants@example.org for help.",
        "The data are in data/illegal-immigrants-2023.csv.",
        "The figures are in illegal-immigrants-2023.csv, sheet 2.",
        r"Open C:\reports\illegal-aliens\table.xlsx to see them.",
    ],
)
def test_web_addresses_mail_addresses_and_file_names_are_not_prose(check, text):
    assert check(text) == []


@pytest.mark.parametrize(
    "text",
    [
        "Police arrested illegal immigrants/refugees at the port.",
        "The illegal-immigrant myth is back.",
        "Police arrested illegal immigrants. See https://example.org for details.",
    ],
)
def test_prose_next_to_a_slash_or_an_address_is_still_prose(check, text):
    assert rule_ids(check(text)) == ["illegal-migrant"]


def _read_and_check(default_rules, fmt, text, lang):
    from termlint import adapters

    doc = adapters.read(adapters.FORMATS[fmt], "t", text)
    return [(f.rule, f.match) for f in Matcher(default_rules, Options(language=lang)).check(doc)]


def test_a_word_hyphenated_at_a_line_end_is_read_whole_in_plain_text(default_rules):
    found = _read_and_check(default_rules, "text", "Die Polizei traf sieben Ille-\ngale an.\n", "de")
    assert found == [("de-illegale-noun", "Ille-\ngale")]
    found = _read_and_check(default_rules, "text", "Sono trattenuti 180 clande-\n   stini in attesa.\n", "it")
    assert [rule for rule, _ in found] == ["it-clandestine-noun"]
    # the first part of a compound stays a word of its own: "so-called" is still a cue
    assert _read_and_check(default_rules, "text", "A so-\ncalled illegal immigrant was named.\n", "en") == []
    # a capital after the break, or a figure, is no hyphenated word
    assert _read_and_check(default_rules, "text", "The ille-\nGal text.\n", "en") == []


def test_a_hyphen_at_a_line_end_of_markdown_is_left_as_it_is(default_rules):
    assert _read_and_check(default_rules, "markdown", "Die Polizei traf sieben Ille-\ngale an.\n", "de") == []


def test_a_line_break_inside_chinese_text_joins_the_characters(default_rules):
    found = _read_and_check(default_rules, "markdown", "抓获“蛇头”2名、非法\n移民17名。\n", "zh")
    assert found == [("zh-illegal-immigrant-person", "非法\n移民")]
    # the lines of a glossary are entries of their own, not one sentence wrapped
    glossary = "非法移民（指人）→ 无证移民\n非法移民（指现象）→ 非正常移徙\n"
    assert _read_and_check(default_rules, "text", glossary, "zh") == []


def test_columns_of_plain_text_are_not_joined_into_one_term(default_rules):
    text = "Avoid                  Use instead\nillegal immigrant      migrant in an irregular situation\n"
    # the gap between the columns is no word separator, and the row is a glossary entry
    assert _read_and_check(default_rules, "text", text, "en") == []
    text = "Police arrested illegal   immigrants.\n"  # three spaces inside a sentence still join words
    assert [rule for rule, _ in _read_and_check(default_rules, "text", text, "en")] == ["illegal-migrant"]


def test_narrow_gaps_in_line_with_the_rows_around_them_are_columns(default_rules):
    # the second column starts in one place on every row: the four spaces after "illegal
    # immigrants" part two cells, and no term runs from one row's last cell into the next row
    text = ("AVOID                 USE\n"
            "illegal alien         noncitizen\n"
            "illegal immigrants    undocumented immigrants\n"
            "flood of migrants     rising arrivals\n")
    assert _read_and_check(default_rules, "text", text, "en") == []
    # the same rows with the second column out of line are prose wrapped oddly
    text = "He said illegal immigrants  are\nwelcome and  others not.\n"
    assert [rule for rule, _ in _read_and_check(default_rules, "text", text, "en")] == ["illegal-migrant"]


def test_justified_lines_whose_gaps_fall_in_line_by_chance_are_no_table(default_rules):
    # "migrants" starts after two spaces in the column where "airport," does on the line
    # above: no row of this text is a table, so nothing spreads from one
    text = ("Officers took the group to the detention centre\n"
            "at  the  airport,  where the authorities keep\n"
            "illegal  migrants  before  removal. The mayor\n"
            "blamed  the flood of migrants for the housing\n"
            "shortage.\n")
    found = [rule for rule, _ in _read_and_check(default_rules, "text", text, "en")]
    assert sorted(found) == ["illegal-migrant", "water-metaphor"]


def test_the_quoting_of_an_e_mail_reply_is_a_quotation_and_no_word_break(default_rules):
    from termlint import adapters

    text = "On 3 May, the mayor wrote:\n\n> Police arrested forty illegal\n> immigrants at the port today.\n"
    doc = adapters.read(adapters.FORMATS["text"], "mail.txt", text)
    [f] = Matcher(default_rules, Options(language="en")).check(doc)
    assert f.match == "illegal\n> immigrants" and f.level.value == "suggestion"  # another writer's words
    assert [m[2] for m in doc.marks] == ["blockquote"]


def test_a_compound_broken_at_its_own_hyphen_stays_two_words(default_rules):
    found = _read_and_check(default_rules, "text", "Police arrested forty illegal-\nimmigrants near the port.\n", "en")
    assert [rule for rule, _ in found] == ["illegal-migrant"]


def test_justified_text_is_no_table(default_rules):
    text = ("The  Committee  is  concerned  that  police  officers  routinely  describe\n"
            "undocumented  workers  as  criminals  and  that  illegal    immigrants  are\n"
            "held  in  police  cells  for  up  to  ten  days.\n")
    assert [rule for rule, _ in _read_and_check(default_rules, "text", text, "en")] == ["illegal-migrant"]


def test_a_sentence_that_comes_again_is_analysed_once(default_rules, monkeypatch):
    """Boilerplate: the same sentence in several paragraphs of prose is worked out once and
    its result reused (a table cell is not: its verdict reads the rest of its row)."""
    sentence = "Police arrested illegal immigrants near the port."
    calls: list[str] = []
    original = Matcher._analyse

    def counting(self, index, para, a, b, *args, **kwargs):
        if sentence in index.text[a:b]:  # not the checks of replacement wordings
            calls.append(sentence)
        return original(self, index, para, a, b, *args, **kwargs)

    monkeypatch.setattr(Matcher, "_analyse", counting)
    text = "\n\n".join([sentence] * 5)
    found = Matcher(default_rules, Options(language="en")).check(Document("t.txt", text))
    assert len(found) == 5 and len(calls) == 1
    calls.clear()
    table = "\n".join(f"\x00\x00{sentence}\x00\x00\x00{k}\x00\x00" for k in range(3))
    found = Matcher(default_rules, Options(language="en")).check(Document("t.txt", table))
    assert len(found) == 3 and len(calls) == 3

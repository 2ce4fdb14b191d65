"""The nuance machinery: quotations in the text, cues from rule files, the quotation policy.

These tests use a small rule file of their own (a made-up term, "zorbling", and made-up
cues), so they show that every behaviour is driven by the rule file and not by English
words built into the code. tests/test_precision.py checks the bundled English rules on
realistic sentences.
"""
from __future__ import annotations

from pathlib import Path

import pytest

from termlint import adapters, rules
from termlint.document import Document
from termlint.errors import RuleError
from termlint.findings import Level
from termlint.matcher import QUOTED_FLAG_NOTE, QUOTED_NOTE, Matcher, Options
from termlint.textindex import Mark, TextIndex, find_quotes, is_headline

RULE_FILE = """language: en
lists:
  beast: [zorbler, grobbit]
cues:
  mention_before: ["[the] wurd|wurds", "stop|stopped saying"]
  mention_list: ["wurds [such] [as]"]
  list_connectors: [and, or]
  mention_after: ["is a slur"]
  negation_before: ["is|are|was|were not [a|an]", "no one|grobbit is|are"]
  names: [Zorbling Act]
  self_designations: [Proud Zorblings]
  title_words: [Bureau, Act]
  title_connectors: [of, for]
  citation: ['\\bArt\\.\\s*\\d']
  citation_unless: [grobbit*]
  reported_before: ["=said", "according to"]
  glossary_verdicts: ["do not use", "avoid"]
  mention_summary: ["these are the wurds"]
rules:
  - id: zorbling
    level: error
    category: person-illegal
    message: "“{match}”: write “{suggestion}”."
    why: a test rule
    terms: ["zorbling [@beast] head:people|person|folk"]
    replace: ["kind {head}"]
    sources: [{title: t, year: 2024, address: a}]
    examples: {flag: [], pass: []}
  - id: zorbling-act
    level: warning
    category: other
    message: "“{match}”"
    why: a test rule
    terms: ["zorbling crossing|crossings"]
    nuances: [mention, quotation, negation, proper-name, citation, self-designation]
    replace: ["kind crossing"]
    sources: [{title: t, year: 2024, address: a}]
    examples: {flag: [], pass: []}
  - id: zorbling-scare
    level: warning
    category: other
    message: "“{match}”"
    why: scare quotes only
    terms: ["=flubber"]
    quotes: required
    nuances: [mention]
    sources: [{title: t, year: 2024, address: a}]
    examples: {flag: [], pass: []}
  - id: zorbling-bare
    level: warning
    category: other
    message: "“{match}”"
    why: no nuances at all
    terms: ["=zorb"]
    nuances: []
    sources: [{title: t, year: 2024, address: a}]
    examples: {flag: [], pass: []}
"""


@pytest.fixture(scope="module")
def ruleset(tmp_path_factory: pytest.TempPathFactory) -> rules.RuleSet:
    path = tmp_path_factory.mktemp("nuances") / "zorb.yaml"
    path.write_text(RULE_FILE, encoding="utf-8")
    return rules.load([path])


def found(ruleset: rules.RuleSet, text: str, quotations: str = "downgrade", fmt: str = "text",
          reported_speech: str = "flag"):
    matcher = Matcher(ruleset, Options(language="en", quotations=quotations, reported_speech=reported_speech))
    doc = adapters.read(adapters.FORMATS[fmt], "t", text) if fmt != "text" else Document("t", text)
    return matcher.check(doc)


def matches(ruleset: rules.RuleSet, text: str, **kw: str) -> list[tuple[str, str]]:
    return [(f.match, f.level.value) for f in found(ruleset, text, **kw)]


# -- quotations in the text ----------------------------------------------------------------


def spans(text: str) -> list[tuple[str, bool]]:
    return [(text[q.open + 1 : q.close], q.closed) for q in find_quotes(text, 0, len(text))]


@pytest.mark.parametrize(
    "text, inner",
    [
        ('He said "go" now.', "go"),
        ("He said “go” now.", "go"),
        ("He said ‘go’ now.", "go"),
        ("He said 'go' now.", "go"),
        ("Il a dit « go » hier.", " go "),
        ("Il a dit «go» hier.", "go"),
        ("Er sagte „go“ gestern.", "go"),
        ("Er sagte „go” gestern.", "go"),
        ("Er sagte ‚go‘ gestern.", "go"),
        ("Er sagte »go« gestern.", "go"),
        ("Il a dit ‹ go › hier.", " go "),
        ("他说「go」。", "go"),
        ("他说『go』。", "go"),
    ],
)
def test_every_quotation_mark_style(text, inner):
    assert spans(text) == [(inner, True)]


@pytest.mark.parametrize(
    "text",
    [
        "Don't stop: Azerbaijan’s migrants' rights matter.",
        "In the '90s and the ’90s, rock 'n' roll was loud.",
        "The 12\" pipe and the 5' ladder were found.",
    ],
)
def test_apostrophes_and_inch_marks_open_nothing(text):
    assert spans(text) == []


def test_a_closing_straight_quote_after_punctuation_never_opens():
    text = 'will be deported," he said. Police came.'
    assert spans(text) == []


def test_nested_quotations():
    text = "“He told us, ‘stay here’, and left,” she said."
    assert spans(text) == [("He told us, ‘stay here’, and left,", True), ("stay here", True)]


def test_an_unclosed_quotation_runs_to_the_end_of_its_paragraph_only():
    text = "The minister said: “We will act. Now.\n\nThe session ended."
    index = TextIndex(text)
    at = text.index("Now")
    quote = index.quote_around(at, at + 3)
    assert quote is not None and not quote.closed
    assert text[quote.open + 1 : quote.close].rstrip() == "We will act. Now."
    at = text.index("session")
    assert index.quote_around(at, at + 7) is None


def test_a_quotation_continued_without_reopening_ends_at_its_closing_mark():
    text = "She went on: “First part.\n\nSecond part,” she said. Then the author."
    index = TextIndex(text)
    at = text.index("Second")
    quote = index.quote_around(at, at + 6)
    assert quote is not None and text[quote.open + 1 : quote.close] == "Second part,"
    at = text.index("author")
    assert index.quote_around(at, at + 6) is None


def test_a_stray_closing_mark_after_a_closed_paragraph_is_no_quotation():
    text = "She said “hello”.\n\nSecond part,” she said."
    index = TextIndex(text)
    at = text.index("Second")
    assert index.quote_around(at, at + 6) is None


def test_title_marks():
    text = "他提到《非法移民法》的内容。"
    index = TextIndex(text)
    at = text.index("非法")
    assert index.title_around(at, at + 2) is not None
    assert index.title_around(0, 1) is None


def test_marks_are_looked_up_lazily_and_by_span():
    calls = []

    def marks():
        calls.append(1)
        return [Mark(10, 20, "italic"), Mark(0, 900, "blockquote"), Mark(30, 35, "code")]

    index = TextIndex("x" * 1000, marks)
    assert calls == []
    assert sorted(m.kind for m in index.marks_around(12, 18)) == ["blockquote", "italic"]
    assert {m.kind for m in index.marks_around(31, 34)} == {"code", "blockquote"}
    assert index.marks_around(950, 960) == []
    assert calls == [1]


# -- each nuance, driven by the rule file ----------------------------------------------------


def test_plain_use_is_reported_with_its_level(ruleset):
    assert matches(ruleset, "The zorbling people arrived.") == [("zorbling people", "error")]
    assert matches(ruleset, "Two zorbling crossings were seen.") == [("zorbling crossings", "warning")]


@pytest.mark.parametrize(
    "text",
    [
        "The wurd zorbling people is old.",  # cue before
        "They stopped saying zorbling folk last year.",  # cue before, a verb of avoiding
        "Zorbling people is a slur, they said.",  # cue after
        "Everyone knows “zorbling people” from the papers.",  # a short quotation
        "The wurd “zorbling person” is old.",  # a cue outside the quotation marks
        "Wurds such as zorbling people, zorbling folk or zorbling person hurt.",  # a list
        "They wrote of zorbling folk of Mars, is a slur, he said.",  # a cue after the complement
    ],
)
def test_mention_is_dropped(ruleset, text):
    assert matches(ruleset, text) == []


@pytest.mark.parametrize(
    "text",
    [
        "zorbling people → kind people\nzorbling folk → kind folk",  # arrow lines: the replacement after it
        "- Zorbling folk, zorbling person → kind folk",  # a list item with two headwords
        "zorbling person (dated) -> kind person",  # a gloss in parentheses, an ASCII arrow
        "zorbling people: avoid; write kind people.",  # a verdict after a separator
        "Zorbling folk, zorbling person — do not use",  # two headwords, then the verdict
        "zorbling people Do not use for anyone. Write kind people, not zorbling folk.",  # the whole entry
        "✗ Avoid: zorbling people · zorbling folk · grobbit",  # a list after a label that rejects it
        "• NO: zorbling person, zorbling folk.",
    ],
)
def test_glossary_entries_are_mentions(ruleset, text):
    assert matches(ruleset, text) == []


@pytest.mark.parametrize(
    "text",
    [
        "The zorbling people avoid the square.",  # a verb, not a verdict
        "Officials said zorbling people: avoid them.",  # a sentence, not headwords, before the term
        "Update: zorbling people crossed the river.",  # a label that rejects nothing, then a sentence
        "Avoid: zorbling people crossed the river at night.",  # no list to the end of the line
        "Zorbling people → up 20% this year.",  # an arrow to what happened, not to a replacement
        "Zorbling people → most of them kind people in the fields",  # a sentence, not a term, after it
        "Zorbling people: avoid them at all costs.",  # "avoid" with an object is advice, not a verdict
        "No: zorbling people, the minister said.",  # an answer, not a label that rejects a list
        "Zorbling people – avoid, says the minister.",  # a verdict's clause goes on after a comma
        "Travel note: avoid the bridge. Zorbling people crossed it.",  # a paragraph opened by advice
        "The bridge: avoid. Zorbling people crossed it.",  # an entry about something else
        "Zorbling people crossed the river at night and were not seen again, said the officer → x",
    ],
)
def test_sentences_are_not_glossary_entries(ruleset, text):
    assert matches(ruleset, text) == [(m, "error") for m in ("zorbling people", "Zorbling people") if m in text]


def test_every_item_of_a_mention_list_is_a_mention(ruleset):
    text = "Wurds such as ugly ones and zorbling people are banned."
    assert matches(ruleset, text) == []
    # Without the list cue, a list is just a list.
    assert matches(ruleset, "Carrots, beans and zorbling people arrived.") == [("zorbling people", "error")]


@pytest.mark.parametrize(
    "text",
    ["They are not zorbling people.", "No one is zorbling folk here.", "No grobbit is zorbling people."],
)
def test_negation_is_dropped(ruleset, text):
    assert matches(ruleset, text) == []


def test_negation_must_govern_the_term(ruleset):
    assert matches(ruleset, "They did not see the zorbling people.") == [("zorbling people", "error")]


def test_names_title_words_and_citations(ruleset):
    assert matches(ruleset, "The Zorbling Act passed.") == []
    assert matches(ruleset, "The Bureau of Zorbling Crossings met on Monday to discuss its budget.") == []
    # A citation silences only the rules that switch `citation` on.
    assert matches(ruleset, "Under Art. 3, zorbling crossings and zorbling people are defined.") == [
        ("zorbling people", "error")
    ]
    # A citing sentence that names a `citation_unless` cue is checked as usual.
    assert matches(ruleset, "Punishing grobbits for zorbling crossings ignores Art. 31.") == [
        ("zorbling crossings", "warning")
    ]
    assert matches(ruleset, "Under Art. 31, zorbling crossings of their own are no offence.") == []


def test_self_designation_drops_a_match_inside_the_name(tmp_path):
    path = tmp_path / "self.yaml"
    path.write_text(RULE_FILE.replace("self_designations: [Proud Zorblings]",
                                      "self_designations: [Proud Zorbling People]"), encoding="utf-8")
    rs = rules.load([path])
    assert matches(rs, "Proud Zorbling People marched on Sunday.") == []
    assert matches(rs, "They saw proud zorbling people on Sunday.") == []  # a term: case does not matter
    assert matches(rs, "The zorbling people marched on Sunday.") == [("zorbling people", "error")]
    # The per-rule switch: without `self-designation` in its nuances, the rule reports it.
    off = tmp_path / "off.yaml"
    off.write_text(path.read_text(encoding="utf-8").replace(
        '    terms: ["zorbling [@beast]', '    nuances: [mention]\n    terms: ["zorbling [@beast]'),
        encoding="utf-8")
    result = matches(rules.load([off]), "Proud Zorbling People marched on Sunday.")
    assert result == [("Zorbling People", "error")]


def test_a_rule_without_nuances_reports_everything(ruleset):
    result = matches(ruleset, "The wurd “zorb” is old; no one is zorb.")
    assert result == [("zorb", "warning"), ("zorb", "warning")]


def test_a_rule_file_without_cues_still_works(tmp_path):
    path = tmp_path / "nocues.yaml"
    without = RULE_FILE.split("cues:")[0] + "rules:" + RULE_FILE.split("rules:", 1)[1]
    path.write_text(without, encoding="utf-8")
    rs = rules.load([path])
    assert matches(rs, "The wurd zorbling people is old.") == [("zorbling people", "error")]
    # Quotation marks need no cue.
    assert matches(rs, "Everyone knows “zorbling people” from the papers.") == []


def test_a_later_file_adds_cues(tmp_path, ruleset):
    base = tmp_path / "base.yaml"
    base.write_text(RULE_FILE, encoding="utf-8")
    extra = tmp_path / "extra.yaml"
    extra.write_text("language: en\ncues:\n  mention_before: [the moniker]\n", encoding="utf-8")
    text = "The moniker zorbling people is old."
    assert matches(ruleset, text) == [("zorbling people", "error")]
    assert matches(rules.load([base, extra]), text) == []


def test_a_number_in_a_cue_list_is_read_as_its_digits(tmp_path):
    path = tmp_path / "numbers.yaml"
    path.write_text("language: en\ncues:\n  copulas: [are, 2]\n  list_connectors: [and, 1]\n"
                    "  citation: [12]\n  names: [1951]\nrules: []\n", encoding="utf-8")
    cues = rules.load([path]).cues["en"]
    assert cues.copulas == {"are", "2"} and cues.list_connectors == {"and", "1"}
    assert cues.citation == ("12",)


def test_a_contrast_denies_a_term_with_the_words_of_the_files_cues(tmp_path, ruleset):
    base = tmp_path / "base.yaml"
    base.write_text(RULE_FILE, encoding="utf-8")
    extra = tmp_path / "extra.yaml"
    extra.write_text("language: en\ncues:\n  contrast_not: [nope]\n  contrast_joins: [plus]\n"
                     "  contrast_articles: [da]\n  contrast_additive: [merely]\n  copulas: [iz]\n"
                     "  contrast_far_from: [far off being]\n", encoding="utf-8")
    both = rules.load([base, extra])
    denied = ["They iz grobbits, nope zorbling people.", "They iz grobbits plus nope da zorbling people.",
              "They were far off being zorbling people."]
    for text in denied:
        assert matches(ruleset, text) == [("zorbling people", "error")], text  # no contrast cues: a use
        assert matches(both, text) == [], text
    kept = ["They iz grobbits, nope merely zorbling people.",  # "not only" adds
            "Voters want grobbits, nope zorbling people."]  # no copula: two things contrasted
    for text in kept:
        assert matches(both, text) == [("zorbling people", "error")], text


@pytest.mark.parametrize(
    "cues, field",
    [
        ("  mention_list: [wurds such as\n", None),
        ("  contrast_not: ['  ']\n", "cues.contrast_not"),
        ("  self_designation: [x]\n", "cues.self_designation"),
        ("  list_connectors: and\n", "cues.list_connectors"),
        ("  self_designations: ['[oops']\n", "cues.self_designations"),
    ],
)
def test_bad_cues_are_reported_with_file_line_and_field(tmp_path, cues, field):
    path = tmp_path / "bad.yaml"
    path.write_text("language: en\ncues:\n" + cues + "rules: []\n", encoding="utf-8")
    with pytest.raises(RuleError) as err:
        rules.load([path])
    message = str(err.value)
    assert str(path) in message
    if field:
        assert field in message


def test_an_unknown_nuance_is_refused(tmp_path):
    path = tmp_path / "bad.yaml"
    path.write_text(RULE_FILE.replace("nuances: []", "nuances: [irony]"), encoding="utf-8")
    with pytest.raises(RuleError) as err:
        rules.load([path])
    assert "nuances" in str(err.value) and "self-designation" in str(err.value)


# -- the quotation policy ---------------------------------------------------------------------

QUOTED = "“These zorbling people must leave the country at once,” the mayor said."


def test_downgrade_reports_a_suggestion_with_a_note_and_no_fix(ruleset):
    [f] = found(ruleset, QUOTED)
    assert f.level is Level.SUGGESTION
    assert f.notes == (QUOTED_NOTE,)
    assert f.fix is None
    assert f.suggestions  # the alternatives are still shown


def test_ignore_drops_quoted_findings(ruleset):
    assert found(ruleset, QUOTED, quotations="ignore") == []


def test_flag_keeps_the_level_with_a_note_and_no_fix(ruleset):
    [f] = found(ruleset, QUOTED, quotations="flag")
    assert f.level is Level.ERROR
    assert f.notes == (QUOTED_FLAG_NOTE,)
    assert f.fix is None


def test_the_writers_own_words_around_a_quotation_are_fixed(ruleset):
    text = "“We must act,” the mayor said of the zorbling people."
    [f] = found(ruleset, text, quotations="flag")
    assert f.level is Level.ERROR and f.notes == () and f.fix is not None


def test_a_quotation_over_paragraphs_and_an_unclosed_one(ruleset):
    text = ("The mayor said: “Our town is full.\n\n“These zorbling people must go.\n\n"
            "We will act,” she added, and zorbling people left.")
    levels = [(f.match, f.level.value) for f in found(ruleset, text)]
    assert levels == [("zorbling people", "suggestion"), ("zorbling people", "error")]
    unclosed = "The release quoted him: “The zorbling people are coming and we are not ready"
    assert matches(ruleset, unclosed) == [("zorbling people", "suggestion")]


# -- formats ---------------------------------------------------------------------------------


def test_markdown_italics_are_a_mention_and_block_quotations_a_quotation(ruleset):
    text = ("The wurd is not needed: *zorbling people* is enough.\n\n"
            "> The zorbling people must go, the mayor wrote in a letter to the editor.\n\n"
            "We met **zorbling people** and _the very many kind zorbling people of the town_.\n\n"
            "Code such as `zorbling people` is never checked.\n")
    result = [(f.line, f.match, f.level.value) for f in found(ruleset, text, fmt="markdown")]
    assert result == [(3, "zorbling people", "suggestion"), (5, "zorbling people", "error"),
                      (5, "zorbling people", "error")]


def test_an_adapter_can_attach_marks(ruleset):
    text = "They called it zorbling people back then."

    class Marked(Document):
        __slots__ = ("marks",)

    doc = Marked("t", text)
    at = text.index("zorbling")
    doc.marks = [(at, at + len("zorbling people"), "italic")]
    assert Matcher(ruleset, Options(language="en")).check(doc) == []
    assert len(Matcher(ruleset, Options(language="en")).check(Document("t", text))) == 1


def test_the_english_docs_describe_every_cue_kind_and_nuance():
    doc = (Path(__file__).resolve().parent.parent / "docs" / "nuances.md").read_text(encoding="utf-8")
    for kind in rules.CUE_KINDS:
        assert f"`{kind}`" in doc, kind
    for nuance in rules.NUANCES:
        assert f"`{nuance}`" in doc, nuance


def test_a_cue_never_matches_where_none_of_its_triggers_occurs():
    """Only the cues one of whose triggers occurs near a match are searched (and compiled):
    over every rule example of every language, every match of every cue holds one of that
    cue's own triggers, so the cues searched always include the one that matches."""
    from termlint import nuances

    loaded = rules.load(rules.bundled_files())
    texts_by_lang: dict[str, list[str]] = {}
    for rule in loaded.rules:
        texts = [*rule.examples.flag, *rule.examples.passes, *(t for t, _ in rule.examples.fixes)]
        texts_by_lang.setdefault(rule.language, []).extend(texts)
    checked = 0
    for lang, cues in loaded.cues.items():
        for kind in ("mention_before", "mention_after", "mention_list", "negation_before", "names",
                     "self_designations"):
            terms = getattr(cues, kind)
            for cue in terms:
                pattern = nuances._any((cue.pattern,))
                for text in texts_by_lang.get(lang, []):
                    for m in pattern.finditer(text, overlapped=True):
                        if m.end() > m.start():
                            checked += 1
                            assert cue in nuances.present(text, m.start(), m.end(), terms), (lang, kind, m.group())
    assert checked > 50  # the examples do hold cues


@pytest.mark.parametrize("text, mention", [
    ('The report used the phrase "illegal immigrants" twice.', True),
    ('The leaflet spoke of "the illegals" at the border.', True),
    ('The minister said: "We caught illegal immigrants."', False),  # a quoted sentence
    ('He said: "Deport the illegals."', False),
])
def test_a_short_quotation_is_a_mention_only_when_it_is_the_term(check, text, mention):
    """With --quotations flag a quoted sentence is reported; a quoted term never is."""
    found = [f for f in check(text, quotations="flag") if f.level.rank >= Level.ERROR.rank]
    assert (found == []) is mention, [(f.rule, f.match) for f in found]


# -- reported speech ---------------------------------------------------------------------------


def test_a_term_after_a_verb_of_saying_is_reported_speech(ruleset):
    text = "The delegate said that zorbling people had been held."
    [flagged] = found(ruleset, text)
    assert (flagged.level.value, flagged.fix is not None) == ("error", True)  # flag: the rule's level, fixable
    assert flagged.notes and flagged.notes[0].startswith("reported speech:")
    [lowered] = found(ruleset, text, reported_speech="downgrade")
    assert lowered.level.value == "warning" and lowered.notes == flagged.notes
    assert found(ruleset, "According to police, zorbling crossings rose.", reported_speech="downgrade")[0].level.value \
        == "suggestion"
    # the verb must come before the term in its sentence; quoted words follow the quotation policy
    [own] = found(ruleset, "Zorbling people were held, the delegate said.", reported_speech="downgrade")
    assert own.level.value == "error" and not own.notes
    [quoted] = found(ruleset, 'The delegate said: "We hold zorbling people and nobody else in the camp."',
                     reported_speech="downgrade")
    assert quoted.level.value == "suggestion" and quoted.notes[0].startswith("inside a quotation")



@pytest.mark.parametrize("text", [
    "The Illegal Migrants (Determination by Tribunals) Act 1983 was struck down by the court.",
    "The Immigration (Illegal Immigrants) Regulations were amended last year.",
    "UNHCR called for a halt to the Illegal Foreigners Repatriation Plan.",
    "Officials met the Office for Illegal Migration in Warsaw.",
])
def test_names_with_a_parenthesis_a_plan_or_in_a_capitalised_sentence_are_names(bundled, text):
    assert Matcher(bundled, Options(language="en")).check(Document("t.txt", text)) == []


def test_a_title_case_headline_is_still_a_headline_and_a_sentence_with_a_verb_in_small_letters_is_not():
    for line in ("Sheriff Detains Illegal Immigrants in Night Raid", "ILLEGAL ALIENS ARRESTED AT THE BORDER"):
        assert is_headline(line, 0, len(line))
    line = "Officials met the Office for Illegal Migration in Warsaw."
    assert not is_headline(line, 0, len(line))


@pytest.mark.parametrize("text", [
    "How Many Illegal Immigrants are in the US?",
    "Illegal Immigrants Plan Hunger Strike at Detention Centre",
    "ILLEGAL IMMIGRANTS PLAN HUNGER STRIKE",
])
def test_a_headline_with_a_small_verb_or_a_title_word_used_as_a_verb_is_still_checked(bundled, text):
    found = Matcher(bundled, Options(language="en")).check(Document("t.txt", text))
    assert [f.rule for f in found] == ["illegal-migrant"]


# -- a list summed up as words, and quoted choices ---------------------------------------------


@pytest.mark.parametrize(
    "text, expected",
    [
        # the items of a list that opens its sentence, summed up after a colon by a cue
        ("Zorbling people, zorbling folk: these are the wurds of the pamphlet.", []),
        ("Grobbits, zorbling people and zorbling folk — these are the wurds of the pamphlet.", []),
        # one term alone is no list
        ("Zorbling people: these are the wurds of the pamphlet.", [("Zorbling people", "error")]),
        # a list summed up by words that are not a cue
        ("Zorbling people, zorbling folk: these are the facts.",
         [("Zorbling people", "error"), ("zorbling folk", "error")]),
        # a list that does not open its sentence
        ("The mayor blamed zorbling people, zorbling folk: these are the wurds he used.",
         [("zorbling people", "error"), ("zorbling folk", "error")]),
    ],
)
def test_list_summed_up_as_words(ruleset: rules.RuleSet, text: str, expected: list[tuple[str, str]]) -> None:
    assert matches(ruleset, text) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        ("The “flubber” arrived at dawn.", [("flubber", "warning")]),
        ("Write “flubber” or “kind folk”, whichever fits.", []),
        ("Write «kind folk» o «flubber», whichever fits.", []),
        # "and" joins two scare-quoted words as well as two terms
        ("The “flubber” and “grobbits” arrived at dawn.", [("flubber", "warning")]),
        ("Unquoted flubber or “kind folk” arrived.", []),
    ],
)
def test_quoted_choice_is_not_a_scare_quote(ruleset: rules.RuleSet, text: str,
                                              expected: list[tuple[str, str]]) -> None:
    assert matches(ruleset, text) == expected


def test_a_quotation_after_a_title_word_is_a_title(ruleset: rules.RuleSet) -> None:
    # the title of what the word names ("the Act “…”"), not another speaker's words
    assert matches(ruleset, "The Act “On Zorbling People and Their Crossings” passed in May.") == []
    # inflected: a title word with a case ending
    assert matches(ruleset, "Under the Bureaus “Zorbling People Register” rules, nothing changed.") == []
    # a quotation after any other word is a quotation
    assert matches(ruleset, "The mayor repeated “the zorbling people must leave now” at the rally.") == [
        ("zorbling people", "suggestion")]


def test_an_entry_that_opens_its_paragraph_covers_its_examples_not_a_report_after_it(ruleset: rules.RuleSet) -> None:
    assert matches(ruleset, "Zorbling people: avoid. See also zorbling folk.") == []
    assert matches(ruleset, "Zorbling people: avoid. Kind folk is better, e.g. not zorbling folk at all.") == []
    assert matches(ruleset, "Zorbling people: avoid. The council met zorbling people at the old station last night "
                            "to talk about housing.") == [("zorbling people", "error")]


def test_a_line_after_a_label_of_what_not_to_write_is_an_example(ruleset: rules.RuleSet) -> None:
    assert matches(ruleset, "Wording to avoid:\nThe zorbling people came at night.") == []
    # a label that says nothing of the kind, or a blank line between, leaves it a use
    assert matches(ruleset, "What happened:\nThe zorbling people came at night.") == [("zorbling people", "error")]
    assert matches(ruleset, "Wording to avoid:\n\nThe zorbling people came at night.") == [("zorbling people", "error")]


def test_a_cue_before_an_emphasised_term_in_plain_text(ruleset: rules.RuleSet) -> None:
    assert matches(ruleset, "Stop saying *zorbling people* in the minutes.") == []

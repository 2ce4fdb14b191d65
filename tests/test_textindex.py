"""The quick ways of finding paragraphs, lines and quotation marks give what the patterns
they stand in for give (property tests over text made of the characters that matter)."""
from __future__ import annotations

import regex
from hypothesis import given, settings
from hypothesis import strategies as st

from termlint import document, fixer, textindex

_PIECES = ["a", "Bc", " ", "\t", "\u00a0", "\n", "\r", "\r\n", "\x00", "\x00\x00", ".", "“", "”", "'", "’", "«",
           "»", "「", "」", '"', "中"]
texts = st.lists(st.sampled_from(_PIECES), max_size=60).map("".join)


@settings(max_examples=800, deadline=None)
@given(texts)
def test_paragraph_starts_are_the_ends_of_the_paragraph_breaks(text):
    expected = [0, *(m.end() for m in textindex._PARA_BREAK.finditer(text))]
    assert textindex.paragraph_starts(text) == expected


@settings(max_examples=800, deadline=None)
@given(texts)
def test_line_starts_follow_every_kind_of_line_end(text):
    assert document.line_starts(text) == [0, *(m.end() for m in regex.finditer(r"\r\n|\r|\n", text))]


@settings(max_examples=800, deadline=None)
@given(texts)
def test_quotation_marks_are_all_found_in_order(text):
    assert textindex.quote_marks(text) == [m.start() for m in textindex._QUOTE_MARK.finditer(text)]


def test_a_long_text_without_line_feeds_only_is_handled_by_the_pattern():
    text = "One.\r\n\r\nTwo.\n \nThree.\x00\x00Four."
    assert textindex.paragraph_starts(text) == [0, 8, 15, 23]


def test_triggers_are_the_rare_words_of_a_term():
    """A term is found by its rarest literal: not a short stem that common words share
    (army → "arm", in farm and harm), nor the topic's own words ("migration")."""
    from termlint.patterns import Compiler

    en = Compiler("en", {})
    army = en.compile("army|armies")
    assert "arm" not in army.triggers and army.triggers
    assert all(len(t) >= 4 for t in army.triggers)
    migration = en.compile("illegal|unlawful migration")
    assert "migration" not in migration.triggers
    assert {"illegal", "unlawful"} <= set(migration.triggers)
    compiled = regex.compile(migration.pattern, regex.IGNORECASE)
    for sentence in ("Illegal migration rose.", "unlawful migration", "ILLEGAL MIGRATION"):
        match = compiled.search(sentence)
        assert match and any(t in match.group().lower() for t in migration.triggers)


def test_a_huge_paragraph_is_cut_at_sentence_ends_so_no_match_is_lost(check):
    """A paragraph of more than 4,000 characters (lines without blank lines between them)
    is checked in pieces; wherever the term falls near a cut, it is found once and its
    article is fixed with it."""
    sentences = ["The delegation said the State party had ratified the Convention in 1999.",
                 "The Committee asked about detention conditions and access to lawyers."]
    body = ""
    while len(body) < 3900:
        body += sentences[len(body) % 2] + "\n"
    for extra in range(40, 120, 3):
        text = body + ("Moreover " * 20)[:extra] + " police held an illegal immigrant at the port.\n"
        found = [f for f in check(text) if f.rule == "illegal-migrant"]
        assert len(found) == 1, extra
        assert fixer.apply(text, [found[0].fix])[0].endswith(" police held a migrant in an irregular situation at the port.\n")


def test_a_huge_list_without_full_stops_is_cut_between_items_so_no_match_is_lost(check):
    """A plain-text list of more than 4,000 characters without blank lines or full stops (an
    agenda, a digest) is cut at a line break or after a clause's punctuation, never inside
    a term that falls near the cut."""
    item = "- Committee reviews the periodic report of the State party and hears the delegation\n"
    for at in range(3940, 4060, 7):
        for tail in ("\n", "; "):
            text = (item * 60)[:at] + " police arrested illegal immigrants at the port" + tail + item * 20
            found = [f for f in check(text) if f.rule == "illegal-migrant"]
            assert len(found) == 1, (at, tail)


def test_a_huge_paragraph_without_sentence_ends_is_cut_between_words():
    text = "word " * 3000
    index = textindex.TextIndex(text)
    pieces = list(index.paragraphs())
    assert len(pieces) >= 3 and pieces[0].start == 0 and pieces[-1].end == len(text)
    assert all(a.end == b.start for a, b in zip(pieces, pieces[1:], strict=False))
    assert not any(text[p.start - 1].isalnum() and text[p.start].isalnum() for p in pieces[1:])


def test_a_headline_in_capitals_ends_its_sentence():
    text = "SBARCHI, ALTRI 300 CLANDESTINI A LAMPEDUSA\r\nL’hotspot ospita il triplo delle persone. Poi altro.\n"
    index = textindex.TextIndex(text)
    at = text.index("CLANDESTINI")
    assert index.sentence(at, at + 11) == (0, text.index("\r\n"))
    # a line with small letters, or the capitals of an acronym, ends nothing
    for line in ("The UN report on arrivals\nwas read. Then more.\n", "UN\nreport. Then more.\n"):
        assert textindex._sentence_ends(line) == [line.index(". ") + 1]
    # a headline over two lines, or a line that goes on in small letters, is one sentence
    two = "MEDIA URGED TO DROP THE TERM\nILLEGAL IMMIGRANTS\nThe call came on Monday. Then.\n"
    assert textindex._sentence_ends(two) == [two.index("S\nThe") + 1, two.index(". ") + 1]
    small = "DROP THE TERM\nillegal immigrant, the guide says. Then.\n"
    assert textindex._sentence_ends(small) == [small.index(". ") + 1]


def test_a_numbered_paragraph_starts_a_sentence():
    text = "(14) Refugees are not penalised under Article 31.\n(15) Cooperation should be intensified. (a) It rose."
    assert textindex._sentence_ends(text) == [text.index(".\n(15)") + 1, text.index(". (a)") + 1]
    # a number in brackets inside a sentence ends nothing
    assert textindex._sentence_ends("See note (3) for details. Then") == [len("See note (3) for details.")]


def test_a_title_case_headline_has_no_verb_in_small_letters():
    for line in ("Police Arrest Illegal Immigrants at Port", "Talks on Migration Resume After Summit",
                 "Office for Illegal Migration Opens With New Staff"):
        assert textindex.is_headline(line, 0, len(line)), line
    # a sentence whose capitals are names: its verbs and nouns are in small letters
    for line in ("She heads the Office of Illegal Immigration.",
                 "Senator Chuck Grassley chairs the Senate Judiciary Subcommittee on Illegal Immigration.",
                 "Officials met the Office for Illegal Migration"):
        assert not textindex.is_headline(line, 0, len(line)), line

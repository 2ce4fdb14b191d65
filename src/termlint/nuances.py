"""Use versus mention, negation, proper names, citations, quotations, self-designation.

Given a candidate match, decide whether the writer *uses* the term in their own voice.
Each check is driven by the `cues` of the rule's language (docs/nuances.md) and switched
on per rule by its `nuances` list:

* `self-designation`: the match lies in a name or word a community chose for itself
  ("No One Is Illegal", "sans-papiers"): dropped.
* `mention`: the term is talked about, not used: introduced by a cue ("the word",
  "so-called", "stop using", "labels such as A, B or C"), followed by one ("is a slur"),
  or standing alone in quotation marks, italics or code: dropped.
* `negation`: the term is denied ("no human being is illegal"): dropped.
* `proper-name`: the term is part of a name (a statute, an agency, a campaign, a title
  in 《》): dropped.
* `citation`: the sentence (or the sentence that opens the quotation holding the term)
  cites a statute or treaty: dropped, unless the citation comes after the term and the
  sentence names one of the `citation_unless` cues (refugees, asylum seekers: the writer
  calls their act illegal and then cites the treaty, TERMINOLOGY.md 1.1, illegal-act (b)).
  A sentence that opens with its citation ("Article 31 shields refugees from penalties for
  illegal entry") gives the treaty's own words.
* `quotation`: the term is inside a quoted sentence or block quotation: kept, but marked
  `quoted`, so the matcher applies the quotation policy (downgrade, ignore or flag) and
  never plans a fix. Outside quotation marks, a term after a verb of saying in its sentence
  (`reported_before`: "said", "stated", "according to") is marked `reported`: the finding
  notes that quotation marks would keep the speaker's words, and the reported-speech
  policy may lower its level.

All functions here are pure.
"""
from __future__ import annotations

import functools
from collections.abc import Callable, Iterator, Sequence

from termlint import rx
from termlint.document import HARD, ROW_BREAK
from termlint.patterns import FLAGS, Compiled
from termlint.prefilter import fold, occurs
from termlint.records import NamedTuple
from termlint.rules import Cues, Rule, replacement_words
from termlint.textindex import Mark, Paragraph, Quote, TextIndex, is_headline

TYPE_CHECKING = False  # typing.TYPE_CHECKING, without importing typing at run time
if TYPE_CHECKING:
    from typing import Any

# Between a cue and the term: spaces, opening or closing quotation marks, a colon or dash
# (not a comma: "in other words, illegal migrants" uses the term).
_GLUE = r"[\s\"'“”‘’«»„‚‹›「」『』(\-–—:*_\u00a0\u202f]*"
# After the term a comma may stand: an apposition ("Flüchtlingsstrom, ein Unwort").
_GLUE_AFTER = r"[\s\"'“”‘’«»„‚‹›「」『』)\-–—:,*_\u00a0\u202f]*"
# A cue never starts inside a hyphenated word ("long-term illegal residents").
_CUE_START = r"(?<![\-\u2010\u2011])"
_QUOTE_CHARS = r"\"'“”‘’«»„‚‹›「」『』"
_SHORT_QUOTE_WORDS = 4
_LIST_ITEMS = 6
_WINDOW = 160  # how far before or after a match cues are looked for, in characters
_CUE_TIMEOUT = 1.0  # seconds a citation cue (a raw regular expression) may search one sentence
_WORD = rx.lazy(r"\w+")
_WORD_START = rx.lazy(r"(?<!\w)\w")


class Verdict(NamedTuple):
    drop: bool
    reason: str = ""  # why it was dropped, or "quotation" / "reported" when it is kept so marked
    quoted: bool = False
    reported: bool = False  # after a verb of saying in its sentence (reported speech)


KEEP = Verdict(False)


@functools.lru_cache(maxsize=512)
def _before(patterns: tuple[str, ...], reverse: bool = True) -> rx.Pattern[str] | None:
    """Cues ending where the term starts. Searched right to left (REVERSE), the pattern
    anchored at the window's end is tried once rather than at every position."""
    if not patterns:
        return None
    flags = FLAGS | rx.REVERSE if reverse else FLAGS
    return rx.compile(_CUE_START + "(?:" + "|".join(patterns) + ")" + _GLUE + r"\Z", flags)


@functools.lru_cache(maxsize=512)
def _before_list(patterns: tuple[str, ...], connectors: tuple[str, ...]) -> rx.Pattern[str] | None:
    """A list cue, then items ending in a separator: `labels such as A, B or ` before C
    (and the cue alone before A)."""
    if not patterns:
        return None
    item = rf"[{_QUOTE_CHARS}]*\w+(?:[\s\-]\w+){{0,3}}[{_QUOTE_CHARS}]*"
    words = "|".join(rx.escape(c) for c in sorted(connectors, key=len, reverse=True))
    sep = r"\s*[,;/、،]\s*" + (rf"(?:(?:{words})\s+)?" if words else "")
    if words:
        sep = rf"(?:{sep}|\s+(?:{words})\s+)"
    return rx.compile(
        _CUE_START + "(?:" + "|".join(patterns) + ")" + _GLUE
        + rf"(?:{item}{sep}){{0,{_LIST_ITEMS}}}" + _GLUE + r"\Z",
        FLAGS | rx.REVERSE,
    )


@functools.lru_cache(maxsize=512)
def _after(patterns: tuple[str, ...]) -> rx.Pattern[str] | None:
    if not patterns:
        return None
    # `match(text, at)` anchors at `at`; `\A` would only ever match at offset 0.
    return rx.compile(_GLUE_AFTER + "(?:" + "|".join(patterns) + ")", FLAGS)


@functools.lru_cache(maxsize=512)
def _any(patterns: tuple[str, ...]) -> rx.Pattern[str] | None:
    if not patterns:
        return None
    return rx.compile("|".join(f"(?:{p})" for p in patterns), FLAGS)


def _pats(terms: Sequence[Compiled]) -> tuple[str, ...]:
    return tuple(t.pattern for t in terms)


# Cue lists (long-lived tuples of the rule set), by identity: the list, and each cue's
# triggers (None: a cue without triggers, which may match anywhere).
_TRIGGERS_OF: dict[int, tuple[Sequence[Compiled], tuple[tuple[str, ...] | None, ...]]] = {}


def present(text: str, lo: int, hi: int, cues: Sequence[Compiled]) -> tuple[Compiled, ...]:
    """The cues that can match in text[lo:hi]: those one of whose triggers occurs there.
    No cue matches without one of its triggers (see prefilter), so the alternation of
    these finds everything the whole list would, and where each match starts and ends;
    often long, the whole list's pattern is then neither searched nor compiled (a cue list
    of 34 cues is mostly searched for the one or two whose words are near)."""
    entry = _TRIGGERS_OF.get(id(cues))
    if entry is None or entry[0] is not cues:
        entry = _TRIGGERS_OF[id(cues)] = (cues, tuple(tuple(c.triggers) if c.triggers else None for c in cues))
    window = fold(text[lo:hi])
    return tuple(cue for cue, triggers in zip(cues, entry[1], strict=True)
                 if triggers is None or occurs(triggers, window))


# What ends an address or a file name (which is never longer than _TOKEN_REACH either side).
_TOKEN_ENDS = frozenset(" \t\r\n\u00a0\u202f\u2009\u3000\"“”‘’«»()<>[]{}，。、；：！？「」『』《》،؛")
_TOKEN_REACH = 300
_SENTENCE_PUNCT = frozenset(",;:!?")
_EMAIL = rx.lazy(r"[\w.+\-]@[\w\-]+\.[\w.\-]+")
_EXTENSION = rx.lazy(r"\.[A-Za-z][A-Za-z0-9]{0,4}\Z")


def in_identifier(text: str, start: int, end: int) -> bool:
    """text[start:end] lies in a web address, an e-mail address or a file name or path
    ("https://example.org/reports/illegal-immigrants", "illegal-immigrants@example.org",
    "data/illegal-immigrants-2023.csv"): an identifier, which no rule reads as prose and no
    fix may change."""
    a, floor = start, max(0, start - _TOKEN_REACH)
    while a > floor and text[a - 1] not in _TOKEN_ENDS:
        a -= 1
    b, ceiling = end, min(len(text), end + _TOKEN_REACH)
    while b < ceiling and text[b] not in _TOKEN_ENDS:
        b += 1
    if a == start and (b == end or text[end] in _SENTENCE_PUNCT):
        return False  # a word standing alone, as almost every match does
    token = text[a:b].rstrip(".,;:!?'’")
    if "/" not in token and "@" not in token and "\\" not in token and "." not in token:
        return False
    if "://" in token or token.lower().startswith("www.") or _EMAIL.search(token):
        return True
    slashes = token.count("/") + token.count("\\")
    named = _EXTENSION.search(token) is not None and any(c in text[start:end] for c in "-_")
    return (slashes >= 2 or (slashes == 1 and _EXTENSION.search(token) is not None)) or named


def assess(index: TextIndex, start: int, end: int, rule: Rule, cues: Cues) -> Verdict:
    """Whether a match of `rule` at text[start:end] is the writer's own use of the term."""
    text = index.text
    nuances = rule.nuances
    s_start, s_end = index.sentence(start, end)
    if "self-designation" in nuances and _in_name(text, s_start, s_end, start, end, cues.self_designations):
        return Verdict(True, "self-designation")
    quote = index.quote_around(start, end)
    short = quote is not None and _is_short(text, quote, start, end)
    marks = index.marks_around(start, end)
    styled = next((m for m in marks if m.kind in ("italic", "code") and _short_span(text, m, start, end)),
                  None)
    if rule.quotes == "required" and not (short and quote and _is_whole(text, quote, start, end)):
        return Verdict(True, "not-quoted")
    if rule.quotes == "outside" and quote is not None:
        return Verdict(True, "quoted")
    if "mention" in nuances:
        a, b = start, end
        if short and quote:
            a, b = quote.open, quote.close + 1
        elif styled is not None:
            a, b = styled.start, styled.end
        scare = _SCARE_CUES if rule.quotes == "required" else frozenset()
        if (_mentioned(text, s_start, s_end, a, b, cues, scare) or _glossary_entry(index, start, end, rule, cues)
                or _labelled_example(index, start, cues)):
            return Verdict(True, "mention")
        if (short or styled is not None) and rule.quotes != "required":
            return Verdict(True, "mention")
    if "negation" in nuances and (_negated(text, s_start, start, end, cues.negation_before)
                                  or _contrasted(text, s_start, start, cues)):
        return Verdict(True, "negation")
    if "proper-name" in nuances and (
        _in_name(text, s_start, s_end, start, end, cues.names)
        or index.title_around(start, end) is not None
        or _title_case_name(index, s_start, s_end, start, end, rule.language, cues)
        or _sentence_case_title(text, s_start, start, end, rule.language, cues)
        or (quote is not None and _titled_quote(text, s_start, quote.open, cues))
        or (rule.language == "de" and _capital_adjective_name(text, s_start, start, end, cues))
    ):
        return Verdict(True, "proper-name")
    if "citation" in nuances:
        c_start, c_end = _clause(text, s_start, s_end, start, end)
        cited = _citation(text, c_start, c_end, cues.citation)
        if (quote is not None and _citation(text, *index.sentence(quote.open + 1, quote.open + 1), cues.citation)
                is not None) or (cited is not None and (
                    cited < start or not (_anywhere(text, c_start, c_end, cues.citation_unless)
                                          or _named_again(text, start, end, cited)))):
            return Verdict(True, "citation")
    if "quotation" in nuances and rule.quotes != "required":
        if (quote is not None and not short) or any(m.kind == "blockquote" for m in marks):
            return Verdict(False, "quotation", True)
        if cues.reported_before and _reported(text, s_start, start, cues.reported_before):
            return Verdict(False, "reported", False, True)
    return KEEP


# Cues that distance the writer from a word as scare quotes do: before a scare-quoted word
# ("so-called “refugees”") they add to the scare quotes, they do not make a mention.
_SCARE_CUES = frozenset({"so-called", "so called", "self-styled", "soi-disant", "soi-disants", "prétendus",
                         "sogenannte", "sogenannten", "so genannte", "cosiddetti", "cosiddette",
                         "supuestos", "supuestas", "pretensos", "pretensas", "так называемые"})


@functools.lru_cache(maxsize=64)
def _without(cues: tuple[Compiled, ...], sources: frozenset[str]) -> tuple[Compiled, ...]:
    return tuple(c for c in cues if c.source.lower() not in sources)


def _mentioned(text: str, lo: int, hi: int, a: int, b: int, cues: Cues,
               scare: frozenset[str] = frozenset()) -> bool:
    """A metalinguistic cue right before text[a:b] (also across a list) or right after it;
    the `scare` cues do not count (for a rule about scare quotes)."""
    before = _without(cues.mention_before, scare) if scare else cues.mention_before
    if _cue_before(text, lo, a, before):
        return True
    start = max(lo, a - _WINDOW)
    near = present(text, start, a, cues.mention_list) if cues.mention_list else ()
    if near:
        pattern = _before_list(_pats(near), tuple(sorted(cues.list_connectors)))
        if pattern is not None and pattern.search(text, start, a) is not None:
            return True
    if _cue_after(text, b, hi, cues.mention_after):
        return True
    # a cue after the term's complement: "an invasion of migrants, a term that …", or after a
    # dictionary headword's gender: "Asylant, der: negativ besetzter Begriff"
    complement = _COMPLEMENT.match(text, b, hi) or _GENDER.match(text, b, hi)
    if complement is not None and _cue_after(text, complement.end(), hi, cues.mention_after):
        return True
    if (_quoted_alternative(text, lo, hi, a, b) or _summed_up(text, lo, hi, a, b, cues)
            or _GLOSS_BEFORE.search(text, max(lo, a - 60), a) is not None):
        return True
    # A cue whose own words are quoted: "used “irregular migrants” instead of", "replace X
    # with 'migrant in an irregular situation'". The marks read as spaces (same length).
    plain = _unquoted(text, lo, hi)
    return plain is not None and (_cue_before(plain, 0, a - lo, before)
                                  or _cue_after(plain, b - lo, hi - lo, cues.mention_after))


# A glossary or style-guide entry: its headwords open a line, a few of them at most, joined
# by commas or slashes, and go on to an arrow ("illegal alien → undocumented noncitizen",
# "مهاجر غير شرعي ← مهاجر غير نظامي") or to a verdict ("Migrant illégal, clandestin : à
# proscrire", "нелегал — не использовать", "illegal immigrant Do not use for people").
# An arrow, or the boundary between two cells of a table row (Markdown, or plain-text
# columns), which the prose text holds as NUL characters: "| illegal alien | undocumented
# noncitizen |" is an entry like "illegal alien → undocumented noncitizen".
_ARROW = rx.lazy(r"[→⇒⟶➔➜➝←⇐⟵]|->|=>|<-|\x00+")
_MARKS = r"[*_\"“”‘’«»„「」『』]*"  # emphasis and quotation marks around a headword
_ITEM = (_MARKS + r"[\w'’\-]+(?:[^\S\r\n]+[\w'’\-]+)*(?:[^\S\r\n]*[(（][^()（）\r\n]{0,40}[)）])?"
         + _MARKS)
_LIST = r"[^\S\r\n]*[,/;、،·•][^\S\r\n]*"
# (NUL: a list marker the Markdown adapter took out of the prose)
_BULLET = r"[^\S\r\n\x00]*\x00*[^\S\r\n]*(?:(?:[-*•·–—▪]|\d{1,3}[.)])[^\S\r\n]+)?"
# before a headword on its line: list markup, then other headwords and a list separator
_LEAD = rx.lazy(_BULLET + rf"(?:{_ITEM}{_LIST})*{_MARKS}\Z")
# after it: the rest of its item (marks, a gloss in parentheses), then other headwords
_TRAIL = rx.lazy(_MARKS + r"(?:[^\S\r\n]*[(（][^()（）\r\n]{0,40}[)）])?" + rf"(?:{_LIST}{_ITEM})*[^\S\r\n]*\Z")
# an entry's headwords from the start of its paragraph
_ENTRY_WORDS = rx.lazy(_BULLET + rf"{_ITEM}(?:{_LIST}{_ITEM})*[^\S\r\n]*\Z")
# a list of terms after a label that rejects them: "✗ Avoid: illegal immigrants · illegals",
# "• NO: ilegal, clandestino, oleada"
_CROSSES = "✗✘❌⛔🚫"
_LABELLED = rx.lazy(r"[^\S\r\n]*(?P<marks>(?:[-*•·–—▪✓✔✗✘❌⛔🚫][^\S\r\n]*)*)"
                    r"(?P<label>[^\W\d][\w'’ \-]{0,30}?)?[^\S\r\n]*[:：][^\S\r\n]*"
                    + rf"(?:{_ITEM}{_LIST})*{_MARKS}\Z")
_TO_LINE_END = rx.lazy(_MARKS + r"(?:[^\S\r\n]*[(（][^()（）\r\n]{0,40}[)）])?"
                       + rf"(?:{_LIST}{_ITEM})*[^\S\r\n]*[.;]?[^\S\r\n]*\Z")
_NO_WORDS = frozenset({"no", "non", "nein", "nicht", "нет", "не", "لا", "不", "不要", "never", "jamais", "nunca",
                       "mai", "niemals", "nie"})
# after a verdict: the end of its clause, or whom the word is not for ("Do not use for people")
_VERDICT_END = rx.lazy(r"[^\S\r\n]*(?:$|[.;:!?()（）。；：؛\x00]|(?:for|pour|para|per|für|для|لل)\b)",
                       rx.MULTILINE | rx.IGNORECASE)
# a verdict that names the replacement next: "remplacer par", "заменить на", "replace with"
_REPLACE_BY = rx.lazy(r"(?:par|por|durch|con|com|на|with|by|بـ|ب)\Z", rx.IGNORECASE)
_FIRST_ITEM = rx.lazy(r"[^,;，；、،؛]*")
_DIGIT = rx.lazy(r"\d")
_TERM_WORDS = 5  # words of a proposed term, up to its first comma or semicolon
_GLOSS_WORD = rx.lazy(r"[\w'’\-]+")
_CJK = rx.lazy(r"[\u3400-\u9fff]")
_CELL_REST = rx.lazy(r"(?:[^\S\r\n]+[\w'’\-]+){1,4}[^\S\r\n]*")  # the rest of a headword cell: "swarm| of migrants"
_CELL_END = rx.lazy(r"[*_\"“”‘’«»]*\x00")  # the match ends its table cell
_ENTRY_SEP = rx.lazy(r"[^\S\r\n]*(?:[:.;—–=：]|\s-|\x00+)[^\S\r\n]*\Z")  # ends the headwords
_ENTRY_HEAD = 48  # characters of headwords before a match on its line
_ENTRY_TAIL = 64  # characters of headwords after it, up to the arrow or the verdict


def _line_start(text: str, pos: int, lo: int) -> int:
    """The start of the line holding `pos`, not before `lo` (searches stay in the paragraph)."""
    after = max(lo, text.rfind("\n", lo, pos) + 1)
    return max(after, text.rfind("\r", after, pos) + 1)


def _line_end(text: str, pos: int, limit: int) -> int:
    """The end of the line holding `pos`, not after `limit` (a table row ends at U+2029)."""
    cuts = [c for c in (text.find("\n", pos, limit), text.find("\r", pos, limit), text.find(ROW_BREAK, pos, limit))
            if c >= 0]
    return min(cuts) if cuts else limit


def _glossary_entry(index: TextIndex, start: int, end: int, rule: Rule, cues: Cues) -> bool:
    """text[start:end] is a headword of a glossary entry, or lies in an entry whose
    headwords open its paragraph (the entry's examples and cross-references are mentions
    too: "Illegal may describe an action, e.g. illegal entry. See also alien")."""
    text = index.text
    para = index.paragraph(start)
    line = _line_start(text, start, para.start)
    if _rejected_list(text, line, start, end, para.end, cues):
        return True
    if start - line <= _ENTRY_HEAD and _LEAD.match(text, line, start) is not None:
        # a table cell is a paragraph of its own: the next cell of the row is read too
        limit = len(text) if _CELL_END.match(text, end) is not None else para.end
        stop = _line_end(text, end, min(limit, end + _ENTRY_TAIL))
        arrow = _ARROW.search(text, end, stop)
        if (arrow is not None and (_TRAIL.match(text, end, arrow.start()) is not None
                                   or (arrow.group()[:1] == "\x00" and _CELL_REST.fullmatch(text, end, arrow.start())))
                and _glossary_arrow(text, line, start, end, arrow.end(), para, rule)):
            return True
        if _verdict_at(text, end, stop, cues, _TRAIL) >= 0:
            return True
    if not cues.glossary_verdicts or para.start == start:
        return False
    first = _line_end(text, para.start, min(start, para.start + _ENTRY_HEAD + _ENTRY_TAIL))
    # the entry is about a term of the same kind: its headwords hold one of the rule's triggers
    # ("Travel to the border area: avoid." opens no entry about "illegal immigrants")
    verdict = _verdict_at(text, para.start, first, cues, _ENTRY_WORDS)
    return verdict >= 0 and _holds_trigger(text, para.start, verdict, rule) and _entry_aside(index, start, end)


def one_line(text: str, para: Paragraph) -> bool:
    """The paragraph is one line with no table cells (no line break, no NUL), the blank
    line that ends it aside."""
    body = text[para.start:para.end].rstrip()
    return not any(c in body for c in ("\n", "\r", HARD, ROW_BREAK))


def sentence_bound(text: str, para: Paragraph, s_start: int, cues: Cues) -> bool:
    """Whether the checks above read nothing outside the sentence that starts at `s_start`
    in a paragraph of `one_line`, so that what they decide there holds wherever the same
    sentence comes again.

    They read lines: the label line before a match, the rest of its line or its table row
    up to an arrow or a verdict, the first line of its paragraph. In a paragraph of one line
    with no cells, a headword list, an arrow or a verdict cannot reach across a sentence's
    end, so only an entry opening the paragraph is read from elsewhere: for a later
    sentence, the opening must be no entry (headwords and a verdict)."""
    if s_start <= para.start or not cues.glossary_verdicts:
        return True
    first = min(para.end, para.start + _ENTRY_HEAD + _ENTRY_TAIL)
    return _verdict_at(text, para.start, first, cues, _ENTRY_WORDS) < 0


# What opens an example or a cross-reference in an entry: "e.g.", "see also", «p. ex.», «voir aussi».
_EXAMPLE_MARK = rx.lazy(
    r"(?<!\w)(?:e\.\s?g\.|i\.\s?e\.|eg|ex\.|p\.\s?ex\.|par exemple|for example|for instance|such as|as in"
    r"|see(?:\s+also)?|cf\.|voir(?:\s+aussi)?|véase(?:\s+también)?|v\.|por\s+ej(?:emplo|\.)|p\.\s?ej\.|z\.\s?B\.|siehe(?:\s+auch)?"
    r"|vgl\.|ad\s+es(?:empio|\.)|vedi(?:\s+anche)?|ver(?:\s+também)?|por\s+exemplo|см\.|например|例如|参见|مثل|انظر)(?!\w)",
    rx.IGNORECASE)
_ASIDE_WORDS = 8  # a sentence this short in an entry is a gloss or an example, not a story


def _entry_aside(index: TextIndex, start: int, end: int) -> bool:
    """In an entry that opens its paragraph, the match is part of the entry: an example or a
    cross-reference ("e.g. illegal entry", "See also illegal alien") or a sentence of a few
    words, not a report that goes on after the entry ("Police arrested forty illegal
    immigrants near the station last night")."""
    lo, hi = index.sentence(start, end)
    if _EXAMPLE_MARK.search(index.text, lo, start) is not None:
        return True
    return len(_WORD.findall(index.text, lo, hi)) <= _ASIDE_WORDS


# A label about wording ("Wording to avoid:", «Exemplo do que não escrever:»), not about
# mistakes or places ("Mistakes to avoid:", "Areas to avoid after dark:").
_WORDING = rx.lazy(
    r"(?<!\w)(?:words?|wording|terms?|terminology|phrases?|phrasing|expressions?|examples?|vocabulary|language|write|writing|"
    r"say|saying|mots?|termes?|formulations?|exemples?|écrire|dire|palabras?|términos?|expresi(?:ón|ones)|ejemplos?|"
    r"escribir|decir|parol[ae]|termin[ei]|espressioni|esempi[o]?|scrivere|palavras?|termos?|express(?:ão|ões)|"
    r"exemplos?|escrever|dizer|wort|wörter|begriffe?|ausdr[uü]cke?|beispiele?|schreiben|sagen|formulierung(?:en)?|"
    r"слов[оа]?|термин[ыа]?|выражени[ея]|пример[ыа]?|писать|говорить|كلم[ةا]ت?|مصطلح(?:ات)?|عبار[ةا]ت?|مثال|"
    r"词|用语|说法|例子|写法)(?!\w)", rx.IGNORECASE)


def _labelled_example(index: TextIndex, start: int, cues: Cues) -> bool:
    """The match's line comes right after a label line that shows what not to write
    ("Example of what not to write:", «Exemplo do que não escrever:», "Avoid:"): an example
    of the wrong wording, a mention."""
    text = index.text
    para = index.paragraph(start)
    line = _line_start(text, start, para.start)
    if line <= para.start or not cues.glossary_verdicts:
        return False
    label_end = line - 1  # the line break before the match's line
    label = _line_start(text, label_end, para.start)
    head = text[label:label_end].rstrip()
    return (head.endswith((":", "：")) and _anywhere(text, label, label_end, cues.glossary_verdicts)
            and _WORDING.search(text, label, label_end) is not None)


def _holds_trigger(text: str, lo: int, hi: int, rule: Rule) -> bool:
    window = fold(text[lo:hi])
    return any(t.triggers and occurs(tuple(t.triggers), window) for t in rule.terms)


def _glossary_arrow(text: str, line: int, start: int, end: int, after: int, para: Paragraph, rule: Rule) -> bool:
    """The right side of the arrow names what the rule proposes instead ("illegal alien →
    undocumented noncitizen"), not what happened ("Illegal immigrants → up 20%"); or the
    line stands in a block of such entries (a line next to it, arrow and all, names one of
    the rule's proposals), as when a glossary tells two senses of one word apart."""
    proposed = replacement_words(rule)
    cell = after > 0 and text[after - 1] == "\x00"
    right_end = _line_end(text, after, len(text) if cell else para.end)
    if cell:  # a table cell: the next cell alone, not the notes or languages after it
        border = text.find("\x00", after, right_end)
        right_end = right_end if border < 0 else border
    if _names_one(_BRACKETED.sub("", text[after:right_end]), text[start:end], proposed):
        return True
    before = _line_start(text, max(para.start, line - 1), para.start) if line > para.start else None
    below = _line_end(text, end, para.end) + 1
    for at in (before, below if below < para.end else None):
        if at is None:
            continue
        stop = _line_end(text, at, para.end)
        arrow = _ARROW.search(text, at, stop)
        if arrow is not None and _names_one(text[arrow.end():stop], text[at:arrow.start()], proposed):
            return True
    return False


# A remark in brackets after a proposed term: "migrants in an irregular situation (UN usage)".
_BRACKETED = rx.lazy(r"[^\S\r\n]*[(（\[][^()（）\[\]\r\n]{0,60}[)）\]]")


def _names_one(right: str, left: str, words: frozenset[str]) -> bool:
    """`right` is a short list of terms (no figures, a few words before its first comma or
    semicolon) and holds one of `words` as a word of its own (in Chinese, as a run of
    characters), one that `left` does not hold: "undocumented noncitizen; foreign national",
    not "400 detained" or "most of them undocumented workers in agriculture"."""
    first = _FIRST_ITEM.match(right)
    if _DIGIT.search(right) is not None or first is None or len(first.group().split()) > _TERM_WORDS:
        return False
    right = right.casefold()
    said = set(_GLOSS_WORD.findall(right))
    left = left.casefold()
    kept = set(_GLOSS_WORD.findall(first.group().casefold()))
    if kept and kept < set(_GLOSS_WORD.findall(left)):
        return True  # a correction by deletion: "bogus asylum seeker → asylum seeker"
    # an inflected word holds a longer one of a script without capitals or articles apart
    # ("النظامية" holds "نظامي"); Chinese writes words together
    return any((word in said or (_CJK.search(word) is not None and word in right)
                or (len(word) >= 4 and not word.isascii() and word in right)) and word not in left
               for word in words)


def _rejected_list(text: str, line: int, start: int, end: int, hi: int, cues: Cues) -> bool:
    """text[start:end] is an item of a list that fills its line after a label rejecting the
    terms: a cross mark, a word of denial, or a glossary verdict ("Avoid:", "À éviter :")."""
    if start - line > 2 * _ENTRY_HEAD:
        return False
    lead = _LABELLED.match(text, line, start)
    if lead is None or _TO_LINE_END.match(text, end, _line_end(text, end, hi)) is None:
        return False
    if any(mark in _CROSSES for mark in lead.group("marks")):
        return True
    label = lead.group("label")
    if not label:
        return False
    a, b = lead.span("label")
    # a denial written as a label ("NO:", "NEIN:"), not an answer ("No: illegal immigrants.")
    return (label.strip().casefold() in _NO_WORDS and label.strip().isupper()) or (
        bool(cues.glossary_verdicts) and _cue_after(text, a, b, cues.glossary_verdicts))


def _verdict_at(text: str, at: int, stop: int, cues: Cues, words: rx.Pattern[str]) -> int:
    """Where a verdict cue starts after text[at:] and at most a few more headwords (-1 if
    none): right after them when it starts with a capital ("illegal immigrant Do not use"),
    else after a separator ("clandestin : à proscrire", "нелегал — не использовать"). A
    verdict ends its clause: "avoid the border area" is advice about something else."""
    near = present(text, at, stop, cues.glossary_verdicts) if cues.glossary_verdicts else ()
    pattern = _any(_pats(near)) if near else None
    if pattern is None:
        return -1
    hit = pattern.search(text, at, stop)
    if hit is None or (_VERDICT_END.match(text, hit.end()) is None
                       and _REPLACE_BY.search(hit.group()) is None):
        return -1
    gap = text[at:hit.start()]
    sep = _ENTRY_SEP.search(gap)
    if sep is None:
        found = hit.group()[:1].isupper() and words.match(gap) is not None
    else:
        found = words.match(gap, 0, sep.start()) is not None
    return hit.start() if found else -1


# A gloss in brackets that names the term another calls the thing: "(often called illegal
# immigrants in the press)", "(formerly illegal immigrants)", "(also known as …)".
_GLOSS_BEFORE = rx.lazy(
    r"\([^\S\r\n]*(?:(?:often|sometimes|commonly|usually|also|still|wrongly|mistakenly|popularly|pejoratively|"
    r"officially|once|formerly|previously)[^\S\r\n]+)?(?:called|termed|dubbed|labell?ed|known[^\S\r\n]+as|"
    r"referred[^\S\r\n]+to[^\S\r\n]+as)?[^\S\r\n]*\Z(?<=\w[^\S\r\n]*)", rx.IGNORECASE)


# Words that offer a choice between two quoted terms: "“asylum seeker” or “person seeking
# asylum”", «migrante irregolare» o «richiedente asilo».
_OR = r"(?:or|ou|o|u|oder|bzw\.|или|либо|أو|或|或者)"
_OPENING = "\"'“‘«„‹「『"
_CLOSING = "\"'”’»“›」』"
_OR_AFTER = rx.lazy(rf"[^\S\r\n]*{_OR}[^\S\r\n]*[{_OPENING}]", rx.IGNORECASE)
_OR_BEFORE = rx.lazy(rf"[{_CLOSING}][^\S\r\n]*{_OR}(?:,[^,\r\n]{{1,30}},)?[^\S\r\n]*\Z", rx.IGNORECASE)


def _quoted_alternative(text: str, lo: int, hi: int, a: int, b: int) -> bool:
    """text[a:b] is a quoted term offered as one of two quoted choices: a word, not a
    scare quote (scare quotes come alone: "the “refugees” arrived")."""
    if b - a < 2 or text[a] not in _QUOTE_CHARS or text[b - 1] not in _QUOTE_CHARS:
        return False
    return (_OR_AFTER.match(text, b, hi) is not None
            or _OR_BEFORE.search(text, max(lo, a - 40), a) is not None)


def _alternatives(words: frozenset[str]) -> str:
    """Words or phrases as a regex alternation: longest first, any space between the words of a
    phrase, either apostrophe, and the phrase ends at an apostrophe or a word's end."""
    out = []
    for word in sorted(words, key=lambda w: (-len(w), w)):
        parts = [rx.escape(p).replace("'", "['’]").replace("’", "['’]") for p in word.split()]
        out.append(r"\s+".join(parts))
    return "|".join(out)


_SUM_ITEM = rf"[{_QUOTE_CHARS}*_]*[\w'’\-]+(?:[^\S\r\n]+[\w'’\-]+){{0,3}}[{_QUOTE_CHARS}*_]*"
_SUM_WORDS = r"[\w'’\-]+(?:[^\S\r\n]+[\w'’\-]+){0,2}"  # the rest of the match's own item


class _Summary(NamedTuple):
    lead: rx.Pattern[str]  # the items before the match's, from the start of the sentence
    tail: rx.Pattern[str]  # the items after it, up to the colon or dash
    sep: rx.Pattern[str]  # a separator between two items


@functools.lru_cache(maxsize=16)
def _summary(connectors: frozenset[str]) -> _Summary:
    """The patterns of a summed-up list whose items are joined by punctuation or by the
    language's `list_connectors` ("and", "or", «et», «и»)."""
    joined = rf"|[^\S\r\n]+(?:{_alternatives(connectors)})(?=[^\S\r\n])" if connectors else ""
    sep = rf"[^\S\r\n]*(?:[,;/、،，]{joined})[^\S\r\n]*"
    lead = (_BULLET + rf"(?:{_SUM_ITEM}{sep}){{0,{_LIST_ITEMS}}}[{_QUOTE_CHARS}*_]*"
            r"(?:[\w'’\-]+[^\S\r\n]+)?\Z")  # a word of the match's item before it
    tail = (rf"(?:[^\S\r\n]+{_SUM_WORDS})?[{_QUOTE_CHARS}*_]*(?:{sep}{_SUM_ITEM}){{0,{_LIST_ITEMS}}}"
            r"[^\S\r\n]*(?:[:：]|[—–]|\s-\s)[^\S\r\n]*")
    return _Summary(rx.compile(lead, rx.IGNORECASE), rx.compile(tail, rx.IGNORECASE), rx.compile(sep, rx.IGNORECASE))


def _summed_up(text: str, lo: int, hi: int, a: int, b: int, cues: Cues) -> bool:
    """text[a:b] is an item of a list of short terms that opens its sentence and is summed
    up after a colon or a dash as words ("Flood, swarm, invasion: these are the words …",
    «Vagues, invasion silencieuse, appel d’air : voilà le vocabulaire …»)."""
    if not cues.mention_summary:
        return False
    summary = _summary(cues.list_connectors)
    tail = summary.tail.match(text, b, hi)
    if tail is None or summary.lead.fullmatch(text, lo, a) is None:
        return False
    if summary.sep.search(text, lo, a) is None and summary.sep.search(text, b, tail.end()) is None:
        return False  # one term alone: "Invasion: these are the words of the minister"
    return _cue_after(text, tail.end(), hi, cues.mention_summary)


# "of" and a word or two, up to a comma: the complement of a noun ("invasion of migrants, …")
_COMPLEMENT = rx.lazy(r"\s+(?:of|de|des|du|d'|di|del|della|dei|degli|von|der|do|da|dos|das)\s*"
                     r"[^\W\d][\w'’\-]*(?:\s+[^\W\d][\w'’\-]*)?(?=\s*,)")
_GENDER = rx.lazy(r",[^\S\r\n]*(?:der|die|das|m\.|f\.|n\.|nm|nf|m|f)(?=[^\S\r\n]*:)")
_QUOTE_BLANKS = str.maketrans(dict.fromkeys("\"“”„«»‹›「」『』‘", " "))
_LONE_APOSTROPHE = rx.lazy(r"(?<!\w)['’]|['’](?!\w)")


def _unquoted(text: str, lo: int, hi: int) -> str | None:
    """text[lo:hi] with its quotation marks as spaces, or None when it has none (an
    apostrophe between two letters is no quotation mark: "don't", "l'immigré")."""
    part = text[lo:hi]
    plain = _LONE_APOSTROPHE.sub(" ", part.translate(_QUOTE_BLANKS))
    return plain if plain != part else None


def _negated(text: str, lo: int, start: int, end: int, cues: Sequence[Compiled]) -> bool:
    """A negation cue right before the match, or one that begins before the match and
    ends right before its last word ("No migrant is" + "illegal" where the match is
    "migrant is illegal")."""
    if _cue_before(text, lo, start, cues):
        return True
    last = [m.start() for m in _WORD_START.finditer(text, start + 1, end)][-1:]
    near = present(text, max(lo, last[0] - _WINDOW), last[0], cues) if cues and last else ()
    if not near:
        return False
    pattern = _before(_pats(near), reverse=False)  # left to right: the earliest start is found
    if pattern is None:
        return False
    found = pattern.search(text, max(lo, last[0] - _WINDOW), last[0])
    return found is not None and found.start() < start


# A contrast that denies the term: "asylum seekers, not illegal immigrants", "… and not
# illegal migrants", «des demandeurs d'asile, pas des clandestins», «refugiados, no inmigrantes
# ilegales», «e não imigrantes ilegais», "Geflüchtete und keine illegalen Migranten"; "neither …
# nor", "far from being". A "not only" adds, it does not deny. The words are each language's
# `contrast_*` cues.
@functools.lru_cache(maxsize=32)
def _contrast(deny: frozenset[str], joins: frozenset[str], articles: frozenset[str], additive: frozenset[str],
              neither: frozenset[str], nor: frozenset[str], far_from: frozenset[str]) -> rx.Pattern[str] | None:
    article = rf"(?:(?:{_alternatives(articles)})\s*)?" if articles else ""
    branches = []
    if deny:
        join = rf"(?:(?:{_alternatives(joins)})\s+)?" if joins else ""
        only = rf"(?!(?:{_alternatives(additive)})\b)" if additive else ""
        between = rf"(?:[,;:]\s*{join}|\s(?:{_alternatives(joins)})\s+)" if joins else r"[,;:]\s*"
        branches.append(rf"{between}(?:{_alternatives(deny)})\s+{only}{article}\Z")
    if neither and nor:
        branches.append(rf"\b(?:{_alternatives(neither)})\b[^.;!?]{{1,120}}\b(?:{_alternatives(nor)})\s+{article}\Z")
    if far_from:
        branches.append(rf"\b(?P<far>{_alternatives(far_from)})\s+{article}\Z")
    return rx.compile("|".join(branches), FLAGS) if branches else None


@functools.lru_cache(maxsize=32)
def _classifying(copulas: frozenset[str]) -> rx.Pattern[str] | None:
    if not copulas:
        return None
    # a copula whose subject is not the English "it" of a cleft ("It is jobs, not illegal aliens, that …")
    return rx.compile(rf"(?<!\bit\s*)(?<!\w)(?:{_alternatives(copulas)})(?!\w)", FLAGS)


def _contrasted(text: str, lo: int, start: int, cues: Cues) -> bool:
    """The term is what a contrast denies in a classification of people: "These are asylum
    seekers, not illegal immigrants", "They are neither criminals nor illegal immigrants",
    "far from being illegal immigrants". A contrast of two things or acts ("Voters care about
    jobs, not illegal immigration", "punishes the smugglers and not the illegal migrants") is
    no denial: the writer still uses the term."""
    pattern = _contrast(cues.contrast_not, cues.contrast_joins, cues.contrast_articles, cues.contrast_additive,
                        cues.contrast_neither, cues.contrast_nor, cues.contrast_far_from)
    found = pattern.search(text, max(lo, start - 160), start) if pattern is not None else None
    if found is None:
        return False
    if found.groupdict().get("far"):  # "far from being": a denial whatever the clause
        return True
    copula = _classifying(cues.copulas)
    clause = max(lo, text.rfind(";", lo, found.start()) + 1)
    return copula is not None and copula.search(text, clause, found.start()) is not None


def _is_short(text: str, quote: Quote, start: int, end: int) -> bool:
    """A quoted word or phrase (not a quoted sentence) that the match mostly covers."""
    if not quote.closed:
        return False
    return _mostly(text, *quote.content, start, end)


def _short_span(text: str, mark: Mark, start: int, end: int) -> bool:
    return _mostly(text, mark.start, mark.end, start, end)


def _mostly(text: str, c0: int, c1: int, start: int, end: int) -> bool:
    """One to four words, the match's and at most short function words ("the", "an"): a
    quoted term ("illegal immigrants", "the illegals"), not a quoted sentence ("We caught
    illegal immigrants", "Deport the illegals")."""
    words = _WORD.findall(text, c0, c1)
    if not words or len(words) > _SHORT_QUOTE_WORDS:
        return False
    outside = _WORD.findall(text, c0, max(c0, start)) + _WORD.findall(text, min(end, c1), c1)
    return len(outside) < len(words) and not any(map(_content_word, outside))


def _content_word(word: str) -> bool:
    """Not a short function word: four letters or more, or any word of a script written
    without spaces or with its articles attached (Chinese, Arabic)."""
    return len(word) > 3 or any(ch >= "\u0600" and not "\u0700" <= ch < "\u2e80" for ch in word)


def _is_whole(text: str, quote: Quote, start: int, end: int) -> bool:
    """The quotation holds nothing but the match (scare quotes around one term)."""
    c0, c1 = quote.content
    return not _WORD.search(text, c0, start) and not _WORD.search(text, end, c1)


def _cue_before(text: str, lo: int, at: int, cues: Sequence[Compiled]) -> bool:
    start = max(lo, at - _WINDOW)
    near = present(text, start, at, cues) if cues else ()
    if not near:
        return False
    pattern = _before(_pats(near))
    return pattern is not None and pattern.search(text, start, at) is not None


def _cue_after(text: str, at: int, hi: int, cues: Sequence[Compiled]) -> bool:
    end = min(hi, at + _WINDOW)
    near = present(text, at, end, cues) if cues else ()
    if not near:
        return False
    pattern = _after(_pats(near))
    return pattern is not None and pattern.match(text, at, end) is not None


def _in_name(text: str, lo: int, hi: int, start: int, end: int, names: Sequence[Compiled]) -> bool:
    return any(m.start() <= start and end <= m.end() for m in _cue_matches(text, lo, hi, names))


def _cue_matches(text: str, lo: int, hi: int, cues: Sequence[Compiled]) -> Iterator[Any]:
    """The matches in text[lo:hi] of the cues one of whose triggers occurs there."""
    near = present(text, lo, hi, cues) if cues else ()
    pattern = _any(_pats(near)) if near else None
    return pattern.finditer(text, lo, hi) if pattern is not None else iter(())


def _anywhere(text: str, lo: int, hi: int, cues: Sequence[Compiled]) -> bool:
    return next(_cue_matches(text, lo, hi, cues), None) is not None


# After a verb of saying, what does not open the speaker's words: "said of" / "said about"
# (what was talked about), or a comma ("…,” the governor said, before blaming …").
_NOT_REPORTING = rx.lazy(r"\s*,|\s+(?:of|about)\b", rx.IGNORECASE)


def _reported(text: str, lo: int, at: int, cues: Sequence[Compiled]) -> bool:
    """Whether a verb of saying that opens the speaker's words stands before `at` in its
    sentence ("the delegation said that …", "according to the police, …")."""
    return any(_NOT_REPORTING.match(text, m.end(), at) is None for m in _cue_matches(text, lo, at, cues))


def _named_again(text: str, start: int, end: int, cited: int) -> bool:
    """The term comes again between the match and a citation after it: the citation is of
    an instrument whose title holds the term ("… rose again, despite the law on combating
    illegal migration No. 82 of 2016"), not of the words of the first."""
    return text[start:end].casefold() in text[end:cited].casefold()


def _clause(text: str, lo: int, hi: int, start: int, end: int) -> tuple[int, int]:
    """The clause of text[lo:hi] around text[start:end]: a semicolon ends one ("Article 31
    bars penalties for “illegal entry”; the judge erred in treating his illegal entry …")."""
    before = text.rfind(";", lo, start)
    after = text.find(";", end, hi)
    return (lo if before < 0 else before + 1), (hi if after < 0 else after)


def _citation(text: str, lo: int, hi: int, citation: Sequence[str]) -> int | None:
    """Where the first citation of text[lo:hi] starts, if there is one."""
    pattern = _any(tuple(citation))
    if pattern is None:
        return None
    try:  # citation cues are rule authors' own regular expressions: bounded in time
        found = pattern.search(text, lo, hi, timeout=_CUE_TIMEOUT)
    except TimeoutError:
        return None
    return found.start() if found is not None else None


_TOKEN = rx.lazy(r"[\p{L}\p{N}][\p{L}\p{N}'’.\-]*")
_YEAR = rx.lazy(r"^(?:1[89]|20)\d\d$|^\d+$")
_CASED = {"en", "fr", "es", "it", "pt"}
# Definite articles that, capitalised in the middle of a sentence, open the title of a work
# ("dans Les Clandestins de la mer", "en Los ilegales", "no filme Os Clandestinos").
_TITLE_ARTICLES = {"fr": frozenset({"Le", "La", "Les"}), "es": frozenset({"El", "La", "Los", "Las"}),
                   "it": frozenset({"Il", "Lo", "La", "Gli", "Le"}), "pt": frozenset({"O", "A", "Os", "As"})}


_ELIDED = rx.lazy(r"(\p{Ll}{1,4}['’])(?=\p{Lu})")  # "l'", "d'", "all’" before a capital


def _name_tokens(text: str, lo: int, hi: int) -> list[tuple[int, int, str]]:
    """The words of text[lo:hi] (start, end, word), an elided article or preposition apart
    from the capitalised word it is joined to: "contre l'Immigration" is "contre", "l'",
    "Immigration", as a name's words."""
    tokens = []
    for m in _TOKEN.finditer(text, lo, hi):
        elided = _ELIDED.match(m.group())
        if elided is not None:
            cut = m.start() + elided.end()
            tokens.append((m.start(), cut, elided.group().replace("’", "'")))
            tokens.append((cut, m.end(), text[cut:m.end()]))
        else:
            tokens.append((m.start(), m.end(), m.group()))
    return tokens


def _title_case_name(
    index: TextIndex, lo: int, hi: int, start: int, end: int, lang: str, cues: Cues
) -> bool:
    """The match sits in a capitalised name: a statute, an agency, a campaign."""
    text = index.text
    tokens = _name_tokens(text, lo, hi)
    inside = [i for i, (s, e, _) in enumerate(tokens) if s < end and e > start]
    if not inside or tokens[inside[0]][2][:1].islower():
        return False
    if any(_lower_word(tokens[i][2]) for i in inside):
        return False
    if _after_title_article(text, tokens, inside[0], lang):
        return True

    def joins(i: int) -> bool:
        word = tokens[i][2]
        return word[:1].isupper() or word.lower() in cues.title_connectors

    a = inside[0]
    while a > 0 and joins(a - 1) and (_adjacent(text, tokens[a - 1], tokens[a])
                                      or _bracketed(text, tokens[a - 1], tokens[a])):
        a -= 1
    b = inside[-1]
    while b + 1 < len(tokens) and (joins(b + 1) or _YEAR.match(tokens[b + 1][2])) and (
        _adjacent(text, tokens[b], tokens[b + 1]) or _subtitle(text, tokens[b], tokens[b + 1])
        or _bracketed(text, tokens[b], tokens[b + 1])
    ):
        b += 1
    run = [w for _, _, w in tokens[a : b + 1]]
    while run and (run[0].lower() in cues.title_connectors):
        run.pop(0)
    while run and (run[-1].lower() in cues.title_connectors):
        run.pop()
    words = [w for w in run if not _YEAR.match(w)]
    capitals = [w for w in words if w[:1].isupper()]
    titled = any(_title_word(w, cues) for w in capitals)
    if is_headline(text, lo, hi):
        # Every word is capitalised: only a title word ending the run, or standing right
        # after the match ("… Illegal Migration Bill After …"), makes a name; so does one
        # heading a run that lower-case words follow, which a headline would not ("La Ley
        # de Reforma de Inmigración Ilegal … de 1996 endureció las deportaciones").
        near = (tokens[j][2] for j in range(inside[-1] + 1, min(inside[-1] + 3, b + 1)))
        # in capitals, the whole line runs together: a title word ending it names the story's
        # subject ("L'AFFLUX DE CLANDESTINS AU CŒUR DU DÉBAT DE LA TROISIÈME COMMISSION"), not the match's
        shouted = all(w.isupper() for w in capitals if len(w) > 1)
        if capitals and ((not shouted and _title_word(capitals[-1], cues))
                         or any(_title_word(w, cues) and w.rstrip(".").title() not in _VERBISH for w in near)):
            return True
        return titled and len(capitals) >= 2 and any(_lower_word(w) for _, _, w in tokens[b + 1 :])
    if titled:
        return len(capitals) >= 2
    if lang == "en" and len(capitals) >= 2 and _work_title(text, lo, hi, tokens, a, b):
        return True
    longer = [w for w in capitals if len(w) > 1]  # "A", "I": upper-case in any line
    if lang not in _CASED or all(w.isupper() for w in longer):
        return False  # words in capitals are shouted, not a name ("MAYOTTE SUBMERGÉE PAR LES …")
    at_start = tokens[a][0] <= lo + 2
    return len(capitals) >= (4 if at_start else 3)


# A work named before its title ("in his book Illegal People"), and what an author does in one.
_WORK_NOUNS = frozenset({"book", "novel", "film", "documentary", "memoir", "study", "essay", "album", "song",
                         "play", "poem", "podcast", "episode", "exhibition", "series", "collection", "monograph"})
_AUTHOR_VERB = rx.lazy(r",[^\S\r\n]+(?:[\p{Lu}][\p{L}.'’\-]*[^\S\r\n]+){1,3}(?:argues|writes|shows|describes|recounts"
                       r"|explores|tells|traces|claims|documents|examines|follows|contends|maintains|insists)\b")


def _work_title(text: str, lo: int, hi: int, tokens: list[tuple[int, int, str]], a: int, b: int) -> bool:
    """A capitalised run that names a book or a film: after a word for a work ("the
    documentary Illegal Aliens"), or opening its sentence after "In" and followed by its
    author at work ("In Illegal People, David Bacon argues …")."""
    if a > 0 and tokens[a - 1][2].lower() in _WORK_NOUNS:
        return True
    before = text[lo:tokens[a][0]].rstrip()
    return (tokens[a][2] == "In" and (not before or before.endswith((":", "—", "–")))
            and _AUTHOR_VERB.match(text, tokens[b][1], hi) is not None)


def _after_title_article(text: str, tokens: list[tuple[int, int, str]], first: int, lang: str) -> bool:
    """The match follows a capitalised article in mid-sentence, right after a word or a
    comma ("Dans Les Clandestins de la mer, roman paru en 2009"): the title of a work. Not
    after a quotation mark, colon or dash, where a quoted sentence may begin."""
    articles = _TITLE_ARTICLES.get(lang)
    if not articles or first < 2 or tokens[first - 1][2] not in articles:
        return False
    art = tokens[first - 1]
    if not _adjacent(text, art, tokens[first]):
        return False
    before = text[tokens[first - 2][1]:art[0]]
    return before.strip() in ("", ",")


# Title words that a headline also uses as verbs: right after the match they say nothing
# ("Illegal Immigrants Plan Hunger Strike", "Migrants Report Abuse").
_VERBISH = frozenset({"Plan", "Plans", "Scheme", "Schemes", "Order", "Orders", "Force", "Forces", "Report",
                      "Reports", "Review", "Guard", "Patrol", "Campaign", "Project", "Fund", "Funds"})


# Statute titles in these languages capitalise their first word only ("la Loi contre
# l'immigration illégale", "la Ley de lucha contra la inmigración ilegal"); the words that
# head one, among a language's title words.
_SENTENCE_CASE = frozenset({"fr", "es", "it", "pt"})
_STATUTE_HEADS = frozenset({"Loi", "Ley", "Legge", "Lei", "Décret", "Decreto", "Ordonnance", "Règlement",
                            "Reglamento", "Regolamento", "Regulamento", "Directive", "Directiva", "Direttiva",
                            "Diretiva", "Code", "Código", "Codice", "Circulaire", "Circular", "Circolare"})
_TITLE_BREAK = rx.lazy(r"[,;:.!?()«»\"“”\[\]]")
_ACRONYM_AFTER = rx.lazy(r"[^\S\r\n]*\((?-i:[A-ZÀ-ÝА-Я][A-ZÀ-ÝА-Я0-9.\-]{1,9})\)")
_TITLE_WORDS_BEFORE = 7  # lower-case words (and numbers) between the head and the match


def _sentence_case_title(text: str, lo: int, start: int, end: int, lang: str, cues: Cues) -> bool:
    """The match closes the title of a statute written in sentence case: a statute word with
    a capital in mid-sentence, then only lower-case words and numbers up to the match; or of
    a body whose acronym follows it ("la Direction de lutte contre l'immigration illégale
    (DCIM)")."""
    acronym = _ACRONYM_AFTER.match(text, end) is not None
    if lang == "de":
        return acronym and _german_body(text, lo, start, end, cues)
    if lang not in _SENTENCE_CASE:
        return False
    tokens = [(m.start(), m.group()) for m in _TOKEN.finditer(text, max(lo, start - 120), start)]
    for k in range(len(tokens) - 1, max(-1, len(tokens) - 2 - _TITLE_WORDS_BEFORE), -1):
        at, word = tokens[k]
        if not word[:1].isupper():
            continue
        head = word.rstrip(".")
        return ((head in _STATUTE_HEADS or acronym) and head in cues.title_words and k > 0
                and _TITLE_BREAK.search(text, at, start) is None)
    return False


_CAPITAL_PAIR = rx.lazy(r"\p{Lu}\p{Ll}+[^\S\r\n]+\p{Lu}")


def _capital_adjective_name(text: str, lo: int, start: int, end: int, cues: Cues) -> bool:
    """German: a match that opens with a capitalised adjective and its noun right after a
    title word ("die Arbeitsgruppe Illegale Migration", "Sonderkommission Illegale
    Einwanderung"): prose would write the adjective small, so this is a body's name."""
    if start <= lo or _CAPITAL_PAIR.match(text, start, end) is None:
        return False
    return _german_body(text, lo, start, end, cues)


def _german_compound_title(word: str, cues: Cues) -> bool:
    """A German title word, or a compound that ends in one (Arbeitsgruppe, Strategiezentrum)."""
    low = word.lower()
    return any(low == t.lower() or (len(t) >= 4 and low.endswith(t.lower())) for t in cues.title_words)


def _german_body(text: str, lo: int, start: int, end: int, cues: Cues) -> bool:
    """German writes every noun with a capital, so a capital says little; what names a body
    is a title word (or a compound ending in one) right before the match, written with a
    capital adjective ("die Arbeitsgruppe Illegale Migration", which prose would write with
    a small one), or followed by the body's acronym ("Strategiezentrum illegale Migration
    (GASIM)", passed as `acronym` by the caller)."""
    tokens = [(m.start(), m.end(), m.group()) for m in _TOKEN.finditer(text, max(lo, start - 60), start)]
    if not tokens or _TITLE_BREAK.search(text, tokens[-1][1], start) is not None:
        return False
    return _german_compound_title(tokens[-1][2].rstrip("."), cues)


_WORD_BEFORE = rx.lazy(r"([\p{L}\-]+)[^\S\r\n]*\Z")


def _titled_quote(text: str, lo: int, opening: int, cues: Cues) -> bool:
    """The quotation is the title of what the word before it names: «закон «О
    противодействии незаконной миграции»», the Law “On Combating Illegal Migration”, la loi
    « Asile et immigration ». The word may be inflected (закона, законом)."""
    word = _WORD_BEFORE.search(text, max(lo, opening - 40), opening)
    first = _WORD_START.search(text, opening + 1, opening + 40)
    if word is None or first is None or not text[first.start()].isupper():
        return False  # a title begins with a capital; "the Party "will deport …"" is a statement
    said = word.group(1).lower()
    return any(said == t.lower() or (len(t) >= 5 and said.startswith(t.lower()) and len(said) - len(t) <= 3)
               for t in cues.title_words)


def _title_word(word: str, cues: Cues) -> bool:
    """A word that ends or heads a name (Act, Bill, Agency; upper-case in headlines); a
    token may carry the full stop that ends its sentence ("… Repatriation Plan.")."""
    word = word.rstrip(".")
    return word in cues.title_words or (word.isupper() and word.title() in cues.title_words)


def _lower_word(word: str) -> bool:
    return len(word) > 3 and word[:1].islower()


def _subtitle(text: str, left: tuple[int, int, str], right: tuple[int, int, str]) -> bool:
    """A colon between two capitalised words: a title and its subtitle ("Illegal People: How
    Globalization Creates Migration …")."""
    return text[left[1] : right[0]] == ": " and left[2][:1].isupper() and right[2][:1].isupper()


def _bracketed(text: str, left: tuple[int, int, str], right: tuple[int, int, str]) -> bool:
    """A parenthesis between two capitalised words of one title: "Illegal Migrants
    (Determination by Tribunals) Act", "Immigration (Illegal Immigrants) Regulations"."""
    return text[left[1] : right[0]] in (" (", ") ") and left[2][:1].isupper() and right[2][:1].isupper()


_WRAP = rx.lazy(r"[ \t]*\r?\n[ \t]*")


def _adjacent(text: str, left: tuple[int, int, str], right: tuple[int, int, str]) -> bool:
    """Two tokens of one name: only spaces or a hyphen between them, no punctuation; or one
    line break of a hard-wrapped sentence ("the Tajoura Shelter for / Illegal Immigration")."""
    gap = text[left[1] : right[0]]
    return (len(gap) <= 3 and all(ch in " \u00a0-\u2011" for ch in gap)) or _WRAP.fullmatch(gap) is not None


# -- marks from the format ----------------------------------------------------------

_MD_EMPHASIS = rx.lazy(r"(?<![*_\w\\`])([*_])(?![*_\s])([^\n*_`]{1,200}?)(?<![\s\\*_])\1(?![*_\w])")
_MD_QUOTE_LINE = rx.lazy(
    r"^[ \t]{0,3}>[^\n]*(?:\n[ \t]{0,3}>[^\n]*|\n[ \t]*[^\s>][^\n]*)*", rx.MULTILINE
)


def marks_for(doc: Any) -> Callable[[], list[Mark]] | None:
    """The set-apart spans of a document, computed when first needed.

    An adapter may attach them as `doc.marks` (a sequence of `Mark` in text offsets);
    for Markdown they are read here from the source: single `*` or `_` emphasis
    (italic) and `>` block quotations. Inline code never reaches the matcher (the
    adapter masks it)."""
    given = getattr(doc, "marks", None)
    if given:
        return lambda: [Mark(*m) for m in given]
    if getattr(doc, "format", "") != "markdown":
        return None
    return lambda: _markdown_marks(doc)


def _markdown_marks(doc: Any) -> list[Mark]:
    source, text = doc.source, doc.text
    out: list[Mark] = []

    def masked(src: int) -> bool:
        """The source character is markup: the prose view shows a space there."""
        at = doc.to_text(src)
        return at < len(text) and text[at].isspace()

    for m in _MD_EMPHASIS.finditer(source):
        if masked(m.start()) and masked(m.end() - 1):
            out.append(Mark(doc.to_text(m.start()), doc.to_text(m.end() - 1) + 1, "italic"))
    for m in _MD_QUOTE_LINE.finditer(source):
        marker = source.index(">", m.start())
        if masked(marker):
            out.append(Mark(doc.to_text(m.start()), doc.to_text(m.end()), "blockquote"))
    return out

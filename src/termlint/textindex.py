"""Structure of prose text that the nuance checks need: paragraphs, sentences, quotes.

Everything is computed lazily and cached per paragraph, so a 50 MB document with a few
matches costs little more than reading it. All positions are offsets into the text.
"""
from __future__ import annotations

import bisect
from collections.abc import Callable, Iterator, Sequence

from termlint import rx
from termlint.document import ROW_BREAK
from termlint.records import NamedTuple

# (ROW_BREAK: the plain-text adapter's line break between two table rows)
_PARA_BREAK = rx.lazy(r"(?:\r\n|\r(?!\n)|\n)[ \t\u00a0\x00]*(?:\r\n|\r(?!\n)|\n)|\x00{2,}|" + ROW_BREAK + "+")
# A sentence ends at . ! ? (and their CJK and Arabic forms), after any closing quotes or
# brackets, where the next sentence starts; also at a line that ends without punctuation
# but is followed by a capitalised line (headings and list items in plain text).
_SENTENCE_END = rx.lazy(
    r"(?:(?<!\b(?:Mr|Ms|Mrs|Dr|No|Art|para|Nos|vs|St|e\.g|i\.e|cf|p|pp|Inc|Ltd|Co|Jr|Sr|Sen|Rep|Gov|Gen|Prof|\p{Lu}))"
    r"[.!?…]+[\"'”’»)\]]*(?=\s+[\"'“‘«(\[]*[\p{Lu}\p{Lo}]|\s+[(\[](?:\d{1,3}|[a-z])[)\]]\s)"
    r"|[。！？؟]+[」』”’»)]*)",
    rx.VERSION1,
)
_WORD = rx.lazy(r"\w+(?:['’]\w+)*")
_MAX_PARAGRAPH = 4000  # longer paragraphs (a 50 MB line) are cut into pieces this long
_CUT_WINDOW = 1000  # how far past a piece's nominal end a sentence end is looked for
_SHORT_MARK = 400  # italic and code spans are short; block quotations are looked up apart
# A line in capitals without a full stop, a line break after it: a headline ends there
# ("SBARCHI, ALTRI 300 CLANDESTINI A LAMPEDUSA" over its story). Found line by line with
# str methods: a pattern for it beside the punctuation above made every search slower.
_STORY_LINE = rx.lazy(r"[ \t]*[\"'“‘«(\[]*\p{Lu}[^\n]*\p{Ll}")  # a capital first, small letters after
_HEADLINE_WORDS = rx.lazy(r"\p{Lu}{2}.*?[ \t]\W*\p{L}|\p{L}[ \t]+.*?\p{Lu}{2}")  # two words, one in capitals


def _sentence_ends(text: str) -> list[int]:
    """Where sentences end in `text`, in order: after their punctuation, or a headline line."""
    ends = [m.end() for m in _SENTENCE_END.finditer(text)]
    heads = _headline_ends(text)
    return sorted({*ends, *heads}) if heads else ends


_TITLE_LINE = 150  # a headline in title case is one line of at most this many characters
_LINE_GOES_ON = frozenset(".,;:!?-–—")  # a line ending so is a sentence's or goes on


def _starts_block(text: str, start: int) -> bool:
    """The line at `start` opens the text, follows a blank line or a line that ends a
    sentence: not the middle of a hard-wrapped sentence ("… at the Tajoura Shelter for /
    Illegal Immigration / before UNHCR …")."""
    k = start - 1
    while k >= 0 and text[k] in " \t\r\n":  # back over the line break (and a blank line)
        k -= 1
    return k < 0 or text.count("\n", k + 1, start) >= 2 or text[k] in ".!?:;\"”’»)"


def _headline_ends(text: str) -> list[int]:
    """The ends of the lines in capitals (of two words or more) over a line that starts a
    sentence of its own: a capital first, small letters in it. A second line in capitals
    continues the headline; a line starting small continues its sentence."""
    out: list[int] = []
    start = 0
    while True:
        nl = text.find("\n", start)
        if nl < 0:
            return out
        head = text[start:min(nl, start + 32)]
        if head.upper() == head:  # most lines show a small letter at once: nothing more is copied
            line = text[start:nl].rstrip(" \t\r")
            # no small letter, some capital (not a line of figures or of a script without case)
            if line and line.upper() == line and line.lower() != line and _HEADLINE_WORDS.search(line) \
                    and _STORY_LINE.match(text, nl + 1):
                out.append(start + len(line))
        elif head[:1].isupper() and nl - start <= _TITLE_LINE and _starts_block(text, start):
            # a headline in title case over its story: "Why Illegal Aliens Keep Choosing Our County"
            line = text[start:nl].rstrip(" \t\r")
            if line[-1:] not in _LINE_GOES_ON and is_headline(line, 0, len(line)) and _STORY_LINE.match(text, nl + 1):
                out.append(start + len(line))
        start = nl + 1


class Quote(NamedTuple):
    """A quotation: between two marks, or running on from the previous paragraph.

    An unclosed quotation (press releases often never close one) runs to the end of its
    paragraph; a paragraph that continues a quotation without reopening it (`mark` is
    empty) starts at the paragraph and ends at its closing mark."""

    open: int  # position of the opening mark (the character before the paragraph when continued)
    close: int  # position of the closing mark (paragraph end when unclosed)
    mark: str
    closed: bool

    @property
    def content(self) -> tuple[int, int]:
        return self.open + 1, self.close


class Mark(NamedTuple):
    """A span the format shows as set apart: `italic`, `code` or `blockquote`."""

    start: int
    end: int
    kind: str


_MARKS = "\"'“”‘’«»„‚‹›「」『』"
_QUOTE_MARK = rx.lazy(f"[{_MARKS}]")  # none of the marks is special in a set
_PAIRS = {
    "“": "”",
    "‘": "’",
    "«": "»",
    "„": "“”",
    "‹": "›",
    "「": "」",
    "『": "』",
    "»": "«",
    '"': '"',
    "'": "'",
    "‚": "‘’",
}
_OPENERS_AFTER = set(" \t\n\r\u00a0\u202f([{—–-/:;,\x00")
_SPACE = set(" \t\n\r\u00a0\u202f\x00")
# Marks that only ever close a quotation; straight quotes and ’ close one when they
# follow the end of a word or sentence and stand before a space or punctuation.
_CLOSERS = set("”»」』›")
_END_PUNCT = set(".,!?…;:")
_ELISION = rx.lazy(r"['’‘]\d\ds\b|['’‘]n['’]|['’‘](?:tis|twas|em|cause)\b", rx.IGNORECASE)
# Title marks (Chinese and Japanese): what they enclose is the title of a law or a work.
_TITLES = rx.lazy(r"《[^《》\n]{1,120}》|〈[^〈〉\n]{1,120}〉")


def find_quotes(text: str, start: int, end: int) -> list[Quote]:
    """Quotation spans in text[start:end], innermost last; unclosed ones run to `end`."""
    return _scan(text, start, end, [m.start() for m in _QUOTE_MARK.finditer(text, start, end)])[0]


def quote_marks(text: str) -> list[int]:
    """The position of every quotation mark (and apostrophe) in the text, in order."""
    out: list[int] = []
    find = text.find
    for mark in _MARKS:
        if mark in text:
            i = find(mark)
            while i >= 0:
                out.append(i)
                i = find(mark, i + 1)
    out.sort()
    return out


def _scan(text: str, start: int, end: int, marks: Sequence[int]) -> tuple[list[Quote], list[int]]:
    """Quotation spans, and the closing marks that close nothing (a quotation carried on
    from the previous paragraph ends at the first of them). `marks`: the positions of
    the quotation marks in text[start:end]."""
    stack: list[tuple[int, str]] = []
    out: list[Quote] = []
    dangling: list[int] = []
    for i in marks:
        ch = text[i]
        before = text[i - 1] if i > start else " "
        after = text[i + 1] if i + 1 < end else " "
        if _closes(stack, ch, before, after):
            j, opener = stack.pop()
            out.append(Quote(j, i, opener, True))
            continue
        if _elided(text, i, end):
            continue
        if _opens(ch, before, after, stack):
            stack.append((i, ch))
        elif not stack and _closer_like(ch, before, after):
            dangling.append(i)
    out.extend(Quote(j, end, opener, False) for j, opener in stack)
    out.sort(key=lambda q: (q.open, -q.close))
    return out, dangling


def _elided(text: str, i: int, end: int) -> bool:
    """An apostrophe that stands for left-out letters ('90s, rock 'n' roll, 'tis)."""
    return text[i] in "'’‘" and _ELISION.match(text, i, min(end, i + 6)) is not None


def _closes(stack: list[tuple[int, str]], ch: str, before: str, after: str) -> bool:
    if not stack:
        return False
    # Close the innermost quote this mark can close; marks of other kinds stay open.
    for depth in range(len(stack) - 1, -1, -1):
        opener = stack[depth][1]
        if ch in _PAIRS.get(opener, ""):
            if ch in "'’" and (after.isalnum() or before.isspace()):
                return False  # an apostrophe (don't, Azerbaijan’s), not a closing mark
            if ch == '"' and before.isspace() and not after.isspace() and depth == len(stack) - 1:
                return False  # a straight quote opening a nested quotation
            del stack[depth + 1 :]
            return True
    return False


def _opens(ch: str, before: str, after: str, stack: list[tuple[int, str]]) -> bool:
    if ch not in _PAIRS:
        return False
    if ch in "'‘‚" and (before.isalnum() or not (after.isalnum() or after in "\"“")):
        return False
    if ch == '"' and after in _SPACE and (before in _END_PUNCT or before not in _OPENERS_AFTER):
        return False  # `deported," he said`: a closing mark, not an opening one
    if ch in "“„‚「『" and after in _SPACE and before not in _SPACE:
        return False  # German „…“: a closing “ after a word
    if ch == "»" and (any(o == "«" for _, o in stack) or after in _SPACE or after in _END_PUNCT):
        return False  # French « … »: » closes; German »…« opens before a word
    return True


def _closer_like(ch: str, before: str, after: str) -> bool:
    """A mark that closes a quotation opened in an earlier paragraph."""
    if before in _SPACE or not (after in _SPACE or after in _END_PUNCT or after in ")]—–"):
        return False
    if ch in _CLOSERS or ch == "“":
        return True
    if ch == '"':
        return True
    return ch == "’" and before in _END_PUNCT


def paragraph_starts(text: str) -> list[int]:
    """0 and the end of every paragraph break (a blank line, or a run of HARD marks)."""
    if "\r" in text or "\x00" in text or ROW_BREAK in text:
        return [0, *(m.end() for m in _PARA_BREAK.finditer(text))]
    # Only LF line ends: the same breaks, found with str.find (several times faster).
    starts = [0]
    find = text.find
    i = find("\n")
    while i >= 0:
        j = find("\n", i + 1)
        if j < 0:
            break
        if j == i + 1 or (text[i + 1] in _BLANK and not text[i + 1 : j].strip(_BLANK)):
            starts.append(j + 1)
            i = find("\n", j + 1)
        else:
            i = j
    return starts


_BLANK = " \t\u00a0"  # what a blank line may hold (besides HARD marks)


class Paragraph(NamedTuple):
    start: int
    end: int


class TextIndex:
    """Lazy, cached structure of one document's text."""

    def __init__(self, text: str, marks: Callable[[], Sequence[Mark]] | None = None) -> None:
        """`marks`, when given, returns the spans the format sets apart (italic, code,
        block quotations); it is called once, the first time a match needs it."""
        self.text = text
        self._breaks: list[int] | None = None
        self._pieces: dict[int, Paragraph] = {}  # pieces of paragraphs too long to treat whole
        self._quotes: dict[int, list[Quote]] = {}
        self._quote_marks: list[int] | None = None  # positions of every quotation mark
        self._no_titles: bool | None = None  # no title mark anywhere
        self._sentences: dict[int, list[int]] = {}
        self._all_ends: list[int] | None = None
        self._last: Paragraph | None = None
        self._titles: dict[int, list[tuple[int, int]]] = {}
        self._marks_source = marks
        self._marks: list[Mark] | None = None
        self._mark_starts: list[int] = []
        self._long_marks: list[Mark] = []

    def forget(self, para: Paragraph | None = None) -> None:
        """Let go of what was worked out about the sentences and quotations of a paragraph
        (of all paragraphs, without one): a long text's take a fair share of memory. It
        is worked out again if asked for."""
        if para is None:
            self._quotes, self._quote_marks, self._sentences, self._all_ends, self._titles = {}, None, {}, None, {}
            return
        for cache in (self._quotes, self._sentences, self._titles):
            cache.pop(para.start, None)

    # -- paragraphs ----------------------------------------------------------------

    def paragraph(self, pos: int) -> Paragraph:
        last = self._last
        if last is not None and last.start <= pos < last.end:
            return last
        para = self._paragraph(pos)
        self._last = para
        return para

    def _paragraph(self, pos: int) -> Paragraph:
        if self._breaks is None:
            self._breaks = paragraph_starts(self.text)
        k = bisect.bisect_right(self._breaks, pos) - 1
        start = self._breaks[k]
        end = self._breaks[k + 1] if k + 1 < len(self._breaks) else len(self.text)
        if end - start > _MAX_PARAGRAPH:
            # Cut a huge paragraph into pieces of about _MAX_PARAGRAPH characters, at a
            # sentence end (or a word boundary) near each multiple of it: a cut moves back
            # or forward, so a position may belong to the piece before or after its own.
            piece = (pos - start) // _MAX_PARAGRAPH
            para = self._piece(start, end, piece)
            if pos < para.start:
                para = self._piece(start, end, piece - 1)
            elif pos >= para.end and para.end < end:
                para = self._piece(start, end, piece + 1)
            return para
        return Paragraph(start, end)

    def _cut(self, pos: int, end: int) -> int:
        """Where a huge paragraph (ending at `end`) is cut near `pos`: at the nearest sentence
        end before it, or else after it, within _CUT_WINDOW (so that no match, nor the
        article before one, is split between two pieces); else after a clause's punctuation
        or at a line break (items of a list without full stops); else at the next space."""
        if pos >= end:
            return end
        if self._all_ends is None:
            self._all_ends = _sentence_ends(self.text)
        ends = self._all_ends
        k = bisect.bisect_right(ends, pos)
        if k and ends[k - 1] > pos - _CUT_WINDOW:
            return ends[k - 1]  # the last sentence end before the cut
        if k < len(ends) and ends[k] <= min(pos + _CUT_WINDOW, end):
            return ends[k]
        return _clause_cut(self.text, pos, end)

    def _piece(self, start: int, end: int, piece: int) -> Paragraph:
        """Piece number `piece` of the huge paragraph start..end (computed once)."""
        lo = start + piece * _MAX_PARAGRAPH
        cached = self._pieces.get(lo)
        if cached is None:
            hi = min(end, lo + _MAX_PARAGRAPH)
            lo_, hi_ = (self._cut(lo, end) if lo > start else start), self._cut(hi, end)
            cached = self._pieces[lo] = Paragraph(lo_, max(hi_, lo_))
        return cached

    # -- quotations ------------------------------------------------------------------

    def quotes(self, para: Paragraph) -> list[Quote]:
        """Quotations of a paragraph, including one carried on from the paragraph before
        (which left a quotation open) up to this paragraph's first unmatched closing mark."""
        cached = self._quotes.get(para.start)
        if cached is None:
            marks = self._marks_between(para.start, para.end)
            if not marks:
                self._quotes[para.start] = []  # no quotation mark: nothing to pair
                return []
            cached, dangling = _scan(self.text, para.start, para.end, marks)
            if dangling and para.start > 0:
                before = self.paragraph(para.start - 1)
                earlier = self._marks_between(before.start, before.end)
                left_open = any(not q.closed for q in _scan(self.text, before.start, before.end, earlier)[0])
                if before.start < para.start and left_open:
                    cached = [Quote(para.start - 1, dangling[0], "", False), *cached]
            self._quotes[para.start] = cached
        return cached

    def _marks_between(self, lo: int, hi: int) -> list[int]:
        if self._quote_marks is None:
            self._quote_marks = quote_marks(self.text)
        marks = self._quote_marks
        return marks[bisect.bisect_left(marks, lo) : bisect.bisect_left(marks, hi)]

    def quote_around(self, start: int, end: int) -> Quote | None:
        """The innermost quotation holding text[start:end], if any."""
        best = None
        for q in self.quotes(self.paragraph(start)):
            if q.open < start and end <= q.close:
                if best is None or q.open > best.open:
                    best = q
        return best

    def title_around(self, start: int, end: int) -> tuple[int, int] | None:
        """The span of title marks (《…》) holding text[start:end], if any."""
        spans = self._title_spans(self.paragraph(start))
        return next((s for s in spans if s[0] < start and end < s[1]), None)

    def _title_spans(self, para: Paragraph) -> list[tuple[int, int]]:
        spans = self._titles.get(para.start)
        if spans is None:
            if self._no_titles is None:
                self._no_titles = "《" not in self.text and "〈" not in self.text
            spans = [] if self._no_titles else [m.span() for m in _TITLES.finditer(self.text, para.start, para.end)]
            self._titles[para.start] = spans
        return spans

    def set_apart(self, para: Paragraph) -> list[tuple[int, int, str]]:
        """The spans of a paragraph set apart by quotation marks, title marks or the
        format (italic, code, block quotation), each with what sets it apart. Outside
        them, what the nuance checks see of a match is its own sentence."""
        spans = [(q.open, q.close + 1, f"q{q.mark}{int(q.closed)}") for q in self.quotes(para)]
        spans += [(a, b, "t") for a, b in self._title_spans(para)]
        spans += [(m.start, m.end, m.kind) for m in self.marks_in(para.start, para.end)]
        return spans

    # -- marks -----------------------------------------------------------------------

    def _load_marks(self) -> None:
        if self._marks is None:
            marks = sorted(self._marks_source()) if self._marks_source else []
            self._marks = [m for m in marks if m.end - m.start <= _SHORT_MARK]
            self._long_marks = [m for m in marks if m.end - m.start > _SHORT_MARK]
            self._mark_starts = [m.start for m in self._marks]

    def marks_in(self, lo: int, hi: int) -> list[Mark]:
        """The set-apart spans that overlap text[lo:hi]."""
        if self._marks_source is None:
            return []
        self._load_marks()
        assert self._marks is not None
        out = [m for m in self._long_marks if m.start < hi and m.end > lo]
        k = bisect.bisect_left(self._mark_starts, lo - _SHORT_MARK)
        while k < len(self._marks) and self._marks[k].start < hi:
            if self._marks[k].end > lo:
                out.append(self._marks[k])
            k += 1
        return out

    def marks_around(self, start: int, end: int) -> list[Mark]:
        """The set-apart spans (italic, code, block quotation) that hold text[start:end]."""
        self._load_marks()
        assert self._marks is not None
        out = [m for m in self._long_marks if m.start <= start and end <= m.end]
        k = bisect.bisect_right(self._mark_starts, start)
        while k > 0 and self._mark_starts[k - 1] >= start - _SHORT_MARK:
            k -= 1
            mark = self._marks[k]
            if end <= mark.end:
                out.append(mark)
        return out

    def paragraphs(self) -> Iterator[Paragraph]:
        """Every paragraph in order (pieces of one too long to treat whole)."""
        pos, n = 0, len(self.text)
        while pos < n:
            para = self.paragraph(pos)
            yield para
            pos = para.end if para.end > pos else pos + 1

    # -- sentences -------------------------------------------------------------------

    def _ends(self, para: Paragraph) -> list[int]:
        ends = self._sentences.get(para.start)
        if ends is None:
            if self._all_ends is None:
                # One pass over the whole text: a sentence end never reaches past its
                # paragraph (its look-ahead is a space, then a capital).
                self._all_ends = _sentence_ends(self.text)
            lo = bisect.bisect_left(self._all_ends, para.start)
            hi = bisect.bisect_right(self._all_ends, para.end)
            ends = self._all_ends[lo:hi]
            self._sentences[para.start] = ends
        return ends

    def sentences(self, para: Paragraph) -> list[tuple[int, int]]:
        """The sentences of a paragraph, in order, covering all of it."""
        # The ends lie within the paragraph (see _ends); one at either edge makes an empty
        # pair, which is left out.
        bounds = [para.start, *self._ends(para), para.end]
        return [(a, b) for a, b in zip(bounds, bounds[1:], strict=False) if b > a]

    def sentence(self, start: int, end: int) -> tuple[int, int]:
        para = self.paragraph(start)
        ends = self._ends(para)
        k = bisect.bisect_right(ends, start)
        s = ends[k - 1] if k > 0 else para.start
        j = bisect.bisect_left(ends, end)
        e = ends[j] if j < len(ends) else para.end
        return s, max(e, end)

    # -- words -----------------------------------------------------------------------

    def words(self, start: int, end: int) -> list[tuple[int, int]]:
        return [m.span() for m in _WORD.finditer(self.text, start, end)]

    def window(self, start: int, end: int, n: int, lo: int, hi: int) -> tuple[int, int]:
        """The span reaching `n` words left of `start` and right of `end`, within [lo, hi]."""
        left = self.words(max(lo, start - 40 * n - 40), start)
        right = self.words(end, min(hi, end + 40 * n + 40))
        a = left[-n][0] if len(left) >= n else (left[0][0] if left else start)
        b = right[n - 1][1] if len(right) >= n else (right[-1][1] if right else end)
        return a, b


_CLAUSE_END = rx.lazy(r"[;:,](?=\s)|\n")


def _clause_cut(text: str, pos: int, end: int) -> int:
    """After the `;`, `:` or `,` nearest to `pos` (no term runs across one), else after the
    nearest line break, within _CUT_WINDOW; else the next space."""
    lo, hi = max(0, pos - _CUT_WINDOW), min(end, pos + _CUT_WINDOW)
    best: int | None = None
    for kind in ("punctuation", "line"):
        for m in _CLAUSE_END.finditer(text, lo, hi):
            if (m.group() == "\n") == (kind == "line") and (best is None or abs(m.end() - pos) < abs(best - pos)):
                best = m.end()
        if best is not None:
            return best
    return _snap(text, pos, end)


def _snap(text: str, pos: int, limit: int) -> int:
    """Move `pos` to the next whitespace, so a cut never splits a word."""
    n = 0
    while pos < len(text) and pos != limit and not text[pos].isspace() and n < 64:
        pos += 1
        n += 1
    return pos


_CAP_WORD = rx.lazy(r"\p{L}[\p{L}'’\-]{3,}")
_SHORT_LOWER = rx.lazy(r"(?<![\p{L}\p{N}'’\-])\p{Ll}{1,3}(?![\p{L}\p{N}'’\-])")
# Short words that title-case headlines leave in small letters, in the cased languages
# (sentence-case headlines in French, Spanish, Italian or Portuguese are not title case);
# some styles also leave "is" and "are" small ("How Many Illegal Immigrants are in the US?").
_TITLE_SMALL = frozenset(
    "a an the and or nor but for of in on at to by as up via vs per off out so yet is are was be "
    "de la le les des du et en au aux à el los las del y al e o da do dos das em no na und von zu im am".split()
)


_LONG_LOWER = rx.lazy(r"(?<![\p{L}\p{N}'’\-])\p{Ll}[\p{Ll}'’\-]{3,}(?![\p{L}\p{N}'’\-])")
# Prepositions and conjunctions of four letters or more, which title case may leave in small letters.
_TITLE_SMALL_LONG = frozenset(
    "with from into onto over upon about after amid among before between through under without against "
    "during toward towards across along around behind beyond near past since than that till until versus "
    "within when while where amongst despite except inside outside unlike throughout "
    "pour dans avec sans sous vers chez entre contre depuis pendant selon "
    "para sobre entre contra desde hasta hacia según durante tras "
    "nach über unter gegen durch ohne nicht "
    "della delle degli dello nella nelle negli dalla dalle dagli sulla sulle sugli "
    "pela pelo pelas pelos".split()
)


def is_headline(text: str, start: int, end: int) -> bool:
    """A title-case or all-caps line, where capitals say nothing about proper names. A
    short word in small letters that title case would capitalise (a verb, a pronoun: "met",
    "was", "its") makes it a sentence ("Officials met the Office for Illegal Migration")."""
    words = _CAP_WORD.findall(text, start, end)
    if len(words) < 3:
        headline = bool(words) and all(w[0].isupper() for w in words) and len(words) >= 2
    else:
        headline = sum(1 for w in words if w[0].isupper()) / len(words) >= 0.7
    if not headline or any(w not in _TITLE_SMALL for w in _SHORT_LOWER.findall(text, start, end)):
        return False
    # a longer word in small letters that is not a preposition or a conjunction is a verb or
    # a noun of a sentence: "She heads the Office of Illegal Immigration."
    return all(w in _TITLE_SMALL_LONG for w in _LONG_LOWER.findall(text, start, end))

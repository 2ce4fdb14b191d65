"""The term language of rules, compiled to regular expressions.

A term is a sequence of tokens separated by spaces (see docs/rules.md):

    illegal @modifier{0,3} head:@person      "illegal" in any form, up to three
                                             modifiers, then a word of the list
                                             `person`, captured as `head`
    =illegals                                exactly this form
    invad*  *welle                           a prefix, a suffix (German compounds)
    flüchtlings+welle                        parts written together
    a|an|the?                                alternatives; ? makes a token optional
    [of @modifier{0,2} @person]              an optional sequence
    %cap  %word  %num                        a capitalised word, any word, a number

Between two tokens the text may have any spaces (also non-breaking), a hyphen or one
line break; case never matters except for %cap. The compiler also picks, for each term,
the literal strings that must occur in any match (its triggers), which the matcher uses
to skip text that cannot match.

Word forms are merged into a trie before they become a regular expression
("migrant|migrants|migrant's" becomes "migrant(?:s|['’]s)?"), which keeps patterns
small: a pattern is compiled in milliseconds and scans text quickly. The generated
patterns use only syntax that Python's `re` understands, except %cap.
"""
from __future__ import annotations

import functools
import re
from collections.abc import Iterable, Mapping, Sequence

from termlint import cache, morphology, rx
from termlint.records import NamedTuple

TYPE_CHECKING = False  # typing.TYPE_CHECKING, without importing typing at run time
if TYPE_CHECKING:
    from typing import Any

FLAGS = rx.IGNORECASE | rx.VERSION1 | rx.FULLCASE
RE_FLAGS = re.IGNORECASE
_BUILTINS = {
    "cap": r"(?-i:\p{Lu}[\p{L}'’\-]*)",
    "word": r"\w+(?:['’\-]\w+)*",
    "num": r"\d[\d.,\u00a0\u202f]*",
}
# re's programs, from the disk cache
_QUANT = cache.compile_re(r"^(.*?)(\?|\{(\d+)(?:,(\d+))?\})$", re.DOTALL)
_NAME = cache.compile_re(r"^([a-z_][a-z0-9_]*):(?=\S)", 0)

# Between two words: horizontal space of any kind (also non-breaking and narrow), a
# hyphen, or one line break (a hard-wrapped line) but never a blank line.
_H = r"[^\S\r\n]"
SEPARATOR = rf"(?:{_H}|[\-\u2010\u2011]|\r?\n(?!{_H}*\r?\n)|\r(?!\n|{_H}*\r))+"
# Chinese writes words together: nothing, spaces, or one line break.
SEPARATOR_CJK = rf"{_H}*(?:(?:\r?\n|\r){_H}*)?"
AR_PROCLITICS = "(?:[وف]?(?:[بلك]|لل)?(?:ال)?)"

_SEP_WIDTH = 8
_WORD_WIDTH = 40
_MAX_WIDTH = 600


class PatternError(ValueError):
    """The term cannot be compiled; the message says why."""


class Compiled(NamedTuple):
    source: str  # the term as written
    pattern: str  # the regular expression
    groups: tuple[str, ...]  # named captures, in order
    triggers: frozenset[str]  # lower-case strings, one of which every match contains
    width: int  # the longest text a match can span, in characters (an estimate)
    raw: bool = False  # a rule author's own regular expression: run with `regex`, under a timeout


class _Words(NamedTuple):
    """A set of single words: lexemes (a stem and its endings), prefixes that any word
    characters follow, and suffixes that any word characters precede."""

    lexemes: frozenset[tuple[str, frozenset[str]]]
    prefixes: frozenset[str] = frozenset()
    suffixes: frozenset[str] = frozenset()  # "*welle": any word characters, then the form


def _lexeme(forms: Iterable[str]) -> tuple[str, frozenset[str]]:
    """Split the forms of one word into their common stem and the endings after it."""
    items = {f.replace("’", "'") for f in forms}
    stem = morphology.stem(items)
    return stem, frozenset(f[len(stem):] for f in items)


class _Node(NamedTuple):
    regex: str
    optional: bool
    triggers: frozenset[str] | None  # None: no usable trigger
    width: int = 0
    words: _Words | None = None  # set when the node is a plain choice of single words


class _Tok(NamedTuple):
    node: _Node
    lo: int  # repetitions: ? is (0, 1), {0,3} is (0, 3)
    hi: int
    name: str  # capture name, or ""


def separator(lang: str) -> str:
    return SEPARATOR_CJK if lang == "zh" else SEPARATOR


class Compiler:
    """Compiles terms of one language against a set of named word lists."""

    def __init__(self, lang: str, lists: Mapping[str, Sequence[str]]) -> None:
        if lang not in morphology.FORMS:
            raise PatternError(f"unknown language {lang!r}")
        self.lang = lang
        self.lists = lists
        self._sep = separator(lang)
        self._clitic = AR_PROCLITICS if lang == "ar" else ""
        self._list_cache: dict[str, _Node] = {}
        self._active: set[str] = set()
        # A term compiled once is the same object wherever it comes again (a cue list that
        # many rules require): a rule set holds, stores and loads it once.
        self._compiled: dict[str, Compiled] = {}

    # -- public ------------------------------------------------------------------

    def compile(self, term: str) -> Compiled:
        found = self._compiled.get(term)
        if found is None:
            found = self._compiled[term] = self._compile(term)
        return found

    def _compile(self, term: str) -> Compiled:
        groups: list[str] = []
        tokens = _lex(term)
        _check_alternations(tokens)
        node = self._sequence(tokens, groups, capture=True)
        pattern = morphology.word_start(self.lang) + self._rx(node) + morphology.word_end(self.lang)
        return Compiled(term, pattern, tuple(groups), node.triggers or frozenset(), min(node.width, _MAX_WIDTH))

    # -- sequences -----------------------------------------------------------------

    def _sequence(self, tokens: list[str], groups: list[str], *, capture: bool) -> _Node:
        toks = self._tokens(tokens, groups, capture=capture)
        if not toks:
            raise PatternError("empty term")
        first = next((i for i, t in enumerate(toks) if t.lo > 0), None)
        if first is None:
            raise PatternError("a term needs at least one token that is not optional")
        if len(toks) == 1 and (toks[0].lo, toks[0].hi) == (1, 1):
            t = toks[0]
            if not t.name:
                return t.node
            return t.node._replace(regex=f"(?P<{t.name}>{self._rx(t.node)})", words=None)
        sep = self._sep
        parts: list[str] = []
        for i, t in enumerate(toks):
            x = self._rx(t.node)
            if i == first:
                # The first required token opens the match: no separator before it.
                run = x if t.hi == 1 else f"{x}(?:{sep}{x}){{{t.lo - 1},{t.hi - 1}}}"
                parts.append(f"(?P<{t.name}>{run})" if t.name else run)
                continue
            lo, hi = max(t.lo, 1), t.hi
            if hi == 1:
                named = f"(?P<{t.name}>{x})" if t.name else x
                run = f"{named}{sep}" if i < first else f"{sep}{named}"
            else:
                # One copy of the token, each repetition with its separator: before the
                # first required token the separator follows it, after it comes first.
                # (A repeated capture includes those separators.)
                unit = f"{x}{sep}" if i < first else f"{sep}{x}"
                run = f"(?:{unit}){{{lo},{hi}}}"
                if t.name:
                    run = f"(?P<{t.name}>{run})"
            parts.append(run if t.lo > 0 else f"(?:{run})?")
        width = sum(t.hi * (t.node.width + _SEP_WIDTH) for t in toks)
        triggers = _best_triggers(t.node.triggers for t in toks if t.lo > 0)
        return _Node("".join(parts), False, triggers, width)

    def _tokens(self, tokens: list[str], groups: list[str], *, capture: bool) -> list[_Tok]:
        out: list[_Tok] = []
        i = 0
        while i < len(tokens):
            tok = tokens[i]
            if tok == "[":
                depth, j = 1, i + 1
                while j < len(tokens) and depth:
                    depth += {"[": 1, "]": -1}.get(tokens[j], 0)
                    j += 1
                if depth:
                    raise PatternError("unclosed '['")
                inner = self._sequence(tokens[i + 1 : j - 1], groups, capture=capture)
                out.append(_Tok(_Node(f"(?:{self._rx(inner)})", False, None, inner.width), 0, 1, ""))
                i = j
                continue
            if tok == "]":
                raise PatternError("unmatched ']'")
            t = self._token(tok, groups, capture=capture)
            if t.hi > 0:
                out.append(t)
            i += 1
        return out

    # -- tokens --------------------------------------------------------------------

    def _token(self, tok: str, groups: list[str], *, capture: bool) -> _Tok:
        name = ""
        m = _NAME.match(tok)
        if m and not tok.startswith(("%", "=")):
            name, tok = m.group(1), tok[m.end() :]
        lo, hi = 1, 1
        q = _QUANT.match(tok)
        if q and q.group(1):
            tok = q.group(1)
            if q.group(2) == "?":
                lo = 0
            else:
                lo = int(q.group(3))
                hi = int(q.group(4)) if q.group(4) is not None else lo
                if hi < lo:
                    raise PatternError(f"bad repetition in {tok!r}")
        node = self._alternatives(tok)
        if not name and capture and tok.startswith("@") and "|" not in tok and "+" not in tok:
            name = tok[1:]
        if name and capture:
            base, k = name, 2
            while name in groups:
                name, k = f"{base}{k}", k + 1
            groups.append(name)
        else:
            name = ""
        return _Tok(node, lo, hi, name)

    def _alternatives(self, tok: str, *, inflect: bool = True, clitic: bool = True) -> _Node:
        if "+" in tok:
            return self._compound(tok)
        alts = tok.split("|")
        if any(not a for a in alts):
            raise PatternError(f"empty alternative in {tok!r}")
        nodes = [self._atom(alt, inflect=inflect, clitic=clitic) for alt in alts]
        if len(nodes) == 1:
            return nodes[0]
        return self._choice(nodes)

    def _choice(self, nodes: Sequence[_Node]) -> _Node:
        """One of several nodes: plain words merge into one trie, the rest stay alternatives."""
        words = [n.words for n in nodes if n.words is not None]
        others = [n for n in nodes if n.words is None]
        parts = sorted((self._rx(n) for n in others), key=len, reverse=True)
        merged = None
        if words:
            merged = _Words(
                frozenset().union(*(w.lexemes for w in words)),
                frozenset().union(*(w.prefixes for w in words)),
                frozenset().union(*(w.suffixes for w in words)),
            )
        if not others:
            trig = [n.triggers for n in nodes]
            triggers = None if any(t is None for t in trig) else minimal(frozenset().union(*trig))  # type: ignore[arg-type]
            return _Node("", False, triggers, max(n.width for n in nodes), merged)
        if merged is not None:
            parts.append(self._emit(merged))
        body = parts[0] if len(parts) == 1 else "(?:" + "|".join(parts) + ")"
        trig = [n.triggers for n in nodes]
        triggers = None if any(t is None for t in trig) else minimal(frozenset().union(*trig))  # type: ignore[arg-type]
        width = max(n.width for n in nodes)
        return _Node(body, False, triggers, width)

    def _compound(self, tok: str) -> _Node:
        """Parts written together ("flüchtlings+welle"), or joined by a hyphen
        ("Flüchtlings-Welle"), each one of its alternatives ("@people_prefix+welle|flut":
        the prefix, then "welle" or "flut"); only the last part is inflected, only the first
        can carry a clitic. After an elision ("d'+@people") nothing comes between."""
        parts = tok.split("+")
        bodies, best, width = [], None, 0
        for k, part in enumerate(parts):
            if not part:
                raise PatternError(f"empty part in {tok!r}")
            node = self._alternatives(part, inflect=k == len(parts) - 1, clitic=k == 0)
            if k and not parts[k - 1].endswith(("'", "’")):
                bodies.append("-?")  # "Flüchtlings-Strom" is the compound "Flüchtlingsstrom"
            bodies.append(self._rx(node))
            best = _best_triggers([best, node.triggers])
            width += node.width
        return _Node("".join(bodies), False, best, width)

    def _atom(self, atom: str, *, inflect: bool, clitic: bool = True) -> _Node:
        if atom.startswith("@"):
            return self._list(atom[1:])  # each entry carries its own clitics
        if atom.startswith("%"):
            if atom[1:] not in _BUILTINS:
                raise PatternError(f"unknown builtin {atom!r} (use %cap, %word or %num)")
            return _Node(_BUILTINS[atom[1:]], False, None, _WORD_WIDTH)
        if atom.startswith("="):
            word = atom[1:]
            _check_word(word)
            words = _Words(frozenset({(word.lower(), frozenset({""}))}))
            return self._words_node(words, frozenset({_fold(word)}), len(word), clitic)
        if atom.endswith("*") and len(atom) > 1:
            word = atom[:-1]
            _check_word(word)
            words = _Words(frozenset(), frozenset({word.lower()}))
            return self._words_node(words, frozenset({_fold(word)}), len(word) + _WORD_WIDTH, clitic)
        if atom.startswith("*") and len(atom) > 1:
            word = atom[1:]
            _check_word(word)
            forms = morphology.forms(word, self.lang) if inflect else {word.lower()}
            words = _Words(frozenset(), frozenset(), frozenset(forms))
            width = _WORD_WIDTH + max(map(len, forms))
            return self._words_node(words, _form_triggers(word, forms), width, clitic)
        _check_word(atom)
        forms = morphology.forms(atom, self.lang) if inflect else {atom.lower()}
        words = _Words(frozenset({_lexeme(forms)}))
        return self._words_node(words, _form_triggers(atom, forms), max(map(len, forms)), clitic)

    def _words_node(self, words: _Words, triggers: frozenset[str], width: int, clitic: bool) -> _Node:
        extra = 5 if (self._clitic and clitic) else 0
        if not clitic:
            return _Node(self._emit(words, False), False, triggers, width)
        # The regex is written only when needed: words chosen together merge first.
        return _Node("", False, triggers, width + extra, words)

    def _rx(self, node: _Node) -> str:
        if node.regex or node.words is None:
            return node.regex
        return self._emit(node.words)

    def _emit(self, words: _Words, clitic: bool = True) -> str:
        """A regex for a set of single words (with Arabic proclitics where they attach)."""
        return _emit_words(words, self._clitic if clitic else "")

    def _list(self, name: str) -> _Node:
        if name in self._list_cache:
            return self._list_cache[name]
        if name not in self.lists:
            raise PatternError(f"unknown list @{name}")
        if name in self._active:
            raise PatternError(f"list @{name} refers to itself")
        self._active.add(name)
        try:
            entries = [self._sequence(_lex(str(entry)), [], capture=False) for entry in self.lists[name]]
        finally:
            self._active.discard(name)
        if not entries:
            raise PatternError(f"list @{name} is empty")
        node = self._choice(entries)
        self._list_cache[name] = node
        return node


@functools.lru_cache(maxsize=4096)
def _emit_words(words: _Words, clitic: str) -> str:
    # Words that take the same endings share one group: (stem|stem|…)(endings), which
    # keeps the pattern small when a list has many words of one inflection class.
    by_endings: dict[frozenset[str], set[str]] = {}
    for stem, endings in words.lexemes:
        by_endings.setdefault(endings, set()).add(stem)
    parts = []
    for endings, stems in by_endings.items():
        rest = endings - {""}
        tail = _trie(rest, frozenset()) if rest else ""
        if tail and "" in endings:
            tail = f"(?:{tail})?"
        head = _trie(stems, frozenset())
        if len(stems) > 1 and tail and not head.startswith("(?:"):
            head = f"(?:{head})"
        parts.append(head + tail)
    if words.prefixes:
        parts.append(_trie(frozenset(), words.prefixes))
    parts.sort(key=lambda p: (-len(p), p))
    body = parts[0] if len(parts) == 1 else ("(?:" + "|".join(parts) + ")" if parts else "")
    if words.suffixes:
        tail = r"\w*" + _trie(words.suffixes, frozenset())
        body = tail if not body else f"(?:{body}|{tail})"
    return clitic + body


_END, _STAR = "<end>", "<star>"  # trie markers (never a single character)


def _trie(forms: Iterable[str], prefixes: Iterable[str]) -> str:
    """A compact regex for a set of words: "migrant", "migrants" -> "migrant(?:s)?".

    Straight and curly apostrophes are one symbol; a prefix ends with \\w* (any word
    characters). Greedy optional branches make the longest form win, as a word end
    (?!\\w) follows every term.
    """
    root: dict[str, dict[str, Any]] = {}
    for word, tail in [(w, _END) for w in forms] + [(p, _STAR) for p in prefixes]:
        node = root
        for ch in word.replace("’", "'"):
            node = node.setdefault(ch, {})
        node[tail] = {}
    if not root:
        return ""
    return _emit_trie(root)


def _emit_trie(node: dict[str, dict[str, Any]]) -> str:
    ends = _END in node
    star = _STAR in node
    kids = sorted((ch, sub) for ch, sub in node.items() if ch not in (_END, _STAR))
    alts = [_char(ch) + _emit_trie(sub) for ch, sub in kids]
    if star:
        return r"\w*" if not alts else rf"(?:{'|'.join(alts)}|\w*)"
    if not alts:
        return ""
    atom = False  # whether `body` is one regex atom (a character or a class)
    if len(kids) > 1 and all(set(sub) == {_END} for _, sub in kids) and "'" not in dict(kids):
        body, atom = "[" + "".join(_class_char(ch) for ch, _ in kids) + "]", True
    elif len(alts) == 1:
        body = alts[0]
        atom = set(kids[0][1]) == {_END}
    else:
        body = "(?:" + "|".join(alts) + ")"
    if not ends:
        return body
    return f"{body}?" if atom else f"(?:{body})?"


def _class_char(ch: str) -> str:
    return "\\" + ch if ch in "\\]^-[" else ch


def _char(ch: str) -> str:
    if ch == "'":
        return "['’]"
    return re.escape(ch)


def _lex(term: str) -> list[str]:
    spaced = term.replace("[", " [ ").replace("]", " ] ")
    return spaced.split()


def _bare(token: str) -> str:
    """A token without its capture name, quantifier and exact-form mark."""
    token = token.split(":", 1)[-1] if ":" in token and not token.startswith(("@", "%")) else token
    return re.sub(r"(\{\d*,?\d*\}|\?)$", "", token).lstrip("=").lower()


def _check_alternations(tokens: Sequence[str]) -> None:
    """`|` joins single words: "zu ersetzen|ersetzt" reads "zu (ersetzen|ersetzt)", never
    "(zu ersetzen)|ersetzt". An alternative that repeats the word next to it ("it is|it's|it
    was not") is that mistake: the term would match the word twice in a row."""
    words = [t for t in tokens if t not in ("[", "]")]
    for i, tok in enumerate(words):
        if "|" not in tok or "+" in tok or tok.startswith(("@", "%")):
            continue
        alternatives = {_bare(a) for a in _bare(tok).split("|")}
        for near, side in ((words[i - 1] if i else None, "after"),
                           (words[i + 1] if i + 1 < len(words) else None, "before")):
            if near is None or "|" in near or near.startswith(("@", "%")):
                continue
            if _bare(near) in alternatives:
                raise PatternError(
                    f"{tok!r} {side} {near!r}: `|` joins single words, so each of "
                    f"{', '.join(tok.split('|'))} comes {side} {near!r} (which would match "
                    f"{near!r} twice in a row); write an alternative of several words as an "
                    "entry of its own")


def _check_word(word: str) -> None:
    if not word or re.search(r"[\s\[\]{}()\\^$.?]", word):
        raise PatternError(f"{word!r} is not a word (use `pattern:` for a raw regex)")


def _fold(text: str) -> str:
    return text.lower().replace("’", "'")


def _form_triggers(word: str, forms: set[str]) -> frozenset[str]:
    """The common stem of the forms when it is long enough and no more frequent than the
    shortest distinct forms (army, armies: not "arm", found in farm and harm), else those."""
    minimal: list[str] = []
    for form in sorted(forms, key=len):
        if not any(form.startswith(m) for m in minimal):
            minimal.append(form)
    distinct = frozenset(_fold(m.split("'")[0].split("’")[0]) for m in minimal)
    common = morphology.stem(forms)
    if len(common) >= max(3, int(0.6 * len(word))) or len(common) == len(word):
        stem = frozenset({_fold(common)})
        if expected_hits(stem) <= expected_hits(distinct):
            return stem
    return distinct


def minimal(triggers: frozenset[str]) -> frozenset[str]:
    """Drop triggers that contain another trigger: finding the shorter one suffices."""
    kept: list[str] = []
    for t in sorted(triggers, key=len):
        if not any(k in t for k in kept):
            kept.append(t)
    return frozenset(kept)


# Function words of the nine languages: useless as triggers, they occur everywhere.
_COMMON = frozenset(
    "a an the of to in on by at as or and for with from is are was were be that this it "
    "de la le les des du un une et en au aux par pour sur dans que qui "
    "el los las del y por con una al se lo "
    "il di da dei della delle e che per con gli "
    "o os as do da dos das em no na um uma que com "
    "der die das und von zu mit aus an auf in im ein eine den dem des für "
    "и в на с по из к от не что как за".split()
)


# Stems of the words every text about migration is full of, in the nine languages: a term
# that holds one of them ("illegal migration") is better found by its other words.
_TOPICAL = (
    "migra", "migrá", "мигра", "мигран", "refug", "réfug", "rifug", "flücht", "беж", "asyl", "asil",
    "убежищ", "border", "frontièr", "fronter", "границ", "grenz", "worker", "travailleu", "trabaj",
    "lavorat", "trabalh", "arbeit", "трудящ", "person", "pessoa", "people", "human", "humain", "humano",
    "umano", "mensch", "человек", "移民", "难民", "難民", "مهاجر", "لاجئ",
)


def _trigger_cost(trigger: str) -> float:
    """How often a trigger is expected to occur: short and common strings cost most, and
    so do the topic's own words (see _TOPICAL)."""
    if trigger in _COMMON:
        return 1000.0
    weight = sum(3 if ord(ch) >= 0x2E80 else 1 for ch in trigger)  # CJK carries more
    cost = {0: 1000.0, 1: 1000.0, 2: 300.0, 3: 30.0, 4: 4.0}.get(weight, 1.0)
    if any(stem in trigger for stem in _TOPICAL):
        cost = max(cost, 20.0)
    return cost


def expected_hits(triggers: Iterable[str]) -> float:
    """How often one of these triggers is expected to occur, relatively (see _trigger_cost)."""
    return sum(_trigger_cost(t) for t in triggers)


def _best_triggers(candidates: Iterable[frozenset[str] | None]) -> frozenset[str] | None:
    """The most selective trigger set: the one with the lowest expected number of hits."""
    best: frozenset[str] | None = None
    best_cost = float("inf")
    for trig in candidates:
        if not trig:
            continue
        cost = expected_hits(trig)
        if cost < best_cost:
            best, best_cost = trig, cost
    return best


def compile_pattern(pattern: str) -> re.Pattern[str] | rx.Pattern[str]:
    """Compile with Python's `re` (fast to compile) unless the pattern needs `regex`."""
    if "\\p{" not in pattern and "(?-i:" not in pattern:
        try:
            compiled: re.Pattern[str] = cache.compile_re(pattern, RE_FLAGS)
            return compiled
        except re.error:
            pass
    return rx.compile(pattern, FLAGS)

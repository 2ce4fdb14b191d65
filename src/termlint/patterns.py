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
"""
from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import NamedTuple

import regex

from termlint import morphology

FLAGS = regex.IGNORECASE | regex.VERSION1 | regex.FULLCASE
_BUILTINS = {
    "cap": r"(?-i:\p{Lu}[\p{L}'’\-]*)",
    "word": r"\w+(?:['’\-]\w+)*",
    "num": r"\d[\d.,\u00a0\u202f]*",
}
_QUANT = regex.compile(r"^(.*?)(\?|\{(\d+)(?:,(\d+))?\})$", regex.DOTALL)


class PatternError(ValueError):
    """The term cannot be compiled; the message says why."""


class Compiled(NamedTuple):
    source: str  # the term as written
    pattern: str  # the regular expression
    groups: tuple[str, ...]  # named captures, in order
    triggers: frozenset[str]  # lower-case strings, one of which every match contains
    width: int  # the longest text a match can span, in characters (an estimate)


class _Node(NamedTuple):
    regex: str
    optional: bool
    triggers: frozenset[str] | None  # None: no usable trigger
    width: int = 0


_SEP_WIDTH = 8
_WORD_WIDTH = 40
_MAX_WIDTH = 600


class Compiler:
    """Compiles terms of one language against a set of named word lists."""

    def __init__(self, lang: str, lists: Mapping[str, Sequence[str]]) -> None:
        if lang not in morphology.FORMS:
            raise PatternError(f"unknown language {lang!r}")
        self.lang = lang
        self.lists = lists
        self._sep = morphology.separator(lang)
        self._list_cache: dict[str, tuple[str, frozenset[str] | None, int]] = {}
        self._active: set[str] = set()

    # -- public ------------------------------------------------------------------

    def compile(self, term: str) -> Compiled:
        groups: list[str] = []
        body, triggers, width = self._sequence(_lex(term), groups, capture=True)
        pattern = morphology.word_start(self.lang) + body + morphology.word_end(self.lang)
        return Compiled(
            term, pattern, tuple(groups), triggers or frozenset(), min(width, _MAX_WIDTH)
        )

    # -- sequences -----------------------------------------------------------------

    def _sequence(
        self, tokens: list[str], groups: list[str], *, capture: bool
    ) -> tuple[str, frozenset[str] | None, int]:
        nodes = self._nodes(tokens, groups, capture=capture)
        if not nodes:
            raise PatternError("empty term")
        parts: list[str] = []
        first_required = next((i for i, n in enumerate(nodes) if not n.optional), None)
        if first_required is None:
            raise PatternError("a term needs at least one token that is not optional")
        for i, node in enumerate(nodes):
            if i < first_required:
                parts.append(f"(?:{node.regex}{self._sep})?")
            elif i == first_required:
                parts.append(node.regex)
            elif node.optional:
                parts.append(f"(?:{self._sep}{node.regex})?")
            else:
                parts.append(f"{self._sep}{node.regex}")
        width = sum(n.width for n in nodes) + _SEP_WIDTH * (len(nodes) - 1)
        return "".join(parts), _best_triggers(n.triggers for n in nodes if not n.optional), width

    def _nodes(self, tokens: list[str], groups: list[str], *, capture: bool) -> list[_Node]:
        nodes: list[_Node] = []
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
                inner, _, width = self._sequence(tokens[i + 1 : j - 1], groups, capture=capture)
                nodes.append(_Node(f"(?:{inner})", True, None, width))
                i = j
                continue
            if tok == "]":
                raise PatternError("unmatched ']'")
            nodes.append(self._token(tok, groups, capture=capture))
            i += 1
        return nodes

    # -- tokens --------------------------------------------------------------------

    def _token(self, tok: str, groups: list[str], *, capture: bool) -> _Node:
        name = ""
        m = regex.match(r"^([a-z_][a-z0-9_]*):(?=\S)", tok)
        if m and not tok.startswith(("%", "=")):
            name, tok = m.group(1), tok[m.end() :]
        optional, lo, hi = False, 1, 1
        q = _QUANT.match(tok)
        if q and q.group(1):
            tok = q.group(1)
            if q.group(2) == "?":
                optional = True
            else:
                lo = int(q.group(3))
                hi = int(q.group(4)) if q.group(4) is not None else lo
                if hi < lo:
                    raise PatternError(f"bad repetition in {tok!r}")
        body, triggers, width = self._alternatives(tok)
        if (lo, hi) != (1, 1):
            if hi == 0:
                return _Node("", True, None)
            rest = f"(?:{self._sep}{body}){{{max(lo - 1, 0)},{hi - 1}}}"
            body = f"{body}{rest}"
            optional = optional or lo == 0
            width = hi * (width + _SEP_WIDTH)
        if not name and capture and tok.startswith("@") and "|" not in tok and "+" not in tok:
            name = tok[1:]
        if name and capture:
            base, k = name, 2
            while name in groups:
                name, k = f"{base}{k}", k + 1
            groups.append(name)
            body = f"(?P<{name}>{body})"
        return _Node(body, optional, None if optional else triggers, width)

    def _alternatives(self, tok: str) -> tuple[str, frozenset[str] | None, int]:
        alts = tok.split("|")
        if any(not a for a in alts):
            raise PatternError(f"empty alternative in {tok!r}")
        bodies, triggers, width = [], [], 0
        for alt in alts:
            body, trig, w = self._concatenation(alt)
            bodies.append(body)
            triggers.append(trig)
            width = max(width, w)
        body = bodies[0] if len(bodies) == 1 else "(?:" + "|".join(bodies) + ")"
        if any(t is None for t in triggers):
            return body, None, width
        return body, _minimal(frozenset().union(*[t for t in triggers if t is not None])), width

    def _concatenation(self, alt: str) -> tuple[str, frozenset[str] | None, int]:
        parts = alt.split("+")
        if len(parts) == 1:
            return self._atom(alt, inflect=True)
        bodies, best, width = [], None, 0
        for k, part in enumerate(parts):
            if not part:
                raise PatternError(f"empty part in {alt!r}")
            body, trig, w = self._atom(part, inflect=k == len(parts) - 1)
            bodies.append(body)
            best = _best_triggers([best, trig])
            width += w
        return "".join(bodies), best, width

    def _atom(self, atom: str, *, inflect: bool) -> tuple[str, frozenset[str] | None, int]:
        clitic = morphology.AR_PROCLITICS if self.lang == "ar" else ""
        extra = 5 if clitic else 0
        if atom.startswith("@"):
            body, trig, width = self._list(atom[1:])
            return clitic + body, trig, width + extra
        if atom.startswith("%"):
            if atom[1:] not in _BUILTINS:
                raise PatternError(f"unknown builtin {atom!r} (use %cap, %word or %num)")
            return _BUILTINS[atom[1:]], None, _WORD_WIDTH
        if atom.startswith("="):
            word = atom[1:]
            _check_word(word)
            return clitic + _literal(word), frozenset({_fold(word)}), len(word) + extra
        if atom.endswith("*") and len(atom) > 1:
            word = atom[:-1]
            _check_word(word)
            body = clitic + _literal(word) + r"\w*"
            return body, frozenset({_fold(word)}), len(word) + _WORD_WIDTH
        if atom.startswith("*") and len(atom) > 1:
            word = atom[1:]
            _check_word(word)
            forms = morphology.forms(word, self.lang) if inflect else {word.lower()}
            width = _WORD_WIDTH + max(map(len, forms))
            return r"\w*" + _alternation(forms), _form_triggers(word, forms), width
        _check_word(atom)
        forms = morphology.forms(atom, self.lang) if inflect else {atom.lower()}
        width = max(map(len, forms)) + extra
        return clitic + _alternation(forms), _form_triggers(atom, forms), width

    def _list(self, name: str) -> tuple[str, frozenset[str] | None, int]:
        if name in self._list_cache:
            return self._list_cache[name]
        if name not in self.lists:
            raise PatternError(f"unknown list @{name}")
        if name in self._active:
            raise PatternError(f"list @{name} refers to itself")
        self._active.add(name)
        try:
            bodies: list[str] = []
            triggers: set[str] = set()
            usable, width = True, 0
            for entry in self.lists[name]:
                body, trig, w = self._sequence(_lex(str(entry)), [], capture=False)
                bodies.append(body)
                width = max(width, w)
                if trig is None:
                    usable = False
                else:
                    triggers |= trig
            triggers = set(_minimal(frozenset(triggers)))
        finally:
            self._active.discard(name)
        if not bodies:
            raise PatternError(f"list @{name} is empty")
        # Longest entries first, so "asylum seeker" is tried before "asylum".
        bodies.sort(key=len, reverse=True)
        result = ("(?:" + "|".join(bodies) + ")", frozenset(triggers) if usable else None, width)
        self._list_cache[name] = result
        return result


def _lex(term: str) -> list[str]:
    spaced = term.replace("[", " [ ").replace("]", " ] ")
    return spaced.split()


def _check_word(word: str) -> None:
    if not word or regex.search(r"[\s\[\]{}()\\^$.?]", word):
        raise PatternError(f"{word!r} is not a word (use `pattern:` for a raw regex)")


def _fold(text: str) -> str:
    return text.lower().replace("’", "'")


def _form_triggers(word: str, forms: set[str]) -> frozenset[str]:
    """A common stem when it is long enough, else the shortest distinct forms."""
    common = morphology.stem(forms)
    if len(common) >= max(3, int(0.6 * len(word))) or len(common) == len(word):
        return frozenset({_fold(common)})
    minimal: list[str] = []
    for form in sorted(forms, key=len):
        if not any(form.startswith(m) for m in minimal):
            minimal.append(form)
    return frozenset(_fold(m.split("'")[0].split("’")[0]) for m in minimal)


def _literal(word: str) -> str:
    """A word as a regex; a straight or curly apostrophe matches either."""
    return "".join("['’]" if ch in "'’" else regex.escape(ch) for ch in word.lower())


def _alternation(words: Iterable[str]) -> str:
    unique = sorted(set(words), key=lambda w: (-len(w), w))
    return "(?:" + "|".join(_literal(w) for w in unique) + ")"


def _minimal(triggers: frozenset[str]) -> frozenset[str]:
    """Drop triggers that contain another trigger: finding the shorter one suffices."""
    kept: list[str] = []
    for t in sorted(triggers, key=len):
        if not any(k in t for k in kept):
            kept.append(t)
    return frozenset(kept)


def _best_triggers(candidates: Iterable[frozenset[str] | None]) -> frozenset[str] | None:
    """The most selective trigger set: few strings, each as long as possible."""
    best: frozenset[str] | None = None
    best_key: tuple[int, int] | None = None
    for trig in candidates:
        if not trig or any(len(t) < 2 for t in trig):
            continue
        key = (len(trig), -min(len(t) for t in trig))
        if best_key is None or key < best_key:
            best, best_key = trig, key
    return best

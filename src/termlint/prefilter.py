"""Find, in one pass, every place where some rule could match.

Each compiled term names the literal strings one of which every match contains (its
triggers). The matcher runs a rule's regular expression only in small windows around
occurrences of its triggers, so text without any trigger costs one scan and nothing more.

Every backend gives the same hits, every occurrence of every trigger (overlapping ones
too), case-insensitively and with a curly apostrophe read as a straight one:

* `ahocorasick` (the `pyahocorasick` package, a dependency of termlint): one pass of an
  Aho-Corasick automaton over the lower-cased text; it builds in a millisecond, so a
  short run pays nothing for it.
* `hyperscan`, when the optional `hyperscan` package is installed (`pip install
  termlint[fast]`): one pass over the UTF-8 bytes for all triggers, a few times faster
  per scan, but its database takes a noticeable part of a second to compile (it is kept
  in termlint's disk cache).
* `find`: `str.find` for each trigger over the lower-cased text; portable, and fast for
  the few dozen triggers of one language.

`auto` takes the backend named by the environment variable `TERMLINT_PREFILTER` if set,
else the first available of these, in that order, and Hyperscan (when installed) for texts
of a million characters or more, and for every text once a quarter of a million characters
have been scanned in all (many files), where its faster scan pays for loading it
(bench/README.md has the measurements). A backend that fails
is never fatal: triggers Hyperscan cannot compile (a NUL, a lone surrogate) or an error it
raises while scanning make the prefilter go on with the next backend, and a text Hyperscan
cannot read (lone surrogates are not UTF-8) is scanned with `str.find`.
"""
from __future__ import annotations

import os
from collections.abc import Sequence

from termlint.errors import TermlintError

TYPE_CHECKING = False  # typing.TYPE_CHECKING, without importing typing at run time
if TYPE_CHECKING:
    from typing import Any

Hit = tuple[int, int, int]  # (start, end, trigger index), text offsets
BACKENDS = ("ahocorasick", "hyperscan", "find")
LARGE = 1 << 20  # characters: from this size on, Hyperscan if installed (see for_size)
# Characters scanned in all after which the next texts go to Hyperscan: about what the
# automaton spends on that much text is what loading Hyperscan costs (about 10 ms), so a
# run of many files pays at most about twice what the best choice (made knowing its length)
# would cost.
MANY = 1 << 18


def available_backends() -> list[str]:
    """The backends that can run here, fastest first."""
    return [b for b in BACKENDS if _importable(b)]


class Prefilter:
    def __init__(self, triggers: Sequence[str], *, backend: str = "auto") -> None:
        self.triggers = list(triggers)
        self._lengths = [len(t) for t in self.triggers]
        self.backend = _pick(backend) if self.triggers else "find"
        self._engine: Any = None  # built on the first scan
        self._chosen = backend != "auto" or bool(_from_environment())
        self._large: Prefilter | None = None
        self._asked = 0  # characters of the texts for_size was asked about

    def for_size(self, size: int) -> Prefilter:
        """The prefilter for the next text, of `size` characters. Unless a backend was
        chosen, Hyperscan, when it is installed, scans a text of LARGE characters or more,
        and every text after this prefilter has been asked for MANY characters in all (many
        files): its scan is three to four times faster, which then outweighs loading it."""
        if self._chosen or self.backend == "hyperscan":
            return self
        before, self._asked = self._asked, self._asked + size
        if size < LARGE and before < MANY:
            return self
        if self._large is None:
            self._large = Prefilter(self.triggers, backend="hyperscan") if _importable("hyperscan") else self
        return self._large

    def scan(self, text: str) -> list[Hit]:
        """Every occurrence of every trigger in `text`, sorted by position."""
        if not self.triggers or not text:
            return []
        while self._engine is None and self.backend != "find":
            try:
                self._engine = _build(self.backend, self.triggers)
            except Exception:  # noqa: BLE001 - a trigger this backend cannot take: the next one
                self._fall_back()
        if self.backend == "hyperscan":
            try:
                return self._scan_hyperscan(text)
            except UnicodeEncodeError:  # lone surrogates: not UTF-8, which is all Hyperscan reads
                return self._scan_find(text)
            except Exception as exc:
                if type(exc).__module__ != "hyperscan":
                    raise
                self._fall_back()  # hyperscan.InvalidError and the like: go on without it
                return self.scan(text)
        if self.backend == "ahocorasick":
            return self._scan_ahocorasick(text)
        return self._scan_find(text)

    def _ready(self) -> None:
        while self._engine is None and self.backend != "find":
            try:
                self._engine = _build(self.backend, self.triggers)
            except Exception:  # noqa: BLE001 - a trigger this backend cannot take: the next one
                self._fall_back()

    def _fall_back(self) -> None:
        """Give up the current backend for the next available one (`find` always is)."""
        later = [b for b in BACKENDS[BACKENDS.index(self.backend) + 1 :] if _importable(b)]
        self.backend = later[0] if later else "find"
        self._engine = None

    def __getstate__(self) -> dict[str, Any]:  # a compiled engine does not pickle; rebuild it
        state = dict(self.__dict__)
        state["_engine"] = None
        return state

    # -- portable ----------------------------------------------------------------------

    def _scan_find(self, text: str) -> list[Hit]:
        low = fold(text)
        hits: list[Hit] = []
        append = hits.append
        find = low.find
        for index, trigger in enumerate(self.triggers):
            size = len(trigger)
            pos = find(trigger)
            while pos >= 0:
                append((pos, pos + size, index))
                pos = find(trigger, pos + 1)
        hits.sort()
        return hits

    # -- Aho-Corasick -------------------------------------------------------------------

    def _scan_ahocorasick(self, text: str) -> list[Hit]:
        lengths = self._lengths
        hits = [(end + 1 - lengths[index], end + 1, index) for end, index in self._engine.iter(fold(text))]
        hits.sort()
        return hits

    # -- Hyperscan ---------------------------------------------------------------------

    def _scan_hyperscan(self, text: str) -> list[Hit]:
        data = text.replace("’", "'").encode("utf-8")
        raw: list[tuple[int, int]] = []
        append = raw.append

        def on_match(index: int, start: int, end: int, flags: int, context: object) -> None:
            append((end, index))

        self._engine.scan(data, match_event_handler=on_match)
        if not raw:
            return []
        raw.sort()
        lengths = self._lengths
        if len(data) == len(text):  # ASCII: byte and character offsets agree
            hits = [(end - lengths[index], end, index) for end, index in raw]
        else:  # trigger ends fall on character boundaries: count the characters up to each
            hits = []
            byte_pos = char_pos = 0
            for byte_end, index in raw:
                if byte_end != byte_pos:
                    char_pos += len(data[byte_pos:byte_end].decode("utf-8", "ignore"))
                    byte_pos = byte_end
                hits.append((char_pos - lengths[index], char_pos, index))
        hits.sort()
        return hits


def occurs(triggers: Sequence[str], folded: str) -> bool:
    """Whether one of `triggers` occurs in a text (given `fold`ed), as the prefilter finds
    them (a few triggers in a short window: `str.find`'s way, without building an engine)."""
    return any(trigger in folded for trigger in triggers)


def fold(text: str) -> str:
    """Lower-cased with one character per character, curly apostrophes made straight: the
    text as triggers are looked for in it."""
    low = text.lower()
    if len(low) != len(text):  # a few characters lower-case to two (e.g. "İ")
        low = "".join(ch.lower()[0] for ch in text)
    return low.replace("’", "'")


def _importable(backend: str) -> bool:
    if backend == "find":
        return True
    module = "hyperscan" if backend == "hyperscan" else "ahocorasick"
    try:
        __import__(module)
    except ImportError:
        return False
    return True


def _from_environment() -> str:
    """The backend TERMLINT_PREFILTER names ("" when unset or `auto`)."""
    chosen = os.environ.get("TERMLINT_PREFILTER", "").strip().lower()
    return "" if chosen == "auto" else chosen


def _pick(backend: str) -> str:
    if backend == "auto":
        chosen = _from_environment()
        if chosen:
            try:
                return _pick(chosen)
            except ValueError as exc:
                raise TermlintError(f"TERMLINT_PREFILTER: {exc}") from None
        return next(b for b in BACKENDS if _importable(b))  # the others are never imported
    if backend not in BACKENDS:
        raise ValueError(f"unknown prefilter backend {backend!r} (use {', '.join(BACKENDS)} or auto)")
    if not _importable(backend):
        package = "hyperscan" if backend == "hyperscan" else "pyahocorasick"
        raise ValueError(f"the {backend} backend needs the `{package}` package")
    return backend


def _build(backend: str, triggers: Sequence[str]) -> Any:
    if backend == "ahocorasick":
        import ahocorasick

        automaton = ahocorasick.Automaton()
        for index, trigger in enumerate(triggers):
            automaton.add_word(trigger, index)
        automaton.make_automaton()
        return automaton
    return _hyperscan_db(triggers)


def _hyperscan_db(triggers: Sequence[str]) -> Any:  # pragma: no cover - optional
    import hyperscan

    from termlint import cache

    version = str(getattr(hyperscan, "__version__", ""))
    key = "\n".join(triggers).encode("utf-8") + version.encode()
    stored = cache.get_blob("hyperscan", key)
    if stored is not None:
        try:
            loaded = hyperscan.loadb(stored, hyperscan.HS_MODE_BLOCK)
            loaded.scratch = hyperscan.Scratch(loaded)  # a loaded database comes without one
            loaded.scan(b"termlint", match_event_handler=lambda *args: None)
            return loaded
        except Exception:  # noqa: BLE001 - damaged or from another Hyperscan: compile afresh
            pass
    import regex

    db = hyperscan.Database()
    flags = hyperscan.HS_FLAG_CASELESS | hyperscan.HS_FLAG_UTF8 | hyperscan.HS_FLAG_UCP
    expressions = [regex.escape(t).encode("utf-8") for t in triggers]
    db.compile(
        expressions=expressions,
        ids=list(range(len(expressions))),
        elements=len(expressions),
        flags=[flags] * len(expressions),
    )
    try:
        cache.put_blob("hyperscan", key, hyperscan.dumpb(db))
    except Exception:  # noqa: BLE001 - a database that cannot be serialised is simply not kept
        pass
    return db

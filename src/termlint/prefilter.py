"""Find, in one pass, every place where some rule could match.

Each compiled term names the literal strings one of which every match contains (its
triggers). The matcher runs a rule's regular expression only in small windows around
occurrences of its triggers, so text without any trigger costs one scan and nothing more.

Two backends give the same hits: Hyperscan, when the optional `hyperscan` package is
installed (one pass over UTF-8 bytes for all triggers), and a portable one built on
`str.find` over the lower-cased text.
"""
from __future__ import annotations

from collections.abc import Sequence

try:  # pragma: no cover - depends on the platform
    import hyperscan as _hs
except ImportError:  # pragma: no cover
    _hs = None

Hit = tuple[int, int, int]  # (start, end, trigger index), text offsets


class Prefilter:
    def __init__(self, triggers: Sequence[str], *, backend: str = "auto") -> None:
        self.triggers = list(triggers)
        self._lengths = [len(t) for t in self.triggers]
        self.backend = _pick(backend) if self.triggers else "find"
        self._db = _hyperscan_db(self.triggers) if self.backend == "hyperscan" else None

    def scan(self, text: str) -> list[Hit]:
        if not self.triggers or not text:
            return []
        if self._db is not None:
            return self._scan_hyperscan(text)
        return self._scan_find(text)

    # -- portable ----------------------------------------------------------------------

    def _scan_find(self, text: str) -> list[Hit]:
        low = text.lower()
        if len(low) != len(text):  # a few characters lower-case to two (e.g. "İ")
            low = "".join(ch.lower()[0] for ch in text)
        low = low.replace("’", "'")
        hits: list[Hit] = []
        for index, trigger in enumerate(self.triggers):
            size = len(trigger)
            find = low.find
            pos = find(trigger)
            while pos >= 0:
                hits.append((pos, pos + size, index))
                pos = find(trigger, pos + 1)
        hits.sort()
        return hits

    # -- Hyperscan ---------------------------------------------------------------------

    def _scan_hyperscan(self, text: str) -> list[Hit]:
        data = text.replace("’", "'").encode("utf-8", "surrogatepass")
        raw: list[tuple[int, int]] = []

        def on_match(index: int, start: int, end: int, flags: int, context: object) -> None:
            raw.append((end, index))

        assert self._db is not None
        self._db.scan(data, match_event_handler=on_match)
        if not raw:
            return []
        raw.sort()
        ascii_text = len(data) == len(text)
        hits: list[Hit] = []
        byte_pos = char_pos = 0
        for byte_end, index in raw:
            if ascii_text:
                end = byte_end
            else:  # trigger ends fall on character boundaries, so decode piece by piece
                char_pos += len(data[byte_pos:byte_end].decode("utf-8", "ignore"))
                byte_pos = byte_end
                end = char_pos
            hits.append((end - self._lengths[index], end, index))
        hits.sort()
        return hits


def _pick(backend: str) -> str:
    if backend == "auto":
        return "hyperscan" if _hs is not None else "find"
    if backend == "hyperscan" and _hs is None:
        raise ValueError("the hyperscan backend needs the `hyperscan` package")
    return backend


def _hyperscan_db(triggers: Sequence[str]) -> object:  # pragma: no cover - optional
    import regex

    db = _hs.Database()
    flags = _hs.HS_FLAG_CASELESS | _hs.HS_FLAG_UTF8 | _hs.HS_FLAG_UCP
    expressions = [regex.escape(t).encode("utf-8") for t in triggers]
    db.compile(
        expressions=expressions,
        ids=list(range(len(expressions))),
        elements=len(expressions),
        flags=[flags] * len(expressions),
    )
    return db

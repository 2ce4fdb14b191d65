"""`regex`, loaded only when a pattern must really be compiled.

Importing `regex` loads its pattern compiler, written in Python: about a fifth of the
start-up of a run on one small file. Every pattern termlint compiles again and again is
kept on disk (see `cache`) and needs only `regex`'s C engine. `compile` takes the
pattern from there and imports `regex` only for a pattern not seen before; every other
name is `regex`'s own (`error`, `Pattern`…), imported on first use; `escape` and the
functions of a pattern and a text (`search`, `sub`…) work without it.

The flags termlint uses are `regex`'s numbers (tests/test_rx.py checks them against `regex`).
"""
from __future__ import annotations

from termlint import cache

TYPE_CHECKING = False  # typing.TYPE_CHECKING, without importing typing at run time
if TYPE_CHECKING:  # what the type checker sees: `regex` itself
    from collections.abc import Callable, Iterator
    from typing import Any

    from regex import Match, Pattern, error  # noqa: F401

IGNORECASE = 0x2
MULTILINE = 0x8
DOTALL = 0x10
VERSION1 = 0x100
REVERSE = 0x400
FULLCASE = 0x4000


def compile(pattern: str, flags: int = 0) -> Pattern[str]:  # noqa: A001 - `regex.compile`, same name
    """`regex.compile(pattern, flags)`."""
    found = cache.program(pattern, int(flags))
    if found is not None:
        return found
    compiled: Pattern[str] = load().compile(pattern, flags)
    return compiled


def lazy(pattern: str, flags: int = 0) -> Pattern[str]:
    """A module's pattern, compiled when it is first used: a run on one small file used
    half of the forty patterns termlint's modules define, and loading each costs a file
    read. Stands for the compiled pattern wherever one is used through its attributes
    (`.search`, `.sub`, `.pattern`…); after the first use these are the pattern's own."""
    return _Lazy(pattern, int(flags))


class _Lazy:
    def __init__(self, pattern: str, flags: int) -> None:
        self._source = (pattern, flags)

    def __getattr__(self, name: str) -> Any:  # only for what is not set yet: the first use
        if name.startswith("__") or name == "_source":  # not a pattern's (copying, pickling)
            raise AttributeError(name)
        compiled = compile(*self._source)
        for attr in _PATTERN_ATTRIBUTES:
            setattr(self, attr, getattr(compiled, attr))
        return getattr(compiled, name)

    def __repr__(self) -> str:
        return f"rx.lazy({self._source[0]!r}, {self._source[1]})"


_PATTERN_ATTRIBUTES = ("search", "match", "fullmatch", "finditer", "findall", "sub", "subn", "split",
                       "splititer", "scanner", "pattern", "flags", "groups", "groupindex")


_SPECIAL = frozenset("()[]{}?*+|^$\\.-#&~ \t\n\r\v\f")  # what `regex` reads as syntax


def escape(text: str) -> str:
    """`regex.escape(text)`: `text` as a pattern that matches it literally, every character
    that `regex` reads as syntax (white space too, for verbose patterns) behind a backslash."""
    return "".join("\\" + c if c in _SPECIAL else c for c in text)


# `regex`'s functions of a pattern and a text, the pattern compiled as above.


def match(pattern: str, string: str, flags: int = 0) -> Match[str] | None:
    return compile(pattern, flags).match(string)


def search(pattern: str, string: str, flags: int = 0) -> Match[str] | None:
    return compile(pattern, flags).search(string)


def finditer(pattern: str, string: str, flags: int = 0) -> Iterator[Match[str]]:
    return compile(pattern, flags).finditer(string)


def findall(pattern: str, string: str, flags: int = 0) -> list[Any]:
    return compile(pattern, flags).findall(string)


def split(pattern: str, string: str, maxsplit: int = 0, flags: int = 0) -> list[str | Any]:
    return compile(pattern, flags).split(string, maxsplit)


def sub(pattern: str, repl: str | Callable[[Match[str]], str], string: str, count: int = 0, flags: int = 0) -> str:
    return compile(pattern, flags).sub(repl, string, count)


def load() -> Any:
    """The `regex` module, its compilations going through the disk cache."""
    import regex

    cache.install()
    return regex


def __getattr__(name: str) -> Any:
    return getattr(load(), name)

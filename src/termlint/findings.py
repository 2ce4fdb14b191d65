"""Value types shared by every stage: levels, edits, fixes and findings.

This module is a leaf: it imports nothing from termlint.
"""
from __future__ import annotations

from enum import StrEnum

from termlint.records import NamedTuple

TYPE_CHECKING = False  # typing.TYPE_CHECKING, without importing typing at run time
if TYPE_CHECKING:
    from typing import Any


class Level(StrEnum):
    """How serious a finding is (the Vale scale)."""

    SUGGESTION = "suggestion"
    WARNING = "warning"
    ERROR = "error"

    @property
    def rank(self) -> int:
        return _RANK[self]

    def lowered(self, steps: int = 1) -> Level:
        """The level `steps` below this one, never below `suggestion`."""
        return _BY_RANK[max(1, self.rank - steps)]


_RANK = {Level.SUGGESTION: 1, Level.WARNING: 2, Level.ERROR: 3}
_BY_RANK = {rank: level for level, rank in _RANK.items()}
LEVELS = tuple(level.value for level in Level)


class Applicability(StrEnum):
    """How far a fix may be trusted (Ruff's three tiers)."""

    SAFE = "safe"
    UNSAFE = "unsafe"
    DISPLAY = "display"


class Edit(NamedTuple):
    """Replace source[start:end] with `replacement` (half-open, source offsets)."""

    start: int
    end: int
    replacement: str


class Fix(NamedTuple):
    edits: tuple[Edit, ...]
    applicability: Applicability


class Finding(NamedTuple):
    """One reported problem, with every position already resolved."""

    path: str
    rule: str
    level: Level
    category: str
    message: str
    match: str
    offset: int  # 0-based character offset into the decoded source
    end_offset: int
    line: int  # 1-based
    column: int  # 1-based, in characters
    end_line: int
    end_column: int
    suggestions: tuple[str, ...] = ()
    fix: Fix | None = None
    language: str = ""
    notes: tuple[str, ...] = ()
    context: str = ""  # the source line (or paragraph) holding the match
    context_start: int = 0  # where the match starts inside `context`
    location: tuple[tuple[str, Any], ...] = ()  # format-specific fields (paragraph, page…)

    @property
    def sort_key(self) -> tuple[str, int, int, str]:
        return (self.path, self.offset, self.end_offset, self.rule)

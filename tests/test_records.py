"""termlint's `NamedTuple` makes the same classes as `typing.NamedTuple`."""
from __future__ import annotations

import pickle
import typing

import pytest

from termlint import records


def _record(name: str, base):
    """The same record class, made on the given base: typing's NamedTuple or termlint's."""

    class Record(base):
        """A record."""

        name: str
        count: int = 0
        tags: tuple[str, ...] = ()

        @property
        def label(self) -> str:
            return f"{self.name}:{self.count}"

        def bump(self, by: int = 1):
            return self._replace(count=self.count + by)

        @classmethod
        def blank(cls):
            return cls("")

    Record.__name__ = Record.__qualname__ = name  # found again by name when unpickled
    return Record


Typed = _record("Typed", typing.NamedTuple)
Ours = _record("Ours", records.NamedTuple)


class Bare(records.NamedTuple):
    a: int
    b: str


def test_the_same_class_as_typing_makes():
    for cls in (Typed, Ours):
        item = cls("x", 2)
        assert isinstance(item, tuple) and tuple(item) == ("x", 2, ())
        assert cls._fields == ("name", "count", "tags")
        assert cls._field_defaults == {"count": 0, "tags": ()}
        assert item.label == "x:2" and item.bump(3).count == 5 and cls.blank() == ("", 0, ())
        assert item._asdict() == {"name": "x", "count": 2, "tags": ()}
        assert repr(item) == f"{cls.__name__}(name='x', count=2, tags=())"
        assert cls.__doc__ == "A record." and cls.__module__ == __name__
        assert pickle.loads(pickle.dumps(item)) == item and type(pickle.loads(pickle.dumps(item))) is cls
        assert list(cls.__annotations__) == ["name", "count", "tags"]
        with pytest.raises(AttributeError):
            item.name = "y"  # type: ignore[misc]
    assert Bare(1, "b") == (1, "b") and Bare.__doc__ == "Bare(a, b)"


def test_a_field_without_a_default_after_one_with_is_refused_as_typing_refuses_it():
    with pytest.raises(TypeError):
        class Broken(typing.NamedTuple):
            a: int = 0
            b: str  # type: ignore[misc]
    with pytest.raises(TypeError):
        class Ours(records.NamedTuple):
            a: int = 0
            b: str  # type: ignore[misc]

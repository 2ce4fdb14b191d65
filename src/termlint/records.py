"""`NamedTuple` for termlint's record classes, made without checking each field's type.

`typing.NamedTuple` turns every field's annotation (a string, under `from __future__ import
annotations`) into a checked type when the class is made, compiling each string: for the
fifty-odd record classes termlint imports, that was a twentieth of every start. This
`NamedTuple` makes the same class with `collections.namedtuple`: the fields, defaults,
methods, properties and docstring as written, the annotations kept as written. Type
checkers see `typing.NamedTuple` itself (tests/test_records.py compares the two).
"""
from __future__ import annotations

TYPE_CHECKING = False  # typing.TYPE_CHECKING, without importing typing at run time
if TYPE_CHECKING:
    from typing import Any
    from typing import NamedTuple as NamedTuple
else:
    import collections

    _NOT_COPIED = frozenset({"__module__", "__annotations__", "__classcell__"})

    class _RecordMaker(type):
        def __new__(mcs, typename: str, bases: tuple[type, ...], namespace: dict[str, Any]) -> type:
            fields = dict(namespace.get("__annotations__", {}))
            defaults = [name for name in fields if name in namespace]
            if defaults and list(fields)[-len(defaults):] != defaults:
                raise TypeError(f"{typename}: a field without a default follows one with a default")
            made = collections.namedtuple(typename, list(fields), defaults=[namespace[n] for n in defaults],
                                          module=namespace.get("__module__"))
            made.__annotations__ = fields
            for key, value in namespace.items():
                if key not in _NOT_COPIED and key not in fields:
                    setattr(made, key, value)
            return made

    _Record = type.__new__(_RecordMaker, "NamedTuple", (), {})

    def NamedTuple(*args: Any, **kwargs: Any) -> Any:  # noqa: N802 - the name it stands for
        raise TypeError("termlint.records.NamedTuple is a base class: `class Name(NamedTuple): ...`")

    NamedTuple.__mro_entries__ = lambda bases: (_Record,)

"""`NamedTuple` for termlint's record classes, made cheaply at import.

`typing.NamedTuple` turns every field's annotation (a string, under `from __future__ import
annotations`) into a checked type when the class is made, compiling each string, and
`collections.namedtuple` compiles a constructor from source for every class: for the
fifty-odd record classes termlint imports, together a tenth of a run on one small file.
This `NamedTuple` makes the same kind of class (a tuple subclass with the fields, defaults,
methods, properties and docstring as written, `_make`, `_replace`, `_asdict`, a readable
repr, pickling) and compiles one constructor per number of fields, which each class then
takes with its own field names. Type checkers see `typing.NamedTuple` itself
(tests/test_records.py compares the two).
"""
from __future__ import annotations

TYPE_CHECKING = False  # typing.TYPE_CHECKING, without importing typing at run time
if TYPE_CHECKING:
    from collections.abc import Iterable
    from typing import Any
    from typing import NamedTuple as NamedTuple
else:
    from _collections import _tuplegetter
    from types import FunctionType

    _NOT_COPIED = frozenset({"__module__", "__annotations__", "__classcell__"})
    _constructors: dict[int, Any] = {}

    def _constructor(fields: tuple[str, ...], defaults: tuple[Any, ...], qualname: str) -> Any:
        """`__new__(cls, <fields>)` making the tuple: the compiled constructor for that many
        fields, its arguments renamed after the fields (keywords work as written)."""
        arity = len(fields)
        shared = _constructors.get(arity)
        if shared is None:
            names = ", ".join(f"_{i}" for i in range(arity))
            scope = {"_tuple": tuple.__new__}
            exec(f"def __new__(_cls, {names}): return _tuple(_cls, ({names}{',' if arity == 1 else ''}))", scope)
            shared = _constructors[arity] = scope["__new__"]
        code = shared.__code__
        code = code.replace(co_varnames=("_cls", *fields, *code.co_varnames[arity + 1:]),
                            co_qualname=f"{qualname}.__new__")
        return FunctionType(code, shared.__globals__, "__new__", defaults or None)

    def _make(cls: type, iterable: Iterable[Any]) -> Any:
        made = tuple.__new__(cls, iterable)
        if len(made) != len(cls._fields):
            raise TypeError(f"{cls.__name__} takes {len(cls._fields)} values, not {len(made)}")
        return made

    def _replace(self: Any, /, **changes: Any) -> Any:
        values = [changes.pop(name, value) for name, value in zip(self._fields, self, strict=True)]
        if changes:
            raise TypeError(f"{type(self).__name__} has no field {', '.join(map(repr, changes))}")
        return tuple.__new__(type(self), values)

    def _asdict(self: Any) -> dict[str, Any]:
        return dict(zip(self._fields, self, strict=True))

    def _repr(self: Any) -> str:
        shown = ", ".join(f"{name}={value!r}" for name, value in zip(self._fields, self, strict=True))
        return f"{type(self).__name__}({shown})"

    def _newargs(self: Any) -> tuple[Any, ...]:
        return tuple(self)

    def _record_class(typename: str, namespace: dict[str, Any]) -> type:
        fields = dict(namespace.get("__annotations__", {}))
        names = tuple(fields)
        with_default = [name for name in names if name in namespace]
        if with_default and list(names[len(names) - len(with_default):]) != with_default:
            raise TypeError(f"{typename}: a field without a default follows one with a default")
        defaults = tuple(namespace[name] for name in with_default)
        qualname = namespace.get("__qualname__", typename)
        body: dict[str, Any] = {
            "__slots__": (), "__doc__": f"{typename}({', '.join(names)})",
            "__module__": namespace.get("__module__"), "__annotations__": fields,
            "_fields": names, "_field_defaults": dict(zip(with_default, defaults, strict=True)),
            "__match_args__": names, "__new__": _constructor(names, defaults, qualname),
            "_make": classmethod(_make), "_replace": _replace, "_asdict": _asdict,
            "__repr__": _repr, "__getnewargs__": _newargs,
        }
        for index, name in enumerate(names):
            body[name] = _tuplegetter(index, f"Field {index}: {name}")
        for key, value in namespace.items():
            if key not in _NOT_COPIED and key not in fields:
                body[key] = value
        return type(typename, (tuple,), body)

    class _RecordMaker(type):
        def __new__(mcs, typename: str, bases: tuple[type, ...], namespace: dict[str, Any]) -> type:
            return _record_class(typename, namespace)

    _Record = type.__new__(_RecordMaker, "NamedTuple", (), {})

    def NamedTuple(*args: Any, **kwargs: Any) -> Any:  # noqa: N802 - the name it stands for
        raise TypeError("termlint.records.NamedTuple is a base class: `class Name(NamedTuple): ...`")

    NamedTuple.__mro_entries__ = lambda bases: (_Record,)

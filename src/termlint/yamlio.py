"""Safe YAML loading that remembers where every key and item came from.

Only the safe constructors are used: a tag that would build a Python object is an error.
Mappings load as `LineDict` and sequences as `LineList`, so a validator can name the
line of a bad field. A key given twice in one mapping is an error, not a silent override.
"""
from __future__ import annotations

import functools

from termlint.errors import RuleError

TYPE_CHECKING = False  # typing.TYPE_CHECKING, without importing typing at run time
if TYPE_CHECKING:
    from typing import Any


class LineDict(dict["Any", "Any"]):  # quoted: typing is not imported at run time
    """A dict that knows the 1-based line of itself and of each key."""

    line: int = 0
    lines: dict[Any, int]

    def line_of(self, key: Any) -> int:
        return self.lines.get(key, self.line)


class LineList(list["Any"]):  # quoted, as above
    line: int = 0
    lines: list[int]

    def line_of(self, index: int) -> int:
        return self.lines[index] if 0 <= index < len(self.lines) else self.line


@functools.cache
def _loader() -> Any:
    """The loader class, built on first use: a run whose rules come from the disk cache
    and that has no configuration file never imports PyYAML."""
    import yaml

    try:  # libyaml parses several times faster; fall back to pure Python.
        base: type = yaml.CSafeLoader
    except AttributeError:  # pragma: no cover - depends on how PyYAML was built
        base = yaml.SafeLoader

    class DuplicateKey(yaml.MarkedYAMLError):
        pass

    class Loader(base):
        def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> LineDict:
            self.flatten_mapping(node)
            result = LineDict()
            result.line = node.start_mark.line + 1
            result.lines = {}
            for key_node, value_node in node.value:
                key = self.construct_object(key_node, deep=True)
                try:
                    hash(key)
                except TypeError as exc:
                    raise yaml.constructor.ConstructorError(
                        "while constructing a mapping", node.start_mark,
                        "found an unhashable key", key_node.start_mark,
                    ) from exc
                if key in result:
                    raise DuplicateKey(
                        "while constructing a mapping", node.start_mark,
                        f"found the key {key!r} twice", key_node.start_mark,
                    )
                result[key] = self.construct_object(value_node, deep=True)
                result.lines[key] = key_node.start_mark.line + 1
            return result

        def construct_sequence(self, node: yaml.SequenceNode, deep: bool = False) -> LineList:
            result = LineList(self.construct_object(child, deep=True) for child in node.value)
            result.line = node.start_mark.line + 1
            result.lines = [child.start_mark.line + 1 for child in node.value]
            return result

    Loader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, Loader.construct_mapping)
    Loader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_SEQUENCE_TAG, Loader.construct_sequence)
    return Loader


def load(text: str, path: str) -> Any:
    """Parse YAML text; errors name the file, line and column."""
    import yaml

    try:
        return yaml.load(text, Loader=_loader())  # noqa: S506 - the loader derives from SafeLoader
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark is not None else None
        column = mark.column + 1 if mark is not None else None
        problem = exc.problem or exc.context or "invalid YAML"
        if isinstance(exc, yaml.constructor.ConstructorError) and "tag" in problem:
            problem += " (only plain YAML data is allowed in rule and config files)"
        raise RuleError(path, line, problem, column=column) from exc
    except yaml.YAMLError as exc:
        raise RuleError(path, None, f"invalid YAML: {exc}") from exc
    except RecursionError as exc:  # the pure-Python parser has no depth limit of its own
        raise RuleError(path, None, "invalid YAML: nested too deeply") from exc

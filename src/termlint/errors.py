"""The one fatal error type: anything that should end a run with exit code 2."""
from __future__ import annotations


class TermlintError(Exception):
    """A usage, configuration or rule error, reported in one line and exit code 2."""


class RuleError(TermlintError):
    """A rule file is malformed; the message names the file, line, rule and field."""

    def __init__(
        self,
        path: str,
        line: int | None,
        message: str,
        *,
        rule: str | None = None,
        field: str | None = None,
        column: int | None = None,
    ) -> None:
        self.path = path
        self.line = line
        self.column = column
        self.rule = rule
        self.field = field
        where = path
        if line is not None:
            where += f":{line}"
            if column is not None:
                where += f":{column}"
        parts = [where]
        if rule:
            parts.append(f"rule {rule!r}")
        if field:
            parts.append(f"field {field!r}")
        super().__init__(f"{': '.join(parts)}: {message}")


class ConfigError(TermlintError):
    """A configuration file or option is wrong; the message names the file and key."""

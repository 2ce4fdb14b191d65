"""Project configuration: which rules run, on which files, at which level.

A project keeps its choices in `.termlint.yaml` (or `termlint.yaml`, or a
`[tool.termlint]` table in `pyproject.toml`), found by walking up from the working
folder; `--config PATH` names one and `--no-config` ignores them. The keys (docs/config.md):

    extends: un                     # bundled profiles by name (default, un, journalism) or paths
    rules:                          # per rule id or category
      irregular-migrant-style: true       # switch on (false: off)
      illegal-act: error                  # change the level (a level given to a rule id
      dehumanising-metaphor: warning      #   also switches that rule on)
      host-country: {enabled: true, level: warning}
    rule_paths: [house-rules/]      # the team's own rule files or folders
    languages: [en, fr]             # only these languages' rules run
    include: ["reports/**"]         # globs, relative to the configuration's folder
    exclude: ["archive/**"]
    per_file:                       # overrides for files matching a glob
      "quotes/**": {quotations: ignore, rules: {alien-person: false}}
    fail_on: warning                # suggestion | warning | error
    quotations: downgrade           # ignore | downgrade | flag
    baseline: .termlint-baseline.json

Under `rules`, a name with `*` is a pattern over rule ids and categories
(`"*illegal-act"` names the rule in every language). Choices are layered: the profiles a
file extends, then the file itself, then the `per_file` entries that match, then the
command line (which always wins). Within one layer a choice for a rule id beats a
pattern, which beats a category. Every problem is a
`ConfigError` naming the file, the line where known (YAML) and the key.
"""
from __future__ import annotations

import fnmatch
import os
from collections.abc import Iterable, Mapping, Sequence

from termlint import cache, engine, rules, rx, suppress, yamlio
from termlint.baseline import Baseline, source_of
from termlint.baseline import Summary as BaselineSummary
from termlint.document import Document
from termlint.errors import ConfigError, RuleError
from termlint.findings import LEVELS, Finding
from termlint.matcher import QUOTATION_POLICIES, REPORTED_SPEECH_POLICIES, Checked, Matcher
from termlint.morphology import LANGUAGES
from termlint.records import NamedTuple
from termlint.rules import Rule, RuleSet

TYPE_CHECKING = False  # typing.TYPE_CHECKING, without importing typing at run time
if TYPE_CHECKING:
    from typing import Any

FILE_NAMES = (".termlint.yaml", ".termlint.yml", "termlint.yaml", "termlint.yml")
PYPROJECT = "pyproject.toml"
KEYS = ("extends", "rules", "rule_paths", "languages", "include", "exclude", "per_file",
        "fail_on", "quotations", "reported_speech", "baseline", "description")
PER_FILE_KEYS = ("rules", "languages", "quotations", "reported_speech")
_ON = {"on": True, "enable": True, "enabled": True, "off": False, "disable": False, "disabled": False}


class Choice(NamedTuple):
    """One entry under `rules`: switch a rule or category on or off, or set its level."""

    name: str
    enabled: bool | None
    level: str | None
    where: str  # "file:line", for messages


class Glob(NamedTuple):
    pattern: str
    root: str  # the folder the pattern is relative to
    compiled: rx.Pattern[str]
    where: str

    def matches(self, path: str) -> bool:
        rel = _relative(path, self.root)
        return rel is not None and self.compiled.match(rel) is not None


class PerFile(NamedTuple):
    glob: Glob
    rules: tuple[Choice, ...] = ()
    languages: tuple[str, ...] | None = None
    quotations: str | None = None
    reported_speech: str | None = None


class Config(NamedTuple):
    path: str = ""  # the file read; "" when there is none
    layers: tuple[tuple[Choice, ...], ...] = ()  # profiles first, the file itself last
    rule_paths: tuple[str, ...] = ()
    languages: tuple[str, ...] | None = None
    include: tuple[Glob, ...] = ()
    exclude: tuple[Glob, ...] = ()
    per_file: tuple[PerFile, ...] = ()
    fail_on: str | None = None
    quotations: str | None = None
    baseline: str | None = None
    extends: tuple[str, ...] = ()
    reported_speech: str | None = None  # every profile or file extended, outermost first


EMPTY = Config()


# -- finding and reading -----------------------------------------------------------


def profiles_dir() -> str:
    return os.path.join(rules.bundled_dir(), "profiles")


def profile_names() -> tuple[str, ...]:
    folder = profiles_dir()
    if not os.path.isdir(folder):
        return ()
    return tuple(sorted(name[: -len(".yaml")] for name in os.listdir(folder)
                        if name.endswith(".yaml") and len(name) > len(".yaml")))


def find(start: str | os.PathLike[str] | None = None) -> str | None:
    """The configuration file for a folder: the nearest one walking up from `start`."""
    folder = os.path.realpath(start or os.getcwd())
    while True:
        for name in FILE_NAMES:
            candidate = os.path.join(folder, name)
            if os.path.isfile(candidate):
                return candidate
        pyproject = os.path.join(folder, PYPROJECT)
        if os.path.isfile(pyproject) and _pyproject_table(pyproject, required=False) is not None:
            return pyproject
        parent = os.path.dirname(folder)
        if parent == folder:
            return None
        folder = parent


def discover(path: str | None = None, *, enabled: bool = True, start: str | None = None) -> Config:
    """The run's configuration: `path` if given, else the nearest file, else none."""
    if not enabled:
        return EMPTY
    if path is not None:
        if not os.path.isfile(path):
            raise ConfigError(f"{path}: no such configuration file")
        return load(path)
    found = find(start)
    return load(found) if found is not None else EMPTY


def load(path: str | os.PathLike[str]) -> Config:
    """Read and validate one configuration file, with the profiles it extends."""
    return _load(os.fspath(path), ())


def _load(path: str, stack: tuple[str, ...], where: str | None = None) -> Config:
    """`where`: the `extends` field (file:line) that names `path`."""
    path = os.path.normpath(path)
    resolved = os.path.realpath(path)
    if resolved in stack:
        chain = " -> ".join((*stack, resolved))
        raise ConfigError(f"{where or path}: field 'extends': goes round in a circle ({chain})")
    data = _read(path)
    return _build(path, data, os.path.dirname(path) or os.curdir, (*stack, resolved))


def _read_text(path: str) -> str:
    with open(path, encoding="utf-8") as fh:
        return fh.read()


def _read(path: str) -> Any:
    if path.endswith(".toml"):
        if os.path.basename(path) == PYPROJECT:
            return _pyproject_table(path, required=True)
        return _toml(path)
    try:
        text = _read_text(path)
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"{path}: cannot read the configuration: {exc}") from exc
    try:
        data = cache.parsed("config", text, path, yamlio.load)
    except RuleError as exc:
        raise ConfigError(str(exc)) from exc
    return yamlio.LineDict() if data is None else data


def _toml(path: str) -> Any:
    try:
        text = _read_text(path)
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"{path}: cannot read the configuration: {getattr(exc, 'strerror', None) or exc}") from exc
    return _toml_text(path, text)


def _toml_text(path: str, text: str) -> Any:
    """The TOML document `text`, kept in the disk cache like a YAML configuration: a run
    that reads the same pyproject.toml again needs neither tomllib nor the typing it loads."""
    return cache.parsed("toml", text, path, _parse_toml)


def _parse_toml(text: str, name: str) -> Any:
    import tomllib  # only for a .toml file not read before

    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{name}: invalid TOML: {exc}") from exc
    except RecursionError as exc:
        raise ConfigError(f"{name}: invalid TOML: nested too deeply") from exc


def _pyproject_table(path: str, *, required: bool) -> Any:
    try:
        text = _read_text(path)
    except (OSError, UnicodeDecodeError) as exc:
        if not required:
            return None
        raise ConfigError(f"{path}: cannot read the configuration: {exc}") from exc
    if "termlint" not in text and not required:
        return None
    table = _toml_text(path, text).get("tool", {}).get("termlint")
    if table is None and required:
        raise ConfigError(f"{path}: has no [tool.termlint] table")
    return table


# -- validation ----------------------------------------------------------------------


def _where(path: str, data: Any, key: Any = None) -> str:
    line_of = getattr(data, "line_of", None)
    if line_of is None:
        return path
    line = line_of(key) if key is not None else getattr(data, "line", 0)
    return f"{path}:{line}" if line else path


def _fail(where: str, key: str, message: str) -> ConfigError:
    return ConfigError(f"{where}: key {key!r}: {message}")


def _strings(value: Any, where: str, key: str, path: str = "") -> tuple[str, ...]:
    return tuple(item for item, _ in _items(value, where, key, path))


def _items(value: Any, where: str, key: str, path: str = "") -> list[tuple[str, str]]:
    """The strings of a value written as one string or a list, each with where it is
    written (its own line in a list, when `path` is given)."""
    if isinstance(value, str):
        return [(value, where)]
    if not isinstance(value, list):
        raise _fail(where, key, "must be a string or a list of strings")
    out = []
    for i, item in enumerate(value):
        at = _where(path, value, i) if path and getattr(value, "line_of", None) else where
        if not (isinstance(item, str) and item.strip()):
            raise _fail(at, key, f"item {i + 1} ({item!r}) must be a non-empty string")
        out.append((item, at))
    return out


def _choice_of(path: str, data: Any, key: str, value: Any) -> Choice:
    where = _where(path, data, key)
    field = f"rules.{key}"
    if isinstance(value, bool):
        return Choice(key, value, None, where)
    if isinstance(value, str):
        word = value.strip().lower()
        if word in _ON:
            return Choice(key, _ON[word], None, where)
        if word in LEVELS:
            return Choice(key, None, word, where)
        raise _fail(where, field, f"must be true, false or a level ({', '.join(LEVELS)}), not {value!r}")
    if isinstance(value, Mapping):
        _unknown_keys(path, value, ("enabled", "level"), prefix=field + ".")
        enabled = value.get("enabled")
        level = value.get("level")
        if enabled is not None and not isinstance(enabled, bool):
            raise _fail(_where(path, value, "enabled"), field + ".enabled", "must be true or false")
        if level is not None and level not in LEVELS:
            raise _fail(_where(path, value, "level"), field + ".level", f"must be one of {', '.join(LEVELS)}")
        if enabled is None and level is None:
            raise _fail(where, field, "give `enabled`, `level` or both")
        return Choice(key, enabled, level, where)
    raise _fail(where, field, "must be true, false, a level or a mapping with `enabled` and `level`")


def _choices(path: str, data: Any, key: str) -> tuple[Choice, ...]:
    value = data.get(key)
    if value is None:
        return ()
    if not isinstance(value, Mapping):
        raise _fail(_where(path, data, key), key, "must map rule ids or categories to true, false or a level")
    out = []
    for name, setting in value.items():
        if not isinstance(name, str):
            raise _fail(_where(path, value, name), key, f"{name!r} is not a rule id or category")
        out.append(_choice_of(path, value, name, setting))
    return tuple(out)


def _unknown_keys(path: str, data: Mapping[Any, Any], known: Sequence[str], prefix: str = "") -> None:
    for key in data:
        if key not in known:
            import difflib

            hint = difflib.get_close_matches(str(key), known, n=1)
            also = f"; did you mean {hint[0]!r}?" if hint else f" (known keys: {', '.join(sorted(known))})"
            raise ConfigError(f"{_where(path, data, key)}: unknown key {prefix}{key!r}{also}")


def _one_of(path: str, data: Any, key: str, allowed: Sequence[str]) -> str | None:
    value = data.get(key)
    if value is None:
        return None
    if value not in allowed:
        raise _fail(_where(path, data, key), key, f"must be one of {', '.join(allowed)}, not {value!r}")
    return str(value)


def _languages(path: str, data: Any, key: str = "languages") -> tuple[str, ...] | None:
    if data.get(key) is None:
        return None
    where = _where(path, data, key)
    items = _items(data[key], where, key, path)
    for lang, at in items:
        if lang not in LANGUAGES:
            raise _fail(at, key, f"unknown language {lang!r} (termlint knows {', '.join(LANGUAGES)})")
    return tuple(lang for lang, _ in items)


def _globs(path: str, data: Any, key: str, root: str) -> tuple[Glob, ...]:
    if data.get(key) is None:
        return ()
    where = _where(path, data, key)
    return tuple(_glob(p, root, at, key) for p, at in _items(data[key], where, key, path))


def _glob(pattern: str, root: str, where: str, key: str) -> Glob:
    # "../docs/archive/**" in a configuration kept in a subfolder (named by `extends`) is
    # "docs/archive/**" from the folder above: the pattern climbs, its root with it
    base, rest, climbed = os.path.realpath(root), pattern.strip(), False
    while rest.startswith("../"):
        base, rest, climbed = os.path.dirname(base), rest[3:], True
    if "/../" in f"/{rest}/":
        raise _fail(where, key, f"bad glob {pattern!r}: `..` can only open a pattern")
    try:
        compiled = rx.compile(translate("/" + rest if climbed else rest))  # anchored where it climbed to
    except rx.error as exc:
        raise _fail(where, key, f"bad glob {pattern!r}: {exc}") from exc
    return Glob(pattern, base, compiled, where)


def _build(path: str, data: Any, root: str, stack: tuple[str, ...]) -> Config:
    if not isinstance(data, Mapping):
        raise ConfigError(f"{_where(path, data)}: a configuration must be a mapping of keys to values")
    _unknown_keys(path, data, KEYS)
    if "description" in data and not isinstance(data["description"], str):
        raise _fail(_where(path, data, "description"), "description", "must be a string")
    base = EMPTY
    extends: tuple[str, ...] = ()
    if data.get("extends") is not None:
        where = _where(path, data, "extends")
        for name in _strings(data["extends"], where, "extends"):
            parent = _load(_extended(name, root, where), stack, where)
            base = merge(base, parent)
            extends += (name, *parent.extends)
    rule_paths = []
    if data.get("rule_paths") is not None:
        where = _where(path, data, "rule_paths")
        for raw in _strings(data["rule_paths"], where, "rule_paths"):
            full = _joined(root, raw)
            if not os.path.exists(full):
                raise _fail(where, "rule_paths", f"no such rule file or folder: {raw}")
            rule_paths.append(full)
    per_file = []
    if data.get("per_file") is not None:
        table = data["per_file"]
        if not isinstance(table, Mapping):
            raise _fail(_where(path, data, "per_file"), "per_file", "must map globs to overrides")
        for pattern, override in table.items():
            where = _where(path, table, pattern)
            if not isinstance(pattern, str) or not isinstance(override, Mapping):
                raise _fail(where, "per_file", "each entry maps a glob to a mapping of overrides")
            _unknown_keys(path, override, PER_FILE_KEYS, prefix=f"per_file.{pattern}.")
            per_file.append(PerFile(
                _glob(pattern, root, where, "per_file"),
                _choices(path, override, "rules"),
                _languages(path, override),
                _one_of(path, override, "quotations", QUOTATION_POLICIES),
                _one_of(path, override, "reported_speech", REPORTED_SPEECH_POLICIES),
            ))
    baseline = None
    if data.get("baseline") is not None:
        where = _where(path, data, "baseline")
        if not isinstance(data["baseline"], str) or not data["baseline"].strip():
            raise _fail(where, "baseline", "must be the path of a baseline file")
        baseline = _joined(root, data["baseline"])
    own = Config(
        path=path,
        layers=(_choices(path, data, "rules"),),
        rule_paths=tuple(rule_paths),
        languages=_languages(path, data),
        include=_globs(path, data, "include", root),
        exclude=_globs(path, data, "exclude", root),
        per_file=tuple(per_file),
        fail_on=_one_of(path, data, "fail_on", LEVELS),
        quotations=_one_of(path, data, "quotations", QUOTATION_POLICIES),
        baseline=baseline,
        reported_speech=_one_of(path, data, "reported_speech", REPORTED_SPEECH_POLICIES),
    )
    return merge(base, own)._replace(extends=extends)


def _joined(root: str, name: str) -> str:
    """`name` taken from `root` (as a path written in a configuration file is; `..` kept,
    as the folder it follows may be a link)."""
    return os.path.join(root, name) if root != os.curdir else name


def _extended(name: str, root: str, where: str) -> str:
    if "/" in name or "\\" in name or name.endswith((".yaml", ".yml", ".toml")):
        target = _joined(root, name)
        if not os.path.isfile(target):
            raise _fail(where, "extends", f"no such configuration file: {name}")
        return target
    target = os.path.join(profiles_dir(), f"{name}.yaml")
    if not os.path.isfile(target):
        known = ", ".join(profile_names())
        raise _fail(where, "extends", f"no bundled profile {name!r} (profiles: {known}; or give a path)")
    return target


def merge(base: Config, own: Config) -> Config:
    """`own` over `base`: single values replace, lists and rule choices add up."""
    return Config(
        path=own.path or base.path,
        layers=base.layers + own.layers,
        rule_paths=base.rule_paths + own.rule_paths,
        languages=own.languages if own.languages is not None else base.languages,
        include=base.include + own.include,
        exclude=base.exclude + own.exclude,
        per_file=base.per_file + own.per_file,
        fail_on=own.fail_on or base.fail_on,
        quotations=own.quotations or base.quotations,
        baseline=own.baseline or base.baseline,
        extends=base.extends + own.extends,
        reported_speech=own.reported_speech or base.reported_speech,
    )


# -- globs ---------------------------------------------------------------------------


def translate(pattern: str) -> str:
    """A regular expression for a glob, matched against a path relative to its root.

    `*` and `?` stay within a folder name, `**` crosses folders, `[...]` is a class. A
    pattern without a slash matches a name at any depth; one that matches a folder also
    matches everything inside it."""
    pat = pattern.strip()
    if pat.startswith("./"):
        pat = pat[2:]
    anchored = pat.startswith("/") or "/" in pat.rstrip("/")
    pat = pat.strip("/")
    out = []
    i = 0
    while i < len(pat):
        if pat.startswith("**/", i):
            out.append("(?:.*/)?")
            i += 3
        elif pat.startswith("**", i):
            out.append(".*")
            i += 2
        elif pat[i] == "*":
            out.append("[^/]*")
            i += 1
        elif pat[i] == "?":
            out.append("[^/]")
            i += 1
        elif pat[i] == "[" and "]" in pat[i + 2 :]:
            end = pat.index("]", i + 2)
            body = pat[i + 1 : end]
            if body.startswith("!"):
                body = "^" + body[1:]
            out.append("[" + body.replace("\\", "\\\\") + "]")
            i = end + 1
        else:
            out.append(rx.escape(pat[i]))
            i += 1
    head = "" if anchored else "(?:.*/)?"
    return "^" + head + "".join(out) + "(?:/.*)?$"


def _relative(path: str, root: str) -> str | None:
    try:
        rel = os.path.relpath(os.path.abspath(path), root)
    except ValueError:  # another drive
        return None
    if rel == os.curdir or rel.startswith(os.pardir + os.sep) or rel == os.pardir or os.path.isabs(rel):
        return None
    return rel.replace(os.sep, "/")


# -- applying a configuration to a run ---------------------------------------------------


def is_pattern(name: str) -> bool:
    return any(ch in name for ch in "*?[")


def _rank(choice: Choice, rule: Rule) -> int:
    """How closely a choice names a rule: 3 its id, 2 a pattern matching its id, 1 its
    category (or a pattern matching it), 0 not at all."""
    if choice.name == rule.id:
        return 3
    if is_pattern(choice.name):
        if fnmatch.fnmatchcase(rule.id, choice.name):
            return 2
        return 1 if fnmatch.fnmatchcase(rule.category, choice.name) else 0
    return 1 if choice.name == rule.category else 0


def resolve(layers: Sequence[Sequence[Choice]], ruleset: RuleSet) -> tuple[
        tuple[str, ...], tuple[str, ...], tuple[tuple[str, str], ...]]:
    """Rule ids to switch on, to switch off, and (id, level) pairs, from layered choices.

    Later layers win. Within a layer, a rule's id beats a pattern (`*illegal-act`), which
    beats its category. A level given to a rule's exact id also switches that rule on."""
    names = sorted({r.id for r in ruleset.rules} | {r.category for r in ruleset.rules})
    for layer in layers:
        for choice in layer:
            if is_pattern(choice.name):
                if not fnmatch.filter(names, choice.name):
                    raise ConfigError(f"{choice.where}: key 'rules.{choice.name}': the pattern matches "
                                      "no rule id or category (see `termlint rules`)")
            elif choice.name not in names:
                import difflib

                hint = difflib.get_close_matches(choice.name, names, n=1)
                also = f"; did you mean {hint[0]!r}?" if hint else " (see `termlint rules`)"
                raise ConfigError(f"{choice.where}: key 'rules.{choice.name}': no rule or category "
                                  f"{choice.name!r}{also}")
    enable: list[str] = []
    disable: list[str] = []
    levels: list[tuple[str, str]] = []
    for rule in ruleset.rules:
        on: bool | None = None
        level: str | None = None
        for layer in layers:
            ranked = sorted((rank, i, c) for i, c in enumerate(layer) if (rank := _rank(c, rule)))
            for rank, _, choice in ranked:
                if choice.enabled is not None:
                    on = choice.enabled
                elif choice.level is not None and rank == 3:
                    on = True
                if choice.level is not None:
                    level = choice.level
        if on is True and not rule.enabled:
            enable.append(rule.id)
        elif on is False:
            disable.append(rule.id)
        if level is not None and level != rule.level.value:
            levels.append((rule.id, level))
    return tuple(enable), tuple(disable), tuple(levels)


class Project:
    """A configuration applied to one run: the rules, matcher and settings of each file.

    `settings` come from the command line with the configuration's values already filled
    in where the command line gave none; `fixed_quotations` says whether the command line
    set the quotation policy (then `per_file` entries cannot change it)."""

    def __init__(self, config: Config, settings: engine.Settings, *, fixed_quotations: bool = False,
                 baseline: Baseline | None = None, fixed_reported: bool = False) -> None:
        self.config = config
        self.baseline = baseline
        self.loaded = rules.load([*rules.bundled_files(), *rules.expand(settings.rule_paths)])
        self.base = self._with_layers(settings, config.layers)
        self.ruleset = engine.select(self.loaded, self.base)
        self._fixed_quotations = fixed_quotations
        self._fixed_reported = fixed_reported
        self._cli = settings
        self._matchers: dict[engine.Settings, Matcher] = {}
        self._rulesets: dict[engine.Settings, RuleSet] = {self.base: self.ruleset}
        for entry in config.per_file:  # validate every name now, not when a file matches
            resolve((*config.layers, entry.rules), self.loaded)
        self._by_entries: dict[tuple[int, ...], engine.Settings] = {}
        self.matcher = FileMatcher(self)
        self.fix_matcher = FileMatcher(self, baseline) if baseline is not None else self.matcher

    def _with_layers(self, settings: engine.Settings, layers: Sequence[Sequence[Choice]]) -> engine.Settings:
        enable, disable, levels = resolve(layers, self.loaded)
        return settings._replace(enable=enable, disable=disable, levels=levels)

    def settings_for(self, path: str) -> engine.Settings:
        """The settings of one file: the run's, with matching `per_file` entries applied."""
        which = tuple(i for i, p in enumerate(self.config.per_file) if p.glob.matches(path))
        if not which:
            return self.base
        settings = self._by_entries.get(which)
        if settings is None:
            matching = [self.config.per_file[i] for i in which]
            settings = self._with_layers(self._cli, (*self.config.layers, *(p.rules for p in matching)))
            for entry in matching:
                if entry.languages is not None:
                    settings = settings._replace(languages=entry.languages)
                if entry.quotations is not None and not self._fixed_quotations:
                    settings = settings._replace(quotations=entry.quotations)
                if entry.reported_speech is not None and not self._fixed_reported:
                    settings = settings._replace(reported_speech=entry.reported_speech)
            self._by_entries[which] = settings
        return settings

    def ruleset_for_settings(self, settings: engine.Settings) -> RuleSet:
        ruleset = self._rulesets.get(settings)
        if ruleset is None:
            ruleset = self._rulesets[settings] = engine.select(self.loaded, settings)
        return ruleset

    def matcher_for(self, path: str) -> Matcher:
        return self.matcher_for_settings(self.settings_for(path))

    def matcher_for_settings(self, settings: engine.Settings) -> Matcher:
        matcher = self._matchers.get(settings)
        if matcher is None:
            ruleset = self.ruleset_for_settings(settings)
            matcher = self._matchers[settings] = engine.matcher_for(ruleset, settings)
        return matcher

    def rules_in_force(self, paths: Iterable[str] = ()) -> tuple[Rule, ...]:
        """Every rule that runs on the run's settings or on one of `paths`; the run's own
        version (level) of a rule first."""
        found: dict[str, Rule] = {}
        # Each distinct setting once: a thousand files usually share one or two.
        for settings in dict.fromkeys((self.base, *(self.settings_for(p) for p in paths))):
            allowed = settings.languages
            for rule in self.ruleset_for_settings(settings).rules:
                if allowed is None or rule.language in allowed:
                    found.setdefault(rule.id, rule)
        order = {r.id: i for i, r in enumerate(self.loaded.rules)}
        return tuple(sorted(found.values(), key=lambda r: order.get(r.id, len(order))))

    def names_in_force(self, path: str) -> frozenset[str]:
        """Rule ids and categories that run on one file."""
        settings = self.settings_for(path)
        allowed = settings.languages
        return frozenset(n for r in self.ruleset_for_settings(settings).rules
                         if allowed is None or r.language in allowed for n in (r.id, r.category))

    def known_names(self) -> frozenset[str]:
        return frozenset(n for r in self.loaded.rules for n in (r.id, r.category))

    def stale_suppressions(self, result: engine.FileResult) -> engine.FileResult:
        """A result whose `unused` keeps only the suppressions worth reporting."""
        if not result.unused:
            return result
        names = self.names_in_force(result.path)
        return result._replace(unused=suppress.stale(result.unused, names, self.known_names()))

    def apply_baseline(self, results: Sequence[engine.FileResult]) -> tuple[
            list[engine.FileResult], BaselineSummary | None]:
        """Results without the findings the baseline records, and what that did."""
        if self.baseline is None:
            return list(results), None
        counts: dict[str, tuple[int, int]] = {}
        out = []
        for result in results:
            if result.skip is not None:
                out.append(result)
                continue
            kept, matched, stale = self.baseline.split(result.path, source_of(result), result.findings)
            counts[result.path] = (matched, stale)
            out.append(result._replace(findings=tuple(kept), shown=None))
        return out, self.baseline.summary(counts)

    def excluded(self, path: str) -> str | None:
        """Why the configuration leaves a file out (None when it is checked)."""
        if path == "-":
            return None
        for glob in self.config.exclude:
            if glob.matches(path):
                return f"excluded by {glob.where} (exclude {glob.pattern!r}); skipped"
        if self.config.include and not any(g.matches(path) for g in self.config.include):
            return f"not among the files `include` names in {self.config.path}; skipped"
        return None


class FileMatcher:
    """A matcher that hands each document to the matcher of its file's settings.

    With a baseline, it also leaves out what the baseline records: `--fix` checks fixed
    text again with it, so a fix never touches a recorded finding."""

    def __init__(self, project: Project, baseline: Baseline | None = None) -> None:
        self._project = project
        self._baseline = baseline

    def check(self, doc: Document) -> list[Finding]:
        return self.check_all(doc).findings

    def check_all(self, doc: Document) -> Checked:
        """The findings, and the rules whose own pattern ran out of time (see Matcher)."""
        done = self._project.matcher_for(doc.path).check_all(doc)
        if self._baseline is None:
            return done
        return done._replace(findings=self._baseline.split(doc.path, doc.source, done.findings)[0])


def split_paths(
    project: Project, paths: Iterable[str], named: Iterable[str]
) -> tuple[list[str], list[tuple[str, str]]]:
    """Files to check, and (path, reason) for those the configuration leaves out.

    Files found by walking a folder are left out silently; a file named on the command
    line is reported, so that nobody wonders why it was not checked."""
    named_set = set(named)
    keep: list[str] = []
    notices: list[tuple[str, str]] = []
    for path in paths:
        reason = project.excluded(path)
        if reason is None:
            keep.append(path)
        elif path in named_set:
            notices.append((path, reason))
    return keep, notices


# -- a starter file ------------------------------------------------------------------------


def starter(profile: str = "default") -> str:
    """The commented configuration that `termlint init` writes."""
    names = ", ".join(profile_names())
    return f"""\
# termlint configuration (docs/config.md). termlint finds this file by walking up from
# the folder it runs in; `termlint check --config FILE` names another, --no-config
# ignores it. Command-line options always win over what is written here.

# Start from a bundled profile ({names}), or from another file of yours.
extends: {profile}

# Switch rules (by id) or whole categories (see `termlint rules`) on or off, or change
# their level: suggestion, warning or error. A level given to a rule id switches it on.
# Remove the "#" of a line to use it (an empty `rules:` changes nothing).
rules:
  # irregular-migrant-style: true       # person-first: "migrants in an irregular situation"
  # illegal-act: error                  # acts as strictly as people
  # dehumanising-metaphor: warning      # a whole category
  # host-country: {{enabled: true, level: warning}}

# Your own rule files or folders (docs/rules.md), relative to this file.
# rule_paths: [termlint-rules/]

# Only these languages' rules run (default: every language, detected per paragraph).
# languages: [en, fr]

# Which files a folder walk checks, relative to this file (** crosses folders).
# include: ["reports/**", "*.md"]
# exclude: ["archive/**", "CHANGELOG.md"]

# Overrides for some files: rules, languages, quotations, reported_speech.
# per_file:
#   "transcripts/**":
#     quotations: ignore
#     rules: {{alien-person: false}}

# The lowest level that fails a run (and blocks a commit): suggestion, warning, error.
fail_on: warning

# Words quoted from other speakers: downgrade (reported as suggestions, never fixed), ignore or flag.
quotations: downgrade

# A term after a verb of saying ("the delegation said that ... illegal migrants"): flag
# (the rule's level, with a note on quotation marks) or downgrade (one level lower).
reported_speech: flag

# Findings recorded by `termlint baseline` are not reported again.
# baseline: .termlint-baseline.json
"""

"""Load, validate and compile rule files (the schema is documented in docs/rules.md).

A rule file is YAML with a `language`, optional named word `lists`, optional `cues`
(the words the nuance checks look for in that language) and the `rules` themselves.
Every problem is a `RuleError` naming the file, line, rule id and field.
"""
from __future__ import annotations

import functools
import os
from collections.abc import Iterable, Iterator, Mapping, Sequence

from termlint import morphology, rx, yamlio
from termlint.errors import RuleError
from termlint.findings import LEVELS, Applicability, Level
from termlint.patterns import FLAGS, Compiled, Compiler, PatternError, compile_pattern
from termlint.records import NamedTuple

TYPE_CHECKING = False  # typing.TYPE_CHECKING, without importing typing at run time
if TYPE_CHECKING:
    from typing import Any

NUANCES = ("mention", "quotation", "negation", "proper-name", "citation", "self-designation")
DEFAULT_NUANCES = frozenset({"mention", "quotation", "negation", "proper-name", "self-designation"})
WINDOWS = ("sentence", "paragraph", "document")
QUOTES = ("any", "required", "outside")
CUE_KINDS = ("mention_before", "mention_after", "mention_list", "list_connectors", "negation_before",
             "names", "self_designations", "title_words", "title_connectors", "citation", "citation_unless",
             "reported_before", "glossary_verdicts", "mention_summary", "contrast_not", "contrast_joins",
             "contrast_articles", "contrast_additive", "contrast_neither", "contrast_nor", "contrast_far_from",
             "copulas")
# Cue kinds of plain words or phrases (not terms of the term language), matched case-insensitively.
_WORD_KINDS = ("list_connectors", "title_connectors", "contrast_not", "contrast_joins", "contrast_articles",
               "contrast_additive", "contrast_neither", "contrast_nor", "contrast_far_from", "copulas")
_ID = rx.lazy(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


class Source(NamedTuple):
    title: str
    year: str
    address: str
    id: str = ""
    note: str = ""


class Replacement(NamedTuple):
    text: str
    applicability: Applicability
    when: str = ""  # "" | "possessive" | "not-possessive" | "singular" | "plural"


class Condition(NamedTuple):
    terms: tuple[Compiled, ...]
    within: int | str  # tokens, or "sentence" / "paragraph" / "document"
    side: str = "both"  # "both" | "before" | "after"
    outside: bool = False  # the term must occur outside the match itself


class Examples(NamedTuple):
    flag: tuple[str, ...] = ()
    passes: tuple[str, ...] = ()
    fixes: tuple[tuple[str, str], ...] = ()


class Rule(NamedTuple):
    id: str
    level: Level
    category: str
    message: str
    why: str
    language: str
    terms: tuple[Compiled, ...]
    replacements: tuple[Replacement, ...] = ()
    requires: tuple[Condition, ...] = ()
    unless: tuple[Condition, ...] = ()
    exceptions: tuple[Compiled, ...] = ()
    nuances: frozenset[str] = DEFAULT_NUANCES
    quotes: str = "any"
    head: str = ""
    word_map: Mapping[str, str] = {}
    enabled: bool = True
    sources: tuple[Source, ...] = ()
    examples: Examples = Examples()
    note: str = ""
    path: str = ""
    line: int = 0

    @property
    def suggestions(self) -> tuple[str, ...]:
        return tuple(r.text for r in self.replacements)


class Cues(NamedTuple):
    """What the nuance checks look for in one language (compiled terms and word sets)."""

    mention_before: tuple[Compiled, ...] = ()
    mention_after: tuple[Compiled, ...] = ()
    negation_before: tuple[Compiled, ...] = ()
    names: tuple[Compiled, ...] = ()
    mention_list: tuple[Compiled, ...] = ()  # cues that introduce a list of mentioned terms
    list_connectors: frozenset[str] = frozenset()  # words joining list items ("and", "or")
    self_designations: tuple[Compiled, ...] = ()  # names and words a community chose for itself
    title_words: frozenset[str] = frozenset()
    title_connectors: frozenset[str] = frozenset()
    citation: tuple[str, ...] = ()  # raw regular expressions
    citation_unless: tuple[Compiled, ...] = ()  # words that keep a term of a citing sentence reported
    reported_before: tuple[Compiled, ...] = ()  # verbs of saying: a term after one is reported speech
    glossary_verdicts: tuple[Compiled, ...] = ()  # "do not use", "à proscrire": a glossary entry's verdict
    mention_summary: tuple[Compiled, ...] = ()  # "these are the words", "voilà le vocabulaire": after a list
    # A contrast that denies a term in a classification of people ("asylum seekers, not illegal
    # immigrants"; "neither criminals nor …"; "far from being …"), and the copulas of one.
    contrast_not: frozenset[str] = frozenset()  # "not", «pas»: the denial before the term
    contrast_joins: frozenset[str] = frozenset()  # "and", "but" before the denial
    contrast_articles: frozenset[str] = frozenset()  # "a", «des» between the denial and the term
    contrast_additive: frozenset[str] = frozenset()  # "only" after the denial: "not only" adds
    contrast_neither: frozenset[str] = frozenset()
    contrast_nor: frozenset[str] = frozenset()
    contrast_far_from: frozenset[str] = frozenset()  # "far from being", «loin d'être»
    copulas: frozenset[str] = frozenset()  # "are", «sont»: a contrast after one classifies people


class RuleSet(NamedTuple):
    rules: tuple[Rule, ...]
    cues: Mapping[str, Cues]
    files: tuple[str, ...] = ()

    def by_id(self) -> dict[str, Rule]:
        return {r.id: r for r in self.rules}

    def languages(self) -> tuple[str, ...]:
        return tuple(sorted({r.language for r in self.rules}))

    def replace_rules(self, rules: Iterable[Rule]) -> RuleSet:
        return RuleSet(tuple(rules), self.cues, self.files)


@functools.cache
def compiled(pattern: str) -> Any:
    """Compile a regex once; rules compile lazily, only when their triggers occur.

    Generated term patterns compile with Python's `re` where they can (it compiles them
    several times faster than `regex`); raw patterns of rule authors always use `regex`,
    whose matching can be bounded by a timeout."""
    return compile_pattern(pattern)


@functools.cache
def compiled_raw(pattern: str) -> rx.Pattern[str]:
    return rx.compile(pattern, FLAGS)


# -- locating the bundled rules ---------------------------------------------------------


def bundled_dir() -> str:
    """The bundled rules: inside the installed package, or at the top of a checkout."""
    here = os.path.dirname(os.path.realpath(__file__))
    for candidate in (os.path.join(here, "rules"), os.path.join(os.path.dirname(os.path.dirname(here)), "rules")):
        if os.path.isdir(candidate):
            return candidate
    raise RuleError(os.path.join(here, "rules"), None, "the bundled rules are missing")


def bundled_files() -> list[str]:
    folder = bundled_dir()
    return sorted(e.path for e in os.scandir(folder) if e.name.endswith(".yaml") and e.is_file())


def expand(paths: Iterable[str | os.PathLike[str]]) -> list[str]:
    """Rule files named directly or found (*.yaml, *.yml) in named folders."""
    out: list[str] = []
    for raw in paths:
        path = os.fspath(raw)
        if os.path.isdir(path):
            found = sorted(_rule_files_under(path), key=lambda p: p.split(os.sep))
            if not found:
                raise RuleError(path, None, "no rule files (*.yaml, *.yml) in this folder")
            out.extend(found)
        elif os.path.isfile(path):
            out.append(path)
        else:
            raise RuleError(path, None, "no such rule file or folder")
    return out


def _rule_files_under(folder: str) -> Iterator[str]:
    for dirpath, dirnames, filenames in os.walk(folder):
        dirnames.sort()
        for name in filenames:
            if os.path.splitext(name)[1].lower() in (".yaml", ".yml"):
                yield os.path.join(dirpath, name)


# -- loading --------------------------------------------------------------------------


def load(paths: Sequence[str | os.PathLike[str]]) -> RuleSet:
    """Load rule files in order; later files may extend the lists and cues of earlier ones.

    A rule set loaded before from files with the same bytes comes from the disk cache."""
    from termlint import cache

    return cache.ruleset(list(paths), _load)


def _load(paths: Sequence[str | os.PathLike[str]]) -> RuleSet:
    raw_files = [(os.fspath(p), _read(os.fspath(p))) for p in paths]
    lists: dict[str, dict[str, list[str]]] = {}
    raw_cues: dict[str, list[tuple[str, yamlio.LineDict]]] = {}
    register: dict[str, Source] = {}
    parsed: list[tuple[str, str, yamlio.LineList]] = []
    for path, data in raw_files:
        lang, rules = _header(path, data, lists, raw_cues, register)
        if lang:
            parsed.append((path, lang, rules))
    compilers = {lang: Compiler(lang, lst) for lang, lst in lists.items()}
    cues = {lang: _cues(entries, compilers[lang]) for lang, entries in raw_cues.items()}
    seen: dict[str, str] = {}
    out: list[Rule] = []
    for path, lang, rules in parsed:
        compiler = compilers.setdefault(lang, Compiler(lang, lists.setdefault(lang, {})))
        for index, item in enumerate(rules):
            rule = _rule(path, rules.line_of(index), item, lang, compiler, register)
            if rule.id in seen:
                raise RuleError(path, rule.line, f"duplicate rule id (first defined in {seen[rule.id]})",
                                rule=rule.id, field="id")
            seen[rule.id] = f"{path}:{rule.line}"
            out.append(rule)
    for lang in lists:
        cues.setdefault(lang, Cues())
    return RuleSet(tuple(out), cues, tuple(p for p, _ in raw_files))




def replacement_words(rule: Rule) -> frozenset[str]:
    """The words one rule writes in its replacements and map ("in an irregular situation"
    gives "irregular" and "situation"; a Chinese or Arabic replacement, its words)."""
    return _written_words(tuple(r.text for r in rule.replacements) + tuple((rule.word_map or {}).values()))


@functools.lru_cache(maxsize=1024)
def _written_words(texts: tuple[str, ...]) -> frozenset[str]:
    words = set()
    for text in texts:
        # the words of a slot that chooses a form ("{noncitizen|noncitizens}") are written too
        chosen = " ".join(m.group()[1:-1].replace("|", " ") for m in _ANY_SLOT.finditer(text) if "|" in m.group())
        for word in (_ANY_SLOT.sub(" ", text) + " " + chosen).casefold().split():
            word = word.strip(".,;:()«»“”\"'")
            if (len(word) >= 4 or (len(word) >= 3 and not word.isascii())) and word not in _FUNCTION_WORDS:
                words.add(word)
    return frozenset(words)


# Words of a replacement that say nothing of it ("ohne Papiere", "без документов", "غير نظامي"):
# "ohne" or "без" on the right of an arrow names no proposal.
_FUNCTION_WORDS = frozenset({"without", "with", "from", "that", "this", "these", "those", "their", "more", "than",
                             "into", "sans", "avec", "pour", "dans", "sin", "con", "para", "sem", "com",
                             "senza", "ohne", "mit", "für", "nicht", "noch", "без", "для", "غير", "بدون"})


def _read(path: str) -> Any:
    try:
        with open(path, encoding="utf-8") as fh:
            text = fh.read()
    except (OSError, UnicodeDecodeError) as exc:
        raise RuleError(path, None, f"cannot read rule file: {exc}") from exc
    return yamlio.load(text, path)


def _header(
    path: str,
    data: Any,
    lists: dict[str, dict[str, list[str]]],
    raw_cues: dict[str, list[tuple[str, yamlio.LineDict]]],
    register: dict[str, Source],
) -> tuple[str, yamlio.LineList]:
    if not isinstance(data, yamlio.LineDict):
        raise RuleError(path, 1, "a rule file must be a mapping with `language` and `rules`")
    _unknown(path, data, {"language", "lists", "cues", "rules", "sources", "description"}, None)
    if "sources" in data:
        _register(path, data["sources"], data.line_of("sources"), register)
    if not ({"lists", "cues", "rules"} & set(data)):
        if "sources" not in data:
            raise RuleError(path, data.line, "a rule file needs `language` and `rules`")
        return "", yamlio.LineList()
    lang = data.get("language")
    if lang not in morphology.LANGUAGES:
        raise RuleError(path, data.line_of("language"),
                        f"must be one of {', '.join(morphology.LANGUAGES)}", field="language")
    file_lists = data.get("lists", yamlio.LineDict())
    if not isinstance(file_lists, yamlio.LineDict):
        raise RuleError(path, data.line_of("lists"), "must be a mapping of list names to words",
                        field="lists")
    bucket = lists.setdefault(lang, {})
    for name, words in file_lists.items():
        if not isinstance(name, str) or not rx.match(r"^[a-z_][a-z0-9_]*$", name):
            raise RuleError(path, file_lists.line_of(name), f"bad list name {name!r}", field="lists")
        if not _str_list(words) or not words:
            raise RuleError(path, file_lists.line_of(name), "must be a non-empty list of words" + _bool_hint(words),
                            field=f"lists.{name}")
        bucket.setdefault(name, []).extend(str(w) for w in words)
    if "cues" in data:
        cues = data["cues"]
        if not isinstance(cues, yamlio.LineDict):
            raise RuleError(path, data.line_of("cues"), "must be a mapping", field="cues")
        _unknown(path, cues, set(CUE_KINDS), None, prefix="cues.")
        raw_cues.setdefault(lang, []).append((path, cues))
    rules = data.get("rules", yamlio.LineList())
    if not isinstance(rules, yamlio.LineList):
        raise RuleError(path, data.line_of("rules"), "must be a list of rules", field="rules")
    return lang, rules


def _register(path: str, raw: Any, line: int, register: dict[str, Source]) -> None:
    """A file's `sources`: a register of sources that rules cite by id."""
    if not isinstance(raw, yamlio.LineDict):
        raise RuleError(path, line, "must map source ids to title, year and address", field="sources")
    for sid, src in raw.items():
        at = raw.line_of(sid)
        if not isinstance(src, yamlio.LineDict):
            raise RuleError(path, at, "must be a mapping with title, year and address",
                            field=f"sources.{sid}")
        for key in src:
            if key not in ("title", "year", "address", "note"):
                raise RuleError(path, src.line_of(key), "unknown key", field=f"sources.{sid}.{key}")
        for key in ("title", "year", "address"):
            if not str(src.get(key, "")).strip():
                raise RuleError(path, at, f"needs `{key}`", field=f"sources.{sid}")
        if str(sid) in register:
            raise RuleError(path, at, "source id defined twice", field=f"sources.{sid}")
        register[str(sid)] = Source(str(src["title"]), str(src["year"]), str(src["address"]),
                                    str(sid), str(src.get("note", "")))


def _cues(entries: list[tuple[str, yamlio.LineDict]], compiler: Compiler) -> Cues:
    merged: dict[str, list[Any]] = {k: [] for k in CUE_KINDS}
    for path, cues in entries:
        for kind in CUE_KINDS:
            if kind not in cues:
                continue
            values = cues[kind]
            if not _str_list(values):
                raise RuleError(path, cues.line_of(kind), "must be a list of strings",
                                field=f"cues.{kind}")
            # a number is read as its digits, as in a rule's word lists ("names: [1951]")
            merged[kind].extend((path, values.line_of(i), str(v)) for i, v in enumerate(values))
            if kind in _WORD_KINDS:
                for i, v in enumerate(values):
                    if not str(v).strip():
                        raise RuleError(path, values.line_of(i), "a word must not be blank", field=f"cues.{kind}")

    def terms(kind: str) -> tuple[Compiled, ...]:
        return tuple(
            _term(compiler, value, path, line, None, f"cues.{kind}")
            for path, line, value in merged[kind]
        )

    for kind in ("citation",):
        for path, line, value in merged[kind]:
            try:
                rx.compile(value, FLAGS)
            except rx.error as exc:
                raise RuleError(path, line, f"invalid regular expression: {exc}",
                                field=f"cues.{kind}") from exc
    return Cues(
        mention_before=terms("mention_before"),
        mention_after=terms("mention_after"),
        negation_before=terms("negation_before"),
        names=terms("names"),
        mention_list=terms("mention_list"),
        self_designations=terms("self_designations"),
        title_words=frozenset(v for _, _, v in merged["title_words"]),
        citation=tuple(v for _, _, v in merged["citation"]),
        citation_unless=terms("citation_unless"),
        reported_before=terms("reported_before"),
        glossary_verdicts=terms("glossary_verdicts"),
        mention_summary=terms("mention_summary"),
        **{kind: frozenset(v.lower() for _, _, v in merged[kind]) for kind in _WORD_KINDS},
    )


# -- one rule -----------------------------------------------------------------------

_RULE_KEYS = {
    "id", "level", "category", "message", "why", "terms", "replace", "fix", "requires",
    "unless", "exceptions", "nuances", "quotes", "head", "map", "enabled", "sources",
    "examples", "note", "pattern", "triggers",
}
_REQUIRED = ("id", "level", "category", "message", "why", "sources", "examples")


def _rule(path: str, line: int, item: Any, lang: str, compiler: Compiler,
          register: Mapping[str, Source]) -> Rule:
    if not isinstance(item, yamlio.LineDict):
        raise RuleError(path, line, "each rule must be a mapping")
    rid = item.get("id")
    if not isinstance(rid, str) or not _ID.match(rid):
        raise RuleError(path, item.line_of("id"),
                        "needs an `id` of lower-case words joined by hyphens (e.g. illegal-migrant)",
                        rule=rid if isinstance(rid, str) else None, field="id")
    _unknown(path, item, _RULE_KEYS, rid)
    for key in _REQUIRED:
        if key not in item:
            raise RuleError(path, item.line, f"missing required field `{key}`", rule=rid, field=key)

    def fail(key: str, message: str, at: int | None = None) -> RuleError:
        return RuleError(path, at if at is not None else item.line_of(key), message, rule=rid, field=key)

    level = item["level"]
    if level not in LEVELS:
        raise fail("level", f"must be one of {', '.join(LEVELS)}")
    for key in ("category", "message", "why"):
        if not isinstance(item[key], str) or not item[key].strip():
            raise fail(key, "must be a non-empty string")
    _check_message(item["message"], fail)
    compiled_terms = _match_spec(path, item, rid, compiler, fail)
    default_fix = item.get("fix", "safe")
    if default_fix not in tuple(a.value for a in Applicability):
        raise fail("fix", "must be safe, unsafe or display")
    replacements = _replacements(item, Applicability(default_fix), fail)
    nuances = item.get("nuances", sorted(DEFAULT_NUANCES))
    if not _str_list(nuances) or any(n not in NUANCES for n in nuances):
        raise fail("nuances", f"must be a list drawn from {', '.join(NUANCES)}")
    quotes = item.get("quotes", "any")
    if quotes not in QUOTES:
        raise fail("quotes", f"must be one of {', '.join(QUOTES)}")
    head = item.get("head", "")
    if not isinstance(head, str):
        raise fail("head", "must be the name of a capture in the terms")
    if head and not any(head in t.groups for t in compiled_terms):
        raise fail("head", f"no term captures {head!r}")
    _check_slots(replacements, compiled_terms, fail)
    word_map = item.get("map", {})
    if not isinstance(word_map, Mapping) or not all(
        isinstance(k, str) and isinstance(v, str) for k, v in word_map.items()
    ):
        raise fail("map", "must map words to words")
    if any(len(k.split()) != 1 for k in word_map):
        raise fail("map", "each key is one word (the swap applies to single words of the match)")
    enabled = item.get("enabled", True)
    if not isinstance(enabled, bool):
        raise fail("enabled", "must be true or false")
    note = item.get("note", "")
    if not isinstance(note, str):
        raise fail("note", "must be a string")
    return Rule(
        id=rid,
        level=Level(level),
        category=item["category"],
        message=item["message"].strip(),
        why=" ".join(item["why"].split()),
        language=lang,
        terms=compiled_terms,
        replacements=replacements,
        requires=_conditions(item, "requires", compiler, path, rid),
        unless=_conditions(item, "unless", compiler, path, rid),
        exceptions=_exceptions(item, compiler, path, rid),
        nuances=frozenset(nuances),
        quotes=quotes,
        head=head or ("head" if any("head" in t.groups for t in compiled_terms) else ""),
        word_map={k.lower(): v for k, v in word_map.items()},
        enabled=enabled,
        sources=_sources(item, fail, register),
        examples=_examples(item, fail),
        note=note,
        path=path,
        line=item.line,
    )


def _match_spec(path: str, item: yamlio.LineDict, rid: str, compiler: Compiler, fail: Any) -> tuple[Compiled, ...]:
    """`terms` (the usual way) or a raw `pattern` with optional `triggers`."""
    if ("terms" in item) == ("pattern" in item):
        raise RuleError(path, item.line, "give either `terms` or a raw `pattern`", rule=rid,
                        field="terms")
    if "terms" in item:
        if "triggers" in item:
            raise fail("triggers", "`triggers` go with a raw `pattern`; terms find their own")
        terms = item["terms"]
        if not _str_list(terms) or not terms:
            raise fail("terms", "must be a non-empty list of terms")
        return tuple(_term(compiler, t, path, terms.line_of(i), rid, "terms") for i, t in enumerate(terms))
    raw = item["pattern"]
    if not isinstance(raw, str) or not raw:
        raise fail("pattern", "must be a regular expression")
    try:
        groups = rx.compile(raw, FLAGS).groupindex
    except rx.error as exc:
        raise fail("pattern", f"invalid regular expression: {exc}") from exc
    triggers = item.get("triggers", [])
    if not _str_list(triggers) or any(len(str(t)) < 2 for t in triggers):
        raise fail("triggers", "must be a list of literal strings of two characters or more")
    lowered = frozenset(str(t).lower() for t in triggers)
    return (Compiled(raw, raw, tuple(groups), lowered, 300, raw=True),)


def _term(compiler: Compiler, term: Any, path: str, line: int, rid: str | None, field: str) -> Compiled:
    try:
        return compiler.compile(str(term))
    except PatternError as exc:
        raise RuleError(path, line, str(exc), rule=rid, field=field) from exc


_CAPTURE_SLOT = rx.lazy(r"\{([A-Za-z_][A-Za-z0-9_]*)\}")


_ANY_SLOT = rx.lazy(r"\{([^{}]*)\}")
_CAPTURE_NAME = rx.lazy(r"^[A-Za-z_][A-Za-z0-9_]*$")
_MESSAGE_SLOTS = frozenset({"match", "suggestion"})


def _check_message(message: str, fail: Any) -> None:
    """A message may name {match} and {suggestion} only (it is filled in with
    `str.format_map`: a stray brace would fail on every file the rule matches)."""
    import string

    try:
        fields = [name for _, name, spec, conv in string.Formatter().parse(message) if name is not None]
        bad = [f for f in fields if f not in _MESSAGE_SLOTS]
    except ValueError as exc:
        raise fail("message", f"{exc} in {message!r} (write {{{{ and }}}} for a brace)") from None
    if bad:
        raise fail("message", f"{{{bad[0]}}} in {message!r}: a message may use {{match}} and {{suggestion}} only")


def _check_slots(replacements: Sequence[Replacement], terms: Sequence[Compiled], fail: Any) -> None:
    """Every `{name}` of a replacement names a capture of the terms, or the match: a typo
    (`{haed}`) would render as nothing and make a fix that deletes words."""
    known = {"match", *(g for t in terms for g in t.groups)}
    for repl in replacements:
        depth = 0
        for ch in repl.text:
            depth += (ch == "{") - (ch == "}")
            if depth not in (0, 1):
                break
        if depth != 0:  # "{person|people" would be written into the text as it stands
            raise fail("replace", f"unbalanced braces in {repl.text!r}: every {{ needs its }}, one level deep")
        if not repl.text.strip():
            raise fail("replace", "a replacement cannot be empty")
        for slot in _ANY_SLOT.findall(repl.text):
            alternatives = slot.split("|")
            if slot in ("=m", "=f"):  # the stated gender of the replacement's noun
                continue
            if len(alternatives) not in (1, 2, 4) or (len(alternatives) == 1 and not _CAPTURE_NAME.match(slot)):
                raise fail("replace", f"{{{slot}}} in {repl.text!r} is neither a capture name nor "
                                      "{singular|plural} (or four forms) nor {=m} / {=f}")
        for m in _CAPTURE_SLOT.finditer(repl.text):
            if m.group(1) not in known:
                names = ", ".join(f"{{{k}}}" for k in sorted(known))
                raise fail("replace", f"{{{m.group(1)}}} in {repl.text!r} names no capture of the terms "
                                      f"(known: {names})")


def _replacements(item: yamlio.LineDict, default: Applicability, fail: Any) -> tuple[Replacement, ...]:
    raw = item.get("replace", [])
    if not isinstance(raw, list):
        raise fail("replace", "must be a list of replacements, most preferred first")
    out = []
    for i, entry in enumerate(raw):
        at = raw.line_of(i) if isinstance(raw, yamlio.LineList) else None
        if isinstance(entry, str):
            out.append(Replacement(entry, default))
            continue
        if not isinstance(entry, yamlio.LineDict) or not isinstance(entry.get("text"), str):
            raise fail("replace", "each replacement is a string or a mapping with `text`", at)
        _unknown_fail(entry, {"text", "fix", "when"}, fail, "replace", at)
        fix = entry.get("fix", default.value)
        if fix not in tuple(a.value for a in Applicability):
            raise fail("replace", "`fix` must be safe, unsafe or display", at)
        when = entry.get("when", "")
        if when not in ("", "possessive", "not-possessive", "singular", "plural", "nominative"):
            raise fail("replace", "`when` must be possessive, not-possessive, singular, plural or nominative", at)
        out.append(Replacement(entry["text"], Applicability(fix), when))
    return tuple(out)


def _conditions(item: yamlio.LineDict, key: str, compiler: Compiler, path: str, rid: str) -> tuple[Condition, ...]:
    raw = item.get(key, [])
    if not isinstance(raw, list):
        raise RuleError(path, item.line_of(key), "must be a list of conditions", rule=rid, field=key)
    out = []
    for i, cond in enumerate(raw):
        at = raw.line_of(i) if isinstance(raw, yamlio.LineList) else item.line_of(key)
        if not isinstance(cond, yamlio.LineDict):
            raise RuleError(path, at, "each condition is a mapping with `any` and `within`",
                            rule=rid, field=key)
        unknown = set(cond) - {"any", "within", "side", "outside"}
        if unknown:
            raise RuleError(path, at, f"unknown key {sorted(unknown)[0]!r}", rule=rid, field=key)
        words = cond.get("any")
        if not _str_list(words) or not words:
            raise RuleError(path, at, "`any` must be a non-empty list of terms" + _bool_hint(words),
                            rule=rid, field=key)
        within = cond.get("within", "sentence")
        if not (isinstance(within, int) and not isinstance(within, bool) and within > 0) and within not in WINDOWS:
            raise RuleError(path, at, "`within` must be a number of words or sentence, paragraph, document",
                            rule=rid, field=key)
        side = cond.get("side", "both")
        if side not in ("both", "before", "after"):
            raise RuleError(path, at, "`side` must be both, before or after", rule=rid, field=key)
        outside = cond.get("outside", False)
        if not isinstance(outside, bool):
            raise RuleError(path, at, "`outside` must be true or false", rule=rid, field=key)
        terms = tuple(_term(compiler, w, path, words.line_of(j), rid, key) for j, w in enumerate(words))
        out.append(Condition(terms, within, side, outside))
    return tuple(out)


def _exceptions(item: yamlio.LineDict, compiler: Compiler, path: str, rid: str) -> tuple[Compiled, ...]:
    raw = item.get("exceptions", [])
    if not _str_list(raw):
        raise RuleError(path, item.line_of("exceptions"), "must be a list of terms", rule=rid,
                        field="exceptions")
    return tuple(_term(compiler, t, path, raw.line_of(i), rid, "exceptions") for i, t in enumerate(raw))


def _sources(item: yamlio.LineDict, fail: Any, register: Mapping[str, Source]) -> tuple[Source, ...]:
    raw = item["sources"]
    if not isinstance(raw, list) or not raw:
        raise fail("sources", "must list at least one source (title, year, address)")
    out = []
    for i, src in enumerate(raw):
        at = raw.line_of(i) if isinstance(raw, yamlio.LineList) else None
        if isinstance(src, str):
            if src not in register:
                raise fail("sources", f"unknown source id {src!r} (not in any `sources` register)", at)
            out.append(register[src])
            continue
        if not isinstance(src, yamlio.LineDict):
            raise fail("sources", "each source is an id or a mapping with title, year and address", at)
        _unknown_fail(src, {"title", "year", "address", "id", "note"}, fail, "sources", at)
        for key in ("title", "year", "address"):
            if key not in src or not isinstance(src[key], (str, int)) or not str(src[key]).strip():
                raise fail("sources", f"each source needs `{key}`", src.line_of(key))
        out.append(Source(str(src["title"]), str(src["year"]), str(src["address"]),
                          str(src.get("id", "")), str(src.get("note", ""))))
    return tuple(out)


def _examples(item: yamlio.LineDict, fail: Any) -> Examples:
    raw = item["examples"]
    if not isinstance(raw, yamlio.LineDict):
        raise fail("examples", "must be a mapping with `flag` and `pass` lists")
    _unknown_fail(raw, {"flag", "pass", "fix"}, fail, "examples", raw.line)
    flag, passes = raw.get("flag", []), raw.get("pass", [])
    if not _str_list(flag) or not _str_list(passes):
        raise fail("examples", "`flag` and `pass` must be lists of texts", raw.line)
    fixes = []
    given = raw.get("fix", [])
    if not isinstance(given, list):
        raise fail("examples", "`fix` must be a list of mappings with `text` and `fixed`", raw.line_of("fix"))
    for i, entry in enumerate(given):
        if not isinstance(entry, Mapping) or set(entry) != {"text", "fixed"}:
            raise fail("examples", "each `fix` example is a mapping with `text` and `fixed`",
                       given.line_of(i) if isinstance(given, yamlio.LineList) else raw.line_of("fix"))
        fixes.append((str(entry["text"]), str(entry["fixed"])))
    return Examples(tuple(flag), tuple(passes), tuple(fixes))


def _unknown(path: str, data: yamlio.LineDict, allowed: set[str], rid: str | None, prefix: str = "") -> None:
    for key in data:
        if key not in allowed:
            raise RuleError(path, data.line_of(key),
                            f"unknown key (expected one of {', '.join(sorted(allowed))})",
                            rule=rid, field=f"{prefix}{key}")


def _unknown_fail(data: yamlio.LineDict, allowed: set[str], fail: Any, field: str, at: int | None) -> None:
    for key in data:
        if key not in allowed:
            raise fail(field, f"unknown key {key!r} (expected one of {', '.join(sorted(allowed))})",
                       data.line_of(key))


def _str_list(value: Any) -> bool:
    return isinstance(value, list) and all(isinstance(v, (str, int, float)) and not isinstance(v, bool) for v in value)


def _bool_hint(words: Any) -> str:
    """Why a list of words holds a non-word, when YAML made one of them a boolean."""
    if isinstance(words, list) and any(isinstance(w, bool) for w in words):
        return " (YAML reads a bare true, false, on, off, yes or no as a boolean: quote the word)"
    return ""


def iter_rules(ruleset: RuleSet, ids: Iterable[str]) -> Iterator[Rule]:
    wanted = set(ids)
    return (r for r in ruleset.rules if r.id in wanted)

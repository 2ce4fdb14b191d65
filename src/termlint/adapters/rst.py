"""reStructuredText: prose only, found through docutils, mapped back to the source.

docutils parses the source into a document tree (no transforms run, no file is ever read
or included, raw content is off). The text of titles, paragraphs, list items, table
cells, definitions, footnotes, captions, admonitions and substitution texts is prose,
and so is image `:alt:` text; literal blocks, inline literals, code, math, comments,
directive arguments and options, targets and references' labels are not.

Each prose text node is found again in the source, line by line and in order, starting
from the line docutils gives its block, so every character of the prose view maps to
its place in the source. Inside a block the words keep the source's spaces and line
breaks (a safe fix then edits the source directly); markup between them (`*`, `` ` ``,
`|`) can be crossed by a term, code and link targets cannot. Blocks are separated by a
blank line.

Directives and roles docutils does not know (Sphinx's `versionadded`, `glossary`,
`:ref:`, `:term:`…) are read as prose containers and prose text (the explanation in the
argument of `versionadded`, `versionchanged`, `deprecated` and `seealso` too); the ones that hold code
or file names (`toctree`, `literalinclude`, `autofunction`, `:func:`, `:code:`…) are not.
Suppression comments: `.. termlint: ignore RULE -- reason` (the next line), or
`termlint: ignore RULE` at the end of a line.
"""
from __future__ import annotations

from typing import Any

from docutils import nodes, utils
from docutils.frontend import get_default_settings
from docutils.parsers.rst import Directive, Parser, directives, languages, roles
from docutils.utils import new_document

from termlint import directives as suppression
from termlint import fixer, rx
from termlint.adapters import paragraph_around
from termlint.document import HARD, SOFT, Document
from termlint.errors import TermlintError
from termlint.findings import Edit, Fix

SKIPPED = (
    "literal_block", "literal", "doctest_block", "comment", "raw", "math", "math_block",
    "system_message", "problematic", "substitution_reference", "target", "footnote_reference",
    "citation_reference", "label", "option_string", "option_argument", "field_name", "pending",
    "generated",
)
PROSE_ROLES = frozenset({
    "ref", "doc", "term", "abbr", "dfn", "guilabel", "menuselection", "numref", "any",
    "cite", "footcite", "emphasis", "strong", "sub", "sup", "title",
})
CODE_DIRECTIVES = frozenset({
    "toctree", "literalinclude", "highlight", "sourcecode", "code-cell", "jupyter-execute",
    "ipython", "doctest", "testcode", "testoutput", "testsetup", "testcleanup", "productionlist",
    "graphviz", "graph", "digraph", "inheritance-diagram", "mermaid", "plantuml", "plot",
    "autosummary", "automodule", "autoclass", "autofunction", "automethod", "autoattribute",
    "autodata", "autoexception", "autoprogram", "currentmodule", "module", "default-domain",
    "tabularcolumns", "bibliography", "index", "program", "include",
})
# Directives whose argument, after this many words (version numbers), is prose.
ARGUMENT_PROSE = {
    "versionadded": 1, "versionchanged": 1, "versionremoved": 1, "deprecated": 1,
    "deprecated-removed": 2, "seealso": 0,
}
SEPARATOR = "\n\n"
_SOFT_GAP = rx.compile(r"[\s*`_|\\]*")
_NAMES = rx.compile(r"^[ \t]*\.\.[ \t]+([\w:+.-]+)::|:([\w:+.-]+):`", rx.MULTILINE)
_OPTION_LINE = rx.compile(r"\s*:[\w-]+:(?:\s|$)")
_TARGET = rx.compile(r"^(.*?)\s*<[^<>]*>$", rx.DOTALL)


def read(path: str, payload: str | bytes) -> Document:
    assert isinstance(payload, str)
    tree = _parse(payload, path)
    builder = _build(tree, payload)
    text, mapping = "".join(builder.chars), builder.offsets
    found = suppression.scan_text(payload)
    if found:  # a marker counts in a comment or a line of prose, not in a literal block that shows one
        code = _literal_lines(tree, payload)
        found = tuple(d for d in found if payload.count("\n", 0, d.offset) + 1 not in code)
    return Document(path, payload, text, format="rst", mapping=mapping, directives=found, marks=builder.marks)


def prose(source: str, path: str = "<rst>") -> tuple[str, list[int]]:
    """The prose of a reST source and, for each of its characters, a source offset."""
    return _prose_of(_parse(source, path), source)


def _literal_lines(tree: Any, source: str) -> set[int]:
    """The source lines (1-based) of literal blocks: each block's lines are looked for in
    the source just before the line docutils gives it."""
    lines = source.split("\n")
    out: set[int] = set()
    for node in tree.findall(lambda n: type(n).__name__ in ("literal_block", "doctest_block")):
        body = [ln.strip() for ln in node.astext().split("\n")]
        if not body or not node.line:
            continue
        first = next((k for k in range(max(0, node.line - len(body) - 3), min(len(lines), node.line + 1))
                      if lines[k].strip() == body[0]), None)
        if first is not None:
            out.update(range(first + 1, first + 1 + len(body)))
    return out


def _prose_of(tree: Any, source: str) -> tuple[str, list[int]]:
    builder = _build(tree, source)
    return "".join(builder.chars), builder.offsets


def _build(tree: Any, source: str) -> _Builder:
    builder = _Builder(source)
    for node in tree.findall(lambda n: isinstance(n, (nodes.Text, nodes.image))):
        if isinstance(node, nodes.image):
            builder.alt(node)
        elif _is_prose(node):
            start = len(builder.chars)
            builder.add(node)
            if _in_block_quote(node):
                builder.quoted(start, len(builder.chars))
        elif type(_block_of(node)[0]).__name__ not in SKIPPED:
            builder.add(node, reveal=False)  # inline code in prose: stepped over, never read
    builder.offsets.append(len(source))
    return builder


def _in_block_quote(node: Any) -> bool:
    """Inside a block quotation (an indented block, `pull-quote`, `epigraph`): a quoted
    speaker's words."""
    parent = node.parent
    while parent is not None:
        if isinstance(parent, nodes.block_quote):
            return True
        parent = parent.parent
    return False


# Grid and simple tables are drawn to the width of their text: a fix that changes that
# width breaks the table (docutils then reads it as an error and a literal block).
WORDS_KEEP_STRUCTURE = False

# A section title's underline (and overline): one punctuation character repeated.
_ADORNMENT = rx.lazy(r"([!-/:-@\[-`{-~])\1*[ \t]*")


def complete_fix(source: str, fix: Fix) -> Fix:
    """`fix`, and when it makes a section title wider than its underline (or overline),
    the edits that lengthen them with their own character: a title is written over an
    underline at least as wide, or docutils warns and `--fix` would leave the fix out.
    A fix in the text of a `:term:` role without a target (the text is the glossary entry
    it links to) also names the entry: :term:`new words <old words>`."""
    extra: list[Edit] = list(_term_targets(source, fix))
    for line_start in sorted({source.rfind("\n", 0, e.start) + 1 for e in fix.edits}):
        line_end = _line_end(source, line_start)
        under = _adornment_after(source, line_end)
        if under is None:
            continue
        inside = [e for e in fix.edits if line_start <= e.start and e.end <= line_end]
        if len(inside) != sum(1 for e in fix.edits if line_start <= e.start <= line_end):
            continue  # an edit that runs past the title line: leave it as it is
        title = fixer.spliced(source, inside, line_start, line_end).rstrip()
        width = utils.column_width(title)
        for start, end in (under, _adornment_before(source, line_start, under)):
            if start < 0:
                continue
            marks = source[start:end].rstrip(" \t")
            if width > len(marks):
                extra.append(Edit(start + len(marks), start + len(marks), marks[0] * (width - len(marks))))
    return fix if not extra else fix._replace(edits=tuple(sorted((*fix.edits, *extra))))


# A :term: role, or a named hyperlink reference (`words`_), whose words are its target;
# either may be wrapped over lines of one paragraph.
_NAMED_BY_WORDS = rx.lazy(r":term:`((?:[^`<>\n]|\n(?![ \t]*\n))+)`|(?<![:\w])`((?:[^`<>\n]|\n(?![ \t]*\n))+)`_(?!_)")


def _term_targets(source: str, fix: Fix) -> list[Edit]:
    """For each role or reference named by its own words that a fix edits, the edits that
    keep its target: :term:`new <old>`, `new <old_>`__."""
    out: dict[int, Edit] = {}
    for e in fix.edits:
        for m in _NAMED_BY_WORDS.finditer(source, *paragraph_around(source, e.start, e.end)):
            group = 1 if m.group(1) is not None else 2
            if m.start(group) <= e.start and e.end <= m.end(group) and m.end(group) not in out:
                words = " ".join(m.group(group).split())
                if group == 1:
                    out[m.end(group)] = Edit(m.end(group), m.end(group), f" <{words}>")
                else:  # an anonymous reference to the old name: no new target is made
                    out[m.end(group)] = Edit(m.end(group), m.end(group), f" <{words}_>")
                    out[m.end() + 1] = Edit(m.end(), m.end(), "_")
    return list(out.values())


def _line_end(source: str, start: int) -> int:
    end = source.find("\n", start)
    end = len(source) if end < 0 else end
    return end - 1 if end > start and source[end - 1] == "\r" else end


def _adornment_after(source: str, title_end: int) -> tuple[int, int] | None:
    """The underline right below the title line that ends at `title_end`, as (start, end)."""
    nl = source.find("\n", title_end)
    if nl < 0:
        return None
    start = nl + 1
    end = _line_end(source, start)
    if end - start < 2 or _ADORNMENT.fullmatch(source, start, end) is None:
        return None
    title_start = source.rfind("\n", 0, title_end) + 1
    title = source[title_start:title_end]
    if not title.strip() or _ADORNMENT.fullmatch(title.strip()) is not None or title[:1].isspace():
        return None
    if title_start > 0:  # a title is one line: blank or an overline above it
        above_start = source.rfind("\n", 0, title_start - 1) + 1
        above = source[above_start:_line_end(source, above_start)].strip()
        if above and _ADORNMENT.fullmatch(above) is None:
            return None
    return start, end


def _adornment_before(source: str, title_start: int, under: tuple[int, int]) -> tuple[int, int]:
    """The overline above the title, made of the same character as the underline, or (-1, -1)."""
    if title_start < 2:
        return -1, -1
    start = source.rfind("\n", 0, title_start - 1) + 1
    end = _line_end(source, start)
    line = source[start:end].rstrip(" \t")
    below = source[under[0]:under[1]].rstrip(" \t")
    if len(line) >= 2 and _ADORNMENT.fullmatch(line) is not None and line[0] == below[0]:
        return start, end
    return -1, -1


def keeps_structure(old: str, new: str) -> bool:
    """Whether fixes that turned `old` into `new` left its document tree as it was: the
    same elements in the same order (a widened table cell turns the table into an error),
    and every reference that found its target still finds one (a section title is a target:
    renaming it would leave "`Illegal immigrants in the city`_" pointing nowhere)."""
    try:
        before, after = _shape(old), _shape(new)
    except TermlintError:
        return False
    return before[0] == after[0] and before[1] <= after[1]


def _shape(source: str) -> tuple[list[str], frozenset[str]]:
    """The element types in order, and the names referenced that have a target."""
    tree = _parse(source, "<rst>")
    types = [type(n).__name__ for n in tree.findall(lambda n: not isinstance(n, nodes.Text))]
    return types, frozenset(name for name in tree.refnames if name in tree.nameids)


def _parse(source: str, path: str) -> Any:
    settings = get_default_settings(Parser)
    settings.report_level = 5  # quiet: termlint reports terms, not reST errors
    settings.halt_level = 5
    settings.warning_stream = False
    settings.file_insertion_enabled = False  # never read `include`d or `:file:` content
    settings.raw_enabled = False
    settings.line_length_limit = max(10_000, len(source) + 1)
    document = new_document(path, settings)
    _register_unknown(source, document)
    try:
        Parser().parse(source, document)
    except Exception as exc:  # docutils raises its own errors for pathological input
        raise TermlintError(f"{path}: cannot parse as reStructuredText: {exc}") from exc
    return document


def _is_prose(node: Any) -> bool:
    parent = node.parent
    while parent is not None:
        name = type(parent).__name__
        if name in SKIPPED:
            return False
        if name == "reference" and parent.get("refuri") and parent.astext() == parent["refuri"]:
            return False  # a bare address
        parent = parent.parent
    return True


class _Builder:
    """Finds text nodes in the source and lays out the prose view with its offsets."""

    def __init__(self, source: str) -> None:
        self.source = source
        self.starts = [0] + [m.end() for m in rx.finditer(r"\r\n|\r|\n", source)]
        self.chars: list[str] = []
        self.offsets: list[int] = []
        self._block: Any = None
        self._end = -1  # source end of the last piece in the current block
        self.marks: list[tuple[int, int, str]] = []  # block quotations, in prose offsets
        self._opened = False  # whether the current block's first prose has been laid out
        self._broken = False  # whether text that is not prose lies since the last prose piece

    def _line_start(self, line: int) -> int:
        return self.starts[max(0, min(line, len(self.starts)) - 1)]

    def add(self, node: Any, reveal: bool = True) -> None:
        """Lay out a prose text node; or, with `reveal` False, only step over the source of
        a text node that is not prose (an inline literal), so that the prose after it is
        looked for after it and is not joined to the prose before it."""
        block, line = _block_of(node)
        text = str(node)
        if block is not self._block:
            self._block = block
            self._end = -1
            self._opened = self._broken = False
            first = line - 1 if type(block).__name__ == "title" else line
            self._floor = self._line_start(first) if line else 0
            self._hi = self._line_start(first + text.count("\n") + block.rawsource.count("\n") + 4) \
                if line else len(self.source)
            if self._hi <= self._floor:
                self._hi = len(self.source)
        for i, piece in enumerate(text.split("\n")):
            self._piece(piece, joined=i > 0, reveal=reveal)

    def _piece(self, piece: str, joined: bool, reveal: bool = True) -> None:
        raw = piece.replace("\x00", "\\")
        body = raw.strip()
        if not body:
            return
        start = self._end if self._end >= 0 else self._floor
        at = self.source.find(body, start, self._hi)
        if at < 0:
            return  # docutils changed the text (a rare escape); leave it out
        if not reveal:
            self._end, self._broken = at + len(body), True
            return
        if not self._opened:
            self._separate(at)
            self._opened = True
        elif self._broken:
            self._put(HARD, self._end)
        else:
            self._gap(self._end, at, joined)
        self._broken = False
        lead = raw.find(body)
        escaped = {lead + k for k, ch in enumerate(piece) if ch == "\x00"}
        skip_next = False
        for k, ch in enumerate(body):
            if skip_next:
                skip_next = False
                if ch.isspace():
                    continue
            if lead + k in escaped:
                skip_next = True
                continue
            self._put(ch, at + k)
        self._end = at + len(body)

    def quoted(self, start: int, end: int) -> None:
        """Mark prose[start:end] as quoted, joined to the previous mark when they touch."""
        if end <= start:
            return
        if self.marks and self.marks[-1][1] >= start - len(SEPARATOR):
            self.marks[-1] = (self.marks[-1][0], end, "blockquote")
        else:
            self.marks.append((start, end, "blockquote"))

    def _separate(self, at: int) -> None:
        if self.chars:
            for ch in SEPARATOR:
                self._put(ch, at)

    def _gap(self, lo: int, hi: int, joined: bool) -> None:
        gap = self.source[lo:hi]
        if "``" not in gap and "<" not in gap and _SOFT_GAP.fullmatch(gap):
            for k, ch in enumerate(gap):
                self._put(ch if ch in " \t\r\n" else SOFT, lo + k)
        elif joined:
            self._put("\n", lo)  # a line of the same text, with other text between (a table)
        else:
            self._put(HARD, lo)

    def _put(self, ch: str, offset: int) -> None:
        self.chars.append(ch)
        self.offsets.append(offset)

    def alt(self, node: Any) -> None:
        value = node.get("alt")
        line = node.line
        if not value or not line:
            return
        lo = self._line_start(line)
        hi = self._line_start(line + 40)
        option = rx.compile(r":alt:[ \t]*").search(self.source, lo, hi)
        if option is None:
            return
        at = self.source.find(value.split("\n")[0].strip(), option.end(), hi)
        if at < 0:
            return
        self._block, self._end = node, -1
        self._opened = self._broken = False
        self._separate(at)
        first = value.split("\n")[0].strip()
        for k, ch in enumerate(first):
            self._put(ch, at + k)
        self._end = at + len(first)


def _block_of(node: Any) -> tuple[Any, int]:
    """The nearest ancestor that knows its source line, and that line."""
    parent = node.parent
    while parent is not None:
        line = getattr(parent, "line", None)
        if line:
            return parent, int(line)
        parent = parent.parent
    return node.parent, 0


# -- directives and roles docutils does not know --------------------------------------------


def _register_unknown(source: str, document: Any) -> None:
    language = languages.get_language("en", document.reporter)
    for m in _NAMES.finditer(source):
        if m.group(1):
            name = m.group(1).lower()
            cls, _ = directives.directive(name, language, document)
            if cls is None:
                directives.register_directive(name, _Skip if _is_code_directive(name) else
                                              _ArgumentProse if name in ARGUMENT_PROSE else
                                              _Glossary if name.split(":")[-1] == "glossary" else _Prose)
        else:
            name = m.group(2).lower()
            fn, _ = roles.role(name, language, 0, document.reporter)
            if fn is None:
                prose_role = name.split(":")[-1] in PROSE_ROLES
                roles.register_local_role(name, _prose_role if prose_role else _code_role)


def _is_code_directive(name: str) -> bool:
    return name in CODE_DIRECTIVES or name.split(":")[-1] in CODE_DIRECTIVES or name.startswith("auto")


class _AnyOptions(dict[str, Any]):
    """An option spec that accepts every option (their values are never prose)."""

    def __contains__(self, key: object) -> bool:
        return True

    def __getitem__(self, key: str) -> Any:
        return directives.unchanged


class _Prose(Directive):
    """An unknown directive: its content is read as reST, its arguments and options are not."""

    optional_arguments = 1
    final_argument_whitespace = True
    has_content = True
    option_spec = _AnyOptions()

    def run(self) -> list[Any]:
        container = nodes.container()
        if self.content:
            self.state.nested_parse(self.content, self.content_offset, container)
        return [container]


class _ArgumentProse(_Prose):
    """Sphinx's `versionadded:: 2.0 Explanation…` (and `versionchanged`, `deprecated`…) and
    `seealso:: Text…`: after the version numbers, the argument is prose, like the content."""

    def run(self) -> list[Any]:
        container = nodes.container()
        argument = "\n".join(line for line in (self.arguments[0] if self.arguments else "").split("\n")
                             if not _OPTION_LINE.match(line))  # `:option: value` lines are not prose
        words = argument.split(None, ARGUMENT_PROSE[self.name])
        text = words[-1] if len(words) > ARGUMENT_PROSE[self.name] else ""
        if text.strip():
            paragraph = nodes.paragraph(text, text)
            paragraph.line = self.lineno  # where the source is searched for it
            container += paragraph
        if self.content:
            self.state.nested_parse(self.content, self.content_offset, container)
        return [container]


class _Glossary(_Prose):
    """Sphinx's `glossary`: its definitions are prose; its headwords are the terms being
    defined (a style guide's glossary of words to avoid names them), and the `:term:` roles
    of the document link to them, so they are neither checked nor fixed."""

    def run(self) -> list[Any]:
        out = super().run()
        for container in out:
            for term in list(container.findall(nodes.term)):
                term.parent.remove(term)
        return out


class _Skip(_Prose):
    """An unknown directive that holds code, file names or settings: nothing to check."""

    def run(self) -> list[Any]:
        return []


# Roles whose text, without an explicit title, is only a target (a label, a document's
# path, a citation key): Sphinx shows the section's title or a number in its place.
TARGET_ROLES = frozenset({"ref", "doc", "numref", "any", "cite", "footcite", "download"})


def _prose_role(name: str, rawtext: str, text: str, lineno: int, inliner: Any,
                options: Any = None, content: Any = None) -> tuple[list[Any], list[Any]]:
    m = _TARGET.match(text)
    if not (m and m.group(1)) and name.split(":")[-1] in TARGET_ROLES:
        return _code_role(name, rawtext, text, lineno, inliner, options, content)
    shown = m.group(1) if m and m.group(1) else text
    return [nodes.inline(rawtext, utils.unescape(shown))], []


def _code_role(name: str, rawtext: str, text: str, lineno: int, inliner: Any,
               options: Any = None, content: Any = None) -> tuple[list[Any], list[Any]]:
    return [nodes.literal(rawtext, utils.unescape(text))], []


"""Word .docx: the text a reader sees in every story, with a map back to the runs.

python-docx opens the package and resolves its relationships (which part is the main
document, its headers, footers, footnotes, endnotes and comments). The parts are then
read as XML with a parser that resolves no entities and loads no DTD; a part that
declares a DTD is refused, as Office Open XML forbids one.

The text is built paragraph by paragraph, in this order: the body (tables included), text
boxes, headers and footers, footnotes, endnotes, then the alternative text of pictures
(what a screen reader says for them) and the document's properties that Word shows and
exports (title, subject, keywords, comments), each as a paragraph of its own. Paragraphs are
joined by a blank line, so every paragraph is a paragraph for the matcher too. Inside a paragraph the text runs
across runs, hyperlinks, content controls and tracked insertions, so a term split across
runs ("ille" + bold "gal" + " migrants") reads as one; tracked deletions, field codes,
generated field results (a table of contents, page numbers) and hidden text are not prose.
A footnote reference is shown as its superscript number and can be crossed by a term; a
picture or an equation cannot.

`Para.atoms` records, for every character, the element that holds it, which is what
`termlint.docx_edit` uses to write fixes, tracked changes and comments back into the runs.
Word comments of the form "termlint: ignore RULE -- reason" suppress RULE in the
paragraphs the comment is anchored on; "termlint: ignore-file" in any comment, the file.
"""
from __future__ import annotations

import io
import os
import re
import struct
import zipfile
import zlib
from collections.abc import Iterator
from typing import Any

from lxml import etree

from termlint import directives
from termlint.adapters.blocks import BlockLocator, Location, join
from termlint.document import HARD, SOFT, Directive, Document
from termlint.errors import TermlintError
from termlint.records import NamedTuple

W_MAIN = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
MC = "http://schemas.openxmlformats.org/markup-compatibility/2006"
MATH = "http://schemas.openxmlformats.org/officeDocument/2006/math"
WP = "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"
ALT_TEXT = "alt text"  # the story of a picture's alternative text (wp:docPr/@descr)
PROPERTIES = "properties"  # the story of the document's title, subject, keywords and comments
WHOLE_VALUE = (ALT_TEXT, PROPERTIES)  # stories held by one attribute or element, not by runs
_DC = "http://purl.org/dc/elements/1.1/"
_CP = "http://schemas.openxmlformats.org/package/2006/metadata/core-properties"
# The core properties Word shows (File > Info) and exports to PDF, in that order.
_SHOWN_PROPERTIES = (("title", _DC), ("subject", _DC), ("keywords", _CP), ("description", _DC))
RT_CORE = "http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties"
_R_NAMESPACES = (
    "http://schemas.openxmlformats.org/officeDocument/2006/relationships",
    "http://purl.oclc.org/ooxml/officeDocument/relationships",
)
RT_BASE = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
_MAIN_TYPES = (
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.template.main+xml",
    "application/vnd.ms-word.document.macroEnabled.main+xml",
    "application/vnd.ms-word.template.macroEnabledTemplate.main+xml",
)
PARAGRAPH_SEPARATOR = "\n\n"
# Between the cells of a table row of one paragraph each: a cell border in the source, a
# paragraph break in the prose (NUL characters, as the Markdown adapter gives table cells).
CELL_SEPARATOR = (" | ", "\x00\x00\x00")
OBJECT = "\ufffc"  # a picture, equation or symbol in the source view
_SUPERSCRIPT = str.maketrans("0123456789", "⁰¹²³⁴⁵⁶⁷⁸⁹")
_DAMAGED = (zipfile.BadZipFile, OSError, zlib.error, EOFError, struct.error)  # what a damaged zip raises
MAX_PART = 256 * 1024 * 1024  # uncompressed bytes of one XML part
MAX_TOTAL = 1024 * 1024 * 1024  # uncompressed bytes of the whole package

_PARSER = etree.XMLParser(
    resolve_entities=False, no_network=True, load_dtd=False, dtd_validation=False, huge_tree=False
)


class Atom(NamedTuple):
    """Characters of a paragraph held by one element (offsets within the paragraph)."""

    start: int
    end: int
    node: Any  # w:t, a run child such as w:tab, or the element shown as a mark
    run: Any  # the w:r holding `node`, or None (an equation)
    # "text" (a w:t), "char" (w:tab, w:br…), "mark" (a reference or an object),
    # "alt" (alt text), "property" (a document property)
    kind: str
    text: str  # what the source view shows
    prose: str  # what the rules see (same length)
    editable: bool


class Para(NamedTuple):
    element: Any  # the w:p
    part: str  # zip entry name of the part holding it
    location: Location
    atoms: tuple[Atom, ...]
    twin: Any = None  # the same paragraph in a text box's legacy (VML) copy

    @property
    def text(self) -> str:
        return "".join(a.text for a in self.atoms)

    @property
    def prose(self) -> str:
        return "".join(a.prose for a in self.atoms)

    @property
    def story(self) -> str:
        return str(self.location[0][1]) if self.location else "body"


class Extract(NamedTuple):
    paras: tuple[Para, ...]
    source: str
    prose: str
    spans: tuple[tuple[int, int], ...]  # each paragraph's span in `source`
    anchors: dict[str, tuple[int, int, int, int]]  # comment id -> (para, offset, para, offset)
    numbers: dict[str, dict[str, int]]  # "footnote"/"endnote" -> note id -> number shown
    namespace: str  # the WordprocessingML namespace of the package


def read(path: str, payload: str | bytes) -> Document:
    """The prose of a .docx package."""
    assert isinstance(payload, bytes)
    if os.path.basename(path).startswith("~$"):
        from termlint.adapters import NothingToCheck

        raise NothingToCheck("a Word lock file (the document is open in Word); skipped")
    package = Package(payload, path)
    ex = extract(package)
    locator = BlockLocator(ex.source, ex.spans, [p.location for p in ex.paras])
    return Document(path, ex.source, ex.prose, format="docx",
                    directives=_comment_directives(package, ex), locator=locator, marks=_quote_marks(ex))


# Paragraph styles of quotations, by their style id (Word writes localised ids: "Zitat",
# "Citation", "Cita", "Citazione", "Citação", "Цитата"…, and "IntenseQuote" and its kin).
_QUOTE_STYLE = re.compile(r"quote|zitat|citat|^cita|цитат|引用|اقتباس", re.IGNORECASE)


def _quote_marks(ex: Extract) -> list[tuple[int, int, str]]:
    """Paragraphs in a quotation style: their words are a quoted speaker's, as in a
    Markdown block quotation."""
    w = ex.namespace
    out = []
    for para, (lo, hi) in zip(ex.paras, ex.spans, strict=True):
        style = para.element.find(f"{{{w}}}pPr/{{{w}}}pStyle") if hasattr(para.element, "find") else None
        name = style.get(f"{{{w}}}val", "") if style is not None else ""
        if name and _QUOTE_STYLE.search(name) and hi > lo:
            out.append((lo, hi, "blockquote"))
    return out


def as_lines(source: str) -> str:
    """The extracted text with one paragraph per line (for a diff)."""
    return source.replace(PARAGRAPH_SEPARATOR, "\n") + "\n"


# -- the package ---------------------------------------------------------------------------


class Package:
    """The entries of a .docx zip, its main part and the parts related to it."""

    def __init__(self, data: bytes, path: str) -> None:
        self.path = path
        try:
            archive = zipfile.ZipFile(io.BytesIO(data))
        except (*_DAMAGED, ValueError, NotImplementedError) as exc:  # "zip file version 6.4"
            hint = " (an encrypted or Word 97-2003 file?)" if data[:4] == b"\xd0\xcf\x11\xe0" else ""
            raise TermlintError(f"{path}: not a Word .docx package{hint}: {exc}") from exc
        self.infos = tuple(archive.infolist())
        self.comment = archive.comment
        self.entries: dict[str, bytes] = {}
        # The sizes the zip declares are checked before anything is unpacked (a part that
        # unpacks to more than it declares fails its CRC check when read).
        total = 0
        for info in self.infos:
            if info.flag_bits & 0x1:
                raise TermlintError(f"{path}: {info.filename} is encrypted; cannot read it")
            total += info.file_size
            if info.file_size > MAX_PART:
                raise TermlintError(f"{path}: {info.filename} is too large to be a Word part; not read")
            if total > MAX_TOTAL:
                raise TermlintError(f"{path}: the package unpacks to more than 1 GB; not read")
        for info in self.infos:
            xml = info.filename.lower().endswith((".xml", ".rels"))
            try:
                blob = archive.read(info)
            except (*_DAMAGED, RuntimeError, NotImplementedError, ValueError) as exc:
                raise TermlintError(f"{path}: cannot read {info.filename}: {exc}") from exc
            if xml and _declares_dtd(blob):
                raise TermlintError(f"{path}: {info.filename} declares a DTD, which Word files never do; "
                                    "not read")
            self.entries[info.filename] = blob
        self._trees: dict[str, Any] = {}
        self._locate_parts(data)

    def _locate_parts(self, data: bytes) -> None:
        from docx.opc.exceptions import PackageNotFoundError
        from docx.opc.package import OpcPackage

        try:
            opc = OpcPackage.open(io.BytesIO(data))
            main = opc.main_document_part
        except (PackageNotFoundError, KeyError, ValueError, etree.LxmlError, *_DAMAGED, AttributeError,
                TypeError, IndexError, NotImplementedError, RuntimeError) as exc:
            # python-docx meets a damaged package in many ways (zipfile: "zip file version 6.4")
            raise TermlintError(f"{self.path}: not a Word .docx package: {exc}") from exc
        if main.content_type not in _MAIN_TYPES:
            raise TermlintError(f"{self.path}: not a Word document (its main part is {main.content_type})")
        self.main = main.partname.membername
        self.main_rels = main.partname.rels_uri.membername
        self.core = next((rel.target_part.partname.membername for rel in opc.rels.values()
                          if not rel.is_external and rel.reltype == RT_CORE), None)
        self.rels: dict[str, tuple[str, str]] = {}  # rId -> (relationship type, entry name)
        for rid, rel in main.rels.items():
            if not rel.is_external:
                self.rels[rid] = (rel.reltype, rel.target_part.partname.membername)

    def related(self, kind: str) -> str | None:
        """Entry name of the first part related to the main part by a relationship kind."""
        for reltype, name in self.rels.values():
            if reltype == RT_BASE + kind and name in self.entries:
                return name
        return None

    def tree(self, name: str) -> Any:
        """The parsed XML of an entry (parsed once; edits to it are kept)."""
        tree = self._trees.get(name)
        if tree is None:
            try:
                tree = etree.parse(io.BytesIO(self.entries[name]), _PARSER)
            except etree.XMLSyntaxError as exc:
                raise TermlintError(f"{self.path}: {name} is not well-formed XML: {exc}") from exc
            if tree.docinfo.doctype:
                raise TermlintError(f"{self.path}: {name} declares a DTD; not read")
            self._trees[name] = tree
        return tree

    def serialise(self, name: str) -> bytes:
        tree = self._trees[name]
        standalone = tree.docinfo.standalone
        kwargs: dict[str, Any] = {"xml_declaration": True, "encoding": "UTF-8"}
        if standalone is not None:
            kwargs["standalone"] = standalone
        data: bytes = etree.tostring(tree, **kwargs)
        return data


def _declares_dtd(blob: bytes) -> bool:
    head = blob[:65536]
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            head = head.decode("utf-16").encode("utf-8", "replace")
        except UnicodeDecodeError:
            return True
    return b"<!DOCTYPE" in head or b"<!ENTITY" in head


# -- walking the stories ------------------------------------------------------------------------


def extract(package: Package) -> Extract:
    """Every paragraph of every story, in reading order, with its atoms."""
    root = package.tree(package.main).getroot()
    w = etree.QName(root).namespace or W_MAIN
    body = root.find(f"{{{w}}}body")
    if body is None:
        raise TermlintError(f"{package.path}: {package.main} has no body")
    walker = _Walker(w, _note_numbers(root, w, "footnoteReference"),
                     _note_numbers(root, w, "endnoteReference"))
    walker.story(body, package.main, (("part", "body"),))
    walker.drain_textboxes()
    for name, where in _headers_and_footers(package, body, w):
        walker.story(package.tree(name).getroot(), name, where)
        walker.drain_textboxes()
    for kind in ("footnote", "endnote"):
        notes = package.related(kind + "s")
        if notes is None:
            continue
        numbers = walker.numbers[kind]
        seen = len(numbers)
        for note in package.tree(notes).getroot().iterchildren(f"{{{w}}}{kind}"):
            if note.get(f"{{{w}}}type") not in (None, "normal"):
                continue  # separators
            nid = note.get(f"{{{w}}}id", "")
            if nid not in numbers:
                seen += 1
                numbers[nid] = seen
            walker.story(note, notes, (("part", kind), (kind, numbers[nid])))
        walker.drain_textboxes()
    walker.alt_texts(package)
    walker.properties(package)
    paras = tuple(walker.paras)
    source, prose, spans = join([(p.text, p.prose) for p in paras], PARAGRAPH_SEPARATOR, walker.cell_gaps)
    anchors = {
        cid: (*start, *walker.anchor_ends.get(cid, start))
        for cid, start in walker.anchor_starts.items()
    }
    return Extract(paras, source, prose, tuple(spans), anchors, walker.numbers, w)


def paragraph_atoms(p: Any, ex: Extract) -> list[Atom]:
    """The atoms of one paragraph, walked again (after an edit changed its runs)."""
    walker = _Walker(ex.namespace, ex.numbers["footnote"], ex.numbers["endnote"])
    return walker.atoms(p)[0]


def _note_numbers(root: Any, w: str, tag: str) -> dict[str, int]:
    numbers: dict[str, int] = {}
    for ref in root.iter(f"{{{w}}}{tag}"):
        nid = ref.get(f"{{{w}}}id", "")
        if nid not in numbers and ref.get(f"{{{w}}}customMarkFollows") not in ("1", "true", "on"):
            numbers[nid] = len(numbers) + 1
    return numbers


def _headers_and_footers(package: Package, body: Any, w: str) -> Iterator[tuple[str, Location]]:
    seen: set[str] = set()
    sections = [s for s in body.iter(f"{{{w}}}sectPr")
                if not any(_local(a).endswith("Change") for a in s.iterancestors())]
    for section, sect in enumerate(sections, 1):
        for ref in sect:
            kind = etree.QName(ref).localname
            if kind not in ("headerReference", "footerReference"):
                continue
            rid = next((ref.get(f"{{{ns}}}id") for ns in _R_NAMESPACES if ref.get(f"{{{ns}}}id")), None)
            target = package.rels.get(rid or "")
            if target is None or target[1] in seen or target[1] not in package.entries:
                continue
            seen.add(target[1])
            part = kind[: -len("Reference")]
            kind_of_page = ref.get(f"{{{w}}}type", "default")
            yield target[1], (("part", part), ("section", section), ("type", kind_of_page))


class _Story:
    __slots__ = ("part", "where", "count", "tables")

    def __init__(self, part: str, where: Location) -> None:
        self.part = part
        self.where = where
        self.count = 0
        self.tables = 0


_WRAPPERS = ("hyperlink", "smartTag", "customXml", "ins", "moveTo", "bdo", "dir")
_CHARS = {
    "tab": "\t", "ptab": "\t", "br": "\n", "cr": "\n", "noBreakHyphen": "\u2011", "softHyphen": "\u00ad",
}
_OBJECTS = ("drawing", "pict", "object")


class _Walker:
    """Builds paragraphs; keeps the state that crosses paragraphs (fields, text boxes)."""

    def __init__(self, w: str, footnotes: dict[str, int], endnotes: dict[str, int]) -> None:
        self.w = w
        self.numbers = {"footnote": footnotes, "endnote": endnotes}
        self.paras: list[Para] = []
        self.fields: list[list[Any]] = []  # [instruction, showing the result]
        self.textboxes: list[tuple[Any, Any, str]] = []  # (w:txbxContent, its legacy twin, part)
        self.boxes = 0
        self.part = ""
        self.anchor_starts: dict[str, tuple[int, int]] = {}
        self.anchor_ends: dict[str, tuple[int, int]] = {}
        self._twins: dict[Any, Any] = {}  # keyed by element: holding it keeps its proxy alive
        self.cell_gaps: dict[int, tuple[str, str]] = {}  # paragraphs followed by the next cell of their row

    def tag(self, name: str) -> str:
        return f"{{{self.w}}}{name}"

    # block level

    def story(self, container: Any, part: str, where: Location) -> None:
        self.part = part
        self._block(container, _Story(part, where), ())

    def alt_texts(self, package: Package) -> None:
        """The alternative text of every picture (and other drawing) in the parts read so
        far, in their order: one paragraph each, the whole attribute as one editable atom.
        A drawing in the fallback branch of mc:AlternateContent is a copy, not read."""
        number = 0
        for part in dict.fromkeys(p.part for p in self.paras):
            for pr in package.tree(part).getroot().iter(f"{{{WP}}}docPr"):
                text = pr.get("descr") or ""
                if not text.strip() or any(_local(a) == "Fallback" for a in pr.iterancestors()):
                    continue
                number += 1
                atom = Atom(0, len(text), pr, None, "alt", text, text, True)
                self.paras.append(Para(pr, part, (("part", ALT_TEXT), ("picture", number)), (atom,)))

    def properties(self, package: Package) -> None:
        """The title, subject, keywords and comments of the document (docProps/core.xml):
        one paragraph each, the element's text as one editable atom."""
        if package.core is None or package.core not in package.entries:
            return
        root = package.tree(package.core).getroot()
        for name, namespace in _SHOWN_PROPERTIES:
            element = root.find(f"{{{namespace}}}{name}")
            text = element.text if element is not None and len(element) == 0 else None
            if not text or not text.strip():
                continue
            atom = Atom(0, len(text), element, None, "property", text, text, True)
            shown = "comments" if name == "description" else name  # as Word names it
            self.paras.append(Para(element, package.core, (("part", PROPERTIES), ("property", shown)), (atom,)))

    def drain_textboxes(self) -> None:
        while self.textboxes:
            box, twin, part = self.textboxes.pop(0)
            self.boxes += 1
            self.part = part
            if twin is not None:
                self._pair_twins(box, twin)
            self._block(box, _Story(part, (("part", "textbox"), ("textbox", self.boxes))), ())

    def _pair_twins(self, box: Any, twin: Any) -> None:
        """Pair the paragraphs of a text box with those of its legacy copy, when they agree."""
        mine = list(box.iter(self.tag("p")))
        theirs = list(twin.iter(self.tag("p")))
        if len(mine) != len(theirs):
            return
        probe = _Walker(self.w, self.numbers["footnote"], self.numbers["endnote"])
        for a, b in zip(mine, theirs, strict=True):
            ours = [x.text for x in probe.atoms(a)[0]]
            if ours and ours == [x.text for x in probe.atoms(b)[0]]:
                self._twins[a] = b

    def _block(self, container: Any, story: _Story, table: Location) -> None:
        nested = 0  # tables inside this table cell, numbered within it
        for child in container:
            name = _local(child)
            if name == "p":
                self._paragraph(child, story, table)
            elif name == "tbl":
                if table:  # a table inside a cell: located in that cell ("nested table 1, nested row 2")
                    nested += 1
                    keys, number = ("nested table", "nested row", "nested cell"), nested
                else:
                    story.tables += 1
                    keys, number = ("table", "row", "cell"), story.tables
                for r, row in enumerate(self._within(child, "tr"), 1):
                    firsts = []
                    for c, cell in enumerate(self._within(row, "tc"), 1):
                        firsts.append(len(self.paras))
                        where = (*table, (keys[0], number), (keys[1], r), (keys[2], c))
                        self._block(cell, story, where)
                    self._row(firsts)
            elif name == "sdt":
                content = child.find(self.tag("sdtContent"))
                if content is not None:
                    self._block(content, story, table)
            elif name == "customXml":
                self._block(child, story, table)
            elif name == "AlternateContent":
                branch = _branch(child)
                if branch is not None:
                    self._block(branch, story, table)

    def _row(self, firsts: list[int]) -> None:
        """A row whose cells hold one paragraph each reads as one line, its cells apart as
        in a Markdown table ("illegal alien | undocumented noncitizen"): a style sheet's row
        is a glossary entry like its Markdown twin. Empty paragraphs in a cell (Enter pressed
        at its end) show nothing and join the cell's text with nothing between."""
        ends = [*firsts[1:], len(self.paras)]
        cells = list(zip(firsts, ends, strict=True))
        if len(cells) < 2 or any(end == first or sum(1 for p in self.paras[first:end] if p.text.strip()) > 1
                                 for first, end in cells):
            return
        for k, (first, end) in enumerate(cells):
            for i in range(first, end - 1):
                self.cell_gaps[i] = ("", "")  # an empty paragraph next to the cell's text
            if k + 1 < len(cells):
                self.cell_gaps[end - 1] = CELL_SEPARATOR

    def _within(self, element: Any, name: str) -> Iterator[Any]:
        """Children called `name`, looking through content controls and custom XML."""
        for child in element:
            local = _local(child)
            if local == name:
                yield child
            elif local == "sdt":
                content = child.find(self.tag("sdtContent"))
                if content is not None:
                    yield from self._within(content, name)
            elif local == "customXml":
                yield from self._within(child, name)

    def _paragraph(self, p: Any, story: _Story, table: Location) -> None:
        story.count += 1
        atoms, marks = self.atoms(p)
        index = len(self.paras)
        for cid, offset, end in marks:
            (self.anchor_ends if end else self.anchor_starts)[cid] = (index, offset)
        location = (*story.where, ("paragraph", story.count), *table)
        self.paras.append(Para(p, story.part, location, tuple(atoms), self._twins.get(p)))

    # inline level

    def atoms(self, p: Any) -> tuple[list[Atom], list[tuple[str, int, bool]]]:
        """The atoms of one paragraph, and its comment anchors (id, offset, is the end)."""
        out: list[Atom] = []
        marks: list[tuple[str, int, bool]] = []
        self._inline(p, out, marks)
        return out, marks

    def _inline(self, element: Any, out: list[Atom], marks: list[tuple[str, int, bool]]) -> None:
        for child in element:
            name = _local(child)
            ns = etree.QName(child).namespace if isinstance(child.tag, str) else None
            if ns == MATH and name in ("oMath", "oMathPara"):
                self._add(out, child, None, "mark", OBJECT, HARD)
            elif ns != self.w and name != "AlternateContent":
                continue
            elif name == "r":
                self._run(child, out)
            elif name in _WRAPPERS:
                self._inline(child, out, marks)
            elif name == "sdt":
                content = child.find(self.tag("sdtContent"))
                if content is not None:
                    self._inline(content, out, marks)
            elif name == "fldSimple":
                self.fields.append([child.get(self.tag("instr"), ""), True])
                self._inline(child, out, marks)
                self.fields.pop()
            elif name in ("commentRangeStart", "commentRangeEnd"):
                marks.append((child.get(self.tag("id"), ""), _length(out), name.endswith("End")))
            elif name == "AlternateContent":
                branch = _branch(child)
                if branch is not None:
                    self._inline(branch, out, marks)

    def _run(self, r: Any, out: list[Atom]) -> None:
        hidden = _hidden(r, self.w)
        for child in r:
            name = _local(child)
            if name == "t":
                if child.text:
                    self._add(out, child, r, "text", child.text, child.text, hidden)
            elif name in _CHARS:
                self._add(out, child, r, "char", _CHARS[name], _CHARS[name], hidden)
            elif name in ("footnoteReference", "endnoteReference"):
                kind = name[: -len("Reference")]
                number = self.numbers[kind].get(child.get(self.tag("id"), ""), 0)
                mark = str(number).translate(_SUPERSCRIPT) if number else "*"
                self._add(out, child, r, "mark", mark, SOFT * len(mark))
            elif name == "sym":
                self._add(out, child, r, "mark", OBJECT, HARD)
            elif name == "fldChar":
                kind = child.get(self.tag("fldCharType"))
                if kind == "begin":
                    self.fields.append(["", False])
                elif kind == "separate" and self.fields:
                    self.fields[-1][1] = True
                elif kind == "end" and self.fields:
                    self.fields.pop()
            elif name == "instrText":
                if self.fields and not self.fields[-1][1]:
                    self.fields[-1][0] += child.text or ""
            elif name in _OBJECTS or name == "AlternateContent":
                self._add(out, child, r, "mark", OBJECT, HARD)
                self._collect_textboxes(child)

    def _add(self, out: list[Atom], node: Any, run: Any, kind: str, text: str, prose: str,
             hidden: bool = False) -> None:
        if self.fields and not self.fields[-1][1]:
            return  # inside a field's instruction
        editable = kind != "mark" and run is not None
        if hidden or any(not _shows_prose(instr) for instr, _ in self.fields):
            prose, editable = HARD * len(text), False
        start = _length(out)
        out.append(Atom(start, start + len(text), node, run, kind, text, prose, editable))

    def _collect_textboxes(self, element: Any) -> None:
        part = self.part
        if _local(element) == "AlternateContent":
            branches = [b for b in element if _local(b) in ("Choice", "Fallback")]
            if not branches:
                return
            boxes = list(_top_boxes(branches[0], self.w))
            twins = list(_top_boxes(branches[-1], self.w)) if len(branches) > 1 else []
            if len(twins) != len(boxes):
                twins = [None] * len(boxes)
            self.textboxes.extend((b, t, part) for b, t in zip(boxes, twins, strict=True))
        else:
            self.textboxes.extend((b, None, part) for b in _top_boxes(element, self.w))


def _local(element: Any) -> str:
    tag = element.tag
    if not isinstance(tag, str):
        return ""  # a comment or processing instruction
    return tag.rsplit("}", 1)[-1]


def _branch(alternate: Any) -> Any:
    """The branch of mc:AlternateContent that Word reads: the first Choice, else Fallback."""
    for child in alternate:
        if _local(child) in ("Choice", "Fallback"):
            return child
    return None


def _top_boxes(element: Any, w: str) -> Iterator[Any]:
    """Text box contents under an element, not those nested in another text box."""
    for child in element:
        if not isinstance(child.tag, str):
            continue
        if child.tag == f"{{{w}}}txbxContent":
            yield child
        else:
            yield from _top_boxes(child, w)


def _hidden(r: Any, w: str) -> bool:
    rpr = r.find(f"{{{w}}}rPr")
    if rpr is None:
        return False
    vanish = rpr.find(f"{{{w}}}vanish")
    return vanish is not None and vanish.get(f"{{{w}}}val", "true") not in ("0", "false", "off")


def _shows_prose(instruction: str) -> bool:
    """Field results that are written text (a hyperlink), not generated (TOC, PAGE, REF)."""
    words = instruction.split()
    return bool(words) and words[0].upper() == "HYPERLINK"


def _length(atoms: list[Atom]) -> int:
    return atoms[-1].end if atoms else 0


# -- suppression comments -----------------------------------------------------------------------


def comment_texts(package: Package) -> dict[str, tuple[str, str]]:
    """Comment id -> (author, text) of the comments in the package."""
    name = package.related("comments")
    if name is None:
        return {}
    root = package.tree(name).getroot()
    w = etree.QName(root).namespace or W_MAIN
    out = {}
    for comment in root.iterchildren(f"{{{w}}}comment"):
        paragraphs = ["".join(t.text or "" for t in p.iter(f"{{{w}}}t")) for p in comment.iter(f"{{{w}}}p")]
        out[comment.get(f"{{{w}}}id", "")] = (comment.get(f"{{{w}}}author", ""), "\n".join(paragraphs))
    return out


def _comment_directives(package: Package, ex: Extract) -> tuple[Directive, ...]:
    out: list[Directive] = []
    for cid, (_, text) in comment_texts(package).items():
        if "termlint:" not in text or cid not in ex.anchors:
            continue
        first, start, last, _ = ex.anchors[cid]
        offset = ex.spans[first][0] + start
        for d in directives.scan_text(text):
            if d.kind == "marker":
                continue  # the marker's own words: in a comment, never in the document's text
            if d.kind == "file":
                out.append(Directive("file", d.rules, first + 1, offset, d.reason))
            elif d.kind != "enable":
                out.extend(Directive("line", d.rules, i + 1, offset if i == first else ex.spans[i][0],
                                     d.reason) for i in range(first, max(first, last) + 1))
    return tuple(out)

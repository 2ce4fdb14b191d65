"""Writing back into a Word package: fixes in the runs, tracked changes, comments.

Fixes arrive as edits on the text the .docx adapter extracted. Each edit is mapped back to
the runs that hold its characters (`Para.atoms`), and cut down to the words that change
("illegal migrants" -> "irregular migrants" touches only the first word), so the words
that stay keep their runs and formatting. New words take the formatting of the run they
replace (the one holding most of the replaced characters), or of the run before them.

- `apply_fixes` edits the runs in place, or with `track=True` records each change as a
  Word revision: the old words in a `w:del`, the new ones in a `w:ins`, author "termlint".
- `annotate` anchors a Word comment on the words of each finding, with the message and
  the suggestions.

Only the XML parts that change are written again; every other entry of the zip is copied
with the same name, order, date, compression method and content. Before anything is
returned, the new package is read back and its text compared with the expected text; a
mismatch is an error, never a silently damaged file.
"""
from __future__ import annotations

import collections
import copy
import datetime as dt
import io
import os
import posixpath
import zipfile
from collections.abc import Iterable, Sequence
from typing import Any

from lxml import etree

from termlint import fixer, rx
from termlint.adapters import docx as wd
from termlint.adapters.blocks import BlockLocator
from termlint.errors import TermlintError
from termlint.findings import Applicability, Edit, Finding, Fix
from termlint.records import NamedTuple

AUTHOR = "termlint"
INITIALS = "TL"
_XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"
_TOKEN = rx.compile(r"\w+|\s+|[^\w\s]")
_CONTENT_TYPES = "[Content_Types].xml"
_CT_NS = "http://schemas.openxmlformats.org/package/2006/content-types"
_REL_NS = "http://schemas.openxmlformats.org/package/2006/relationships"
_COMMENTS_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.comments+xml"
# Word shows no comments in headers and footers
_COMMENTABLE = ("body", "textbox", "footnote", "endnote", wd.ALT_TEXT, wd.PROPERTIES)


class Annotated(NamedTuple):
    data: bytes
    written: int
    not_anchored: tuple[Finding, ...]  # in headers and footers, where Word has no comments
    already: int = 0  # findings whose comment an earlier annotation left


def apply_fixes(
    data: bytes,
    source: str,
    fixes: Iterable[Fix],
    *,
    unsafe: bool = False,
    track: bool = False,
    path: str = "<docx>",
    when: dt.datetime | None = None,
) -> tuple[bytes, str, int] | None:
    """Apply the allowed fixes to a .docx; return (new bytes, new text, fixes applied),
    or None when none could be applied. `source` is the text the fixes refer to."""
    editor = _Editor(data, path, when, track=track)
    if editor.extract.source != source:
        raise TermlintError(f"{path}: the file changed while it was checked; not fixed")
    allowed = {Applicability.SAFE} | ({Applicability.UNSAFE} if unsafe else set())
    candidates = [f for f in fixes
                  if f.applicability in allowed and f.edits and all(map(editor.can_edit, f.edits))]
    chosen = _choose(candidates)
    if not chosen:
        return None
    for para, start, end, text in sorted(
        (op for fix in chosen for edit in fix.edits for op in editor.ops(edit)),
        key=lambda op: (op[0], op[1], op[2]),
        reverse=True,
    ):
        editor.replace(para, start, end, text, track=track)
    expected, count = fixer.apply(source, chosen, unsafe=True)
    new = editor.save()
    _verify(new, path, expected, "fixed")
    return new, expected, count


def writable(data: bytes, source: str, fixes: Sequence[Fix], path: str = "<docx>") -> list[bool]:
    """For each fix, whether `apply_fixes` (without --track-changes) can write its edits into
    the runs: not across a link, a field's edge or another author's tracked change."""
    editor = _Editor(data, path, None)
    if editor.extract.source != source:
        return [True] * len(fixes)
    return [bool(f.edits) and all(map(editor.can_edit, f.edits)) for f in fixes]


def annotate(data: bytes, source: str, findings: Sequence[Finding], *, path: str = "<docx>",
             when: dt.datetime | None = None) -> Annotated:
    """Add a Word comment for every finding, anchored on its words."""
    editor = _Editor(data, path, when)
    if editor.extract.source != source:
        raise TermlintError(f"{path}: the file changed while it was checked; not annotated")
    skipped: list[Finding] = []
    written = 0
    for finding in sorted(findings, key=lambda f: (f.offset, f.end_offset), reverse=True):
        if editor.comment(finding):
            written += 1
        else:
            skipped.append(finding)
    new = editor.save()
    _verify(new, path, source, "annotated")
    return Annotated(new, written - editor.repeated, tuple(reversed(skipped)), editor.repeated)


def _choose(fixes: Sequence[Fix]) -> list[Fix]:
    """The fixes `fixer.apply` would apply: in order, skipping any that overlap."""
    ordered = sorted(fixes, key=lambda f: (min(e.start for e in f.edits), max(e.end for e in f.edits)))
    out: list[Fix] = []
    taken = -1
    for fix in ordered:
        edits = sorted(fix.edits)
        if edits[0].start < taken or any(a.end > b.start for a, b in zip(edits, edits[1:], strict=False)):
            continue
        out.append(fix)
        taken = edits[-1].end
    return out


def _verify(data: bytes, path: str, expected: str, what: str) -> None:
    got = wd.extract(wd.Package(data, path)).source
    if got != expected:
        raise TermlintError(f"{path}: internal error: the {what} document does not read back as "
                            "expected; the file was not changed")


def word_changes(old: str, new: str) -> list[tuple[int, int, str]]:
    """The replacement that turns `old` into `new`, trimmed of the words both share at
    the start and at the end, as [(start, end, text)] on `old` ([] when equal). Words
    that stay keep their runs: "illegal migrants" -> "irregular migrants" changes one word."""
    a, b = _TOKEN.findall(old), _TOKEN.findall(new)
    head = 0
    while head < min(len(a), len(b)) and a[head] == b[head]:
        head += 1
    tail = 0
    while tail < min(len(a), len(b)) - head and a[-1 - tail] == b[-1 - tail]:
        tail += 1
    a_at, b_at = _offsets(a), _offsets(b)
    start, end = a_at[head], a_at[len(a) - tail]
    text = new[b_at[head] : b_at[len(b) - tail]]
    if start == end and not text:
        return []
    return [(start, end, text)]


def _offsets(tokens: list[str]) -> list[int]:
    at = [0]
    for tok in tokens:
        at.append(at[-1] + len(tok))
    return at


def _stamp(when: dt.datetime | None) -> str:
    if when is None:
        epoch = os.environ.get("SOURCE_DATE_EPOCH")
        when = dt.datetime.fromtimestamp(int(epoch), dt.UTC) if epoch and epoch.isdigit() \
            else dt.datetime.now(dt.UTC)
    return when.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


class _Editor:
    """One package being edited: its parsed parts, paragraphs and revision ids."""

    def __init__(self, data: bytes, path: str, when: dt.datetime | None, *, track: bool = False) -> None:
        self.path = path
        self.package = wd.Package(data, path)
        self.extract = wd.extract(self.package)
        self.w = self.extract.namespace
        self.date = _stamp(when)
        self.changed: set[str] = set()
        self.added: dict[str, bytes] = {}
        self._comments: Any = None
        self._new_comments = ""  # entry name of a comments part this edit creates
        self._new_rels: Any = None  # a relationships part this edit creates
        self._next_id = self._max_id() + 1
        self.track = track  # fixes as tracked changes (alt text and properties cannot be one)
        self._earlier: collections.Counter[str] | None = None  # termlint's comments already there
        self.repeated = 0  # findings whose comment was already there
        self._locator = BlockLocator(self.extract.source, self.extract.spans,
                                        [p.location for p in self.extract.paras])

    def q(self, name: str) -> str:
        return f"{{{self.w}}}{name}"

    def _max_id(self) -> int:
        names = {p.part for p in self.extract.paras}
        comments = self.package.related("comments")
        if comments:
            names.add(comments)
        top = 0
        for name in names:
            for value in self.package.tree(name).getroot().xpath("//@w:id", namespaces={"w": self.w}):
                if value.lstrip("-").isdigit():
                    top = max(top, int(value))
        return top

    def new_id(self) -> str:
        self._next_id += 1
        return str(self._next_id - 1)

    # -- where an edit lands ------------------------------------------------------------------

    def _para_span(self, start: int, end: int) -> tuple[int, int, int] | None:
        """(paragraph index, start, end) relative to the paragraph, or None across paragraphs."""
        i = self._locator.block(start)
        lo, hi = self.extract.spans[i]
        if not (lo <= start <= end <= hi):
            return None
        return i, start - lo, end - lo

    def can_edit(self, edit: Edit) -> bool:
        span = self._para_span(edit.start, edit.end)
        if span is None:
            return False
        i, a, b = span
        if self.extract.paras[i].story in wd.WHOLE_VALUE:
            return not self.track
        atoms = self.extract.paras[i].atoms
        if a == b:
            return any(x.editable and x.kind == "text" and x.start < a <= x.end for x in atoms) or \
                any(x.editable and x.start == a for x in atoms)
        inside = [x for x in atoms if x.start < b and x.end > a]
        return all(x.editable for x in inside) and (self.track or _one_container(inside))

    def ops(self, edit: Edit) -> list[tuple[int, int, int, str]]:
        span = self._para_span(edit.start, edit.end)
        assert span is not None
        i, a, b = span
        old = self.extract.source[edit.start : edit.end]
        return [(i, a + s, a + e, text) for s, e, text in word_changes(old, edit.replacement)]

    # -- changing runs --------------------------------------------------------------------------

    def atoms(self, p: Any) -> list[wd.Atom]:
        return wd.paragraph_atoms(p, self.extract)

    def replace(self, index: int, a: int, b: int, text: str, *, track: bool) -> None:
        para = self.extract.paras[index]
        self.changed.add(para.part)
        if para.story == wd.ALT_TEXT:
            old = para.element.get("descr") or ""
            para.element.set("descr", old[:a] + text + old[b:])
            return
        if para.story == wd.PROPERTIES:
            old = para.element.text or ""
            para.element.text = old[:a] + text + old[b:]
            return
        for p in (para.element, para.twin):
            if p is not None:
                self._replace_in(p, a, b, text, track)

    def _replace_in(self, p: Any, a: int, b: int, text: str, track: bool) -> None:
        if not track and "\n" not in text and "\t" not in text and self._in_place(p, a, b, text):
            return
        self._split(p, a)
        self._split(p, b)
        atoms = self.atoms(p)
        inside = [x for x in atoms if a <= x.start and x.end <= b and x.start < x.end]
        runs = _unique(x.run for x in inside)
        before = [x for x in atoms if x.end == a and x.run is not None]
        after = [x for x in atoms if x.start == b and x.run is not None]
        neighbour = before[-1].run if before else (after[0].run if after else None)
        style = _style_run(inside) if inside else neighbour
        rpr = style.find(self.q("rPr")) if style is not None else None
        new_runs = self._runs(text, rpr) if text else []
        if track:
            last = None
            for group in _sibling_groups(runs):
                last = self._wrap(group, "del")
                for run in group:
                    for child in run:
                        if child.tag == self.q("t"):
                            child.tag = self.q("delText")
            if new_runs:
                ins = self._revision("ins")
                ins.extend(new_runs)
                anchor = last if last is not None else (before[-1].run if before else None)
                self._place(p, ins, after_element=anchor)
            return
        if inside:
            # The new words go where most of the old ones were (a comment's range or a
            # link around the noun keeps them); all the runs share one parent (can_edit).
            at = style if style is not None and style in runs else runs[0]
            for run in new_runs:
                at.addprevious(run)
            for x in inside:
                x.node.getparent().remove(x.node)
            for run in runs:
                _drop_if_empty(run, self.w)
        else:
            anchor = before[-1].run if before else None
            for run in reversed(new_runs):
                self._place(p, run, after_element=anchor)

    def _in_place(self, p: Any, a: int, b: int, text: str) -> bool:
        """Change the text of one w:t when the edit lies inside it."""
        for x in self.atoms(p):
            if x.kind == "text" and x.editable and x.start <= a and b <= x.end and (a < b or x.start < a):
                t = x.node
                t.text = t.text[: a - x.start] + text + t.text[b - x.start :]
                if t.text == "":
                    _drop_text(t, self.w)
                else:
                    t.set(_XML_SPACE, "preserve")
                return True
        return False

    def _split(self, p: Any, offset: int) -> None:
        """Make `offset` fall between two runs."""
        atoms = self.atoms(p)
        for x in atoms:
            if x.start < offset < x.end:
                if x.kind != "text":
                    raise TermlintError(f"{self.path}: cannot split a mark")
                t = x.node
                k = offset - x.start
                tail = t.makeelement(t.tag, dict(t.attrib))
                tail.text = t.text[k:]
                t.text = t.text[:k]
                for node in (t, tail):
                    node.set(_XML_SPACE, "preserve")
                t.addnext(tail)
                atoms = self.atoms(p)
                break
        for x in atoms:
            if x.start == offset and x.run is not None and x.end > x.start:
                _split_run_before(x.run, x.node, self.w)
                return

    def _runs(self, text: str, rpr: Any) -> list[Any]:
        run = etree.Element(self.q("r"))
        if rpr is not None:
            run.append(copy.deepcopy(rpr))
        for piece in rx.split(r"(\r\n|\n|\r|\t)", text):
            if not piece:
                continue
            if piece == "\t":
                etree.SubElement(run, self.q("tab"))
            elif piece in ("\n", "\r\n", "\r"):
                etree.SubElement(run, self.q("br"))
            else:
                t = etree.SubElement(run, self.q("t"))
                t.text = piece
                t.set(_XML_SPACE, "preserve")
        return [run]

    def _revision(self, kind: str) -> Any:
        return etree.Element(self.q(kind), {self.q("id"): self.new_id(), self.q("author"): AUTHOR,
                                            self.q("date"): self.date})

    def _wrap(self, group: list[Any], kind: str) -> Any:
        wrapper = self._revision(kind)
        group[0].addprevious(wrapper)
        for run in group:
            wrapper.append(run)
        return wrapper

    def _place(self, p: Any, element: Any, *, after_element: Any) -> None:
        if after_element is not None:
            after_element.addnext(element)
            return
        ppr = p.find(self.q("pPr"))
        p.insert(p.index(ppr) + 1 if ppr is not None else 0, element)

    # -- comments ---------------------------------------------------------------------------

    def comment(self, finding: Finding) -> bool:
        i = self._locator.block(finding.offset)
        para = self.extract.paras[i]
        lo, hi = self.extract.spans[i]
        if para.story not in _COMMENTABLE or not lo <= finding.offset < hi:
            return False
        if self._commented_before(para, finding):
            return True
        if para.story in ("footnote", "endnote"):
            return self._comment_on_reference(para, finding)
        if para.story == wd.ALT_TEXT:
            return self._comment_on_picture(para, finding)
        if para.story == wd.PROPERTIES:
            return self._comment_on_first_run(para, finding)
        a, b = finding.offset - lo, min(finding.end_offset, hi) - lo
        p = para.element
        self._split(p, a)
        self._split(p, b)
        inside = [x for x in self.atoms(p) if a <= x.start and x.end <= b and x.start < x.end]
        if not inside:
            return False
        holders = _unique(x.run if x.run is not None else x.node for x in inside)
        self._anchor(holders[0], holders[-1], finding, "")
        self.changed.add(para.part)
        return True

    def _comment_on_reference(self, para: wd.Para, finding: Finding) -> bool:
        """A comment on a note's reference mark in the text (LibreOffice reads no comments
        inside notes), saying which note and which words it is about."""
        kind = para.story
        number = dict(para.location).get(kind)
        ids = [nid for nid, n in self.extract.numbers[kind].items() if n == number]
        if not ids:
            return False
        main = self.package.tree(self.package.main).getroot()
        for ref in main.iter(self.q(f"{kind}Reference")):
            if ref.get(self.q("id")) == ids[0] and ref.getparent() is not None:
                run = ref.getparent()
                self._anchor(run, run, finding, _prefix(para, finding))
                self.changed.add(self.package.main)
                return True
        return False

    def _comment_on_picture(self, para: wd.Para, finding: Finding) -> bool:
        """A comment on the picture whose alternative text it is about (in the body)."""
        run = next((a for a in para.element.iterancestors() if a.tag == self.q("r")), None)
        if para.part != self.package.main or run is None or run.getparent() is None:
            return False
        self._anchor(run, run, finding, _prefix(para, finding))
        self.changed.add(para.part)
        return True

    def _comment_on_first_run(self, para: wd.Para, finding: Finding) -> bool:
        """A comment on the first run of text in the body, saying which document property
        (title, subject…) it is about: Word shows a comment nowhere else near them."""
        main = self.package.tree(self.package.main).getroot()
        body = main.find(self.q("body"))
        run = next((t.getparent() for t in body.iter(self.q("t"))
                    if t.text and t.getparent().tag == self.q("r")), None) if body is not None else None
        if run is None:
            return False
        self._anchor(run, run, finding, _prefix(para, finding))
        self.changed.add(self.package.main)
        return True

    def _anchor(self, first: Any, last: Any, finding: Finding, prefix: str) -> None:
        cid = self.new_id()
        start = etree.Element(self.q("commentRangeStart"), {self.q("id"): cid})
        end = etree.Element(self.q("commentRangeEnd"), {self.q("id"): cid})
        ref = etree.Element(self.q("r"))
        etree.SubElement(ref, self.q("commentReference"), {self.q("id"): cid})
        first.addprevious(start)
        last.addnext(end)
        end.addnext(ref)
        self._comments_root().append(self._comment_element(cid, finding, prefix))

    def _commented_before(self, para: wd.Para, finding: Finding) -> bool:
        """Whether an earlier annotation left this finding's comment (the same words, by
        termlint): annotating a reviewed copy again adds no second comment. Each comment
        found counts for one finding."""
        if self._earlier is None:
            self._earlier = collections.Counter(
                text for author, text in wd.comment_texts(self.package).values() if author == AUTHOR)
        text = "\n".join(_comment_lines(finding, _prefix(para, finding)))
        if not self._earlier[text]:
            return False
        self._earlier[text] -= 1
        self.repeated += 1
        return True

    def _comment_element(self, cid: str, finding: Finding, prefix: str) -> Any:
        comment = etree.Element(self.q("comment"), {
            self.q("id"): cid, self.q("author"): AUTHOR, self.q("date"): self.date,
            self.q("initials"): INITIALS,
        })
        lines = _comment_lines(finding, prefix)
        for n, line in enumerate(lines):
            p = etree.SubElement(comment, self.q("p"))
            if n == 0:
                r = etree.SubElement(p, self.q("r"))
                etree.SubElement(r, self.q("annotationRef"))
            p.extend(self._runs(line, None))
        return comment

    def _comments_root(self) -> Any:
        if self._comments is not None:
            return self._comments
        name = self.package.related("comments")
        if name is not None:
            self._comments = self.package.tree(name).getroot()
            self.changed.add(name)
            return self._comments
        name = _free_name(self.package, posixpath.join(posixpath.dirname(self.package.main), "comments.xml"))
        self._comments = etree.Element(self.q("comments"), nsmap={"w": self.w})
        self._new_comments = name
        self._add_override("/" + name, _COMMENTS_TYPE)
        target = posixpath.relpath(name, posixpath.dirname(self.package.main))
        self._add_relationship(wd.RT_BASE + "comments", target)
        return self._comments

    def _add_override(self, partname: str, content_type: str) -> None:
        root = self.package.tree(_CONTENT_TYPES).getroot()
        etree.SubElement(root, f"{{{_CT_NS}}}Override", {"PartName": partname, "ContentType": content_type})
        self.changed.add(_CONTENT_TYPES)

    def _add_relationship(self, reltype: str, target: str) -> None:
        name = self.package.main_rels
        if name in self.package.entries:
            root = self.package.tree(name).getroot()
            self.changed.add(name)
        else:
            root = etree.Element(f"{{{_REL_NS}}}Relationships", nsmap={None: _REL_NS})
            self._new_rels = root
        taken = {r.get("Id") for r in root}
        n = 1
        while f"rId{n}" in taken:
            n += 1
        etree.SubElement(root, f"{{{_REL_NS}}}Relationship",
                         {"Id": f"rId{n}", "Type": reltype, "Target": target})

    # -- writing the package -------------------------------------------------------------------

    def save(self) -> bytes:
        replaced = {name: self.package.serialise(name) for name in self.changed}
        added: dict[str, bytes] = {}
        if self._new_comments:
            added[self._new_comments] = _serialise(self._comments)
        if self._new_rels is not None:
            added[self.package.main_rels] = _serialise(self._new_rels)
        return _rebuild(self.package, replaced, added)


def _serialise(root: Any) -> bytes:
    data: bytes = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
    return data


def _rebuild(package: wd.Package, replaced: dict[str, bytes], added: dict[str, bytes]) -> bytes:
    """A zip with the same entries, in the same order, where only `replaced` differ."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        for info in package.infos:
            clone = copy.copy(info)
            clone.extra = _without_zip64(info.extra)
            archive.writestr(clone, replaced.get(info.filename, package.entries[info.filename]))
        stamp = package.infos[0].date_time if package.infos else (1980, 1, 1, 0, 0, 0)
        for name, blob in added.items():
            info = zipfile.ZipInfo(name, date_time=stamp)
            info.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(info, blob)
        archive.comment = package.comment
    return out.getvalue()


def _without_zip64(extra: bytes) -> bytes:
    """An entry's extra field without its ZIP64 record (the writer adds one if needed)."""
    out, i = b"", 0
    while i + 4 <= len(extra):
        head = int.from_bytes(extra[i : i + 2], "little")
        size = int.from_bytes(extra[i + 2 : i + 4], "little")
        if head != 0x0001:
            out += extra[i : i + 4 + size]
        i += 4 + size
    return out


def _free_name(package: wd.Package, wanted: str) -> str:
    if wanted not in package.entries:
        return wanted
    stem, ext = posixpath.splitext(wanted)
    n = 1
    while f"{stem}{n}{ext}" in package.entries:
        n += 1
    return f"{stem}{n}{ext}"


def _unique(items: Iterable[Any]) -> list[Any]:
    out: list[Any] = []
    for item in items:
        if not any(item is o for o in out):
            out.append(item)
    return out


def _style_run(inside: Sequence[wd.Atom]) -> Any:
    """The run holding most of the replaced characters (the first on a tie)."""
    weight: list[tuple[Any, int]] = []
    for x in inside:
        if x.run is None:
            continue
        for k, (run, n) in enumerate(weight):
            if run is x.run:
                weight[k] = (run, n + x.end - x.start)
                break
        else:
            weight.append((x.run, x.end - x.start))
    if not weight:
        return None
    best = max(n for _, n in weight)
    return next(run for run, n in weight if n == best)


def _sibling_groups(runs: Sequence[Any]) -> list[list[Any]]:
    groups: list[list[Any]] = []
    for run in runs:
        if groups and groups[-1][-1].getnext() is run:
            groups[-1].append(run)
        else:
            groups.append([run])
    return groups


def _split_run_before(run: Any, node: Any, w: str) -> None:
    """Move `node` and what follows it in its run into a new run with the same formatting."""
    children = list(run)
    at = children.index(node)
    if not any(c.tag != f"{{{w}}}rPr" for c in children[:at]):
        return
    clone = run.makeelement(run.tag, dict(run.attrib))
    rpr = run.find(f"{{{w}}}rPr")
    if rpr is not None:
        clone.append(copy.deepcopy(rpr))
    for child in children[at:]:
        clone.append(child)
    run.addnext(clone)


def _one_container(inside: Sequence[wd.Atom]) -> bool:
    """Whether the runs of a match share one parent (the paragraph, one hyperlink, one
    tracked insertion) with no tracked deletion between them. A fix across such a border
    (a link over part of the words, another author's pending insertion or deletion) could
    only be made by dropping the link or mixing the fix into that author's change, so it
    is left to the reader, or to --track-changes, which nests its marks correctly. The same
    goes for the edge of a field's result (a HYPERLINK field written as begin, instruction,
    separator, text, end)."""
    runs = _unique(x.run for x in inside if x.run is not None)
    if len(runs) < 2:
        return True
    parent = runs[0].getparent()
    if any(r.getparent() is not parent for r in runs):
        return False
    node = runs[0].getnext()
    while node is not None and node is not runs[-1]:
        if isinstance(node.tag, str) and etree.QName(node).localname in ("del", "moveFrom"):
            return False
        # a field's begin, separator or end (a HYPERLINK field's text ends there)
        if any(isinstance(c.tag, str) and etree.QName(c).localname in ("fldChar", "instrText") for c in node):
            return False
        node = node.getnext()
    return True


_KEEP_EMPTY = ("rPr", "lastRenderedPageBreak")
_CONTAINERS = ("hyperlink", "smartTag", "ins", "customXml")


def _drop_if_empty(run: Any, w: str) -> None:
    if any(etree.QName(c).localname not in _KEEP_EMPTY for c in run if isinstance(c.tag, str)):
        return
    parent = run.getparent()
    parent.remove(run)
    while parent is not None and etree.QName(parent).localname in _CONTAINERS and len(parent) == 0:
        grand = parent.getparent()
        grand.remove(parent)
        parent = grand


def _drop_text(t: Any, w: str) -> None:
    run = t.getparent()
    run.remove(t)
    _drop_if_empty(run, w)


def _prefix(para: wd.Para, finding: Finding) -> str:
    """What a comment says first when it does not sit on the words it is about."""
    where = dict(para.location)
    if para.story in ("footnote", "endnote"):
        return f"In {para.story} {where.get(para.story)}, “{finding.match}”: "
    if para.story == wd.ALT_TEXT:
        return f"In the alt text of picture {where.get('picture')}, “{finding.match}”: "
    if para.story == wd.PROPERTIES:
        return f"In the document’s {where.get('property')}, “{finding.match}”: "
    return ""


def _comment_lines(finding: Finding, prefix: str) -> list[str]:
    lines = [prefix + finding.message]
    if finding.suggestions:
        label = "Suggestion" if len(finding.suggestions) == 1 else "Suggestions"
        lines.append(f"{label}: " + " · ".join(finding.suggestions))
    lines.extend(f"Note: {note}" for note in finding.notes)
    lines.append(f"termlint {finding.rule} ({finding.level.value}) — termlint explain {finding.rule}")
    return lines

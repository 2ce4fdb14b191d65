"""Build real Word files for the tests with python-docx (raw XML only where it has no API).

`Builder` wraps a python-docx Document: paragraphs of formatted runs, tables, headers,
footers, footnotes and endnotes (added as real parts with their relationships), text
boxes (drawing plus legacy VML copy, as Word writes them), hyperlinks, fields, tracked
changes and comments.
"""
from __future__ import annotations

import io
import zipfile
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import docx
from docx.opc.constants import CONTENT_TYPE as CT
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.packuri import PackURI
from docx.opc.part import Part
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_MORE_NS = ('xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" '
            'xmlns:v="urn:schemas-microsoft-com:vml" '
            'xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape"')
Run = str | tuple[str, dict[str, Any]]  # text, or (text, {"bold": True, "italic": True})


class Builder:
    def __init__(self) -> None:
        self.doc = docx.Document()
        self._notes: dict[str, list[str]] = {"footnote": [], "endnote": []}

    def paragraph(self, *runs: Run, style: str | None = None) -> Any:
        p = self.doc.add_paragraph(style=style)
        for run in runs:
            text, fmt = (run, {}) if isinstance(run, str) else run
            r = p.add_run(text)
            r.bold = fmt.get("bold")
            r.italic = fmt.get("italic")
            if fmt.get("hidden"):
                r.font.hidden = True
        return p

    def table(self, rows: Sequence[Sequence[str]]) -> Any:
        table = self.doc.add_table(rows=len(rows), cols=len(rows[0]))
        for r, row in enumerate(rows):
            for c, text in enumerate(row):
                table.cell(r, c).text = text
        return table

    def header(self, text: str) -> None:
        self.doc.sections[0].header.paragraphs[0].text = text

    def footer(self, text: str) -> None:
        self.doc.sections[0].footer.paragraphs[0].text = text

    def note(self, paragraph: Any, kind: str, text: str) -> None:
        """A footnote or endnote whose reference ends `paragraph`."""
        self._notes[kind].append(text)
        nid = len(self._notes[kind])
        style = "FootnoteReference" if kind == "footnote" else "EndnoteReference"
        paragraph._p.append(parse_xml(
            f'<w:r {nsdecls("w")}><w:rPr><w:rStyle w:val="{style}"/>'
            '<w:vertAlign w:val="superscript"/></w:rPr>'
            f'<w:{kind}Reference w:id="{nid}"/></w:r>'))

    def hyperlink(self, paragraph: Any, text: str, url: str = "https://example.org/") -> None:
        rid = self.doc.part.relate_to(url, RT.HYPERLINK, is_external=True)
        paragraph._p.append(parse_xml(
            f'<w:hyperlink {nsdecls("w", "r")} r:id="{rid}"><w:r><w:t xml:space="preserve">{text}</w:t></w:r>'
            "</w:hyperlink>"))

    def field(self, paragraph: Any, instruction: str, result: str) -> None:
        """A complex field (begin, instruction, separate, result, end)."""
        paragraph._p.append(parse_xml(f'<w:r {nsdecls("w")}><w:fldChar w:fldCharType="begin"/></w:r>'))
        paragraph._p.append(parse_xml(
            f'<w:r {nsdecls("w")}><w:instrText xml:space="preserve"> {instruction} </w:instrText></w:r>'))
        paragraph._p.append(parse_xml(f'<w:r {nsdecls("w")}><w:fldChar w:fldCharType="separate"/></w:r>'))
        paragraph._p.append(parse_xml(f'<w:r {nsdecls("w")}><w:t xml:space="preserve">{result}</w:t></w:r>'))
        paragraph._p.append(parse_xml(f'<w:r {nsdecls("w")}><w:fldChar w:fldCharType="end"/></w:r>'))

    def tracked(self, paragraph: Any, kind: str, text: str, author: str = "Editor") -> None:
        """A tracked insertion (kind "ins") or deletion ("del") by another author."""
        tag = "w:delText" if kind == "del" else "w:t"
        paragraph._p.append(parse_xml(
            f'<w:{kind} {nsdecls("w")} w:id="900{len(paragraph._p)}" w:author="{author}" '
            f'w:date="2024-01-01T00:00:00Z"><w:r><{tag} xml:space="preserve">{text}</{tag}></w:r>'
            f'</w:{kind}>'))

    def textbox(self, paragraph: Any, text: str) -> None:
        """A text box as Word writes it: a DrawingML shape, and a VML copy for old readers."""
        body = f'<w:txbxContent><w:p><w:r><w:t xml:space="preserve">{text}</w:t></w:r></w:p></w:txbxContent>'
        paragraph._p.append(parse_xml(
            f'<w:r {nsdecls("w", "wp", "a")} {_MORE_NS}>'
            '<mc:AlternateContent><mc:Choice Requires="wps"><w:drawing>'
            '<wp:anchor distT="0" distB="0" distL="114300" distR="114300" simplePos="0" relativeHeight="1" '
            'behindDoc="0" locked="0" layoutInCell="1" allowOverlap="1"><wp:simplePos x="0" y="0"/>'
            '<wp:positionH relativeFrom="column"><wp:posOffset>0</wp:posOffset></wp:positionH>'
            '<wp:positionV relativeFrom="paragraph"><wp:posOffset>0</wp:posOffset></wp:positionV>'
            '<wp:extent cx="2000000" cy="600000"/><wp:effectExtent l="0" t="0" r="0" b="0"/><wp:wrapNone/>'
            '<wp:docPr id="77" name="Text Box 1"/><wp:cNvGraphicFramePr/>'
            '<a:graphic><a:graphicData uri="http://schemas.microsoft.com/office/word/2010/wordprocessingShape">'
            '<wps:wsp><wps:cNvSpPr txBox="1"/><wps:spPr><a:xfrm><a:off x="0" y="0"/>'
            '<a:ext cx="2000000" cy="600000"/></a:xfrm>'
            '<a:prstGeom prst="rect"><a:avLst/></a:prstGeom></wps:spPr>'
            f'<wps:txbx>{body}</wps:txbx><wps:bodyPr/></wps:wsp></a:graphicData></a:graphic>'
            '</wp:anchor></w:drawing></mc:Choice>'
            '<mc:Fallback><w:pict><v:shape id="tb1" style="width:150pt;height:45pt" type="#_x0000_t202">'
            f'<v:textbox>{body}</v:textbox></v:shape></w:pict></mc:Fallback></mc:AlternateContent></w:r>'))

    def comment(self, runs: Any, text: str, author: str = "Editor") -> None:
        self.doc.add_comment(runs, text=text, author=author, initials="ED")

    def save(self, path: Path) -> Path:
        for kind, texts in self._notes.items():
            if texts:
                self._note_part(kind, texts)
        self.doc.save(str(path))
        return path

    def _note_part(self, kind: str, texts: list[str]) -> None:
        ref = "footnoteRef" if kind == "footnote" else "endnoteRef"
        notes = "".join(
            f'<w:{kind} w:id="{i}"><w:p><w:r><w:{ref}/></w:r>'
            f'<w:r><w:t xml:space="preserve"> {text}</w:t></w:r></w:p></w:{kind}>'
            for i, text in enumerate(texts, 1)
        )
        blob = (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:{kind}s {nsdecls("w")}>'
                f'<w:{kind} w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:{kind}>'
                f'<w:{kind} w:type="continuationSeparator" w:id="0"><w:p><w:r><w:continuationSeparator/>'
                f'</w:r></w:p></w:{kind}>{notes}</w:{kind}s>').encode()
        content_type = CT.WML_FOOTNOTES if kind == "footnote" else CT.WML_ENDNOTES
        part = Part(PackURI(f"/word/{kind}s.xml"), content_type, blob, self.doc.part.package)
        self.doc.part.relate_to(part, RT.FOOTNOTES if kind == "footnote" else RT.ENDNOTES)


def entries(path: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as archive:
        return {info.filename: archive.read(info) for info in archive.infolist()}


def infos(path: Path) -> list[tuple[Any, ...]]:
    with zipfile.ZipFile(path) as archive:
        return [(i.filename, i.date_time, i.compress_type, i.external_attr) for i in archive.infolist()]


def replace_entry(path: Path, name: str, data: bytes) -> None:
    """Rewrite one entry of a zip (to build broken or hostile packages)."""
    old = entries(path)
    old[name] = data
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as archive:
        for entry, blob in old.items():
            archive.writestr(entry, blob)
    path.write_bytes(buf.getvalue())


def body_xml(path: Path) -> Any:
    from lxml import etree

    return etree.fromstring(entries(path)["word/document.xml"])


def text_of(element: Any, tag: str = "t") -> str:
    return "".join(t.text or "" for t in element.iter(qn(f"w:{tag}")))

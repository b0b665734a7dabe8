"""DOCX rendering of an appeal :class:`~auditor.appeal.document.Document` (python-docx).

A4, Calibri for Latin text with an East Asian font set on every run (Microsoft YaHei on
Windows, with the usual fallbacks elsewhere) so Chinese store names and statements never
fall back to a mismatched serif. Markers of what the seller must supply are bold red; the
warning box is a shaded one-cell table that a reader cannot miss.
"""

from __future__ import annotations

import io
import unicodedata
from datetime import UTC, date, datetime, time
from pathlib import Path
from typing import Any, Final

from docx import Document as new_document
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt, RGBColor

from auditor.appeal.document import (
    BOLD,
    ITALIC,
    NEEDED,
    Bullets,
    Callout,
    Document,
    Heading,
    Image,
    Line,
    Paragraph,
    Table,
)

LATIN_FONT: Final = "Calibri"
EAST_ASIAN_FONT: Final = "Microsoft YaHei"
BODY_SIZE: Final = Pt(10.5)
INK: Final = RGBColor(0x1F, 0x23, 0x28)
HEAD: Final = RGBColor(0x1F, 0x38, 0x64)
MUTED: Final = RGBColor(0x5B, 0x63, 0x6E)
RED: Final = RGBColor(0xC0, 0x00, 0x00)
STATUS_COLOURS: Final = {
    "shared": RGBColor(0xA5, 0x0F, 0x15),
    "near_duplicate": RGBColor(0xA3, 0x5A, 0x00),
    "partial": RGBColor(0xA3, 0x5A, 0x00),
    "distinct": RGBColor(0x2B, 0x6A, 0x30),
}
PAGE_WIDTH: Final = Cm(21.0)
MARGIN: Final = Cm(2.2)
TEXT_WIDTH: Final = PAGE_WIDTH - 2 * MARGIN


def render_docx(doc: Document, path: str | Path) -> Path:
    """Write ``doc`` as a Word document to ``path``."""
    out = Path(path)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_bytes(render_docx_bytes(doc))
    return out


def render_docx_bytes(doc: Document) -> bytes:
    """The Word document as bytes."""
    d = new_document()
    _setup(d, doc)
    for block in doc.blocks:
        if isinstance(block, Heading):
            _heading(d, block)
        elif isinstance(block, Paragraph):
            _paragraph(d, block)
        elif isinstance(block, Table):
            _table(d, block)
        elif isinstance(block, Bullets):
            _bullets(d, block)
        elif isinstance(block, Callout):
            _callout(d, block)
        elif isinstance(block, Image):
            _image(d, block)
    buf = io.BytesIO()
    d.save(buf)
    return buf.getvalue()


# --- page and styles ------------------------------------------------------------------


def _setup(d: Any, doc: Document) -> None:
    section = d.sections[0]
    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = PAGE_WIDTH, Cm(29.7)
    for side in ("left_margin", "right_margin"):
        setattr(section, side, MARGIN)
    section.top_margin, section.bottom_margin = Cm(2.0), Cm(2.0)
    d.core_properties.title = doc.title
    props = d.core_properties
    props.author = props.last_modified_by = props.comments = ""
    if doc.date:  # not the template's 2013 timestamps; same letter, same file
        when = datetime.combine(date.fromisoformat(doc.date), time(), tzinfo=UTC)
        props.created = props.modified = when
    lang = "zh-CN" if doc.lang == "zh" else "en-GB"
    normal = d.styles["Normal"]
    _fonts(normal.element, lang)
    normal.font.size = BODY_SIZE
    normal.font.color.rgb = INK
    fmt = normal.paragraph_format
    fmt.space_before, fmt.space_after, fmt.line_spacing = Pt(0), Pt(6), 1.15
    for name, size in (("Title", 18), ("Heading 1", 13), ("Heading 2", 11)):
        style = d.styles[name]
        _fonts(style.element, lang)
        style.font.size = Pt(size)
        style.font.bold = True
        style.font.italic = False
        style.font.color.rgb = HEAD
        pf = style.paragraph_format
        pf.space_before = Pt({"Title": 6, "Heading 1": 16, "Heading 2": 10}[name])
        pf.space_after = Pt({"Title": 4, "Heading 1": 6, "Heading 2": 4}[name])
        pf.keep_with_next = True
    _remove_title_border(d.styles["Title"].element)
    for name in ("List Bullet",):
        d.styles[name].paragraph_format.space_after = Pt(3)
    _footer(section, doc)


def _fonts(element: Any, lang: str) -> None:
    """Set Latin and East Asian fonts (and the language) on a style's run properties."""
    rpr = element.get_or_add_rPr()
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        rpr.insert(0, fonts)
    for attr in ("w:ascii", "w:hAnsi", "w:cs"):
        fonts.set(qn(attr), LATIN_FONT)
    fonts.set(qn("w:eastAsia"), EAST_ASIAN_FONT)
    for attr in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
        if fonts.get(qn(attr)) is not None:
            del fonts.attrib[qn(attr)]
    lang_el = rpr.find(qn("w:lang"))
    if lang_el is None:
        lang_el = OxmlElement("w:lang")
        rpr.append(lang_el)
    lang_el.set(qn("w:val"), "en-GB")
    lang_el.set(qn("w:eastAsia"), "zh-CN")
    if lang == "zh":
        lang_el.set(qn("w:val"), "zh-CN")


def _remove_title_border(element: Any) -> None:
    ppr = element.get_or_add_pPr()
    border = ppr.find(qn("w:pBdr"))
    if border is not None:
        ppr.remove(border)


def _footer(section: Any, doc: Document) -> None:
    p = section.footer.paragraphs[0]
    p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    run = p.add_run(doc.title + "  ·  ")
    run.font.size, run.font.color.rgb = Pt(8), MUTED
    fld = OxmlElement("w:fldSimple")
    fld.set(qn("w:instr"), "PAGE")
    inner = OxmlElement("w:r")
    rpr = OxmlElement("w:rPr")
    size = OxmlElement("w:sz")
    size.set(qn("w:val"), "16")
    rpr.append(size)
    inner.append(rpr)
    text = OxmlElement("w:t")
    text.text = "1"
    inner.append(text)
    fld.append(inner)
    p._p.append(fld)


# --- blocks ---------------------------------------------------------------------------


def _heading(d: Any, h: Heading) -> None:
    if h.level == 0:
        d.add_paragraph(h.text, style="Title")
    else:
        d.add_paragraph(h.text, style=f"Heading {h.level}")


def _paragraph(d: Any, p: Paragraph) -> None:
    para = d.add_paragraph()
    _runs(para, p.spans)
    fmt = para.paragraph_format
    if p.style == "meta":
        fmt.space_after = Pt(1)
        for run in para.runs:
            run.font.color.rgb = MUTED
    elif p.style == "finding":
        fmt.space_before, fmt.space_after = Pt(8), Pt(2)
        fmt.keep_with_next = True
    elif p.style == "closing":  # the closing, sign-off and signature stay on one page
        fmt.keep_with_next = True
        fmt.keep_together = True
    elif p.style == "signature":
        fmt.space_before = Pt(4)
        fmt.keep_together = True
    elif p.style == "caption":
        para.alignment = WD_ALIGN_PARAGRAPH.CENTER


def _runs(
    para: Any, spans: Line, *, size: Pt | None = None, colour: RGBColor | None = None
) -> None:
    for s in spans:
        for i, chunk in enumerate(s.text.split("\n")):
            if i:
                para.add_run().add_break()
            if not chunk:
                continue
            run = para.add_run(chunk)
            if s.style in (BOLD, NEEDED):
                run.bold = True
            if s.style == ITALIC and _has_cjk(chunk):
                run.font.color.rgb = MUTED  # slanted hanzi look broken: grey instead
            elif s.style == ITALIC:
                run.italic = True
            if s.style == NEEDED:
                run.font.color.rgb = RED
            elif colour is not None and s.style != ITALIC:
                run.font.color.rgb = colour
            if size is not None:
                run.font.size = size


def _has_cjk(text: str) -> bool:
    return any(unicodedata.east_asian_width(c) in ("W", "F") for c in text)


def _table(d: Any, t: Table) -> None:
    table = d.add_table(rows=1, cols=len(t.header))
    table.style = d.styles["Table Grid"]
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    total = sum(t.widths) or 1.0
    widths = [int(TEXT_WIDTH * w / total) for w in t.widths]
    _fixed_layout(table)
    for column, width in zip(table.columns, widths, strict=True):
        column.width = width  # the grid: LibreOffice lays out by it, Word by the cells
    header = table.rows[0]
    _repeat_header(header)
    for cell, text, width in zip(header.cells, t.header, widths, strict=True):
        cell.width = width
        para = cell.paragraphs[0]
        run = para.add_run(text)
        run.bold = True
        run.font.size = Pt(9)
        _shade(cell, "E9EDF3")
        _cell_spacing(para)
    for row in t.rows:
        added = table.add_row()
        _keep_row_together(added)
        cells = added.cells
        for i, (cell, spans, width) in enumerate(zip(cells, row, widths, strict=True)):
            cell.width = width
            para = cell.paragraphs[0]
            colour = STATUS_COLOURS.get(spans[0].style) if i == t.status_column and spans else None
            _runs(para, spans, size=Pt(9), colour=colour)
            if colour is not None:
                for run in para.runs:
                    run.bold = spans[0].style != "distinct"
            _cell_spacing(para)
    d.add_paragraph().paragraph_format.space_after = Pt(2)


def _bullets(d: Any, b: Bullets) -> None:
    for item in b.items:
        if b.checkbox:
            para = d.add_paragraph()
            para.paragraph_format.left_indent = Cm(0.9)
            para.paragraph_format.first_line_indent = Cm(-0.6)
            para.paragraph_format.space_after = Pt(3)
            para.add_run("☐\t")
            para.paragraph_format.tab_stops.add_tab_stop(Cm(0.9))
        else:
            para = d.add_paragraph(style="List Bullet")
        _runs(para, item)


def _callout(d: Any, c: Callout) -> None:
    table = d.add_table(rows=1, cols=1)
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    _fixed_layout(table)
    table.columns[0].width = TEXT_WIDTH
    cell = table.rows[0].cells[0]
    cell.width = TEXT_WIDTH
    _borders(cell, "C00000", 12)  # tcPr order: tcW, tcBorders, shd
    _shade(cell, "FDECEA")
    title = cell.paragraphs[0]
    run = title.add_run("⚠ " + c.title)
    run.bold, run.font.color.rgb, run.font.size = True, RED, Pt(12)
    title.paragraph_format.space_before = Pt(4)
    for p in c.paragraphs:
        para = cell.add_paragraph()
        _runs(para, p)
    for item in c.items:
        para = cell.add_paragraph(style="List Bullet")
        _runs(para, item, size=Pt(9.5))
    for n in c.notes:
        para = cell.add_paragraph()
        para.paragraph_format.space_before = Pt(4)
        _runs(para, n)
    cell.paragraphs[-1].paragraph_format.space_after = Pt(6)
    d.add_paragraph().paragraph_format.space_after = Pt(2)


def _image(d: Any, img: Image) -> None:
    para = d.add_paragraph()
    para.alignment = WD_ALIGN_PARAGRAPH.CENTER
    para.paragraph_format.keep_with_next = True
    para.add_run().add_picture(io.BytesIO(img.png), width=min(TEXT_WIDTH, Cm(15.5)))
    cap = d.add_paragraph()
    cap.alignment = WD_ALIGN_PARAGRAPH.CENTER
    run = cap.add_run(img.caption)
    run.italic, run.font.size, run.font.color.rgb = True, Pt(9), MUTED


# --- table XML helpers (python-docx has no API for these) -----------------------------


def _fixed_layout(table: Any) -> None:
    tbl_pr = table._tbl.tblPr
    layout = OxmlElement("w:tblLayout")
    layout.set(qn("w:type"), "fixed")
    margins = OxmlElement("w:tblCellMar")
    for side, width in (("top", 40), ("left", 90), ("bottom", 40), ("right", 90)):
        el = OxmlElement(f"w:{side}")
        el.set(qn("w:w"), str(width))
        el.set(qn("w:type"), "dxa")
        margins.append(el)
    look = tbl_pr.find(qn("w:tblLook"))  # schema order: … tblLayout, tblCellMar, tblLook
    for el in (layout, margins):
        if look is not None:
            look.addprevious(el)
        else:
            tbl_pr.append(el)


def _repeat_header(row: Any) -> None:
    tr_pr = row._tr.get_or_add_trPr()
    el = OxmlElement("w:tblHeader")
    el.set(qn("w:val"), "true")
    tr_pr.append(el)


def _keep_row_together(row: Any) -> None:
    el = OxmlElement("w:cantSplit")
    el.set(qn("w:val"), "true")
    row._tr.get_or_add_trPr().append(el)


def _shade(cell: Any, fill: str) -> None:
    shd = OxmlElement("w:shd")
    shd.set(qn("w:val"), "clear")
    shd.set(qn("w:color"), "auto")
    shd.set(qn("w:fill"), fill)
    cell._tc.get_or_add_tcPr().append(shd)


def _borders(cell: Any, colour: str, size: int) -> None:
    borders = OxmlElement("w:tcBorders")
    for side in ("top", "left", "bottom", "right"):
        el = OxmlElement(f"w:{side}")
        el.set(qn("w:val"), "single")
        el.set(qn("w:sz"), str(size))
        el.set(qn("w:color"), colour)
        borders.append(el)
    cell._tc.get_or_add_tcPr().append(borders)


def _cell_spacing(para: Any) -> None:
    fmt = para.paragraph_format
    fmt.space_before, fmt.space_after, fmt.line_spacing = Pt(1), Pt(1), 1.0

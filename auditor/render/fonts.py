"""Fonts for the PNG graph: Latin from matplotlib's DejaVu Sans, CJK from a found font.

Account names of Chinese sellers must never come out as empty boxes. The CJK font is
looked for, in this order:

1. A font file vendored in ``auditor/data/fonts/`` (none is, today; drop an OFL
   ``.otf``/``.ttf`` there to pin one).
2. ``pylopdf-fonts-zh-cn`` (a dependency of auditor): Noto Sans SC Regular, SIL OFL 1.1,
   the full Simplified Chinese subset of Noto Sans CJK (GB 18030 hanzi, kana, Latin).
3. A font already known to matplotlib on this machine: Noto Sans CJK / Source Han Sans
   (Debian ``fonts-noto-cjk``), WenQuanYi, PingFang, Hiragino, Microsoft YaHei, SimHei …

A font from 1 or 2 is registered with matplotlib's font manager (an addition; no
rcParams are changed).

Text is drawn with the family list ``["DejaVu Sans", <CJK family>]``: matplotlib takes
each glyph from the first family that has it. When no font has a character of a text,
:func:`can_draw` says so and the renderer leaves that text out (an account is then
labelled by its id) and warns with :class:`MissingFontWarning` instead of drawing boxes.
"""

from __future__ import annotations

import functools
import importlib.util
import unicodedata
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Final

from matplotlib import font_manager
from matplotlib.font_manager import FontProperties
from matplotlib.ft2font import FT2Font

LATIN_FAMILY: Final = "DejaVu Sans"

#: The package that ships the preferred CJK font, and the file inside it.
FONT_PACKAGE: Final = "pylopdf_fonts_zh_cn"
FONT_PACKAGE_FILE: Final = "NotoSansSC-Regular.otf"

#: System font families that cover Simplified Chinese, best first.
SYSTEM_CJK_FAMILIES: Final = (
    "Noto Sans SC",
    "Noto Sans CJK SC",
    "Source Han Sans SC",
    "Source Han Sans CN",
    "Noto Sans CJK JP",
    "Noto Sans CJK TC",
    "Source Han Sans",
    "WenQuanYi Micro Hei",
    "WenQuanYi Zen Hei",
    "PingFang SC",
    "Hiragino Sans GB",
    "Microsoft YaHei",
    "SimHei",
    "Heiti SC",
    "Droid Sans Fallback",
    "Arial Unicode MS",
)

#: What a CJK font must have to be chosen (common hanzi in store names).
_PROBE: Final = "中国店铺蓝月"

INSTALL_HINT: Final = (
    "install the Python package pylopdf-fonts-zh-cn (an auditor dependency) "
    "or a system CJK font (Debian/Ubuntu: apt-get install fonts-noto-cjk)"
)


class MissingFontWarning(UserWarning):
    """Some text could not be drawn: no installed font has its characters."""


@dataclass(frozen=True, slots=True)
class FontChoice:
    """A CJK-capable font: its matplotlib family name, file, and where it was found."""

    family: str
    path: Path
    source: str  # "vendored", "package" or "system"


@functools.cache
def find_cjk_font() -> FontChoice | None:
    """The CJK font the PNG renderer uses, or None when this machine has none."""
    shipped = [(path, "vendored") for path in _vendored_fonts()]
    packaged = _packaged_font()
    if packaged is not None:
        shipped.append((packaged, "package"))
    for path, source in shipped:
        if not _has_probe(path):
            continue
        try:
            font_manager.fontManager.addfont(str(path))
            family = FT2Font(str(path)).family_name
        except (OSError, RuntimeError, ValueError):
            continue
        return FontChoice(family, path, source)
    by_name: dict[str, Path] = {}
    for entry in sorted(font_manager.fontManager.ttflist, key=lambda e: (e.name, e.fname)):
        by_name.setdefault(entry.name, Path(entry.fname))
    for family in SYSTEM_CJK_FAMILIES:
        system = by_name.get(family)
        if system is not None and _has_probe(system):
            return FontChoice(family, system, "system")
    return None


def font_families() -> list[str]:
    """The fallback chain for every text in the PNG: Latin first, then CJK if found."""
    choice = find_cjk_font()
    return [LATIN_FAMILY] if choice is None else [LATIN_FAMILY, choice.family]


def font_properties(
    size: float, *, weight: str = "normal", text: str | None = None
) -> FontProperties:
    """Font properties with the fallback chain, at ``size`` points.

    CJK fonts found here come in one weight, so bold ``text`` that needs the CJK font
    is set in the regular weight (Latin bold next to regular hanzi looks broken), and
    bold Latin-only text uses the Latin family alone.
    """
    if weight != "normal" and text is not None:
        if all(c in _latin_chars() for c in text if c.isprintable() and not c.isspace()):
            return FontProperties(family=[LATIN_FAMILY], size=size, weight=weight)
        weight = "normal"
    return FontProperties(family=font_families(), size=size, weight=weight)


def can_draw(text: str) -> bool:
    """True when every visible character of ``text`` has a glyph in the fallback chain."""
    chars = _drawable_chars(find_cjk_font())
    return all(c in chars or not c.isprintable() or c.isspace() for c in text)


def has_cjk(text: str) -> bool:
    """True when ``text`` has a Chinese, Japanese or Korean character."""
    return any(_is_wide(c) for c in text)


def display_width(text: str) -> int:
    """Width in Latin columns: CJK (East Asian wide) characters count two."""
    return sum(2 if _is_wide(c) else 1 for c in text)


def _is_wide(char: str) -> bool:
    return unicodedata.east_asian_width(char) in ("W", "F")


@functools.cache
def _latin_chars() -> frozenset[str]:
    path = Path(font_manager.findfont(FontProperties(family=LATIN_FAMILY)))
    return frozenset(chr(code) for code in _charmap(path))


@functools.cache
def _drawable_chars(choice: FontChoice | None) -> frozenset[str]:
    if choice is None:
        return _latin_chars()
    return _latin_chars() | frozenset(chr(code) for code in _charmap(choice.path))


def _vendored_fonts() -> list[Path]:
    folder = resources.files("auditor") / "data" / "fonts"
    if not folder.is_dir():
        return []
    return sorted(
        Path(str(f)) for f in folder.iterdir() if f.name.lower().endswith((".otf", ".ttf"))
    )


def _packaged_font() -> Path | None:
    if importlib.util.find_spec(FONT_PACKAGE) is None:
        return None
    path = Path(str(resources.files(FONT_PACKAGE) / FONT_PACKAGE_FILE))
    return path if path.is_file() else None


def _has_probe(path: Path) -> bool:
    codes = _charmap(path)
    return all(ord(c) in codes for c in _PROBE)


@functools.cache
def _charmap(path: Path) -> frozenset[int]:
    try:
        return frozenset(FT2Font(str(path)).get_charmap())
    except (OSError, RuntimeError, ValueError):
        return frozenset()

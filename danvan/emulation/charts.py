"""Server-side SVG charts of the registry's statistics (no JavaScript, no chart library).

Hand-written SVG is enough for bar charts, and it keeps the pages working without scripts
and under the site's Content Security Policy: the SVG uses presentation attributes
(``fill="…"``, ``font-size="…"``), never ``style`` attributes or ``<style>`` elements, so the
same markup is served as ``image/svg+xml`` and embedded inline in the page.

Accessibility: the root has ``role="img"``, an ``aria-label`` (the title) and an
``aria-describedby`` pointing at its ``<desc>``, which lists every figure in words; every bar
also carries its number as visible text. The colours have at least 7:1 contrast on the white
background (text and bars alike). The bars are horizontal with each label on its own line
above them, and the layout is fixed left to right (``direction="ltr"``): an inline chart in a
right-to-left page keeps its geometry, while Arabic labels are still shaped by the browser's
bidirectional algorithm.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from danvan.emulation.selectors.statistics import ScopeStatistics, format_number

__all__ = ["CHARTS", "Series", "bar_chart", "chart_svg"]

SVG_NS = "http://www.w3.org/2000/svg"
WIDTH = 360  # about a phone's width, so the text keeps its size there; CSS caps it on desktops
MARGIN = 12
LEGEND_HEIGHT = 28
LABEL_HEIGHT = 20  # per line of a category's label
LABEL_CHARACTERS = 40  # a longer label wraps onto a second line
CHARACTER_WIDTH = 8.5  # an estimate for 14px sans-serif, for the legend's layout
BAR_HEIGHT = 18
BAR_GAP = 4
GROUP_GAP = 12
VALUE_ROOM = 72  # room after the longest bar for its number
TEXT = "#1a1a1a"  # 17:1 on white
NEW_COLOUR = "#1d4e89"  # dark blue, 8.6:1 on white
FORCE_COLOUR = "#7a4100"  # dark brown, 8.1:1 on white
RECOGNISED_COLOUR = "#1b5e20"  # dark green, 7.9:1 on white


@dataclass(frozen=True)
class Series:
    name: str
    values: Sequence[int]
    colour: str


def _text(parent: ET.Element, x: float, y: float, content: str, **attributes: str) -> ET.Element:
    element = ET.SubElement(
        parent,
        "text",
        {"x": f"{x:g}", "y": f"{y:g}", "fill": TEXT, "font-size": "14", **attributes},
    )
    element.text = content
    return element


def wrap(label: str, width: int = LABEL_CHARACTERS) -> list[str]:
    """The label in lines of at most ``width`` characters, broken between words."""
    lines: list[str] = []
    for word in label.split():
        if lines and len(lines[-1]) + 1 + len(word) <= width:
            lines[-1] = f"{lines[-1]} {word}"
        else:
            lines.append(word)
    return lines or [""]


def _label(parent: ET.Element, x: float, y: float, lines: list[str]) -> None:
    """A category's label: one ``<text>``, with a ``<tspan>`` per line when it wraps."""
    if len(lines) == 1:
        _text(parent, x, y, lines[0], **{"font-weight": "bold"})
        return
    element = _text(parent, x, y, "", **{"font-weight": "bold"})
    element.text = None
    for index, line in enumerate(lines):
        span = ET.SubElement(element, "tspan", {"x": f"{x:g}", "dy": "0" if index == 0 else "18"})
        span.text = line


def _legend(svg: ET.Element, series: Sequence[Series]) -> int:
    """The legend (a swatch and the series' name each), on as many rows as it needs;
    returns its height."""
    x, y = float(MARGIN), float(MARGIN)
    for item in series:
        width = 20 + CHARACTER_WIDTH * len(item.name)
        if x > MARGIN and x + width > WIDTH - MARGIN:
            x, y = float(MARGIN), y + 22
        ET.SubElement(
            svg,
            "rect",
            {"x": f"{x:g}", "y": f"{y:g}", "width": "14", "height": "14", "fill": item.colour},
        )
        _text(svg, x + 20, y + 12, item.name)
        x += width + 20
    return int(y - MARGIN) + LEGEND_HEIGHT


def bar_chart(
    *,
    element_id: str,
    title: str,
    description: str,
    categories: Sequence[str],
    series: Sequence[Series],
) -> str:
    """A horizontal grouped bar chart as an SVG string (no XML declaration)."""
    labels = [wrap(category) for category in categories]
    top = max([1, *(v for s in series for v in s.values)])
    scale = (WIDTH - 2 * MARGIN - VALUE_ROOM) / top
    svg = ET.Element(
        "svg",
        {
            "xmlns": SVG_NS,
            "width": "100%",  # scales with the page; the height follows the viewBox
            "role": "img",
            "aria-label": title,
            "aria-describedby": f"{element_id}-desc",
            "id": element_id,
            "direction": "ltr",
            "font-family": "sans-serif",
            "class": "chart",
        },
    )
    ET.SubElement(svg, "title", {"id": f"{element_id}-title"}).text = title
    ET.SubElement(svg, "desc", {"id": f"{element_id}-desc"}).text = description
    ET.SubElement(svg, "rect", {"width": "100%", "height": "100%", "fill": "#ffffff"})
    y = float(MARGIN + _legend(svg, series))
    for index, lines in enumerate(labels):
        group = ET.SubElement(svg, "g")
        _label(group, MARGIN, y + 15, lines)
        bar_y = y + LABEL_HEIGHT * len(lines)
        for item in series:
            value = item.values[index]
            length = value * scale
            ET.SubElement(
                group,
                "rect",
                {
                    "x": str(MARGIN),
                    "y": f"{bar_y:g}",
                    "width": f"{length:.1f}",
                    "height": str(BAR_HEIGHT),
                    "fill": item.colour,
                },
            )
            _text(group, MARGIN + length + 6, bar_y + 14, format_number(value))
            bar_y += BAR_HEIGHT + BAR_GAP
        y = bar_y + GROUP_GAP
    height = int(y) + MARGIN
    svg.set("viewBox", f"0 0 {WIDTH} {height}")
    return ET.tostring(svg, encoding="unicode")


def _describe(categories: Sequence[str], series: Sequence[Series]) -> str:
    parts = []
    for index, category in enumerate(categories):
        values = ", ".join(f"{item.name}: {format_number(item.values[index])}" for item in series)
        parts.append(f"{category}: {values}")
    return "; ".join(parts) + "."


def _chart(element_id: str, title: str, categories: Sequence[str], series: Sequence[Series]) -> str:
    return bar_chart(
        element_id=element_id,
        title=title,
        description=_describe(categories, series),
        categories=categories,
        series=series,
    )


def _new_series(values: Sequence[int]) -> Series:
    return Series(pgettext("emulation statistics chart", "New"), values, NEW_COLOUR)


def _force_series(values: Sequence[int]) -> Series:
    return Series(pgettext("emulation statistics chart", "In force"), values, FORCE_COLOUR)


def years_chart(stats: ScopeStatistics) -> str:
    return _chart(
        "chart-years",
        _("New models and models in force, %(first)s–%(last)s, %(place)s")
        % {"first": stats.series[0].year, "last": stats.year, "place": stats.scope.name},
        [str(f.year) for f in stats.series],
        [
            _new_series([f.new for f in stats.series]),
            _force_series([f.in_force for f in stats.series]),
        ],
    )


def fields_chart(stats: ScopeStatistics) -> str:
    return _chart(
        "chart-fields",
        _("Models by field, %(year)s, %(place)s") % {"year": stats.year, "place": stats.scope.name},
        [row.label for row in stats.by_field],
        [
            _new_series([row.new for row in stats.by_field]),
            _force_series([row.in_force for row in stats.by_field]),
        ],
    )


def levels_chart(stats: ScopeStatistics) -> str:
    return _chart(
        "chart-levels",
        _("Models by level, %(year)s, %(place)s") % {"year": stats.year, "place": stats.scope.name},
        [row.label for row in stats.by_level],
        [
            _new_series([row.new for row in stats.by_level]),
            _force_series([row.in_force for row in stats.by_level]),
            Series(
                pgettext("emulation statistics chart", "Recognised"),
                [row.recognised for row in stats.by_level],
                RECOGNISED_COLOUR,
            ),
        ],
    )


CHARTS: dict[str, Callable[[ScopeStatistics], str]] = {
    "years": years_chart,
    "fields": fields_chart,
    "levels": levels_chart,
}


def chart_svg(kind: str, stats: ScopeStatistics) -> str:
    """The chart ``kind`` as a standalone SVG document (with its XML declaration)."""
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + CHARTS[kind](stats) + "\n"

"""Bar charts as PNG for the documents, drawn with Pillow on the server: no browser, no
matplotlib. The text is set in the vendored DejaVu Sans (fonts/), which has Cyrillic, so the
charts look the same on every machine whatever fonts the system has.

A chart is categories along the bottom and one bar per series in each category (this year
against last year); a missing value (None) draws no bar and says so.
"""

import io
import math
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

FONT = Path(__file__).resolve().parent / "fonts" / "DejaVuSans.ttf"
# Colours of the series in order: the earlier year grey-blue, the current year blue.
COLOURS = ["#9DB4CF", "#1F5FA8", "#E39B3B", "#4C9A5B"]
INK = "#212529"
MUTED = "#6C757D"
GRID = "#DEE2E6"
NO_DATA = "нет данных"  # Russian document text, like the rest of the documents


@dataclass(frozen=True)
class Series:
    name: str
    values: Sequence[float | None]


@dataclass(frozen=True)
class BarChart:
    title: str
    categories: Sequence[str]
    series: Sequence[Series]
    decimals: int = 0  # digits after the comma in the value labels
    maximum: float | None = None  # a fixed top of the scale (10 for marks of 10)


@cache
def _font(size: int) -> ImageFont.FreeTypeFont:
    return ImageFont.truetype(str(FONT), size)


def _shown(value: float, decimals: int) -> str:
    return f"{value:.{decimals}f}".replace(".", ",")


def _step(top: float, integer: bool) -> float:
    """A round step of the scale (1, 2 or 5 times a power of ten) giving about five lines;
    whole numbers when the values are counts."""
    raw = max(top, 1e-9) / 5
    power = 10 ** math.floor(math.log10(raw))
    step = next(f * power for f in (1, 2, 5, 10) if raw <= f * power)
    return max(step, 1) if integer else step


def _wrap(draw: ImageDraw.ImageDraw, text: str, font: ImageFont.FreeTypeFont, width: int) -> list:
    lines: list[str] = []
    for word in text.split():
        if lines and draw.textlength(f"{lines[-1]} {word}", font=font) <= width:
            lines[-1] = f"{lines[-1]} {word}"
        else:
            lines.append(word)
    return lines or [""]


def bar_chart_png(chart: BarChart, *, width: int = 1600, height: int = 900) -> bytes:
    """The chart as a PNG (white background), `width` × `height` pixels."""
    image = Image.new("RGB", (width, height), "white")
    draw = ImageDraw.Draw(image)
    text_font, small_font = _font(32), _font(28)
    size = 42  # a long title gets a smaller font rather than running off the picture
    while size > 24 and draw.textlength(chart.title, font=_font(size)) > width - 40:
        size -= 2
    title_font = _font(size)

    # Title and legend.
    draw.text((width // 2, 24), chart.title, font=title_font, fill=INK, anchor="mt")
    legend_y = 88
    entries = [(s.name, COLOURS[i % len(COLOURS)]) for i, s in enumerate(chart.series)]
    legend_width = sum(int(draw.textlength(n, font=text_font)) + 90 for n, _c in entries)
    x = (width - legend_width) // 2
    for name, colour in entries:
        draw.rectangle((x, legend_y, x + 30, legend_y + 30), fill=colour)
        draw.text((x + 42, legend_y + 15), name, font=text_font, fill=INK, anchor="lm")
        x += int(draw.textlength(name, font=text_font)) + 90

    # The plot area; the category labels below it take up to three lines.
    left, right, top, bottom = 110, width - 40, 150, height - 150
    values = [v for s in chart.series for v in s.values if v is not None]
    highest = chart.maximum or max(values, default=0) or 1
    step = _step(highest, chart.decimals == 0)
    scale_top = chart.maximum or step * math.ceil(highest / step * 1.08)
    if scale_top < highest:
        scale_top = highest

    def y_of(value: float) -> float:
        return bottom - (bottom - top) * value / scale_top

    tick = 0.0
    while tick <= scale_top + 1e-9:
        y = y_of(tick)
        draw.line((left, y, right, y), fill=GRID, width=2)
        label = _shown(tick, 0 if step >= 1 else 1)
        draw.text((left - 14, y), label, font=small_font, fill=MUTED, anchor="rm")
        tick += step
    draw.line((left, top, left, bottom), fill=MUTED, width=2)
    draw.line((left, bottom, right, bottom), fill=MUTED, width=2)

    count = max(len(chart.categories), 1)
    slot = (right - left) / count
    bars = max(len(chart.series), 1)
    bar_width = min(slot * 0.7 / bars, 140)
    for index, category in enumerate(chart.categories):
        centre = left + slot * (index + 0.5)
        start = centre - bar_width * bars / 2
        for number, series in enumerate(chart.series):
            value = series.values[index] if index < len(series.values) else None
            x0 = start + number * bar_width + 4
            x1 = start + (number + 1) * bar_width - 4
            if value is None:
                draw.text(
                    ((x0 + x1) / 2, bottom - 8),
                    NO_DATA,
                    font=_font(22),
                    fill=MUTED,
                    anchor="mb",
                )
                continue
            y = y_of(value)
            if value > 0:
                draw.rectangle((x0, y, x1, bottom - 1), fill=COLOURS[number % len(COLOURS)])
            draw.text(
                ((x0 + x1) / 2, y - 6),
                _shown(value, chart.decimals),
                font=small_font,
                fill=INK,
                anchor="mb",
            )
        for line_number, line in enumerate(_wrap(draw, category, small_font, int(slot) - 10)[:3]):
            draw.text(
                (centre, bottom + 14 + 34 * line_number),
                line,
                font=small_font,
                fill=INK,
                anchor="mt",
            )

    out = io.BytesIO()
    image.save(out, format="PNG", optimize=True)
    return out.getvalue()

"""Geometry of the server-rendered SVG bar charts on the dashboard (no JavaScript needed)."""

from dataclasses import dataclass

from greta.models import Status
from greta.reports import status_label

BAR_WIDTH = 420  # SVG user units of the longest bar
ROW_HEIGHT = 26


@dataclass(frozen=True)
class Segment:
    status: str
    label: str
    count: int
    x: float
    width: float


@dataclass(frozen=True)
class Bar:
    label: str
    total: int
    y: int
    segments: list[Segment]
    total_x: float


def stacked_bars(groups: dict[str, dict[str, int]]) -> tuple[list[Bar], int]:
    """Return bars of status counts, scaled to the largest group, and the chart height."""
    statuses = [*Status.values, ""]
    largest = max((sum(counts.values()) for counts in groups.values()), default=0) or 1
    bars = []
    for index, (label, counts) in enumerate(groups.items()):
        x = 0.0
        segments = []
        for code in statuses:
            count = counts.get(code, 0)
            if not count:
                continue
            width = round(BAR_WIDTH * count / largest, 1)
            segments.append(Segment(code or "none", status_label(code), count, x, width))
            x += width
        bars.append(Bar(label, sum(counts.values()), index * ROW_HEIGHT, segments, x + 6))
    return bars, len(bars) * ROW_HEIGHT


def legend() -> list[tuple[str, str]]:
    return [(code or "none", status_label(code)) for code in [*Status.values, ""]]

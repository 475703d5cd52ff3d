"""A table's ruling lines, found in the page image with OpenCV's morphology.

The cells of a scanned table are the one structure OCR does not give: the recogniser merges
neighbouring cells into one box (``371,514,655.00一、一般公共服务支出``). A morphological
opening with a long thin kernel keeps only strokes longer than any glyph stroke: what is left
are the rules, whose positions split merged boxes exactly as a text layer's vertical rules
split glued words. Scans are slightly skewed; the skew is read off the horizontal rules and
undone first, so that a rule is one straight segment.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from extract.ocr.opencv import cv2
from extract.open_sides import open_sides

# Shorter strokes are glyph parts (一 is about one font size wide), longer ones rules.
MIN_RULE_PT = 24.0
# Below this the skew moves a rule by under a pixel across the page: not worth a resample.
_MIN_SKEW_DEG = 0.05
_MAX_SKEW_DEG = 5.0
# The skew up to which a thin rule survives skew_degrees' opening.
_MAX_THICKEN_DEG = 3.0


@dataclass(frozen=True)
class Segment:
    """A rule in image pixels: horizontal (``pos`` = y, span in x) or vertical (``pos`` = x)."""

    pos: float
    start: float
    end: float


def _ink(gray: np.ndarray) -> np.ndarray:
    """Dark strokes as 255 on 0, thresholded against the local background (uneven scans)."""
    return cv2.adaptiveThreshold(255 - gray, 255, cv2.ADAPTIVE_THRESH_MEAN_C, cv2.THRESH_BINARY, 15, -10)


def _open(ink: np.ndarray, length: int, horizontal: bool) -> np.ndarray:
    kernel = cv2.getStructuringElement(cv2.MORPH_RECT, (length, 1) if horizontal else (1, length))
    return cv2.morphologyEx(ink, cv2.MORPH_OPEN, kernel)


def skew_degrees(gray: np.ndarray, px_per_pt: float) -> float:
    """The page's skew, from the slope of its long horizontal rules (0 without rules).

    A thin rule skewed 1.5° is a staircase of runs shorter than the opening's kernel, which
    would erase it: the ink is thickened upwards and downwards first (to ±_MAX_THICKEN_DEG),
    which keeps a rule one long run and makes no glyph longer."""
    length = max(int(MIN_RULE_PT * 3 * px_per_pt), 10)
    thick = max(int(np.ceil(length * np.tan(np.radians(_MAX_THICKEN_DEG)))), 3)
    ink = cv2.dilate(_ink(gray), cv2.getStructuringElement(cv2.MORPH_RECT, (1, thick)))
    lines = _open(ink, length, horizontal=True)
    count, labels, stats, _ = cv2.connectedComponentsWithStats(lines, connectivity=8)
    angles, weights = [], []
    for k in range(1, count):
        x, y, w, h, _area = stats[k]
        if w < MIN_RULE_PT * 3 * px_per_pt:
            continue
        ys, xs = np.nonzero(labels[y : y + h, x : x + w] == k)
        if len(xs) < 2:
            continue
        slope = np.polyfit(xs.astype(float), ys.astype(float), 1)[0]
        angles.append(float(np.degrees(np.arctan(slope))))
        weights.append(w)
    if not angles:
        return 0.0
    order = np.argsort(angles)
    cumulative = np.cumsum(np.asarray(weights)[order])
    median = angles[int(order[int(np.searchsorted(cumulative, cumulative[-1] / 2))])]
    return median if _MIN_SKEW_DEG <= abs(median) <= _MAX_SKEW_DEG else 0.0


def deskew(gray: np.ndarray, degrees: float) -> np.ndarray:
    """``gray`` turned by ``-degrees`` about its centre, the uncovered corners white."""
    if not degrees:
        return gray
    h, w = gray.shape
    matrix = cv2.getRotationMatrix2D((w / 2, h / 2), degrees, 1.0)
    return cv2.warpAffine(gray, matrix, (w, h), flags=cv2.INTER_LINEAR, borderValue=255)


def rulings(gray: np.ndarray, px_per_pt: float) -> tuple[list[Segment], list[Segment]]:
    """(horizontal, vertical) rules of an upright page image."""
    ink = _ink(gray)
    length = max(int(MIN_RULE_PT * px_per_pt), 8)
    found: list[list[Segment]] = []
    for horizontal in (True, False):
        mask = _open(ink, length, horizontal)
        # Bridge the one-pixel breaks a light scan leaves in a rule.
        mask = cv2.dilate(mask, cv2.getStructuringElement(cv2.MORPH_RECT, (3, 1) if horizontal else (1, 3)))
        count, _, stats, _ = cv2.connectedComponentsWithStats(mask, connectivity=8)
        segments = []
        for k in range(1, count):
            x, y, w, h, _area = stats[k]
            if horizontal:
                segments.append(Segment(y + h / 2, float(x), float(x + w)))
            else:
                segments.append(Segment(x + w / 2, float(y), float(y + h)))
        found.append(segments)
    rules, borders = found
    # A grid's vertical borders meet its horizontal rules; a tall glyph stroke does not.
    borders = [
        v
        for v in borders
        if any(h.start - 3 <= v.pos <= h.end + 3 and v.start - 3 <= h.pos <= v.end + 3 for h in rules)
    ]
    added = [Segment(*side) for side in open_sides(rules, borders, length, _END_TOLERANCE_PX, 3)]
    return rules, borders + added


# Rules ending within this many pixels of each other end at one (undrawn) border.
_END_TOLERANCE_PX = 4


def is_table_page(horizontal: list[Segment], vertical: list[Segment]) -> bool:
    """A ruled grid: rows and columns, not an underline or a box around a seal."""
    return len(horizontal) >= 3 and len(vertical) >= 3

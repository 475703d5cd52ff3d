"""The recogniser: PP-OCR (detection + recognition) through rapidocr-onnxruntime.

Its models ship inside the wheel, so nothing is downloaded at run time. The engine is loaded
once per process, on the first scanned page: born-digital loads never pay for it.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass

import numpy as np

from extract.ocr import opencv  # noqa: F401  (rapidocr imports cv2: it must find it imported quietly)

# One inference thread per process: extraction runs a process per core (``--workers``), and
# onnxruntime's default of a thread per core in each of them oversubscribes the machine.
_THREADS = 1


@dataclass(frozen=True)
class Recognised:
    """One text box: its corners' bounding box in image pixels, its text, its confidence."""

    x0: float
    top: float
    x1: float
    bottom: float
    text: str
    confidence: float


@functools.cache
def _engine():
    from rapidocr_onnxruntime import RapidOCR

    # Table text is horizontal: the angle classifier only costs time.
    return RapidOCR(use_cls=False, intra_op_num_threads=_THREADS, inter_op_num_threads=_THREADS)


def recognise_crop(gray: np.ndarray) -> tuple[str, float]:
    """The text of one cell's crop (recognition only, no detection) and its confidence."""
    result, _elapsed = _engine()(gray, use_det=False, use_cls=False, use_rec=True)
    if not result:
        return "", 0.0
    text, score = result[0][0], result[0][1]
    return str(text), float(score)


def recognise(gray: np.ndarray) -> list[Recognised]:
    """The text boxes of an upright page image."""
    result, _elapsed = _engine()(gray, use_cls=False)
    boxes = []
    for corners, text, score in result or ():
        xs = [float(p[0]) for p in corners]
        ys = [float(p[1]) for p in corners]
        boxes.append(Recognised(min(xs), min(ys), max(xs), max(ys), str(text), float(score)))
    return boxes

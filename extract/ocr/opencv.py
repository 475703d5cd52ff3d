"""OpenCV, imported without touching the process's environment.

opencv-python's loader prepends its bundled libraries to ``LD_LIBRARY_PATH`` and sets Qt's
font and plugin variables, for child processes only. Every child the pipeline starts (dbt,
Chromium, PostgreSQL, Celery workers) would inherit them, and none needs them: the
environment is put back as it was, so that configuration stays what the resources say.
"""

from __future__ import annotations

import os

_before = dict(os.environ)
import cv2  # noqa: E402  (imported between the snapshot and its restoration)

for _key in set(os.environ) - set(_before):
    del os.environ[_key]
os.environ.update(_before)

__all__ = ["cv2"]

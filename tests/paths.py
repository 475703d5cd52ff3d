"""Where things are, for every test: the repository and ../shared/ beside it."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
# The BI layer's models, one per SQL file: the tests compare what is built and published to these.
BI_MODELS = frozenset(path.stem for path in (REPO / "dbt_project" / "models" / "bi").glob("*.sql"))


def shared_path(*parts: str) -> Path:
    """A path under ../shared/, or skip the test saying why."""
    path = SHARED.joinpath(*parts)
    if not path.exists():
        pytest.skip(f"{path} is absent: ../shared/ is not beside this checkout")
    return path


def land(pdf: Path, landing: Path) -> None:
    """Put a shared PDF into a test's landing folder: a hard link (a copy across file systems),
    never a symbolic link, which the landing refuses when it points outside the folder."""
    try:
        os.link(pdf, landing / pdf.name)
    except OSError:
        shutil.copyfile(pdf, landing / pdf.name)

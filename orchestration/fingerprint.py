"""What a warehouse is built from, as one digest: when it matches the published one, a load
has nothing to rebuild.

The inputs are the documents (file name, bytes, and the cached extraction used for them) and the
code that turns them into the warehouse: the dbt project, the expectation suites, the raw
tables and the orchestration. The extractor's own code is not part of it: its output is
cached by content hash and changes only through a backfill, which changes the extractions.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from functools import lru_cache
from pathlib import Path

from orchestration.defs.dbt.project import dbt_sources_digest

_PACKAGES = ("expectations", "warehouse", "orchestration")


@lru_cache(maxsize=1)
def code_digest() -> str:
    """A digest of the code that builds the warehouse from the extractions (per process)."""
    digest = hashlib.sha256(dbt_sources_digest().encode())
    root = Path(__file__).resolve().parents[1]
    for package in _PACKAGES:
        for path in sorted((root / package).rglob("*.py")):
            digest.update(path.relative_to(root).as_posix().encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()


def inputs_fingerprint(documents: Iterable[tuple[str, str, str]], code: str | None = None) -> str:
    """``documents``: (source_file, sha256, cache stamp) of every landing file
    (ExtractionCache.stamp: which extraction of those bytes is used, and when it was made)."""
    digest = hashlib.sha256((code or code_digest()).encode())
    for name, sha256, stamp in sorted(documents):
        digest.update(f"\n{name}\0{sha256}\0{stamp}".encode())
    return digest.hexdigest()

"""The SHA-256 of each landing file, computed once per version of the file.

Every step that needs a file's hash (what is pending, the extraction, the raw tables, a
backfill's selection) asks here. A hash is kept with the file's identity and stat (device,
inode, size, modification and change times, to the nanosecond): while those have not moved,
the bytes have not either and the hash is reused, the way git's index and rsync tell
unchanged files. Writing a file in place, replacing it or copying another over it changes its
change time at least, which no program can set back; so a run hashes each new or changed file
once, and a rerun over unchanged files hashes nothing.

The hashes live in one SQLite file beside the extraction cache (``file_hashes.sqlite``);
concurrent runs share it (SQLite locks it), and losing it costs one hash per file again.
"""

from __future__ import annotations

import hashlib
import os
import sqlite3
from collections.abc import Iterable
from pathlib import Path

FILE_NAME = "file_hashes.sqlite"
_BUSY_SECONDS = 60  # another run writing its hashes

_DDL = """
create table if not exists file_hashes (
    path blob primary key,  -- the file system's bytes: a name need not be valid UTF-8
    stat text not null,
    sha256 text not null
)
"""


def file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _stat(path: Path) -> str:
    st = os.stat(path)
    return f"{st.st_dev}:{st.st_ino}:{st.st_size}:{st.st_mtime_ns}:{st.st_ctime_ns}"


class FileHashes:
    def __init__(self, folder: Path):
        self.path = Path(folder) / FILE_NAME

    def _known(self) -> dict[bytes, tuple[str, str]]:
        try:
            con = sqlite3.connect(self.path, timeout=_BUSY_SECONDS)
            try:
                con.execute(_DDL)
                return {p: (s, h) for p, s, h in con.execute("select path, stat, sha256 from file_hashes")}
            finally:
                con.close()
        except sqlite3.Error:  # damaged, locked too long, or a full disk: hash again
            return {}

    def _remember(self, rows: list[tuple[bytes, str, str]]) -> None:
        try:
            con = sqlite3.connect(self.path, timeout=_BUSY_SECONDS)
            try:
                with con:
                    con.execute(_DDL)
                    con.executemany("insert or replace into file_hashes values (?, ?, ?)", rows)
            finally:
                con.close()
        except (sqlite3.Error, ValueError):  # only a saving lost: the next run hashes these files again
            pass

    def sha256s(self, paths: Iterable[Path]) -> dict[Path, str | None]:
        """Each file's hash; None for one that cannot be read (gone or unreadable since it was
        listed). A file written while it is hashed gets its hash, not remembered."""
        paths = list(paths)
        if not paths:
            return {}
        self.path.parent.mkdir(parents=True, exist_ok=True)
        known = self._known()
        out: dict[Path, str | None] = {}
        fresh = []
        for path in paths:
            key = os.fsencode(os.path.abspath(path))
            try:
                before = _stat(path)
                if key in known and known[key][0] == before:
                    out[path] = known[key][1]
                    continue
                sha256 = file_sha256(path)
                after = _stat(path)
            except OSError:
                out[path] = None
                continue
            out[path] = sha256
            if after == before:
                fresh.append((key, after, sha256))
        if fresh:
            self._remember(fresh)
        return out

    def sha256(self, path: Path) -> str | None:
        return self.sha256s([path])[path]

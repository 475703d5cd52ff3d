"""Fetch the Data Docs assets (expectations/offline_docs.py ASSETS) from the npm registry
with `npm pack`, into expectations/data_docs_assets/, each package with its licence.

    python scripts/vendor_data_docs_assets.py

Run it when GX asks for other versions; the files are committed, so that a build needs no
network.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from expectations.offline_docs import ASSETS, ASSETS_DIR, EXTRA_FILES, local_path  # noqa: E402

LICENCES = ("LICENSE", "LICENSE.txt", "LICENSE.md", "LICENCE")


def main() -> None:
    wanted: dict[tuple[str, str], set[str]] = {}
    for package, version, file in (*ASSETS.values(), *EXTRA_FILES):
        wanted.setdefault((package, version), set()).add(file)
    shutil.rmtree(ASSETS_DIR, ignore_errors=True)
    with tempfile.TemporaryDirectory() as tmp:
        for (package, version), files in sorted(wanted.items()):
            out = (
                subprocess.run(
                    ["npm", "pack", "--silent", f"{package}@{version}"],
                    cwd=tmp,
                    check=True,
                    capture_output=True,
                    text=True,
                )
                .stdout.strip()
                .splitlines()[-1]
            )
            with tarfile.open(Path(tmp) / out) as tar:
                names = set(tar.getnames())
                licence = next((f"package/{n}" for n in LICENCES if f"package/{n}" in names), None)
                for file in sorted(files) + ([licence.removeprefix("package/")] if licence else []):
                    dest = ASSETS_DIR / local_path(package, version, file)
                    dest.parent.mkdir(parents=True, exist_ok=True)
                    dest.write_bytes(tar.extractfile(f"package/{file}").read())  # type: ignore[union-attr]  # a file
                if not licence:
                    # The package ships no licence file: its package.json names the licence.
                    meta = json.loads(tar.extractfile("package/package.json").read())  # type: ignore[union-attr]  # a file
                    author = meta.get("author")
                    author = author.get("name") if isinstance(author, dict) else author
                    (ASSETS_DIR / local_path(package, version, "LICENSE")).write_text(
                        f"{package}@{version} is distributed under the {meta.get('license')} licence "
                        f"(package.json), copyright {author or 'its authors'}; {meta.get('homepage', '')}\n",
                        encoding="utf-8",
                    )
            print(f"{package}@{version}: {len(files)} file(s)" + ("" if licence else " (licence in package.json only)"))


if __name__ == "__main__":
    main()

"""Data Docs that work without internet: GX renders pages that load bootstrap, jquery,
bootstrap-table, vega and font-awesome from CDNs, and a logo from GX's servers with the
context id in the query string (a tracking pixel). Government intranets have no internet,
so after every build the pages are rewritten to load copies shipped with the project
(``ASSETS_DIR``, fetched from the npm registry by ``scripts/vendor_data_docs_assets.py``,
each with its licence), and the pixel is removed.

The ids in the failing rows of a validation page become links to the evidence web view
(``budget-etl evidence serve`` on its default port): a failed identity to its boxed cells.
"""

from __future__ import annotations

import os
import re
import shutil
from pathlib import Path

from evidence.web import DEFAULT_PORT

ASSETS_DIR = Path(__file__).resolve().parent / "data_docs_assets"
VENDOR = "vendor"  # the folder, inside the Data Docs site, the assets are copied to

# CDN URL as GX writes it -> (npm package, exact version, file inside the package). Versions
# are the ones GX asks for; where it asks for a major only (vega@5), the last release of it.
ASSETS: dict[str, tuple[str, str, str]] = {
    "https://code.jquery.com/jquery-3.7.1.min.js": ("jquery", "3.7.1", "dist/jquery.min.js"),
    "https://cdnjs.cloudflare.com/ajax/libs/popper.js/1.12.9/umd/popper.min.js": (
        "popper.js",
        "1.12.9",
        "dist/umd/popper.min.js",
    ),
    "https://stackpath.bootstrapcdn.com/bootstrap/4.3.1/js/bootstrap.min.js": (
        "bootstrap",
        "4.3.1",
        "dist/js/bootstrap.min.js",
    ),
    "https://maxcdn.bootstrapcdn.com/bootstrap/4.3.1/css/bootstrap.min.css": (
        "bootstrap",
        "4.3.1",
        "dist/css/bootstrap.min.css",
    ),
    "https://unpkg.com/bootstrap-table@1.19.1/dist/bootstrap-table.min.js": (
        "bootstrap-table",
        "1.19.1",
        "dist/bootstrap-table.min.js",
    ),
    "https://unpkg.com/bootstrap-table@1.19.1/dist/bootstrap-table.min.css": (
        "bootstrap-table",
        "1.19.1",
        "dist/bootstrap-table.min.css",
    ),
    "https://unpkg.com/bootstrap-table@1.19.1/dist/extensions/filter-control/bootstrap-table-filter-control.min.js": (
        "bootstrap-table",
        "1.19.1",
        "dist/extensions/filter-control/bootstrap-table-filter-control.min.js",
    ),
    "https://unpkg.com/bootstrap-table@1.19.0/dist/extensions/filter-control/bootstrap-table-filter-control.css": (
        "bootstrap-table",
        "1.19.1",
        "dist/extensions/filter-control/bootstrap-table-filter-control.min.css",
    ),
    "https://unpkg.com/bootstrap-table@1.19.0/dist/extensions/filter-control/bootstrap-table-filter-control.min.css": (
        "bootstrap-table",
        "1.19.1",
        "dist/extensions/filter-control/bootstrap-table-filter-control.min.css",
    ),
    "https://cdnjs.cloudflare.com/ajax/libs/bootstrap-datepicker/1.9.0/js/bootstrap-datepicker.min.js": (
        "bootstrap-datepicker",
        "1.9.0",
        "dist/js/bootstrap-datepicker.min.js",
    ),
    "https://cdnjs.cloudflare.com/ajax/libs/bootstrap-datepicker/1.9.0/css/bootstrap-datepicker.min.css": (
        "bootstrap-datepicker",
        "1.9.0",
        "dist/css/bootstrap-datepicker.min.css",
    ),
    "https://cdn.jsdelivr.net/npm/vega@5": ("vega", "5.33.1", "build/vega.min.js"),
    "https://cdn.jsdelivr.net/npm/vega-lite@5": ("vega-lite", "5.23.0", "build/vega-lite.min.js"),
    "https://cdn.jsdelivr.net/npm/vega-embed@6": ("vega-embed", "6.29.0", "build/vega-embed.min.js"),
    "https://cdnjs.cloudflare.com/ajax/libs/font-awesome/6.6.0/css/all.min.css": (
        "@fortawesome/fontawesome-free",
        "6.6.0",
        "css/all.min.css",
    ),
    "https://cdn.jsdelivr.net/npm/@forevolve/bootstrap-dark@1.1.0/dist/css/bootstrap-prefers-dark.css": (
        "@forevolve/bootstrap-dark",
        "1.1.0",
        "dist/css/bootstrap-prefers-dark.css",
    ),
}
# Files the assets above load in turn (font-awesome's CSS: ../webfonts/...).
EXTRA_FILES: tuple[tuple[str, str, str], ...] = tuple(
    ("@fortawesome/fontawesome-free", "6.6.0", f"webfonts/{name}")
    for name in ("fa-solid-900.woff2", "fa-regular-400.woff2", "fa-brands-400.woff2", "fa-v4compatibility.woff2")
)
_PIXEL = re.compile(r'<img[^>]*src="https://great-expectations-web-assets\.[^"]*"[^>]*>')
_REMOTE_LOGO = re.compile(r"url\('https://great-expectations-web-assets\.[^']*'\)")  # the dark-mode logo


EVIDENCE_URL = f"http://127.0.0.1:{DEFAULT_PORT}"
# Suite -> (evidence view, the id its failing rows print), for the links of its validation pages.
_ID_CELL = r'(<div class="show-scrollbars">)({id})(</div>)'
EVIDENCE_LINKS: dict[str, tuple[str, re.Pattern]] = {
    "accounting_identities": ("identity", re.compile(_ID_CELL.format(id="[0-9a-f]{16}"))),
    "budget_line_structure": ("line", re.compile(_ID_CELL.format(id="[0-9a-f]{16}-[0-9]{6}"))),
}


def local_path(package: str, version: str, file: str) -> str:
    """Where a package file lives under ASSETS_DIR (and under the site's vendor/ folder)."""
    return f"{package.replace('/', '__')}-{version}/{file}"


def make_offline(site: Path) -> None:
    """Copy the assets into the site and point every page at them; drop the tracking pixel."""
    site = Path(site)
    target = site / VENDOR
    shutil.copytree(ASSETS_DIR, target, dirs_exist_ok=True)
    for page in site.rglob("*.html"):
        text = original = page.read_text(encoding="utf-8")
        prefix = os.path.relpath(target, page.parent).replace(os.sep, "/")
        for url, (package, version, file) in ASSETS.items():
            text = text.replace(f'"{url}"', f'"{prefix}/{local_path(package, version, file)}"')
        text = _REMOTE_LOGO.sub("none", _PIXEL.sub("", text))
        parts = page.relative_to(site).parts
        if parts[0] == "validations" and parts[1] in EVIDENCE_LINKS:
            view, cell = EVIDENCE_LINKS[parts[1]]

            def linked(m: re.Match[str], view: str = view) -> str:
                return f'{m[1]}<a href="{EVIDENCE_URL}/{view}/{m[2]}">{m[2]}</a>{m[3]}'

            text = cell.sub(linked, text)
        if text != original:  # pages made offline by an earlier validation stay as they are
            page.write_text(text, encoding="utf-8")

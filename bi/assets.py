"""The dashboards as files: ``bi/superset/`` in Superset's export format (YAML), and the
bundle imported from them.

The database file under ``databases/`` names the quick start's warehouse
(``duckdb:///warehouse/budget.duckdb``); the bundle points it at the warehouse being served,
and a re-export points it back, so the files never carry a machine's path.
"""

from __future__ import annotations

import io
import json
import shutil
import zipfile
from pathlib import Path

import yaml

from bi.environment import BI_DIR

ASSETS_DIR = BI_DIR / "superset"
REPOSITORY_URI = "duckdb:///warehouse/budget.duckdb"
# A fixed stamp: a re-export that changed nothing leaves the files as they were.
METADATA_TIMESTAMP = "2026-12-03T00:00:00+00:00"


def warehouse_uri(warehouse: Path) -> str:
    return f"duckdb:///{warehouse.resolve()}"


def _dump(config: dict) -> str:
    return yaml.safe_dump(config, allow_unicode=True, sort_keys=True, width=120)


def _with_uri(text: str, uri: str) -> str:
    config = yaml.safe_load(text)
    config["sqlalchemy_uri"] = uri
    return _dump(config)


def _without_instance_ids(name: str, config: dict, tables: dict[str, str]) -> dict:
    """An exported asset as the repository keeps it: the ids of one Superset's metadata
    (rewritten by every import) replaced by fixed values, so a re-export shows only real changes."""
    if name.startswith("charts/"):
        datasource = f"{tables.get(config['dataset_uuid'], 'dataset')}__table"
        config["params"]["datasource"] = datasource
        config["params"].pop("slice_id", None)
        if config.get("query_context"):
            context = json.loads(config["query_context"])
            context["datasource"] = {"id": 0, "type": "table"}
            context.get("form_data", {}).update(datasource=datasource)
            context.get("form_data", {}).pop("slice_id", None)
            config["query_context"] = json.dumps(context, ensure_ascii=False)
    elif name.startswith("dashboards/"):
        for item in config.get("position", {}).values():
            if isinstance(item, dict) and item.get("type") == "CHART":
                item["meta"]["chartId"] = 0
        # Superset fills these on a dashboard's first view, from the labels of the data shown:
        # they belong to a warehouse, not to the dashboard (label_colors, set by hand, stays).
        metadata = config.get("metadata", {})
        metadata.pop("map_label_colors", None)
        metadata.update(shared_label_colors=[], color_scheme_domain=[])
    return config


def write_bundle(warehouse: Path, target: Path, assets: Path = ASSETS_DIR) -> Path:
    """Zip the asset files into ``target``, the database pointed at ``warehouse``."""
    with zipfile.ZipFile(target, "w") as archive:
        for path in sorted(assets.rglob("*.yaml")):
            name = path.relative_to(assets).as_posix()
            text = path.read_text(encoding="utf-8")
            if name.startswith("databases/"):
                text = _with_uri(text, warehouse_uri(warehouse))
            archive.writestr(f"bundle/{name}", text)
    return target


def _uuid(text: str) -> str | None:
    return (yaml.safe_load(text) or {}).get("uuid")


def replace_from_export(export_zip: bytes, assets: Path = ASSETS_DIR) -> list[str]:
    """Make ``assets`` the contents of a Superset assets export (``/api/v1/assets/export/``):
    every file replaced, an asset keeping the file name it had (matched by uuid), the
    database pointed back at the repository's path. Returns the files written."""
    previous = {
        _uuid(p.read_text(encoding="utf-8")): p.relative_to(assets).as_posix()
        for p in assets.rglob("*.yaml")
        if p.name != "metadata.yaml"
    }
    exported: dict[str, dict] = {}
    with zipfile.ZipFile(io.BytesIO(export_zip)) as archive:
        for member in archive.namelist():
            name = member.split("/", 1)[1]  # below the export's root folder
            # metadata.yaml is written below: an assets bundle, without the export's timestamp
            if member.endswith(".yaml") and name != "metadata.yaml":
                exported[name] = yaml.safe_load(archive.read(member).decode("utf-8"))
    tables = {c["uuid"]: c["table_name"] for n, c in exported.items() if n.startswith("datasets/")}
    files: dict[str, str] = {}
    for name, config in exported.items():
        if name.startswith("databases/"):
            config["sqlalchemy_uri"] = REPOSITORY_URI
        files[previous.get(config["uuid"], name)] = _dump(_without_instance_ids(name, config, tables))
    if not any(n.startswith("dashboards/") for n in files):
        raise ValueError("The export holds no dashboard.")
    for old in assets.iterdir():
        if old.is_dir():
            shutil.rmtree(old)
    files["metadata.yaml"] = _dump({"version": "1.0.0", "type": "assets", "timestamp": METADATA_TIMESTAMP})
    for name, text in files.items():
        path = assets / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return sorted(files)

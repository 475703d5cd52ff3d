"""`dbt docs generate` works, every column of every mart and BI model is documented, and the
dashboards are exposures reading the BI layer."""

from __future__ import annotations

import json

import yaml

from tests.dbt import dbt_runner
from tests.paths import BI_MODELS, REPO


def test_docs_generate_documents_every_mart_and_bi_column(warehouse, dbt_scratch):
    # The build just compiled every node into the same target path: the catalog is what is left.
    result = dbt_runner.dbt(["docs", "generate", "--no-compile"], warehouse, dbt_scratch)
    assert result.returncode == 0, result.stdout[-5000:]
    target = dbt_scratch / "target"
    manifest = json.loads((target / "manifest.json").read_text())
    catalog = json.loads((target / "catalog.json").read_text())
    marts = {
        node_id: node
        for node_id, node in manifest["nodes"].items()
        if node["resource_type"] == "model" and node["config"]["schema"] in ("marts", "bi")
    }
    assert {
        "dim_document",
        "dim_department",
        "dim_fiscal_year",
        "dim_budget_table",
        "dim_function_class",
        "dim_economic_class",
        "fct_budget_line",
        "fct_identity_check",
        "fct_department_year",
    } | BI_MODELS <= {node["name"] for node in marts.values()}
    problems = []
    for node_id, node in marts.items():
        built = {c.lower() for c in catalog["nodes"][node_id]["columns"]}
        documented = {name.lower(): col.get("description", "").strip() for name, col in node["columns"].items()}
        if not node.get("description", "").strip():
            problems.append(f"{node['name']}: no model description")
        problems += [f"{node['name']}.{c}: undocumented" for c in sorted(built - set(documented))]
        problems += [f"{node['name']}.{c}: documented but absent" for c in sorted(set(documented) - built)]
        problems += [f"{node['name']}.{c}: empty description" for c, d in documented.items() if not d]
    assert problems == []


def test_every_dashboard_is_an_exposure_reading_only_the_bi_layer(warehouse, dbt_scratch):
    manifest = json.loads((dbt_scratch / "target" / "manifest.json").read_text())
    exposures = {e["url"].rstrip("/").rsplit("/", 1)[1]: e for e in manifest["exposures"].values()}
    slugs = {yaml.safe_load(p.read_text())["slug"] for p in (REPO / "bi" / "superset" / "dashboards").glob("*.yaml")}
    assert slugs and set(exposures) == slugs
    for slug, exposure in exposures.items():
        read = exposure["depends_on"]["nodes"]
        assert read and all(manifest["nodes"][n]["config"]["schema"] == "bi" for n in read), (slug, read)


def test_schema_reference_is_generated_from_the_models(warehouse, dbt_scratch):
    """docs/schema.md is what scripts/schema_docs.py makes of the yml, and every column of the
    built public schema is in it with the type the warehouse really has."""
    from scripts.schema_docs import OUT, render

    assert OUT.read_text(encoding="utf-8") == render(), (
        "docs/schema.md is out of date: run python scripts/schema_docs.py"
    )
    catalog = json.loads((dbt_scratch / "target" / "catalog.json").read_text())
    rows = {line for line in OUT.read_text(encoding="utf-8").splitlines() if line.startswith("| `")}
    missing = []
    for node in catalog["nodes"].values():
        if node["metadata"]["schema"].rsplit("_", 1)[-1] not in ("marts", "bi"):
            continue
        for column in node["columns"].values():
            prefix = f"| `{column['name']}` | {column['type'].lower()} |"
            if not any(row.startswith(prefix) for row in rows):
                missing.append(f"{node['metadata']['name']}.{column['name']} {column['type']}")
    assert missing == []

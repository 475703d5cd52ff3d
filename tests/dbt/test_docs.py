"""`dbt docs generate` works, and every column of every mart is documented."""

from __future__ import annotations

import json

from tests.dbt import dbt_runner


def test_docs_generate_documents_every_mart_column(warehouse, dbt_scratch):
    # The build just compiled every node into the same target path: the catalog is what is left.
    result = dbt_runner.dbt(["docs", "generate", "--no-compile"], warehouse, dbt_scratch)
    assert result.returncode == 0, result.stdout[-5000:]
    target = dbt_scratch / "target"
    manifest = json.loads((target / "manifest.json").read_text())
    catalog = json.loads((target / "catalog.json").read_text())
    marts = {
        node_id: node for node_id, node in manifest["nodes"].items()
        if node["resource_type"] == "model" and node["config"]["schema"] == "marts"
    }
    assert {"dim_document", "dim_department", "dim_fiscal_year", "dim_budget_table", "dim_function_class",
            "dim_economic_class", "fct_budget_line", "fct_identity_check", "fct_department_year"} <= {
        node["name"] for node in marts.values()
    }
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

"""Write docs/schema.md, the reference of the public schema, from the dbt models' yml files.

    python scripts/schema_docs.py           # rewrite docs/schema.md
    python scripts/schema_docs.py --check   # exit 1 when docs/schema.md is out of date

The yml beside each model is the one source of its description, its columns' types (the
model contract dbt enforces at build time) and their meanings; this page only lays them out
for readers without dbt (`dbt docs generate` renders the same text with lineage).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import yaml

REPO = Path(__file__).resolve().parents[1]
MODELS = REPO / "dbt_project" / "models"
OUT = REPO / "docs" / "schema.md"
# The public schemas in the order a reader needs them: the marts, then the BI layer built on them.
SCHEMAS = (
    ("marts", "The marts: the warehouse's public tables, one row per the grain each describes."),
    ("bi", "The BI layer: wide tables for dashboards, one per subject, built from the marts."),
)


def _one_line(text: str | None) -> str:
    return " ".join((text or "").split()).replace("|", "\\|")


def render() -> str:
    parts = [
        "# The public schema",
        "",
        "Generated from the dbt models' yml files by `python scripts/schema_docs.py`: edit the yml,",
        "then rerun it (a test fails when this page is out of date). Types are the models'",
        "contracts, enforced by dbt on every build; amounts are `DECIMAL(20,2)` yuan. What changed",
        "between releases is in `CHANGELOG.md`.",
    ]
    for schema, about in SCHEMAS:
        parts += ["", f"## Schema `{schema}`", "", about]
        for path in sorted((MODELS / schema).glob("*.yml")):
            for model in yaml.safe_load(path.read_text(encoding="utf-8")).get("models", []):
                parts += [
                    "",
                    f"### `{schema}.{model['name']}`",
                    "",
                    _one_line(model.get("description")),
                    "",
                    "| column | type | meaning |",
                    "|---|---|---|",
                ]
                for column in model.get("columns", []):
                    parts.append(
                        f"| `{column['name']}` | {column.get('data_type', '')} | "
                        f"{_one_line(column.get('description'))} |"
                    )
    return "\n".join(parts) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="only check that docs/schema.md is up to date")
    args = parser.parse_args(argv)
    text = render()
    if args.check:
        if OUT.read_text(encoding="utf-8") != text:
            print(f"{OUT.relative_to(REPO)} is out of date: run python scripts/schema_docs.py", file=sys.stderr)
            return 1
        return 0
    OUT.write_text(text, encoding="utf-8")
    print(f"Wrote {OUT.relative_to(REPO)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""Import an asset bundle (a zip in Superset's export format) into Superset's metadata,
overwriting what is there: the database connection, datasets, charts and dashboards.

Run by `budget-etl bi serve` with the BI virtualenv's Python (it imports Superset, which the
project's own virtualenv does not have): ``python bi/superset_import.py BUNDLE.zip``.
Superset's ImportAssetsCommand, unlike `superset import-dashboards`, overwrites the database
and datasets too, so a re-import after a change of warehouse path or columns takes effect.
"""

import sys
import zipfile


def main(bundle: str) -> int:
    from superset.app import create_app

    app = create_app()
    with app.app_context():
        from superset import security_manager
        from superset.commands.importers.v1.assets import ImportAssetsCommand
        from superset.utils.core import override_user

        with zipfile.ZipFile(bundle) as archive:
            contents = {name: archive.read(name).decode("utf-8") for name in archive.namelist() if name.endswith(".yaml")}
        with override_user(security_manager.find_user(username="admin")):
            ImportAssetsCommand(contents).run()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))

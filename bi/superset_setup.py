"""Prepare Superset's metadata for `budget-etl bi serve`, in one process: migrate the metadata
database, sync roles and permissions (`superset init`), make sure the admin user exists, and
import the asset bundle (a zip in Superset's export format), overwriting what is there.

Runs with the BI virtualenv's Python, which has Superset (the project's own virtualenv does
not): ``python bi/superset_setup.py BUNDLE.zip``, with SUPERSET_CONFIG_PATH and BUDGET_BI_HOME
set, the admin password in BUDGET_BI_ADMIN_PASSWORD, and BUDGET_BI_RESET_PASSWORD=1 when an
existing admin must take that password. Prints one JSON line: {"admin_created": bool}.

Superset's ImportAssetsCommand, unlike `superset import-dashboards`, overwrites the database
connection and the datasets too, so a re-import after a change of warehouse path or of columns
takes effect, and nothing is ever duplicated (assets are matched by uuid).
"""

import json
import os
import sys
import zipfile

ADMIN = "admin"


def main(bundle: str) -> int:
    from superset.app import create_app

    app = create_app()
    with app.app_context():
        from flask_migrate import upgrade
        from superset import security_manager
        from superset.commands.importers.v1.assets import ImportAssetsCommand
        from superset.commands.importers.v1.utils import remove_root
        from superset.extensions import appbuilder
        from superset.utils.core import override_user

        upgrade()
        appbuilder.add_permissions(update_perms=True)
        security_manager.sync_role_definitions()

        password = os.environ["BUDGET_BI_ADMIN_PASSWORD"]
        user = security_manager.find_user(username=ADMIN)
        created = user is None
        if created:
            role = security_manager.find_role(security_manager.auth_role_admin)
            user = security_manager.add_user(ADMIN, "Budget", "Admin", "admin@localhost", role, password)
            if not user:
                raise RuntimeError("Superset could not create the admin user.")
        elif os.environ.get("BUDGET_BI_RESET_PASSWORD") == "1":
            security_manager.reset_password(user.id, password)

        with zipfile.ZipFile(bundle) as archive:
            contents = {
                remove_root(n): archive.read(n).decode("utf-8") for n in archive.namelist() if n.endswith(".yaml")
            }
        with override_user(user):
            ImportAssetsCommand(contents).run()
    print(json.dumps({"admin_created": created}))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))

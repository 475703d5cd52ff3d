"""`budget-etl bi export`: the dashboards of a running Superset back into bi/superset/.

After a change made in the UI, this writes every asset (database, datasets, charts,
dashboards) as Superset exports it, so that the change is reviewed like code. It logs in as
admin through the REST API with BUDGET_BI_PASSWORD.
"""

from __future__ import annotations

import json
import urllib.error
import urllib.request

from bi import BIError, assets


def _request(url: str, body: dict | None = None, token: str | None = None) -> bytes:
    headers = {"Content-Type": "application/json"} if body is not None else {}
    if token:
        headers["Authorization"] = f"Bearer {token}"
    data = json.dumps(body).encode() if body is not None else None
    with urllib.request.urlopen(urllib.request.Request(url, data=data, headers=headers), timeout=120) as response:
        return response.read()


def export(base_url: str, password: str) -> list[str]:
    base_url = base_url.rstrip("/")
    try:
        login = _request(f"{base_url}/api/v1/security/login",
                         {"username": "admin", "password": password, "provider": "db", "refresh": False})
    except urllib.error.HTTPError as exc:
        if exc.code == 401:
            raise BIError("Superset refused the login: set BUDGET_BI_PASSWORD to the admin password.") from None
        raise BIError(f"Superset at {base_url} answered {exc.code} to the login.") from None
    except (urllib.error.URLError, OSError):
        raise BIError(f"No Superset answers at {base_url}: start it with `budget-etl bi serve`.") from None
    token = json.loads(login)["access_token"]
    try:
        bundle = _request(f"{base_url}/api/v1/assets/export/", token=token)
    except urllib.error.HTTPError as exc:
        raise BIError(f"Superset at {base_url} answered {exc.code} to the export.") from None
    return assets.replace_from_export(bundle)

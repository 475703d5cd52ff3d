"""Superset's own virtualenv: where it is, and installing it from bi/requirements.txt.

Superset pins SQLAlchemy 1.4 and its own Flask stack, which clash with Dagster's, so it
lives apart from the project's virtualenv (default ``.venv-bi`` at the repository root, or
BUDGET_BI_VENV). Installing is idempotent: a marker records the hash of the requirements
installed, and a changed requirements file reinstalls.
"""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
from pathlib import Path

from bi import BIError

BI_DIR = Path(__file__).resolve().parent
REPO = BI_DIR.parent
REQUIREMENTS = BI_DIR / "requirements.txt"
MARKER = ".installed"


def venv_path() -> Path:
    return Path(os.environ.get("BUDGET_BI_VENV") or REPO / ".venv-bi").resolve()


def executable(venv: Path, name: str) -> Path:
    return venv / "bin" / name


def _requirements_hash() -> str:
    return hashlib.sha256(REQUIREMENTS.read_bytes()).hexdigest()


def is_installed(venv: Path) -> bool:
    marker = venv / MARKER
    return (
        marker.is_file()
        and marker.read_text().strip() == _requirements_hash()
        and executable(venv, "python").exists()
        and executable(venv, "gunicorn").exists()
    )


def _run(command: list[str], what: str, venv: Path) -> None:
    try:
        result = subprocess.run(command, capture_output=True, text=True)
    except OSError as exc:
        raise BIError(f"{what} failed: {exc}.") from None
    if result.returncode != 0:
        tail = "\n".join((result.stdout + result.stderr).strip().splitlines()[-15:])
        raise BIError(f"{what} failed (exit {result.returncode}). The BI virtualenv is {venv}.\n{tail}")


def install(venv: Path, log=print) -> bool:
    """Install Superset into ``venv`` unless it is there already; True when it installed."""
    if is_installed(venv):
        return False
    log(f"Installing Superset into {venv} (a few minutes, once)...")
    if not executable(venv, "python").exists():
        try:
            venv.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise BIError(f"Cannot create the BI virtualenv at {venv}: {exc.strerror}.") from None
        _run([sys.executable, "-m", "venv", str(venv)], f"Creating the BI virtualenv at {venv}", venv)
    pip = [str(executable(venv, "python")), "-m", "pip", "install", "--quiet", "--disable-pip-version-check"]
    _run([*pip, "-r", str(REQUIREMENTS)], f"Installing {REQUIREMENTS.relative_to(REPO)}", venv)
    (venv / MARKER).write_text(_requirements_hash() + "\n")
    return True


def require(venv: Path) -> None:
    """Fail clearly when the BI virtualenv is not installed (for commands that never install)."""
    if not is_installed(venv):
        raise BIError(
            f"Superset is not installed in {venv} (or bi/requirements.txt changed since): "
            "run `budget-etl bi install`, or `budget-etl bi serve`, which installs it."
        )

"""The models' dbt unit tests pass. They run here, not in a load (orchestration/defs/dbt/assets.py
excludes them): they test the models' code on fixed inputs, whatever the warehouse holds."""

from __future__ import annotations

import re

from tests.dbt import dbt_runner


def test_every_dbt_unit_test_passes(warehouse, dbt_scratch):
    result = dbt_runner.dbt(["test", "--select", "test_type:unit"], warehouse, dbt_scratch)
    output = re.sub(r"\x1b\[[0-9;]*m", "", result.stdout)  # dbt's colours
    assert result.returncode == 0, output[-10000:]
    found = re.search(r"Found .*?(\d+) unit tests", output)
    passed = re.findall(r"\d+ of \d+ PASS \w+::test_", output)
    assert found and len(passed) == int(found[1]) >= 12, output[-3000:]
    assert re.search(r"Done\. PASS=\d+ WARN=0 ERROR=0 SKIP=0", output), output[-3000:]

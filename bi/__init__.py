"""The BI tool: Apache Superset over the published warehouse, from files in this folder.

``bi/superset/`` holds the dashboards in Superset's export format; ``budget-etl bi serve``
installs Superset into its own virtualenv (``bi/requirements.txt``), prepares its metadata
beside the warehouse and serves the dashboards on 127.0.0.1.
"""


class BIError(Exception):
    """A problem the user can fix, reported as one message (no traceback)."""

"""What sqlfluff renders for the dbt context the models' macros use beyond `adapter.` and
`dbt.` (its submodules): run_query, whose results a lint without a warehouse makes up."""

from types import SimpleNamespace


def run_query(sql: str) -> SimpleNamespace:
    """One document changed: changed_documents_list writes it out as a constant."""
    return SimpleNamespace(columns=[SimpleNamespace(values=lambda: ["0123456789abcdef"])])

"""What sqlfluff renders for `adapter.` in the models (no warehouse is opened when linting):
int_documents__changed reads ops.built_documents when it exists, so the lint pretends it does
and checks that branch."""


def get_relation(database: str, schema: str, identifier: str) -> str:
    return f"{schema}.{identifier}"

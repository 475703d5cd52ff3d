"""budget-etl: the command-line front of the project (``budget_etl.cli``) and the sample corpus."""

"""The sample corpus: budget disclosure PDFs with exact truth, for tests, demos and benchmarks.

``write_sample_corpus(out_dir)`` writes the seed department (武汉市硚口区大数据中心 2021, as its
published PDF prints it), five fictional departments laid out the ways real publishers do,
one of them with a deliberate accounting error, and five files the pipeline must reject;
``departments=N`` adds N synthetic departments. ``truth.json`` beside them says what each
file must yield.

``write_identity_breakers(out_dir)`` writes a separate set: for every catalogued accounting
identity a budget can break, ``break_<identity>.pdf``, a clean fictional disclosure with one
misprinted amount, whose truth says exactly which identities fail and what the warehouse
must report for each.
"""

from budget_etl.sample.breakers import write_identity_breakers
from budget_etl.sample.corpus import write_sample_corpus
from budget_etl.sample.truth import ExpectedFailure, PerformanceProject, SampleDocument, read_truth

__all__ = [
    "ExpectedFailure",
    "PerformanceProject",
    "SampleDocument",
    "read_truth",
    "write_identity_breakers",
    "write_sample_corpus",
]

"""PDF extractor for 部门预算/决算公开 disclosures: ``extract_document(path) -> Extraction``."""

from .document import extract_document
from .model import BudgetLine, DocumentFacts, Extraction, TableFound

__all__ = ["BudgetLine", "DocumentFacts", "Extraction", "TableFound", "extract_document"]

"""Evidence: every figure of the warehouse shown on its page, its printed cell boxed.

``lookup`` reads what to show from the published warehouse (read-only); ``render`` draws it
on the landing PDF's pages (PNG, annotated PDF). Nothing here writes the warehouse.
"""

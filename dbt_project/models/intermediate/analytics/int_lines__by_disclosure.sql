-- The amounts of each current disclosure that can be compared with another disclosure's:
-- function, economic and 三公 lines (not income, not the 绩效 tables), one row per
-- (disclosure, table, line, measure). A disclosure may come as several files (a narrative PDF
-- reprinting one table of the tables PDF): a line printed in both counts once.
-- A line is named by its code, or, without a code, by its line_key (合计 rows, 收支总表 totals,
-- 三公 items); a line with neither cannot be matched and is left out.

-- A table, not a view: fct_year_over_year, fct_budget_execution and four tests read it, and a
-- view aggregates every current line again for each (7 s of a load's tests at 10,000 documents).
-- Incremental by document: a row's document_id is one of its disclosure's, and when one file
-- of a disclosure changes, int_documents__changed lists every file of it, before and after,
-- so the disclosure's rows are deleted and its lines all read again (3.7 s -> 0.1 s a load
-- at 10,000 documents).
{{ incremental_by_document_config() }}
-- depends_on: {{ ref('int_documents__changed') }}
select
    disclosure_id,
    min(department_id) as department_id,
    min(fiscal_year) as fiscal_year,
    min(document_kind) as document_kind,
    min(document_scope) as document_scope,
    table_kind,
    classification,
    code,
    line_key,
    measure,
    min(line_label) as line_label,
    bool_or(is_subtotal) as is_subtotal,
    -- Copies of one table in two files of a disclosure print the same figure; should they
    -- differ, the larger is kept and int_lines__by_disclosure's test flags it.
    max(amount_yuan) as amount_yuan,
    count(distinct amount_yuan) as n_printed_amounts,
    min(document_id) as document_id
from {{ ref('int_budget_lines__current') }}
where disclosure_id is not null
    and department_id is not null
    and classification in ('function', 'economic', 'three_public')
    and table_kind <> 'performance_targets'
    and (code is not null or line_key is not null)
    {{ changed_documents_only() }}
group by disclosure_id, table_kind, classification, code, line_key, measure

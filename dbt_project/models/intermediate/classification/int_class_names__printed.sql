-- Every name printed for a function or economic code in the current documents, with how
-- many documents printed it (a document printing it in several tables or columns counts once).
select
    classification,
    code,
    line_label as printed_name,
    {{ label_key('line_label') }} as name_key,
    -- Names printed in coded tables (支出总表, 基本支出表 ...) rank before the ordinal-prefixed
    -- labels of the 收支总表, which serve only as aliases.
    bool_or(table_kind not in ('revenue_expenditure_summary', 'fiscal_grant_summary')) as in_coded_table,
    count(distinct document_id) as n_documents,
    min(fiscal_year) as first_fiscal_year,
    max(fiscal_year) as last_fiscal_year
from {{ ref('int_budget_lines__current') }}
where classification in ('function', 'economic') and code is not null
group by all

-- One row per (classification, code) printed in a current document: how many names it was
-- printed under, in which years, by how many documents, and the name that wins (printed in
-- a coded table first, then by the most documents, the latest year, the shorter name).
-- dim_function_class and dim_economic_class both read it.
with printed_names as (
    select * from {{ ref('int_class_names__printed') }}
),

printed as (
    select
        classification,
        code,
        count(*) as n_names,
        min(first_fiscal_year) as first_fiscal_year,
        max(last_fiscal_year) as last_fiscal_year
    from printed_names
    group by classification, code
),

document_counts as (
    select classification, code, count(distinct document_id) as n_documents
    from {{ ref('int_budget_lines__current') }}
    where classification in ('function', 'economic') and code is not null
    group by classification, code
),

best_name as (
    select classification, code, printed_name
    from printed_names
    qualify row_number() over (
        partition by classification, code
        order by in_coded_table desc, n_documents desc, last_fiscal_year desc, length(printed_name) asc, printed_name asc
    ) = 1
)

select
    printed.classification,
    printed.code,
    best_name.printed_name as best_printed_name,
    printed.n_names,
    printed.first_fiscal_year,
    printed.last_fiscal_year,
    coalesce(document_counts.n_documents, 0) as n_documents
from printed
left join best_name using (classification, code)
left join document_counts using (classification, code)

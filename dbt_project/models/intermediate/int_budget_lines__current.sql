-- The budget lines of the current documents (loaded and not superseded), with their
-- document's department and year, and the code resolved from the printed name where the
-- extractor left it null but the name is a curated alias of exactly one 类.
--
-- A table, not a view: a dozen identity models and four marts read it, and materialising
-- it once costs less than recomputing the label normalisation and the document join for
-- each of them (see benchmarks/dbt_build.py). Incremental by document: a build replaces the
-- lines of the changed documents only (int_documents__changed).
{{ incremental_by_document_config() }}
-- depends_on: {{ ref('int_documents__changed') }}

with lines as (
    select * from {{ ref('stg_raw__budget_lines') }}
    where true {{ changed_documents_only() }}
),

current_documents as (
    select document_id, department_id, fiscal_year, document_kind, document_scope, disclosure_id
    from {{ ref('int_documents__status') }}
    where status = 'loaded'
),

class_aliases as (
    -- Only 类 names (3-digit codes), and only keys that name one code: 款 names repeat
    -- across 类 (30902 and 31002 are both 办公设备购置) and must be resolved by code.
    select classification, alias_key, min(code) as code
    from {{ ref('int_class_alias__reference') }}
    where length(code) = 3
    group by classification, alias_key
    having count(distinct code) = 1
),

uncoded as (
    select
        lines.document_id,
        lines.line_no,
        class_aliases.code
    from lines
    inner join class_aliases
        on lines.classification = class_aliases.classification
        and {{ label_key('lines.line_label') }} = class_aliases.alias_key
    where lines.code is null
        and lines.classification in ('function', 'economic')
        and coalesce(lines.line_key, '') not in (
            'total', 'income_total', 'income_grand_total', 'expenditure_total',
            'expenditure_grand_total', 'carried_over', 'year_end_balance'
        )
)

select
    lines.document_id,
    lines.line_no,
    current_documents.department_id,
    current_documents.fiscal_year,
    current_documents.document_kind,
    current_documents.document_scope,
    current_documents.disclosure_id,
    lines.table_kind,
    lines.classification,
    coalesce(lines.code, uncoded.code) as code,
    case
        when lines.code is not null then 'printed'
        when uncoded.code is not null then 'alias'
    end as code_source,
    lines.line_key,
    lines.line_label,
    lines.measure,
    -- The column holding a row's total: 合计 / 预算数 (measure total) or, in a 收支总表 whose
    -- expenditure side heads it 本年支出 (measure expenditure) and prints no total column,
    -- that one. Cross-table identities and headline figures read this column.
    lines.measure = 'total'
        or (lines.measure = 'expenditure'
            and not bool_or(lines.measure = 'total') over (
                partition by lines.document_id, lines.table_kind, lines.classification
            )) as is_total_column,
    lines.amount_yuan,
    lines.is_subtotal,
    lines.source_page,
    lines.unit,
    lines.amount_x0,
    lines.amount_top,
    lines.amount_x1,
    lines.amount_bottom,
    lines.label_x0,
    lines.label_top,
    lines.label_x1,
    lines.label_bottom,
    lines.is_derived,
    lines.text_source,
    lines.ocr_confidence
from lines
inner join current_documents using (document_id)
left join uncoded using (document_id, line_no)

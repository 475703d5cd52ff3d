-- One row per total the narrative (情况说明, 第三部分) restates, in a current document, checked
-- against the table cell it restates (seed ref_narrative_total: the first cell by priority the
-- disclosure prints). The cell is looked for in every current file of the same disclosure, as
-- Jiangsu publishes the narrative and the tables as two PDFs. A 三公 item left blank beside a
-- printed 合计 is an exact 0. A total whose cell the disclosure does not print stays, with
-- passed null: it is kept, not checked. Incremental by document: the changed set holds every
-- document of a disclosure any of whose files changed, so a check is replaced whenever a file
-- it may be checked against is.
{{ incremental_by_document_config() }}
-- depends_on: {{ ref('int_documents__changed') }}
with documents as (
    select document_id, department_id, fiscal_year, disclosure_id
    from {{ ref('int_documents__status') }}
    where status = 'loaded'
),

narrative as (
    select narrative.*, documents.department_id, documents.fiscal_year, documents.disclosure_id,
        {{ narrative_rounding_yuan('phrase', 'unit') }} as narrative_rounding_yuan
    from {{ ref('stg_raw__narrative_totals') }} as narrative
    inner join documents using (document_id)
    where true {{ changed_documents_only('narrative.document_id') }}
),

lines as (
    select * from {{ ref('int_budget_lines__current') }}
    where code is null
),

rounding as (
    select document_id, unit, rounding_yuan from {{ ref('int_documents__rounding') }}
),

candidates as (
    -- Every printed cell a total may be checked against. A 收支总表 prints 支出总计 once per
    -- expenditure group, and a narrative PDF may reprint a table of its tables PDF: one cell
    -- is taken, by priority, then from the narrative's own file, then the function group.
    select
        narrative.document_id,
        narrative.total_key,
        targets.table_kind,
        lines.amount_yuan as table_yuan,
        lines.unit as table_unit,
        lines.source_page as table_page,
        rounding.rounding_yuan as table_rounding_yuan,
        row_number() over (
            partition by narrative.document_id, narrative.total_key
            order by targets.priority asc, lines.document_id = narrative.document_id desc,
                lines.classification = 'function' desc, lines.source_page asc, lines.line_no asc
        ) as preference
    from narrative
    inner join {{ ref('ref_narrative_total') }} as targets using (total_key)
    inner join lines
        on lines.disclosure_id = narrative.disclosure_id
        and lines.table_kind = targets.table_kind
        and lines.line_key = targets.line_key
        and lines.measure = targets.measure
    left join rounding on rounding.document_id = lines.document_id and rounding.unit = lines.unit
),

three_public_items as (
    -- The totals restating one 三公 item, not its 合计 (as the seed maps them). 机关运行经费,
    -- printed beside the items in Shanghai's table, is none of them (the seed also maps it to a
    -- table of its own): a 三公 table without that row (every 决算's) says nothing of it.
    select total_key
    from {{ ref('ref_narrative_total') }}
    group by total_key
    having bool_and(table_kind = 'three_public_expenses' and line_key <> 'total')
),

blank_three_public as (
    -- A 三公 table whose 合计 is printed: its blank items are zeros.
    select distinct narrative.document_id, narrative.total_key
    from narrative
    inner join three_public_items using (total_key)
    inner join lines
        on lines.disclosure_id = narrative.disclosure_id
        and lines.table_kind = 'three_public_expenses' and lines.line_key = 'total' and lines.measure = 'total'
),

best as (
    select * from candidates where preference = 1
),

checked as (
    select
        narrative.*,
        coalesce(best.table_kind, case when blank.document_id is not null then 'three_public_expenses' end)
            as table_kind,
        coalesce(best.table_yuan, case when blank.document_id is not null then 0 end) as table_yuan,
        best.table_unit,
        best.table_page,
        narrative.narrative_rounding_yuan + coalesce(best.table_rounding_yuan, 0) as tolerance_yuan
    from narrative
    left join best using (document_id, total_key)
    left join blank_three_public as blank using (document_id, total_key)
)

select
    substr(md5(concat_ws('|', document_id, total_key)), 1, 16) as narrative_check_id,
    document_id,
    department_id,
    fiscal_year,
    total_key,
    phrase,
    cast(amount_yuan as decimal(20, 2)) as narrative_yuan,
    unit as narrative_unit,
    source_page,
    table_kind,
    cast(table_yuan as decimal(20, 2)) as table_yuan,
    table_unit,
    table_page,
    cast(amount_yuan - table_yuan as decimal(20, 2)) as diff_yuan,
    cast(tolerance_yuan as decimal(20, 3)) as tolerance_yuan,
    case when table_yuan is not null then abs(amount_yuan - table_yuan) <= tolerance_yuan end as passed
from checked

-- One row per current disclosure and standard table kind it must print or did print: is the
-- table there, stated empty, and, for a table of coded rows (classification codes: 支出总表,
-- 一般公共预算支出表, 基本支出表, and the function 类 of 收支总表 / 财政拨款收支总表), was a
-- printed total row (合计, 本年收入合计 / 本年支出合计, 人员经费合计 …) read?
-- A table missing, or a coded table without its total row, is a finding with the table's
-- title, files and pages, never a silent absence (the GX suite table_completeness enforces it,
-- fct_department_year reads it to say why a headline figure is null).
--
-- The tables each kind of document must print are the seed ref_budget_table's (required_budget,
-- required_final_account): a budget the eight of 财预〔2016〕143号 (domain.md §1.2), a 决算 the nine of
-- its template (§1.3). An empty table stated in words counts as present.
-- Rebuilt whole on every run.
with required as (
    select table_kind, 'budget' as document_kind from {{ ref('ref_budget_table') }} where required_budget is not null
    union all
    select table_kind, 'final_account' as document_kind
    from {{ ref('ref_budget_table') }}
    where required_final_account is not null
),

documents as (
    select * from {{ ref('int_documents__status') }}
    where status = 'loaded' and disclosure_id is not null
),

disclosures as (
    select
        disclosure_id,
        min(department_id) as department_id,
        min(department_name) as department_name,
        min(fiscal_year) as fiscal_year,
        min(document_kind) as document_kind,
        min(document_scope) as document_scope,
        string_agg(source_file, ', ' order by source_file) as source_files
    from documents
    group by disclosure_id
),

tables_found as (
    select
        documents.disclosure_id,
        tables.table_kind,
        min(tables.title) as title,
        string_agg(documents.source_file || ' p. ' || tables.pages, '; '
            order by documents.source_file, tables.pages) as pages,
        -- A table printed twice (Jiangsu 2017: in the 财政拨款 part and again later) is stated
        -- empty when one of its printings says so.
        bool_or(tables.is_stated_empty) as is_stated_empty
    from {{ ref('stg_raw__tables_found') }} as tables
    inner join documents using (document_id)
    where tables.table_kind <> 'performance_targets'  -- one per project, no 合计 row
    group by all
),

lines as (
    select
        disclosure_id,
        table_kind,
        count(*) as n_lines,
        count(*) filter (where code is not null) as n_coded_lines,
        -- 合计 / 本年收入合计 / 人员经费合计 (a 决算 基本支出表 totals each column group) ...
        count(*) filter (where code is null and (line_key = 'total' or ends_with(line_key, '_total')))
            as n_total_lines
    from {{ ref('int_budget_lines__current') }}
    where disclosure_id is not null
    group by all
),

kinds as (
    select disclosures.disclosure_id, required.table_kind from disclosures inner join required using (document_kind)
    union
    select disclosure_id, table_kind from tables_found
),

assessed as (
    select
        kinds.disclosure_id,
        kinds.table_kind,
        tables_found.title,
        tables_found.pages,
        required.table_kind is not null as is_required,
        tables_found.table_kind is not null as is_present,
        coalesce(tables_found.is_stated_empty, false) as is_stated_empty,
        coalesce(lines.n_lines, 0) > 0 as has_lines,
        coalesce(lines.n_coded_lines, 0) > 0 as is_coded,
        case when coalesce(lines.n_coded_lines, 0) > 0 then lines.n_total_lines > 0 end as has_total_row
    from kinds
    inner join disclosures using (disclosure_id)
    left join required on required.table_kind = kinds.table_kind and required.document_kind = disclosures.document_kind
    left join tables_found on tables_found.disclosure_id = kinds.disclosure_id and tables_found.table_kind = kinds.table_kind
    left join lines on lines.disclosure_id = kinds.disclosure_id and lines.table_kind = kinds.table_kind
)

select
    assessed.disclosure_id,
    disclosures.department_id,
    disclosures.department_name,
    disclosures.fiscal_year,
    disclosures.document_kind,
    disclosures.document_scope,
    disclosures.source_files,
    assessed.table_kind,
    assessed.title,
    assessed.pages,
    assessed.is_required,
    assessed.is_present,
    assessed.is_stated_empty,
    assessed.is_coded,
    assessed.has_total_row,
    case
        when not assessed.is_present then 'table_absent'
        when not assessed.has_lines and not assessed.is_stated_empty then 'table_unread'
        when assessed.has_total_row = false then 'total_row_missing'
    end as finding,
    assessed.is_present and (assessed.has_lines or assessed.is_stated_empty)
    and coalesce(assessed.has_total_row, true) as is_complete
from assessed
inner join disclosures using (disclosure_id)

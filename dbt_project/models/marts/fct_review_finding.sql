-- One row per problem a disclosure reviewer finds in the make-up of a current document, beyond
-- its arithmetic (fct_identity_check) and its restated totals (fct_narrative_check): the rules of
-- the seed review_rule_catalog, each with its severity, the page and what was printed. A clean
-- document has no row. Rebuilt whole on every run. The rules on what the narrative says are
-- int_review_findings__narrative's; those on the tables and their cells are here.
--
-- table_year_mismatch: a table title prints a year other than the document's fiscal year (read
--   from its titles by majority, extract/facts.py). Only a narrative may cite the previous year.
-- table_header_year_mismatch: a table's header or empty note prints a year that is not the
--   document's: its latest year other than the fiscal year (a 2026 budget's 三公 table headed
--   2025年“三公”经费预算数 alone, or noting 本部门2025年无政府性基金预算), or a year before the year
--   before (a 2026 table may set 2025年预算数 beside 2026年预算数). One finding per table.
-- table_duplicated: a standard table number printed twice in one document (表5 … 表5). Titles
--   without a number are not compared: a repeated title is as likely a header read twice
--   (Jiangsu 2017 prints 财政拨款政府性基金支出预算表 once, and it is found twice).
-- table_out_of_order: a table whose printed number is lower than that of a table on an earlier
--   page (tables sharing a page are not compared: their order on the page is not kept).
-- ocr_cell_unconfirmed: an amount read by OCR that nothing vouches for: a low confidence that no
--   passing identity confirms, or a 万元 cell with a third decimal (int_ocr_cells__unconfirmed);
--   one finding per cell, which budget_line_id names.
-- three_public_over_budget: a 决算's 三公 item whose 决算数 exceeds the 预算数 printed beside it;
--   one finding per item, budget_line_id naming the 决算数 cell. Items only: a 合计 above its
--   budget has an item above its own, and a 小计 counts only where its parts are not printed.
-- negative_amount: an amount printed below zero; no column of a standard table can be negative (a
--   budget, a 决算 or a balance carried over is what is there, never owed). One finding per cell.
-- empty_note_of_another_table: a table printed empty whose note names another table's subject
--   and not its own (国有资本经营 table: 本部门无政府性基金预算…, a note copied from the table before
--   it); the subjects are the seed ref_budget_table's note_subject. One finding per printing.
with documents as (
    select document_id, source_file, department_id, disclosure_id, fiscal_year, document_kind
    from {{ ref('int_documents__status') }}
    where status = 'loaded'
),

chinese_numbers(numeral, number) as (
    values ('一', 1), ('二', 2), ('三', 3), ('四', 4), ('五', 5), ('六', 6), ('七', 7), ('八', 8), ('九', 9),
        ('十', 10), ('十一', 11), ('十二', 12), ('十三', 13), ('十四', 14), ('十五', 15)
),

titles as (
    select
        tables.document_id,
        tables.table_kind,
        tables.title,
        tables.first_page,
        -- 表 1.2021 年…, 表1 2022年…, 附表3, 公开01表, 预算01表 (a 表10-1 of one project is no table number).
        coalesce(
            try_cast(nullif(regexp_extract(tables.title, '(?:公开|预算|决算) ?0*([0-9]{1,2}) ?表', 1), '') as integer),
            try_cast(nullif(regexp_extract(tables.title, '^附?表 ?([0-9]{1,2})(?:[^0-9-]|$)', 1), '') as integer),
            chinese_numbers.number
        ) as table_number,
        {{ printed_years('tables.title') }} as title_years
    from {{ ref('stg_raw__tables_found') }} as tables
    left join chinese_numbers
        on chinese_numbers.numeral = regexp_extract(tables.title, '^附?表([一二三四五六七八九十]+)', 1)
    where tables.table_kind <> 'performance_targets'  -- one per project, numbered 表10-1, 表10-2 …
),

year_mismatch as (
    select
        titles.document_id,
        'table_year_mismatch' as rule,
        titles.table_kind,
        titles.first_page as page,
        titles.title as evidence,
        cast(documents.fiscal_year as varchar) as expected,
        array_to_string(list_filter(titles.title_years, lambda y: y <> documents.fiscal_year), ', ') as printed,
        null as budget_line_id
    from titles
    inner join documents using (document_id)
    where len(list_filter(titles.title_years, lambda y: y <> documents.fiscal_year)) > 0
),

header_years as (
    select
        document_id,
        table_kind,
        first_page,
        concat_ws(' / ', header, empty_note) as printed_text,
        {{ printed_years("concat_ws(' / ', header, empty_note)") }} as years
    from {{ ref('stg_raw__tables_found') }}
    where table_kind <> 'performance_targets'
),

header_year_mismatch as (
    select
        header_years.document_id,
        'table_header_year_mismatch' as rule,
        header_years.table_kind,
        header_years.first_page as page,
        header_years.printed_text as evidence,
        cast(documents.fiscal_year as varchar) as expected,
        array_to_string(list_filter(header_years.years, lambda y: y <> documents.fiscal_year), ', ') as printed,
        null as budget_line_id
    from header_years
    inner join documents using (document_id)
    where
        list_max(header_years.years) <> documents.fiscal_year
        or list_min(header_years.years) < documents.fiscal_year - 1
),

printings as (
    select
        titles.*,
        row_number() over (
            partition by titles.document_id, titles.table_number order by titles.first_page, titles.title
        ) as printing
    from titles
),

duplicated as (
    select
        later.document_id,
        'table_duplicated' as rule,
        later.table_kind,
        later.first_page as page,
        later.title as evidence,
        concat('printed once (first on page ', earlier.first_page, ')') as expected,
        'printed again' as printed,
        null as budget_line_id
    from printings as later
    inner join printings as earlier
        on earlier.document_id = later.document_id
        and earlier.table_number = later.table_number
        and earlier.printing = 1
    where later.printing > 1
),

out_of_order as (
    select
        later.document_id,
        'table_out_of_order' as rule,
        later.table_kind,
        later.first_page as page,
        later.title as evidence,
        concat('after 表', max(earlier.table_number), ' (page ', arg_max(earlier.first_page, earlier.table_number), ')')
            as expected,
        concat('表', later.table_number) as printed,
        null as budget_line_id
    from printings as later
    inner join printings as earlier
        on earlier.document_id = later.document_id
        and earlier.first_page < later.first_page
        and earlier.table_number > later.table_number
    where later.printing = 1
    group by later.document_id, later.table_kind, later.first_page, later.title, later.table_number
),

ocr_unconfirmed as (
    select
        document_id,
        'ocr_cell_unconfirmed' as rule,
        table_kind,
        source_page as page,
        concat_ws(' ', code, line_label, concat('[', measure, ']')) as evidence,
        case doubt
            when 'extra_decimals' then 'at most two decimals of 万元'
            else concat('confidence ≥ ', {{ var('ocr_low_confidence') }}, ', or a passing identity')
        end as expected,
        concat(amount_yuan, ' 元 read at confidence ', round(ocr_confidence, 3)) as printed,
        budget_line_id
    from {{ ref('int_ocr_cells__unconfirmed') }}
),

three_public_cells as (
    select
        document_id, line_key, line_label, measure, amount_yuan, source_page,
        {{ budget_line_id('document_id', 'line_no') }} as budget_line_id,
        bool_or(line_key in ('vehicle_purchase', 'vehicle_operation')) over (partition by document_id)
            as prints_vehicle_parts
    from {{ ref('int_budget_lines__current') }}
    where document_kind = 'final_account'
        and table_kind = 'three_public_expenses'
        and measure in ('total', 'budgeted_total')
        and line_key is not null
),

over_budget as (
    select
        spent.document_id,
        'three_public_over_budget' as rule,
        'three_public_expenses' as table_kind,
        spent.source_page as page,
        spent.line_label as evidence,
        concat('at most its 预算数, ', budgeted.amount_yuan, ' 元') as expected,
        concat(spent.amount_yuan, ' 元 (决算数)') as printed,
        spent.budget_line_id
    from three_public_cells as spent
    inner join three_public_cells as budgeted
        on budgeted.document_id = spent.document_id
        and budgeted.line_key = spent.line_key
        and budgeted.measure = 'budgeted_total'
    where spent.measure = 'total'
        and spent.amount_yuan > budgeted.amount_yuan
        and spent.line_key not in ('total', 'total_with_meetings_training')
        and not (spent.line_key = 'vehicle_total' and spent.prints_vehicle_parts)
),

negative_amounts as (
    select
        document_id,
        'negative_amount' as rule,
        table_kind,
        source_page as page,
        line_label as evidence,
        'not below 0' as expected,
        concat(amount_yuan, ' 元 (', measure, ')') as printed,
        {{ budget_line_id('document_id', 'line_no') }} as budget_line_id
    from {{ ref('int_budget_lines__current') }}
    where amount_yuan < 0
),

subjects as (
    select table_kind, note_subject from {{ ref('ref_budget_table') }} where note_subject is not null
),

note_of_another_table as (
    select
        tables.document_id,
        'empty_note_of_another_table' as rule,
        tables.table_kind,
        tables.first_page as page,
        tables.empty_note as evidence,
        concat('a note on ', own.note_subject) as expected,
        string_agg(other.note_subject, ', ' order by other.note_subject) as printed,
        null as budget_line_id
    from {{ ref('stg_raw__tables_found') }} as tables
    inner join subjects as own on own.table_kind = tables.table_kind
    inner join subjects as other
        on other.table_kind <> tables.table_kind and contains(tables.empty_note, other.note_subject)
    where not contains(tables.empty_note, own.note_subject)
    group by all
),

findings as (
    select * from year_mismatch
    union all
    select * from header_year_mismatch
    union all
    select * from duplicated
    union all
    select * from out_of_order
    union all
    select * from ocr_unconfirmed
    union all
    select * from over_budget
    union all
    select * from negative_amounts
    union all
    select * from note_of_another_table
    union all
    select document_id, rule, table_kind, page, evidence, expected, printed, null as budget_line_id
    from {{ ref('int_review_findings__narrative') }}
)

select
    substr(md5(concat_ws('|', findings.document_id, findings.rule, findings.table_kind, findings.page, findings.evidence, findings.budget_line_id)), 1, 16)
        as review_finding_id,
    findings.document_id,
    documents.source_file,
    documents.department_id,
    documents.disclosure_id,
    documents.fiscal_year,
    documents.document_kind,
    findings.rule,
    rules.family,
    rules.severity,
    findings.table_kind,
    findings.page,
    findings.evidence,
    findings.expected,
    findings.printed,
    cast(findings.budget_line_id as varchar) as budget_line_id
from findings
inner join documents using (document_id)
inner join {{ ref('review_rule_catalog') }} as rules using (rule)

{#- Shared shapes of the accounting identities. Every int_identities__ model returns the
    same columns, which fct_identity_check unions:
      document_id, identity, table_kind, rhs_table_kind (null within one table), subject,
      measure, lhs_yuan, rhs_yuan, lhs_unit, rhs_unit,
      n_lhs_terms (printed cells on the left: 1, or 0 when the left cell is blank),
      n_terms (printed cells summed on the right), source_page,
      lhs_line_nos, rhs_line_nos (the line_no of every printed cell on each side, for the
      evidence view to box them; fct_identity_check_line turns them into budget_line_ids).
    Blank cells print nothing: they are exact zeros, so they enter sums as 0 and carry no
    rounding (they are not counted in n_terms). -#}


{#- Row identity of one table: total = Σ parts, on every row (keyed by code or line_key).
    Evaluated only in documents whose table prints the total column and at least one part
    column somewhere (a template that prints only 预算数 has nothing to check). classification,
    when given, keeps the rows of one side of a table whose other side prints no part column
    (the income side of the 财政拨款收支总表). -#}
{% macro row_sum_identity(identity, table_kind, parts, classification=none) -%}
{%- set part_list = "'" ~ (parts | join("', '")) ~ "'" -%}
with lines as (
    select * from {{ ref('int_budget_lines__current') }}
    where table_kind = '{{ table_kind }}'
    {%- if classification %} and classification = '{{ classification }}'{% endif %}
),

tables_with_parts as (
    select document_id
    from lines
    group by document_id
    having count(*) filter (where measure = 'total') > 0
        and count(*) filter (where measure in ({{ part_list }})) > 0
),

rows as (
    select
        document_id,
        coalesce(code, line_key) as row_key,
        min(line_label) as line_label,
        coalesce(sum(amount_yuan) filter (where measure = 'total'), 0) as total_yuan,
        count(*) filter (where measure = 'total') as n_total,
        coalesce(sum(amount_yuan) filter (where measure in ({{ part_list }})), 0) as parts_yuan,
        count(*) filter (where measure in ({{ part_list }})) as n_terms,
        min(unit) as unit,
        min(source_page) as source_page,
        {{ line_nos("measure = 'total'") }} as lhs_line_nos,
        {{ line_nos("measure in (" ~ part_list ~ ")") }} as rhs_line_nos
    from lines
    where document_id in (select document_id from tables_with_parts)
    group by document_id, coalesce(code, line_key)
)

select
    document_id,
    '{{ identity }}' as identity,
    '{{ table_kind }}' as table_kind,
    cast(null as varchar) as rhs_table_kind,
    row_key || ' ' || line_label as subject,
    'total' as measure,
    total_yuan as lhs_yuan,
    parts_yuan as rhs_yuan,
    unit as lhs_unit,
    unit as rhs_unit,
    n_total as n_lhs_terms,
    n_terms,
    source_page,
    lhs_line_nos,
    rhs_line_nos
from rows
where n_total > 0 or n_terms > 0
{%- endmacro %}


{#- Hierarchy identity of coded tables: a parent row (code of parent_length digits) = Σ its
    child rows (child_length digits starting with the parent's code), per table and column.
    Evaluated for every parent row that is printed and has at least one child row printed,
    in every column where the parent or a child has a cell. -#}
{% macro hierarchy_identity(identity, classification, parent_length, child_length) -%}
with lines as (
    select document_id, line_no, table_kind, code, line_label, measure, amount_yuan, unit, source_page
    from {{ ref('int_budget_lines__current') }}
    where classification = '{{ classification }}'
        and code is not null
        and length(code) in ({{ parent_length }}, {{ child_length }})
        -- 收支总表 print 类 items only, in their own group; their sums are summary_ identities.
        and table_kind not in ('revenue_expenditure_summary', 'fiscal_grant_summary')
),

parent_rows as (
    select document_id, table_kind, code as parent_code, min(line_label) as line_label,
        min(source_page) as source_page, min(unit) as unit
    from lines
    where length(code) = {{ parent_length }}
    group by all
),

child_rows as (
    select *, left(code, {{ parent_length }}) as parent_code
    from lines
    where length(code) = {{ child_length }}
),

families as (
    select parent_rows.*
    from parent_rows
    where exists (
        select 1 from child_rows
        where child_rows.document_id = parent_rows.document_id
            and child_rows.table_kind = parent_rows.table_kind
            and child_rows.parent_code = parent_rows.parent_code
    )
),

parent_cells as (
    select document_id, table_kind, code as parent_code, measure,
        sum(amount_yuan) as lhs_yuan, count(*) as n_lhs_terms, {{ line_nos() }} as lhs_line_nos
    from lines
    where length(code) = {{ parent_length }}
    group by all
),

child_sums as (
    select document_id, table_kind, parent_code, measure,
        sum(amount_yuan) as rhs_yuan, count(*) as n_terms, min(unit) as unit, {{ line_nos() }} as rhs_line_nos
    from child_rows
    group by all
),

cells as (
    select
        coalesce(p.document_id, c.document_id) as document_id,
        coalesce(p.table_kind, c.table_kind) as table_kind,
        coalesce(p.parent_code, c.parent_code) as parent_code,
        coalesce(p.measure, c.measure) as measure,
        coalesce(p.lhs_yuan, 0) as lhs_yuan,
        coalesce(p.n_lhs_terms, 0) as n_lhs_terms,
        coalesce(c.rhs_yuan, 0) as rhs_yuan,
        coalesce(c.n_terms, 0) as n_terms,
        c.unit as child_unit,
        coalesce(p.lhs_line_nos, {{ no_lines() }}) as lhs_line_nos,
        coalesce(c.rhs_line_nos, {{ no_lines() }}) as rhs_line_nos
    from parent_cells as p
    full outer join child_sums as c
        on p.document_id = c.document_id
        and p.table_kind = c.table_kind
        and p.parent_code = c.parent_code
        and p.measure = c.measure
)

select
    cells.document_id,
    '{{ identity }}' as identity,
    cells.table_kind,
    cast(null as varchar) as rhs_table_kind,
    cells.parent_code || ' ' || families.line_label || ' [' || cells.measure || ']' as subject,
    cells.measure,
    cells.lhs_yuan,
    cells.rhs_yuan,
    families.unit as lhs_unit,
    coalesce(cells.child_unit, families.unit) as rhs_unit,
    cells.n_lhs_terms,
    cells.n_terms,
    families.source_page,
    cells.lhs_line_nos,
    cells.rhs_line_nos
from cells
inner join families
    on cells.document_id = families.document_id
    and cells.table_kind = families.table_kind
    and cells.parent_code = families.parent_code
{%- endmacro %}


{#- Cross-table identity, class by class: each function 类 of `lhs_table` (column total) =
    Σ the same 类's total over `rhs_tables`. Evaluated in documents where `lhs_table` and
    the first of `rhs_tables` both list function 类 rows (a 支出总表 printing only its 合计
    row, as Jiangsu's do, or a 财政拨款收支总表 whose expenditure side is by use, has nothing
    to compare), for every 类 printed on either side (a class missing on one side is a 0
    there). When the right side mixes units, the coarser one (万元) sets its rounding bound. -#}
{% macro class_match_identity(identity, lhs_table, rhs_tables) -%}
{%- set rhs_list = "'" ~ (rhs_tables | join("', '")) ~ "'" -%}
with lines as (
    select * from {{ ref('int_budget_lines__current') }}
    where table_kind in ('{{ lhs_table }}', {{ rhs_list }})
),

documents as (
    select document_id from lines
    where table_kind = '{{ lhs_table }}' and classification = 'function' and length(code) = 3
    intersect
    select document_id from lines
    where table_kind = '{{ rhs_tables[0] }}' and classification = 'function' and length(code) = 3
),

table_units as (
    select document_id, table_kind, min(unit) as unit, min(source_page) as source_page
    from lines
    group by all
),

classes as (
    select * from lines
    where classification = 'function' and length(code) = 3 and is_total_column
        and document_id in (select document_id from documents)
),

lhs as (
    select document_id, code, sum(amount_yuan) as lhs_yuan, count(*) as n_lhs_terms,
        min(line_label) as line_label, min(source_page) as source_page, {{ line_nos() }} as lhs_line_nos
    from classes
    where table_kind = '{{ lhs_table }}'
    group by all
),

rhs as (
    select document_id, code, sum(amount_yuan) as rhs_yuan, count(*) as n_terms,
        min(line_label) filter (where table_kind = '{{ rhs_tables[0] }}') as line_label,
        case when bool_or(unit = '万元') then '万元' else min(unit) end as unit,
        {{ line_nos() }} as rhs_line_nos
    from classes
    where table_kind in ({{ rhs_list }})
    group by all
),

matched as (
    select
        coalesce(lhs.document_id, rhs.document_id) as document_id,
        coalesce(lhs.code, rhs.code) as code,
        coalesce(rhs.line_label, lhs.line_label) as line_label,
        coalesce(lhs.lhs_yuan, 0) as lhs_yuan,
        coalesce(lhs.n_lhs_terms, 0) as n_lhs_terms,
        coalesce(rhs.rhs_yuan, 0) as rhs_yuan,
        coalesce(rhs.n_terms, 0) as n_terms,
        rhs.unit as rhs_unit,
        lhs.source_page,
        coalesce(lhs.lhs_line_nos, {{ no_lines() }}) as lhs_line_nos,
        coalesce(rhs.rhs_line_nos, {{ no_lines() }}) as rhs_line_nos
    from lhs
    full outer join rhs on lhs.document_id = rhs.document_id and lhs.code = rhs.code
)

select
    matched.document_id,
    '{{ identity }}' as identity,
    '{{ lhs_table }}' as table_kind,
    '{{ rhs_tables[0] }}' as rhs_table_kind,
    matched.code || ' ' || matched.line_label as subject,
    'total' as measure,
    matched.lhs_yuan,
    matched.rhs_yuan,
    lhs_table.unit as lhs_unit,
    coalesce(matched.rhs_unit, rhs_table.unit) as rhs_unit,
    matched.n_lhs_terms,
    matched.n_terms,
    coalesce(matched.source_page, lhs_table.source_page) as source_page,
    matched.lhs_line_nos,
    matched.rhs_line_nos
from matched
inner join table_units as lhs_table
    on lhs_table.document_id = matched.document_id and lhs_table.table_kind = '{{ lhs_table }}'
inner join table_units as rhs_table
    on rhs_table.document_id = matched.document_id and rhs_table.table_kind = '{{ rhs_tables[0] }}'
{%- endmacro %}


{#- Cross-table identity between two single cells: the cell of `lhs_table` selected by
    `lhs_where` = the cell of `rhs_table` selected by `rhs_where` (each a SQL condition on
    int_budget_lines__current). Evaluated where both are printed. -#}
{% macro cell_match_identity(identity, subject, lhs_table, lhs_where, rhs_table, rhs_where) -%}
with lhs as (
    select document_id, sum(amount_yuan) as lhs_yuan, count(*) as n_lhs_terms,
        min(unit) as unit, min(source_page) as source_page, {{ line_nos() }} as lhs_line_nos
    from {{ ref('int_budget_lines__current') }}
    where table_kind = '{{ lhs_table }}' and ({{ lhs_where }})
    group by document_id
),

rhs as (
    select document_id, sum(amount_yuan) as rhs_yuan, count(*) as n_terms, min(unit) as unit,
        {{ line_nos() }} as rhs_line_nos
    from {{ ref('int_budget_lines__current') }}
    where table_kind = '{{ rhs_table }}' and ({{ rhs_where }})
    group by document_id
)

select
    lhs.document_id,
    '{{ identity }}' as identity,
    '{{ lhs_table }}' as table_kind,
    '{{ rhs_table }}' as rhs_table_kind,
    '{{ subject }}' as subject,
    'total' as measure,
    lhs.lhs_yuan,
    rhs.rhs_yuan,
    lhs.unit as lhs_unit,
    rhs.unit as rhs_unit,
    lhs.n_lhs_terms,
    rhs.n_terms,
    lhs.source_page,
    lhs.lhs_line_nos,
    rhs.rhs_line_nos
from lhs
inner join rhs using (document_id)
{%- endmacro %}


{#- The line_no of the lines an aggregate covers (those meeting `condition`), in order; an
    empty list, never null, where none does. -#}
{% macro line_nos(condition='true') -%}
coalesce(list(line_no order by line_no) filter (where {{ condition }}), {{ no_lines() }})
{%- endmacro %}


{% macro no_lines() -%}
cast([] as integer[])
{%- endmacro %}


{#- A first-level income item of a 收支总表's income side: its printed label opens with a Chinese
    ordinal (一. 二、 …); the totals, and carry-over with its sub-items (which reuse the ordinals:
    年初结转和结余 / 一、一般公共预算财政拨款), are not. -#}
{% macro is_first_level_income_item() -%}
coalesce(line_key, '') not in ('income_total', 'income_grand_total')
    and coalesce(line_key, '') not like 'carried\_over%' escape '\'
    and regexp_matches(line_label, '^\s*[一二三四五六七八九十]+\s*[、.．]')
{%- endmacro %}

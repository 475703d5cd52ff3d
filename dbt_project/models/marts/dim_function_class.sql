-- 支出功能分类: every 类 of the reference seed (all of them, curated), and every code printed
-- in a current document with its ancestors (a 7-digit 项 implies its 5-digit 款 and 3-digit
-- 类). 款 and 项 have no machine-readable official list: their names come from the documents,
-- the name printed by the most documents winning (ties: the latest year, then the shorter
-- name); every other printed name is kept in dim_class_alias. A code implied but never
-- printed has no name. Rebuilt whole on every run: names and flags depend on every document.
with reference as (
    select * from {{ ref('ref_function_class') }}
),

printed as (
    select * from {{ ref('int_class_codes__printed') }}
    where classification = 'function'
),

codes as (
    select code from printed
    union
    select left(code, 5) from printed where length(code) = 7
    union
    select left(code, 3) from printed where length(code) in (5, 7)
    union
    select function_code from reference
)

select
    codes.code as function_code,
    coalesce(reference.function_name, printed.best_printed_name) as function_name,
    case length(codes.code) when 3 then 1 when 5 then 2 when 7 then 3 end as level,
    case length(codes.code) when 3 then '类' when 5 then '款' when 7 then '项' end as level_name,
    case when length(codes.code) > 3 then left(codes.code, length(codes.code) - 2) end as parent_code,
    left(codes.code, 3) as class_code,
    reference.function_code is not null as is_reference,
    case
        when reference.function_code is not null then 'reference'
        when printed.best_printed_name is not null then 'printed'
    end as name_source,
    printed.code is not null as is_printed,
    case
        when length(codes.code) > 3 then left(codes.code, length(codes.code) - 2) in (select parents.code from printed as parents)
    end as is_parent_printed,
    left(codes.code, 3) in (select classes.function_code from reference as classes) as is_known_class,
    reference.first_year as reference_first_year,
    reference.last_year as reference_last_year,
    coalesce(printed.n_names, 0) as n_printed_names,
    coalesce(printed.n_documents, 0) as n_documents,
    printed.first_fiscal_year,
    printed.last_fiscal_year
from codes
left join reference on reference.function_code = codes.code
left join printed on printed.code = codes.code

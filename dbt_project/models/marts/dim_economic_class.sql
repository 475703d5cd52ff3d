-- 支出经济分类: the curated 类 and 款 of both families (部门预算 3xx, 2018+ and the
-- discontinued 2007–2017 类; 政府预算 5xx), and every code printed in a current document with
-- its 类. Codes not in the reference take the name printed by the most documents; a code
-- implied but never printed has no name. Rebuilt whole on every run.
with reference as (
    select * from {{ ref('ref_economic_class') }}
),

printed as (
    select * from {{ ref('int_class_codes__printed') }}
    where classification = 'economic'
),

codes as (
    select code from printed
    union
    select left(code, 3) from printed where length(code) = 5
    union
    select economic_code from reference
)

select
    codes.code as economic_code,
    coalesce(reference.economic_name, printed.best_printed_name) as economic_name,
    case length(codes.code) when 3 then 1 when 5 then 2 end as level,
    case length(codes.code) when 3 then '类' when 5 then '款' end as level_name,
    case when length(codes.code) = 5 then left(codes.code, 3) end as parent_code,
    case left(codes.code, 1) when '3' then 'department' when '5' then 'government' else 'unknown' end as family,
    reference.economic_code is not null as is_reference,
    case
        when reference.economic_code is not null then 'reference'
        when printed.best_printed_name is not null then 'printed'
    end as name_source,
    printed.code is not null as is_printed,
    case when length(codes.code) = 5 then left(codes.code, 3) in (select parents.code from printed as parents) end as is_parent_printed,
    left(codes.code, 3) in (select classes.economic_code from reference as classes) as is_known_class,
    reference.first_year as reference_first_year,
    reference.last_year as reference_last_year,
    coalesce(printed.n_names, 0) as n_printed_names,
    coalesce(printed.n_documents, 0) as n_documents,
    printed.first_fiscal_year,
    printed.last_fiscal_year
from codes
left join reference on reference.economic_code = codes.code
left join printed on printed.code = codes.code

-- How finely each document prints its amounts, per unit: the half-unit of rounding every
-- printed cell carries, in 元 (domain.md §2.1). 万元 cells are printed to 0.01 万元: 50 元.
-- 元 cells are printed to 0.01 元 by some publishers (0.005 元) and to whole 元 by others
-- (Shanghai's 元 tables print 24840779, and their sums are off by 1 元): when every 元 cell
-- of a document is a whole number, its 元 cells are taken as rounded to 1 元 (0.5 元).
select
    document_id,
    unit,
    count(*) as n_cells,
    bool_and(amount_yuan = trunc(amount_yuan)) as is_whole_yuan,
    cast(
        case
            when unit = '万元' then 50.000
            when bool_and(amount_yuan = trunc(amount_yuan)) then 0.500
            else 0.005
        end as decimal(20, 3)
    ) as rounding_yuan
from {{ ref('int_budget_lines__current') }}
group by document_id, unit

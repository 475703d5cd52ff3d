{#- domain.md §2.1: every printed cell is rounded half-up to 0.01 of its unit, so it carries
    up to half a hundredth of that unit of error: 50 元 for a 万元 cell, 0.005 元 for a 元 cell.
    A sum of n printed terms may therefore differ from its printed total by
    0.005 × (n + 1) units. Blank cells are exact zeros and carry no error. -#}

{#- Half a printed hundredth of `unit_column`, in 元. -#}
{% macro half_unit_yuan(unit_column) -%}
    case when {{ unit_column }} = '万元' then 50.000 else 0.005 end
{%- endmacro %}

{#- The unit of a printed figure's last digit (0.01 for 10.93% or 2106.66万元), exactly. -#}
{% macro percent_unit(decimals_column) -%}
    case {{ decimals_column }} when 0 then 1 when 1 then 0.1 when 2 then 0.01 when 3 then 0.001 else 0.0001 end
{%- endmacro %}

{#- The unit of the last digit of an amount printed with `decimals_column` decimals in
    `unit_column`, in 元 (100 元 for 2106.66万元, 1,000 元 for 28.1万元). -#}
{% macro last_digit_yuan(unit_column, decimals_column) -%}
    {{ percent_unit(decimals_column) }} * case when {{ unit_column }} = '万元' then 10000 else 1 end
{%- endmacro %}

{#- The rounding of an amount a narrative phrase ends with (…2120.19万元), in 元: half a unit of
    its last printed digit (50 元 for 2120.19万元, 5,000 元 for 17,192万元); none for a stated
    absence (无机关运行经费), an exact 0. -#}
{% macro narrative_rounding_yuan(phrase_column, unit_column) -%}
    cast(
        case when regexp_matches({{ phrase_column }}, '\d(万元|元)$') then
            5 * power(10, -1 - length(coalesce(regexp_extract({{ phrase_column }}, '\.(\d+)(万元|元)$', 1), '')))
            * case when {{ unit_column }} = '万元' then 10000 else 1 end
        else 0 end
        as decimal(20, 3)
    )
{%- endmacro %}

{#- The bound for a printed total against n printed terms, all in one unit. -#}
{% macro rounding_tolerance(unit_column, n_terms) -%}
    cast({{ half_unit_yuan(unit_column) }} * ({{ n_terms }} + 1) as decimal(20, 3))
{%- endmacro %}

{#- The general bound, for sides printed in different units or precisions: the half-unit
    of rounding of each printed cell (int_documents__rounding: 50 元 for 万元 cells, 0.005 元
    for 元 cells printed to the fen, 0.5 元 for 元 cells printed in whole 元), once for each
    printed cell on the left and once for each printed term on the right. With one unit and
    one printed total it is rounding_tolerance. -#}
{% macro identity_tolerance(lhs_rounding, rhs_rounding, n_lhs_terms, n_rhs_terms) -%}
    cast(
        coalesce({{ lhs_rounding }} * {{ n_lhs_terms }}, 0)
        + coalesce({{ rhs_rounding }} * {{ n_rhs_terms }}, 0)
        as decimal(20, 3)
    )
{%- endmacro %}

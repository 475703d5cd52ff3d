{#- domain.md §2.1: every printed cell is rounded half-up to 0.01 of its unit, so a sum of
    n printed terms may differ from its printed total by 0.005 × (n + 1) units. In 元 that
    is 0.005 元 per term; in 万元 it is 50 元 per term. -#}
{% macro rounding_tolerance(unit_column, n_terms) -%}
    cast(
        case when {{ unit_column }} = '万元' then 50.00 else 0.005 end * ({{ n_terms }} + 1)
        as decimal(20, 3)
    )
{%- endmacro %}

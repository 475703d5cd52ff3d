{#- Why a headline figure of fct_department_year read from these source tables stays null
    (null when it is not): each source table's state is 'present', 'stated_empty' or
    'absent' (fct_table_completeness). -#}
{% macro headline_null_reason(figure, source_tables) -%}
    case
        when {{ figure }} is not null then null
        when {% for t in source_tables %}coalesce({{ t }}, 'absent') = 'absent'{{ ' and ' if not loop.last }}{% endfor %} then 'table_absent'
        when {% for t in source_tables %}coalesce({{ t }}, 'absent') <> 'present'{{ ' and ' if not loop.last }}{% endfor %} then 'table_stated_empty'
        else 'not_printed'
    end
{%- endmacro %}

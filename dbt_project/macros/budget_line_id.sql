{#- The id of a budget line: its document and its position in the extraction. One
    definition, read by fct_budget_line and by the identity checks that name its lines. -#}
{% macro budget_line_id(document_id, line_no) -%}
{{ dbt.concat([document_id, "'-'", "lpad(cast(" ~ line_no ~ " as varchar), 6, '0')"]) }}
{%- endmacro %}

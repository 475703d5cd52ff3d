{#- The Chinese label of a code for dashboards (seed ref_bi_label); the code itself when the
    seed has no label for it, so that a new code shows up rather than vanishing. -#}
{% macro bi_label(vocabulary, column) -%}
coalesce(
    (select label_zh from {{ ref('ref_bi_label') }} where vocabulary = '{{ vocabulary }}' and value = {{ column }}),
    {{ column }}
)
{%- endmacro %}

{#- The years a text prints before 年 (2026年, 2026 年度), each once, as integers: the years of a
    table's title and of its header are read alike. -#}
{% macro printed_years(text) -%}
    list_distinct(
        list_transform(regexp_extract_all({{ text }}, '(?:^|[^0-9])((?:19|20)[0-9]{2}) ?年', 1), lambda y: cast(y as integer))
    )
{%- endmacro %}

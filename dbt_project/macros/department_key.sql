{#- The form department names are matched on across files and years: no whitespace, no
    leading 中国共产党 / 中共 (the narratives of a Party office print 江苏省委办公厅 where its
    tables print 中共江苏省委办公厅), and 委员会办公厅 / 委员会办公室 shortened to 委办公厅 /
    委办公室, so that 中国共产党江苏省委员会办公厅, 中共江苏省委办公厅 and 江苏省委办公厅 compare.
    It mirrors extract.facts.department_key (tests/dbt checks that both agree). -#}
{% macro department_key(expr) -%}
    regexp_replace(
        regexp_replace(regexp_replace({{ expr }}, '\s+', '', 'g'), '^(中国共产党|中共)', ''),
        '委员会(办公厅|办公室)', '委\1', 'g'
    )
{%- endmacro %}

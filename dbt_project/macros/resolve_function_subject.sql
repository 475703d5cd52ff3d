{#- The function class a statement names, as the document's own table rows: a query giving
    `key_columns` and the printed `code` for each row of `statements` whose names resolve to
    exactly one code of its disclosure. `statements` needs disclosure_id, class_name,
    subclass_name, item_name (either may be null) and level (1 类, 2 款, 3 项). A name matches a
    row printed at its level (a 3-, 5- or 7-digit code) whose label folds to the same key
    (label_key: 一般公共服务 and 一般公共服务支出, full-width or not), or, for a 类, a curated
    alias of the row's code (医疗卫生与计划生育支出 for 210); the 类 and any 款 named above must
    be the row's own. A statement matching no row, or more than one code, is left out:
    unresolved, not guessed. Any raw source of (document, names, amount) may use it. -#}
{% macro resolve_function_subject(statements, key_columns) -%}
    with subject_rows as (
        select distinct disclosure_id, code, {{ label_key('line_label') }} as name_key
        from {{ ref('int_budget_lines__current') }}
        where classification = 'function' and code is not null
    ),

    subject_names as (
        select disclosure_id, code, name_key from subject_rows
        union
        select subject_rows.disclosure_id, subject_rows.code, aliases.alias_key
        from subject_rows
        inner join {{ ref('int_class_alias__reference') }} as aliases
            on aliases.classification = 'function' and aliases.code = subject_rows.code
        where length(subject_rows.code) = 3
    ),

    subject_matches as (
        select {% for key in key_columns %}statements.{{ key }}, {% endfor %}named.code
        from {{ statements }} as statements
        inner join subject_names as named
            on named.disclosure_id = statements.disclosure_id
            and length(named.code) = 1 + 2 * statements.level
            and named.name_key = {{ label_key(
                'case statements.level when 1 then statements.class_name when 2 then statements.subclass_name else statements.item_name end'
            ) }}
        inner join subject_names as class_row
            on class_row.disclosure_id = statements.disclosure_id
            and class_row.code = left(named.code, 3)
            and class_row.name_key = {{ label_key('statements.class_name') }}
        left join subject_names as subclass_row
            on subclass_row.disclosure_id = statements.disclosure_id
            and subclass_row.code = left(named.code, 5)
            and subclass_row.name_key = {{ label_key('statements.subclass_name') }}
        where statements.level != 3 or statements.subclass_name is null or subclass_row.code is not null
    )

    select {% for key in key_columns %}{{ key }}, {% endfor %}min(code) as code
    from subject_matches
    group by all
    having count(distinct code) = 1
{%- endmacro %}

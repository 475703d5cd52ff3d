{#- The folded form of a printed class name, for matching names against the alias table:
    full-width punctuation made half-width, no whitespace or quotes, 其他 for 其它, no leading
    ordinals (一. （一） 1. 其中：), no 支出 or 的, no trailing 事务. It mirrors extract.codes.label_key
    (tests/dbt checks that both agree on every alias of the seeds), so
    ``十三.资源勘探电力信息等事务`` and ``资源勘探电力信息等支出`` fold to the same key. -#}
{% macro label_key(expr) -%}
    regexp_replace(
        replace(replace(
            regexp_replace(
                replace(regexp_replace(
                    translate({{ expr }}, '（）．：，、　', '().:,、 '),
                    '[[:space:]"''“”‘’〝〞「」『』″〃]', '', 'g'
                ), '其它', '其他'),
                '^(\([一二三四五六七八九十百零0-9]+\)|[一二三四五六七八九十百零]+[、.]|[0-9]+[、.]|其中:)+', ''
            ),
        '支出', ''), '的', ''),
        '^(.+)事务$', '\1'
    )
{%- endmacro %}

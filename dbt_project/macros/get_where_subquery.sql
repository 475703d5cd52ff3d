{#- dbt's hook for a test's `where` config, overridden so that a row-by-row test of a per-document
    incremental model reads only the rows this build wrote: those of the documents in
    int_documents__changed. Every other row was carried over unchanged from the published
    build, made by the same code (else the build starts from nothing, where every document is
    changed), whose tests it passed: testing it again cannot fail. Only tests whose verdict on
    a row depends on that row alone and that fail the build (severity error) are narrowed:
    not_null, accepted_values, expression_is_true. Tests across rows or tables (unique,
    unique_combination, relationships, the singular tests) and the warnings, which report the
    whole warehouse (every_accounting_identity_holds), still read every row. A full refresh
    reads every row. Only models whose rows carry their document_id are narrowed. -#}
{% macro get_where_subquery(relation) -%}
    {%- set where = config.get('where', '') -%}
    {%- set changed = changed_documents_of_tested_model() -%}
    {%- if changed -%}
        {%- set narrowed = 'document_id in (' ~ changed_documents_list(changed) ~ ')' -%}
        {%- set where = '(' ~ where ~ ') and ' ~ narrowed if where else narrowed -%}
    {%- endif -%}
    {%- if where -%}
        {%- do return('(select * from ' ~ relation ~ ' where ' ~ where ~ ') dbt_subquery') -%}
    {%- else -%}
        {%- do return(relation) -%}
    {%- endif -%}
{%- endmacro %}

{#- The relation of int_documents__changed when the running test may read only its documents'
    rows (see get_where_subquery), else none. -#}
{% macro changed_documents_of_tested_model() -%}
    {%- if not execute or flags.FULL_REFRESH or model.resource_type != 'test' -%}
        {%- do return(none) -%}
    {%- endif -%}
    {%- set test_name = (model.test_metadata or {}).get('name') -%}
    {%- if test_name not in ['not_null', 'accepted_values', 'expression_is_true']
        or (model.config.severity | lower) != 'error' or not model.attached_node -%}
        {%- do return(none) -%}
    {%- endif -%}
    {%- set tested = graph.nodes.get(model.attached_node) -%}
    {#- By document: its rows carry their document_id (fct_identity_check_line has none: it
        follows its checks' ids, and its tests read every row). -#}
    {%- if tested is none or tested.config.materialized != 'incremental' or 'document_id' not in tested.columns -%}
        {%- do return(none) -%}
    {%- endif -%}
    {%- set changed = graph.nodes.values() | selectattr('name', 'equalto', 'int_documents__changed') | first -%}
    {%- do return(changed.relation_name) -%}
{%- endmacro %}

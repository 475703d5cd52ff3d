{#- The per-document models are incremental by document: a build replaces the rows of the
    documents int_documents__changed lists (changed, new, removed, superseded, or sharing a
    disclosure with one of those) and keeps every other row as the previous build left it.
    Each such model configures itself with incremental_by_document_config(), filters its
    input with changed_documents_only() and says `-- depends_on: ref('int_documents__changed')`
    (the ref inside is_incremental() is invisible to dbt's parser). -#}

{#- The pre-hook deletes every row of the changed documents and the model selects only those
    documents (changed_documents_only), so the new rows are appended: a delete+insert by
    document_id would delete the same documents a second time. -#}
{% macro incremental_by_document_config() -%}
    {{ config(
        materialized='incremental',
        incremental_strategy='append',
        on_schema_change='fail',
        pre_hook="{{ delete_changed_documents() }}"
    ) }}
{%- endmacro %}

{#- `and <column> in (the changed documents)` in an incremental build, nothing otherwise.
    Up to 1,000 of them are written out as constants: DuckDB pushes a constant
    list into the views a model reads and each computes those documents only, where a subquery
    is joined after the views computed every document (fct_identity_check's 23 identity views:
    3.5 s -> 1.9 s for one changed document among 10,000). -#}
{% macro changed_documents_only(column='document_id') -%}
    {%- if is_incremental() %} and {{ column }} in ({{ changed_documents_list() }}){% endif -%}
{%- endmacro %}

{#- The changed documents, as constants or, beyond 1,000 of them, as a subquery; `changed` is
    the relation of int_documents__changed for a caller that cannot ref it (a test). -#}
{% macro changed_documents_list(changed=none) -%}
    {%- set max_literal_documents = 1000 -%}
    {%- set changed = changed or ref('int_documents__changed') -%}
    {%- set ids = run_query('select document_id from ' ~ changed ~ ' order by 1 limit ' ~ (max_literal_documents + 1)).columns[0].values() if execute else [] -%}
    {%- if ids | length > max_literal_documents -%}
        select document_id from {{ changed }}
    {%- elif ids -%}
        {%- for id in ids %}'{{ id | replace("'", "''") }}'{{ ', ' if not loop.last }}{% endfor -%}
    {%- else -%}
        null
    {%- endif -%}
{%- endmacro %}

{#- Every row of the changed documents goes, including those of a document that has none any
    more (removed, superseded, rejected); the insert then brings back the rows they still have. -#}
{% macro delete_changed_documents() -%}
    {%- if is_incremental() -%}
        delete from {{ this }} where document_id in (select document_id from {{ ref('int_documents__changed') }})
    {%- endif -%}
{%- endmacro %}

{#- on-run-end: remember what the documents were built from, for the next build's
    int_documents__changed; only after a build that ran every incremental model and every
    model they read successfully (a failed or partial build leaves the previous record, so
    its next run replaces those documents again). -#}
{% macro record_built_documents(results) -%}
    {%- if execute and flags.WHICH in ('build', 'run') -%}
        {%- set ns = namespace(ok=true, needed=[]) -%}
        {%- for node in graph.nodes.values() -%}
            {%- if node.resource_type == 'model' and node.config.materialized == 'incremental' -%}
                {%- do ns.needed.append(node.unique_id) -%}
            {%- endif -%}
        {%- endfor -%}
        {%- set done = [] -%}
        {%- for result in results -%}
            {%- if result.status not in ('success', 'pass', 'warn', 'no-op') -%}
                {%- set ns.ok = false -%}
            {%- endif -%}
            {%- do done.append(result.node.unique_id) -%}
        {%- endfor -%}
        {%- for unique_id in ns.needed -%}
            {%- if unique_id not in done -%}
                {%- set ns.ok = false -%}
            {%- endif -%}
        {%- endfor -%}
        {%- if ns.ok -%}
            {%- set signature = graph.nodes.values() | selectattr('name', 'equalto', 'int_documents__signature') | first -%}
            create schema if not exists ops;
            create or replace table ops.built_documents as
            select document_id, disclosure_id, signature from {{ signature.relation_name }}
        {%- endif -%}
    {%- endif -%}
{%- endmacro %}

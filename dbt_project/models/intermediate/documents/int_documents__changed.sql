-- The documents whose rows the incremental models must replace in this build: those whose
-- digest (int_documents__signature) differs from the one they were last built with
-- (ops.built_documents, written at the end of every complete build), new ones and vanished
-- ones (removed from the landing folder, or a changed file: a new document_id), and every
-- document of a disclosure one of those belongs to, before or after: a narrative total is
-- checked against the tables of every current file of its disclosure (fct_narrative_check),
-- and a new file can supersede an older one of its disclosure.
--
-- Without ops.built_documents (a new build file) every document is changed; the incremental
-- models then have no table yet and build whole anyway.
{{ config(materialized='table') }}

{%- set built = adapter.get_relation(database=this.database, schema='ops', identifier='built_documents') if execute else none %}

with current_documents as (
    select document_id, disclosure_id, signature from {{ ref('int_documents__signature') }}
),

built as (
    {%- if built is not none %}
    select document_id, disclosure_id, signature from {{ built }}
    {%- else %}
    select document_id, disclosure_id, signature from current_documents where false
    {%- endif %}
),

differing as (
    select coalesce(current_documents.document_id, built.document_id) as document_id
    from current_documents
    full outer join built using (document_id)
    where current_documents.signature is distinct from built.signature
),

touched_disclosures as (
    select disclosure_id from current_documents where document_id in (select document_id from differing)
    union
    select disclosure_id from built where document_id in (select document_id from differing)
)

select document_id from differing
union
select document_id from current_documents
where disclosure_id in (select disclosure_id from touched_disclosures where disclosure_id is not null)
union
select document_id from built
where disclosure_id in (select disclosure_id from touched_disclosures where disclosure_id is not null)

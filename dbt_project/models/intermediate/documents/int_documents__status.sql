-- The status of every source file once re-publications are taken into account.
--
-- Supersession rule: a loaded file is superseded when a loaded file of the same disclosure
-- (same department, year, kind and scope: disclosure_id) was extracted later (extracted_at;
-- document_id breaks a tie) AND plays the same role: the two files carry mostly the same
-- standard tables (at least half of the tables either carries are in both: Jaccard >= 0.5),
-- or neither carries any (two narrative-only files). A disclosure published as a narrative
-- PDF plus a tables PDF therefore keeps both files, even when the narrative reprints one
-- table (1 shared of 8: not the same role), and so does one split into two tables PDFs (表1-5
-- and 表6-9: none shared), while a corrected tables PDF replaces the old one even when the
-- extractor found one table fewer in one of them (7 of 8 shared). The role is read from the content
-- (tables found or lines extracted), not from file names: names of re-publications vary
-- freely (…(更正).pdf, …修订版.pdf, a new portal's naming) and the narrative and tables files
-- of one disclosure usually have near-identical names, so name similarity can tell neither
-- case apart. A rejected file never supersedes anything and is never itself superseded.

-- A table, not a view: sixteen models and tests read it, and a view would compute the
-- supersessions again for each.
{{ config(materialized='table') }}
with documents as (
    select stg.*, departments.department_id, departments.disclosure_id
    from {{ ref('stg_raw__documents') }} as stg
    left join {{ ref('int_documents__department') }} as departments using (document_id)
),

table_kinds as (
    select document_id, table_kind from {{ ref('stg_raw__tables_found') }}
    union
    select distinct document_id, table_kind from {{ ref('stg_raw__budget_lines') }}
),

roles as (
    select
        documents.document_id,
        documents.disclosure_id,
        documents.extracted_at,
        coalesce(list_sort(list(distinct table_kinds.table_kind) filter (where table_kinds.table_kind is not null)), []) as table_kinds
    from documents
    left join table_kinds using (document_id)
    where documents.status = 'loaded'
    group by all
),

replacements as (
    select
        older.document_id,
        newer.document_id as newer_document_id,
        newer.extracted_at as newer_extracted_at
    from roles as older
    inner join roles as newer
        on older.disclosure_id = newer.disclosure_id
        and older.document_id <> newer.document_id
        and (
            newer.extracted_at > older.extracted_at
            or (newer.extracted_at = older.extracted_at and newer.document_id > older.document_id)
        )
        and (
            2 * len(list_intersect(older.table_kinds, newer.table_kinds))
                >= len(list_distinct(list_concat(older.table_kinds, newer.table_kinds)))
        )
),

latest_replacement as (
    -- The newest file that replaces it (replacement chains collapse onto the newest).
    select document_id, arg_max(newer_document_id, (newer_extracted_at, newer_document_id)) as superseded_by_document_id
    from replacements
    group by document_id
)

select
    documents.document_id,
    documents.source_file,
    documents.sha256,
    documents.department_id,
    documents.department_name,
    documents.fiscal_year,
    documents.document_kind,
    documents.document_scope,
    documents.disclosure_id,
    documents.page_count,
    case when latest_replacement.document_id is not null then 'superseded' else documents.status end as status,
    documents.reject_kind,
    case
        when latest_replacement.document_id is not null
            then 'Superseded by ' || newer.source_file
                || ', a later file of the same disclosure carrying the same tables.'
        else documents.status_reason
    end as status_reason,
    latest_replacement.superseded_by_document_id,
    array_to_string(roles.table_kinds, ',') as table_kinds,
    documents.authorized_staff,
    documents.actual_staff,
    documents.extracted_at,
    documents.text_source,
    documents.ocr_pages
from documents
left join latest_replacement using (document_id)
left join documents as newer on newer.document_id = latest_replacement.superseded_by_document_id
left join roles on roles.document_id = documents.document_id

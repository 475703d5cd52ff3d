{{ config(meta={"dagster": {"ref": {"name": "int_documents__changed"}}}) }}
-- The incremental models replace a document's rows only when it is in the changed set, and a
-- narrative is checked against every file of its disclosure: so a file sharing a disclosure
-- with a changed one must be changed too, or its checks would keep the old file's cells.
with signatures as (
    select document_id, disclosure_id from {{ ref('int_documents__signature') }}
),

changed as (
    select document_id from {{ ref('int_documents__changed') }}
)

select signatures.document_id, signatures.disclosure_id
from signatures
where signatures.disclosure_id in (
        select changed_signatures.disclosure_id
        from signatures as changed_signatures inner join changed using (document_id)
    )
    and signatures.document_id not in (select document_id from changed)

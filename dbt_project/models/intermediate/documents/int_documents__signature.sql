-- What each document's rows in the per-document models are computed from, as one digest: its
-- whole status row (file, bytes, extraction time, department, disclosure, year, status,
-- the file that supersedes it ...). Two builds that agree on a document's digest give it the
-- same rows in every incremental model, because those rows read nothing else of the warehouse
-- but the document's own raw rows (fixed by its bytes and extraction) and the rows of the
-- other files of its disclosure (see int_documents__changed).
select
    documents.document_id,
    documents.disclosure_id,
    md5(cast(documents as varchar)) as signature
from {{ ref('int_documents__status') }} as documents

-- The posting date of the research endpoints and exports: posted_at as the source gave it, else when we first saw the
-- job (the same key the search's posted sort and posted_within use). Exports page through every job in this order
-- (keyset reads of bounded size), and trends select the postings of a date range by it.
create index jobs_posting_date on jobs ((coalesce(posted_at, first_seen_at)), id);

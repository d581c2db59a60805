-- Who may apply, where the source says: true when anyone may (USAJOBS hiring path "public", an external posting),
-- false when only some may (current employees, status candidates, internal postings), null when the source does not
-- say. The search filter open_to_public=true leaves out only the false ones.
alter table jobs add column open_to_public boolean;
comment on column jobs.open_to_public is 'true: the source says anyone may apply; false: only some (current employees, status candidates, internal); null: not stated';

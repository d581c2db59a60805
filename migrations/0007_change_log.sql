-- The change log (/api/changes, the changes export). A job's creation is a change like the others: from now on the
-- upsert writes a 'created' row in the transaction that inserts the job, and the jobs stored before this migration
-- get theirs here, at their first_seen_at.
--
-- Every row also keeps the transaction that wrote it. Identity values are handed out when a row is inserted, not when
-- its transaction commits, so a reader following ids alone could pass id 101 (committed) while id 100 (a slower
-- transaction) is still invisible, and never see it. The log is read in (tx, id) order and only up to the oldest
-- transaction still running (pg_snapshot_xmin): nothing can later appear behind a position it handed out.
alter table job_changes add column tx xid8 not null default pg_current_xact_id();

insert into job_changes (job_id, changed_at, field, old_value, new_value)
select id, first_seen_at, 'created', null, null from jobs order by first_seen_at, id;

create index job_changes_log on job_changes (tx, id);

-- Closings and reopenings, by job and time: what a job's open intervals are made of (open_on, active postings).
create index job_changes_closings on job_changes (job_id, changed_at) where field = 'closed_at';

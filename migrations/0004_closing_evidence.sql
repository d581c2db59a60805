-- Closing needs evidence: a job closes only after it has been missing from consecutive complete runs of its
-- source over a minimum time (or its own closing date has passed), and the reason is kept with it.
alter table jobs add column missing_runs integer not null default 0;
alter table jobs add column missing_since timestamptz;
alter table jobs add column close_reason text;

-- Regrouping is owed until it is done: the upsert marks what it changed, the regroup clears the mark in the same
-- transaction as its result, so a crash between the two is finished by the next run.
alter table jobs add column needs_regroup boolean not null default false;
create index jobs_needs_regroup on jobs (source_id) where needs_regroup;
-- Groups formed by the earlier rule (a shared URL within one source grouped two postings) are redone.
update jobs set needs_regroup = true where dedup_group is not null;

-- A group's representative is its lowest open member that matches the filters: looked up per grouped row.
create index jobs_open_group on jobs (dedup_group, id) where dedup_group is not null and closed_at is null;

alter table job_changes add column reason text;

alter table scrape_runs add column reopened integer not null default 0;
-- 'abandoned': a run whose process died (no session holds its source's lease) or that outlived the timeout.
alter table scrape_runs drop constraint if exists scrape_runs_outcome_check;
alter table scrape_runs add constraint scrape_runs_outcome_check
    check (outcome in ('running', 'succeeded', 'not-modified', 'suspect', 'failed', 'skipped', 'abandoned'));
create index scrape_runs_running on scrape_runs (source_id) where outcome = 'running';

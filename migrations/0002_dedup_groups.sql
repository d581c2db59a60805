-- Duplicate grouping: jobs that share a posting URL, or the same title, organization, grades and
-- closing day, form one group; feeds and search show one job per group and link the others.
create index if not exists jobs_url on jobs (url);
create index if not exists jobs_dedup_group on jobs (dedup_group) where dedup_group is not null;

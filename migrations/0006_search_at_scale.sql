-- Search at a million jobs. History is never deleted, so jobs only grows; every filter and sort of the job query
-- (src/Aggregator/Search/SearchParameters.cs) is answered from an index over open jobs (about a tenth of the table),
-- in an order a LIMIT can stop early on. docs/data-model.md lists what each column and index serves.

-- A job's places: its own region (or country) and every location's, so a multi-location job matches any of them
-- through one GIN index instead of a jsonb subquery per row.
create function job_places(own text, locations jsonb, member text) returns text[]
    language sql immutable parallel safe
    return array(
        select distinct p from (
            select own as p
            union all
            select l->>member from jsonb_array_elements(case when jsonb_typeof(locations) = 'array' then locations else '[]' end) l
        ) places
        where p is not null
        order by p);

-- Rows narrow enough to leave room: descriptions and the search vector go to TOAST past 1 KB instead of 2 KB, so a
-- row is ~1 KB and a page holds twice as many (a search reads fewer pages), and with 20% free, touching what a run saw
-- (last_seen_at, missing_runs: no indexed column) writes the new version on the same page (HOT) instead of adding one
-- to every index. The rewrite below applies both to every existing row.
alter table jobs set (fillfactor = 80, toast_tuple_target = 1024);

alter table jobs
    add column regions text[] generated always as (job_places(region, locations, 'region')) stored,
    add column countries text[] generated always as (job_places(country, locations, 'country')) stored,
    -- The sort keys, as the search orders by them (SearchParameters: sort=posted, closing, salary).
    add column posted_key timestamptz generated always as (coalesce(posted_at, first_seen_at)) stored,
    add column closing_key timestamptz generated always as (coalesce(closing_at, '9999-12-31T00:00:00Z'::timestamptz)) stored,
    add column salary_key numeric(14, 2) generated always as (coalesce(salary_annual_max, salary_annual_min, -1)) stored,
    -- The title alone, small enough to stay inline: relevance puts jobs whose title matches first.
    add column title_vector tsvector generated always as (to_tsvector('english', coalesce(title, ''))) stored,
    -- Its source's jurisdiction, so a jurisdiction filter is one index range. JobStore writes it with each new job
    -- (not a trigger: any row trigger on jobs costs COPY its batched inserts).
    add column jurisdiction_id bigint references jurisdictions (id),
    -- What the source sent, hashed with the normalizer's build and the definition: a run that reads the same posting
    -- again touches it without normalizing it (ScrapeRunner). Null until a run stores it.
    add column source_hash text;

update jobs set jurisdiction_id = s.jurisdiction_id from sources s where s.id = jobs.source_id;

-- A definition that moves its source to another jurisdiction moves the source's jobs with it.
create function sources_move_jobs() returns trigger language plpgsql as $$
begin
    update jobs set jurisdiction_id = new.jurisdiction_id where source_id = new.id;
    return null;
end $$;
create trigger sources_jurisdiction after update of jurisdiction_id on sources
    for each row when (old.jurisdiction_id is distinct from new.jurisdiction_id) execute function sources_move_jobs();

-- Open jobs only: searches list nothing else, and open jobs are a small, hot part of a table that only grows.
-- Each btree ends in (sort key, id), so a filter on its first column comes back in page order; the main ones carry
-- every column a filter, a facet or the duplicate rule reads (INCLUDE), so finding a page's ids and counting facets
-- read the index alone (an index-only scan, where the visibility map allows), never the wide rows.
drop index if exists jobs_open_posted;
drop index if exists jobs_open_digital;
drop index if exists jobs_region;
drop index if exists jobs_search;
drop index if exists jobs_title_trgm;
drop index if exists jobs_open_group;

create index jobs_open_by_posted on jobs (posted_key desc, id desc)
    include (is_digital, role_category, role_family, seniority, workplace, salary_key, closing_key, closing_at, jurisdiction_id, source_id,
             region, regions, countries, dedup_group, title_vector)
    where closed_at is null;
create index jobs_open_by_closing on jobs (closing_key, id)
    include (is_digital, role_category, role_family, seniority, workplace, salary_key, posted_key, closing_at, jurisdiction_id, source_id,
             region, regions, countries, dedup_group)
    where closed_at is null;
create index jobs_open_by_salary on jobs (salary_key desc, id desc)
    include (is_digital, role_category, role_family, seniority, workplace, posted_key, closing_key, closing_at, jurisdiction_id, source_id,
             region, regions, countries, dedup_group)
    where closed_at is null;
create index jobs_open_role on jobs (role_category, posted_key desc, id desc)
    include (is_digital, role_family, seniority, workplace, salary_key, closing_key, closing_at, jurisdiction_id, source_id,
             region, regions, countries, dedup_group)
    where closed_at is null;
create index jobs_open_family on jobs (role_family, posted_key desc, id desc)
    include (is_digital, role_category, seniority, workplace, salary_key, closing_key, closing_at, jurisdiction_id, source_id,
             region, regions, countries, dedup_group)
    where closed_at is null;
create index jobs_open_jurisdiction on jobs (jurisdiction_id, posted_key desc, id desc)
    include (is_digital, role_category, role_family, seniority, workplace, salary_key, closing_key, closing_at, source_id,
             region, regions, countries, dedup_group)
    where closed_at is null;
create index jobs_open_source on jobs (source_id, posted_key desc, id desc)
    include (is_digital, role_category, role_family, seniority, workplace, salary_key, closing_key, closing_at, jurisdiction_id,
             region, regions, countries, dedup_group)
    where closed_at is null;
create index jobs_open_level on jobs (seniority, posted_key desc, id desc) where closed_at is null;
create index jobs_open_workplace on jobs (workplace, posted_key desc, id desc) where closed_at is null;
create index jobs_open_regions on jobs using gin (regions) where closed_at is null;
create index jobs_open_countries on jobs using gin (countries) where closed_at is null;
-- Text with the equality filters in one GIN (btree_gin), so "q plus remote plus role" is intersected inside the index
-- and only the matches are read: PostgreSQL never ANDs two partial indexes with the same predicate, and the rows are
-- too wide to reject thousands of them one by one. Range filters (salary, dates) stay out: a range over many distinct
-- values costs the GIN more than checking the few rows it returns.
create extension if not exists btree_gin;
create index jobs_open_search on jobs
    using gin (search_vector, is_digital, role_category, role_family, seniority, workplace, jurisdiction_id, source_id, regions, countries)
    where closed_at is null;
create index jobs_open_title_search on jobs
    using gin (title_vector, is_digital, role_category, role_family, seniority, workplace, jurisdiction_id, source_id, regions, countries)
    where closed_at is null;
create index jobs_open_title_trgm on jobs using gin (title gin_trgm_ops) where closed_at is null;
-- A group's representative is its lowest open member that matches the filters: looked up per grouped row, index only.
create index jobs_open_group on jobs (dedup_group, id)
    include (is_digital, role_category, role_family, seniority, workplace, salary_key, posted_key, closing_key, closing_at, jurisdiction_id,
             source_id, regions, countries)
    where dedup_group is not null and closed_at is null;

-- Index-only scans need the visibility map, which every run's touch of its open jobs clears page by page: vacuum
-- the table after about 1% of it changed rather than 20%, so the hot pages are all-visible again within a few runs.
alter table jobs set (autovacuum_vacuum_scale_factor = 0.01, autovacuum_vacuum_insert_scale_factor = 0.01, autovacuum_analyze_scale_factor = 0.02);

-- What feeds' validators compare: one counter moved after every write that changes what a feed can list (new,
-- edited, closed, reopened or regrouped jobs), so a node knows in one small read whether its remembered ETags hold.
create table jobs_version (
    id boolean primary key default true check (id),
    version bigint not null default 0,
    changed_at timestamptz not null default now()
);
insert into jobs_version default values;

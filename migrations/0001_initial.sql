-- Aggregator schema. Forward-only: never edit a migration once merged; add the next one.

create extension if not exists pg_trgm;

create table jurisdictions (
    id bigint generated always as identity primary key,
    name text not null,
    level text not null check (level in ('federal', 'state', 'province', 'county', 'city', 'special-district', 'international', 'organization')),
    country text not null check (country ~ '^[A-Z]{2}$'),
    region text check (region ~ '^[A-Z]{2}-[A-Z0-9]{1,3}$'),
    parent_id bigint references jurisdictions (id),
    created_at timestamptz not null default now(),
    unique (country, name)
);

create table sources (
    id text primary key check (id ~ '^[a-z0-9]+(-[a-z0-9]+)*$'),
    jurisdiction_id bigint not null references jurisdictions (id),
    name text not null,
    platform text not null,
    settings jsonb not null default '{}',
    schedule text not null,
    enabled boolean not null default true,
    homepage text not null,
    owner text not null,
    access text not null,
    terms text not null,
    -- health, the first thing an operator looks at
    last_run_at timestamptz,
    last_success_at timestamptz,
    consecutive_failures integer not null default 0,
    last_error text,
    created_at timestamptz not null default now(),
    updated_at timestamptz not null default now()
);

-- Conditional GET validators, per source and URL. Saved only after a run succeeds, so a failed run
-- never leaves a validator that would make the next run skip content it did not store.
create table source_http_cache (
    source_id text not null references sources (id),
    url text not null,
    etag text,
    last_modified text,
    updated_at timestamptz not null default now(),
    primary key (source_id, url)
);

create table jobs (
    id bigint generated always as identity primary key,
    source_id text not null references sources (id),
    external_id text not null,
    url text not null,
    title text not null,
    organization text,
    department text,
    role_category text not null default 'not-digital',
    role_family text not null default '',
    is_digital boolean not null default false,
    role_evidence text,
    seniority text,
    pay_plan text,
    grade_low text,
    grade_high text,
    series_codes text[] not null default '{}',
    source_categories text[] not null default '{}',
    locations jsonb not null default '[]',
    location_display text,
    region text,
    country text,
    workplace text check (workplace in ('remote', 'hybrid', 'on-site')),
    telework_eligible boolean,
    salary_min numeric(14, 2),
    salary_max numeric(14, 2),
    salary_period text,
    salary_currency text,
    salary_text text,
    salary_annual_min numeric(14, 2),
    salary_annual_max numeric(14, 2),
    salary_method text,
    salary_flag text,
    employment_type text,
    status text,
    may_close_early boolean not null default false,
    posted_at timestamptz,
    closing_at timestamptz,
    closing_kind text not null default 'date' check (closing_kind in ('date', 'continuous', 'until-filled')),
    description_html text,
    description_text text,
    content_hash text not null,
    dedup_key text,
    dedup_group bigint,
    first_seen_at timestamptz not null,
    last_seen_at timestamptz not null,
    updated_at timestamptz not null,
    closed_at timestamptz,
    search_vector tsvector generated always as (
        setweight(to_tsvector('english', coalesce(title, '')), 'A') ||
        setweight(to_tsvector('english', coalesce(organization, '') || ' ' || coalesce(department, '')), 'B') ||
        setweight(to_tsvector('english', coalesce(location_display, '')), 'C') ||
        setweight(to_tsvector('english', left(coalesce(description_text, ''), 100000)), 'D')
    ) stored,
    unique (source_id, external_id)
);

create index jobs_open_posted on jobs (posted_at desc, id desc) where closed_at is null;
create index jobs_open_digital on jobs (role_category, posted_at desc) where closed_at is null and is_digital;
create index jobs_search on jobs using gin (search_vector);
create index jobs_title_trgm on jobs using gin (title gin_trgm_ops);
create index jobs_dedup on jobs (dedup_key) where dedup_key is not null;
create index jobs_region on jobs (region) where closed_at is null;

-- Every field change, for researchers (salary edits, closing-date extensions, reopenings).
create table job_changes (
    id bigint generated always as identity primary key,
    job_id bigint not null references jobs (id),
    changed_at timestamptz not null,
    field text not null,
    old_value text,
    new_value text
);

create index job_changes_job on job_changes (job_id, changed_at);

create table scrape_runs (
    id bigint generated always as identity primary key,
    source_id text not null references sources (id),
    started_at timestamptz not null,
    finished_at timestamptz,
    outcome text not null default 'running' check (outcome in ('running', 'succeeded', 'not-modified', 'suspect', 'failed')),
    seen integer not null default 0,
    new integer not null default 0,
    updated integer not null default 0,
    closed integer not null default 0,
    requests integer not null default 0,
    bytes bigint not null default 0,
    error text
);

create index scrape_runs_source on scrape_runs (source_id, started_at desc);

-- A text query with a salary floor (q=cloud&remote=true&salary_min=120000) read every open row that matched the text
-- and the equality filters, to check each one's salary: tens of thousands of wide rows at a million jobs, for a page
-- of ten. The two text GIN indexes now also hold the salary's band (its top in tens of thousands, -1 without a
-- salary): a range over some forty bands is cheap for a GIN, unlike one over every distinct amount, so the index
-- intersects text, filters and salary before a row is read. The search adds the band condition beside the exact one.
drop index if exists jobs_open_search;
drop index if exists jobs_open_title_search;
create index jobs_open_search on jobs
    using gin (search_vector, is_digital, role_category, role_family, seniority, workplace, jurisdiction_id, source_id, regions, countries,
               (floor(salary_key / 10000)::int))
    where closed_at is null;
create index jobs_open_title_search on jobs
    using gin (title_vector, is_digital, role_category, role_family, seniority, workplace, jurisdiction_id, source_id, regions, countries,
               (floor(salary_key / 10000)::int))
    where closed_at is null;

-- scrape_runs.outcome names exactly the ScrapeOutcome values (src/Aggregator/Scraping/ScrapeOutcome.cs);
-- 'skipped' was reported by the runner but missing here.
alter table scrape_runs drop constraint if exists scrape_runs_outcome_check;
alter table scrape_runs add constraint scrape_runs_outcome_check
    check (outcome in ('running', 'succeeded', 'not-modified', 'suspect', 'failed', 'skipped'));

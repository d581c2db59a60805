-- A feed's ttl (RSS <ttl>, NEOGOV's 360 minutes) and when a run last read the source. The scheduler skips a run that
-- would fetch the source sooner than feed_read_at + feed_ttl, whatever the definition's schedule says.
alter table sources add column feed_ttl interval;
alter table sources add column feed_read_at timestamptz;

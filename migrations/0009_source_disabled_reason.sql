-- Why a source is disabled, from its definition's disabled_reason: the status page shows it beside the source, so an
-- operator or a coalition sees that a silent source was switched off on purpose (a site's terms), not broken.
alter table sources add column disabled_reason text;

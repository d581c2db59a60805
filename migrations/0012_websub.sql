-- WebSub hub, delivery state. 0010 created websub_subscriptions; each subscription now carries the hash of the feed
-- body last pushed to it, claimed by the node that pushes (a conditional update: one delivery across the cluster),
-- while that push is in flight the claim's token, the hash it replaced and until when it holds (given back after that,
-- if the node died mid-push), and after a failed push when to try again.
alter table websub_subscriptions add column delivered_hash text;
alter table websub_subscriptions add column delivered_at timestamptz;
alter table websub_subscriptions add column claim uuid;
alter table websub_subscriptions add column claimed_previous text;
alter table websub_subscriptions add column claimed_until timestamptz;
alter table websub_subscriptions add column failures integer not null default 0;
alter table websub_subscriptions add column retry_at timestamptz;
create index websub_subscriptions_retry on websub_subscriptions (retry_at) where retry_at is not null;
create index websub_subscriptions_expires on websub_subscriptions (expires_at);
create index websub_subscriptions_claimed on websub_subscriptions (claimed_until) where claimed_until is not null;

-- 0010's per-topic hash is replaced by the per-subscription one above: a subscriber that joined later, or whose
-- delivery failed, has its own last content.
drop table websub_topics;

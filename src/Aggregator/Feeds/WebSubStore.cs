using Dapper;
using Npgsql;

namespace Aggregator.Feeds;

/// <summary>A subscription the hub claimed a delivery for: where to push, how to sign, and what to restore if the push fails.</summary>
public sealed record WebSubClaim(long Id, string Topic, string Callback, string? Secret, string? Previous);

/// <summary>
/// All SQL on <c>websub_subscriptions</c>: verified subscriptions to our feeds with their lease, and per subscription
/// the hash of the feed body last pushed to it. On the primary: every node's hub reads what the others just wrote.
/// </summary>
public sealed class WebSubStore(NpgsqlDataSource db)
{
    /// <summary>
    /// Activates a verified subscription, or renews it (a new lease and secret). A new one starts from the topic's content
    /// now (<paramref name="hash"/>): the subscriber has just read the topic, so only the next change is pushed. A renewal
    /// keeps its own last hash, so a change that happened meanwhile is still pushed.
    /// </summary>
    public async Task SubscribeAsync(string topic, string callback, string? secret, TimeSpan lease, string hash, DateTimeOffset now, CancellationToken ct)
    {
        await using var connection = await db.OpenConnectionAsync(ct);
        await connection.ExecuteAsync(new CommandDefinition("""
            insert into websub_subscriptions (topic, callback, secret, lease_seconds, created_at, expires_at, delivered_hash)
            values (@topic, @callback, @secret, @seconds, @now, @expires, @hash)
            on conflict (topic, callback) do update set secret = excluded.secret, lease_seconds = excluded.lease_seconds,
                expires_at = excluded.expires_at
            """, new { topic, callback, secret, seconds = (int)lease.TotalSeconds, now, expires = now + lease, hash }, cancellationToken: ct));
    }

    /// <summary>Removes a subscription; false when there was none.</summary>
    public async Task<bool> UnsubscribeAsync(string topic, string callback, CancellationToken ct)
    {
        await using var connection = await db.OpenConnectionAsync(ct);
        return await connection.ExecuteAsync(new CommandDefinition(
            "delete from websub_subscriptions where topic = @topic and callback = @callback", new { topic, callback }, cancellationToken: ct)) > 0;
    }

    /// <summary>Deletes the subscriptions whose lease ran out; returns how many.</summary>
    public async Task<int> RemoveExpiredAsync(DateTimeOffset now, CancellationToken ct)
    {
        await using var connection = await db.OpenConnectionAsync(ct);
        return await connection.ExecuteAsync(new CommandDefinition(
            "delete from websub_subscriptions where expires_at <= @now", new { now }, cancellationToken: ct));
    }

    /// <summary>The topics with a live subscription; with <paramref name="dueOnly"/>, only those with a failed push due again.</summary>
    public async Task<IReadOnlyList<string>> TopicsAsync(DateTimeOffset now, bool dueOnly, CancellationToken ct)
    {
        await using var connection = await db.OpenConnectionAsync(ct);
        return [.. await connection.QueryAsync<string>(new CommandDefinition($"""
            select distinct topic from websub_subscriptions
            where expires_at > @now {(dueOnly ? "and retry_at <= @now" : "")}
            order by topic
            """, new { now }, cancellationToken: ct))];
    }

    /// <summary>
    /// Claims the pushes of <paramref name="hash"/> to the topic's live subscriptions that have not had it: their last hash
    /// becomes it in the same statement. A row another node is claiming is skipped, and once that node commits the hash
    /// matches, so each body reaches each subscriber from one node only.
    /// </summary>
    public async Task<IReadOnlyList<WebSubClaim>> ClaimAsync(string topic, string hash, DateTimeOffset now, CancellationToken ct)
    {
        await using var connection = await db.OpenConnectionAsync(ct);
        return [.. await connection.QueryAsync<WebSubClaim>(new CommandDefinition("""
            with due as (
                select id, delivered_hash from websub_subscriptions
                where topic = @topic and expires_at > @now and delivered_hash is distinct from @hash
                  and (retry_at is null or retry_at <= @now)
                for update skip locked)
            update websub_subscriptions s set delivered_hash = @hash, delivered_at = @now
            from due where s.id = due.id
            returning s.id, s.topic, s.callback, s.secret, due.delivered_hash as previous
            """, new { topic, hash, now }, cancellationToken: ct))];
    }

    public async Task DeliveredAsync(long id, CancellationToken ct)
    {
        await using var connection = await db.OpenConnectionAsync(ct);
        await connection.ExecuteAsync(new CommandDefinition(
            "update websub_subscriptions set failures = 0, retry_at = null where id = @id", new { id }, cancellationToken: ct));
    }

    /// <summary>
    /// A push that failed: the claim is given back (unless a newer one replaced it) and the subscription waits
    /// <paramref name="backoff"/> doubled per earlier failure, up to a day, before the next try.
    /// </summary>
    public async Task FailedAsync(WebSubClaim claim, string hash, TimeSpan backoff, DateTimeOffset now, CancellationToken ct)
    {
        await using var connection = await db.OpenConnectionAsync(ct);
        await connection.ExecuteAsync(new CommandDefinition("""
            update websub_subscriptions
            set delivered_hash = case when delivered_hash = @hash then @previous else delivered_hash end,
                failures = failures + 1,
                retry_at = @now + least(@backoff * power(2, least(failures, 20)), interval '1 day')
            where id = @id
            """, new { id = claim.Id, hash, previous = claim.Previous, backoff, now }, cancellationToken: ct));
    }

    /// <summary>A subscriber that answered 410 Gone.</summary>
    public async Task RemoveAsync(long id, CancellationToken ct)
    {
        await using var connection = await db.OpenConnectionAsync(ct);
        await connection.ExecuteAsync(new CommandDefinition("delete from websub_subscriptions where id = @id", new { id }, cancellationToken: ct));
    }
}

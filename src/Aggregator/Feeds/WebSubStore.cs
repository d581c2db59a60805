using Dapper;
using Npgsql;

namespace Aggregator.Feeds;

/// <summary>A push the hub claimed: where to push, how to sign, and the claim's token (only its holder may settle it).</summary>
public sealed record WebSubClaim(long Id, string Topic, string Callback, string? Secret, Guid Claim);

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
    /// matches, so each body reaches each subscriber from one node only. The claim holds until <paramref name="until"/>
    /// (extended when the push starts, <see cref="StartAsync"/>); one still open after that belonged to a node that died
    /// mid-push, and is given back (<see cref="ReleaseStaleClaimsAsync"/>).
    /// </summary>
    public async Task<IReadOnlyList<WebSubClaim>> ClaimAsync(string topic, string hash, DateTimeOffset now, DateTimeOffset until, CancellationToken ct)
    {
        await using var connection = await db.OpenConnectionAsync(ct);
        return [.. await connection.QueryAsync<WebSubClaim>(new CommandDefinition("""
            with due as (
                select id, delivered_hash from websub_subscriptions
                where topic = @topic and expires_at > @now and delivered_hash is distinct from @hash
                  and (retry_at is null or retry_at <= @now)
                for update skip locked)
            update websub_subscriptions s
            set delivered_hash = @hash, delivered_at = @now, claim = gen_random_uuid(),
                claimed_previous = coalesce(s.claimed_previous, due.delivered_hash), claimed_until = @until
            from due where s.id = due.id
            returning s.id, s.topic, s.callback, s.secret, s.claim
            """, new { topic, hash, now, until }, cancellationToken: ct))];
    }

    /// <summary>Extends a claim as its push starts; false when it is no longer this node's (it was given back meanwhile).</summary>
    public async Task<bool> StartAsync(WebSubClaim claim, DateTimeOffset until, CancellationToken ct)
    {
        await using var connection = await db.OpenConnectionAsync(ct);
        return await connection.ExecuteAsync(new CommandDefinition(
            "update websub_subscriptions set claimed_until = @until where id = @id and claim = @claim",
            new { id = claim.Id, claim = claim.Claim, until }, cancellationToken: ct)) > 0;
    }

    /// <summary>The push was answered 2xx: the claimed hash stays, the claim ends.</summary>
    public async Task DeliveredAsync(WebSubClaim claim, CancellationToken ct)
    {
        await using var connection = await db.OpenConnectionAsync(ct);
        await connection.ExecuteAsync(new CommandDefinition("""
            update websub_subscriptions
            set failures = 0, retry_at = null, claim = null, claimed_previous = null, claimed_until = null
            where id = @id and claim = @claim
            """, new { id = claim.Id, claim = claim.Claim }, cancellationToken: ct));
    }

    /// <summary>
    /// A push that failed: the claim is given back (the last hash is the one pushed before) and the subscription waits
    /// <paramref name="backoff"/> doubled per earlier failure, up to a day, before the next try.
    /// </summary>
    public async Task FailedAsync(WebSubClaim claim, TimeSpan backoff, DateTimeOffset now, CancellationToken ct)
    {
        await using var connection = await db.OpenConnectionAsync(ct);
        await connection.ExecuteAsync(new CommandDefinition("""
            update websub_subscriptions
            set delivered_hash = claimed_previous, claim = null, claimed_previous = null, claimed_until = null,
                failures = failures + 1,
                retry_at = @now + least(@backoff * power(2, least(failures, 20)), interval '1 day')
            where id = @id and claim = @claim
            """, new { id = claim.Id, claim = claim.Claim, backoff, now }, cancellationToken: ct));
    }

    /// <summary>
    /// Gives back the claims whose push never ended (the node that made them died): their last hash returns to the one
    /// pushed before and they are due at once, so the sweep pushes the topic's content again. Returns how many.
    /// </summary>
    public async Task<int> ReleaseStaleClaimsAsync(DateTimeOffset now, CancellationToken ct)
    {
        await using var connection = await db.OpenConnectionAsync(ct);
        return await connection.ExecuteAsync(new CommandDefinition("""
            update websub_subscriptions
            set delivered_hash = claimed_previous, claim = null, claimed_previous = null, claimed_until = null, retry_at = @now
            where claimed_until <= @now
            """, new { now }, cancellationToken: ct));
    }

    /// <summary>A subscriber that answered 410 Gone.</summary>
    public async Task RemoveAsync(long id, CancellationToken ct)
    {
        await using var connection = await db.OpenConnectionAsync(ct);
        await connection.ExecuteAsync(new CommandDefinition("delete from websub_subscriptions where id = @id", new { id }, cancellationToken: ct));
    }
}

using System.Net;
using System.Text.Json;
using Aggregator.Tests.Support;
using Npgsql;

namespace Aggregator.Tests.Changes;

public sealed class ChangesApiTests(PostgresFixture postgres) : IAsyncLifetime
{
    JobsHost host = null!;
    (long J1, long J2, long J3, long J4, long J5) ids;

    public async ValueTask InitializeAsync()
    {
        host = await JobsHost.StartAsync(postgres);
        ids = await host.SeedFiveJobsAsync();
    }

    public async ValueTask DisposeAsync() => await host.DisposeAsync();

    static string Path(string? since, int limit = 500) => since is null ? $"/api/changes?limit={limit}" : $"/api/changes?limit={limit}&since={Uri.EscapeDataString(since)}";

    /// <summary>
    /// Pages from <paramref name="since"/> until one says there is no more. The log holds back changes while any transaction
    /// of the cluster older than them still runs (other tests share it), so an expected change may take a moment to show.
    /// </summary>
    async Task<(List<JsonElement> Items, string Cursor)> ReadAll(string? since, int limit, int expected)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        var items = new List<JsonElement>();
        var cursor = since;
        while (true)
        {
            var page = await host.JsonAsync(Path(cursor, limit));
            var got = page.GetProperty("items").EnumerateArray().ToList();
            Assert.True(got.Count <= limit);
            items.AddRange(got);
            cursor = page.GetProperty("nextCursor").GetString()!;
            if (page.GetProperty("more").GetBoolean())
                continue;
            if (items.Count >= expected || DateTime.UtcNow > deadline)
                return (items, cursor);
            await Task.Delay(100);
        }
    }

    static (string Kind, string ExternalId) Entry(JsonElement e) => (e.GetProperty("kind").GetString()!, e.GetProperty("externalId").GetString()!);

    [Fact]
    public async Task EveryChangeComesOnceInTheOrderItWasRecordedAcrossPages()
    {
        var (items, _) = await ReadAll(null, limit: 3, expected: 10);

        Assert.Equal(
            [("created", "J1"), ("created", "J2"), ("created", "J3"), ("created", "J4"), ("created", "J5"),
             ("closed", "J3"), ("closed", "J4"), ("closed", "J2"), ("closed", "J1"), ("reopened", "J2")],
            items.Select(Entry));
        Assert.Equal(items.Select(i => i.GetProperty("id").GetInt64()).Distinct().Count(), items.Count);
        Assert.Equal(ids.J2, items[^1].GetProperty("jobId").GetInt64());
        Assert.Equal("2025-04-05T12:00:00Z", items[^1].GetProperty("changedAt").GetString());
        Assert.Equal("city", items[^1].GetProperty("sourceId").GetString());
    }

    [Fact]
    public async Task AMirrorThatKeepsTheCursorGetsOnlyWhatHappenedSince()
    {
        var (_, cursor) = await ReadAll(null, limit: 500, expected: 10);
        var (none, same) = await ReadAll(cursor, limit: 500, expected: 0);
        Assert.Empty(none);

        var job = JobsHost.Job("city", "X-1", "Platform Engineer");
        await host.UpsertAsync("city", job);
        await host.UpsertAsync("city", job with { SalaryMax = 125_000 });

        var (items, _) = await ReadAll(same, limit: 500, expected: 2);
        Assert.Equal([("created", "X-1"), ("updated", "X-1")], items.Select(Entry));
        Assert.Equal(("salary_max", "120000.00", "125000.00"),
            (items[1].GetProperty("field").GetString(), items[1].GetProperty("oldValue").GetString(), items[1].GetProperty("newValue").GetString()));
    }

    [Fact]
    public async Task AChangeOfATransactionStillRunningIsNotPassedOver()
    {
        var (_, cursor) = await ReadAll(null, limit: 500, expected: 10);

        // The slow transaction takes its row id first; a quicker one commits a later id while it still runs.
        await using var slow = await host.Db.OpenConnectionAsync();
        await using var tx = await slow.BeginTransactionAsync();
        await using (var insert = new NpgsqlCommand("insert into job_changes (job_id, changed_at, field, old_value, new_value) values (@id, now(), 'title', 'a', 'b')", slow, tx))
        {
            insert.Parameters.AddWithValue("id", ids.J5);
            await insert.ExecuteNonQueryAsync();
        }
        await host.ExecuteAsync("insert into job_changes (job_id, changed_at, field, old_value, new_value) values (@id, now(), 'title', 'c', 'd')", new { id = ids.J5 });

        // Nothing may be handed out past the running transaction, or its row would land behind the cursor.
        var page = await host.JsonAsync(Path(cursor));
        Assert.Empty(page.GetProperty("items").EnumerateArray());
        Assert.Equal(cursor, page.GetProperty("nextCursor").GetString());

        await tx.CommitAsync();
        var (items, _) = await ReadAll(cursor, limit: 500, expected: 2);
        Assert.Equal(["b", "d"], items.Select(i => i.GetProperty("newValue").GetString()));
    }

    [Theory]
    [InlineData("limit=0", "limit")]
    [InlineData("limit=5001", "limit")]
    [InlineData("limit=ten", "limit")]
    [InlineData("since=not-a-cursor", "since")]
    [InlineData("since=a&since=b", "since")]
    [InlineData("after=1", "after")]
    public async Task BadParametersAre400s(string query, string parameter)
    {
        using var response = await host.Client.GetAsync($"/api/changes?{query}");
        var text = await response.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True(JsonDocument.Parse(text).RootElement.GetProperty("errors").TryGetProperty(parameter, out _), text);
    }

    [Fact]
    public async Task ATamperedCursorOrOneFromAnotherEndpointIsRefused()
    {
        var page = await host.JsonAsync(Path(null, limit: 2));
        var cursor = page.GetProperty("nextCursor").GetString()!;
        // Change one character of the payload: the checksum no longer matches.
        var tampered = cursor[..^2] + (cursor[^2] == 'A' ? 'B' : 'A') + cursor[^1];
        var search = (await host.JsonAsync("/api/jobs?open_on=2025-01-28&limit=1")).GetProperty("nextCursor").GetString()!;

        foreach (var bad in new[] { tampered, search })
        {
            using var response = await host.Client.GetAsync(Path(bad));
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        }
    }
}

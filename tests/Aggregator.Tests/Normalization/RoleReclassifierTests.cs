using Aggregator.Normalization;
using Aggregator.Postings;
using Aggregator.Sources;
using Aggregator.Tests.Support;
using Dapper;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace Aggregator.Tests.Normalization;

public sealed class RoleReclassifierTests(PostgresFixture postgres) : IAsyncLifetime
{
    const string Source = "us-md-example";
    const string CivicSource = "us-org-example-civic";
    TestDatabase database = null!;
    NpgsqlDataSource db = null!;
    JobStore jobs = null!;
    ClassifierStateStore state = null!;

    public async ValueTask InitializeAsync()
    {
        database = await postgres.CreateDatabaseAsync();
        db = database.DataSource;
        jobs = new JobStore(db);
        state = new ClassifierStateStore(db);
        await using var conn = await db.OpenConnectionAsync();
        var jurisdiction = await conn.ExecuteScalarAsync<long>(
            "insert into jurisdictions (name, level, country) values ('Example', 'city', 'US') returning id");
        foreach (var id in new[] { Source, CivicSource })
            await conn.ExecuteAsync("""
                insert into sources (id, jurisdiction_id, name, platform, schedule, homepage, owner, access, terms)
                values (@id, @jurisdiction, @id, 'rss', '0 0 * * * ?', 'https://example.test/', 'tests', 'feed', 'test')
                """, new { id, jurisdiction });
    }

    public async ValueTask DisposeAsync() => await database.DisposeAsync();

    RoleReclassifier Reclassifier(params SourceDefinition[] definitions) =>
        new(jobs, state, RoleClassifier.Shared, new DefinitionSet(definitions, []), TimeProvider.System, NullLogger.Instance);

    // A job stored with the label an older classifier gave it.
    async Task<long> StoredAsync(string source, string externalId, string title, string staleCategory)
    {
        var job = JobsHost.Job(source, externalId, title, role: staleCategory) with { RoleEvidence = "title: an older classifier" };
        await jobs.UpsertAsync(source, [job with { ContentHash = Normalizer.Hash(job) }], DateTimeOffset.UtcNow, CancellationToken.None);
        return (await jobs.FindAsync(source, externalId, CancellationToken.None))!.Id;
    }

    [Fact]
    public async Task StaleLabelsMoveAndEachMoveIsRecorded()
    {
        var missed = await StoredAsync(Source, "1", "Vulnerability Management Analyst", Taxonomy.NotDigital);
        var wrong = await StoredAsync(Source, "2", "Budget Analyst", "software-engineering");
        var right = await StoredAsync(Source, "3", "Senior Software Engineer", "software-engineering");

        var report = await Reclassifier().RunAsync(CancellationToken.None);

        Assert.Equal((3, 2, 1, false), (report.Examined, report.Recategorized, report.Reworded, report.Skipped));
        var security = (await jobs.GetAsync(missed, CancellationToken.None))!;
        Assert.Equal(("cybersecurity", "security", true), (security.RoleCategory, security.RoleFamily, security.IsDigital));
        Assert.StartsWith("title: ", security.RoleEvidence, StringComparison.Ordinal);
        Assert.Equal(Normalizer.Hash(security), security.ContentHash);
        var budget = (await jobs.GetAsync(wrong, CancellationToken.None))!;
        Assert.Equal((Taxonomy.NotDigital, "", false), (budget.RoleCategory, budget.RoleFamily, budget.IsDigital));

        var change = Assert.Single(await jobs.ChangesAsync(missed, CancellationToken.None), c => c.Field == "role_category");
        Assert.Equal((Taxonomy.NotDigital, "cybersecurity"), (change.OldValue, change.NewValue));
        Assert.Single(await jobs.ChangesAsync(wrong, CancellationToken.None), c => c.Field == "role_category");
        // Only the evidence was reworded: no category change to record.
        Assert.DoesNotContain(await jobs.ChangesAsync(right, CancellationToken.None), c => c.Field == "role_category");
        Assert.Equal(RoleClassifier.Shared.Version, await state.VersionAsync(CancellationToken.None));
    }

    [Fact]
    public async Task StartUpReclassifiesOnlyAfterAClassifierChange()
    {
        await Reclassifier().RunIfChangedAsync(CancellationToken.None);
        var id = await StoredAsync(Source, "1", "Identity and Access Engineer", Taxonomy.NotDigital);

        var same = await Reclassifier().RunIfChangedAsync(CancellationToken.None);

        Assert.True(same.Skipped);
        Assert.Equal(Taxonomy.NotDigital, (await jobs.GetAsync(id, CancellationToken.None))!.RoleCategory);

        await state.SaveVersionAsync("r0-older", DateTimeOffset.UtcNow, CancellationToken.None);
        var changed = await Reclassifier().RunIfChangedAsync(CancellationToken.None);

        Assert.False(changed.Skipped);
        Assert.Equal(1, changed.Recategorized);
        Assert.Equal("cybersecurity", (await jobs.GetAsync(id, CancellationToken.None))!.RoleCategory);
        Assert.Equal(RoleClassifier.Shared.Version, await state.VersionAsync(CancellationToken.None));
    }

    [Fact]
    public async Task WhileAnotherNodeHoldsTheLeaseNothingIsTouched()
    {
        var id = await StoredAsync(Source, "1", "Test Automation Engineer", Taxonomy.NotDigital);
        await using (var lease = await state.TryLeaseAsync(CancellationToken.None))
        {
            Assert.NotNull(lease);
            Assert.Null(await state.TryLeaseAsync(CancellationToken.None));

            var atStart = await Reclassifier().RunIfChangedAsync(CancellationToken.None);
            var byHand = await Reclassifier().RunAsync(CancellationToken.None);

            Assert.True(atStart.Skipped);
            Assert.True(byHand.Skipped);
            Assert.Equal(Taxonomy.NotDigital, (await jobs.GetAsync(id, CancellationToken.None))!.RoleCategory);
        }

        Assert.False((await Reclassifier().RunIfChangedAsync(CancellationToken.None)).Skipped);
        Assert.Equal("qa-testing", (await jobs.GetAsync(id, CancellationToken.None))!.RoleCategory);
    }

    [Fact]
    public async Task TheSourcesDeclaredContextIsUsed()
    {
        var civic = await StoredAsync(CivicSource, "1", "Delivery Lead", Taxonomy.NotDigital);
        var general = await StoredAsync(Source, "2", "Designer", Taxonomy.NotDigital);
        var definition = new SourceDefinition { Id = CivicSource, Context = OrganizationContext.CivicTech };

        await Reclassifier(definition).RunAsync(CancellationToken.None, batchSize: 1);

        Assert.Equal("delivery-project-management", (await jobs.GetAsync(civic, CancellationToken.None))!.RoleCategory);
        Assert.Equal(Taxonomy.NotDigital, (await jobs.GetAsync(general, CancellationToken.None))!.RoleCategory);
    }
}

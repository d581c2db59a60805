using Aggregator.Tests.Support;

namespace Aggregator.Tests.Postings;

public sealed class JobHistoryTests(PostgresFixture postgres)
{
    [Fact]
    public async Task TeleworkSalaryTextCloseEarlyCategoriesAndPayPlanChangesAreRecorded()
    {
        await using var host = await JobsHost.StartAsync(postgres);
        await host.SourceAsync("city", "City of Examples");
        var job = JobsHost.Job("city", "A-1", "Data Engineer");
        await host.UpsertAsync("city", job);

        await host.UpsertAsync("city", job with
        {
            TeleworkEligible = true, SalaryText = "$100,000 - $120,000 a year", MayCloseEarly = true, SourceCategories = ["IT", "Data"], PayPlan = "GS",
        });

        var stored = await host.Jobs.FindAsync("city", "A-1", CancellationToken.None);
        var changes = (await host.Jobs.ChangesAsync(stored!.Id, CancellationToken.None)).Select(c => (c.Field, c.OldValue, c.NewValue)).ToList();
        Assert.Equal(
            [("created", null, null), ("pay_plan", null, "GS"), ("telework_eligible", null, "true"), ("salary_text", null, "$100,000 - $120,000 a year"),
             ("may_close_early", "false", "true"), ("source_categories", "", "IT,Data")],
            changes);
    }
}

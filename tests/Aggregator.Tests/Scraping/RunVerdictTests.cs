using Aggregator.Scraping;

namespace Aggregator.Tests.Scraping;

/// <summary>Every branch of the decision that lets a run close jobs, without a database.</summary>
public sealed class RunVerdictTests
{
    static readonly ScrapeGuardOptions guard = new() { MinimumSeenRatio = 0.5, MinimumOpenForRatio = 10 };

    static RunVerdict Decide(string? error = null, int requests = 3, int notModified = 0, int seen = 100, int openBefore = 100, int? expected = null) =>
        RunVerdict.Decide(new RunFacts(error, requests, notModified, seen, openBefore, expected), guard);

    [Fact]
    public void AnErrorFailsTheRunWithItsMessageAndClosesNothing() =>
        Assert.Equal(new RunVerdict(ScrapeOutcome.Failed, "page 2 timed out", false), Decide(error: "page 2 timed out"));

    [Fact]
    public void AnErrorWinsOverEverythingElse() =>
        Assert.Equal(ScrapeOutcome.Failed, Decide(error: "boom", notModified: 3, seen: 0).Outcome);

    [Fact]
    public void EveryRequestAnswering304IsNotModifiedAndClosesNothing() =>
        Assert.Equal(new RunVerdict(ScrapeOutcome.NotModified, null, false), Decide(requests: 2, notModified: 2, seen: 0));

    [Fact]
    public void SomeRequestsAnswering304SucceedButCloseNothing() =>
        Assert.Equal(new RunVerdict(ScrapeOutcome.Succeeded, null, false), Decide(requests: 3, notModified: 1, seen: 5));

    [Fact]
    public void ZeroPostingsIsSuspect()
    {
        var verdict = Decide(seen: 0, openBefore: 0);
        Assert.Equal((ScrapeOutcome.Suspect, false), (verdict.Outcome, verdict.MayClose));
        Assert.Contains("zero postings", verdict.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void ZeroPostingsGivesTheAdaptersReadingOfAnEmptyAnswerAsTheReason()
    {
        var verdict = RunVerdict.Decide(new RunFacts(null, 1, 0, 0, 0, 0, "SmartRecruiters answered 200 with no postings for company 'x': the company id is probably wrong"), guard);

        Assert.Equal((ScrapeOutcome.Suspect, false), (verdict.Outcome, verdict.MayClose));
        Assert.Equal("the source returned zero postings: SmartRecruiters answered 200 with no postings for company 'x': the company id is probably wrong; nothing was closed", verdict.Reason);
    }

    [Fact]
    public void TheReadingOfAnEmptyAnswerIsIgnoredWhenPostingsWereSeen() =>
        Assert.Equal(new RunVerdict(ScrapeOutcome.Succeeded, null, true), RunVerdict.Decide(new RunFacts(null, 2, 0, 5, 0, 5, "the company id is probably wrong"), guard));

    [Fact]
    public void SeeingLessThanTheShareOfWhatTheSourceAnnouncesIsSuspect()
    {
        var verdict = Decide(seen: 49, openBefore: 0, expected: 100);
        Assert.Equal((ScrapeOutcome.Suspect, false), (verdict.Outcome, verdict.MayClose));
        Assert.Equal("saw 49 postings but the source announced 100; nothing was closed", verdict.Reason);
    }

    [Fact]
    public void SeeingExactlyTheShareOfWhatTheSourceAnnouncesMayClose() =>
        Assert.Equal(new RunVerdict(ScrapeOutcome.Succeeded, null, true), Decide(seen: 50, openBefore: 0, expected: 100));

    [Fact]
    public void SeeingLessThanTheShareOfWhatWasOpenIsSuspect()
    {
        var verdict = Decide(seen: 9, openBefore: 20);
        Assert.Equal((ScrapeOutcome.Suspect, false), (verdict.Outcome, verdict.MayClose));
        Assert.Equal("saw 9 postings but 20 are open from earlier runs; nothing was closed", verdict.Reason);
    }

    [Fact]
    public void TheOpenShareAppliesOnlyFromTheMinimumOpenCount() =>
        Assert.Equal(new RunVerdict(ScrapeOutcome.Succeeded, null, true), Decide(seen: 1, openBefore: 9));

    [Fact]
    public void ACompletePlausibleRunMayClose() =>
        Assert.Equal(new RunVerdict(ScrapeOutcome.Succeeded, null, true), Decide(seen: 95, openBefore: 100, expected: 100));
}

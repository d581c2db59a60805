using Aggregator.Scraping;

namespace Aggregator.Tests.Scraping;

/// <summary>Every branch of the decision that makes a run evidence that the jobs it missed closed, without a database.</summary>
public sealed class RunVerdictTests
{
    static readonly ScrapeGuardOptions guard = new() { MinimumSeenRatio = 0.5, MinimumOpenForRatio = 10, CompleteRatio = 0.95 };

    static RunVerdict Decide(string? error = null, int requests = 3, int notModified = 0, int seen = 100, int openBefore = 100, int? expected = null) =>
        RunVerdict.Decide(new RunFacts(error, requests, notModified, seen, openBefore, expected), guard);

    [Fact]
    public void AnErrorFailsTheRunWithItsMessageAndIsNoEvidence() =>
        Assert.Equal(new RunVerdict(ScrapeOutcome.Failed, "page 2 timed out", false), Decide(error: "page 2 timed out"));

    [Fact]
    public void AnErrorWinsOverEverythingElse() =>
        Assert.Equal(ScrapeOutcome.Failed, Decide(error: "boom", notModified: 3, seen: 0).Outcome);

    [Fact]
    public void EveryRequestAnswering304IsNotModifiedAndNoEvidence() =>
        Assert.Equal(new RunVerdict(ScrapeOutcome.NotModified, null, false), Decide(requests: 2, notModified: 2, seen: 0));

    [Fact]
    public void SomeRequestsAnswering304SucceedButAreNoEvidence() =>
        Assert.Equal(new RunVerdict(ScrapeOutcome.Succeeded, null, false), Decide(requests: 3, notModified: 1, seen: 5));

    [Fact]
    public void ZeroPostingsIsSuspect()
    {
        var verdict = Decide(seen: 0, openBefore: 0);
        Assert.Equal((ScrapeOutcome.Suspect, false), (verdict.Outcome, verdict.IsEvidence));
        Assert.Contains("zero postings", verdict.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void ZeroPostingsGivesTheAdaptersReadingOfAnEmptyAnswerAsTheReason()
    {
        var verdict = RunVerdict.Decide(new RunFacts(null, 1, 0, 0, 0, 0, "SmartRecruiters answered 200 with no postings for company 'x': the company id is probably wrong"), guard);

        Assert.Equal((ScrapeOutcome.Suspect, false), (verdict.Outcome, verdict.IsEvidence));
        Assert.Equal("the source returned zero postings: SmartRecruiters answered 200 with no postings for company 'x': the company id is probably wrong; nothing was closed", verdict.Reason);
    }

    [Fact]
    public void TheReadingOfAnEmptyAnswerIsIgnoredWhenPostingsWereSeen() =>
        Assert.Equal(new RunVerdict(ScrapeOutcome.Succeeded, null, true), RunVerdict.Decide(new RunFacts(null, 2, 0, 5, 0, 5, "the company id is probably wrong"), guard));

    [Fact]
    public void SeeingLessThanTheShareOfWhatTheSourceAnnouncesIsSuspect()
    {
        var verdict = Decide(seen: 49, openBefore: 0, expected: 100);
        Assert.Equal((ScrapeOutcome.Suspect, false), (verdict.Outcome, verdict.IsEvidence));
        Assert.Equal("saw 49 postings but the source announced 100; nothing was closed", verdict.Reason);
    }

    [Fact]
    public void SeeingExactlyTheSuspectShareOfWhatTheSourceAnnouncesSucceedsButIsNoEvidence()
    {
        var verdict = Decide(seen: 50, openBefore: 0, expected: 100);
        Assert.Equal((ScrapeOutcome.Succeeded, false), (verdict.Outcome, verdict.IsEvidence));
        Assert.Equal("saw 50 of the 100 postings the source announced; not counted as evidence that any job closed", verdict.Reason);
    }

    [Fact]
    public void SeeingMostButNotTheCompleteShareOfWhatTheSourceAnnouncesIsNoEvidence()
    {
        // 11,000 of an announced 20,000: the run that closed 9,000 jobs.
        var verdict = Decide(seen: 11_000, openBefore: 20_000, expected: 20_000);
        Assert.Equal((ScrapeOutcome.Succeeded, false), (verdict.Outcome, verdict.IsEvidence));
        Assert.StartsWith("saw 11000 of the 20000 postings", verdict.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void SeeingTheCompleteShareOfWhatTheSourceAnnouncesIsEvidence() =>
        Assert.Equal(new RunVerdict(ScrapeOutcome.Succeeded, null, true), Decide(seen: 95, openBefore: 100, expected: 100));

    [Fact]
    public void SeeingLessThanTheShareOfWhatWasOpenIsSuspect()
    {
        var verdict = Decide(seen: 9, openBefore: 20);
        Assert.Equal((ScrapeOutcome.Suspect, false), (verdict.Outcome, verdict.IsEvidence));
        Assert.Equal("saw 9 postings but 20 are open from earlier runs; nothing was closed", verdict.Reason);
    }

    [Fact]
    public void TheOpenShareAppliesOnlyFromTheMinimumOpenCount() =>
        Assert.Equal(new RunVerdict(ScrapeOutcome.Succeeded, null, true), Decide(seen: 1, openBefore: 9));

    [Fact]
    public void ACompletePlausibleRunIsEvidence() =>
        Assert.Equal(new RunVerdict(ScrapeOutcome.Succeeded, null, true), Decide(seen: 100, openBefore: 100, expected: 100));
}

using Tenure.Metrics.Inputs;

namespace Tenure.Demo.Tests;

/// <summary>
/// The demo data holds at least one case of every rule the metric engine must handle, so the demo
/// exercises it (METRICS.md): plan switches, reactivations, billing intervals, quantities,
/// discounts, open and blocked tickets, major cases, deactivated users, overdue tasks, ...
/// </summary>
public sealed class DemoDataRulesTests(DemoFixture fixture)
{
    private DemoDataSet Data => fixture.InMemory;

    private DateTime AsOf => DemoFixture.Options.AsOf;

    private static bool Paying(SubscriptionPeriod s) => (s.Amount * s.Quantity) - s.Discount > 0;

    [Fact]
    public void Subscriptions_HaveASameDayPlanSwitch()
    {
        // One row ends and the next row of the same subscription starts on that date with other terms.
        var rows = Data.Subscriptions.Where(Paying).ToLookup(s => (s.SubscriptionId, s.Start));
        Assert.Contains(Data.Subscriptions, s => s.End is { } end && Paying(s)
            && rows[(s.SubscriptionId, end)].Any(next => next.Plan != s.Plan));
        Assert.Contains(Data.Subscriptions, s => s.End is { } end && Paying(s)
            && rows[(s.SubscriptionId, end)].Any(next => next.Quantity != s.Quantity));
    }

    [Fact]
    public void Subscriptions_HaveAReactivation()
    {
        var reactivated = Data.Subscriptions.Where(Paying).GroupBy(s => s.AccountId).Count(account =>
        {
            var coveredUntil = DateTime.MinValue;
            var stretches = 0;
            foreach (var s in account.OrderBy(s => s.Start))
            {
                if (s.Start > coveredUntil)
                    stretches++;
                var end = s.End ?? DateTime.MaxValue;
                if (end > coveredUntil)
                    coveredUntil = end;
            }
            return stretches > 1;
        });

        Assert.True(reactivated > 10, $"only {reactivated} reactivated accounts");
    }

    [Theory]
    [InlineData(BillingInterval.Month)]
    [InlineData(BillingInterval.Quarter)]
    [InlineData(BillingInterval.Year)]
    [InlineData(BillingInterval.Term)]
    public void Subscriptions_HavePayingPeriodsOfEachInterval(BillingInterval interval) =>
        Assert.Contains(Data.Subscriptions, s => s.Interval == interval && Paying(s));

    [Fact]
    public void Subscriptions_TermRowsAlwaysHaveAnEnd() =>
        Assert.All(Data.Subscriptions.Where(s => s.Interval == BillingInterval.Term), s => Assert.NotNull(s.End));

    [Fact]
    public void Subscriptions_HaveQuantitiesDiscountsOpenEndsAndZeroRows()
    {
        Assert.Contains(Data.Subscriptions, s => s.Quantity > 1);
        Assert.Contains(Data.Subscriptions, s => s.Discount > 0);
        Assert.Contains(Data.Subscriptions, s => s.End is null && Paying(s));
        Assert.Contains(Data.Subscriptions, s => s.Plan == "trial" && !Paying(s));
        Assert.Contains(Data.Subscriptions, s => s.Plan == "free" && !Paying(s));
    }

    [Fact]
    public void Subscriptions_HaveRenewedAndLapsedFixedTerms()
    {
        var starts = Data.Subscriptions.Where(Paying).ToLookup(s => s.AccountId);
        bool Renewed(SubscriptionPeriod s) => starts[s.AccountId].Any(n => n.Start >= s.End && n.Start <= s.End!.Value.AddDays(30));
        var ended = Data.Subscriptions.Where(s => s.Interval is BillingInterval.Year or BillingInterval.Term && s.End < AsOf.AddDays(-31)).ToList();

        Assert.Contains(ended, Renewed);
        Assert.Contains(ended, s => !Renewed(s));
    }

    [Fact]
    public void Subscriptions_NeverOverlapWithinASubscriptionAndNeverStartAfterAsOf()
    {
        foreach (var subscription in Data.Subscriptions.GroupBy(s => s.SubscriptionId))
        {
            var rows = subscription.OrderBy(s => s.Start).ToList();
            for (var i = 1; i < rows.Count; i++)
                Assert.True(rows[i - 1].End is { } end && end <= rows[i].Start, $"{subscription.Key} overlaps at {rows[i].Start:yyyy-MM-dd}");
            Assert.All(rows, r => Assert.True(r.Start < AsOf && (r.End is null || r.End > r.Start)));
        }
    }

    [Fact]
    public void Invoices_HaveEveryKindAndCategory()
    {
        Assert.Contains(Data.Invoices, i => i.Kind == InvoiceKind.Recurring);
        Assert.Contains(Data.Invoices, i => i.Kind == InvoiceKind.Refund);
        foreach (var category in new[] { "upsell", "cross_sell", "add_on", "services" })
            Assert.Contains(Data.Invoices, i => i.Kind == InvoiceKind.OneOff && i.Category == category);
        Assert.All(Data.Invoices, i => Assert.True(i.Amount > 0));
    }

    [Fact]
    public void Tickets_HaveOpenBlockedEscalatedAndMultiContactCases()
    {
        Assert.Contains(Data.Tickets, t => t.ResolvedAt is null);
        Assert.Contains(Data.Tickets, t => t.ResolvedAt is null && t.Blocked);
        Assert.Contains(Data.Tickets, t => t.ResolvedAt is null && !t.Blocked);
        Assert.Contains(Data.Tickets, t => t.Escalated);
        Assert.Contains(Data.Tickets, t => t.ResolvedAt is not null && t.Contacts == 1);
        Assert.Contains(Data.Tickets, t => t.ResolvedAt is not null && t.Contacts > 1);
        Assert.Contains(Data.Tickets, t => t.HandleMinutes is null);
    }

    [Fact]
    public void Tickets_AFewPercentOfSolvedTicketsWereReopened_AndOnlySolvedOnes()
    {
        var solved = Data.Tickets.Where(t => t.ResolvedAt is not null).ToList();
        var reopened = solved.Count(t => t.Reopens > 0);

        // The simulator reopens 2.5 % + 4 % x (1 - health) of solved tickets: between 2.5 % and 6.5 %.
        Assert.InRange(reopened / (double)solved.Count, 0.02, 0.07);
        Assert.Contains(solved, t => t.Reopens == 2);
        Assert.All(Data.Tickets, t => Assert.InRange(t.Reopens, 0, 2));
        Assert.All(Data.Tickets.Where(t => t.ResolvedAt is null || t.IsMajor || t.ParentTicketId is not null), t => Assert.Equal(0, t.Reopens));
    }

    [Fact]
    public void Tickets_HaveAMajorCaseWithChildrenOnOtherAccounts()
    {
        var majors = Data.Tickets.Where(t => t.IsMajor).ToDictionary(t => t.TicketId);
        var children = Data.Tickets.Where(t => t.ParentTicketId is not null).ToList();

        Assert.NotEmpty(majors);
        Assert.Contains(children, c => majors.TryGetValue(c.ParentTicketId!, out var parent) && parent.AccountId != c.AccountId);
        Assert.All(children, c => Assert.True(majors.ContainsKey(c.ParentTicketId!)));
    }

    [Fact]
    public void Tickets_TimesAreOrdered()
    {
        Assert.All(Data.Tickets, t =>
        {
            Assert.True(t.CreatedAt < AsOf);
            Assert.True(t.FirstResponseAt is null || t.FirstResponseAt >= t.CreatedAt);
            Assert.True(t.ResolvedAt is null || (t.ResolvedAt >= t.FirstResponseAt && t.ResolvedAt < AsOf));
        });
    }

    [Fact]
    public void Surveys_HaveEachKindOnItsScale()
    {
        Assert.Contains(Data.Surveys, s => s.Survey == "nps" && s.Scale == Scale.ZeroToTen);
        Assert.Contains(Data.Surveys, s => s.Survey == "csat" && s.Scale == Scale.OneToFive && s.TicketId is not null);
        Assert.Contains(Data.Surveys, s => s.Survey == "ces" && s.Scale == Scale.OneToSeven);
        Assert.Contains(Data.Surveys, s => s.Survey == "onboarding" && s.Scale == Scale.OneToTen);
        Assert.All(Data.Surveys, s => Assert.InRange(s.Score, s.Scale.Min(), s.Scale.Max()));
    }

    [Fact]
    public void Users_SomeAreDeactivated() =>
        Assert.Contains(Data.Users, u => u.DeactivatedAt is { } at && at > u.CreatedAt);

    [Fact]
    public void Tasks_SomeAreOverdueAndSomeHaveNoAccount()
    {
        Assert.Contains(Data.Tasks, t => t.CompletedAt is null && t.DueAt < AsOf);
        Assert.Contains(Data.Tasks, t => t.CompletedAt > t.DueAt);
        Assert.Contains(Data.Tasks, t => t.AccountId is null);
        foreach (var category in new[] { "onboarding", "qbr", "renewal", "risk", "expansion" })
            Assert.Contains(Data.Tasks, t => t.Category == category);
    }

    [Fact]
    public void Engagement_HasOffersReferralsMilestonesProgramsAndNotes()
    {
        Assert.Contains(Data.Offers, o => o.AcceptedAt is not null);
        Assert.Contains(Data.Offers, o => o.AcceptedAt is null);
        Assert.NotEmpty(Data.Referrals);
        Assert.Contains(Data.Milestones, m => m.Name == "first_value");
        Assert.Contains(Data.Milestones, m => m.Name == "onboarded");
        foreach (var program in new[] { "advocacy", "beta", "customer_council" })
            Assert.Contains(Data.Programs, p => p.Program == program);
        Assert.Contains(Data.Programs, p => p.LeftAt is not null);
        Assert.Contains(Data.Programs, p => p.LeftAt is null);
        Assert.NotEmpty(Data.Notes);
    }

    [Fact]
    public void Costs_CoverEveryMonthOfTheWindowForBothKinds()
    {
        var months = Data.Costs.Select(c => c.Date).Distinct().Count();

        Assert.Equal(24, months);
        Assert.Contains(Data.Costs, c => c.Kind == CostKind.Retention);
        Assert.Contains(Data.Costs, c => c.Kind == CostKind.Acquisition);
    }

    [Fact]
    public void Accounts_CoverSegmentsPlansCsmsAndEarlierHistory()
    {
        Assert.Equal(3, Data.Accounts.Select(a => a.Segment).Distinct().Count());
        Assert.Equal(6, Data.Accounts.Select(a => a.Csm).Distinct().Count());
        Assert.True(Data.Accounts.Select(a => a.Industry).Distinct().Count() >= 8);
        Assert.Contains(Data.Accounts, a => a.CreatedAt < DemoFixture.Options.WindowStart);
        foreach (var plan in new[] { "starter", "growth", "enterprise" })
            Assert.Contains(Data.Accounts, a => a.Plan == plan);
    }
}

using Tenure.Metrics.Engine;
using Tenure.Metrics.Inputs;
using Tenure.Metrics.Periods;

using static Tenure.Metrics.Tests.MetricRun;
using static Tenure.Metrics.Tests.TestData;

namespace Tenure.Metrics.Tests;

public class UsageCalculatorTests
{
    private static readonly Account[] Accounts = [Acct("a", csm: "ann"), Acct("b", csm: "bob"), Acct("c", csm: "ann"), Acct("d", csm: "bob"), Acct("e", csm: "bob"), Acct("f")];

    private static UsageDay Used(string account, string? user, string day) => new(account, user, D(day), 1);

    /// <summary>
    /// 1-4 May 2024 as one period. a is ann's, b is bob's.
    /// u1 (a) created 1 April: exists every day. u2 (a) created 3 May 15:00: exists 3 and 4 May.
    /// u3 (b) deactivated 3 May 00:00: exists 1 and 2 May. u4 (b) deactivated 2 May 12:00: exists 1 and 2 May.
    /// u5 (b) created 6 May: exists on none of the days.
    /// Usage: u1 on 1 (twice, not rolled up), 2 and 3 May; u2 on 2 May (before it exists) and 3 May; u3 on 2 and 3 May
    /// (3 May: deactivated); u4 on 2 May; u5 on 4 May; a row without a user on 4 May.
    /// Existing / with usage: 1 May 3 / 1 (u1); 2 May 3 / 3 (u1 u3 u4); 3 May 2 / 2 (u1 u2); 4 May 2 / 0.
    /// </summary>
    private static TenureDataSet FourDays() => new()
    {
        Accounts = Accounts,
        Users =
        [
            new("u1", "a", D("2024-04-01")),
            new("u2", "a", T("2024-05-03T15:00")),
            new("u3", "b", D("2024-04-01"), D("2024-05-03")),
            new("u4", "b", D("2024-04-01"), T("2024-05-02T12:00")),
            new("u5", "b", D("2024-05-06")),
        ],
        Usage =
        [
            Used("a", "u1", "2024-05-01"), Used("a", "u1", "2024-05-01"), Used("a", "u1", "2024-05-02"), Used("a", "u1", "2024-05-03"),
            Used("a", "u2", "2024-05-02"), Used("a", "u2", "2024-05-03"),
            Used("b", "u3", "2024-05-02"), Used("b", "u3", "2024-05-03"),
            Used("b", "u4", "2024-05-02"),
            Used("b", "u5", "2024-05-04"),
            Used("a", null, "2024-05-04"),
        ],
        Present = InputKind.Accounts | InputKind.Users | InputKind.Usage,
    };

    [Fact]
    public void DailyUsage_UsersCreatedAndDeactivatedMidPeriod_MeanOfDailyShares()
    {
        // (1/3 + 3/3 + 2/2 + 0/2) / 4 x 100 = (7/3) / 4 x 100 = 58.33 %.
        var results = Run(FourDays(), "2024-05-01", "2024-05-05", ["daily-usage"], granularity: Granularity.Range);
        AssertNear(700m / 12m, results.Value("daily-usage", "2024-05-01").Value);
    }

    [Fact]
    public void DailyUsage_NumberedUserIdsInAnIntTable_AsByTheirIds()
    {
        // FourDays with u1, u2, u4 and u5 named U0000001, U0000002, U0000004 and U0000005 (numbered: found by number), u3
        // named "guest-3" (another shape: found by its text), usage as ingestion gives it (an int table), and two users only in usage.csv, U0000009
        // (numbered, within the numbers held) and U9000000 (past them), on days that count for nobody: the same 58.33 %,
        // 75 % for ann and 50 % for bob as FourDays.
        var names = new Dictionary<string, string> { ["u1"] = "U0000001", ["u2"] = "U0000002", ["u3"] = "guest-3", ["u4"] = "U0000004", ["u5"] = "U0000005" };
        var four = FourDays();
        var users = four.Users.Select(u => u with { UserId = names[u.UserId] }).ToList();
        var usage = four.Usage.Select(u => u with { UserId = u.UserId is null ? null : names[u.UserId] })
            .Append(Used("a", "U0000009", "2024-05-01")).Append(Used("b", "U9000000", "2024-05-02")).ToList();
        var accountIds = usage.Select(u => u.AccountId).Distinct().ToList();
        var userIds = usage.Where(u => u.UserId is not null).Select(u => u.UserId!).Distinct().ToList();
        var rows = usage.Select(u => new UsageDayCount
        {
            Account = accountIds.IndexOf(u.AccountId),
            User = u.UserId is null ? -1 : userIds.IndexOf(u.UserId),
            Day = (int)(u.Day.Ticks / TimeSpan.TicksPerDay),
            Events = u.Events,
        }).ToArray();
        var data = four with { Users = users, Usage = new UsageDayTable(rows, rows.Length, accountIds, userIds) };

        var results = Run(data, "2024-05-01", "2024-05-05", ["daily-usage"], SegmentBy.Csm, Granularity.Range);

        AssertNear(700m / 12m, results.Value("daily-usage", "2024-05-01").Value);
        Assert.Equal(75m, results.Value("daily-usage", "2024-05-01", "csm=ann").Value);
        Assert.Equal(50m, results.Value("daily-usage", "2024-05-01", "csm=bob").Value);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void DailyUsage_TableOfUsersCsvUsersOnly_DaysAroundAndWithinItAsTheRows(bool narrow)
    {
        // FourDays' usage as an int table whose every user is in users.csv (its day buckets are read in place, ADR 0365),
        // by day over a calendar reaching past the table's days (1-4 May) on both sides, or starting within them.
        // 29-30 April: u1, u3, u4 exist, no usage: 0 %. 1 May 1/3; 2 May 3/3; 3 May 2/2; 4 May 0/2 (u5's row comes before
        // u5 exists); 5 May: u1 and u2 exist, no usage: 0 %; 6 May: u5 too: 0 %.
        var four = FourDays();
        var data = four with { Usage = UsageDayTable.From(four.Usage) };

        var results = Run(data, narrow ? "2024-05-02" : "2024-04-29", "2024-05-07", ["daily-usage"], granularity: Granularity.Day);

        if (!narrow)
        {
            Assert.Equal(0m, results.Value("daily-usage", "2024-04-29").Value);
            Assert.Equal(0m, results.Value("daily-usage", "2024-04-30").Value);
            AssertNear(100m / 3m, results.Value("daily-usage", "2024-05-01").Value);
        }
        Assert.Equal(100m, results.Value("daily-usage", "2024-05-02").Value);
        Assert.Equal(100m, results.Value("daily-usage", "2024-05-03").Value);
        Assert.Equal(0m, results.Value("daily-usage", "2024-05-04").Value);
        Assert.Equal(0m, results.Value("daily-usage", "2024-05-05").Value);
        Assert.Equal(0m, results.Value("daily-usage", "2024-05-06").Value);
    }

    [Fact]
    public void DailyUsage_BySegment_DaysWithoutUsersLeftOut()
    {
        // ann (u1, u2): 1/1, 1/1, 2/2, 0/2 -> 3/4 = 75 %. bob (u3, u4): 1 May 0/2, 2 May 2/2; no bob user exists on
        // 3 and 4 May, so those days are left out -> (0 + 100) / 2 = 50 %. "all" merges the daily counts: 58.33 %.
        var results = Run(FourDays(), "2024-05-01", "2024-05-05", ["daily-usage"], SegmentBy.Csm, Granularity.Range);
        AssertNear(700m / 12m, results.Value("daily-usage", "2024-05-01").Value);
        Assert.Equal(75m, results.Value("daily-usage", "2024-05-01", "csm=ann").Value);
        Assert.Equal(50m, results.Value("daily-usage", "2024-05-01", "csm=bob").Value);
    }

    [Fact]
    public void DailyUsage_ByDay_EachDayItsOwnShare()
    {
        var results = Run(FourDays(), "2024-05-01", "2024-05-05", ["daily-usage"], granularity: Granularity.Day);
        AssertNear(100m / 3m, results.Value("daily-usage", "2024-05-01").Value);
        Assert.Equal(100m, results.Value("daily-usage", "2024-05-02").Value);
        Assert.Equal(100m, results.Value("daily-usage", "2024-05-03").Value);
        Assert.Equal(0m, results.Value("daily-usage", "2024-05-04").Value);
    }

    [Fact]
    public void DailyUsage_PeriodWithoutUsers_HasNoValue()
    {
        // Nobody exists in March (every user is created from April on).
        var results = Run(FourDays(), "2024-03-01", "2024-03-04", ["daily-usage"], granularity: Granularity.Range);
        Assert.Null(results.Value("daily-usage", "2024-03-01").Value);
    }

    [Fact]
    public void DailyUsage_WithoutUsersFile_IsUnavailable()
    {
        var data = new TenureDataSet { Usage = FourDays().Usage, Present = InputKind.Usage };
        var result = Assert.Single(Run(data, "2024-05-01", "2024-06-01", ["daily-usage"]));
        Assert.Equal("needs users.csv", result.Unavailable);
    }

    /// <summary>
    /// <paramref name="usage"/> as ingestion hands it over: a <see cref="UsageDayTable"/> (ids numbered in order of
    /// first appearance), the same rows in the same order.
    /// </summary>
    private static UsageDayTable AsTable(IReadOnlyList<UsageDay> usage)
    {
        var accounts = new List<string>();
        var users = new List<string>();
        var rows = new UsageDayCount[usage.Count];
        for (var i = 0; i < usage.Count; i++)
        {
            var row = usage[i];
            if (!accounts.Contains(row.AccountId)) accounts.Add(row.AccountId);
            if (row.UserId is { } user && !users.Contains(user)) users.Add(user);
            rows[i] = new UsageDayCount
            {
                Account = accounts.IndexOf(row.AccountId),
                User = row.UserId is null ? -1 : users.IndexOf(row.UserId),
                Day = (int)(row.Day.Ticks / TimeSpan.TicksPerDay),
                Events = row.Events,
            };
        }
        return new UsageDayTable(rows, rows.Length, accounts, users);
    }

    [Fact]
    public void UsageTable_ReadAsRows_SameRowsInOrder()
    {
        var rows = FourDays().Usage;
        Assert.Equal(rows, AsTable(rows));
        Assert.Equal(rows[^1], AsTable(rows)[rows.Count - 1]);
        Assert.Null(AsTable(rows)[^1].UserId);
    }

    [Fact]
    public void UsageTable_AccountIds_EachOnceInOrderOfFirstAppearance()
    {
        // Rows of B, A, B, C, A, A: the ids are B, A, C, each once, the account index order of the table not being the order of appearance.
        var rows = new[] { 1, 0, 1, 2, 0, 0 }.Select(a => new UsageDayCount { Account = a, User = -1, Day = 739000, Events = 1 }).ToArray();
        var table = new UsageDayTable(rows, rows.Length, ["A", "B", "C", "D"], []);
        var ids = new List<string?>();

        InputKinds.Usage.ForEachAccountId(new TenureDataSet { Usage = table }, ids.Add);

        Assert.Equal(["B", "A", "C"], ids);
    }

    [Fact]
    public void AccountDirectory_WithoutAccounts_NumbersUsageTableAccountsAsItsRows()
    {
        // Without accounts.csv the directory numbers ids in order of first appearance; the table's own numbering (A=0, B=1) differs.
        var rows = new[] { 1, 0, 1 }.Select(a => new UsageDayCount { Account = a, User = -1, Day = 739000, Events = 1 }).ToArray();
        var directory = AccountDirectory.Build(new TenureDataSet { Usage = new UsageDayTable(rows, rows.Length, ["A", "B"], []) });

        Assert.Equal(0, directory.IndexOf("B"));
        Assert.Equal(1, directory.IndexOf("A"));
        Assert.Equal(2, directory.Count);
    }

    [Fact]
    public void DailyUsage_FromUsageTable_SameSharesAsFromRows()
    {
        // The figures of DailyUsage_BySegment_DaysWithoutUsersLeftOut: ann 75 %, bob 50 %, all (7/3) / 4 x 100 = 58.33 %.
        var data = FourDays();
        var results = Run(data with { Usage = AsTable(data.Usage) }, "2024-05-01", "2024-05-05", ["daily-usage"], SegmentBy.Csm, Granularity.Range);
        AssertNear(700m / 12m, results.Value("daily-usage", "2024-05-01").Value);
        Assert.Equal(75m, results.Value("daily-usage", "2024-05-01", "csm=ann").Value);
        Assert.Equal(50m, results.Value("daily-usage", "2024-05-01", "csm=bob").Value);
    }

    [Fact]
    public void ActiveUsers_FromUsageTable_UsersOnlyInUsageTakeTheirFirstRowsAccount()
    {
        // The figures of ActiveUsers_BySegment_AddUpToAll (users known only from usage): ann mau 2 (v1 v2), bob mau 1 (v3).
        // A row of v3 under account a, after its first row (under b), does not move v3 to ann.
        var data = ActiveUsers();
        var usage = data.Usage.Append(Used("a", "v3", "2024-05-26")).ToList();
        var results = Run(data with { Usage = AsTable(usage) }, "2024-05-01", "2024-06-01", ActiveIds, SegmentBy.Csm);
        Assert.Equal(2m, results.Value("mau", "2024-05-01", "csm=ann").Value);
        Assert.Equal(1m, results.Value("mau", "2024-05-01", "csm=bob").Value);
        Assert.Equal(3m, results.Value("mau", "2024-05-01").Value);
    }

    /// <summary>
    /// May 2024, usage only (no users.csv). v1 (a) on 10 and 31 May; v2 (a) on 24 and 25 May; v3 (b) on 24 May;
    /// v4 (b) on 1 May (outside the last 30 days of May, 2-31 May); v5 (b) on 30 April; a row without a user on 31 May.
    /// </summary>
    [Fact]
    public void ActiveUsers_FromUsageTable_AUserOnlyInUsageTakesTheAccountOfItsFirstRowInTheRequestedDays()
    {
        // v6 is only in usage: first under b (bob's) on 15 March, before the requested days, then under a (ann's) on 20 May.
        // Within May-June its first row is a's, so it counts for ann: mau (2-31 May) ann v1 v2 v6 = 3, bob v3 = 1, all 4.
        var data = ActiveUsers();
        var usage = data.Usage.Prepend(Used("b", "v6", "2024-03-15")).Append(Used("a", "v6", "2024-05-20")).ToList();
        var results = Run(data with { Usage = AsTable(usage) }, "2024-05-01", "2024-07-01", ActiveIds, SegmentBy.Csm);
        Assert.Equal(3m, results.Value("mau", "2024-05-01", "csm=ann").Value);
        Assert.Equal(1m, results.Value("mau", "2024-05-01", "csm=bob").Value);
        Assert.Equal(4m, results.Value("mau", "2024-05-01").Value);
        // From March, its first row is b's: bob has v3 and v6 in May.
        var fromMarch = Run(data with { Usage = AsTable(usage) }, "2024-03-01", "2024-07-01", ActiveIds, SegmentBy.Csm);
        Assert.Equal(2m, fromMarch.Value("mau", "2024-05-01", "csm=ann").Value);
        Assert.Equal(2m, fromMarch.Value("mau", "2024-05-01", "csm=bob").Value);
    }

    private static TenureDataSet ActiveUsers() => new()
    {
        Accounts = Accounts,
        Usage =
        [
            Used("a", "v1", "2024-05-10"), Used("a", "v1", "2024-05-31"),
            Used("a", "v2", "2024-05-24"), Used("a", "v2", "2024-05-25"),
            Used("b", "v3", "2024-05-24"),
            Used("b", "v4", "2024-05-01"),
            Used("b", "v5", "2024-04-30"),
            Used("a", null, "2024-05-31"),
        ],
        Present = InputKind.Accounts | InputKind.Usage,
    };

    private static readonly string[] ActiveIds = ["dau", "wau", "mau", "stickiness"];

    [Fact]
    public void ActiveUsers_LastDaysOfMonth_DistinctUsers()
    {
        // dau (31 May): v1 = 1. wau (25-31 May): v1 v2 = 2. mau (2-31 May): v1 v2 v3 = 3. stickiness 1 / 3 = 33.3 %.
        // June has no usage: 0, 0, 0 and stickiness 0 / 0 has no value.
        var results = Run(ActiveUsers(), "2024-05-01", "2024-07-01", ActiveIds);
        Assert.Equal(1m, results.Value("dau", "2024-05-01").Value);
        Assert.Equal(2m, results.Value("wau", "2024-05-01").Value);
        Assert.Equal(3m, results.Value("mau", "2024-05-01").Value);
        var stickiness = results.Value("stickiness", "2024-05-01");
        AssertNear(100m / 3m, stickiness.Value);
        Assert.Equal(1m, stickiness.Numerator);
        Assert.Equal(3m, stickiness.Denominator);
        Assert.Equal(0m, results.Value("mau", "2024-06-01").Value);
        Assert.Null(results.Value("stickiness", "2024-06-01").Value);
    }

    [Fact]
    public void ActiveUsers_BySegment_AddUpToAll()
    {
        // ann (a): dau 1 (v1), wau 2, mau 2 -> stickiness 50 %. bob (b): 0, 0, 1 (v3) -> 0 %.
        var results = Run(ActiveUsers(), "2024-05-01", "2024-06-01", ActiveIds, SegmentBy.Csm);
        Assert.Equal(2m, results.Value("mau", "2024-05-01", "csm=ann").Value);
        Assert.Equal(50m, results.Value("stickiness", "2024-05-01", "csm=ann").Value);
        Assert.Equal(0m, results.Value("dau", "2024-05-01", "csm=bob").Value);
        Assert.Equal(0m, results.Value("wau", "2024-05-01", "csm=bob").Value);
        Assert.Equal(1m, results.Value("mau", "2024-05-01", "csm=bob").Value);
        Assert.Equal(0m, results.Value("stickiness", "2024-05-01", "csm=bob").Value);
        Assert.Equal(3m, results.Value("mau", "2024-05-01").Value);
    }

    [Fact]
    public void ActiveUsers_PeriodShorterThanWindow_ClippedToPeriod()
    {
        // The day 31 May: v1 only in all three windows. ISO week 27 May - 2 June: v1 only (v2's 25 May is the week before).
        var day = Run(ActiveUsers(), "2024-05-31", "2024-06-01", ActiveIds, granularity: Granularity.Day);
        Assert.Equal(1m, day.Value("dau", "2024-05-31").Value);
        Assert.Equal(1m, day.Value("wau", "2024-05-31").Value);
        Assert.Equal(1m, day.Value("mau", "2024-05-31").Value);
        var week = Run(ActiveUsers(), "2024-05-27", "2024-06-03", ActiveIds, granularity: Granularity.Week);
        Assert.Equal(0m, week.Value("dau", "2024-05-27").Value);
        Assert.Equal(1m, week.Value("wau", "2024-05-27").Value);
        Assert.Equal(1m, week.Value("mau", "2024-05-27").Value);
    }

    /// <summary>
    /// w6 (a) created 1 February; w1 (a) 1 March; w2 (a) 10 May; w3 (b) 20 May, deactivated 25 May;
    /// w4 (b) 1 April, deactivated 1 June 00:00 (still there at the close of May); w5 (b) 1 June 00:00.
    /// </summary>
    private static TenureDataSet Adoption() => new()
    {
        Accounts = Accounts,
        Users =
        [
            new("w6", "a", D("2024-02-01")),
            new("w1", "a", D("2024-03-01")),
            new("w2", "a", D("2024-05-10")),
            new("w3", "b", D("2024-05-20"), D("2024-05-25")),
            new("w4", "b", D("2024-04-01"), D("2024-06-01")),
            new("w5", "b", D("2024-06-01")),
        ],
        Present = InputKind.Accounts | InputKind.Users,
    };

    [Fact]
    public void AdoptionRate_HandBuilt_CreatedOverExistingAtClose()
    {
        // May: created w2 w3 = 2; existing at the close w6 w1 w2 w4 = 4 -> 50 %.
        // June: created w5 = 1; existing w6 w1 w2 w5 = 4 -> 25 %. July: 0 / 4 = 0 %.
        var results = Run(Adoption(), "2024-05-01", "2024-08-01", ["adoption-rate"]);
        var may = results.Value("adoption-rate", "2024-05-01");
        Assert.Equal(50m, may.Value);
        Assert.Equal(2m, may.Numerator);
        Assert.Equal(4m, may.Denominator);
        Assert.Equal(25m, results.Value("adoption-rate", "2024-06-01").Value);
        Assert.Equal(0m, results.Value("adoption-rate", "2024-07-01").Value);
    }

    [Fact]
    public void AdoptionRate_BySegment_AllMergesTheTallies()
    {
        // May, ann (a): 1 created (w2) / 3 existing (w6 w1 w2); bob (b): 1 (w3) / 1 (w4) = 100 %; all 2 / 4 = 50 %.
        // January: nobody exists yet: no value.
        var results = Run(Adoption(), "2024-01-01", "2024-06-01", ["adoption-rate"], SegmentBy.Csm);
        Assert.Equal(50m, results.Value("adoption-rate", "2024-05-01").Value);
        AssertNear(100m / 3m, results.Value("adoption-rate", "2024-05-01", "csm=ann").Value);
        Assert.Equal(100m, results.Value("adoption-rate", "2024-05-01", "csm=bob").Value);
        Assert.Null(results.Value("adoption-rate", "2024-01-01").Value);
    }

    /// <summary>
    /// Customers a, b, c, d from January; e from January until 15 May.
    /// Programs: a 1 April - 1 May 00:00 (left at May's start: not in May); b joins 31 May 23:00; c 1 March - 2 May and
    /// again from 10 May (counted once); e joins 1 May but is not a customer at the close; f is no customer; d joins 1 June.
    /// </summary>
    private static TenureDataSet Engagement() => new()
    {
        Accounts = Accounts,
        Subscriptions =
        [
            Sub("a", "2024-01-01", null, 100m), Sub("b", "2024-01-01", null, 100m), Sub("c", "2024-01-01", null, 100m),
            Sub("d", "2024-01-01", null, 100m), Sub("e", "2024-01-01", "2024-05-15", 100m),
        ],
        Programs =
        [
            new("a", "academy", D("2024-04-01"), D("2024-05-01")),
            new("b", "academy", T("2024-05-31T23:00")),
            new("c", "advisory", D("2024-03-01"), D("2024-05-02")),
            new("c", "academy", D("2024-05-10")),
            new("e", "academy", D("2024-05-01")),
            new("f", "academy", D("2024-05-01")),
            new("d", "academy", D("2024-06-01")),
        ],
        Present = InputKind.Accounts | InputKind.Subscriptions | InputKind.Programs,
    };

    [Fact]
    public void Engagement_ProgramsOverlappingPeriod_OfClosingCustomers()
    {
        // May: E = a b c d = 4; engaged b, c = 2 -> 50 %. June: E = 4; engaged b, c, d = 3 -> 75 %.
        // By csm, May: ann (a, c) 1 / 2 = 50 %; bob (b, d, e) 1 / 2 = 50 %.
        var results = Run(Engagement(), "2024-05-01", "2024-07-01", ["engagement"], SegmentBy.Csm);
        var may = results.Value("engagement", "2024-05-01");
        Assert.Equal(50m, may.Value);
        Assert.Equal(2m, may.Numerator);
        Assert.Equal(4m, may.Denominator);
        Assert.Equal(75m, results.Value("engagement", "2024-06-01").Value);
        Assert.Equal(50m, results.Value("engagement", "2024-05-01", "csm=ann").Value);
        Assert.Equal(50m, results.Value("engagement", "2024-05-01", "csm=bob").Value);
        Assert.Null(results.Value("engagement", "2024-05-01", "csm=(none)").Value);
    }

    [Fact]
    public void Engagement_WithoutSubscriptions_IsUnavailable()
    {
        var data = new TenureDataSet { Programs = Engagement().Programs, Present = InputKind.Programs };
        var result = Assert.Single(Run(data, "2024-05-01", "2024-06-01", ["engagement"]));
        Assert.Equal("needs subscriptions.csv", result.Unavailable);
    }

    /// <summary>
    /// a created 1 April, first_value 11 May (40 days) and again 20 May (ignored). b created 1 May, first_value 3 May 12:00
    /// (2.5 days). c created 1 March, first_value 30 April and 15 May: its first is April's. d: only "onboarded".
    /// e created 1 May, first_value 6 May (5 days). x is not in accounts.csv (no created_at).
    /// </summary>
    [Fact]
    public void TimeToValue_EarliestFirstValueInPeriod_MeanMedianP90InDays()
    {
        var data = new TenureDataSet
        {
            Accounts =
            [
                new("a", "a", D("2024-04-01"), Csm: "ann"), new("b", "b", D("2024-05-01"), Csm: "bob"),
                new("c", "c", D("2024-03-01")), new("d", "d", D("2024-05-01")), new("e", "e", D("2024-05-01"), Csm: "bob"),
            ],
            Milestones =
            [
                new("a", "first_value", D("2024-05-11")), new("a", "first_value", D("2024-05-20")),
                new("b", "first_value", T("2024-05-03T12:00")),
                new("c", "first_value", D("2024-05-15")), new("c", "first_value", D("2024-04-30")),
                new("d", "onboarded", D("2024-05-02")),
                new("e", "first_value", D("2024-05-06")),
                new("x", "first_value", D("2024-05-06")),
            ],
            Present = InputKind.Accounts | InputKind.Milestones,
        };
        // May: 40, 2.5, 5 -> mean 47.5 / 3 = 15.83; median 5; p90 (h = 2 x 0.9 = 1.8) 5 + 0.8 x 35 = 33. April: c, 60 days.
        // bob (b, e): 2.5, 5 -> 3.75.
        var results = Run(data, "2024-04-01", "2024-07-01", ["time-to-value"], SegmentBy.Csm);
        var may = results.Value("time-to-value", "2024-05-01");
        AssertNear(47.5m / 3m, may.Value);
        Assert.Equal(5m, may.Median);
        Assert.Equal(33m, may.P90);
        Assert.Equal(60m, results.Value("time-to-value", "2024-04-01").Value);
        Assert.Equal(3.75m, results.Value("time-to-value", "2024-05-01", "csm=bob").Value);
        Assert.Null(results.Value("time-to-value", "2024-06-01").Value);
    }
}

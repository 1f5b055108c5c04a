using System.Globalization;
using System.Security.Claims;

using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

using Tenure.Metrics.Accounts;
using Tenure.Metrics.Inputs;
using Tenure.Metrics.Reporting;
using Tenure.Metrics.Subscriptions;
using Tenure.Web.Data;
using Tenure.Web.Errors;
using Tenure.Web.Security;

namespace Tenure.Web.Apis;

/// <summary>GET /api/v1/accounts: the tenant's accounts with their figures (Tenure.Metrics.Accounts), filtered, sorted and paged; and one account in detail.</summary>
public static class AccountsApi
{
    public const int MaxPageSize = 200;
    public const int DefaultPageSize = 50;

    public static IEndpointRouteBuilder MapAccountsApi(this IEndpointRouteBuilder api)
    {
        var group = api.MapGroup("/accounts").WithTags("Accounts");
        group.MapGet("", ListAccountsAsync)
            .WithName("ListAccounts")
            .WithSummary("List accounts with their MRR, next renewal, open tickets and NPS")
            .WithDescription("Filters compare case-insensitively, as on the accounts page (one query for both; '(none)' matches a blank attribute; q: part of the name or id); sort by name, mrr, created, renewal or open_tickets, '-' first for descending; page from 1, pageSize up to 200; figures at asOf (default now; 1900-01-01..2201-01-01).")
            .RequireRateLimiting(HeavyReadLimiting.Policy)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status429TooManyRequests);
        group.MapGet("/{id}", GetAccountAsync)
            .WithName("GetAccount")
            .WithSummary("One account with subscriptions, MRR history, tickets, survey answers and usage")
            .WithDescription("months: how many complete calendar months before asOf the MRR and usage history cover (default 12, up to 120); asOf: default now, 1900-01-01..2201-01-01.")
            .RequireRateLimiting(HeavyReadLimiting.Policy)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status429TooManyRequests);
        return api;
    }

    public static async Task<Results<Ok<AccountPage>, ProblemHttpResult>> ListAccountsAsync(
        string? csm,
        string? plan,
        string? segment,
        string? industry,
        string? region,
        string? q,
        string? sort,
        string? page,
        string? pageSize,
        string? asOf,
        ClaimsPrincipal user,
        TenantDataCache cache,
        TimeProvider clock,
        CancellationToken cancellationToken)
    {
        DateTime at;
        int pageNumber, size;
        Comparison<AccountSummary> order;
        try
        {
            at = QueryParsing.OptionalInstant(asOf, "asOf") ?? clock.GetUtcNow().UtcDateTime;
            pageNumber = QueryParsing.WholeNumber(page, "page", 1, 1, int.MaxValue);
            size = QueryParsing.WholeNumber(pageSize, "pageSize", DefaultPageSize, 1, MaxPageSize);
            order = SortOrder(sort);
        }
        catch (QueryParameterException e)
        {
            return e.ToResult();
        }

        var snapshot = await cache.GetAsync(ApiClaims.TenantOf(user), cancellationToken);
        // The accounts page's query too (AccountCriteria): the two lists never disagree. An API key is tenant-wide,
        // so no CSM book applies here (the pages hold a CSM to their book; cookies do not authenticate /api).
        var criteria = new AccountCriteria(csm, plan, segment, industry, region, q);
        var matching = new List<AccountSummary>();
        foreach (var records in snapshot.Accounts.Accounts)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (criteria.Matches(records.Account))
                matching.Add(records.SummaryAt(at));
        }
        matching.Sort(order);
        var items = matching
            .Skip((int)Math.Min(int.MaxValue, (long)(pageNumber - 1) * size))
            .Take(size)
            .Select(ToListItem)
            .ToList();
        return TypedResults.Ok(new AccountPage(items, matching.Count, pageNumber, size, at));
    }

    public static async Task<Results<Ok<AccountDetail>, ProblemHttpResult>> GetAccountAsync(
        string id,
        string? asOf,
        string? months,
        ClaimsPrincipal user,
        TenantDataCache cache,
        TimeProvider clock,
        CancellationToken cancellationToken)
    {
        DateTime at;
        int monthCount;
        try
        {
            at = QueryParsing.OptionalInstant(asOf, "asOf") ?? clock.GetUtcNow().UtcDateTime;
            monthCount = QueryParsing.WholeNumber(months, "months", 12, 1, 120);
        }
        catch (QueryParameterException e)
        {
            return e.ToResult();
        }

        var snapshot = await cache.GetAsync(ApiClaims.TenantOf(user), cancellationToken);
        if (snapshot.Accounts.Find(id) is not { } records)
        {
            return TypedResults.Problem(new ProblemDetails
            {
                Status = StatusCodes.Status404NotFound,
                Type = ProblemTypes.NotFound,
                Title = "Account not found",
                Detail = $"There is no account '{id}' (ids are case-sensitive).",
            });
        }

        var summary = records.SummaryAt(at);
        var a = records.Account;
        var lastMonth = AccountMrr.MonthOf(at).AddMonths(-1);
        var firstMonth = lastMonth.AddMonths(1 - monthCount);
        var last30 = AccountUsage.Over(records.Usage, at.AddDays(-30), at);
        return TypedResults.Ok(new AccountDetail(
            a.AccountId, a.Name, a.Csm, a.Plan, a.Segment, a.Industry, a.Region, a.CreatedAt,
            a.AcquisitionCost is { } cost ? MetricNumbers.ForMachines(cost) : null, a.Currency,
            at,
            MetricNumbers.ForMachines(summary.Mrr), summary.NextRenewal, summary.OpenTickets, summary.Nps,
            [.. records.Subscriptions.OrderBy(s => s.Start).ThenBy(s => s.SubscriptionId, StringComparer.Ordinal).Select(s => ToSubscription(s, at))],
            [.. AccountMrr.MonthlyHistory(records.Subscriptions, firstMonth, lastMonth).Select(m => new AccountMrrMonth(MonthLabel(m.Month), MetricNumbers.ForMachines(m.Mrr)))],
            [.. records.Tickets.OrderByDescending(t => t.CreatedAt).ThenBy(t => t.TicketId, StringComparer.Ordinal).Select(t => ToTicket(t, at))],
            [.. records.Surveys.OrderByDescending(s => s.SubmittedAt).ThenBy(s => s.ResponseId, StringComparer.Ordinal).Select(ToSurveyAnswer)],
            new AccountUsageReport(
                new AccountUsageRange(last30.Start, last30.End, last30.Events, last30.ActiveUsers),
                [.. AccountUsage.Monthly(records.Usage, firstMonth, lastMonth).Select(u => new AccountUsageMonth(MonthLabel(u.Start), u.Events, u.ActiveUsers))])));
    }

    /// <summary>name (default), mrr, created, renewal or open_tickets, '-' first for descending; ties by account id; a missing renewal sorts last either way.</summary>
    public static Comparison<AccountSummary> SortOrder(string? sort)
    {
        var text = string.IsNullOrWhiteSpace(sort) ? "name" : sort.Trim();
        var descending = text.StartsWith('-');
        var key = descending ? text[1..] : text;
        int sign = descending ? -1 : 1;
        Comparison<AccountSummary> primary = key.ToLowerInvariant() switch
        {
            "name" => (x, y) => sign * StringComparer.OrdinalIgnoreCase.Compare(x.Account.Name, y.Account.Name),
            "mrr" => (x, y) => sign * x.Mrr.CompareTo(y.Mrr),
            "created" => (x, y) => sign * x.Account.CreatedAt.CompareTo(y.Account.CreatedAt),
            "open_tickets" => (x, y) => sign * x.OpenTickets.CompareTo(y.OpenTickets),
            "renewal" => (x, y) => (x.NextRenewal, y.NextRenewal) switch
            {
                (null, null) => 0,
                (null, _) => 1,
                (_, null) => -1,
                ({ } a, { } b) => sign * a.CompareTo(b),
            },
            _ => throw new QueryParameterException("sort", $"sort '{sort}' is not one of name, mrr, created, renewal, open_tickets (with '-' first for descending)."),
        };
        return (x, y) => primary(x, y) is var c and not 0 ? c : string.CompareOrdinal(x.Account.AccountId, y.Account.AccountId);
    }

    private static AccountListItem ToListItem(AccountSummary s) => new(
        s.Account.AccountId, s.Account.Name, s.Account.Csm, s.Account.Plan, s.Account.Segment, s.Account.Industry, s.Account.Region,
        s.Account.CreatedAt, MetricNumbers.ForMachines(s.Mrr), s.NextRenewal, s.OpenTickets, s.Nps);

    private static AccountSubscription ToSubscription(SubscriptionPeriod s, DateTime at) => new(
        s.SubscriptionId, s.Plan, s.Start, s.End,
        MetricNumbers.ForMachines(s.Amount), s.Interval.ToString().ToLowerInvariant(),
        MetricNumbers.ForMachines(s.Quantity), MetricNumbers.ForMachines(s.Discount), s.Currency,
        MetricNumbers.ForMachines(NormalisedMrr.Of(s)),
        s.Start <= at && (s.End is not { } end || at < end));

    private static AccountTicket ToTicket(Ticket t, DateTime at) => new(
        t.TicketId, t.CreatedAt, t.FirstResponseAt, t.ResolvedAt, t.Status, t.Agent, t.Channel,
        t.Escalated, t.Blocked, t.IsMajor, AccountSupport.IsOpen(t, at));

    private static AccountSurveyAnswer ToSurveyAnswer(SurveyResponse s) => new(
        s.ResponseId, s.Survey, s.UserId, s.Score, s.Scale.Format(), s.Comment, s.SubmittedAt, s.TicketId);

    private static string MonthLabel(DateTime month) => month.ToString("yyyy-MM", CultureInfo.InvariantCulture);
}

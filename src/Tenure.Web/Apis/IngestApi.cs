using System.Security.Claims;

using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;

using Tenure.Ingest;
using Tenure.Ingest.Json;
using Tenure.Ingest.Rollups;
using Tenure.Metrics.Inputs;
using Tenure.Storage;
using Tenure.Web.Data;
using Tenure.Web.Errors;
using Tenure.Web.Health;
using Tenure.Web.Hosting;
using Tenure.Web.Ingest;
using Tenure.Web.Security;

namespace Tenure.Web.Apis;

/// <summary>
/// POST /api/v1/{kind}: rows of one input kind as CSV (the file format) or a JSON array of records,
/// validated by the same readers as the files and stored all or nothing. Usage events are added to
/// the stored daily counts instead of replacing them.
/// </summary>
public static partial class IngestApi
{
    /// <summary>The path segment of a kind: its file name without ".csv" (accounts, subscriptions, ...).</summary>
    public static string RouteOf(InputKind kind) => InputKinds.Of(kind).Name;

    public static IEndpointRouteBuilder MapIngestApi(this IEndpointRouteBuilder api)
    {
        foreach (var description in InputKinds.All)
        {
            var (kind, file) = description;
            var name = description.Name;
            var route = kind == InputKind.Usage
                ? api.MapPost("/usage", PostUsageAsync)
                    .WithSummary("Add usage events (additive)")
                    .WithDescription("Raw usage events (usage.csv columns), rolled up per account, user and UTC day and ADDED to the stored counts: posting the same events twice counts them twice.")
                : api.MapPost("/" + name, (HttpRequest request, ClaimsPrincipal user, TenureDatabase database, TenantDataCache cache, IOptions<ApiOptions> options, ILoggerFactory loggers, CancellationToken cancellationToken) =>
                        PostRowsAsync(kind, request, user, database, cache, options, loggers, cancellationToken))
                    .WithSummary($"Import {name} rows ({file} format)")
                    .WithDescription($"Rows of {file} as text/csv (header row) or application/json (an array of objects named by the columns). Validated like the file; all or nothing; upserted by key, so posting the same rows again changes nothing.");
            route.WithName("Post" + char.ToUpperInvariant(name[0]) + name[1..])
                .WithTags("Ingest")
                .WithMetadata(new IngestBodyMetadata(kind))
                .RequireAuthorization(ApiPolicies.Write)
                .RequireRateLimiting(WriteRateLimiting.Policy)
                .ProducesProblem(StatusCodes.Status400BadRequest)
                .ProducesProblem(StatusCodes.Status401Unauthorized)
                .ProducesProblem(StatusCodes.Status403Forbidden)
                .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
                .ProducesProblem(StatusCodes.Status415UnsupportedMediaType)
                .ProducesProblem(StatusCodes.Status429TooManyRequests);
        }
        return api;
    }

    /// <summary>
    /// Validates the rows of <paramref name="kind"/> and imports them for the caller's tenant; answers once reads see
    /// them (applied in memory, <see cref="RowsImported"/>, or by a reload, <see cref="TenantDataCache.ChangedAsync"/>).
    /// </summary>
    public static async Task<Results<Ok<IngestResult>, ProblemHttpResult>> PostRowsAsync(
        InputKind kind,
        HttpRequest request,
        ClaimsPrincipal user,
        TenureDatabase database,
        TenantDataCache cache,
        IOptions<ApiOptions> options,
        ILoggerFactory loggers,
        CancellationToken cancellationToken)
    {
        var tenant = ApiClaims.TenantOf(user);
        var body = await ReadBodyAsync(request, options.Value, cancellationToken);
        if (body.Problem is { } problem)
            return problem;
        await using var bytes = body.Bytes!;

        var description = InputKinds.Of(kind);
        var accounts = description.NamesAccounts ? await StoredData.LoadAccountIndexAsync(database, tenant, cancellationToken) : null;
        var readOptions = new ReadOptions { MaxErrorsPerFile = MaxErrors };
        KindReadResult read;
        if (body.Format == BodyFormat.Csv)
        {
            using var reader = CsvInputReader.OpenText(bytes);
            read = KindReader.ReadCsv(description, reader, accounts, readOptions);
        }
        else
        {
            read = KindReader.ReadJson(description, bytes.GetBuffer().AsMemory(0, (int)bytes.Length), accounts, readOptions);
        }
        if (!read.IsValid || read.Data is null)
            return InvalidInput(kind, [.. read.Errors.Select(ToRowError)]);

        var summary = await DataSetImporter.ImportAsync(database, tenant, read.Data, cancellationToken: cancellationToken);
        // The rows as stored are upserted into the warm tenant in memory (no reload) where they are known (RowsImported.OfAsync);
        // told at once, so a refresh that sees the new version meanwhile applies them rather than reloading.
        var change = await RowsImported.OfAsync(summary);
        if (change is not null)
            cache.ChangeStored(tenant, change);
        // A tickets batch's CSAT requests are the next version: their sends are applied in memory the same way.
        var sends = kind == InputKind.Tickets ? await Surveys.TicketSurveys.QueueAsync(request, database, tenant, read.Data.Tickets, cancellationToken) : null;
        if (change is null)
            await cache.ChangedAsync(tenant, cancellationToken);
        else
            await cache.ChangesStoredAsync(tenant, sends is null ? [change] : [change, sends], cancellationToken);
        var done = summary.Kinds.FirstOrDefault(k => k.Kind == kind) ?? new KindImportSummary(kind, read.Rows, 0, 0, 0);
        var log = loggers.CreateLogger(typeof(IngestApi).FullName!);
        LogImported(log, tenant, RouteOf(kind), done.Rows, done.Inserted, done.Updated, done.Unchanged);
        WakeHealthHistory(request);
        return TypedResults.Ok(new IngestResult(RouteOf(kind), done.Rows, done.Inserted, done.Updated, done.Unchanged));
    }

    /// <summary>
    /// Reads usage events, rolls them up per account, user and UTC day and adds the counts to the stored ones; the
    /// counts are applied to the tenant's data in memory too (<see cref="TenantDataCache.UsageAddedAsync"/>), and the
    /// answer goes out once reads see them.
    /// </summary>
    public static async Task<Results<Ok<UsageIngestResult>, ProblemHttpResult>> PostUsageAsync(
        HttpRequest request,
        ClaimsPrincipal user,
        TenureDatabase database,
        TenantDataCache cache,
        IOptions<ApiOptions> options,
        ILoggerFactory loggers,
        CancellationToken cancellationToken)
    {
        var tenant = ApiClaims.TenantOf(user);
        var body = await ReadBodyAsync(request, options.Value, cancellationToken);
        if (body.Problem is { } problem)
            return problem;
        await using var bytes = body.Bytes!;

        // Accounts are never deleted, so the ids of the tenant's data in memory are stored ids: checked against those
        // first, and against the database only when some id is not among them (an account added since).
        (UsageRollup? Rollup, ProblemHttpResult? Problem) read = (null, null);
        if (cache.Loaded(tenant) is { } loaded)
            read = ReadUsage(body.Format, bytes, loaded.AccountIds);
        if (read.Rollup is null)
            read = ReadUsage(body.Format, bytes, await StoredData.LoadAccountIndexAsync(database, tenant, cancellationToken));
        if (read.Problem is { } invalid)
            return invalid;
        var rollup = read.Rollup!;

        if (await UsageIngest.AddAsync(database, tenant, rollup.Days, cancellationToken) is { } added)
            await cache.UsageAddedAsync(tenant, added, cancellationToken);
        LogUsageAdded(loggers.CreateLogger(typeof(IngestApi).FullName!), tenant, rollup.Events, rollup.Days.Count);
        WakeHealthHistory(request);
        return TypedResults.Ok(new UsageIngestResult(rollup.Events, rollup.Days.Count));
    }

    private const int MaxErrors = 100;

    /// <summary>The data changed: today's health history is recomputed soon (once for a burst of writes).</summary>
    private static void WakeHealthHistory(HttpRequest request) =>
        request.HttpContext.RequestServices.GetService<HealthHistoryRecorder>()?.Wake();

    /// <summary>The usage events of the body rolled up, or the problem naming every row that breaks a rule.</summary>
    private static (UsageRollup? Rollup, ProblemHttpResult? Problem) ReadUsage(BodyFormat format, MemoryStream bytes, AccountIndex accounts)
    {
        bytes.Position = 0;
        var inputErrors = new List<InputError>();
        var rollup = new UsageRollup();
        var readOptions = new ReadOptions { MaxErrorsPerFile = MaxErrors };
        if (format == BodyFormat.Csv)
        {
            using var reader = CsvInputReader.OpenText(bytes);
            rollup.AddAll(CsvInputReader.ReadUsageEvents(reader, InputKinds.Usage.FileName, inputErrors, accounts, readOptions));
        }
        else
        {
            var json = JsonBody.Parse(bytes.GetBuffer().AsMemory(0, (int)bytes.Length), InputKinds.Usage.FileName, MaxErrors);
            if (json.Errors.Count > 0)
                return (null, InvalidInput(InputKind.Usage, [.. json.Errors.Select(ToRowError)]));
            using var reader = json.OpenText();
            rollup.AddAll(CsvInputReader.ReadUsageEvents(reader, InputKinds.Usage.FileName, inputErrors, accounts, readOptions));
            for (int i = 0; i < inputErrors.Count; i++)
                inputErrors[i] = json.ToRecordError(inputErrors[i]);
        }
        return inputErrors.Count > 0 ? (null, InvalidInput(InputKind.Usage, [.. inputErrors.Select(ToRowError)])) : (rollup, null);
    }

    private static async Task<(MemoryStream? Bytes, BodyFormat Format, ProblemHttpResult? Problem)> ReadBodyAsync(HttpRequest request, ApiOptions options, CancellationToken cancellationToken)
    {
        if (BodyFormats.Of(request.ContentType) is not { } format)
        {
            return (null, default, TypedResults.Problem(new ProblemDetails
            {
                Status = StatusCodes.Status415UnsupportedMediaType,
                Type = ProblemTypes.UnsupportedMediaType,
                Title = "Unsupported media type",
                Detail = $"Send the rows as text/csv or application/json (UTF-8), not '{request.ContentType}'.",
            }));
        }
        var bytes = await RequestBody.ReadAsync(request, options.MaxRequestBytes, cancellationToken);
        return bytes is null
            ? (null, format, RequestLimits.TooLargeResult(request.HttpContext))
            : (bytes, format, null);
    }

    /// <summary>A reader's error as the API shows it: the CSV line, or the JSON record's index, or neither for the body as a whole.</summary>
    private static RowError ToRowError(InputError error) =>
        new(error.Line > 0 ? error.Line : null, error.Record, error.Column, error.Message);

    private static ProblemHttpResult InvalidInput(InputKind kind, IReadOnlyList<RowError> errors)
    {
        var problem = new ProblemDetails
        {
            Status = StatusCodes.Status400BadRequest,
            Type = ProblemTypes.InvalidInput,
            Title = "Invalid input",
            Detail = errors.Count == 1
                ? $"The {RouteOf(kind)} rows break a rule of {InputKinds.FileName(kind)}; nothing was stored."
                : $"The {RouteOf(kind)} rows break {errors.Count} rules of {InputKinds.FileName(kind)}; nothing was stored.",
        };
        problem.Extensions["errors"] = errors;
        return TypedResults.Problem(problem);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Tenant {Tenant}: imported {Kind}: {Rows} rows, {Inserted} new, {Updated} changed, {Unchanged} unchanged")]
    private static partial void LogImported(ILogger logger, string tenant, string kind, long rows, long inserted, long updated, long unchanged);

    [LoggerMessage(Level = LogLevel.Information, Message = "Tenant {Tenant}: added {Events} usage events in {Rollups} daily counts")]
    private static partial void LogUsageAdded(ILogger logger, string tenant, long events, int rollups);
}

/// <summary>Marks an ingest endpoint so the OpenAPI document describes its CSV and JSON bodies.</summary>
public sealed record IngestBodyMetadata(InputKind Kind);

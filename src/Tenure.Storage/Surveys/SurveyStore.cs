using System.Text.Json;

using Microsoft.EntityFrameworkCore;

using Tenure.Storage.Model;

namespace Tenure.Storage.Surveys;

/// <summary>A tenant's surveys (table survey_definitions), through EF Core on both providers.</summary>
public static class SurveyStore
{
    /// <summary>Stores a new active survey for the tenant (creating the tenant when new); its id is "srv_" and 16 random hex digits.</summary>
    /// <exception cref="SurveyException">A field breaks a rule (the message names it): nothing is saved.</exception>
    public static async Task<SurveyDefinition> CreateAsync(TenureDatabase database, string tenant, SurveyRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(database);
        ArgumentNullException.ThrowIfNull(request);
        Tenants.EnsureValidName(tenant);
        var type = SurveyRules.CheckType(request.Type);
        var name = SurveyRules.CheckName(request.Name);
        var (defaultQuestion, defaultFollowUp) = SurveyRules.DefaultTexts(type);
        var question = SurveyRules.CheckText("question", request.Question, defaultQuestion);
        var followUp = SurveyRules.CheckText("follow-up", request.FollowUp, defaultFollowUp);
        var scale = SurveyRules.CheckScale(type, request.Scale);
        var throttle = SurveyRules.CheckThrottleDays(request.ThrottleDays);
        var origins = SurveyRules.CheckOrigins(request.AllowedOrigins);
        var translations = SurveyRules.CheckTranslations(request.Translations);
        if (request.AfterTickets && type != Metrics.Surveys.SurveyMetrics.CsatSurvey)
            throw new SurveyException("after-tickets: only a csat survey is asked after a resolved ticket.");
        var now = WholeSeconds(database.Clock.GetUtcNow().UtcDateTime);
        var row = new SurveyRow
        {
            TenantId = tenant,
            Id = "srv_" + SurveyToken.NewNonce()[..16],
            Type = type,
            Name = name,
            Question = question,
            FollowUp = followUp,
            Translations = WriteTranslations(translations),
            Scale = scale,
            ThrottleDays = throttle,
            AllowedOrigins = string.Join(' ', origins),
            Status = SurveyRules.Active,
            AfterTickets = request.AfterTickets,
            CreatedAt = now,
        };
        using (await database.EnterWriteAsync(cancellationToken))
        {
            await using var context = database.CreateContext();
            await using var transaction = await context.Database.BeginTransactionAsync(cancellationToken);
            await TenantRows.EnsureAsync(context, database.Provider, tenant, now, cancellationToken);
            context.SurveyDefinitions.Add(row);
            await context.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(CancellationToken.None);
        }
        return Definition(row);
    }

    /// <summary>The tenant's surveys, oldest first.</summary>
    public static async Task<IReadOnlyList<SurveyDefinition>> ListAsync(TenureDatabase database, string tenant, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(database);
        Tenants.EnsureValidName(tenant);
        await using var context = database.CreateContext();
        var rows = await context.SurveyDefinitions.AsNoTracking().Where(s => s.TenantId == tenant).ToListAsync(cancellationToken);
        return [.. rows.OrderBy(r => r.CreatedAt).ThenBy(r => r.Id, StringComparer.Ordinal).Select(Definition)];
    }

    /// <summary>The tenant's survey <paramref name="id"/>, or null.</summary>
    public static async Task<SurveyDefinition?> GetAsync(TenureDatabase database, string tenant, string? id, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(database);
        if (!Tenants.IsValidName(tenant) || string.IsNullOrEmpty(id)) return null;
        await using var context = database.CreateContext();
        var row = await context.SurveyDefinitions.AsNoTracking().FirstOrDefaultAsync(s => s.TenantId == tenant && s.Id == id, cancellationToken);
        return row is null ? null : Definition(row);
    }

    /// <summary>Makes the survey active (asked) or paused (its links, widget and e-mails refused); null when the tenant has no such survey.</summary>
    public static async Task<SurveyDefinition?> SetActiveAsync(TenureDatabase database, string tenant, string id, bool active, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(database);
        Tenants.EnsureValidName(tenant);
        using (await database.EnterWriteAsync(cancellationToken))
        {
            await using var context = database.CreateContext();
            var row = await context.SurveyDefinitions.FirstOrDefaultAsync(s => s.TenantId == tenant && s.Id == id, cancellationToken);
            if (row is null) return null;
            row.Status = active ? SurveyRules.Active : SurveyRules.Paused;
            await context.SaveChangesAsync(cancellationToken);
            return Definition(row);
        }
    }

    internal static SurveyDefinition Definition(SurveyRow row) => new(
        row.Id, row.TenantId, row.Type, row.Name, row.Question, row.FollowUp, ReadTranslations(row.Translations), row.Scale, row.ThrottleDays,
        row.AllowedOrigins.Split(' ', StringSplitOptions.RemoveEmptyEntries), row.Status == SurveyRules.Active, row.AfterTickets, row.CreatedAt);

    internal static DateTime WholeSeconds(DateTime instant) =>
        new(instant.Ticks - instant.Ticks % TimeSpan.TicksPerSecond, DateTimeKind.Utc);

    private static string WriteTranslations(IReadOnlyDictionary<string, SurveyTexts> translations)
    {
        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream))
        {
            json.WriteStartObject();
            foreach (var (language, texts) in translations)
            {
                json.WriteStartObject(language);
                if (texts.Question is not null) json.WriteString("question", texts.Question);
                if (texts.FollowUp is not null) json.WriteString("follow_up", texts.FollowUp);
                json.WriteEndObject();
            }
            json.WriteEndObject();
        }
        return System.Text.Encoding.UTF8.GetString(stream.ToArray());
    }

    private static IReadOnlyDictionary<string, SurveyTexts> ReadTranslations(string text)
    {
        var result = new SortedDictionary<string, SurveyTexts>(StringComparer.Ordinal);
        using var document = JsonDocument.Parse(string.IsNullOrWhiteSpace(text) ? "{}" : text);
        foreach (var language in document.RootElement.EnumerateObject())
        {
            string? Text(string name) => language.Value.TryGetProperty(name, out var v) ? v.GetString() : null;
            result[language.Name] = new SurveyTexts(Text("question"), Text("follow_up"));
        }
        return result;
    }
}

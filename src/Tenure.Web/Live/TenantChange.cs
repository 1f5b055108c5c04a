using System.Buffers;
using System.Text.Json;

namespace Tenure.Web.Live;

/// <summary>
/// One change event of a tenant, as a live stream sends it (docs/api.md, "Live updates"): something the pages show
/// changed, re-read what you show. It carries no data, so it tells a listener nothing another user of the tenant may
/// not see.
/// </summary>
/// <param name="Tenant">The tenant whose data changed (always the listener's own).</param>
/// <param name="Sequence">Counts the tenant's events since the server started (the stream's event id).</param>
/// <param name="DataVersion">The tenant's data version the server's reads now serve (<c>StoredData.DataVersionAsync</c>); 0 when not loaded.</param>
/// <param name="Changes">What changed, in order of first report, each once: <see cref="TenantChanges.Data"/>, <see cref="TenantChanges.Usage"/>, or what a caller of <see cref="TenantChanges.Notify"/> named.</param>
/// <param name="OccurredAt">When the event went out.</param>
public sealed record TenantChange(string Tenant, long Sequence, long DataVersion, IReadOnlyList<string> Changes, DateTimeOffset OccurredAt)
{
    /// <summary>The SSE event name.</summary>
    public const string EventName = "change";

    /// <summary>The event's data line: <c>{"tenant":..,"data_version":..,"changes":[..],"occurred_at":..}</c>, one line of JSON.</summary>
    public string ToJson()
    {
        var buffer = new ArrayBufferWriter<byte>(128);
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("tenant", Tenant);
            json.WriteNumber("data_version", DataVersion);
            json.WriteStartArray("changes");
            foreach (var change in Changes)
                json.WriteStringValue(change);
            json.WriteEndArray();
            json.WriteString("occurred_at", OccurredAt);
            json.WriteEndObject();
        }
        return System.Text.Encoding.UTF8.GetString(buffer.WrittenSpan);
    }
}

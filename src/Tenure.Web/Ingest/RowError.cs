using System.Text.Json.Serialization;

namespace Tenure.Web.Ingest;

/// <summary>
/// One broken rule in a posted body: <see cref="Line"/> is the physical CSV line the row starts on
/// (header = 1) for a CSV body; <see cref="Index"/> is the 0-based array index of the record for a
/// JSON body. Neither is set for an error about the body as a whole (not UTF-8, missing column).
/// </summary>
public sealed record RowError(
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] int? Line,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] int? Index,
    string? Column,
    string Message);

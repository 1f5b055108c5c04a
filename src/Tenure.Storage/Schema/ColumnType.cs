namespace Tenure.Storage.Schema;

/// <summary>
/// What a stored column holds, independent of the provider. Each provider maps it to an exact type
/// (see docs/storage.md): text; an instant (UTC, microsecond precision); an exact decimal; a 32-bit
/// integer; a boolean.
/// </summary>
internal enum ColumnType { Text, Instant, Decimal, Integer, Boolean }

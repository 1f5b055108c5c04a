namespace Tenure.Web.Apis;

/// <summary>What a POST of rows did: rows given, and how many were new, changed or already stored as given.</summary>
public sealed record IngestResult(string Kind, long Rows, long Inserted, long Updated, long Unchanged);

/// <summary>What a POST of usage events did: events read, and the (account, user, day) counts they were added to.</summary>
public sealed record UsageIngestResult(long Events, int Rollups);

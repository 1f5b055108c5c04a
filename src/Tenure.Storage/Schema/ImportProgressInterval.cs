namespace Tenure.Storage.Schema;

/// <summary>How often the bulk paths report progress and look at the cancellation token.</summary>
internal static class ImportProgressInterval
{
    public const int Rows = 50_000;
}

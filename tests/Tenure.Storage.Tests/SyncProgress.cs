namespace Tenure.Storage.Tests;

/// <summary>Calls back on the reporting thread, at once (Progress&lt;T&gt; would post it later).</summary>
internal sealed class SyncProgress(Action<ImportProgress> report) : IProgress<ImportProgress>
{
    public void Report(ImportProgress value) => report(value);
}

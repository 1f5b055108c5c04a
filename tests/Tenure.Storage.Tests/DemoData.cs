using Tenure.Demo;
using Tenure.Metrics.Inputs;

namespace Tenure.Storage.Tests;

/// <summary>A small generated data set (150 accounts, every kind present), shared read-only by the tests.</summary>
internal static class DemoData
{
    public static DemoOptions Options { get; } = new() { Accounts = 150, Seed = 7 };

    static readonly Lazy<TenureDataSet> Shared = new(() => DemoDataGenerator.Generate(Options).ToTenureDataSet());

    public static TenureDataSet DataSet => Shared.Value;
}

using Tenure.Metrics.Inputs;
using Tenure.Web.Data;

namespace Tenure.Web.Tests;

/// <summary>The memory a tenant's snapshot is counted at against the cache's bound (ADR 0160), usage as loaded (ADR 0350).</summary>
public sealed class TenantSnapshotEstimateTests
{
    private static readonly DateTime May1 = new(2024, 5, 1, 0, 0, 0, DateTimeKind.Utc);

    [Fact]
    public void UsageRows_CountSixteenBytesAsATable_ThirtyTwoAsAnArray_PlusTheirIndexEntry()
    {
        UsageDay[] usage = [new("A1", "u1", May1, 1), new("A1", null, May1, 2), new("A2", "u2", May1.AddDays(1), 3)];

        var asArray = new TenantSnapshot("t", 1, new TenureDataSet { Usage = usage, Present = InputKind.Usage });
        var asTable = new TenantSnapshot("t", 1, new TenureDataSet { Usage = UsageDayTable.From(usage), Present = InputKind.Usage });

        // Three rows, each with its 24-byte index entry: (32 + 24) x 3 = 168 as UsageDay values, (16 + 24) x 3 = 120 as ints.
        Assert.Equal(168, asArray.EstimatedBytes);
        Assert.Equal(120, asTable.EstimatedBytes);
    }
}

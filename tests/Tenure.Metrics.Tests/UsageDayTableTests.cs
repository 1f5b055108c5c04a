using Tenure.Metrics.Inputs;

namespace Tenure.Metrics.Tests;

/// <summary>Usage held as ints (<see cref="UsageDayTable"/>): made from rows, sliced, the same rows in the same order.</summary>
public sealed class UsageDayTableTests
{
    private static readonly DateTime May1 = new(2024, 5, 1, 0, 0, 0, DateTimeKind.Utc);

    [Fact]
    public void From_GivesTheSameRowsInOrder_EachIdNumberedOnce_AndATableIsItself()
    {
        // Ids equal in value but not the same strings (as rows not read through one pool), no user, an account coming back.
        var a1 = "A" + 1.ToString(System.Globalization.CultureInfo.InvariantCulture);
        UsageDay[] rows =
        [
            new("A1", "u1", May1, 3), new(a1, "u1", May1.AddDays(1), 2), new("A1", null, May1, 7),
            new("B", "u2", May1, 1), new(a1, "u" + 2.ToString(System.Globalization.CultureInfo.InvariantCulture), May1.AddDays(3), int.MaxValue),
        ];

        var table = UsageDayTable.From(rows);

        Assert.Equal(rows, table);
        Assert.Equal(["A1", "B"], table.AccountIds);
        Assert.Equal(["u1", "u2"], table.UserIds);
        Assert.Equal([0, 0, 0, 1, 0], table.Rows.ToArray().Select(r => r.Account));
        Assert.Equal([0, 0, -1, 1, 1], table.Rows.ToArray().Select(r => r.User));
        Assert.Same(table, UsageDayTable.From(table));
        Assert.Empty(UsageDayTable.From([]));
    }

    [Fact]
    public void Slice_IsThoseRows_AndOutOfRange_Throws()
    {
        UsageDay[] rows = [new("A1", "u1", May1, 3), new("A1", "u2", May1, 4), new("A2", null, May1, 1), new("A3", "u3", May1, 5)];
        var table = UsageDayTable.From(rows);

        var middle = table.Slice(1, 2);

        Assert.Equal(rows[1..3], middle);
        Assert.Equal(rows[2], middle[1]);
        Assert.Equal(rows[2..3], middle.Slice(1, 1));
        Assert.Empty(table.Slice(4, 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => middle[2]);
        Assert.Throws<ArgumentOutOfRangeException>(() => table.Slice(3, 2));
        Assert.Throws<ArgumentOutOfRangeException>(() => table.Slice(-1, 1));
        Assert.Throws<ArgumentOutOfRangeException>(() => table.Slice(5, 0));
    }

    [Fact]
    public void IdNumbers_FindKnownIdsByIndex_AddNewOnesAfter_InACopy()
    {
        string[] known = ["A1", "B", "C"];
        var ids = new UsageDayTable.IdNumbers(known);

        Assert.Equal(1, ids.NumberOf("B"));
        Assert.Same(known, ids.Ids); // nothing added yet: the known list itself
        Assert.Equal(3, ids.NumberOf("D"));
        Assert.Equal(0, ids.NumberOf("A" + 1.ToString(System.Globalization.CultureInfo.InvariantCulture))); // equal by value
        Assert.Equal(3, ids.NumberOf("D"));
        Assert.Equal(["A1", "B", "C", "D"], ids.Ids);
        Assert.Equal(["A1", "B", "C"], known);
    }
}

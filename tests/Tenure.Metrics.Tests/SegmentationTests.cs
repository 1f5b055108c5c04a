using Tenure.Metrics.Engine;
using Tenure.Metrics.Inputs;

namespace Tenure.Metrics.Tests;

public class SegmentationTests
{
    private static readonly DateTime Created = new(2024, 1, 1, 0, 0, 0, DateTimeKind.Utc);

    /// <summary>
    /// Accounts A (csm ann), B (ann), C (blank), D ("(none)" written out) and tasks owned by bob and by nobody, split by
    /// csm: ann's segment holds A and B, the blank csm and "(none)" are one segment "csm=(none)", and bob's tasks make
    /// his segment; each label once, in the order first met.
    /// </summary>
    [Fact]
    public void Build_ByCsm_OneSegmentPerValue_BlankAndNoneTogether_TaskOwnersAdded()
    {
        var data = new TenureDataSet
        {
            Accounts =
            [
                new Account("A", "a", Created, Csm: "ann"),
                new Account("B", "b", Created, Csm: "ann"),
                new Account("C", "c", Created, Csm: " "),
                new Account("D", "d", Created, Csm: Segmentation.NoneValue),
            ],
        };
        var directory = AccountDirectory.Build(data);

        var split = Segmentation.Build(SegmentBy.Csm, directory, new DateTime?[directory.Count], [("bob", "A"), (null, null)]);

        Assert.Equal(["csm=ann", "csm=(none)", "csm=bob"], split.Labels);
        Assert.Equal(split.OfIndex(directory.IndexOf("A")), split.OfIndex(directory.IndexOf("B")));
        Assert.Equal(1, split.OfIndex(directory.IndexOf("C")));
        Assert.Equal(1, split.OfIndex(directory.IndexOf("D")));
        Assert.Equal(1, split.OfIndex(-1));
        Assert.Equal(2, split.IndexOfValue("bob"));
        var unknown = Assert.Throws<InvalidOperationException>(() => split.IndexOfValue("carol"));
        Assert.Contains("'csm=carol'", unknown.Message, StringComparison.Ordinal);
    }
}

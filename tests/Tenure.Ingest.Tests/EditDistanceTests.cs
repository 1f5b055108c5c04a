using Tenure.Ingest.Csv;

namespace Tenure.Ingest.Tests;

public class EditDistanceTests
{
    [Theory]
    // kitten -> sitting: the textbook Levenshtein example, 3 edits (k->s, e->i, +g).
    [InlineData("kitten", "sitting", 3)]
    [InlineData("", "abc", 3)]
    [InlineData("same", "same", 0)]
    [InlineData("Resolved_At", "resolved_at", 0)]
    // One deletion.
    [InlineData("resolve_at", "resolved_at", 1)]
    // One swap of neighbours (optimal string alignment counts it once).
    [InlineData("ca", "ac", 1)]
    [InlineData("socre", "score", 1)]
    // OSA, unlike full Damerau-Levenshtein, does not edit a swapped pair again: "ca" -> "abc" is 3 (not 2).
    [InlineData("ca", "abc", 3)]
    public void Between_KnownPairs_GivesTheDistance(string a, string b, int expected)
    {
        Assert.Equal(expected, EditDistance.Between(a, b));
        Assert.Equal(expected, EditDistance.Between(b, a));
    }

    [Fact]
    public void Between_WithLimit_StopsAtTheLimit()
    {
        Assert.True(EditDistance.Between("kitten", "sitting", limit: 2) >= 2);
        Assert.True(EditDistance.Between("a", "abcdef", limit: 3) >= 3);
    }
}

using Tenure.Ingest.Csv;

namespace Tenure.Ingest.Tests;

public class StringPoolTests
{
    [Fact]
    public void Intern_ManyDistinctValues_GivesEachOneStringAndDenseIndexes()
    {
        var pool = new StringPool();
        var first = new string[10_000];

        for (int i = 0; i < first.Length; i++)
            first[i] = pool.Intern($"id-{i}");
        for (int i = 0; i < first.Length; i++)
            Assert.Same(first[i], pool.Intern($"id-{i}".AsSpan()));

        Assert.Equal(10_000, pool.Count);
        Assert.True(pool.TryFind("id-1234", out int index));
        Assert.Equal((1234, "id-1234"), (index, pool[index]));
        Assert.False(pool.TryFind("id-10000", out _));
    }

    [Fact]
    public void Add_String_KeepsThatInstance()
    {
        var pool = new StringPool();
        string value = new('x', 3);

        int index = pool.Add(value);

        Assert.Same(value, pool[index]);
        Assert.Equal(index, pool.Add("xxx".AsSpan()));
    }

    [Fact]
    public void Add_EmptyAndSimilarValues_AreDistinct()
    {
        var pool = new StringPool();

        int[] indexes = [pool.Add(""), pool.Add("a"), pool.Add("A"), pool.Add("a "), pool.Add("a")];

        Assert.Equal([0, 1, 2, 3, 1], indexes);
    }
}

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

public class StringPoolNumberedIdsTests
{
    [Fact]
    public void NumberedIds_SameIndexesAsByValue_AndOtherShapesStayDistinct()
    {
        var pool = new StringPool();
        // The first value sets the shape "U" + 7 digits; the others differ from it in width, prefix or digits only.
        string[] values = ["U0004242", "U0000001", "U4242", "U00000001", "u0000001", "V0000001", "U000000x", "U0000001 ", "U9999999", "A1"];

        int[] indexes = [.. values.Select(v => pool.Add(v.AsSpan()))];

        Assert.Equal(Enumerable.Range(0, values.Length), indexes);
        for (int i = 0; i < values.Length; i++)
        {
            Assert.True(pool.TryFind(values[i], out int found));
            Assert.Equal(i, found);
            Assert.Equal(values[i], pool[found]);
        }
        Assert.True(pool.TryNumbered("U0004242", out int numbered));
        Assert.Equal(0, numbered);
        Assert.False(pool.TryNumbered("U4242", out _)); // another width: not of the shape, found by value only
        Assert.False(pool.TryFind("U0000002", out _));
        Assert.False(pool.TryNumbered("U0000002", out _));
    }

    [Fact]
    public void NumberedIds_FirstSeenBeforeTheArrayReachedThem_AreFoundByNumberOnceItGrows()
    {
        var pool = new StringPool();
        // A time-ordered file meets high numbers first: 300,000 is past what the shortcut holds for a pool of one value.
        pool.Add("U0300000".AsSpan());
        Assert.False(pool.TryNumbered("U0300000", out _));
        Assert.True(pool.TryFind("U0300000", out int byValue));
        Assert.Equal(0, byValue);

        for (int n = 1; n <= 200_000; n++)
            pool.Add($"U{n:D7}".AsSpan());
        Assert.False(pool.TryNumbered("U0300000", out _)); // the array covers the numbers met so far, not yet 300,000
        pool.Add("U0300001".AsSpan()); // past the array, within 8 x the pool's size: the array grows, every value is kept again

        Assert.True(pool.TryNumbered("U0300000", out int index));
        Assert.Equal(0, index);
        Assert.True(pool.TryNumbered("U0123456", out index));
        Assert.Equal(123_456, index);
        Assert.Equal(200_002, pool.Count);
    }

    [Fact]
    public void NumberedAndOtherIdsInterleaved_AddedAgain_GiveTheirFirstIndexes()
    {
        var pool = new StringPool();
        // 30,000 ids of the first value's shape (kept by number, not in the table), every tenth followed by one of another
        // shape (in the table, which grows several times meanwhile): 33,000 values.
        var values = new List<string>();
        for (int n = 1; n <= 30_000; n++)
        {
            values.Add($"U{n:D7}");
            if (n % 10 == 0)
                values.Add($"user-{n}");
        }
        int[] first = [.. values.Select(v => pool.Add(v.AsSpan()))];
        int[] again = [.. values.Select(v => pool.Add(v))];

        Assert.Equal(Enumerable.Range(0, 33_000), first);
        Assert.Equal(first, again);
        Assert.Equal(33_000, pool.Count);
        Assert.True(pool.TryFind("user-29990", out int other));
        Assert.Equal("user-29990", pool[other]);
        Assert.True(pool.TryFind("U0029990", out int numbered));
        Assert.Equal(other - 1, numbered);
    }

    [Fact]
    public void IdsWithoutDigits_OrWithMoreThanNineDigits_UseTheTableAlone()
    {
        var words = new StringPool();
        var longNumbers = new StringPool();

        words.Add("basic".AsSpan());
        words.Add("pro1".AsSpan());
        longNumbers.Add("INV-2024000000123".AsSpan());
        longNumbers.Add("INV-2024000000124".AsSpan());

        Assert.False(words.TryNumbered("pro1", out _));
        Assert.True(words.TryFind("pro1", out int pro));
        Assert.Equal(1, pro);
        Assert.False(longNumbers.TryNumbered("INV-2024000000124", out _));
        Assert.Equal(1, longNumbers.Add("INV-2024000000124".AsSpan()));
    }
}

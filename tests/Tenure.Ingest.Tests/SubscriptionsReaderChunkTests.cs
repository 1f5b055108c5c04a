using Tenure.Ingest.Csv;
using Tenure.Ingest.Readers;
using Tenure.Metrics.Inputs;

using static Tenure.Ingest.Tests.Csv;

namespace Tenure.Ingest.Tests;

/// <summary>subscriptions.csv read in parallel chunks of lines gives what one sequential read gives: periods, order and errors.</summary>
public sealed class SubscriptionsReaderChunkTests : IDisposable
{
    private const string Header = "subscription_id,account_id,plan,start_date,end_date,amount,interval,quantity,discount,currency";
    private readonly TempDirectory directory = new();

    public void Dispose() => directory.Dispose();

    /// <summary>
    /// 120 subscriptions, each's periods together (1 to 7 monthly periods: S{n} has n % 7 + 1), so the lines before and
    /// after an even cut often belong to one subscription; <paramref name="replace"/> swaps a line (given its line number
    /// and text; null keeps it).
    /// </summary>
    private static List<string> Lines(Func<int, string, string?>? replace = null)
    {
        var lines = new List<string> { Header };
        for (var n = 0; n < 120; n++)
        {
            for (var p = 0; p <= n % 7; p++)
            {
                var start = new DateTime(2024, 1, 1).AddMonths(p);
                var line = $"S{n},A{n % 11},{(n % 3 == 0 ? "pro" : "basic")},{start:yyyy-MM-dd},{start.AddMonths(1):yyyy-MM-dd},{10 + n % 5},month,1,0,USD";
                lines.Add(replace?.Invoke(lines.Count + 1, line) ?? line);
            }
        }
        return lines;
    }

    private (CsvReadResult<SubscriptionPeriod> Sequential, CsvReadResult<SubscriptionPeriod> Chunked) ReadBoth(IList<string> lines, int chunks, int maxErrors = 100)
    {
        var path = directory.Write("subscriptions.csv", [.. lines]);
        var options = new ReadOptions { MaxErrorsPerFile = maxErrors };
        using var reader = new StreamReader(path);
        var sequential = SubscriptionsReader.Read(reader, "subscriptions.csv", null, options);
        var chunked = SubscriptionsReader.Read(path, "subscriptions.csv", null, options, chunks, minChunkBytes: 64);
        return (sequential, chunked);
    }

    private static object[] Fields(IEnumerable<SubscriptionPeriod> periods) =>
        [.. periods.Select(p => (p.SubscriptionId, p.AccountId, p.Plan, p.Start, p.End, p.Amount, p.Interval, p.Quantity, p.Discount, p.Currency))];

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(5)]
    public void Read_InChunks_GivesTheSequentialPeriodsInTheirOrder(int chunks)
    {
        var lines = Lines();
        var (sequential, chunked) = ReadBoth(lines, chunks);

        var cut = FileChunks.Split(Path.Combine(directory.Path, "subscriptions.csv"), chunks, 64, header => 0)!;
        Assert.Equal(chunks, cut.Count);
        Assert.Empty(chunked.Errors);
        // n % 7 takes each of 0..6 17 times for n = 0..118, and 0 once more for n = 119: 18 subscriptions of 1 period and
        // 17 each of 2..7, so 18 + 17 * (2 + 3 + 4 + 5 + 6 + 7) = 18 + 459 = 477 periods.
        Assert.Equal(477, chunked.Rows.Count);
        Assert.Equal(Fields(sequential.Rows), Fields(chunked.Rows));
    }

    [Fact]
    public void Split_ByTheFirstField_CutsWhereTheSubscriptionChanges()
    {
        var lines = Lines();
        var path = directory.Write("subscriptions.csv", [.. lines]);
        var cut = FileChunks.Split(path, 5, 64, header => 0)!;

        Assert.Equal(5, cut.Count);
        for (var k = 1; k < cut.Count; k++)
        {
            // lines[0] is the header: the chunk's first line is lines[LinesBefore + 1], the line before it lines[LinesBefore].
            var first = lines[cut.LinesBefore(k) + 1].Split(',')[0];
            var before = lines[cut.LinesBefore(k)].Split(',')[0];
            Assert.NotEqual(before, first);
        }
        Assert.Equal(477, Enumerable.Range(0, cut.Count).Sum(cut.Lines));
    }

    [Fact]
    public void Read_InChunks_ColumnsReorderedCrLfBomBlankLineNoLastBreak_GivesTheSequentialPeriods()
    {
        // subscription_id third, named with spaces and another case; Windows line ends, a byte-order mark, a blank line in
        // the middle and no break after the last line: the cuts still fall between subscriptions.
        var lines = Lines();
        var reordered = lines.Select(l => l.Split(',') is var f ? string.Join(",", f[1], f[2], f[0], f[3], f[4], f[5], f[6], f[7], f[8], f[9]) : l).ToList();
        reordered[0] = reordered[0].Replace("subscription_id", " Subscription_ID ", StringComparison.Ordinal);
        reordered.Insert(240, "");
        var path = Path.Combine(directory.Path, "subscriptions.csv");
        File.WriteAllText(path, "\uFEFF" + string.Join("\r\n", reordered), new System.Text.UTF8Encoding(encoderShouldEmitUTF8Identifier: false));

        var cut = FileChunks.Split(path, 4, 64, header => 2)!;
        Assert.Equal(4, cut.Count);
        var text = File.ReadAllText(path).Split("\r\n");
        for (var k = 1; k < cut.Count; k++)
            Assert.NotEqual(text[cut.LinesBefore(k)].Split(',')[2], text[cut.LinesBefore(k) + 1].Split(',')[2]);

        using var reader = new StreamReader(path);
        var sequential = SubscriptionsReader.Read(reader, "subscriptions.csv", null, new ReadOptions());
        var chunks = SubscriptionsReader.Chunks.Split(path, "subscriptions.csv", new ReadOptions(), 4, 64);
        Assert.NotNull(chunks); // the header's subscription_id found in the third field
        var chunked = SubscriptionsReader.Read(path, "subscriptions.csv", null, new ReadOptions(), 4, minChunkBytes: 64);
        Assert.Empty(chunked.Errors);
        Assert.Equal(477, chunked.Rows.Count);
        Assert.Equal(Fields(sequential.Rows), Fields(chunked.Rows));
    }

    [Fact]
    public void Read_InChunks_ErrorsInEveryChunk_AreTheSequentialOnesInLineOrder()
    {
        // A bad amount near the start (line 5, S2's first period), a repeated period in the middle (S60's first period
        // again, right after it), an end before its start near the end (S118's sixth period): each in another chunk of 3.
        var lines = Lines((line, _) => line == 5 ? "S2,A2,basic,2024-01-01,2024-02-01,ten,month,1,0,USD" : null);
        var s60 = lines.FindIndex(l => l.StartsWith("S60,", StringComparison.Ordinal));
        lines.Insert(s60 + 1, lines[s60]);
        Assert.StartsWith("S118,A8,basic,2024-06-01,", lines[^3], StringComparison.Ordinal);
        lines[^3] = "S118,A8,basic,2024-06-01,2024-05-01,13,month,1,0,USD";
        var (sequential, chunked) = ReadBoth(lines, 3);

        Assert.Equal(Printed(sequential.Errors), Printed(chunked.Errors));
        Assert.Equal(3, chunked.Errors.Count);
        Assert.Equal($"subscriptions.csv:{s60 + 2}: subscription_id: duplicate (subscription_id, start_date) ('S60', 2024-01-01) (first on line {s60 + 1})",
            chunked.Errors[1].ToString());
        Assert.Empty(chunked.Rows);
    }

    [Fact]
    public void Read_InChunks_PeriodsOutOfOrderAndRepeated_AreTheSequentialOnes()
    {
        // S13's 7 periods (13 % 7 = 6) from the last back, then its third period (2024-03-01) again: the repeat is earlier
        // than the subscription's latest start, found among its own periods; S27's 7 periods back to front, none repeated.
        var lines = Lines();
        foreach (var id in new[] { "S13,", "S27," })
        {
            var first = lines.FindIndex(l => l.StartsWith(id, StringComparison.Ordinal));
            lines.Reverse(first, 7);
        }
        var s13 = lines.FindIndex(l => l.StartsWith("S13,", StringComparison.Ordinal));
        Assert.StartsWith("S13,A2,basic,2024-03-01,", lines[s13 + 4], StringComparison.Ordinal);
        lines.Insert(s13 + 7, lines[s13 + 4]);
        var (sequential, chunked) = ReadBoth(lines, 3);

        Assert.Equal(Printed(sequential.Errors), Printed(chunked.Errors));
        Assert.Equal($"subscriptions.csv:{s13 + 8}: subscription_id: duplicate (subscription_id, start_date) ('S13', 2024-03-01) (first on line {s13 + 5})",
            Assert.Single(chunked.Errors).ToString());
    }

    [Fact]
    public void Read_InChunks_ASubscriptionInTwoPlaces_IsReadWholeWithTheRepeatFound()
    {
        // S3's first period again at the end of the file, and S5's periods once more (new starts) in the last lines: the
        // repeat is only found by a read that saw line 7.
        var lines = Lines();
        var s3 = lines.FindIndex(l => l.StartsWith("S3,", StringComparison.Ordinal));
        lines.Add(lines[s3]);
        var (sequential, chunked) = ReadBoth(lines, 4);

        Assert.Equal(Printed(sequential.Errors), Printed(chunked.Errors));
        Assert.Equal([$"subscriptions.csv:{lines.Count}: subscription_id: duplicate (subscription_id, start_date) ('S3', 2024-01-01) (first on line {s3 + 1})"],
            Printed(chunked.Errors));

        lines[^1] = "S5,A5,basic,2025-01-01,2025-02-01,10,month,1,0,USD";
        var (valid, validChunked) = ReadBoth(lines, 4);
        Assert.Empty(validChunked.Errors);
        Assert.Equal(478, validChunked.Rows.Count);
        Assert.Equal(Fields(valid.Rows), Fields(validChunked.Rows));
    }

    [Fact]
    public void Read_InChunks_ASubscriptionBackInItsChunk_IsReadWholeWithTheRepeatFound()
    {
        // S4's first period again right after S5's periods, in the same chunk: the chunk keeps only the current
        // subscription's periods, so it stops there and the file is read whole, which finds the repeat.
        var lines = Lines();
        var s4 = lines.FindIndex(l => l.StartsWith("S4,", StringComparison.Ordinal));
        var s6 = lines.FindIndex(l => l.StartsWith("S6,", StringComparison.Ordinal));
        lines.Insert(s6, lines[s4]);
        var (sequential, chunked) = ReadBoth(lines, 2);

        Assert.Equal(Printed(sequential.Errors), Printed(chunked.Errors));
        Assert.Equal([$"subscriptions.csv:{s6 + 1}: subscription_id: duplicate (subscription_id, start_date) ('S4', 2024-01-01) (first on line {s4 + 1})"],
            Printed(chunked.Errors));
    }

    [Fact]
    public void Read_InChunks_TooManyErrors_StopsWhereTheSequentialReadStops()
    {
        // Every tenth line's interval is unknown (lines 10, 20, ..., 470): 47 errors over every chunk, past a limit of 5, so
        // the read stops at the sixth, line 60.
        var lines = Lines((line, text) => line % 10 == 0 ? text.Replace(",month,", ",fortnight,", StringComparison.Ordinal) : null);
        var (sequential, chunked) = ReadBoth(lines, 4, maxErrors: 5);

        Assert.Equal(6, chunked.Errors.Count);
        Assert.Equal("subscriptions.csv:60: too many errors; stopped reading after 5", chunked.Errors[^1].ToString());
        Assert.Equal(Printed(sequential.Errors), Printed(chunked.Errors));
    }

    [Fact]
    public void ReadDirectory_SubscriptionsInChunks_GivesThePeriodsOfTheWholeFile_CheckedAgainstAccountsCsv()
    {
        var lines = Lines();
        directory.Write("subscriptions.csv", [.. lines]);
        directory.Write("accounts.csv", ["account_id,created_at", .. Enumerable.Range(0, 11).Reverse().Select(a => $"A{a},2023-01-01")]);
        var chunked = new ReadOptions { SubscriptionChunks = 3, SubscriptionChunkBytes = 64 };
        var whole = new ReadOptions { SubscriptionChunkBytes = long.MaxValue };

        var read = DataSetReader.ReadDirectory(directory.Path, chunked);
        var expected = DataSetReader.ReadDirectory(directory.Path, whole);
        Assert.True(read.IsValid);
        Assert.Equal(477, read.DataSet!.Subscriptions.Count);
        Assert.Equal(Fields(expected.DataSet!.Subscriptions), Fields(read.DataSet.Subscriptions));

        // An account accounts.csv does not list, in the last chunk.
        lines[^1] = lines[^1].Replace(",A9,", ",A99,", StringComparison.Ordinal);
        directory.Write("subscriptions.csv", [.. lines]);
        var unknown = DataSetReader.ReadDirectory(directory.Path, chunked);
        Assert.False(unknown.IsValid);
        Assert.Equal(Printed(DataSetReader.ReadDirectory(directory.Path, whole).Errors), Printed(unknown.Errors));
        Assert.Single(unknown.Errors);
        Assert.StartsWith($"subscriptions.csv:{lines.Count}: account_id:", unknown.Errors[0].ToString(), StringComparison.Ordinal);
    }
}

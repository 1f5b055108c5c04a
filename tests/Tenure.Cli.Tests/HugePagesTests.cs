namespace Tenure.Cli.Tests;

/// <summary>
/// <see cref="HugePages"/> marks the run of adjacent anonymous mappings holding the managed heap (docs/adr/0310): the run
/// is read off /proc/self/maps lines, and on Linux with transparent huge pages available the kernel then reports the
/// heap's memory as eligible for them.
/// </summary>
public sealed class HugePagesTests
{
    // /proc/self/maps lines: address range, permissions, offset, device, inode, then the path (none when anonymous).
    private static readonly string[] Maps =
    [
        "55d0c0000000-55d0c0021000 r--p 00000000 fd:01 1234       /usr/share/dotnet/dotnet",
        "7f0000000000-7f0000200000 rw-p 00000000 00:00 0 ",                       // anonymous, then a gap
        "7f0000400000-7f0000600000 rw-p 00000000 00:00 0",                        // the run starts here
        "7f0000600000-7f4000000000 ---p 00000000 00:00 0",                        // reserved, adjacent
        "7f4000000000-7f4000100000 rw-p 00000000 00:00 0",                        // committed, adjacent: the run ends with it
        "7f4000100000-7f4000200000 r-xp 00000000 fd:01 99         /usr/lib/libc.so.6",
        "7f4000200000-7f4000300000 rw-p 00000000 00:00 0",                        // anonymous again, after a file
        "7ffd00000000-7ffd00021000 rw-p 00000000 00:00 0          [stack]",
    ];

    [Fact]
    public void The_run_is_every_adjacent_anonymous_mapping_around_the_address()
    {
        // An object in the reserved middle mapping: the run spans from the first to the last adjacent anonymous mapping.
        Assert.Equal((0x7f0000400000UL, 0x7f4000100000UL), HugePages.HeapRun(Maps, 0x7f0010000000));
        // The same run from its first and its last byte.
        Assert.Equal((0x7f0000400000UL, 0x7f4000100000UL), HugePages.HeapRun(Maps, 0x7f0000400000));
        Assert.Equal((0x7f0000400000UL, 0x7f4000100000UL), HugePages.HeapRun(Maps, 0x7f40000fffff));
    }

    [Fact]
    public void A_gap_or_a_file_ends_a_run_and_named_mappings_are_no_part_of_one()
    {
        Assert.Equal((0x7f0000000000UL, 0x7f0000200000UL), HugePages.HeapRun(Maps, 0x7f0000100000)); // before the gap
        Assert.Equal((0x7f4000200000UL, 0x7f4000300000UL), HugePages.HeapRun(Maps, 0x7f4000200000)); // after the file
        Assert.Equal((0UL, 0UL), HugePages.HeapRun(Maps, 0x7f4000150000)); // in the file's mapping
        Assert.Equal((0UL, 0UL), HugePages.HeapRun(Maps, 0x7ffd00000010)); // the stack is named
        Assert.Equal((0UL, 0UL), HugePages.HeapRun(Maps, 0x7f0000300000)); // in the gap
        Assert.Equal((0UL, 0UL), HugePages.HeapRun([], 0x7f0000300000));
    }

    [Theory]
    [InlineData(null, "Auto")]
    [InlineData("", "Auto")]
    [InlineData("auto", "Auto")]
    [InlineData("maybe", "Auto")]
    [InlineData("2", "Auto")]
    [InlineData("0", "Off")]
    [InlineData(" 0 ", "Off")]
    [InlineData("false", "Off")]
    [InlineData("FALSE", "Off")]
    [InlineData("no", "Off")]
    [InlineData("Off", "Off")]
    [InlineData("1", "On")]
    [InlineData(" 1 ", "On")]
    [InlineData("true", "On")]
    [InlineData("TRUE", "On")]
    [InlineData("yes", "On")]
    [InlineData("ON", "On")]
    public void Huge_pages_are_forced_by_1_true_yes_on_refused_by_0_false_no_off_and_otherwise_measured(string? value, string setting) =>
        Assert.Equal(setting, HugePages.SettingOf(value).ToString());

    [Fact]
    public void The_probe_times_a_first_touch_of_each_page_size()
    {
        if (!OperatingSystem.IsLinux())
            Assert.Skip("the probe maps memory with Linux's mmap");

        var (small, huge) = HugePages.MeasureFirstTouch(2 << 20);

        // A first write to a page costs at least the few nanoseconds of the write and less than a millisecond on any
        // machine that runs the tests: each figure is a time per 4 KB, not one for the whole 2 MB or a tick count.
        Assert.InRange(small, 0.001, 1_000);
        Assert.InRange(huge, 0.001, 1_000);
    }

    [Fact]
    public void On_linux_with_huge_pages_available_the_heap_becomes_eligible_for_them()
    {
        if (!OperatingSystem.IsLinux() || !HugePages.Available())
            Assert.Skip("transparent huge pages are not available here (Linux with THP set to always or madvise)");

        // An object of the heap, pinned so that it stays where it is while its mapping is looked up.
        var array = new byte[1 << 20];
        var handle = System.Runtime.InteropServices.GCHandle.Alloc(array, System.Runtime.InteropServices.GCHandleType.Pinned);
        try
        {
            var address = (ulong)handle.AddrOfPinnedObject();
            var before = FlagsOf(address);

            var marked = HugePages.Advise();

            // At least the collector's first reservation (gigabytes of address space on a 64-bit process) was marked, and the
            // kernel lists the mapping holding the object as advised for huge pages ("hg"), which it was not before.
            Assert.True(marked >= 1L << 30, $"marked {marked:N0} bytes");
            Assert.DoesNotContain("hg", before);
            Assert.Contains("hg", FlagsOf(address));
        }
        finally
        {
            handle.Free();
        }
    }

    /// <summary>The flags /proc/self/smaps gives the mapping that holds <paramref name="address"/> ("rd wr mr ..."; "hg": advised for huge pages).</summary>
    private static string[] FlagsOf(ulong address)
    {
        var inMapping = false;
        foreach (var line in File.ReadLines("/proc/self/smaps"))
        {
            var range = line.Split(' ')[0].Split('-');
            if (range is [var lo, var hi] && lo.Length > 0 && lo.All(char.IsAsciiHexDigit) && hi.All(char.IsAsciiHexDigit))
            {
                inMapping = Convert.ToUInt64(lo, 16) <= address && address < Convert.ToUInt64(hi, 16);
                continue;
            }
            if (inMapping && line.StartsWith("VmFlags:", StringComparison.Ordinal))
                return line["VmFlags:".Length..].Split(' ', StringSplitOptions.RemoveEmptyEntries);
        }
        return [];
    }
}

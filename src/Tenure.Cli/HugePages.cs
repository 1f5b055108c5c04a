using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;

namespace Tenure.Cli;

/// <summary>
/// Asks Linux to back the managed heap with transparent huge pages when that is the quicker way to get memory here
/// (docs/adr/0310, 0450, 0490). With the distributions' default THP setting ("madvise"), a process gets 2 MB pages only
/// for memory it marks so, and the runtime does not mark its heap. A read touches hundreds of megabytes for the first
/// time, and which page size is quicker to touch first depends on the machine, and on a virtual machine on its host's
/// state that day: on the benchmark machine a 4 KB page has cost from 2 to 15 microseconds, and a huge page from 0.3 to 11
/// microseconds a 4 KB of it, either one the quicker on different days. So by default (TENURE_HUGE_PAGES unset or
/// <c>auto</c>) a command measures both at its start (<see cref="MeasureFirstTouch"/>: 2 MB of each, a few milliseconds)
/// and marks the heap only when the huge pages were quicker; <c>1</c> (or true, yes, on) marks it without measuring, <c>0</c>
/// (or false, no, off) never. The same hint the JVM gives its heap with -XX:+UseTransparentHugePages; nothing changes when
/// THP is off ("never"), already applied to every mapping ("always"), or on other systems.
/// </summary>
internal static partial class HugePages
{
    private const int MadvHugePage = 14; // <sys/mman.h>
    private const int MadvNoHugePage = 15;
    private const int ProtRead = 1, ProtWrite = 2, MapPrivate = 2, MapAnonymous = 0x20;
    private const string ThpSetting = "/sys/kernel/mm/transparent_hugepage/enabled";

    /// <summary>How much of each page size <see cref="MeasureFirstTouch"/> touches: one huge page's worth.</summary>
    private const int ProbeBytes = 2 << 20;

    private const int HugePageBytes = 2 << 20;
    private const int SmallPageBytes = 4096;

    /// <summary>What TENURE_HUGE_PAGES asks for.</summary>
    internal enum Setting { Auto, On, Off }

    /// <summary>What <see cref="AdviseManagedHeap"/> did and why, for `--timings` (e.g. "huge pages: on (first touch ...)").</summary>
    public static string Outcome { get; private set; } = "huge pages: off";

    /// <summary>
    /// Marks the run of adjacent anonymous mappings that holds the managed heap (the collector reserves its address range in
    /// one piece at start; committed parts of it are mappings of their own) for huge pages, as TENURE_HUGE_PAGES asks
    /// (<see cref="SettingOf"/>): set to 1, always; by default when measured quicker here. Returns the bytes marked, or 0
    /// when nothing was (not asked for, measured slower, not Linux, THP off, on for every mapping or not built into the
    /// kernel, or the mappings could not be read). Only a hint: the kernel still decides, and memory the collector returns
    /// and takes again is no longer marked.
    /// </summary>
    public static long AdviseManagedHeap()
    {
        var setting = SettingOf(Environment.GetEnvironmentVariable("TENURE_HUGE_PAGES"));
        if (setting == Setting.Off || !OperatingSystem.IsLinux())
        {
            Outcome = setting == Setting.Off ? "huge pages: off (set by TENURE_HUGE_PAGES)" : "huge pages: off (not Linux)";
            return 0;
        }
        try
        {
            switch (ThpMode())
            {
                case null:
                    Outcome = "huge pages: off (the kernel has no transparent huge pages)";
                    return 0;
                case "always":
                    Outcome = "huge pages: the kernel's (transparent huge pages set to always)";
                    return 0;
                case not "madvise":
                    Outcome = "huge pages: off (transparent huge pages set to never)";
                    return 0;
            }
            if (setting == Setting.Auto)
            {
                var (small, huge) = MeasureFirstTouch(ProbeBytes);
                var quicker = huge < small;
                Outcome = string.Create(CultureInfo.InvariantCulture,
                    $"huge pages: {(quicker ? "on" : "off")} (a first touch took {small:0.00} us a 4 KB page, {huge:0.00} us a 4 KB of a huge page)");
                if (!quicker)
                    return 0;
            }
            var marked = Advise();
            if (marked == 0)
                Outcome = "huge pages: off (the heap could not be marked)";
            else if (setting == Setting.On)
                Outcome = "huge pages: on (set by TENURE_HUGE_PAGES)";
            return marked;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or DllNotFoundException or EntryPointNotFoundException)
        {
            Outcome = "huge pages: off (" + e.Message + ")";
            return 0;
        }
    }

    /// <summary>
    /// What a value of TENURE_HUGE_PAGES asks for: 1, true, yes or on (any case) huge pages; 0, false, no or off none;
    /// unset, empty, auto or anything else the quicker as measured.
    /// </summary>
    internal static Setting SettingOf(string? value) => value?.Trim().ToLowerInvariant() switch
    {
        "1" or "true" or "yes" or "on" => Setting.On,
        "0" or "false" or "no" or "off" => Setting.Off,
        _ => Setting.Auto,
    };

    /// <summary>
    /// The microseconds a first write took per 4 KB: of <paramref name="bytes"/> of fresh anonymous memory in 4 KB pages
    /// (marked against huge pages), and of as much marked for huge pages (aligned to 2 MB), each mapped, written once per
    /// 4 KB and unmapped. Throws <see cref="IOException"/> when the memory cannot be mapped.
    /// </summary>
    internal static (double Small, double Huge) MeasureFirstTouch(int bytes)
    {
        var huge = Touch(bytes, MadvHugePage);
        var small = Touch(bytes, MadvNoHugePage);
        return (small, huge);

        static unsafe double Touch(int bytes, int advice)
        {
            var length = (nuint)(bytes + HugePageBytes);
            var mapping = Mmap(0, length, ProtRead | ProtWrite, MapPrivate | MapAnonymous, -1, 0);
            if (mapping == -1)
                throw new IOException("the huge pages' probe could not map memory");
            try
            {
                var start = (mapping + HugePageBytes - 1) & ~(nint)(HugePageBytes - 1);
                Madvise(start, (nuint)bytes, advice);
                var began = Stopwatch.GetTimestamp();
                for (var offset = 0; offset < bytes; offset += SmallPageBytes)
                    *(byte*)(start + offset) = 1;
                return Stopwatch.GetElapsedTime(began).TotalMicroseconds / (bytes / SmallPageBytes);
            }
            finally
            {
                Munmap(mapping, length);
            }
        }
    }

    /// <summary>
    /// Marks the heap's mappings as <see cref="AdviseManagedHeap"/> does once it has decided to, without looking at
    /// TENURE_HUGE_PAGES or the kernel's THP mode (the caller has: Linux, <see cref="Available"/>); 0 when it could not.
    /// </summary>
    internal static long Advise()
    {
        try
        {
            var (start, end) = HeapRun(File.ReadLines("/proc/self/maps"), AddressOfAnObject());
            if (end <= start || Madvise((nint)start, (nuint)(end - start), MadvHugePage) != 0)
                return 0;
            return (long)(end - start);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException or OverflowException
            or DllNotFoundException or EntryPointNotFoundException)
        {
            return 0; // a hint not given: the process runs as it would without it
        }
    }

    /// <summary>Whether the kernel has transparent huge pages and they are not off ("never"); may throw <see cref="IOException"/>.</summary>
    internal static bool Available() => ThpMode() is "always" or "madvise";

    /// <summary>The kernel's THP mode (the bracketed word of its setting: always, madvise or never), or null without THP; may throw <see cref="IOException"/>.</summary>
    internal static string? ThpMode()
    {
        if (!File.Exists(ThpSetting))
            return null;
        var text = File.ReadAllText(ThpSetting);
        var open = text.IndexOf('[', StringComparison.Ordinal);
        var close = open < 0 ? -1 : text.IndexOf(']', open);
        return close < 0 ? null : text[(open + 1)..close];
    }

    /// <summary>
    /// The start and end of the run of adjacent anonymous mappings (lines of /proc/self/maps without a path) around
    /// <paramref name="address"/>; (0, 0) when no anonymous mapping holds it.
    /// </summary>
    internal static (ulong Start, ulong End) HeapRun(IEnumerable<string> maps, ulong address)
    {
        ulong start = 0, end = 0;
        var found = false;
        foreach (var line in maps)
        {
            var fields = line.Split(' ', 6, StringSplitOptions.RemoveEmptyEntries);
            if (fields.Length < 5 || fields[0].Split('-') is not [var from, var to])
                continue;
            var lo = ulong.Parse(from, NumberStyles.HexNumber, CultureInfo.InvariantCulture);
            var hi = ulong.Parse(to, NumberStyles.HexNumber, CultureInfo.InvariantCulture);
            // A file or a named mapping is no part of a run; holding addresses, it also ends the one before it.
            if (fields.Length == 6 && !string.IsNullOrWhiteSpace(fields[5]))
                continue;
            if (lo != end)
            {
                if (found)
                    break;
                start = lo;
            }
            end = hi;
            found |= lo <= address && address < hi;
        }
        return found ? (start, end) : (0, 0);
    }

    private static ulong AddressOfAnObject()
    {
        var handle = GCHandle.Alloc(new byte[64], GCHandleType.Pinned);
        try
        {
            return (ulong)handle.AddrOfPinnedObject();
        }
        finally
        {
            handle.Free();
        }
    }

    [LibraryImport("libc", EntryPoint = "madvise")]
    private static partial int Madvise(nint address, nuint length, int advice);

    [LibraryImport("libc", EntryPoint = "mmap")]
    private static partial nint Mmap(nint address, nuint length, int protection, int flags, int fd, nint offset);

    [LibraryImport("libc", EntryPoint = "munmap")]
    private static partial int Munmap(nint address, nuint length);
}

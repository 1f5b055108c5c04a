using System.Globalization;
using System.Runtime.InteropServices;

namespace Tenure.Cli;

/// <summary>
/// Asks Linux to back the managed heap with transparent huge pages when TENURE_HUGE_PAGES=1 (or true) is set (docs/adr/0310,
/// 0450): with the distributions' default THP setting ("madvise"), a process gets 2 MB pages only for memory it marks so,
/// and the runtime does not mark its heap. Whether that is quicker depends on the machine: a read touches hundreds of
/// megabytes for the first time, and where a virtual machine's host hands out 2 MB pages slowly (free memory given back to
/// it, taken again page by page) a 4 KB fault is the cheaper one, so it is off unless asked for (`bench/first-touch.sh`
/// measures both). The same hint the JVM gives its heap with -XX:+UseTransparentHugePages; nothing changes when THP is off
/// ("never") or on other systems.
/// </summary>
internal static partial class HugePages
{
    private const int MadvHugePage = 14; // <sys/mman.h>
    private const string Setting = "/sys/kernel/mm/transparent_hugepage/enabled";

    /// <summary>
    /// Marks the run of adjacent anonymous mappings that holds the managed heap (the collector reserves its address range in
    /// one piece at start; committed parts of it are mappings of their own) for huge pages. Returns the bytes marked, or 0
    /// when nothing was (not asked for, not Linux, THP off or not built into the kernel, or the mappings could not be read).
    /// Only a hint: the kernel still decides, and memory the collector returns and takes again is no longer marked.
    /// </summary>
    public static long AdviseManagedHeap() =>
        Requested(Environment.GetEnvironmentVariable("TENURE_HUGE_PAGES")) ? Advise() : 0;

    /// <summary>Whether the value of TENURE_HUGE_PAGES asks for huge pages: 1 or true (any case); unset, 0 or anything else does not.</summary>
    internal static bool Requested(string? setting) =>
        setting?.Trim() is { } value && (value == "1" || value.Equals("true", StringComparison.OrdinalIgnoreCase));

    /// <summary><see cref="AdviseManagedHeap"/> without looking at TENURE_HUGE_PAGES.</summary>
    internal static long Advise()
    {
        if (!OperatingSystem.IsLinux())
            return 0;
        try
        {
            if (!Available())
                return 0;
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
    internal static bool Available() =>
        File.Exists(Setting) && !File.ReadAllText(Setting).Contains("[never]", StringComparison.Ordinal);

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
}

using System.Runtime.CompilerServices;

namespace Tenure.Web.BrowserTests;

/// <summary>
/// A browser test: a fact with a time limit (<see cref="BrowserLimits.Test"/>), so a page or a server that never
/// answers fails its own test, naming it, instead of stalling the whole run.
/// </summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false)]
public sealed class BrowserFactAttribute : FactAttribute
{
    public BrowserFactAttribute([CallerFilePath] string? sourceFilePath = null, [CallerLineNumber] int sourceLineNumber = -1)
        : base(sourceFilePath, sourceLineNumber) => Timeout = BrowserLimits.TestMilliseconds;
}

/// <summary>A browser theory with the same time limit per row as <see cref="BrowserFactAttribute"/>.</summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false)]
public sealed class BrowserTheoryAttribute : TheoryAttribute
{
    public BrowserTheoryAttribute([CallerFilePath] string? sourceFilePath = null, [CallerLineNumber] int sourceLineNumber = -1)
        : base(sourceFilePath, sourceLineNumber) => Timeout = BrowserLimits.TestMilliseconds;
}

/// <summary>How long the browser tests wait before giving up: generous (a loaded 2-core machine is 10x slower than a quiet one), never unbounded.</summary>
public static class BrowserLimits
{
    /// <summary>One test: the slowest takes about 15 s on a quiet machine (one waits up to 180 s for the first comment analysis).</summary>
    public const int TestMilliseconds = 8 * 60 * 1000;

    /// <summary>Starting the shared server and browser (demo data, import, Kestrel, chromium).</summary>
    public static readonly TimeSpan Start = TimeSpan.FromMinutes(10);

    /// <summary>Each step of the shutdown (browser, Playwright driver, server, database).</summary>
    public static readonly TimeSpan StopStep = TimeSpan.FromMinutes(1);
}

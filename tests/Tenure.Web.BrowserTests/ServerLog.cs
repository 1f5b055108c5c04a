using System.Collections.Concurrent;
using System.Globalization;

using Microsoft.Extensions.Logging;

namespace Tenure.Web.BrowserTests;

/// <summary>
/// The browser-test server's warnings and errors, with their exceptions: appended to a file (kept with the screenshots,
/// so a CI run's log survives the run) and remembered, so a failing check can put the server's side of it in its
/// message, which the TRX keeps (the console it would otherwise go to is not kept).
/// </summary>
public sealed class ServerLog(string path) : ILoggerProvider
{
    /// <summary>How many entries a failure message shows, newest last.</summary>
    public const int Shown = 10;

    private readonly ConcurrentQueue<string> recent = new();
    private readonly Lock write = new();

    public string Path { get; } = path;

    /// <summary>The newest <see cref="Shown"/> entries, oldest first; "(none)" when the server logged nothing.</summary>
    public string Recent()
    {
        var entries = recent.ToArray();
        return entries.Length == 0 ? "(none)" : string.Join(Environment.NewLine, entries.TakeLast(Shown));
    }

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    public void Dispose()
    {
    }

    private void Add(string entry)
    {
        recent.Enqueue(entry);
        while (recent.Count > 4 * Shown && recent.TryDequeue(out _))
        {
        }
        lock (write)
            File.AppendAllText(Path, entry + Environment.NewLine);
    }

    private sealed class Logger(ServerLog log, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Warning;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (!IsEnabled(logLevel))
                return;
            var time = DateTime.UtcNow.ToString("HH:mm:ss.fff", CultureInfo.InvariantCulture);
            log.Add($"{time} {logLevel} {category}: {formatter(state, exception)}{(exception is null ? "" : Environment.NewLine + exception)}");
        }
    }
}

namespace Tenure.Cli;

/// <summary>The exit codes of `tenure`, stable for scripts.</summary>
public static class ExitCodes
{
    public const int Ok = 0;

    /// <summary>A failure that is not the input's fault (I/O, an unexpected error).</summary>
    public const int Failure = 1;

    /// <summary>Bad input: a file, a column or an option broke a rule; nothing was computed or written.</summary>
    public const int BadInput = 2;
}

/// <summary>A user-facing error: its message is printed as is (no stack trace) and the process exits with <see cref="ExitCode"/>.</summary>
public sealed class CliException(string message, int exitCode = ExitCodes.BadInput) : Exception(message)
{
    public int ExitCode { get; } = exitCode;
}

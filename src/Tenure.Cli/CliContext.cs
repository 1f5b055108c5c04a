namespace Tenure.Cli;

/// <summary>Where a command writes: standard output for results, standard error for progress and errors.</summary>
public sealed record CliContext(TextWriter Out, TextWriter Error)
{
    /// <summary>True when standard output is a terminal a person reads (tables, colours, progress).</summary>
    public bool IsInteractive { get; init; }
}

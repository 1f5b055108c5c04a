namespace Tenure.Cli;

/// <summary>Where a command writes: standard output for results, standard error for progress and errors.</summary>
public sealed record CliContext(TextWriter Out, TextWriter Error)
{
    /// <summary>True when standard output is a terminal a person reads (tables, colours, progress).</summary>
    public bool IsInteractive { get; init; }

    /// <summary>The clock for "today" (the demo's as-of day); tests pass a fixed one.</summary>
    public TimeProvider Clock { get; init; } = TimeProvider.System;

    /// <summary>The database the command opened (set when it opens one), named when the database fails later on.</summary>
    public Tenure.Storage.DatabaseLocation? Database { get; set; }
}

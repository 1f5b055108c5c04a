namespace Tenure.Cli;

/// <summary>Where a command writes: standard output for results, standard error for progress and errors.</summary>
public sealed record CliContext(TextWriter Out, TextWriter Error)
{
    /// <summary>True when standard output is a terminal a person reads (tables, colours, progress).</summary>
    public bool IsInteractive { get; init; }

    /// <summary>`--quiet`: print results and errors only (no notes, no progress) on standard error.</summary>
    public bool Quiet { get; set; }

    /// <summary>Where notes for people go (what was read, what was set up, timings): standard error, or nowhere with --quiet.</summary>
    public TextWriter Notes => Quiet ? TextWriter.Null : Error;

    /// <summary>Whether long work shows a progress bar: standard output is a terminal and --quiet was not given.</summary>
    public bool ShowsProgress => IsInteractive && !Quiet;

    /// <summary>The clock for "today" (the demo's as-of day); tests pass a fixed one.</summary>
    public TimeProvider Clock { get; init; } = TimeProvider.System;

    /// <summary>The database the command opened (set when it opens one), named when the database fails later on.</summary>
    public Tenure.Storage.DatabaseLocation? Database { get; set; }
}

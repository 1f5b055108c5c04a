using System.CommandLine;

using Tenure.Cli.Commands;
using Tenure.Metrics.Engine;
using Tenure.Storage;

namespace Tenure.Cli;

/// <summary>The `tenure` command line: builds the command tree and runs it.</summary>
public static class TenureApp
{
    /// <summary>Runs `tenure` with <paramref name="args"/>, writing to the given writers; returns the exit code.</summary>
    public static int Run(string[] args, TextWriter output, TextWriter error) => Run(args, output, error, TimeProvider.System);

    /// <summary>Runs `tenure` with <paramref name="clock"/> as the clock for "today" (tests pass a fixed one).</summary>
    public static int Run(string[] args, TextWriter output, TextWriter error, TimeProvider clock)
    {
        ArgumentNullException.ThrowIfNull(clock);
        var context = new CliContext(output, error)
        {
            IsInteractive = ReferenceEquals(output, Console.Out) && !Console.IsOutputRedirected,
            Clock = clock,
        };
        var root = BuildRoot(context);
        var parsed = root.Parse(args);
        context.Quiet = parsed.GetValue<bool>(QuietOption);
        if (parsed.Errors.Count > 0 && !args.Contains("--help") && !args.Contains("-h"))
        {
            // Usage errors are bad input too (exit 2), said plainly, with where to look for help.
            foreach (var parseError in parsed.Errors)
                error.WriteLine($"error: {parseError.Message}");
            error.WriteLine($"Run `tenure {string.Join(' ', parsed.CommandResult.Command.Name == root.Name ? [] : CommandPath(parsed.CommandResult.Command))} --help` for usage.".Replace("  ", " "));
            return ExitCodes.BadInput;
        }
        try
        {
            return parsed.Invoke(new InvocationConfiguration { Output = output, Error = error, EnableDefaultExceptionHandler = false });
        }
        catch (CliException e)
        {
            error.WriteLine(e.Message);
            return e.ExitCode;
        }
        catch (DataOverflowException e)
        {
            // Stored figures too large to compute with: the data's fault (exit 2), said plainly.
            error.WriteLine($"error: {e.Message}");
            return ExitCodes.BadInput;
        }
        catch (Exception e) when (DatabaseFailure.IsDatabaseFailure(e))
        {
            // A corrupted file, a full disk, a database gone away mid-command: no stack trace.
            error.WriteLine(context.Database is { } database ? $"error: {DatabaseFailure.Describe(database, e)}" : $"error: the database failed: {e.Message}");
            return ExitCodes.Failure;
        }
        catch (Exception e) when (IsOutOfMemory(e))
        {
            // More data than the memory the process may take (the machine's, or a DOTNET_GCHeapHardLimit): said plainly.
            error.WriteLine(OutOfMemoryMessage(GC.GetGCMemoryInfo().TotalAvailableMemoryBytes));
            return ExitCodes.Failure;
        }
        catch (IOException e)
        {
            error.WriteLine($"error: {e.Message}");
            return ExitCodes.Failure;
        }
        catch (UnauthorizedAccessException e)
        {
            error.WriteLine($"error: {e.Message}");
            return ExitCodes.Failure;
        }
    }

    /// <summary>Whether <paramref name="e"/> is running out of memory, thrown as is or from parallel work (every exception it gathers).</summary>
    internal static bool IsOutOfMemory(Exception e) => e switch
    {
        OutOfMemoryException => true,
        AggregateException all => all.Flatten().InnerExceptions is { Count: > 0 } inner && inner.All(IsOutOfMemory),
        _ => false,
    };

    /// <summary>What `tenure` says when it ran out of memory, <paramref name="availableBytes"/> being what the process may take.</summary>
    internal static string OutOfMemoryMessage(long availableBytes) =>
        $"error: out of memory: the command needed more than the {availableBytes / (1024.0 * 1024 * 1024):0.0} GiB this process may use " +
        "(the machine's memory, or DOTNET_GCHeapHardLimit); ask for fewer metrics or a shorter range, give fewer input files, or run it where more memory is free.";

    private static IEnumerable<string> CommandPath(Command command)
    {
        var names = new List<string>();
        for (var c = command; c is not null and not RootCommand; c = c.Parents.OfType<Command>().FirstOrDefault())
            names.Insert(0, c.Name);
        return names;
    }

    /// <summary>The name of the option every command takes to print results and errors only.</summary>
    internal const string QuietOption = "--quiet";

    internal static RootCommand BuildRoot(CliContext context)
    {
        var root = new RootCommand("Tenure: customer-success metrics (health, churn, MRR, NPS/CSAT, support) from your own data.");
        root.Options.Add(new Option<bool>(QuietOption, "-q")
        {
            Description = "Print results and errors only: no notes and no progress on standard error (warnings and errors still show).",
            Recursive = true,
        });
        // One line per command group; each lives in Commands/.
        foreach (var command in CommandGroups.All(context))
            root.Subcommands.Add(command);
        CommandExamples.AddToHelp(root);
        return root;
    }
}

using System.CommandLine;
using Tenure.Cli.Commands;

namespace Tenure.Cli;

/// <summary>The `tenure` command line: builds the command tree and runs it.</summary>
public static class TenureApp
{
    /// <summary>Runs `tenure` with <paramref name="args"/>, writing to the given writers; returns the exit code.</summary>
    public static int Run(string[] args, TextWriter output, TextWriter error)
    {
        var context = new CliContext(output, error)
        {
            IsInteractive = ReferenceEquals(output, Console.Out) && !Console.IsOutputRedirected,
        };
        var root = BuildRoot(context);
        var parsed = root.Parse(args);
        try
        {
            return parsed.Invoke(new InvocationConfiguration { Output = output, Error = error, EnableDefaultExceptionHandler = false });
        }
        catch (CliException e)
        {
            error.WriteLine(e.Message);
            return e.ExitCode;
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

    internal static RootCommand BuildRoot(CliContext context)
    {
        var root = new RootCommand("Tenure: customer-success metrics (health, churn, MRR, NPS/CSAT, support) from your own data.");
        // One line per command group; each lives in Commands/.
        foreach (var command in CommandGroups.All(context))
            root.Subcommands.Add(command);
        return root;
    }
}

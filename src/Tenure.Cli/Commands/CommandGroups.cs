using System.CommandLine;

namespace Tenure.Cli.Commands;

/// <summary>The top-level commands of `tenure`, in the order `tenure --help` lists them.</summary>
internal static class CommandGroups
{
    public static IEnumerable<Command> All(CliContext context)
    {
        yield break;
    }
}

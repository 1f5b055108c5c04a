using Tenure.Metrics.Reporting;
using System.CommandLine;
using Tenure.Cli.Output;
using Tenure.Metrics.Catalogue;

namespace Tenure.Cli.Commands;

/// <summary>
/// `tenure calc METRIC --input value ...`: a metric from totals, for people who have only the totals.
/// One subcommand per metric of the catalogue that has a calculator; `tenure calc METRIC --help` lists its inputs.
/// </summary>
internal static class CalcCommand
{
    public static Command Create(CliContext context)
    {
        var command = new Command("calc", "Compute a metric from totals, e.g. `tenure calc churn-rate --customers-at-start 1000 --churned 64`.");
        foreach (var definition in MetricCatalogue.All.Where(d => d.Calculate is not null))
            command.Subcommands.Add(CreateFor(context, definition));
        return command;
    }

    private static Command CreateFor(CliContext context, MetricDefinition definition)
    {
        var command = new Command(definition.Id, $"{definition.Name}: {definition.Formula} ({definition.Unit.Symbol()}; {definition.Source})");
        var options = new List<(CalcInput Input, Option<decimal?> Option)>();
        foreach (var input in definition.CalcInputs)
        {
            var option = new Option<decimal?>("--" + input.Name)
            {
                Description = input.Description + (input.Optional ? " (optional)" : ""),
                Required = !input.Optional,
            };
            command.Options.Add(option);
            options.Add((input, option));
        }
        var verbose = new Option<bool>("--verbose") { Description = "Also print the numerator and denominator of a ratio." };
        command.Options.Add(verbose);

        command.SetAction(parsed =>
        {
            var values = new Dictionary<string, decimal>(StringComparer.Ordinal);
            foreach (var (input, option) in options)
            {
                if (parsed.GetValue(option) is { } value)
                    values[input.Name] = value;
            }
            var result = definition.Calculate!(new CalcArguments(values));
            if (result.Value is not { } v)
            {
                context.Out.WriteLine("n/a");
                context.Error.WriteLine($"{definition.Id} has no value for these inputs (its denominator is 0).");
                return ExitCodes.Ok;
            }
            context.Out.WriteLine(MetricNumbers.Invariant(v));
            if (parsed.GetValue(verbose) && result.Numerator is { } n && result.Denominator is { } d)
                context.Out.WriteLine($"numerator {MetricNumbers.Invariant(n)}, denominator {MetricNumbers.Invariant(d)}, unit {definition.Unit.Symbol()}");
            return ExitCodes.Ok;
        });
        return command;
    }
}

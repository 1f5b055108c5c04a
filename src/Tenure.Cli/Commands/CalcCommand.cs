using System.CommandLine;
using System.Globalization;

using Tenure.Cli.Output;
using Tenure.Metrics.Catalogue;
using Tenure.Metrics.Reporting;

namespace Tenure.Cli.Commands;

/// <summary>
/// `tenure calc METRIC --input value ...`: a metric from totals, for people who have only the totals.
/// One subcommand per metric of the catalogue that has a calculator; `tenure calc METRIC --help` lists its inputs
/// and the values each accepts (<see cref="CalcInput.Rule"/>). A value that is not a number, or breaks its
/// input's rule (a negative or fractional count, more renewed than up for renewal), is bad input: exit 2 with
/// a message naming the option, and nothing printed on standard output.
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
        var options = new List<(CalcInput Input, Option<string> Option)>();
        foreach (var input in definition.CalcInputs)
        {
            // Read as text and parsed here, so "abc" gets a message naming the option rather than a .NET type name.
            var option = new Option<string>("--" + input.Name)
            {
                Description = $"{input.Description}{(input.Optional ? " (optional)" : "")}: {input.Rule}.",
                Required = !input.Optional,
                HelpName = input.Kind == CalcValueKind.Count ? "N" : "X",
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
                if (parsed.GetValue(option) is { } text)
                    values[input.Name] = Number(input, text);
            }
            var problems = CalcInputs.Problems(definition.CalcInputs, values);
            if (problems.Count > 0)
                throw new CliException(string.Join(Environment.NewLine, problems.Select(p => "error: " + p)));
            var result = definition.Calculate!(new CalcArguments(values));
            if (result.Value is not { } v)
            {
                context.Out.WriteLine("n/a");
                context.Notes.WriteLine($"{definition.Id} has no value for these inputs (its denominator is 0).");
                return ExitCodes.Ok;
            }
            context.Out.WriteLine(MetricNumbers.Invariant(v));
            if (parsed.GetValue(verbose) && result.Numerator is { } n && result.Denominator is { } d)
                context.Out.WriteLine($"numerator {MetricNumbers.Invariant(n)}, denominator {MetricNumbers.Invariant(d)}, unit {definition.Unit.Symbol()}");
            return ExitCodes.Ok;
        });
        return command;
    }

    /// <summary>An invariant-culture decimal ("1000", "12.5", "-3"; no thousands separators), or bad input naming the option.</summary>
    private static decimal Number(CalcInput input, string text)
    {
        if (decimal.TryParse(text, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint | NumberStyles.AllowLeadingWhite | NumberStyles.AllowTrailingWhite, CultureInfo.InvariantCulture, out var value))
            return value;
        throw new CliException($"error: --{input.Name} '{text}' is not a number (expected {input.Rule}, e.g. {(input.Kind == CalcValueKind.Count ? "64" : "12.5")}).");
    }
}

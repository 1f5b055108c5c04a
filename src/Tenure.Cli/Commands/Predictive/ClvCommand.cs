using System.CommandLine;

using Spectre.Console;

using Tenure.Cli.Output;
using Tenure.Predictive.Clv;

namespace Tenure.Cli.Commands.Predictive;

/// <summary>`tenure clv fit|predict`: BG/NBD + Gamma-Gamma predictive customer lifetime value (clv-predicted).</summary>
internal static class ClvCommand
{
    private sealed record Inputs(
        Option<string> Transactions,
        Option<string> Customer,
        Option<string> Date,
        Option<string> Amount,
        Option<string> DateFormat,
        Option<string> CalibrationEnd);

    public static Command Create(CliContext context)
    {
        var command = new Command("clv", "Predictive customer lifetime value from a purchase log: BG/NBD purchases x Gamma-Gamma spend (clv-predicted).");
        command.Subcommands.Add(CreateFit(context));
        command.Subcommands.Add(CreatePredict(context));
        return command;
    }

    private static Inputs AddInputs(Command command)
    {
        var inputs = new Inputs(
            new Option<string>("--transactions") { Description = "Purchase log: CSV, tab- or space-separated; one row per purchase.", Required = true },
            new Option<string>("--customer-column") { Description = "Customer id column: header name or 1-based number.", Required = true },
            new Option<string>("--date-column") { Description = "Purchase date column: header name or 1-based number.", Required = true },
            new Option<string>("--amount-column") { Description = "Purchase amount column: header name or 1-based number.", Required = true },
            new Option<string>("--date-format") { Description = "Date format of the log, e.g. yyyyMMdd (default: ISO yyyy-MM-dd)." },
            new Option<string>("--calibration-end") { Description = "Last day of the calibration period (yyyy-MM-dd, inclusive).", Required = true });
        command.Options.Add(inputs.Transactions);
        command.Options.Add(inputs.Customer);
        command.Options.Add(inputs.Date);
        command.Options.Add(inputs.Amount);
        command.Options.Add(inputs.DateFormat);
        command.Options.Add(inputs.CalibrationEnd);
        return inputs;
    }

    private static (IReadOnlyList<CustomerSummary> Summaries, ClvModel Model) Fit(CliContext context, ParseResult parsed, Inputs inputs)
    {
        var path = PredictiveCli.ExistingFile(parsed.GetValue(inputs.Transactions), "--transactions");
        var calibrationEnd = PredictiveCli.Date(parsed.GetValue(inputs.CalibrationEnd), "--calibration-end");
        var layout = new TransactionLogLayout(
            parsed.GetValue(inputs.Customer)!,
            parsed.GetValue(inputs.Date)!,
            parsed.GetValue(inputs.Amount)!,
            parsed.GetValue(inputs.DateFormat) is { Length: > 0 } f ? f : null);
        var transactions = TransactionLogReader.Read(path, layout);
        var summaries = CustomerSummaryBuilder.Build(transactions, calibrationEnd);
        if (summaries.Count == 0)
            throw new CliException($"error: no purchase in {Path.GetFileName(path)} is on or before --calibration-end {calibrationEnd:yyyy-MM-dd}.");
        return (summaries, ProgressDisplay.Spinner(context, "fitting BG/NBD and Gamma-Gamma", () => ClvModel.Fit(summaries)));
    }

    private static Command CreateFit(CliContext context)
    {
        var command = new Command("fit", "Fit BG/NBD (r, alpha, a, b) and Gamma-Gamma (p, q, gamma) by maximum likelihood on the calibration period.");
        var inputs = AddInputs(command);
        var format = new Option<string>("--format") { Description = "table (default) or json." };
        command.Options.Add(format);
        command.SetAction(parsed => PredictiveCli.Guard(() =>
        {
            var outputFormat = PredictiveCli.Format(parsed.GetValue(format), OutputFormat.Table, OutputFormat.Json);
            var (_, model) = Fit(context, parsed, inputs);
            var b = model.Purchases;
            var g = model.Spend;
            if (outputFormat == OutputFormat.Json)
            {
                PredictiveCli.WriteJson(context.Out, new
                {
                    customers = model.Customers,
                    repeat_customers = model.RepeatCustomers,
                    bg_nbd = new { r = b.R, alpha = b.Alpha, a = b.A, b = b.B, log_likelihood = model.PurchasesLogLikelihood },
                    gamma_gamma = new { p = g.P, q = g.Q, gamma = g.Gamma, log_likelihood = model.SpendLogLikelihood },
                });
                return ExitCodes.Ok;
            }
            var table = new Table().AddColumns("model", "parameter", "value");
            table.AddRow("BG/NBD", "r", PredictiveCli.Invariant(b.R, 4));
            table.AddRow("", "alpha", PredictiveCli.Invariant(b.Alpha, 4));
            table.AddRow("", "a", PredictiveCli.Invariant(b.A, 4));
            table.AddRow("", "b", PredictiveCli.Invariant(b.B, 4));
            table.AddRow("", "log-likelihood", PredictiveCli.Invariant(model.PurchasesLogLikelihood, 2));
            table.AddRow("Gamma-Gamma", "p", PredictiveCli.Invariant(g.P, 4));
            table.AddRow("", "q", PredictiveCli.Invariant(g.Q, 4));
            table.AddRow("", "gamma", PredictiveCli.Invariant(g.Gamma, 4));
            table.AddRow("", "log-likelihood", PredictiveCli.Invariant(model.SpendLogLikelihood, 2));
            var console = Terminal.For(context.Out, context.IsInteractive);
            console.Write(table);
            console.WriteLine($"{model.Customers} customers, {model.RepeatCustomers} with repeat purchases (Gamma-Gamma is fitted on those).");
            return ExitCodes.Ok;
        }));
        return command;
    }

    private static Command CreatePredict(CliContext context)
    {
        var command = new Command("predict", "Per customer: expected purchases over the horizon, P(alive), expected spend per purchase and discounted CLV.");
        var inputs = AddInputs(command);
        var horizon = new Option<double>("--horizon-weeks") { Description = "Weeks after the calibration end to value.", Required = true };
        var discount = new Option<double>("--discount-rate") { Description = "Annual discount rate, e.g. 0.1 for 10 % a year (default 0), applied week by week." };
        var format = new Option<string>("--format") { Description = "table (default), csv or json." };
        command.Options.Add(horizon);
        command.Options.Add(discount);
        command.Options.Add(format);
        command.SetAction(parsed => PredictiveCli.Guard(() =>
        {
            var outputFormat = PredictiveCli.Format(parsed.GetValue(format), OutputFormat.Table, OutputFormat.Csv, OutputFormat.Json);
            var weeks = parsed.GetValue(horizon);
            if (!(weeks > 0) || !double.IsFinite(weeks))
                throw new CliException("error: --horizon-weeks must be more than 0.");
            var rate = parsed.GetValue(discount);
            if (!(rate > -1) || !double.IsFinite(rate))
                throw new CliException("error: --discount-rate must be a number above -1 (0.1 = 10 % a year).");
            var (summaries, model) = Fit(context, parsed, inputs);
            var predictions = summaries.Select(s => model.Predict(s, weeks, rate)).ToArray();
            Write(context, outputFormat, model, predictions, weeks, rate);
            return ExitCodes.Ok;
        }));
        return command;
    }

    private static void Write(CliContext context, OutputFormat format, ClvModel model, ClvPrediction[] predictions, double weeks, double rate)
    {
        switch (format)
        {
            case OutputFormat.Csv:
                context.Out.WriteLine("customer,frequency,recency,T,expected_purchases,probability_alive,expected_average_spend,clv");
                foreach (var p in predictions)
                {
                    var c = p.Customer;
                    context.Out.WriteLine(string.Join(',',
                        PredictiveCli.CsvField(c.Customer),
                        c.Frequency.ToString(System.Globalization.CultureInfo.InvariantCulture),
                        PredictiveCli.Invariant(c.Recency),
                        PredictiveCli.Invariant(c.Age),
                        PredictiveCli.Invariant(p.ExpectedPurchases),
                        PredictiveCli.Invariant(p.ProbabilityAlive),
                        PredictiveCli.Invariant(p.ExpectedAverageSpend),
                        PredictiveCli.Invariant(p.Clv)));
                }
                break;
            case OutputFormat.Json:
                PredictiveCli.WriteJson(context.Out, new
                {
                    horizon_weeks = weeks,
                    discount_rate = rate,
                    bg_nbd = new { r = model.Purchases.R, alpha = model.Purchases.Alpha, a = model.Purchases.A, b = model.Purchases.B },
                    gamma_gamma = new { p = model.Spend.P, q = model.Spend.Q, gamma = model.Spend.Gamma },
                    customers = predictions.Select(p => new
                    {
                        customer = p.Customer.Customer,
                        frequency = p.Customer.Frequency,
                        recency = p.Customer.Recency,
                        T = p.Customer.Age,
                        expected_purchases = p.ExpectedPurchases,
                        probability_alive = p.ProbabilityAlive,
                        expected_average_spend = p.ExpectedAverageSpend,
                        clv = p.Clv,
                    }),
                });
                break;
            default:
                var table = new Table().AddColumns("customer", "frequency", "recency", "T", "expected purchases", "P(alive)", "expected spend", "CLV");
                foreach (var p in predictions.OrderByDescending(p => p.Clv ?? double.NegativeInfinity).Take(50))
                {
                    table.AddRow(
                        Markup.Escape(p.Customer.Customer),
                        p.Customer.Frequency.ToString(System.Globalization.CultureInfo.InvariantCulture),
                        PredictiveCli.Invariant(p.Customer.Recency, 2),
                        PredictiveCli.Invariant(p.Customer.Age, 2),
                        PredictiveCli.Invariant(p.ExpectedPurchases, 3),
                        PredictiveCli.Invariant(p.ProbabilityAlive, 3),
                        p.ExpectedAverageSpend is { } s ? PredictiveCli.Invariant(s, 2) : "n/a",
                        p.Clv is { } v ? PredictiveCli.Invariant(v, 2) : "n/a");
                }
                var console = Terminal.For(context.Out, context.IsInteractive);
                console.Write(table);
                console.WriteLine($"Top {Math.Min(50, predictions.Length)} of {predictions.Length} customers by CLV over {weeks} weeks; --format csv lists them all.");
                break;
        }
    }
}

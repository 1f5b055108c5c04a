using System.CommandLine;
using System.CommandLine.Help;
using System.CommandLine.Invocation;

using Tenure.Metrics.Catalogue;

namespace Tenure.Cli.Commands;

/// <summary>
/// The examples `tenure ... --help` prints under the usage, one list for every command (a test checks
/// each command of the tree has some). A `tenure calc METRIC` example is made from the metric's inputs.
/// </summary>
internal static class CommandExamples
{
    private static readonly Dictionary<string, string[]> ByPath = new(StringComparer.Ordinal)
    {
        [""] =
        [
            "tenure demo",
            "tenure import exports/ --db tenure.db",
            "tenure metrics --db tenure.db --from 2025-11-01 --to 2026-11-01 --by csm",
            "tenure --version",
        ],
        ["import"] =
        [
            "tenure import exports/ --db tenure.db",
            "tenure import accounts.csv subscriptions.csv --db tenure.db --tenant acme --format json",
            "tenure import --from stripe exports/stripe/ --db tenure.db --dry-run",
            "tenure import --from zendesk tickets.csv --db tenure.db",
            "tenure import tickets.csv --db tenure.db --base-url https://tenure.example.com",
        ],
        ["metrics"] =
        [
            "tenure metrics --db tenure.db --from 2025-11-01 --to 2026-11-01 --by csm",
            "tenure metrics --data exports/ --from 2025-11-01 --to 2026-11-01 --metric churn-rate,mrr,nps --format json",
            "tenure metrics --data exports/ --from 2024-11-01 --to 2026-11-01 --period quarter --by plan --format csv",
        ],
        ["metrics list"] = ["tenure metrics list", "tenure metrics list --format json"],
        ["calc"] = ["tenure calc churn-rate --customers-at-start 1000 --churned 64", "tenure calc nps --promoters 70 --passives 20 --detractors 10"],
        ["health"] = ["tenure health --db tenure.db --band red", "tenure health --data exports/ --at 2026-11-01 --config health.json --format json"],
        ["health history"] = ["tenure health history --db tenure.db --account acc_000042", "tenure health history --db tenure.db --from 2026-05-01 --to 2026-06-30 --format csv"],
        ["health backfill"] = ["tenure health backfill --db tenure.db", "tenure health backfill --db tenure.db --tenant acme --days 30"],
        ["alerts"] = ["tenure alerts --db tenure.db", "tenure alerts --db tenure.db --tenant acme --status all --format json"],
        ["alerts evaluate"] = ["tenure alerts evaluate --db tenure.db", "tenure alerts evaluate --db tenure.db --tenant acme --format json"],
        ["alerts resolve"] = ["tenure alerts resolve --id 7 --db tenure.db"],
        ["alerts rules"] = ["tenure alerts rules --db tenure.db", "tenure alerts rules --db tenure.db --set alerts.json", "tenure alerts rules --db tenure.db --reset"],
        ["survey"] = ["tenure survey create --db tenure.db --type nps --name Quarterly", "tenure survey list --db tenure.db"],
        ["survey create"] =
        [
            "tenure survey create --db tenure.db --type nps --name Quarterly --format json",
            "tenure survey create --db tenure.db --type csat --name Support --scale faces --after-tickets",
            "tenure survey create --db tenure.db --type ces --name Effort --throttle-days 30 --allowed-origins https://app.example.com",
        ],
        ["survey list"] = ["tenure survey list --db tenure.db", "tenure survey list --db tenure.db --tenant acme --format json"],
        ["survey pause"] = ["tenure survey pause --db tenure.db --survey srv_0123456789abcdef"],
        ["survey resume"] = ["tenure survey resume --db tenure.db --survey srv_0123456789abcdef"],
        ["survey link"] =
        [
            "tenure survey link --db tenure.db --survey srv_0123456789abcdef --account A1 --user u1 --base-url https://tenure.example.com",
            "tenure survey link --db tenure.db --survey srv_0123456789abcdef --account A1 --ticket T9 --email ann@example.com --base-url https://tenure.example.com",
        ],
        ["survey token"] = ["tenure survey token --db tenure.db --account A1 --user u1"],
        ["survey sends"] =
        [
            "tenure survey sends --db tenure.db --status pending-mail --base-url https://tenure.example.com",
            "tenure survey sends --db tenure.db --status queued",
        ],
        ["webhook"] = ["tenure webhook add --db tenure.db --url https://hooks.example.com/tenure --secret 0123456789abcdef-secret", "tenure webhook list --db tenure.db"],
        ["webhook add"] =
        [
            "tenure webhook add --db tenure.db --tenant acme --url https://hooks.example.com/tenure --secret 0123456789abcdef-secret",
            "tenure webhook add --db tenure.db --url http://10.0.0.5:8080/hook --secret 0123456789abcdef-secret --events alert.opened,alert.resolved",
        ],
        ["webhook list"] = ["tenure webhook list --db tenure.db", "tenure webhook list --db tenure.db --tenant acme --format json"],
        ["mail"] = ["tenure mail test --to you@example.com --db tenure.db", "tenure mail preferences --email ann@example.com --alert-emails off --db tenure.db"],
        ["mail test"] = ["tenure mail test --to you@example.com --db tenure.db", "tenure mail test --to you@example.com,ops@example.com --tenant acme --db tenure.db"],
        ["mail preferences"] = ["tenure mail preferences --email ann@example.com --db tenure.db", "tenure mail preferences --email ann@example.com --alert-emails off --digest-emails on --db tenure.db"],
        ["mail digest"] = ["tenure mail digest --day monday --hour 8 --db tenure.db"],
        ["report"] = ["tenure report schedule add --view /dashboards/saas --frequency weekly --to cfo@example.com --db tenure.db"],
        ["report schedule"] = ["tenure report schedule list --db tenure.db"],
        ["report schedule add"] = ["tenure report schedule add --view '/dashboards/saas?segment=smb' --frequency weekly --to cfo@example.com,ceo@example.com --db tenure.db", "tenure report schedule add --view /dashboards/kpi --frequency monthly --hour 7 --to board@example.com --db tenure.db"],
        ["report schedule list"] = ["tenure report schedule list --db tenure.db", "tenure report schedule list --db tenure.db --format json"],
        ["report schedule remove"] = ["tenure report schedule remove --id 1 --db tenure.db"],
        ["webhook remove"] = ["tenure webhook remove --id 1 --db tenure.db"],
        ["task"] = ["tenure task list --db tenure.db", "tenure task add --db tenure.db --account X1 --title Kickoff --due 2026-12-15"],
        ["task add"] =
        [
            "tenure task add --db tenure.db --account X1 --title Kickoff --due 2026-12-15",
            "tenure task add --db tenure.db --tenant acme --account X1 --title QBR --owner ann --category renewal --format json",
        ],
        ["task list"] = ["tenure task list --db tenure.db", "tenure task list --db tenure.db --owner ann --status all --format json"],
        ["task complete"] = ["tenure task complete --id 12 --db tenure.db"],
        ["note"] = ["tenure note list --db tenure.db --account X1"],
        ["note add"] = ["tenure note add --db tenure.db --account X1 --text Renewal-confirmed --source call"],
        ["note list"] = ["tenure note list --db tenure.db --account X1", "tenure note list --db tenure.db --tenant acme --format json"],
        ["webhook deliveries"] = ["tenure webhook deliveries --id 1 --db tenure.db", "tenure webhook deliveries --id 1 --db tenure.db --format json"],
        ["goal"] = ["tenure goal set --db tenure.db --metric churn-rate --target 5 --at-most --period month", "tenure goal list --db tenure.db"],
        ["goal set"] =
        [
            "tenure goal set --db tenure.db --metric churn-rate --target 5 --at-most --period month",
            "tenure goal set --db tenure.db --tenant acme --metric nps --target 50 --period quarter --segment smb",
            "tenure goal set --db tenure.db --metric mrr --target 250000 --at-least --period year --csm ann",
        ],
        ["goal list"] = ["tenure goal list --db tenure.db", "tenure goal list --db tenure.db --tenant acme --format json"],
        ["goal remove"] = ["tenure goal remove --db tenure.db --metric nps --period quarter --segment smb"],
        ["demo"] = ["tenure demo", "tenure demo --out demo/ --accounts 2000 --seed 7", "tenure demo --no-serve --as-of 2026-11-01"],
        ["serve"] = ["tenure serve --db tenure.db --urls http://127.0.0.1:5080", "tenure serve --db tenure.db --log-format json"],
        ["backup"] = ["tenure backup --db tenure.db --to backups/tenure-2026-11-30.db", "tenure backup --db tenure.db --to backups/latest.db --force"],
        ["restore"] = ["tenure restore --from backups/tenure-2026-11-30.db --db restored.db", "tenure restore --from backups/latest.db --db tenure.db --force"],
        ["db"] = ["tenure db migrate --db tenure.db"],
        ["db migrate"] = ["tenure db migrate --db tenure.db", "tenure db migrate --db \"Host=db;Database=tenure;Username=tenure;Password=...\""],
        ["apikey"] = ["tenure apikey create --db tenure.db --role read --name dashboards", "tenure apikey list --db tenure.db"],
        ["apikey create"] = ["tenure apikey create --db tenure.db --tenant default --role read --name reporting-script"],
        ["apikey list"] = ["tenure apikey list --db tenure.db --tenant default"],
        ["apikey revoke"] = ["tenure apikey revoke tnr_ab12cd34 --db tenure.db"],
        ["user"] = ["tenure user create --db tenure.db --email ann@example.com --role csm --csm ann", "tenure user list --db tenure.db"],
        ["user create"] = ["tenure user create --db tenure.db --email ann@example.com --role csm --csm ann", "tenure user create --db tenure.db --email lee@example.com --role viewer"],
        ["user list"] = ["tenure user list --db tenure.db"],
        ["user disable"] = ["tenure user disable --db tenure.db --email ann@example.com"],
        ["user enable"] = ["tenure user enable --db tenure.db --email ann@example.com"],
        ["user reset-password"] = ["tenure user reset-password --db tenure.db --email ann@example.com"],
        ["churn-model"] = ["tenure churn-model evaluate --data customers.csv --label Churn --id customerID"],
        ["churn-model train"] = ["tenure churn-model train --data customers.csv --label Churn --id customerID --out churn.zip"],
        ["churn-model score"] = ["tenure churn-model score --model churn.zip --data accounts.csv --format csv"],
        ["churn-model evaluate"] = ["tenure churn-model evaluate --data customers.csv --label Churn --id customerID --folds 5", "tenure churn-model evaluate --data customers.csv --label Churn --id customerID --holdout 0.3 --repeats 10"],
        ["churn-model features"] = ["tenure churn-model features --data exports/ --snapshot 2026-06-01 --out churn-table.csv"],
        ["churn-risk"] = ["tenure churn-risk --db tenure.db", "tenure churn-risk --db tenure.db --account acc_000218 --format json", "tenure churn-risk --db tenure.db --at 2026-11-01 --format csv"],
        ["clv"] = ["tenure clv fit --transactions tx.csv --customer-column id --date-column date --amount-column amount --calibration-end 1997-09-30"],
        ["clv fit"] = ["tenure clv fit --transactions tx.csv --customer-column id --date-column date --amount-column amount --calibration-end 1997-09-30"],
        ["clv predict"] = ["tenure clv predict --transactions tx.csv --customer-column id --date-column date --amount-column amount --calibration-end 1997-09-30 --horizon-weeks 39"],
        ["retention"] = ["tenure retention project --survivors survivors.csv --fit-periods 7 --horizon 12"],
        ["retention project"] = ["tenure retention project --survivors survivors.csv --fit-periods 7 --horizon 12", "tenure retention project --data exports/ --format json"],
        ["feedback"] = ["tenure feedback sentiment --input comments.csv --text-column comment", "tenure feedback themes --db tenure.db --survey nps"],
        ["feedback sentiment"] = ["tenure feedback sentiment --input comments.csv --text-column comment", "tenure feedback sentiment --input answers.csv --text-column comment --format json"],
        ["feedback evaluate"] = ["tenure feedback evaluate", "tenure feedback evaluate --format json"],
        ["feedback themes"] =
        [
            "tenure feedback themes --db tenure.db --from 2025-11-01 --to 2026-11-01 --survey nps",
            "tenure feedback themes --data exports/ --by segment --format json",
            "tenure feedback themes --db tenure.db --q salesforce",
        ],
    };

    /// <summary>The examples of <paramref name="command"/> (empty when it has none).</summary>
    public static IReadOnlyList<string> For(Command command)
    {
        var path = PathOf(command);
        if (ByPath.TryGetValue(path, out var examples))
            return examples;
        if (path.StartsWith("calc ", StringComparison.Ordinal) && MetricCatalogue.All.FirstOrDefault(d => d.Id == command.Name) is { CalcInputs: var inputs })
            return [$"tenure calc {command.Name} " + string.Join(' ', inputs.Where(i => !i.Optional).Select(i => $"--{i.Name} {(i.Kind == CalcValueKind.Count ? "N" : "X")}")) + " --verbose"];
        return [];
    }

    /// <summary>"user create" for `tenure user create`; "" for `tenure` itself.</summary>
    public static string PathOf(Command command)
    {
        var names = new List<string>();
        for (var c = command; c is not null and not RootCommand; c = c.Parents.OfType<Command>().FirstOrDefault())
            names.Insert(0, c.Name);
        return string.Join(' ', names);
    }

    /// <summary>Makes `--help` print the examples after the standard help.</summary>
    public static void AddToHelp(RootCommand root)
    {
        var help = root.Options.OfType<HelpOption>().First();
        if (help.Action is HelpAction standard)
            help.Action = new HelpWithExamples(standard);
    }

    private sealed class HelpWithExamples(HelpAction standard) : SynchronousCommandLineAction
    {
        public override int Invoke(ParseResult parseResult)
        {
            int exitCode = standard.Invoke(parseResult);
            var examples = For(parseResult.CommandResult.Command);
            if (examples.Count > 0)
            {
                var output = parseResult.InvocationConfiguration.Output;
                output.WriteLine("Examples:");
                foreach (var example in examples)
                    output.WriteLine($"  {example}");
                output.WriteLine();
            }
            return exitCode;
        }
    }
}

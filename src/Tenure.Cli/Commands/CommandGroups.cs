using System.CommandLine;

namespace Tenure.Cli.Commands;

/// <summary>The top-level commands of `tenure`, in the order `tenure --help` lists them.</summary>
internal static class CommandGroups
{
    public static IEnumerable<Command> All(CliContext context)
    {
        yield return Storage.ImportCommand.Create(context);
        yield return MetricsCommand.Create(context);
        yield return CalcCommand.Create(context);
        yield return HealthCommand.Create(context);
        yield return AlertsCommand.Create(context);
        yield return WebhookCommand.Create(context);
        yield return MailCommand.Create(context);
        yield return MailCommand.Report(context);
        yield return SurveyCommand.Create(context);
        yield return GoalCommand.Create(context);

        yield return Work.TaskCommand.Create(context);
        yield return Work.NoteCommand.Create(context);
        yield return DemoCommand.Create(context);
        yield return Storage.ServeCommand.Create(context);
        yield return Storage.DbCommand.Create(context);
        yield return Storage.BackupCommand.Backup(context);
        yield return Storage.BackupCommand.Restore(context);
        yield return Storage.ApiKeyCommand.Create(context);
        yield return Storage.UserCommand.Create(context);
        yield return Predictive.ChurnModelCommand.Create(context);
        yield return Predictive.ChurnRiskCommand.Create(context);
        yield return Predictive.ClvCommand.Create(context);
        yield return Predictive.RetentionCommand.Create(context);
        yield return Predictive.FeedbackCommand.Create(context);
    }
}

using Spectre.Console;

namespace Tenure.Cli.Output;

/// <summary>
/// Progress of long work on standard error, only when a person watches (<see cref="CliContext.ShowsProgress"/>:
/// standard output is a terminal and --quiet was not given): a bar where the amount of work is known
/// (accounts generated, rows imported), a spinner where it is not (a model fit). Otherwise the work runs
/// as is and nothing is drawn, so pipes and scripts get the same output as before.
/// </summary>
internal static class ProgressDisplay
{
    /// <summary>Runs <paramref name="work"/> with a bar of <paramref name="total"/> steps it reports to.</summary>
    public static T Bar<T>(CliContext context, string label, int total, Func<IProgress<int>?, T> work)
    {
        if (!context.ShowsProgress)
            return work(null);
        T result = default!;
        Terminal.For(context.Error, interactive: true).Progress()
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn(), new SpinnerColumn())
            .Start(progress =>
            {
                var task = progress.AddTask(label, maxValue: Math.Max(1, total));
                result = work(new TaskProgress(task));
                task.Value = task.MaxValue;
            });
        return result;
    }

    /// <summary>Runs <paramref name="work"/> under a spinner saying <paramref name="label"/>.</summary>
    public static T Spinner<T>(CliContext context, string label, Func<T> work)
    {
        if (!context.ShowsProgress)
            return work();
        return Terminal.For(context.Error, interactive: true).Status().Start(label, _ => work());
    }

    /// <summary>Sets the bar as the work reports, on the reporting thread (no synchronisation context needed).</summary>
    private sealed class TaskProgress(ProgressTask task) : IProgress<int>
    {
        public void Report(int value) => task.Value = Math.Min(value, task.MaxValue);
    }
}

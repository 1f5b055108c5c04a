using Tenure.Metrics.Inputs;

namespace Tenure.Demo.Simulation;

internal sealed partial class AccountSimulator
{
    /// <summary>
    /// The CSM's tasks for the account: onboarding at each paying start, quarterly business reviews
    /// (mid-market and enterprise), renewal prep before each annual or term end, a risk task when
    /// health turns red or a ticket is escalated, and expansion prep before each offer. Most are
    /// done, some late, a few never (overdue when their due date has passed).
    /// </summary>
    private void SimulateWork()
    {
        foreach (var span in payingSpans)
        {
            var end = Min(span.End, asOf);
            AddTask("onboarding", BusinessTime(span.Start), 14);
            if (segment != Smb)
            {
                for (var review = span.Start.AddDays(91); review < end; review = review.AddDays(91))
                    AddTask("qbr", BusinessTime(review.AddDays(-21)), 21);
            }
            for (var month = span.Start; month < end; month = month.AddMonths(1))
            {
                if (Health(month) < 0.3 && Health(month.AddMonths(-1)) >= 0.3)
                    AddTask("risk", BusinessTime(month.AddDays(rng.Between(0, 10))), 7);
            }
        }
        foreach (var renewal in renewalDates)
            AddTask("renewal", BusinessTime(renewal.AddDays(-90)), 60);
        foreach (var escalated in escalations)
        {
            if (rng.Chance(0.5))
                AddTask("risk", escalated.AddHours(1), 5);
        }
        foreach (var presented in offersPresented)
            AddTask("expansion", presented.AddDays(-7), 7);
    }

    private void AddTask(string category, DateTime created, int dueDays)
    {
        if (created >= asOf || created < createdAt)
            return;
        var due = created.Date.AddDays(dueDays).AddHours(17);
        // Most tasks are done around their due date; some slip for weeks; a few are never done.
        DateTime? done = rng.NextDouble() switch
        {
            < 0.93 => created.AddSeconds(Math.Floor((due - created).TotalSeconds * rng.Uniform(0.2, 1.35))),
            < 0.98 => due.AddDays(rng.Between(14, 90)),
            _ => null,
        };
        var completed = done < asOf ? done : null;
        batch.TaskList.Add(new CsTask(world.TaskIds.Next(), csm, accountId, category, created, due, completed));
    }
}

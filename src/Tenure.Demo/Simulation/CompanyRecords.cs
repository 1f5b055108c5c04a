using Tenure.Metrics.Inputs;

namespace Tenure.Demo.Simulation;

/// <summary>The records that belong to no account: monthly costs and the CSMs' internal tasks.</summary>
internal static class CompanyRecords
{
    /// <summary>
    /// Costs for every month of the window, from the month's paying base (retention: CS payroll,
    /// tools, programs, services) and its new customers (acquisition: marketing, sales payroll, tools).
    /// </summary>
    public static void Write(DemoWorld world, DemoBatch batch)
    {
        var random = new Random(DemoRandom.StreamSeed(world.Options.Seed, -2));
        for (var m = 0; m < world.WindowMonths; m++)
        {
            var month = world.WindowStart.AddMonths(m);
            var active = world.ActiveAtMonthStart[m];
            var added = world.NewInMonth[m];
            var quarterEnd = month.Month % 3 == 0;
            Cost(batch, month, (6 * 7200 * random.Uniform(0.98, 1.02)) + (active * 6.5), CostKind.Retention, "payroll");
            Cost(batch, month, 1800 + (active * 1.1), CostKind.Retention, "tools");
            Cost(batch, month, 300 + (active * 0.9) + (quarterEnd ? 2500 : 0), CostKind.Retention, "programs");
            Cost(batch, month, active * 0.6 * random.Uniform(0.8, 1.2), CostKind.Retention, "services");
            Cost(batch, month, 3500 + (added * random.Uniform(520, 780)), CostKind.Acquisition, "marketing");
            Cost(batch, month, 9000 + (added * 420.0), CostKind.Acquisition, "payroll");
            Cost(batch, month, 1200 + (added * 15.0), CostKind.Acquisition, "tools");

            // Internal work with no account: a training or admin task per CSM per month.
            foreach (var csm in Vocabulary.Csms)
            {
                var created = month.AddDays(random.Between(0, 20)).AddHours(random.Between(8, 16));
                var due = created.Date.AddDays(10).AddHours(17);
                DateTime? completed = random.Chance(0.85) ? created.AddHours(random.Between(2, 300)) : null;
                if (created >= world.AsOf)
                    continue; // the as-of month is partial: nothing after the data's end
                batch.TaskList.Add(new CsTask(world.TaskIds.Next(), csm, null, random.Pick(Vocabulary.InternalTaskCategories), created, due,
                    completed < world.AsOf ? completed : null));
            }
        }
    }

    private static void Cost(DemoBatch batch, DateTime month, double amount, CostKind kind, string category)
    {
        if (amount > 0)
            batch.CostList.Add(new CostEntry(month, Math.Round((decimal)amount, 2), kind, category));
    }
}

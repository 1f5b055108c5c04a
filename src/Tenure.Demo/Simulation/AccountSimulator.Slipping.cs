using Tenure.Metrics.Inputs;

namespace Tenure.Demo.Simulation;

internal sealed partial class AccountSimulator
{
    /// <summary>One account in this many is a slipping customer (docs/health.md): 12 of the default 500.</summary>
    internal const int SlippingEvery = 40;

    /// <summary>
    /// Whether the account of <paramref name="index"/> is written as a slipping customer: the "At risk" screens need
    /// accounts that are clearly at risk, beside the latent-health walk's mostly mild ones.
    /// </summary>
    internal static bool IsSlipping(int index) => index % SlippingEvery == SlippingEvery / 2;

    /// <summary>
    /// A slipping customer (an account paying at the as-of instant, a customer for at least 8 months): its people
    /// stopped using the product 100 to 130 days ago, one of them answered NPS with a detractor score in the last
    /// weeks, and an escalated ticket from two to four weeks ago is still open. Draws come from a stream of its own
    /// and run after every other record of the account, so nothing else of the data set changes but the ids that
    /// follow (one more survey answer and ticket in the sequences).
    /// </summary>
    private void Slip(int index, int usageStart)
    {
        if (!IsSlipping(index) || payingSpans.Count == 0 || payingSpans[^1].Ended || payingSpans[^1].Start > asOf.AddMonths(-8))
            return;
        var slip = new Random(DemoRandom.StreamSeed(world.Options.Seed, int.MinValue + index));

        // No usage for months.
        var quietFrom = asOf.AddDays(-slip.Between(100, 130));
        var usage = batch.UsageList;
        for (var i = usage.Count - 1; i >= usageStart; i--)
        {
            if (usage[i].Timestamp >= quietFrom)
                usage.RemoveAt(i);
        }

        // A detractor answer from someone still there.
        var answered = WholeSeconds(asOf.AddDays(-slip.Between(20, 50)).AddHours(slip.Uniform(9, 17)));
        var person = users.FirstOrDefault(u => u.Created <= answered && answered < u.End);
        if (person.Id is not null)
        {
            batch.SurveyList.Add(new SurveyResponse(
                world.ResponseIds.Next(), "nps", accountId, person.Id, slip.Between(0, 3), Scale.ZeroToTen,
                Vocabulary.DetractorComments[slip.Next(Vocabulary.DetractorComments.Length)], answered));
        }

        // An escalation still open: answered, not resolved.
        var created = WholeSeconds(asOf.AddDays(-slip.Between(14, 28)).AddHours(slip.Uniform(9, 17)));
        batch.TicketList.Add(new Ticket(
            world.TicketIds.Next(), accountId, created, created.AddMinutes(slip.Between(20, 180)), null, 2, Escalated: true,
            Agent: Vocabulary.Agents[slip.Next(Vocabulary.Agents.Length)], Channel: "email", Status: "pending"));
    }
}

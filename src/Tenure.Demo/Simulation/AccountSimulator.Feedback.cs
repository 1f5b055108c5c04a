using Tenure.Metrics.Inputs;

namespace Tenure.Demo.Simulation;

internal sealed partial class AccountSimulator
{
    private DateTime? onboardedAt;

    /// <summary>Milestones and the onboarding surveys, relationship NPS twice a year, what promoters do (refer, advocate), programs and notes.</summary>
    private void SimulateFeedback()
    {
        Milestones();
        var advocate = false;
        foreach (var span in payingSpans)
        {
            var end = Min(span.End, asOf);
            advocate = NetPromoterSurveys(span, end, advocate);
            Programs(span, end);
            Notes(span, end);
        }
    }

    private void Milestones()
    {
        onboardedAt = null;
        if (activitySpans.Count == 0 || !rng.Chance(0.9))
            return;
        var first = activitySpans[0];
        var limit = Min(first.End, asOf);
        var median = segment switch { Smb => 4.0, MidMarket => 10.0, _ => 25.0 };
        var firstValue = WholeSeconds(createdAt.AddHours(rng.LogNormal(median, 0.6) * (1.6 - Health(createdAt)) * 24));
        if (firstValue >= limit)
            return;
        batch.MilestoneList.Add(new Milestone(accountId, "first_value", firstValue));
        if (!rng.Chance(0.8))
            return;
        var onboarded = WholeSeconds(firstValue.AddHours(rng.Uniform(7, 45) * 24));
        if (onboarded >= limit)
            return;
        onboardedAt = onboarded;
        batch.MilestoneList.Add(new Milestone(accountId, "onboarded", onboarded));
        var h = Health(onboarded);
        var surveyed = WholeSeconds(onboarded.AddHours(rng.Uniform(20, 30)));
        if (surveyed < limit && rng.Chance(0.3))
            AddEffortResponse(surveyed, h, 1, null);
        if (surveyed < limit && rng.Chance(0.25))
        {
            // A custom survey: only a satisfaction survey when the configuration says so.
            var score = (int)DemoRandom.Clamp(Math.Round(3 + (7 * h) + rng.Normal(0, 1.2)), 1, 10);
            AddResponse("onboarding", score, Scale.OneToTen, Comment(0.3, score >= 7 ? Vocabulary.PromoterComments : Vocabulary.PassiveComments), surveyed.AddMinutes(2), null);
        }
    }

    /// <summary>NPS sent 90 days into a paying span, then every 182 days, to one to three people; promoters sometimes refer or join the advocacy program.</summary>
    private bool NetPromoterSurveys(Span span, DateTime end, bool advocate)
    {
        var recipients = segment switch { Smb => 1, MidMarket => 2, _ => 3 };
        for (var sent = span.Start.AddDays(90); sent < end; sent = sent.AddDays(182))
        {
            for (var r = 0; r < recipients; r++)
            {
                if (!rng.Chance(0.31))
                    continue;
                var at = BusinessTime(sent.AddDays(rng.Between(0, 6)));
                if (at >= end)
                    continue;
                var h = Health(at);
                var score = (int)DemoRandom.Clamp(Math.Round(rng.Normal(4 + (6.8 * h), 1.6)), 0, 10);
                var pool = score >= 9 ? Vocabulary.PromoterComments : score >= 7 ? Vocabulary.PassiveComments : Vocabulary.DetractorComments;
                AddResponse("nps", score, Scale.ZeroToTen, Comment(0.4, pool), at, null);
                if (score < 9)
                    continue;
                if (rng.Chance(0.25))
                {
                    var referred = BusinessTime(at.AddDays(rng.Between(1, 40))).Date;
                    if (referred < end)
                        batch.ReferralList.Add(new Referral(world.ReferralIds.Next(), accountId, referred));
                }
                if (!advocate && rng.Chance(0.3))
                {
                    var joined = at.AddDays(rng.Between(3, 30));
                    if (joined < end)
                    {
                        advocate = true;
                        var left = rng.Chance(0.15) ? joined.AddDays(rng.Between(60, 400)) : (span.Ended ? span.End.AddHours(rng.Between(1, 48)) : asOf);
                        AddMembership("advocacy", joined, Min(left, span.Ended ? span.End.AddDays(2) : asOf));
                    }
                }
            }
        }
        return advocate;
    }

    private void Programs(Span span, DateTime end)
    {
        if (rng.Chance(0.07))
        {
            var joined = BusinessTime(DayBetween(span.Start, end));
            if (joined < end)
                AddMembership("beta", joined, Min(joined.AddDays(rng.Between(45, 120)), span.Ended ? span.End : asOf));
        }
        if (segment == Enterprise && rng.Chance(0.3))
        {
            var joined = BusinessTime(span.Start.AddDays(rng.Between(30, 200)));
            if (joined < end)
                AddMembership("customer_council", joined, Min(joined.AddDays(365), span.Ended ? span.End : asOf));
        }
    }

    /// <summary>Adds a program membership; a <paramref name="left"/> at or after the as-of instant means still a member.</summary>
    private void AddMembership(string program, DateTime joined, DateTime left) =>
        batch.ProgramList.Add(new ProgramMembership(accountId, program, joined, left < asOf && left > joined ? left : null));

    private void Notes(Span span, DateTime end)
    {
        var months = (end - span.Start).TotalDays / 30.4;
        var count = rng.Poisson(0.022 * months);
        for (var i = 0; i < count; i++)
        {
            var day = DayBetween(span.Start, end);
            if (day >= end)
                continue;
            var h = Health(day);
            var pool = h >= 0.65 ? Vocabulary.PositiveNotes : h >= 0.4 ? Vocabulary.NeutralNotes : Vocabulary.NegativeNotes;
            batch.NoteList.Add(new Note(world.NoteIds.Next(), accountId, day, rng.Pick(Vocabulary.NoteSources), rng.Pick(pool)));
        }
    }
}

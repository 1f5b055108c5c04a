using Tenure.Metrics.Inputs;

namespace Tenure.Demo.Simulation;

internal sealed partial class AccountSimulator
{
    /// <summary>How a contract is written: one row per billing period (as billing exports do), or one open row per change.</summary>
    private enum RowStyle { PerPeriod, Open }

    /// <summary>A stretch of time the account was paying (or, for activity, using the product). End is the as-of instant when still running.</summary>
    private readonly record struct Span(DateTime Start, DateTime End, bool Ended);

    /// <summary>The commercial terms of a subscription row.</summary>
    private record struct Terms(int Level, BillingInterval Interval, int TermMonths, int Seats, decimal DiscountRate, decimal PriceFactor);

    private readonly List<Span> payingSpans = [];
    private readonly List<Span> activitySpans = [];
    private readonly List<DateTime> renewalDates = [];
    private readonly List<DateTime> seatAdds = [];
    private readonly List<DateTime> offersPresented = [];
    private DateTime? firstPaid;
    private string? lastPlan;
    private int reactivations;

    private void SimulateSubscriptions()
    {
        payingSpans.Clear();
        activitySpans.Clear();
        renewalDates.Clear();
        seatAdds.Clear();
        offersPresented.Clear();
        acceptedCrossSells.Clear();
        firstPaid = null;
        lastPlan = null;
        reactivations = 0;

        var trial = rng.Chance(0.35);
        var converts = !rng.Chance(0.08);
        DateTime? trialStart = trial ? createdAt.Date.AddDays(rng.Between(1, 7)) : null;
        var start = trialStart?.AddDays(14) ?? createdAt.Date.AddDays(rng.Between(1, 25));
        string? subscriptionId = null;

        if (trialStart is { } ts && ts < asOf)
        {
            subscriptionId = world.SubscriptionIds.Next();
            batch.SubscriptionList.Add(new SubscriptionPeriod(subscriptionId, accountId, "trial", ts, start, 0m, BillingInterval.Month, 1m, 0m, Vocabulary.Currency));
            lastPlan = "trial";
            activitySpans.Add(new Span(ts, Min(start, asOf), start < asOf));
        }

        if (converts && start < asOf)
        {
            firstPaid = start;
            RunContracts(subscriptionId ?? world.SubscriptionIds.Next(), start);
        }
        else if (trialStart is null && start < asOf)
        {
            // A lead that never bought: it used the product for a few weeks.
            activitySpans.Add(new Span(start, Min(start.AddDays(21), asOf), start.AddDays(21) < asOf));
        }

        SimulateAddOns();
        MergeActivitySpans();
        CountForCosts();
    }

    /// <summary>The first contract and, after a churn, up to two reactivations (each a new subscription).</summary>
    private void RunContracts(string subscriptionId, DateTime start)
    {
        while (true)
        {
            var terms = NewTerms(reactivation: reactivations > 0);
            var style = terms.Interval switch
            {
                BillingInterval.Month => rng.Chance(0.88) ? RowStyle.PerPeriod : RowStyle.Open,
                BillingInterval.Term => RowStyle.PerPeriod,
                _ => rng.Chance(0.5) ? RowStyle.PerPeriod : RowStyle.Open,
            };
            ContractServices(start);
            var end = RunContract(subscriptionId, start, ref terms, style);
            lastPlan = Vocabulary.Plans[terms.Level];
            if (end is not { } churnedAt)
                return;

            // A few small customers drop to the free plan instead of leaving: a $0 row is churn too.
            var toFree = segment == Smb && terms.Interval == BillingInterval.Month && rng.Chance(0.06);
            DateTime? again = null;
            if (reactivations < 2 && rng.Chance(segment == Enterprise ? 0.08 : 0.18))
            {
                var back = churnedAt.AddDays(rng.Between(25, 300));
                again = back < asOf ? back : null;
            }
            if (toFree)
            {
                batch.SubscriptionList.Add(new SubscriptionPeriod(subscriptionId, accountId, "free", churnedAt, again, 0m, BillingInterval.Month, 1m, 0m, Vocabulary.Currency));
                lastPlan = "free";
            }
            if (again is not { } restart)
                return;
            reactivations++;
            subscriptionId = world.SubscriptionIds.Next();
            start = restart;
        }
    }

    /// <summary>
    /// Bills one contract period by period until it churns (returns the end) or runs past the as-of
    /// instant (returns null). Offers, seat changes and plan changes happen inside periods (a
    /// same-day switch: one row ends and the next starts on the same date); churn and renewal
    /// adjustments happen at period ends.
    /// </summary>
    private DateTime? RunContract(string subscriptionId, DateTime start, ref Terms terms, RowStyle style)
    {
        var anchor = start;
        var k = 0;
        var rowStart = start;
        var periodStart = start;
        var spanStart = start;
        var monthsIn = 0;
        Terms? pending = null;
        while (true)
        {
            var periodMonths = PeriodMonths(terms);
            var periodEnd = anchor.AddMonths((k + 1) * periodMonths);
            RecurringInvoice(periodStart, terms);

            for (var j = 0; j < periodMonths; j++)
            {
                var monthStart = periodStart.AddMonths(j);
                if (monthStart >= asOf || monthStart >= periodEnd)
                    break;
                var monthEnd = Min(periodStart.AddMonths(j + 1), periodEnd);
                var h = Health(monthStart);
                MaybeOffer(subscriptionId, monthStart, monthEnd, periodEnd, h, ref terms, ref rowStart);
                if (terms.Interval != BillingInterval.Term)
                    MaybeChange(subscriptionId, monthStart, monthEnd, periodEnd, h, ref terms, ref rowStart, ref pending);
            }
            monthsIn += periodMonths;

            if (periodEnd >= asOf)
            {
                // Still running: a contract with a term keeps its end date, a rolling one is open.
                DateTime? end = terms.Interval == BillingInterval.Term || (style == RowStyle.PerPeriod && terms.Interval != BillingInterval.Month) ? periodEnd : null;
                EmitRow(subscriptionId, rowStart, end, terms);
                payingSpans.Add(new Span(spanStart, asOf, false));
                if (terms.Interval is BillingInterval.Year or BillingInterval.Term)
                    renewalDates.Add(periodEnd);
                return null;
            }

            if (terms.Interval is BillingInterval.Year or BillingInterval.Term)
                renewalDates.Add(periodEnd);
            var healthAtEnd = Health(periodEnd.AddDays(-1));
            var churnChance = 1 - Math.Pow(1 - Hazard(healthAtEnd, monthsIn), periodMonths);
            if (rng.Chance(churnChance))
            {
                var end = periodEnd;
                if (terms.Interval == BillingInterval.Month && rng.Chance(0.15))
                {
                    // Cancelled with immediate effect, sometimes with a prorated refund.
                    var days = (int)(periodEnd - periodStart).TotalDays;
                    var cut = periodStart.AddDays(rng.Between(1, days - 1));
                    if (cut > rowStart)
                    {
                        end = cut;
                        if (rng.Chance(0.5))
                            EmitInvoice(cut, Math.Round(Net(terms) * (decimal)((periodEnd - cut).TotalDays / days), 2), InvoiceKind.Refund, null);
                    }
                }
                EmitRow(subscriptionId, rowStart, end, terms);
                payingSpans.Add(new Span(spanStart, end, true));
                return end;
            }

            var next = pending ?? terms;
            pending = null;
            RenewalAdjustments(ref next, healthAtEnd, periodEnd);

            if (style == RowStyle.PerPeriod && terms.Interval is BillingInterval.Year or BillingInterval.Term && rng.Chance(0.05))
            {
                // Signed late: the contract lapses for a few days (churn, then reactivation in MRR
                // terms) but still counts as renewed (within the 30-day grace of METRICS.md).
                EmitRow(subscriptionId, rowStart, periodEnd, terms);
                payingSpans.Add(new Span(spanStart, periodEnd, true));
                var restart = periodEnd.AddDays(rng.Between(3, 25));
                if (restart >= asOf)
                    return periodEnd;
                anchor = restart;
                k = 0;
                rowStart = periodStart = spanStart = restart;
                terms = next;
                continue;
            }

            if (style == RowStyle.PerPeriod || terms.Interval == BillingInterval.Term || next != terms)
            {
                EmitRow(subscriptionId, rowStart, periodEnd, terms);
                rowStart = periodEnd;
            }
            if (next.Interval != terms.Interval || next.TermMonths != terms.TermMonths)
            {
                anchor = periodEnd;
                k = 0;
            }
            else
            {
                k++;
            }
            terms = next;
            periodStart = periodEnd;
        }
    }

    /// <summary>Monthly churn hazard: a base per segment, much higher when health is low and in the first months.</summary>
    private double Hazard(double h, int monthsIn)
    {
        var rate = segment switch { Smb => 0.030, MidMarket => 0.017, _ => 0.008 };
        var factor = 0.2 + (3.0 * (1 - h) * (1 - h));
        return Math.Min(0.9, rate * factor * (monthsIn <= 3 ? 1.6 : 1.0));
    }

    private Terms NewTerms(bool reactivation)
    {
        var level = rng.PickWeighted(Vocabulary.PlanWeightsBySegment[segment]);
        if (reactivation && level > 0 && rng.Chance(0.3))
            level--;
        var interval = segment switch
        {
            Smb => rng.Chance(0.84) ? BillingInterval.Month : BillingInterval.Year,
            MidMarket => rng.PickWeighted([0.42, 0.23, 0.35]) switch { 0 => BillingInterval.Month, 1 => BillingInterval.Quarter, _ => BillingInterval.Year },
            _ => rng.Chance(0.55) ? BillingInterval.Year : BillingInterval.Term,
        };
        var termMonths = interval == BillingInterval.Term ? (rng.Chance(0.6) ? 24 : 36) : 0;
        var seats = segment switch
        {
            Smb => Math.Min(8, 1 + rng.Geometric(0.45)),
            MidMarket => Math.Min(80, rng.Between(5, 15) + rng.Geometric(0.08)),
            _ => Math.Min(600, rng.Between(30, 80) + rng.Geometric(0.01)),
        };
        var discounted = rng.Chance(interval is BillingInterval.Year or BillingInterval.Term ? 0.35 : 0.12);
        decimal[] rates = [0.05m, 0.10m, 0.15m, 0.20m];
        return new Terms(level, interval, termMonths, seats, discounted ? rng.Pick(rates) : 0m, 1m);
    }

    private void RenewalAdjustments(ref Terms next, double h, DateTime at)
    {
        if (next.Interval == BillingInterval.Month)
        {
            if (rng.Chance(0.012 * h))
                next = next with { Interval = BillingInterval.Year };
            return;
        }
        if (next.Interval is not (BillingInterval.Year or BillingInterval.Term))
            return;
        if (rng.Chance(0.3))
            next = next with { PriceFactor = Math.Round(next.PriceFactor * 1.05m, 4) };
        if (rng.Chance(0.45))
        {
            var seats = Math.Max(1, (int)Math.Round(next.Seats * (1 + rng.Normal((h - 0.5) * 0.4, 0.12))));
            if (seats > next.Seats)
                seatAdds.Add(at);
            next = next with { Seats = seats };
        }
        if (next.Interval == BillingInterval.Term && rng.Chance(0.2))
            next = next with { Interval = BillingInterval.Year, TermMonths = 0 };
    }

    /// <summary>Seat additions and removals, upgrades and downgrades inside a period; monthly plans often switch at the next renewal instead.</summary>
    private void MaybeChange(string subscriptionId, DateTime monthStart, DateTime monthEnd, DateTime periodEnd, double h, ref Terms terms, ref DateTime rowStart, ref Terms? pending)
    {
        var seatAdd = (segment == Smb ? 0.015 : 0.035) * h;
        var seatRemove = terms.Seats > 1 ? 0.025 * (1 - h) : 0;
        var upgrade = terms.Level < 2 ? 0.006 * h : 0;
        var downgrade = terms.Level > 0 ? 0.007 * (1 - h) : 0;
        var r = rng.NextDouble();
        Terms changed;
        if (r < seatAdd)
            changed = terms with { Seats = terms.Seats + Math.Max(1, (int)Math.Round(terms.Seats * rng.Uniform(0.1, 0.4))) };
        else if ((r -= seatAdd) < seatRemove)
            changed = terms with { Seats = Math.Max(1, terms.Seats - Math.Max(1, (int)Math.Round(terms.Seats * rng.Uniform(0.1, 0.3)))) };
        else if ((r -= seatRemove) < upgrade)
            changed = terms with { Level = terms.Level + 1 };
        else if (r - upgrade < downgrade)
            changed = terms with { Level = terms.Level - 1 };
        else
            return;

        if (terms.Interval == BillingInterval.Month && rng.Chance(0.5))
        {
            pending = changed;
            return;
        }
        var day = DayBetween(monthStart, monthEnd).AddDays(1);
        if (day > rowStart && day < periodEnd && day < asOf)
            ApplyChange(subscriptionId, day, changed, periodEnd, ref terms, ref rowStart);
    }

    /// <summary>Ends the current row at <paramref name="day"/> and starts one with the new terms the same day, invoicing (or refunding) the prorated difference.</summary>
    private void ApplyChange(string subscriptionId, DateTime day, Terms changed, DateTime periodEnd, ref Terms terms, ref DateTime rowStart)
    {
        EmitRow(subscriptionId, rowStart, day, terms);
        var delta = MonthlyNet(changed) - MonthlyNet(terms);
        var remainingMonths = (decimal)((periodEnd - day).TotalDays / 30.4375);
        var prorated = Math.Round(Math.Abs(delta) * remainingMonths, 2);
        if (delta > 0)
            EmitInvoice(day, prorated, InvoiceKind.OneOff, changed.Level > terms.Level ? "upsell" : "add_on");
        else if (delta < 0 && rng.Chance(0.4))
            EmitInvoice(day, prorated, InvoiceKind.Refund, null);
        if (changed.Seats > terms.Seats)
            seatAdds.Add(day);
        rowStart = day;
        terms = changed;
    }

    /// <summary>An upsell or cross-sell offer; accepted upsells upgrade the plan (or add seats), the rest are one-off sales.</summary>
    private void MaybeOffer(string subscriptionId, DateTime monthStart, DateTime monthEnd, DateTime periodEnd, double h, ref Terms terms, ref DateTime rowStart)
    {
        if (!rng.Chance(0.02 * (0.3 + h) * (segment == Smb ? 0.6 : 1.2)))
            return;
        var presented = monthStart.AddSeconds(Math.Floor(rng.NextDouble() * (monthEnd - monthStart).TotalSeconds));
        if (presented >= asOf)
            return;
        var kind = rng.Chance(0.55) ? "upsell" : "cross_sell";
        DateTime? accepted = null;
        if (rng.Chance(0.15 + (0.5 * h)))
        {
            var days = Math.Min(rng.Uniform(1, 20), (periodEnd - presented).TotalDays * 0.9);
            var at = presented.AddSeconds(Math.Floor(days * 86400));
            if (days > 0.05 && at < asOf)
                accepted = at;
        }
        batch.OfferList.Add(new Offer(world.OfferIds.Next(), accountId, kind, presented, accepted));
        offersPresented.Add(presented);
        if (accepted is not { } yes)
            return;

        var day = yes.Date.AddDays(1);
        if (kind == "upsell" && terms.Interval != BillingInterval.Term && day > rowStart && day < periodEnd && day < asOf)
        {
            var changed = terms.Level < 2
                ? terms with { Level = terms.Level + 1 }
                : terms with { Seats = terms.Seats + Math.Max(1, terms.Seats / 4) };
            ApplyChange(subscriptionId, day, changed, periodEnd, ref terms, ref rowStart);
            return;
        }
        if (kind == "cross_sell" && rng.Chance(0.5))
        {
            acceptedCrossSells.Add(day);
            return;
        }
        var amount = kind == "upsell"
            ? MonthlyNet(terms) * (decimal)rng.Uniform(0.5, 3)
            : Vocabulary.PlanSeatPrice[terms.Level] * terms.Seats * (decimal)rng.Uniform(0.3, 2.5);
        EmitInvoice(yes.Date, Math.Round(amount, 2), InvoiceKind.OneOff, kind);
    }

    private void ContractServices(DateTime start)
    {
        if (segment == Smb || !rng.Chance(segment == MidMarket ? 0.45 : 0.85))
            return;
        var amount = segment == MidMarket ? rng.Uniform(1500, 6000) : rng.Uniform(8000, 30000);
        EmitInvoice(start, Math.Round((decimal)amount, 2), InvoiceKind.OneOff, "services");
    }

    private void RecurringInvoice(DateTime date, in Terms terms)
    {
        var net = Net(terms);
        EmitInvoice(date, net, InvoiceKind.Recurring, null);
        if (rng.Chance(0.012))
        {
            var refundDate = date.AddDays(rng.Between(2, 20));
            if (refundDate < asOf)
                EmitInvoice(refundDate, rng.Chance(0.5) ? net : Math.Round(net / 2, 2), InvoiceKind.Refund, null);
        }
    }

    private void EmitInvoice(DateTime date, decimal amount, InvoiceKind kind, string? category)
    {
        if (amount > 0 && date < asOf)
            batch.InvoiceList.Add(new Invoice(world.InvoiceIds.Next(), accountId, date, amount, kind, category));
    }

    private void EmitRow(string subscriptionId, DateTime start, DateTime? end, in Terms terms) =>
        batch.SubscriptionList.Add(new SubscriptionPeriod(
            subscriptionId, accountId, Vocabulary.Plans[terms.Level], start, end,
            SeatAmount(terms), terms.Interval, terms.Seats, Discount(terms), Vocabulary.Currency));

    private static int PeriodMonths(in Terms terms) => terms.Interval switch
    {
        BillingInterval.Month => 1,
        BillingInterval.Quarter => 3,
        BillingInterval.Year => 12,
        BillingInterval.Term => terms.TermMonths,
        _ => throw new InvalidOperationException($"The demo does not bill per {terms.Interval}."),
    };

    /// <summary>The price of one seat for one interval (or, for a term, the whole term): list price, less 5% quarterly, 15% yearly, 20% for a multi-year term.</summary>
    private static decimal SeatAmount(in Terms terms)
    {
        var monthly = Vocabulary.PlanSeatPrice[terms.Level] * terms.PriceFactor;
        return terms.Interval switch
        {
            BillingInterval.Month => Math.Round(monthly, 2),
            BillingInterval.Quarter => Math.Round(3 * monthly * 0.95m, 2),
            BillingInterval.Year => Math.Round(12 * monthly * 0.85m, 2),
            _ => Math.Round(terms.TermMonths * monthly * 0.80m, 2),
        };
    }

    private static decimal Discount(in Terms terms) => Math.Round(SeatAmount(terms) * terms.Seats * terms.DiscountRate, 2);

    private static decimal Net(in Terms terms) => (SeatAmount(terms) * terms.Seats) - Discount(terms);

    private static decimal MonthlyNet(in Terms terms) => Net(terms) / PeriodMonths(terms);

    /// <summary>Activity = trial and paying spans, joined when less than a month apart (a late renewal does not lock users out).</summary>
    private void MergeActivitySpans()
    {
        activitySpans.AddRange(payingSpans);
        activitySpans.Sort((a, b) => a.Start.CompareTo(b.Start));
        var merged = 0;
        for (var i = 1; i < activitySpans.Count; i++)
        {
            var current = activitySpans[merged];
            var next = activitySpans[i];
            if (next.Start <= current.End.AddDays(31))
                activitySpans[merged] = new Span(current.Start, Max(current.End, next.End), next.End >= current.End ? next.Ended : current.Ended);
            else
                activitySpans[++merged] = next;
        }
        if (activitySpans.Count > 0)
            activitySpans.RemoveRange(merged + 1, activitySpans.Count - merged - 1);
    }

    private void CountForCosts()
    {
        if (firstPaid is { } first && world.WindowMonthOf(first) is var m && m >= 0)
            world.NewInMonth[m]++;
        foreach (var span in payingSpans)
        {
            for (var month = 0; month < world.WindowMonths; month++)
            {
                var monthStart = world.WindowStart.AddMonths(month);
                if (monthStart >= span.Start && monthStart < span.End)
                    world.ActiveAtMonthStart[month]++;
            }
        }
    }
}

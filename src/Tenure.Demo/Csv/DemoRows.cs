using Tenure.Metrics.Inputs;

namespace Tenure.Demo.Csv;

/// <summary>
/// How the records of each kind in a <see cref="DemoBatch"/> become CSV rows: one part per kind,
/// in <see cref="InputKinds.All"/> order, writing the fields in the order of the kind's columns.
/// </summary>
internal static class DemoRows
{
    public static readonly (KindDescription Kind, Action<DemoBatch, CsvRowWriter> Write)[] Parts =
    [
        Part(InputKinds.Accounts, static (batch, w) =>
        {
            foreach (var a in batch.AccountList)
            {
                w.Text(a.AccountId);
                w.Text(a.Name);
                w.Instant(a.CreatedAt);
                w.Text(a.Segment);
                w.Text(a.Industry);
                w.Text(a.Plan);
                w.Text(a.Csm);
                w.Text(a.Region);
                w.Number(a.AcquisitionCost);
                w.Text(a.Currency);
                w.EndRow();
            }
        }),
        Part(InputKinds.Subscriptions, static (batch, w) =>
        {
            foreach (var s in batch.SubscriptionList)
            {
                w.Text(s.SubscriptionId);
                w.Text(s.AccountId);
                w.Text(s.Plan);
                w.Date(s.Start);
                w.Date(s.End);
                w.Number(s.Amount);
                w.Text(IntervalName(s.Interval));
                w.Number(s.Quantity);
                w.Number(s.Discount);
                w.Text(s.Currency);
                w.EndRow();
            }
        }),
        Part(InputKinds.Invoices, static (batch, w) =>
        {
            foreach (var i in batch.InvoiceList)
            {
                w.Text(i.InvoiceId);
                w.Text(i.AccountId);
                w.Date(i.Date);
                w.Number(i.Amount);
                w.Text(i.Kind switch { InvoiceKind.Recurring => "recurring", InvoiceKind.OneOff => "one_off", _ => "refund" });
                w.Text(i.Category);
                w.EndRow();
            }
        }),
        Part(InputKinds.Users, static (batch, w) =>
        {
            foreach (var u in batch.UserList)
            {
                w.Text(u.UserId);
                w.Text(u.AccountId);
                w.Instant(u.CreatedAt);
                w.Instant(u.DeactivatedAt);
                w.EndRow();
            }
        }),
        Part(InputKinds.Usage, static (batch, w) =>
        {
            foreach (var e in batch.UsageList)
            {
                w.Text(e.AccountId);
                w.Text(e.UserId);
                w.Instant(e.Timestamp);
                w.Text(e.Event);
                w.EndRow();
            }
        }),
        Part(InputKinds.Surveys, static (batch, w) =>
        {
            foreach (var r in batch.SurveyList)
            {
                w.Text(r.ResponseId);
                w.Text(r.Survey);
                w.Text(r.AccountId);
                w.Text(r.UserId);
                w.Number(r.Score);
                w.Text(r.Scale.Format());
                w.Text(r.Comment);
                w.Instant(r.SubmittedAt);
                w.Text(r.TicketId);
                w.EndRow();
            }
        }),
        Part(InputKinds.Tickets, static (batch, w) =>
        {
            foreach (var t in batch.TicketList)
            {
                w.Text(t.TicketId);
                w.Text(t.AccountId);
                w.Instant(t.CreatedAt);
                w.Instant(t.FirstResponseAt);
                w.Instant(t.ResolvedAt);
                w.Number(t.Contacts);
                w.Flag(t.Escalated);
                w.Text(t.Agent);
                w.Text(t.Channel);
                w.Text(t.Status);
                w.Flag(t.Blocked);
                w.Text(t.ParentTicketId);
                w.Flag(t.IsMajor);
                w.Number(t.HandleMinutes);
                w.Number(t.Reopens);
                w.Text(t.RequesterEmail);
                w.EndRow();
            }
        }),
        Part(InputKinds.Costs, static (batch, w) =>
        {
            foreach (var c in batch.CostList)
            {
                w.Date(c.Date);
                w.Number(c.Amount);
                w.Text(c.Kind == CostKind.Retention ? "retention" : "acquisition");
                w.Text(c.Category);
                w.EndRow();
            }
        }),
        Part(InputKinds.Offers, static (batch, w) =>
        {
            foreach (var o in batch.OfferList)
            {
                w.Text(o.OfferId);
                w.Text(o.AccountId);
                w.Text(o.Kind);
                w.Instant(o.PresentedAt);
                w.Instant(o.AcceptedAt);
                w.EndRow();
            }
        }),
        Part(InputKinds.Referrals, static (batch, w) =>
        {
            foreach (var r in batch.ReferralList)
            {
                w.Text(r.ReferralId);
                w.Text(r.AccountId);
                w.Date(r.Date);
                w.EndRow();
            }
        }),
        Part(InputKinds.Milestones, static (batch, w) =>
        {
            foreach (var m in batch.MilestoneList)
            {
                w.Text(m.AccountId);
                w.Text(m.Name);
                w.Instant(m.AchievedAt);
                w.EndRow();
            }
        }),
        Part(InputKinds.Programs, static (batch, w) =>
        {
            foreach (var p in batch.ProgramList)
            {
                w.Text(p.AccountId);
                w.Text(p.Program);
                w.Instant(p.JoinedAt);
                w.Instant(p.LeftAt);
                w.EndRow();
            }
        }),
        Part(InputKinds.Tasks, static (batch, w) =>
        {
            foreach (var t in batch.TaskList)
            {
                w.Text(t.TaskId);
                w.Text(t.Owner);
                w.Text(t.AccountId);
                w.Text(t.Category);
                w.Instant(t.CreatedAt);
                w.Instant(t.DueAt);
                w.Instant(t.CompletedAt);
                w.EndRow();
            }
        }),
        Part(InputKinds.Notes, static (batch, w) =>
        {
            foreach (var n in batch.NoteList)
            {
                w.Text(n.NoteId);
                w.Text(n.AccountId);
                w.Date(n.Date);
                w.Text(n.Source);
                w.Text(n.Text);
                w.EndRow();
            }
        }),
    ];

    private static (KindDescription Kind, Action<DemoBatch, CsvRowWriter> Write) Part(KindDescription kind, Action<DemoBatch, CsvRowWriter> write) =>
        (kind, write);

    private static string IntervalName(BillingInterval interval) => interval switch
    {
        BillingInterval.Day => "day",
        BillingInterval.Week => "week",
        BillingInterval.Month => "month",
        BillingInterval.Quarter => "quarter",
        BillingInterval.Year => "year",
        _ => "term",
    };
}

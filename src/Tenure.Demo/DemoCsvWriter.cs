using System.Diagnostics;

using Tenure.Demo.Csv;
using Tenure.Metrics.Inputs;

namespace Tenure.Demo;

/// <summary>Row counts of a written demo data set, per file name (accounts.csv, ...), in DESIGN.md order.</summary>
public sealed record DemoWriteSummary(string Directory, IReadOnlyList<(string FileName, long Rows)> Files, TimeSpan Elapsed)
{
    public long TotalRows => Files.Sum(f => f.Rows);

    public long RowsOf(string fileName) => Files.First(f => f.FileName == fileName).Rows;
}

/// <summary>
/// Writes a demo data set as the 14 CSV files of DESIGN.md (accounts.csv ... notes.csv), with a
/// header row of exactly the documented column names. Streams: one account's records at a time
/// go straight to the files, so memory stays flat however many accounts are generated.
/// </summary>
public static class DemoCsvWriter
{
    /// <summary>The header of each file, exactly as DESIGN.md's "Inputs" table names the columns.</summary>
    public static IReadOnlyList<string> Columns(InputKind kind) => kind switch
    {
        InputKind.Accounts => ["account_id", "name", "created_at", "segment", "industry", "plan", "csm", "region", "acquisition_cost", "currency"],
        InputKind.Subscriptions => ["subscription_id", "account_id", "plan", "start_date", "end_date", "amount", "interval", "quantity", "discount", "currency"],
        InputKind.Invoices => ["invoice_id", "account_id", "date", "amount", "kind", "category"],
        InputKind.Users => ["user_id", "account_id", "created_at", "deactivated_at"],
        InputKind.Usage => ["account_id", "user_id", "timestamp", "event"],
        InputKind.Surveys => ["response_id", "survey", "account_id", "user_id", "score", "scale", "comment", "submitted_at", "ticket_id"],
        InputKind.Tickets => ["ticket_id", "account_id", "created_at", "first_response_at", "resolved_at", "contacts", "escalated", "agent", "channel", "status", "blocked", "parent_ticket_id", "is_major", "handle_minutes"],
        InputKind.Costs => ["date", "amount", "kind", "category"],
        InputKind.Offers => ["offer_id", "account_id", "kind", "presented_at", "accepted_at"],
        InputKind.Referrals => ["referral_id", "account_id", "date"],
        InputKind.Milestones => ["account_id", "milestone", "achieved_at"],
        InputKind.Programs => ["account_id", "program", "joined_at", "left_at"],
        InputKind.Tasks => ["task_id", "owner", "account_id", "category", "created_at", "due_at", "completed_at"],
        InputKind.Notes => ["note_id", "account_id", "date", "source", "text"],
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Not a single input kind."),
    };

    /// <summary>
    /// Generates the data set of <paramref name="options"/> into <paramref name="directory"/>
    /// (created when missing; existing files of the same names are replaced).
    /// </summary>
    /// <param name="options">What to generate.</param>
    /// <param name="directory">Where the 14 files go.</param>
    /// <param name="progress">Told the number of accounts done, about a hundred times over the run.</param>
    public static DemoWriteSummary Write(DemoOptions options, string directory, IProgress<int>? progress = null)
    {
        var generator = new DemoDataGenerator(options);
        Directory.CreateDirectory(directory);
        var clock = Stopwatch.StartNew();
        var writers = new CsvRowWriter[InputKinds.All.Count];
        try
        {
            for (var k = 0; k < writers.Length; k++)
            {
                var (kind, fileName) = InputKinds.All[k];
                writers[k] = new CsvRowWriter(Path.Combine(directory, fileName));
                writers[k].Header(Columns(kind));
            }
            var files = new KindWriters(writers);
            foreach (var batch in generator.Batches(progress))
                files.Write(batch);
        }
        finally
        {
            foreach (var writer in writers)
                writer?.Dispose();
        }
        return new DemoWriteSummary(
            directory,
            InputKinds.All.Select((k, i) => (k.FileName, writers[i].Rows)).ToArray(),
            clock.Elapsed);
    }

    /// <summary>The writer of each kind, and how a record of that kind becomes a row.</summary>
    private sealed class KindWriters(CsvRowWriter[] writers)
    {
        private readonly CsvRowWriter accounts = writers[Index(InputKind.Accounts)];
        private readonly CsvRowWriter subscriptions = writers[Index(InputKind.Subscriptions)];
        private readonly CsvRowWriter invoices = writers[Index(InputKind.Invoices)];
        private readonly CsvRowWriter users = writers[Index(InputKind.Users)];
        private readonly CsvRowWriter usage = writers[Index(InputKind.Usage)];
        private readonly CsvRowWriter surveys = writers[Index(InputKind.Surveys)];
        private readonly CsvRowWriter tickets = writers[Index(InputKind.Tickets)];
        private readonly CsvRowWriter costs = writers[Index(InputKind.Costs)];
        private readonly CsvRowWriter offers = writers[Index(InputKind.Offers)];
        private readonly CsvRowWriter referrals = writers[Index(InputKind.Referrals)];
        private readonly CsvRowWriter milestones = writers[Index(InputKind.Milestones)];
        private readonly CsvRowWriter programs = writers[Index(InputKind.Programs)];
        private readonly CsvRowWriter tasks = writers[Index(InputKind.Tasks)];
        private readonly CsvRowWriter notes = writers[Index(InputKind.Notes)];

        private static int Index(InputKind kind)
        {
            for (var i = 0; i < InputKinds.All.Count; i++)
            {
                if (InputKinds.All[i].Kind == kind)
                    return i;
            }
            throw new ArgumentOutOfRangeException(nameof(kind));
        }

        public void Write(DemoBatch batch)
        {
            foreach (var a in batch.AccountList)
            {
                accounts.Text(a.AccountId);
                accounts.Text(a.Name);
                accounts.Instant(a.CreatedAt);
                accounts.Text(a.Segment);
                accounts.Text(a.Industry);
                accounts.Text(a.Plan);
                accounts.Text(a.Csm);
                accounts.Text(a.Region);
                accounts.Number(a.AcquisitionCost);
                accounts.Text(a.Currency);
                accounts.EndRow();
            }
            foreach (var s in batch.SubscriptionList)
            {
                subscriptions.Text(s.SubscriptionId);
                subscriptions.Text(s.AccountId);
                subscriptions.Text(s.Plan);
                subscriptions.Date(s.Start);
                subscriptions.Date(s.End);
                subscriptions.Number(s.Amount);
                subscriptions.Text(IntervalName(s.Interval));
                subscriptions.Number(s.Quantity);
                subscriptions.Number(s.Discount);
                subscriptions.Text(s.Currency);
                subscriptions.EndRow();
            }
            foreach (var i in batch.InvoiceList)
            {
                invoices.Text(i.InvoiceId);
                invoices.Text(i.AccountId);
                invoices.Date(i.Date);
                invoices.Number(i.Amount);
                invoices.Text(i.Kind switch { InvoiceKind.Recurring => "recurring", InvoiceKind.OneOff => "one_off", _ => "refund" });
                invoices.Text(i.Category);
                invoices.EndRow();
            }
            foreach (var u in batch.UserList)
            {
                users.Text(u.UserId);
                users.Text(u.AccountId);
                users.Instant(u.CreatedAt);
                users.Instant(u.DeactivatedAt);
                users.EndRow();
            }
            foreach (var e in batch.UsageList)
            {
                usage.Text(e.AccountId);
                usage.Text(e.UserId);
                usage.Instant(e.Timestamp);
                usage.Text(e.Event);
                usage.EndRow();
            }
            foreach (var r in batch.SurveyList)
            {
                surveys.Text(r.ResponseId);
                surveys.Text(r.Survey);
                surveys.Text(r.AccountId);
                surveys.Text(r.UserId);
                surveys.Number(r.Score);
                surveys.Text(r.Scale.Format());
                surveys.Text(r.Comment);
                surveys.Instant(r.SubmittedAt);
                surveys.Text(r.TicketId);
                surveys.EndRow();
            }
            foreach (var t in batch.TicketList)
            {
                tickets.Text(t.TicketId);
                tickets.Text(t.AccountId);
                tickets.Instant(t.CreatedAt);
                tickets.Instant(t.FirstResponseAt);
                tickets.Instant(t.ResolvedAt);
                tickets.Number(t.Contacts);
                tickets.Flag(t.Escalated);
                tickets.Text(t.Agent);
                tickets.Text(t.Channel);
                tickets.Text(t.Status);
                tickets.Flag(t.Blocked);
                tickets.Text(t.ParentTicketId);
                tickets.Flag(t.IsMajor);
                tickets.Number(t.HandleMinutes);
                tickets.EndRow();
            }
            foreach (var c in batch.CostList)
            {
                costs.Date(c.Date);
                costs.Number(c.Amount);
                costs.Text(c.Kind == CostKind.Retention ? "retention" : "acquisition");
                costs.Text(c.Category);
                costs.EndRow();
            }
            foreach (var o in batch.OfferList)
            {
                offers.Text(o.OfferId);
                offers.Text(o.AccountId);
                offers.Text(o.Kind);
                offers.Instant(o.PresentedAt);
                offers.Instant(o.AcceptedAt);
                offers.EndRow();
            }
            foreach (var r in batch.ReferralList)
            {
                referrals.Text(r.ReferralId);
                referrals.Text(r.AccountId);
                referrals.Date(r.Date);
                referrals.EndRow();
            }
            foreach (var m in batch.MilestoneList)
            {
                milestones.Text(m.AccountId);
                milestones.Text(m.Name);
                milestones.Instant(m.AchievedAt);
                milestones.EndRow();
            }
            foreach (var p in batch.ProgramList)
            {
                programs.Text(p.AccountId);
                programs.Text(p.Program);
                programs.Instant(p.JoinedAt);
                programs.Instant(p.LeftAt);
                programs.EndRow();
            }
            foreach (var t in batch.TaskList)
            {
                tasks.Text(t.TaskId);
                tasks.Text(t.Owner);
                tasks.Text(t.AccountId);
                tasks.Text(t.Category);
                tasks.Instant(t.CreatedAt);
                tasks.Instant(t.DueAt);
                tasks.Instant(t.CompletedAt);
                tasks.EndRow();
            }
            foreach (var n in batch.NoteList)
            {
                notes.Text(n.NoteId);
                notes.Text(n.AccountId);
                notes.Date(n.Date);
                notes.Text(n.Source);
                notes.Text(n.Text);
                notes.EndRow();
            }
        }

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
}

using System.Collections.Frozen;

using Tenure.Metrics.Alerts;
using Tenure.Metrics.Catalogue;
using Tenure.Metrics.Engine;
using Tenure.Metrics.Health;
using Tenure.Metrics.Inputs;
using Tenure.Metrics.Periods;
using Tenure.Metrics.Playbooks;
using Tenure.Storage.Alerts;
using Tenure.Storage.Webhooks;
using Tenure.Storage.Work;
using Tenure.Testing;

namespace Tenure.Storage.Tests;

public sealed class WorkStoreTests(PostgresServer server)
{
    static CancellationToken Token => TestContext.Current.CancellationToken;

    static DateTime D(int year, int month, int day, int hour = 0) => new(year, month, day, hour, 0, 0, DateTimeKind.Utc);

    static readonly DateTime Now = new(2026, 12, 1, 10, 0, 0, 700, DateTimeKind.Utc);

    /// <summary>X1 (csm ann) paying 100 a month since 2026-01-01, X2 (csm bob); tasks.csv: k1 done, k2 open and overdue.</summary>
    static TenureDataSet Imported() => new()
    {
        Accounts = [new("X1", "Acme", D(2026, 1, 1), Csm: "ann"), new("X2", "Globex", D(2026, 1, 1), Csm: "bob")],
        Subscriptions = [new("s1", "X1", "pro", D(2026, 1, 1), null, 100m, BillingInterval.Month)],
        Tasks =
        [
            new("k1", "ann", "X1", "onboarding", D(2026, 11, 1), D(2026, 11, 10), D(2026, 11, 5)),
            new("k2", "bob", "X2", null, D(2026, 11, 2), D(2026, 11, 20)),
        ],
        Present = InputKind.Accounts | InputKind.Subscriptions | InputKind.Tasks,
    };

    static async Task<TestDatabase> WithAccountsAsync(DatabaseProvider provider, PostgresServer server)
    {
        var test = await TestDatabase.CreateAsync(provider, server);
        await DataSetImporter.ImportAsync(test.Database, "acme", Imported(), cancellationToken: Token);
        await DataSetImporter.ImportAsync(test.Database, "other", new TenureDataSet
        {
            Accounts = [new("Z9", "Elsewhere", D(2026, 1, 1), Csm: "zed")],
            Present = InputKind.Accounts,
        }, cancellationToken: Token);
        return test;
    }

    [Theory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task CreateAsync_WithoutOwner_GoesToTheAccountsCsmAndWritesTaskCreated(DatabaseProvider provider)
    {
        await using var test = await WithAccountsAsync(provider, server);
        await Webhooks.Webhooks.AddAsync(test.Database, "acme", "https://hooks.example.com/t", "0123456789abcdef", "task.created", Token);
        var before = await StoredData.DataVersionAsync(test.Database, "acme", Token);

        var task = await TaskStore.CreateAsync(test.Database, "acme", new NewTask("X1", "  Call the sponsor ", DueAt: D(2026, 12, 5), CreatedBy: "ann@example.com"), Now, Token);

        Assert.Equal(new TaskRecord(1, "acme", "X1", "Call the sponsor", "ann", null, D(2026, 12, 1, 10), "ann@example.com", D(2026, 12, 5), null, null, null), task);
        Assert.Equal(before + 1, await StoredData.DataVersionAsync(test.Database, "acme", Token));
        var delivery = Assert.Single(await Webhooks.Webhooks.DueAsync(test.Database, Now.AddMinutes(1), cancellationToken: Token));
        Assert.Equal(
            $$$"""{"id":"{{{delivery.Id}}}","event":"task.created","occurred_at":"2026-12-01T10:00:00Z","tenant":"acme","data":{"id":1,"account_id":"X1","title":"Call the sponsor","owner":"ann","category":null,"status":"open","created_at":"2026-12-01T10:00:00Z","created_by":"ann@example.com","due_at":"2026-12-05T00:00:00Z","completed_at":null,"completed_by":null,"alert_id":null}}""",
            delivery.Body);
    }

    public static TheoryData<NewTask, string, string> BadTasks => new()
    {
        { new NewTask("X1", "   "), "title", "required" },
        { new NewTask("X1", new string('x', 10_241)), "title", "10241 characters is too long: at most 200" },
        { new NewTask("X1", "two\nlines"), "title", "one line" },
        { new NewTask("X1", "ok", DueAt: new DateTime(9999, 12, 31, 0, 0, 0, DateTimeKind.Utc)), "due_at", "9999-12-31 is not a plausible due date" },
        { new NewTask("X1", "ok", DueAt: new DateTime(1899, 12, 31, 0, 0, 0, DateTimeKind.Utc)), "due_at", "1899-12-31 is not a plausible due date" },
        { new NewTask("NOPE", "ok"), "account_id", "workspace acme has no account 'NOPE'" },
        { new NewTask("Z9", "another tenant's account"), "account_id", "workspace acme has no account 'Z9'" },
        { new NewTask(null, "ok"), "account_id", "required" },
        { new NewTask("X1", "ok", Owner: new string('o', 101)), "owner", "at most 100" },
    };

    [Theory]
    [MemberData(nameof(BadTasks))]
    public async Task CreateAsync_BadInput_RefusedNamingTheFieldAndNothingSaved(NewTask bad, string field, string message)
    {
        await using var test = await WithAccountsAsync(DatabaseProvider.Sqlite, server);
        var version = await StoredData.DataVersionAsync(test.Database, "acme", Token);

        var e = await Assert.ThrowsAsync<WorkInputException>(() => TaskStore.CreateAsync(test.Database, "acme", bad, Now, Token));

        Assert.Equal(field, e.Field);
        Assert.Contains(message, e.Message, StringComparison.Ordinal);
        Assert.StartsWith(field + ": ", e.Message, StringComparison.Ordinal);
        Assert.Empty(await TaskStore.ListAsync(test.Database, "acme", TaskStatusFilter.All, cancellationToken: Token));
        Assert.Equal(version, await StoredData.DataVersionAsync(test.Database, "acme", Token));
    }

    [Theory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task CompleteAsync_Twice_TheFirstCompletionStands(DatabaseProvider provider)
    {
        await using var test = await WithAccountsAsync(provider, server);
        var task = await TaskStore.CreateAsync(test.Database, "acme", new NewTask("X2", "Renewal call"), Now, Token);

        var first = await TaskStore.CompleteAsync(test.Database, "acme", task.Id, Now.AddHours(2), "bob@example.com", Token);
        var second = await TaskStore.CompleteAsync(test.Database, "acme", task.Id, Now.AddHours(5), "ann@example.com", Token);
        var elsewhere = await TaskStore.CompleteAsync(test.Database, "other", task.Id, Now, "zed", Token);

        Assert.True(first!.Value.Changed);
        Assert.False(second!.Value.Changed);
        Assert.Equal((D(2026, 12, 1, 12), "bob@example.com"), (second.Value.Task.CompletedAt, second.Value.Task.CompletedBy));
        Assert.Null(elsewhere); // another tenant cannot see (or complete) it
    }

    [Theory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task UpdateAndComment_AssignAndDiscuss_KeptInOrder(DatabaseProvider provider)
    {
        await using var test = await WithAccountsAsync(provider, server);
        var task = await TaskStore.CreateAsync(test.Database, "acme", new NewTask("X1", "QBR deck"), Now, Token);

        var assigned = await TaskStore.AssignAsync(test.Database, "acme", task.Id, "carl", Now, Token);
        await TaskStore.CommentAsync(test.Database, "acme", task.Id, "ann@example.com", "Draft is in the shared folder.", Now, Token);
        await TaskStore.CommentAsync(test.Database, "acme", task.Id, "carl@example.com", "Reviewed.\nTwo charts to fix.", Now.AddHours(1), Token);
        await Assert.ThrowsAsync<WorkInputException>(() => TaskStore.CommentAsync(test.Database, "acme", task.Id, "x", " ", Now, Token));
        var missing = await TaskStore.CommentAsync(test.Database, "other", task.Id, "zed", "hello", Now, Token);

        Assert.Equal("carl", assigned!.Owner);
        var (stored, comments) = (await TaskStore.GetAsync(test.Database, "acme", task.Id, Token))!.Value;
        Assert.Equal("carl", stored.Owner);
        Assert.Equal(["Draft is in the shared folder.", "Reviewed.\nTwo charts to fix."], comments.Select(c => c.Text));
        Assert.Null(missing);
        Assert.Equal(["QBR deck"], (await TaskStore.ListAsync(test.Database, "acme", owner: "carl", cancellationToken: Token)).Select(t => t.Title));
    }

    [Theory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task OpenDueForOwnerAsync_OverdueFirst_WithoutCompletedOrUndatedOrOthers(DatabaseProvider provider)
    {
        await using var test = await WithAccountsAsync(provider, server);
        await TaskStore.CreateAsync(test.Database, "acme", new NewTask("X1", "later", DueAt: D(2026, 12, 6)), Now, Token);
        await TaskStore.CreateAsync(test.Database, "acme", new NewTask("X1", "overdue", DueAt: D(2026, 11, 28)), Now, Token);
        await TaskStore.CreateAsync(test.Database, "acme", new NewTask("X1", "undated"), Now, Token);
        await TaskStore.CreateAsync(test.Database, "acme", new NewTask("X1", "next month", DueAt: D(2027, 1, 15)), Now, Token);
        await TaskStore.CreateAsync(test.Database, "acme", new NewTask("X2", "bob's", DueAt: D(2026, 12, 2)), Now, Token);
        var done = await TaskStore.CreateAsync(test.Database, "acme", new NewTask("X1", "done", DueAt: D(2026, 12, 2)), Now, Token);
        await TaskStore.CompleteAsync(test.Database, "acme", done.Id, Now, "ann", Token);

        var due = await TaskStore.OpenDueForOwnerAsync(test.Database, "acme", "ann", D(2026, 12, 8), Token);

        Assert.Equal(["overdue", "later"], due.Select(t => t.Title));
        Assert.True(due[0].IsOverdueAt(Now));
        Assert.False(due[1].IsOverdueAt(Now));
    }

    [Theory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task Playbook_AlertOpens_CreatesItsTasksOnceInTheSameTransaction(DatabaseProvider provider)
    {
        await using var test = await WithAccountsAsync(provider, server);
        await Webhooks.Webhooks.AddAsync(test.Database, "acme", "https://hooks.example.com/t", "0123456789abcdef", null, Token);
        var playbooks = new Dictionary<string, Playbook>
        {
            [AlertRule.HealthRed] = new(AlertRule.HealthRed, "Rescue",
            [
                new("Call the sponsor", 2, TaskOwner.Csm, "rescue"),
                new("Executive review", 7, new TaskOwner(TaskOwnerKind.User, "vp"), null),
            ]),
        };
        AlertEvaluation Evaluation(DateTime now) => new(now,
            [new(AlertRule.HealthRed, "X1", "ann", "health 31.0 (red)"), new(AlertRule.Detractor, "X2", "bob", "NPS 2")],
            new HashSet<string>(AlertRules.All.Select(r => r.Id)), new Dictionary<string, string>())
        { Playbooks = playbooks };

        var first = await AlertStore.ApplyAsync(test.Database, "acme", Evaluation(Now), Token);
        await AlertStore.ApplyAsync(test.Database, "acme", Evaluation(Now.AddHours(1)), Token); // re-evaluation: still open
        await AlertStore.ApplyAsync(test.Database, "acme", Evaluation(Now.AddHours(2)), Token);

        var red = Assert.Single(first.Opened, a => a.Rule == AlertRule.HealthRed);
        var tasks = await TaskStore.ListAsync(test.Database, "acme", TaskStatusFilter.All, cancellationToken: Token);
        // Due 2 and 7 days after the alert opened at 10:00:00 (whole seconds); the detractor rule has no playbook.
        Assert.Equal(
            [
                new TaskRecord(1, "acme", "X1", "Call the sponsor", "ann", "rescue", D(2026, 12, 1, 10), "playbook:health-red", D(2026, 12, 3, 10), null, null, red.Id),
                new TaskRecord(2, "acme", "X1", "Executive review", "vp", null, D(2026, 12, 1, 10), "playbook:health-red", D(2026, 12, 8, 10), null, null, red.Id),
            ],
            tasks);
        var events = (await Webhooks.Webhooks.DueAsync(test.Database, Now.AddHours(3), cancellationToken: Token)).Select(d => d.Event).Order(StringComparer.Ordinal);
        Assert.Equal(["alert.opened", "alert.opened", "task.created", "task.created"], events);
    }

    [Fact]
    public void PlaybookJson_BadPlaybooks_RefusedNamingTheField()
    {
        static string Refused(string playbooks) =>
            Assert.Throws<AlertSettingsException>(() => AlertSettingsJson.Parse($$"""{"playbooks": {{playbooks}}}""")).Message;

        Assert.Equal("alerts.json: playbooks.helth-red: unknown rule 'helth-red' (known rules: health-red, health-drop, detractor, renewal-risk, usage-drop, churn-risk, escalation)",
            Refused("""{"helth-red": {"tasks": [{"title": "x", "due_in_days": 1}]}}"""));
        Assert.Equal("alerts.json: playbooks.health-red.tasks[0].due_in_days: -1 is impossible: must be from 0 to 365 days after the alert opens",
            Refused("""{"health-red": {"tasks": [{"title": "x", "due_in_days": -1}]}}"""));
        Assert.Equal("alerts.json: playbooks.health-red.tasks[1].due_in_days: 100000 is impossible: must be from 0 to 365 days after the alert opens",
            Refused("""{"health-red": {"tasks": [{"title": "x", "due_in_days": 1}, {"title": "y", "due_in_days": 100000}]}}"""));
        Assert.Equal("alerts.json: playbooks.health-red.tasks[0].owner: 'manager' is not an owner kind (expected \"csm\" for the account's CSM or \"user:NAME\" for a named user)",
            Refused("""{"health-red": {"tasks": [{"title": "x", "due_in_days": 1, "owner": "manager"}]}}"""));
        Assert.Equal("alerts.json: playbooks.health-red.tasks[0].title: must not be empty",
            Refused("""{"health-red": {"tasks": [{"title": " ", "due_in_days": 1}]}}"""));
        Assert.Equal("alerts.json: playbooks.health-red.tasks: 0 tasks: a playbook has 1 to 20",
            Refused("""{"health-red": {"tasks": []}}"""));
        Assert.Equal("alerts.json: playbooks.health-red.tasks[0].due: unknown field (expected one of title, due_in_days, owner, category)",
            Refused("""{"health-red": {"tasks": [{"title": "x", "due": 1}]}}"""));
    }

    [Theory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task SetAsync_Playbooks_RoundTripThroughTheWorkspaceSetting_AndBadOnesSaveNothing(DatabaseProvider provider)
    {
        await using var test = await TestDatabase.CreateAsync(provider, server);
        const string Json = """{"playbooks": {"detractor": {"name": "Detractor call", "tasks": [{"title": "Call back within a day", "due_in_days": 1, "owner": "user:ann", "category": "recovery"}]}}}""";

        await AlertSettingsStore.SetAsync(test.Database, "acme", Json, cancellationToken: Token);
        await Assert.ThrowsAsync<AlertSettingsException>(() => AlertSettingsStore.SetAsync(test.Database, "acme",
            """{"playbooks": {"detractor": {"tasks": [{"title": "x", "due_in_days": 1, "owner": "team:x"}]}}}""", cancellationToken: Token));

        var stored = await AlertSettingsStore.GetAsync(test.Database, "acme", Token);
        var playbook = stored.Playbooks[AlertRule.Detractor];
        Assert.Equal("Detractor call", playbook.Name);
        Assert.Equal(new PlaybookTask("Call back within a day", 1, new TaskOwner(TaskOwnerKind.User, "ann"), "recovery"), Assert.Single(playbook.Tasks));
        Assert.Equal(AlertSettings.Default.Rules.ToFrozenDictionary(), stored.Rules.ToFrozenDictionary());
    }

    [Theory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task WorkMetrics_CountImportedAndOwnTasks(DatabaseProvider provider)
    {
        await using var test = await WithAccountsAsync(provider, server);
        var t1 = await TaskStore.CreateAsync(test.Database, "acme", new NewTask("X1", "Rescue call", Category: "rescue", DueAt: D(2026, 12, 5)), Now, Token);
        await TaskStore.CreateAsync(test.Database, "acme", new NewTask("X2", "Renewal prep", DueAt: D(2026, 12, 3)), Now, Token);
        await TaskStore.CreateAsync(test.Database, "acme", new NewTask("X1", "Undated"), Now, Token);
        await TaskStore.CompleteAsync(test.Database, "acme", t1.Id, D(2026, 12, 2, 9), "ann", Token);

        var data = await StoredData.LoadAsync(test.Database, "acme", Token);
        var results = MetricEngine.Compute(data, new MetricRequest(D(2026, 11, 1), D(2027, 1, 1), Granularity.Month, SegmentBy.Csm, ["tasks-completed", "overdue-tasks"]));
        MetricValue Value(string metric, int month, string segment = "all") =>
            results.Single(r => r.Metric == metric && r.Period.Start == D(2026, month, 1) && r.Segment == segment).Value;

        Assert.Equal(["k1", "k2", "tenure-task-1", "tenure-task-2", "tenure-task-3"], data.Tasks.Select(t => t.TaskId));
        // tasks-completed: November k1 (imported, 5 Nov) = 1; December tenure-task-1 (own, 2 Dec, category rescue) = 1, ann's.
        Assert.Equal(1m, Value("tasks-completed", 11).Value);
        Assert.Equal(1m, Value("tasks-completed", 12).Value);
        Assert.Equal(1m, Value("tasks-completed", 12).Breakdown!["rescue"]);
        Assert.Equal(1m, Value("tasks-completed", 12, "csm=ann").Value);
        // overdue-tasks at the close of November (1 Dec 00:00): k2 (due 20 Nov, open) = 1; the own tasks were created after it.
        // At the close of December (1 Jan): k2 + tenure-task-2 (due 3 Dec, open) = 2, both bob's; task 1 was completed, task 3 has no due date.
        Assert.Equal(1m, Value("overdue-tasks", 11).Value);
        Assert.Equal(2m, Value("overdue-tasks", 12).Value);
        Assert.Equal(2m, Value("overdue-tasks", 12, "csm=bob").Value);
        Assert.Equal(0m, Value("overdue-tasks", 12, "csm=ann").Value);
    }

    [Theory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task Notes_FeedTheDataSetAndTheEngagementFactor(DatabaseProvider provider)
    {
        await using var test = await WithAccountsAsync(provider, server);
        var note = await NoteStore.AddAsync(test.Database, "acme", "X1", "Sponsor is happy with the rollout.", "ann@example.com", Now, "call", Token);
        await Assert.ThrowsAsync<WorkInputException>(() => NoteStore.AddAsync(test.Database, "acme", "Z9", "not ours", "ann", Now, cancellationToken: Token));
        await Assert.ThrowsAsync<WorkInputException>(() => NoteStore.AddAsync(test.Database, "acme", "X1", new string('n', 8001), "ann", Now, cancellationToken: Token));

        var data = await StoredData.LoadAsync(test.Database, "acme", Token);
        Assert.Equal(new Note("tenure-note-1", "X1", D(2026, 12, 1, 10), "call", "Sponsor is happy with the rollout."), Assert.Single(data.Notes));
        Assert.True(data.Has(InputKind.Notes)); // notes.csv was never imported: the own note makes the kind present
        Assert.Equal(["Sponsor is happy with the rollout."], (await NoteStore.ListAsync(test.Database, "acme", "X1", cancellationToken: Token)).Select(n => n.Text));
        Assert.Equal(note.Id, Assert.Single(await NoteStore.ListAsync(test.Database, "acme", cancellationToken: Token)).Id);

        // Engagement 45 days after the note (the latest touch; k1's completion on 5 Nov is older): lin(45; 90, 30)
        // = (90 - 45) / (90 - 30) x 100 = 75 points.
        var at = D(2027, 1, 15, 10);
        var x1 = HealthScores.At(HealthData.Of(data), HealthModel.Default, at).Single(a => a.AccountId == "X1");
        var engagement = x1.Factors.Single(f => f.Factor == HealthFactor.Engagement);
        Assert.Equal((45m, 75m), (engagement.Value, engagement.Points));
    }
}

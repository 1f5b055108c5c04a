using Tenure.Metrics.Inputs;
using Tenure.Storage.Surveys;
using Tenure.Storage.Webhooks;
using Tenure.Testing;

namespace Tenure.Storage.Tests;

/// <summary>Surveys, their signed links, answers and sends (docs/surveys.md), on both providers, at a fixed now.</summary>
public sealed class SurveyStorageTests(PostgresServer server)
{
    static CancellationToken Token => TestContext.Current.CancellationToken;

    static readonly DateTime Now = new(2026, 12, 1, 10, 0, 0, DateTimeKind.Utc);

    sealed class FixedClock(DateTime now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => new(now);
    }

    /// <summary>The test database opened again with its clock at <paramref name="now"/>.</summary>
    static TenureDatabase At(TestDatabase test, DateTime now) => TenureDatabase.Open(test.Database.Location, new FixedClock(now));

    static async Task<TenureDatabase> WithAccountsAsync(TestDatabase test, DateTime now)
    {
        var database = At(test, now);
        await DataSetImporter.ImportAsync(database, "acme", new TenureDataSet
        {
            Accounts = [new Account("A1", "Alpha", new DateTime(2024, 1, 1, 0, 0, 0, DateTimeKind.Utc), Csm: "ann"), new Account("B1", "Beta", new DateTime(2024, 1, 1, 0, 0, 0, DateTimeKind.Utc))],
            Present = InputKind.Accounts,
        }, cancellationToken: Token);
        return database;
    }

    [Theory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task CreateAsync_DefaultsAndRules(DatabaseProvider provider)
    {
        await using var test = await TestDatabase.CreateAsync(provider, server);
        await using var database = At(test, Now);

        var nps = await SurveyStore.CreateAsync(database, "acme", new SurveyRequest("NPS", "Quarterly NPS", AllowedOrigins: ["https://App.Example.com/", "http://localhost:8080"],
            Translations: new Dictionary<string, SurveyTexts> { ["de"] = new("Wie wahrscheinlich ...?", null) }), Token);
        var nope = await Assert.ThrowsAsync<SurveyException>(() => SurveyStore.CreateAsync(database, "acme", new SurveyRequest("nps", "x", Scale: "1-5"), Token));
        var ces = await Assert.ThrowsAsync<SurveyException>(() => SurveyStore.CreateAsync(database, "acme", new SurveyRequest("ces", "x", Scale: "0-10"), Token));
        var type = await Assert.ThrowsAsync<SurveyException>(() => SurveyStore.CreateAsync(database, "acme", new SurveyRequest("ces2", "x"), Token));
        var origin = await Assert.ThrowsAsync<SurveyException>(() => SurveyStore.CreateAsync(database, "acme", new SurveyRequest("csat", "x", AllowedOrigins: ["https://a.example/app"]), Token));
        var faces = await SurveyStore.CreateAsync(database, "acme", new SurveyRequest("csat", "Support CSAT", Scale: "faces", ThrottleDays: 0, AfterTickets: true), Token);

        Assert.Equal(("nps", "0-10", 90, "active"), (nps.Type, nps.Scale, nps.ThrottleDays, nps.Status));
        Assert.Equal("How likely are you to recommend us to a friend or colleague?", nps.Question);
        Assert.Equal("Help us by explaining your score.", nps.FollowUp);
        Assert.Equal(["https://app.example.com", "http://localhost:8080"], nps.AllowedOrigins);
        Assert.Equal(("Wie wahrscheinlich ...?", "Help us by explaining your score."), nps.TextsIn("de-CH"));
        Assert.StartsWith("scale: '1-5' is not allowed: an nps survey must be on 0-10", nope.Message);
        Assert.StartsWith("scale: '0-10' is not allowed: a ces survey must be on 1-7", ces.Message);
        Assert.Equal("type: 'ces2' is not a survey type; use nps, csat or ces.", type.Message);
        Assert.StartsWith("allowed-origins: 'https://a.example/app' is not an origin", origin.Message);
        Assert.Equal((Scale.OneToFive, true), (faces.StoredScale, faces.Faces));
        Assert.Equal(new[] { nps.Id, faces.Id }.Order(StringComparer.Ordinal), (await SurveyStore.ListAsync(database, "acme", Token)).Select(s => s.Id)); // same created_at: by id
        Assert.Equal("paused", (await SurveyStore.SetActiveAsync(database, "acme", nps.Id, false, Token))!.Status);
    }

    [Fact]
    public void SurveyToken_SignedTamperedExpired()
    {
        var key = Enumerable.Range(0, 32).Select(i => (byte)i).ToArray();
        var payload = new SurveyTokenPayload(SurveyTokenPurpose.Link, "acme", "srv_1", "A1", "u1", "T9", Now.AddDays(30), "n1");
        var token = SurveyToken.Sign(payload, key);
        var dot = token.IndexOf('.', StringComparison.Ordinal);
        var otherPayload = SurveyToken.Sign(payload with { AccountId = "B1" }, key);
        var spliced = otherPayload[..otherPayload.IndexOf('.', StringComparison.Ordinal)] + token[dot..]; // B1's claims under A1's signature
        var flipped = token[..^1] + (token[^1] == 'A' ? 'B' : 'A');

        Assert.Equal((payload, SurveyTokenProblem.None), SurveyToken.Verify(token, key, SurveyTokenPurpose.Link, Now));
        Assert.Equal(SurveyTokenProblem.BadSignature, SurveyToken.Verify(spliced, key, SurveyTokenPurpose.Link, Now).Problem);
        Assert.Equal(SurveyTokenProblem.BadSignature, SurveyToken.Verify(flipped, key, SurveyTokenPurpose.Link, Now).Problem);
        Assert.Equal(SurveyTokenProblem.BadSignature, SurveyToken.Verify(token, new byte[32], SurveyTokenPurpose.Link, Now).Problem);
        Assert.Equal(SurveyTokenProblem.WrongPurpose, SurveyToken.Verify(token, key, SurveyTokenPurpose.User, Now).Problem);
        // Valid up to, not at, its expiry.
        Assert.Equal(SurveyTokenProblem.None, SurveyToken.Verify(token, key, SurveyTokenPurpose.Link, Now.AddDays(30).AddSeconds(-1)).Problem);
        Assert.Equal(SurveyTokenProblem.Expired, SurveyToken.Verify(token, key, SurveyTokenPurpose.Link, Now.AddDays(30)).Problem);
        foreach (var bad in new[] { "", "abc", "a.b.c", "!!!.???", new string('a', SurveyToken.MaxLength + 1) })
            Assert.Equal(SurveyTokenProblem.Malformed, SurveyToken.Verify(bad, key, SurveyTokenPurpose.Link, Now).Problem);
    }

    [Theory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task Link_AnsweredTwiceThenCommented_OneResponseAndAClosedSend(DatabaseProvider provider)
    {
        await using var test = await TestDatabase.CreateAsync(provider, server);
        await using var database = await WithAccountsAsync(test, Now);
        var survey = await SurveyStore.CreateAsync(database, "acme", new SurveyRequest("nps", "Quarterly NPS"), Token);
        await Webhooks.Webhooks.AddAsync(database, "acme", "https://hooks.example/tenure", "0123456789abcdef", "survey.answered", Token);
        var send = await SurveySends.CreateLinkAsync(database, "acme", survey.Id, "A1", "u1", "T9", cancellationToken: Token);
        var open = await SurveySends.CheckLinkAsync(database, send.Token, Token);
        var source = new AnswerSource("A1", "u1", "T9", send.Id, SurveySends.Link);
        var versionBefore = await StoredData.DataVersionAsync(database, "acme", Token);
        var told = new List<StoredChange>();

        var first = await SurveyAnswers.ScoreAsync(database, survey, source, 3, told.Add, Token);
        var again = await SurveyAnswers.ScoreAsync(database, survey, source, 10, told.Add, Token);
        var commented = await SurveyAnswers.CommentAsync(database, survey, source, again.ResponseId, "<script>alert(1)</script> great", close: true, told.Add, Token);
        var closed = await SurveySends.CheckLinkAsync(database, send.Token, Token);
        var data = await StoredData.LoadAsync(database, "acme", Token);

        Assert.Equal(LinkStatus.Open, open.Status);
        Assert.Equal(first.ResponseId, again.ResponseId);
        Assert.Equal(LinkStatus.Closed, closed.Status);
        var response = Assert.Single(data.Surveys);
        Assert.Equal(new SurveyResponse(first.ResponseId, "nps", "A1", "u1", 10, Scale.ZeroToTen, "<script>alert(1)</script> great", Now, "T9"), response);
        Assert.Equal([new SurveySend(send.Id, "nps", "A1", Now, first.ResponseId)], data.SurveySends);
        Assert.NotNull(commented);
        // Each answer wrote two data versions and told each as it committed; applied in order to the data before the
        // answers, they give what a load gives now.
        Assert.Equal(Enumerable.Range(1, 6).Select(i => versionBefore + i), told.Select(c => c.Version));
        Assert.Equal([.. first.Changes, .. again.Changes, .. commented!.Changes], told);
        Assert.Equal(await StoredData.DataVersionAsync(database, "acme", Token), told[^1].Version);
        var applied = told.Aggregate((TenureDataSet?)(data with { Surveys = [], SurveySends = [data.SurveySends![0] with { ResponseId = null }] }), (d, c) => c.ApplyTo(d!));
        Assert.Equal(data.Surveys, applied!.Surveys);
        Assert.Equal(data.SurveySends, applied.SurveySends);
        // Three survey.answered deliveries: the score, the score again, the comment.
        var hook = Assert.Single(await Webhooks.Webhooks.ListAsync(database, "acme", Token));
        var deliveries = await Webhooks.Webhooks.DeliveriesAsync(database, "acme", hook.Id, 10, Token);
        Assert.Equal(3, deliveries.Count);
        Assert.All(deliveries, d => Assert.Equal("survey.answered", d.Event));
    }

    [Theory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task Links_RefusedWhenForgedExpiredPausedUnknownOrThrottled(DatabaseProvider provider)
    {
        await using var test = await TestDatabase.CreateAsync(provider, server);
        await using var past = await WithAccountsAsync(test, Now.AddDays(-31));
        await using var database = At(test, Now);
        var survey = await SurveyStore.CreateAsync(database, "acme", new SurveyRequest("nps", "Quarterly NPS", ThrottleDays: 90), Token);
        var old = await SurveySends.CreateLinkAsync(past, "acme", survey.Id, "B1", "u2", expiresDays: 30, cancellationToken: Token);
        var send = await SurveySends.CreateLinkAsync(database, "acme", survey.Id, "A1", "u1", cancellationToken: Token);

        var throttled = await Assert.ThrowsAsync<SurveyException>(() => SurveySends.CreateLinkAsync(database, "acme", survey.Id, "A1", "u1", cancellationToken: Token));
        var forced = await SurveySends.CreateLinkAsync(database, "acme", survey.Id, "A1", "u1", force: true, cancellationToken: Token);
        var unknownAccount = await Assert.ThrowsAsync<SurveyException>(() => SurveySends.CreateLinkAsync(database, "acme", survey.Id, "Z9", null, cancellationToken: Token));
        var forgedKey = SurveyToken.Sign(SurveyToken.ReadUnverified(send.Token)!, new byte[32]);

        Assert.Equal("user: A1/u1 was sent survey " + survey.Id + " on 2026-12-01; it asks a person at most once per 90 days (throttle-days).", throttled.Message);
        Assert.NotEqual(send.Id, forced.Id);
        Assert.Equal("account: 'Z9' is not among tenant acme's stored accounts.", unknownAccount.Message);
        Assert.Equal(LinkStatus.Expired, (await SurveySends.CheckLinkAsync(database, old.Token, Token)).Status);
        Assert.Equal(LinkStatus.Forged, (await SurveySends.CheckLinkAsync(database, forgedKey, Token)).Status);
        Assert.Equal(LinkStatus.Malformed, (await SurveySends.CheckLinkAsync(database, "not-a-token", Token)).Status);
        await SurveyStore.SetActiveAsync(database, "acme", survey.Id, false, Token);
        Assert.Equal(LinkStatus.Paused, (await SurveySends.CheckLinkAsync(database, send.Token, Token)).Status);
        await Assert.ThrowsAsync<SurveyException>(() => SurveySends.CreateLinkAsync(database, "acme", survey.Id, "B1", null, cancellationToken: Token));
    }

    [Theory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task QueueTicketRequests_RecentlyResolvedOnce(DatabaseProvider provider)
    {
        await using var test = await TestDatabase.CreateAsync(provider, server);
        await using var database = await WithAccountsAsync(test, Now);
        var csat = await SurveyStore.CreateAsync(database, "acme", new SurveyRequest("csat", "Support CSAT", AfterTickets: true), Token);
        await SurveyStore.CreateAsync(database, "acme", new SurveyRequest("csat", "Not after tickets"), Token);
        Ticket[] tickets =
        [
            new("T1", "A1", Now.AddDays(-3), ResolvedAt: Now.AddDays(-1), Agent: "zoe"),
            new("T2", "B1", Now.AddDays(-30), ResolvedAt: Now.AddDays(-20), Agent: "zoe"), // resolved too long ago
            new("T3", "B1", Now.AddDays(-1)), // open
        ];

        var first = await SurveySends.QueueTicketRequestsAsync(database, "acme", tickets, cancellationToken: Token);
        var second = await SurveySends.QueueTicketRequestsAsync(database, "acme", tickets, cancellationToken: Token);

        var send = Assert.Single(first.Sends);
        Assert.Equal((csat.Id, "A1", "T1", "email", "pending-mail"), (send.SurveyId, send.AccountId, send.TicketId, send.Channel, send.Status));
        Assert.Empty(second.Sends);
        Assert.Equal(LinkStatus.Open, (await SurveySends.CheckLinkAsync(database, send.Token, Token)).Status);
        Assert.Single(await SurveySends.ListAsync(database, "acme", status: SurveySends.PendingMail, cancellationToken: Token));
    }

    [Theory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task QueueTicketRequests_RequesterEmail_QueuedSendAndItsMailOnceThrottledPerPerson(DatabaseProvider provider)
    {
        await using var test = await TestDatabase.CreateAsync(provider, server);
        await using var database = await WithAccountsAsync(test, Now);
        await using (var earlier = At(test, Now.AddDays(-10)))
            await SurveyStore.CreateAsync(earlier, "acme", new SurveyRequest("csat", "Old CSAT", AfterTickets: true), Token);
        var csat = await SurveyStore.CreateAsync(database, "acme", new SurveyRequest("csat", "Support CSAT", Question: "How did we do? <b>Be frank</b> & \"honest\"", AfterTickets: true), Token);
        Ticket[] tickets =
        [
            new("T1", "A1", Now.AddDays(-3), ResolvedAt: Now.AddDays(-2), Agent: "zoe", RequesterEmail: "ann@example.com"),
            new("T2", "B1", Now.AddDays(-3), ResolvedAt: Now.AddDays(-1), Agent: "yan", RequesterEmail: "ANN@example.com"), // the same person, asked a day ago: throttled (90 days)
            new("T3", "A1", Now.AddDays(-3), ResolvedAt: Now.AddDays(-1), Agent: "zoe"),                                   // no address: waits
            new("T4", "B1", Now.AddDays(-1), Agent: "yan", RequesterEmail: "bo@example.com"),                               // open: nobody asked
        ];

        var first = await SurveySends.QueueTicketRequestsAsync(database, "acme", tickets, "https://tenure.example/", Token);
        var again = await SurveySends.QueueTicketRequestsAsync(database, "acme", tickets, "https://tenure.example/", Token);
        var due = await Mail.MailOutbox.DueAsync(database, Now.AddMinutes(1), cancellationToken: Token);

        Assert.Equal((csat.Id, 1, 1, 1), (first.SurveyId, first.Mailed, first.PendingMail, first.Throttled)); // the newest ticket survey asks, not "Old CSAT"
        var mailed = first.Sends.Single(s => s.TicketId == "T1");
        Assert.Equal(("A1", "email", "queued"), (mailed.AccountId, mailed.Channel, mailed.Status));
        Assert.Equal("pending-mail", first.Sends.Single(s => s.TicketId == "T3").Status);
        Assert.Equal((0, 0, 1), (again.Sends.Count, again.Mailed, again.Throttled)); // a re-import mails nobody twice
        var mail = Assert.Single(due);
        Assert.Equal(["ann@example.com"], mail.To);
        Assert.Equal("survey", mail.Kind);
        var url = "https://tenure.example/s/" + mailed.Token;
        Assert.Contains(url, mail.TextBody, StringComparison.Ordinal);
        Assert.Contains("How did we do? <b>Be frank</b> & \"honest\"", mail.TextBody, StringComparison.Ordinal);
        Assert.Contains("support request T1", mail.TextBody, StringComparison.Ordinal);
        Assert.Contains($"<a href=\"{url}\"", mail.HtmlBody, StringComparison.Ordinal);
        Assert.Contains("How did we do? &lt;b&gt;Be frank&lt;/b&gt; &amp; &quot;honest&quot;", mail.HtmlBody, StringComparison.Ordinal);
        Assert.DoesNotContain("<b>Be frank", mail.HtmlBody, StringComparison.Ordinal);
        Assert.True(await Mail.MailOutbox.HasKeyAsync(database, "acme", "survey:" + mailed.Id, Token));
        var check = await SurveySends.CheckLinkAsync(database, mailed.Token, Token);
        Assert.Equal((LinkStatus.Open, "T1", "email"), (check.Status, check.Payload!.TicketId, check.Channel));

        // T3 gains its requester's address later: its waiting send is mailed then, once.
        Ticket[] later = [tickets[2] with { RequesterEmail = "cy@example.com" }];
        var upgraded = await SurveySends.QueueTicketRequestsAsync(database, "acme", later, "https://tenure.example", Token);
        var once = await SurveySends.QueueTicketRequestsAsync(database, "acme", later, "https://tenure.example", Token);
        Assert.Equal((1, "T3", "queued"), (upgraded.Mailed, Assert.Single(upgraded.Sends).TicketId, upgraded.Sends[0].Status));
        Assert.Equal(0, once.Mailed);
        Assert.Equal(2, (await Mail.MailOutbox.ListAsync(database, "acme", "survey", cancellationToken: Token)).Count);
    }

    [Theory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task QueueTicketRequests_NoTicketSurveyOrNoBaseUrl_NothingMailed(DatabaseProvider provider)
    {
        await using var test = await TestDatabase.CreateAsync(provider, server);
        await using var database = await WithAccountsAsync(test, Now);
        await SurveyStore.CreateAsync(database, "acme", new SurveyRequest("csat", "Not after tickets"), Token);
        Ticket[] tickets = [new("T1", "A1", Now.AddDays(-3), ResolvedAt: Now.AddDays(-1), Agent: "zoe", RequesterEmail: "ann@example.com")];

        var none = await SurveySends.QueueTicketRequestsAsync(database, "acme", tickets, "https://tenure.example", Token);
        var csat = await SurveyStore.CreateAsync(database, "acme", new SurveyRequest("csat", "Support CSAT", AfterTickets: true), Token);
        await SurveyStore.SetActiveAsync(database, "acme", csat.Id, false, Token);
        var paused = await SurveySends.QueueTicketRequestsAsync(database, "acme", tickets, "https://tenure.example", Token);
        await SurveyStore.SetActiveAsync(database, "acme", csat.Id, true, Token);
        var noBase = await SurveySends.QueueTicketRequestsAsync(database, "acme", tickets, null, Token);

        Assert.Equal((0, 1, (string?)null), (none.Sends.Count, none.NoSurvey, none.SurveyId));
        Assert.Equal((0, 1), (paused.Sends.Count, paused.NoSurvey));
        Assert.Equal((0, 1, "pending-mail"), (noBase.Mailed, noBase.PendingMail, Assert.Single(noBase.Sends).Status));
        Assert.Empty(await Mail.MailOutbox.ListAsync(database, "acme", cancellationToken: Token));
    }

    [Theory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task EmailLink_QueuedInTheMailOutboxWithItsLink(DatabaseProvider provider)
    {
        await using var test = await TestDatabase.CreateAsync(provider, server);
        await using var database = await WithAccountsAsync(test, Now);
        var survey = await SurveyStore.CreateAsync(database, "acme", new SurveyRequest("csat", "Support CSAT"), Token);

        var send = await SurveySends.CreateLinkAsync(database, "acme", survey.Id, "A1", "u1", "T1", cancellationToken: Token, email: "ann@example.com", baseUrl: "https://tenure.example");
        var bad = await Assert.ThrowsAsync<SurveyException>(() => SurveySends.CreateLinkAsync(database, "acme", survey.Id, "B1", null, cancellationToken: Token, email: "not-an-address", baseUrl: "https://tenure.example"));
        var due = await Mail.MailOutbox.DueAsync(database, Now.AddMinutes(1), cancellationToken: Token);

        Assert.Equal(("email", "queued"), (send.Channel, send.Status));
        var mail = Assert.Single(due);
        Assert.Equal(["ann@example.com"], mail.To);
        Assert.Equal(("survey", "How satisfied were you with the help you received?"), (mail.Kind, mail.Subject));
        Assert.Contains("https://tenure.example/s/" + send.Token, mail.TextBody, StringComparison.Ordinal);
        Assert.Equal("email: 'not-an-address' is not an e-mail address.", bad.Message);
    }
}

using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

using Tenure.Storage.Schema;

namespace Tenure.Storage.Surveys;

/// <summary>A row of survey_definitions (the input kind owns the table "surveys"): one survey a tenant asks (NPS, CSAT or CES), its texts, scale, throttling and widget origins.</summary>
internal sealed class SurveyRow
{
    public required string TenantId { get; set; }
    public required string Id { get; set; }

    /// <summary>nps, csat or ces: the value of the surveys.csv `survey` column its answers carry.</summary>
    public required string Type { get; set; }
    public required string Name { get; set; }
    public required string Question { get; set; }
    public required string FollowUp { get; set; }

    /// <summary>Translations as JSON: {"de": {"question": "...", "follow_up": "..."}, ...}.</summary>
    public required string Translations { get; set; }

    /// <summary>1-5, 1-7, 0-10 or faces (five emoji faces, stored as answers on 1-5).</summary>
    public required string Scale { get; set; }
    public int ThrottleDays { get; set; }

    /// <summary>The origins the widget may post from, space-separated, exact ("https://app.example.com").</summary>
    public required string AllowedOrigins { get; set; }

    /// <summary>active or paused.</summary>
    public required string Status { get; set; }

    /// <summary>Asked by e-mail after each resolved ticket (csat surveys only).</summary>
    public bool AfterTickets { get; set; }
    public DateTime CreatedAt { get; set; }
}

/// <summary>A row of survey_sends: one survey link or e-mail sent to one person, named by the nonce its signed token carries.</summary>
internal sealed class SurveySendRow
{
    public required string TenantId { get; set; }
    public required string Id { get; set; }
    public required string SurveyId { get; set; }
    public required string AccountId { get; set; }
    public string? UserId { get; set; }
    public string? TicketId { get; set; }

    /// <summary>link or email.</summary>
    public required string Channel { get; set; }

    /// <summary>sent (a link), queued (an e-mail in the mail outbox), or pending-mail (an e-mail with no address or link base yet).</summary>
    public required string Status { get; set; }
    public string? Recipient { get; set; }
    public DateTime SentAt { get; set; }
    public DateTime ExpiresAt { get; set; }

    /// <summary>The survey response that answered it (response_id in the surveys table), null while unanswered.</summary>
    public string? ResponseId { get; set; }
    public DateTime? AnsweredAt { get; set; }

    /// <summary>When the person finished (the comment step): from then on the token is refused.</summary>
    public DateTime? ClosedAt { get; set; }
}

/// <summary>
/// A row of survey_answers: which survey, person and channel a response of the surveys table came from, so an
/// answer given again updates the same response and throttling can see who answered when.
/// </summary>
internal sealed class SurveyAnswerRow
{
    public required string TenantId { get; set; }
    public required string ResponseId { get; set; }
    public required string SurveyId { get; set; }
    public required string AccountId { get; set; }

    /// <summary>The user id, "" when the answer names none.</summary>
    public required string UserId { get; set; }
    public string? TicketId { get; set; }
    public string? SendId { get; set; }

    /// <summary>link, email or widget.</summary>
    public required string Channel { get; set; }
    public int Score { get; set; }
    public string? Comment { get; set; }
    public DateTime AnsweredAt { get; set; }
    public DateTime UpdatedAt { get; set; }
}

/// <summary>A row of survey_keys: a tenant's HMAC-SHA256 key for survey tokens (docs/adr/0140).</summary>
internal sealed class SurveyKeyRow
{
    public required string TenantId { get; set; }

    /// <summary>32 random bytes, base64.</summary>
    public required string Key { get; set; }
    public DateTime CreatedAt { get; set; }
}

/// <summary>The survey_definitions, survey_sends, survey_answers and survey_keys tables (docs/storage.md).</summary>
internal static class SurveyTables
{
    public static void Configure(ModelBuilder modelBuilder, Action<PropertyBuilder, ColumnType> column)
    {
        modelBuilder.Entity<SurveyRow>(b =>
        {
            b.ToTable("survey_definitions");
            b.HasKey(s => new { s.TenantId, s.Id }).HasName("pk_survey_definitions");
            column(b.Property(s => s.TenantId).HasColumnName("tenant_id").HasColumnOrder(0), ColumnType.Text);
            column(b.Property(s => s.Id).HasColumnName("id").HasColumnOrder(1), ColumnType.Text);
            column(b.Property(s => s.Type).HasColumnName("type").HasColumnOrder(2), ColumnType.Text);
            column(b.Property(s => s.Name).HasColumnName("name").HasColumnOrder(3), ColumnType.Text);
            column(b.Property(s => s.Question).HasColumnName("question").HasColumnOrder(4), ColumnType.Text);
            column(b.Property(s => s.FollowUp).HasColumnName("follow_up").HasColumnOrder(5), ColumnType.Text);
            column(b.Property(s => s.Translations).HasColumnName("translations").HasColumnOrder(6), ColumnType.Text);
            column(b.Property(s => s.Scale).HasColumnName("scale").HasColumnOrder(7), ColumnType.Text);
            b.Property(s => s.ThrottleDays).HasColumnName("throttle_days").HasColumnOrder(8);
            column(b.Property(s => s.AllowedOrigins).HasColumnName("allowed_origins").HasColumnOrder(9), ColumnType.Text);
            column(b.Property(s => s.Status).HasColumnName("status").HasColumnOrder(10), ColumnType.Text);
            b.Property(s => s.AfterTickets).HasColumnName("after_tickets").HasColumnOrder(11);
            column(b.Property(s => s.CreatedAt).HasColumnName("created_at").HasColumnOrder(12), ColumnType.Instant);
            b.HasIndex(s => s.Id).IsUnique().HasDatabaseName("ux_survey_definitions_id");
        });

        modelBuilder.Entity<SurveySendRow>(b =>
        {
            b.ToTable("survey_sends");
            b.HasKey(s => new { s.TenantId, s.Id }).HasName("pk_survey_sends");
            column(b.Property(s => s.TenantId).HasColumnName("tenant_id").HasColumnOrder(0), ColumnType.Text);
            column(b.Property(s => s.Id).HasColumnName("id").HasColumnOrder(1), ColumnType.Text);
            column(b.Property(s => s.SurveyId).HasColumnName("survey_id").HasColumnOrder(2), ColumnType.Text);
            column(b.Property(s => s.AccountId).HasColumnName("account_id").HasColumnOrder(3), ColumnType.Text);
            column(b.Property(s => s.UserId).HasColumnName("user_id").HasColumnOrder(4), ColumnType.Text);
            column(b.Property(s => s.TicketId).HasColumnName("ticket_id").HasColumnOrder(5), ColumnType.Text);
            column(b.Property(s => s.Channel).HasColumnName("channel").HasColumnOrder(6), ColumnType.Text);
            column(b.Property(s => s.Status).HasColumnName("status").HasColumnOrder(7), ColumnType.Text);
            column(b.Property(s => s.Recipient).HasColumnName("recipient").HasColumnOrder(8), ColumnType.Text);
            column(b.Property(s => s.SentAt).HasColumnName("sent_at").HasColumnOrder(9), ColumnType.Instant);
            column(b.Property(s => s.ExpiresAt).HasColumnName("expires_at").HasColumnOrder(10), ColumnType.Instant);
            column(b.Property(s => s.ResponseId).HasColumnName("response_id").HasColumnOrder(11), ColumnType.Text);
            column(b.Property(s => s.AnsweredAt).HasColumnName("answered_at").HasColumnOrder(12), ColumnType.Instant);
            column(b.Property(s => s.ClosedAt).HasColumnName("closed_at").HasColumnOrder(13), ColumnType.Instant);
            b.HasIndex(s => new { s.TenantId, s.SurveyId, s.AccountId, s.UserId }).HasDatabaseName("ix_survey_sends_person");
            b.HasIndex(s => new { s.TenantId, s.SurveyId, s.TicketId }).HasDatabaseName("ix_survey_sends_ticket");
        });

        modelBuilder.Entity<SurveyAnswerRow>(b =>
        {
            b.ToTable("survey_answers");
            b.HasKey(a => new { a.TenantId, a.ResponseId }).HasName("pk_survey_answers");
            column(b.Property(a => a.TenantId).HasColumnName("tenant_id").HasColumnOrder(0), ColumnType.Text);
            column(b.Property(a => a.ResponseId).HasColumnName("response_id").HasColumnOrder(1), ColumnType.Text);
            column(b.Property(a => a.SurveyId).HasColumnName("survey_id").HasColumnOrder(2), ColumnType.Text);
            column(b.Property(a => a.AccountId).HasColumnName("account_id").HasColumnOrder(3), ColumnType.Text);
            column(b.Property(a => a.UserId).HasColumnName("user_id").HasColumnOrder(4), ColumnType.Text);
            column(b.Property(a => a.TicketId).HasColumnName("ticket_id").HasColumnOrder(5), ColumnType.Text);
            column(b.Property(a => a.SendId).HasColumnName("send_id").HasColumnOrder(6), ColumnType.Text);
            column(b.Property(a => a.Channel).HasColumnName("channel").HasColumnOrder(7), ColumnType.Text);
            b.Property(a => a.Score).HasColumnName("score").HasColumnOrder(8);
            column(b.Property(a => a.Comment).HasColumnName("comment").HasColumnOrder(9), ColumnType.Text);
            column(b.Property(a => a.AnsweredAt).HasColumnName("answered_at").HasColumnOrder(10), ColumnType.Instant);
            column(b.Property(a => a.UpdatedAt).HasColumnName("updated_at").HasColumnOrder(11), ColumnType.Instant);
            b.HasIndex(a => new { a.TenantId, a.SurveyId, a.AccountId, a.UserId }).HasDatabaseName("ix_survey_answers_person");
        });

        modelBuilder.Entity<SurveyKeyRow>(b =>
        {
            b.ToTable("survey_keys");
            b.HasKey(k => k.TenantId).HasName("pk_survey_keys");
            column(b.Property(k => k.TenantId).HasColumnName("tenant_id").HasColumnOrder(0), ColumnType.Text);
            column(b.Property(k => k.Key).HasColumnName("key").HasColumnOrder(1), ColumnType.Text);
            column(b.Property(k => k.CreatedAt).HasColumnName("created_at").HasColumnOrder(2), ColumnType.Instant);
        });
    }
}

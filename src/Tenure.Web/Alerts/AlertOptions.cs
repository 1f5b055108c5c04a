using System.ComponentModel.DataAnnotations;

namespace Tenure.Web.Alerts;

/// <summary>The "Tenure:Alerts" configuration section: when the server evaluates alert rules and sends webhooks.</summary>
public sealed class AlertOptions
{
    public const string Section = "Tenure:Alerts";

    /// <summary>Whether the server evaluates alert rules (at start, after every data change, and every <see cref="EvaluateEveryMinutes"/>); default true.</summary>
    public bool Evaluate { get; set; } = true;

    /// <summary>Minutes between evaluations of every tenant (default 60: hourly).</summary>
    [Range(1, 1440)]
    public int EvaluateEveryMinutes { get; set; } = 60;

    /// <summary>Whether the server sends webhook deliveries (default true).</summary>
    public bool SendWebhooks { get; set; } = true;

    /// <summary>Seconds between looks at the outbox for due deliveries (default 5; new alerts also wake the sender).</summary>
    [Range(1, 3600)]
    public int DeliveryPollSeconds { get; set; } = 5;

    /// <summary>Seconds a receiver has to answer a delivery before it counts as failed and is retried (default 10).</summary>
    [Range(1, 300)]
    public int DeliveryTimeoutSeconds { get; set; } = 10;
}

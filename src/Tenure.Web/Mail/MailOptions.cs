using System.ComponentModel.DataAnnotations;

namespace Tenure.Web.Mail;

/// <summary>
/// The "Tenure:Mail" configuration section (docs/email.md): how `tenure serve` sends the mail outbox. With
/// <see cref="SmtpOptions.Host"/> set, over SMTP (MailKit); otherwise as .eml files in <see cref="DropFolder"/>.
/// </summary>
public sealed class MailOptions
{
    public const string Section = "Tenure:Mail";

    /// <summary>Whether the server sends the outbox at all (default true; false leaves mail pending, e.g. for a second instance).</summary>
    public bool Send { get; set; } = true;

    /// <summary>The sender of every mail, "Name &lt;address&gt;" or an address (default "Tenure &lt;tenure@localhost&gt;").</summary>
    public string From { get; set; } = "Tenure <tenure@localhost>";

    /// <summary>
    /// Where .eml files go when no SMTP host is configured. Default: a "mail-drop" folder beside the SQLite database
    /// file, or in the working directory with PostgreSQL.
    /// </summary>
    public string? DropFolder { get; set; }

    /// <summary>Seconds between looks at the outbox for due mail (default 10; new mail also wakes the sender).</summary>
    [Range(1, 3600)]
    public int PollSeconds { get; set; } = 10;

    /// <summary>The SMTP relay; unset: the drop folder.</summary>
    public SmtpOptions Smtp { get; set; } = new();
}

/// <summary>"Tenure:Mail:Smtp": the relay that sends Tenure's mail.</summary>
public sealed class SmtpOptions
{
    /// <summary>The relay's host name; empty: no SMTP (mail goes to the drop folder).</summary>
    public string? Host { get; set; }

    /// <summary>The port (default 587, submission with STARTTLS).</summary>
    [Range(1, 65535)]
    public int Port { get; set; } = 587;

    /// <summary>The user name to authenticate with; empty: no authentication.</summary>
    public string? User { get; set; }

    /// <summary>The password (set it from the environment: Tenure__Mail__Smtp__Password).</summary>
    public string? Password { get; set; }

    /// <summary>
    /// auto (TLS on port 465, STARTTLS when offered elsewhere; the default), starttls (required), tls (TLS from the
    /// first byte, port 465), none (plain text: a relay on localhost only).
    /// </summary>
    [RegularExpression("^(auto|starttls|tls|none)$", ErrorMessage = "Tenure:Mail:Smtp:Tls must be auto, starttls, tls or none.")]
    public string Tls { get; set; } = "auto";

    /// <summary>Seconds to connect and to wait for each answer (default 30).</summary>
    [Range(1, 600)]
    public int TimeoutSeconds { get; set; } = 30;
}

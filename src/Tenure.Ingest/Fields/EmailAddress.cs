using System.Net.Mail;

namespace Tenure.Ingest.Fields;

/// <summary>
/// The one rule for an e-mail address Tenure stores or mails to: a plain addr-spec ("ann@example.com"), no display
/// name, no list, no white space, at most <see cref="MaxLength"/> characters, with a domain. tickets.csv's
/// requester_email and the mail outbox's recipients (Tenure.Storage.Mail.MailAddresses) both check it here.
/// </summary>
public static class EmailAddress
{
    /// <summary>The longest address accepted (RFC 5321's path limit).</summary>
    public const int MaxLength = 254;

    /// <summary>The rule as error messages state it.</summary>
    public const string Rule = "expected one plain address name@domain, at most 254 characters";

    /// <summary>Whether <paramref name="address"/> is one plain address with a domain.</summary>
    public static bool IsValid(string? address)
    {
        if (string.IsNullOrWhiteSpace(address) || address.Length > MaxLength) return false;
        if (address.Any(c => char.IsControl(c) || char.IsWhiteSpace(c) || c is ',' or ';' or '<' or '>' or '"')) return false;
        if (!MailAddress.TryCreate(address, out var parsed)) return false;
        return parsed.Address == address && string.IsNullOrEmpty(parsed.DisplayName) && parsed.Host.Length > 0 && !parsed.Host.StartsWith('.') && !parsed.Host.EndsWith('.');
    }
}

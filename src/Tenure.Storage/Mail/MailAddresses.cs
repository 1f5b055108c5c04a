using Tenure.Ingest.Fields;

namespace Tenure.Storage.Mail;

/// <summary>Checks e-mail addresses: plain addr-spec only ("ann@example.com"), no display names, no lists inside one entry.</summary>
public static class MailAddresses
{
    /// <summary>The longest address accepted (RFC 5321's path limit).</summary>
    public const int MaxLength = EmailAddress.MaxLength;

    /// <summary>Whether <paramref name="address"/> is one plain address with a domain (the rule of <see cref="EmailAddress"/>, shared with tickets.csv's requester_email).</summary>
    public static bool IsValid(string? address) => EmailAddress.IsValid(address);

    /// <summary>
    /// Parses a comma- or semicolon-separated list (blanks ignored, duplicates merged case-insensitively, order
    /// kept). Throws <see cref="MailException"/> naming <paramref name="field"/> and the first bad address, or
    /// when the list is empty or longer than <paramref name="max"/>.
    /// </summary>
    public static IReadOnlyList<string> ParseList(string? text, string field, int max = MailOutbox.MaxRecipients)
    {
        var given = (text ?? "").Split([',', ';'], StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        return Check(given, field, max);
    }

    /// <summary>The addresses, checked as <see cref="ParseList"/> does.</summary>
    public static IReadOnlyList<string> Check(IEnumerable<string> addresses, string field, int max = MailOutbox.MaxRecipients)
    {
        var result = new List<string>();
        foreach (var raw in addresses)
        {
            var address = raw.Trim();
            if (!IsValid(address))
                throw new MailException($"{field}: '{raw}' is not an e-mail address (expected name@domain, one address per entry).");
            if (!result.Contains(address, StringComparer.OrdinalIgnoreCase)) result.Add(address);
        }
        if (result.Count == 0) throw new MailException($"{field}: at least one e-mail address is required.");
        if (result.Count > max) throw new MailException($"{field}: {result.Count} addresses; at most {max}.");
        return result;
    }
}

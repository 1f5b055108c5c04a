using System.Security.Cryptography;
using System.Text;

namespace Tenure.Storage.Webhooks;

/// <summary>
/// The X-Tenure-Signature header: <c>sha256=</c> and the lowercase hex of HMAC-SHA256 keyed with the webhook's
/// secret (its UTF-8 bytes) over the raw request body (its UTF-8 bytes, exactly as sent).
/// </summary>
public static class WebhookSignature
{
    public const string Header = "X-Tenure-Signature";
    public const string DeliveryHeader = "X-Tenure-Delivery";

    /// <summary>"sha256=" + lowercase hex HMAC-SHA256(secret, body).</summary>
    public static string Of(string secret, ReadOnlySpan<byte> body)
    {
        ArgumentNullException.ThrowIfNull(secret);
        return "sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), body));
    }

    /// <summary>True when <paramref name="header"/> is the signature of <paramref name="body"/> (constant-time comparison).</summary>
    public static bool Verify(string secret, ReadOnlySpan<byte> body, string? header)
    {
        if (header is null) return false;
        return CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(Of(secret, body)), Encoding.ASCII.GetBytes(header));
    }
}

using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace Tenure.Storage.Surveys;

/// <summary>What a survey token is for: a link (one send, one person) or a user token (the widget, any survey of the tenant).</summary>
public enum SurveyTokenPurpose { Link, User }

/// <summary>
/// The claims a survey token carries. <see cref="Nonce"/> is the send id of a link (random, 128 bits) and a random
/// value in a user token; <see cref="ExpiresAt"/> is a whole second, UTC.
/// </summary>
public sealed record SurveyTokenPayload(
    SurveyTokenPurpose Purpose,
    string Tenant,
    string? SurveyId,
    string AccountId,
    string? UserId,
    string? TicketId,
    DateTime ExpiresAt,
    string Nonce);

/// <summary>Why a token was refused.</summary>
public enum SurveyTokenProblem { None, Malformed, BadSignature, Expired, WrongPurpose }

/// <summary>
/// Survey tokens (docs/adr/0140): base64url(JSON payload) "." base64url(HMAC-SHA256(key, "tenure-survey-v1." + payload
/// part)), with the tenant's key (<see cref="SurveyKeys"/>). The payload is readable (it holds ids the recipient
/// already knows), never trusted before the signature is checked in constant time.
/// </summary>
public static class SurveyToken
{
    /// <summary>The longest token read; anything longer is refused before any work.</summary>
    public const int MaxLength = 2048;

    private static readonly byte[] Domain = "tenure-survey-v1."u8.ToArray();

    /// <summary>The signed token of <paramref name="payload"/> under <paramref name="key"/>.</summary>
    public static string Sign(SurveyTokenPayload payload, ReadOnlySpan<byte> key)
    {
        ArgumentNullException.ThrowIfNull(payload);
        var body = Base64Url.EncodeToString(Serialize(payload));
        return body + "." + Base64Url.EncodeToString(Mac(key, body));
    }

    /// <summary>The payload of <paramref name="token"/> before its signature is checked (to find the tenant whose key checks it), or null when it cannot be read.</summary>
    public static SurveyTokenPayload? ReadUnverified(string? token)
    {
        if (string.IsNullOrEmpty(token) || token.Length > MaxLength) return null;
        var dot = token.IndexOf('.', StringComparison.Ordinal);
        if (dot <= 0 || dot != token.LastIndexOf('.')) return null;
        try
        {
            return Deserialize(Base64Url.DecodeFromChars(token.AsSpan(0, dot)));
        }
        catch (Exception e) when (e is FormatException or JsonException or InvalidOperationException or ArgumentException)
        {
            return null;
        }
    }

    /// <summary>
    /// Checks <paramref name="token"/> against <paramref name="key"/> (constant-time comparison), then its purpose and
    /// expiry at <paramref name="now"/> (expired at or after <see cref="SurveyTokenPayload.ExpiresAt"/>).
    /// </summary>
    public static (SurveyTokenPayload? Payload, SurveyTokenProblem Problem) Verify(string? token, ReadOnlySpan<byte> key, SurveyTokenPurpose purpose, DateTime now)
    {
        var payload = ReadUnverified(token);
        if (payload is null) return (null, SurveyTokenProblem.Malformed);
        var dot = token!.IndexOf('.', StringComparison.Ordinal);
        byte[] given;
        try
        {
            given = Base64Url.DecodeFromChars(token.AsSpan(dot + 1));
        }
        catch (FormatException)
        {
            return (null, SurveyTokenProblem.Malformed);
        }
        if (!CryptographicOperations.FixedTimeEquals(given, Mac(key, token[..dot])))
            return (null, SurveyTokenProblem.BadSignature);
        if (payload.Purpose != purpose) return (null, SurveyTokenProblem.WrongPurpose);
        if (now >= payload.ExpiresAt) return (payload, SurveyTokenProblem.Expired);
        return (payload, SurveyTokenProblem.None);
    }

    /// <summary>128 random bits as 32 lowercase hex digits: a link's send id, a user token's nonce.</summary>
    public static string NewNonce() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));

    private static byte[] Mac(ReadOnlySpan<byte> key, string body)
    {
        var message = new byte[Domain.Length + Encoding.ASCII.GetByteCount(body)];
        Domain.CopyTo(message, 0);
        Encoding.ASCII.GetBytes(body, message.AsSpan(Domain.Length));
        return HMACSHA256.HashData(key, message);
    }

    private static byte[] Serialize(SurveyTokenPayload p)
    {
        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream))
        {
            json.WriteStartObject();
            json.WriteString("p", p.Purpose == SurveyTokenPurpose.Link ? "link" : "user");
            json.WriteString("t", p.Tenant);
            if (p.SurveyId is not null) json.WriteString("s", p.SurveyId);
            json.WriteString("a", p.AccountId);
            if (p.UserId is not null) json.WriteString("u", p.UserId);
            if (p.TicketId is not null) json.WriteString("k", p.TicketId);
            json.WriteNumber("e", new DateTimeOffset(DateTime.SpecifyKind(p.ExpiresAt, DateTimeKind.Utc)).ToUnixTimeSeconds());
            json.WriteString("n", p.Nonce);
            json.WriteEndObject();
        }
        return stream.ToArray();
    }

    private static SurveyTokenPayload? Deserialize(byte[] bytes)
    {
        using var document = JsonDocument.Parse(bytes);
        var root = document.RootElement;
        if (root.ValueKind != JsonValueKind.Object) return null;
        string? Text(string name) => root.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
        var purpose = Text("p") switch { "link" => SurveyTokenPurpose.Link, "user" => SurveyTokenPurpose.User, _ => (SurveyTokenPurpose?)null };
        var tenant = Text("t");
        var account = Text("a");
        var nonce = Text("n");
        if (purpose is null || tenant is null || account is null || nonce is null
            || !root.TryGetProperty("e", out var e) || !e.TryGetInt64(out var expires) || expires is < 0 or > 253402300799)
            return null;
        return new SurveyTokenPayload(purpose.Value, tenant, Text("s"), account, Text("u"), Text("k"),
            DateTimeOffset.FromUnixTimeSeconds(expires).UtcDateTime, nonce);
    }
}

using System.Security.Cryptography;

using Microsoft.AspNetCore.Identity;

namespace Tenure.Storage.Users;

/// <summary>
/// Password hashes in ASP.NET Core Identity's format (<see cref="PasswordHasher{TUser}"/> v3:
/// PBKDF2-HMAC-SHA512, 128-bit salt, 100,000 iterations, constant-time comparison), and strong
/// generated passwords.
/// </summary>
internal static class DashboardPasswords
{
    static readonly PasswordHasher<DashboardUser> Hasher = new();

    // Checked when there is no user, so an unknown address costs the same PBKDF2 work as a known one.
    static readonly Lazy<string> DummyHash = new(() => Hasher.HashPassword(null!, Convert.ToBase64String(RandomNumberGenerator.GetBytes(16))));

    public static string Hash(string password) => Hasher.HashPassword(null!, password);

    /// <summary>Whether <paramref name="password"/> matches <paramref name="hash"/>; a null hash is checked against a dummy and never matches.</summary>
    public static bool Verify(string? hash, string password)
    {
        var result = Hasher.VerifyHashedPassword(null!, hash ?? DummyHash.Value, password);
        return hash is not null && result is PasswordVerificationResult.Success or PasswordVerificationResult.SuccessRehashNeeded;
    }
}

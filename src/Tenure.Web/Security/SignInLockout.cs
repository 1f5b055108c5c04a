using System.Collections.Concurrent;

using Microsoft.Extensions.Options;

using Tenure.Web.Hosting;

namespace Tenure.Web.Security;

/// <summary>
/// Per-account lockout of the sign-in: after Tenure:SignIn:FailuresBeforeLockout failed attempts on one
/// email address (from any IP address, in any workspace, whether or not the address exists) the address
/// is locked for FirstLockoutSeconds; each further lockout doubles it, up to MaxLockoutSeconds. A
/// successful sign-in clears the address's record. While locked no password is checked at all, so the
/// right password is refused too. Held in memory, for one server: a restart forgets it (docs/adr/0085).
/// </summary>
public sealed class SignInLockout(TimeProvider clock, IOptions<SignInOptions> options)
{
    // Above this many addresses, records whose lockout has ended and that saw no failure for MaxLockoutSeconds are dropped.
    private const int PruneAbove = 10_000;

    private readonly ConcurrentDictionary<string, Record> records = new(StringComparer.Ordinal);

    /// <summary>How much longer <paramref name="address"/> is locked, or null when it is not.</summary>
    public TimeSpan? LockedFor(string address)
    {
        if (!records.TryGetValue(Key(address), out var record))
            return null;
        lock (record)
        {
            var left = record.LockedUntil - clock.GetUtcNow();
            return left > TimeSpan.Zero ? left : null;
        }
    }

    /// <summary>Counts a failed attempt on <paramref name="address"/>; returns how long it is now locked, or null when it is not.</summary>
    public TimeSpan? Failed(string address)
    {
        var settings = options.Value;
        var now = clock.GetUtcNow();
        if (records.Count > PruneAbove)
            Prune(now, TimeSpan.FromSeconds(settings.MaxLockoutSeconds));
        var record = records.GetOrAdd(Key(address), _ => new Record());
        lock (record)
        {
            record.LastFailure = now;
            if (++record.Failures < settings.FailuresBeforeLockout)
                return null;
            // 1st lockout FirstLockoutSeconds, then x2 each time, capped (the shift is bounded so it cannot overflow).
            var seconds = Math.Min((double)settings.FirstLockoutSeconds * (1L << Math.Min(record.Lockouts, 30)), settings.MaxLockoutSeconds);
            record.Lockouts++;
            record.Failures = 0;
            record.LockedUntil = now + TimeSpan.FromSeconds(seconds);
            return record.LockedUntil - now;
        }
    }

    /// <summary>Forgets <paramref name="address"/>'s failures after a successful sign-in.</summary>
    public void Succeeded(string address) => records.TryRemove(Key(address), out _);

    private void Prune(DateTimeOffset now, TimeSpan quiet)
    {
        foreach (var (key, record) in records)
        {
            lock (record)
            {
                if (record.LockedUntil <= now && now - record.LastFailure > quiet)
                    records.TryRemove(key, out _);
            }
        }
    }

    // The address as the user typed it, trimmed and lower-cased: "Ann@X.com" and "ann@x.com" are one account.
    private static string Key(string address) => address.Trim().ToLowerInvariant();

    private sealed class Record
    {
        public int Failures;
        public int Lockouts;
        public DateTimeOffset LockedUntil;
        public DateTimeOffset LastFailure;
    }
}

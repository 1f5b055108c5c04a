using Microsoft.Extensions.Options;

namespace Tenure.Web.Live;

/// <summary>
/// Counts the open live streams and refuses one past a cap: <see cref="LiveOptions.MaxConnections"/> over the server,
/// <see cref="LiveOptions.MaxConnectionsPerTenant"/> per tenant, <see cref="LiveOptions.MaxConnectionsPerUser"/> per
/// signed-in user or API key. A stream holds a <see cref="Lease"/> while it is open.
/// </summary>
public sealed class LiveConnections(IOptions<LiveOptions> options)
{
    private readonly LiveOptions limits = options.Value;
    private readonly object gate = new();
    private readonly Dictionary<string, int> perTenant = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> perUser = new(StringComparer.Ordinal);
    private int total;

    /// <summary>Open streams over the server.</summary>
    public int Open
    {
        get
        {
            lock (gate)
                return total;
        }
    }

    /// <summary>
    /// A lease for one more stream of <paramref name="user"/> in <paramref name="tenant"/>, or null with the cap it would
    /// break in <paramref name="refusal"/> (the text of the 429 answer).
    /// </summary>
    /// <param name="tenant">The tenant whose events the stream carries.</param>
    /// <param name="user">Who holds the stream, unique over tenants: "user:{tenant}:{email}" or "key:{id}".</param>
    /// <param name="refusal">Which cap refused the stream (empty when a lease is given).</param>
    public Lease? TryOpen(string tenant, string user, out string refusal)
    {
        lock (gate)
        {
            if (total >= limits.MaxConnections)
            {
                refusal = $"The server holds as many live streams as it allows ({limits.MaxConnections}, Tenure:Live:MaxConnections).";
                return null;
            }
            if (perTenant.GetValueOrDefault(tenant) >= limits.MaxConnectionsPerTenant)
            {
                refusal = $"The tenant holds as many live streams as it allows ({limits.MaxConnectionsPerTenant}, Tenure:Live:MaxConnectionsPerTenant).";
                return null;
            }
            if (perUser.GetValueOrDefault(user) >= limits.MaxConnectionsPerUser)
            {
                refusal = $"You hold as many live streams as one user or key may ({limits.MaxConnectionsPerUser}, Tenure:Live:MaxConnectionsPerUser): close a tab or a stream.";
                return null;
            }
            total++;
            perTenant[tenant] = perTenant.GetValueOrDefault(tenant) + 1;
            perUser[user] = perUser.GetValueOrDefault(user) + 1;
        }
        refusal = "";
        return new Lease(this, tenant, user);
    }

    private void Close(string tenant, string user)
    {
        lock (gate)
        {
            total--;
            Decrement(perTenant, tenant);
            Decrement(perUser, user);
        }
    }

    private static void Decrement(Dictionary<string, int> counts, string key)
    {
        if (counts[key] == 1)
            counts.Remove(key);
        else
            counts[key]--;
    }

    /// <summary>One open stream; disposing it (once or more) gives its place back.</summary>
    public sealed class Lease : IDisposable
    {
        private readonly LiveConnections owner;
        private readonly string tenant;
        private readonly string user;
        private int closed;

        internal Lease(LiveConnections owner, string tenant, string user) => (this.owner, this.tenant, this.user) = (owner, tenant, user);

        public void Dispose()
        {
            if (Interlocked.Exchange(ref closed, 1) == 0)
                owner.Close(tenant, user);
        }
    }
}

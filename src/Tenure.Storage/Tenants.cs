namespace Tenure.Storage;

/// <summary>Tenant names: what every row's tenant_id holds and an API key belongs to.</summary>
public static class Tenants
{
    /// <summary>The tenant the CLI uses when --tenant is not given.</summary>
    public const string Default = "default";

    /// <summary>Whether <paramref name="name"/> is a valid tenant name: 1-64 of a-z, 0-9, '-', '_'.</summary>
    public static bool IsValidName(string? name)
    {
        if (name is null || name.Length is 0 or > 64)
        {
            return false;
        }
        foreach (char c in name)
        {
            if (!(char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c is '-' or '_'))
            {
                return false;
            }
        }
        return true;
    }

    /// <summary>Throws <see cref="ArgumentException"/> when <paramref name="name"/> is not a valid tenant name.</summary>
    public static void EnsureValidName(string? name)
    {
        if (!IsValidName(name))
        {
            throw new ArgumentException($"'{name}' is not a valid tenant name: use 1-64 of a-z, 0-9, '-' and '_'.", nameof(name));
        }
    }
}

namespace Tenure.Web.Errors;

/// <summary>The "type" URIs of Tenure's ProblemDetails (docs/api.md "Errors" lists them).</summary>
public static class ProblemTypes
{
    private const string Prefix = "urn:tenure:problem:";

    /// <summary>400: the body broke an input-format rule; "errors" lists each one.</summary>
    public const string InvalidInput = Prefix + "invalid-input";

    /// <summary>400: a query parameter is missing or malformed; "parameter" names it.</summary>
    public const string InvalidParameter = Prefix + "invalid-parameter";

    public const string Unauthorized = Prefix + "unauthorized";
    public const string Forbidden = Prefix + "forbidden";
    public const string NotFound = Prefix + "not-found";
    /// <summary>405: the path exists under /api but not for this method; "Allow" lists the methods it has.</summary>
    public const string MethodNotAllowed = Prefix + "method-not-allowed";
    public const string PayloadTooLarge = Prefix + "payload-too-large";
    public const string UnsupportedMediaType = Prefix + "unsupported-media-type";
    public const string TooManyRequests = Prefix + "too-many-requests";
    public const string ServerError = Prefix + "server-error";

    /// <summary>422: the tenant's stored data holds figures too large to compute with; the detail names the metric and account.</summary>
    public const string DataError = Prefix + "data-error";

    /// <summary>503: the database cannot be used (corrupted file, full disk, unreachable); the cause is in the server's log.</summary>
    public const string DatabaseUnavailable = Prefix + "database-unavailable";
}

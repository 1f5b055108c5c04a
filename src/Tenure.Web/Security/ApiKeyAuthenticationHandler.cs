using System.Text.Encodings.Web;

using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;

using Tenure.Storage;
using Tenure.Web.Errors;

namespace Tenure.Web.Security;

/// <summary>
/// "Authorization: Bearer &lt;key&gt;" with a Tenure API key (<see cref="ApiKeys.AuthenticateAsync"/>):
/// the principal carries the key's tenant and role. No header is no result (the endpoint then
/// challenges); a header that is not a known key fails. Challenges and forbids answer with
/// ProblemDetails, the challenge with a WWW-Authenticate header (RFC 6750).
/// </summary>
public sealed partial class ApiKeyAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory loggerFactory,
    UrlEncoder encoder,
    TenureDatabase database,
    IProblemDetailsService problems)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, loggerFactory, encoder)
{
    public const string SchemeName = "ApiKey";
    private const string Realm = "tenure";

    private readonly ILogger log = loggerFactory.CreateLogger<ApiKeyAuthenticationHandler>();

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        string? header = Request.Headers.Authorization;
        if (string.IsNullOrEmpty(header))
            return AuthenticateResult.NoResult();
        if (!header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) || header.Length <= "Bearer ".Length)
            return AuthenticateResult.Fail("The Authorization header is not 'Bearer <key>'.");

        var key = header["Bearer ".Length..].Trim();
        var identity = await ApiKeys.AuthenticateAsync(database, key, Context.RequestAborted);
        if (identity is null)
        {
            LogUnknownKey(log, Request.Path);
            return AuthenticateResult.Fail("The API key is unknown or revoked.");
        }
        return AuthenticateResult.Success(new AuthenticationTicket(ApiClaims.For(identity, SchemeName), SchemeName));
    }

    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        var result = await HandleAuthenticateOnceSafeAsync();
        var presented = result.Failure is not null;
        Response.StatusCode = StatusCodes.Status401Unauthorized;
        Response.Headers.WWWAuthenticate = presented
            ? $"Bearer realm=\"{Realm}\", error=\"invalid_token\", error_description=\"{result.Failure!.Message}\""
            : $"Bearer realm=\"{Realm}\"";
        await problems.WriteAsync(new ProblemDetailsContext
        {
            HttpContext = Context,
            ProblemDetails = new ProblemDetails
            {
                Status = StatusCodes.Status401Unauthorized,
                Type = ProblemTypes.Unauthorized,
                Title = "Unauthorized",
                Detail = presented
                    ? result.Failure!.Message
                    : "This endpoint needs an API key: send 'Authorization: Bearer <key>' (`tenure apikey create`).",
            },
        });
    }

    protected override async Task HandleForbiddenAsync(AuthenticationProperties properties)
    {
        Response.StatusCode = StatusCodes.Status403Forbidden;
        await problems.WriteAsync(new ProblemDetailsContext
        {
            HttpContext = Context,
            ProblemDetails = new ProblemDetails
            {
                Status = StatusCodes.Status403Forbidden,
                Type = ProblemTypes.Forbidden,
                Title = "Forbidden",
                Detail = $"This API key has the role '{ApiClaims.RoleOf(Context.User)?.ToString().ToLowerInvariant() ?? "none"}'; this endpoint needs a higher one (read < write < admin).",
            },
        });
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Rejected an unknown or revoked API key on {Path}")]
    private static partial void LogUnknownKey(ILogger logger, PathString path);
}

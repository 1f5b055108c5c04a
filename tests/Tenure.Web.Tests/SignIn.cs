using System.Net;
using System.Text.RegularExpressions;

namespace Tenure.Web.Tests;

/// <summary>Signing in to the dashboards as a browser does: the form's antiforgery token, the post, the session cookie.</summary>
internal static partial class SignIn
{
    public static async Task<string> TokenAsync(HttpClient client, string path)
    {
        var html = await (await client.Get(path)).Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        return AntiforgeryToken().Match(html) is { Success: true } match ? WebUtility.HtmlDecode(match.Groups[1].Value) : throw new InvalidOperationException($"no antiforgery token on {path}");
    }

    public static Task<HttpResponseMessage> PostAsync(HttpClient client, string token, string email, string password) =>
        client.PostAsync("/signin", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["_handler"] = "signin",
            ["__RequestVerificationToken"] = token,
            ["Input.Email"] = email,
            ["Input.Password"] = password,
        }), TestContext.Current.CancellationToken);

    /// <summary>The "tenure-session=..." pair a successful sign-in sets.</summary>
    public static string SessionCookie(HttpResponseMessage response) =>
        response.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("tenure-session=", StringComparison.Ordinal)).Split(';')[0];

    public static Task<HttpResponseMessage> GetWithCookieAsync(HttpClient client, string path, string cookie)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Add("Cookie", cookie);
        return client.SendAsync(request, TestContext.Current.CancellationToken);
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryToken();
}

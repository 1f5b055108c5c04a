using Microsoft.AspNetCore.Http;

using Tenure.Storage.Work;

namespace Tenure.Web.Components.Work;

/// <summary>
/// Reads the plain HTML forms of the account page's work panel and My work: each field at most once (a repeated
/// field is refused rather than one copy silently winning), as the stores validate them.
/// </summary>
internal static class WorkForm
{
    /// <summary>The field's single value; null when absent; <see cref="WorkInputException"/> when given more than once.</summary>
    public static string? Field(HttpContext http, string name, string field)
    {
        if (!http.Request.HasFormContentType) return null;
        var values = http.Request.Form[name];
        if (values.Count > 1) throw new WorkInputException(field, "given more than once in the form; send it once.");
        return values.Count == 0 ? null : values[0];
    }

    /// <summary>A task id field: a positive whole number, else a <see cref="WorkInputException"/>.</summary>
    public static long TaskId(HttpContext http, string name)
    {
        var text = Field(http, name, "task");
        return long.TryParse(text, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var id) && id > 0
            ? id
            : throw new WorkInputException("task", "no task was chosen.");
    }
}

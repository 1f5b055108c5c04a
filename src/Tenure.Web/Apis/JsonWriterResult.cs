using System.Reflection;
using System.Text.Json;

using Microsoft.AspNetCore.Http.Metadata;

namespace Tenure.Web.Apis;

/// <summary>
/// 200 application/json written straight to the response by a <see cref="Utf8JsonWriter"/> callback,
/// for the shapes Tenure.Metrics writes itself (<c>MetricJson</c>), so the API's bytes are the CLI's.
/// </summary>
public sealed class JsonWriterResult(Action<Utf8JsonWriter> write) : IResult, IStatusCodeHttpResult, IContentTypeHttpResult, IEndpointMetadataProvider
{
    public int? StatusCode => StatusCodes.Status200OK;

    public string ContentType => "application/json; charset=utf-8";

    public async Task ExecuteAsync(HttpContext httpContext)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        httpContext.Response.StatusCode = StatusCodes.Status200OK;
        httpContext.Response.ContentType = ContentType;
        await using (var json = new Utf8JsonWriter(httpContext.Response.BodyWriter))
            write(json);
        await httpContext.Response.BodyWriter.FlushAsync(httpContext.RequestAborted);
    }

    public static void PopulateMetadata(MethodInfo method, EndpointBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Metadata.Add(new ProducesResponseTypeMetadata(StatusCodes.Status200OK, typeof(JsonElement), ["application/json"]));
    }
}


using Microsoft.OpenApi;

using Tenure.Metrics.Inputs;
using Tenure.Web.Apis;

namespace Tenure.Web.Hosting;

internal static class OpenApiExtensions
{
    public const string BearerScheme = "Bearer";

    /// <summary>
    /// The OpenAPI document (/openapi/v1.json): the Bearer API-key scheme, required on every /api/v1
    /// operation, and the CSV and JSON bodies of the ingest endpoints.
    /// </summary>
    public static IHostApplicationBuilder AddTenureOpenApi(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOpenApi(options =>
        {
            options.AddDocumentTransformer((document, _, _) =>
            {
                document.Info.Title = "Tenure API";
                document.Info.Description = "Customer-success metrics over your own data. Every /api/v1 call needs the header `Authorization: Bearer <key>`; see docs/api.md.";
                document.Components ??= new OpenApiComponents();
                document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
                document.Components.SecuritySchemes[BearerScheme] = new OpenApiSecurityScheme
                {
                    Type = SecuritySchemeType.Http,
                    Scheme = "bearer",
                    BearerFormat = "Tenure API key",
                    Description = "An API key from `tenure apikey create` (roles read < write < admin); it sees only its own tenant's data.",
                };
                return Task.CompletedTask;
            });
            options.AddOperationTransformer((operation, context, _) =>
            {
                if (context.Description.RelativePath?.StartsWith("api/v1", StringComparison.Ordinal) == true)
                {
                    operation.Security ??= [];
                    operation.Security.Add(new OpenApiSecurityRequirement
                    {
                        [new OpenApiSecuritySchemeReference(BearerScheme, context.Document)] = [],
                    });
                }
                if (context.Description.ActionDescriptor.EndpointMetadata.OfType<IngestBodyMetadata>().FirstOrDefault() is { } ingest)
                    operation.RequestBody = IngestBody(ingest.Kind);
                return Task.CompletedTask;
            });
        });
        return builder;
    }

    private static OpenApiRequestBody IngestBody(InputKind kind)
    {
        var file = InputKinds.FileName(kind);
        return new OpenApiRequestBody
        {
            Required = true,
            Description = $"The rows of {file} (docs/input-formats.md): CSV with a header row, or a JSON array of objects whose property names are the column names.",
            Content = new Dictionary<string, OpenApiMediaType>
            {
                ["text/csv"] = new OpenApiMediaType
                {
                    Schema = new OpenApiSchema { Type = JsonSchemaType.String },
                },
                ["application/json"] = new OpenApiMediaType
                {
                    Schema = new OpenApiSchema
                    {
                        Type = JsonSchemaType.Array,
                        Items = new OpenApiSchema
                        {
                            Type = JsonSchemaType.Object,
                            AdditionalProperties = new OpenApiSchema
                            {
                                Type = JsonSchemaType.String | JsonSchemaType.Number | JsonSchemaType.Boolean | JsonSchemaType.Null,
                            },
                        },
                    },
                },
            },
        };
    }

}

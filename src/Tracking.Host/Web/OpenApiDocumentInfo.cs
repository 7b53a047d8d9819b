using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Tracking.Host.Web;

/// <summary>The title of /openapi/v1.json and how its endpoints are authorized.</summary>
internal sealed class OpenApiDocumentInfo : IOpenApiDocumentTransformer
{
    public Task TransformAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        document.Info = new OpenApiInfo
        {
            Title = "Tracking",
            Version = "v1",
            Description = "The collector (/v1/batch and the single-event routes; HTTP Basic with the write key as user name) "
                + "and the reports (/v1/reports/...; Authorization: Bearer with the read key). Errors are JSON {\"error\": \"parameter: what is wrong\"}.",
        };
        return Task.CompletedTask;
    }
}

using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace Tracking.Collector;

/// <summary>The collector's JSON answers: {"accepted":n,"rejected":[{"index":i,"error":"..."}]} and {"error":"..."}.</summary>
internal static class Responses
{
    public static async Task Error(HttpContext context, int status, string error)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json";
        await using var json = new Utf8JsonWriter(context.Response.BodyWriter);
        json.WriteStartObject();
        json.WriteString("error"u8, error);
        json.WriteEndObject();
        await json.FlushAsync();
    }

    public static async Task Outcome(HttpContext context, int status, int accepted, List<(int Index, string Error)> rejected, string? error)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json";
        await using var json = new Utf8JsonWriter(context.Response.BodyWriter);
        json.WriteStartObject();
        if (error is not null)
        {
            json.WriteString("error"u8, error);
        }

        json.WriteNumber("accepted"u8, accepted);
        json.WriteStartArray("rejected"u8);
        foreach (var (index, message) in rejected)
        {
            json.WriteStartObject();
            json.WriteNumber("index"u8, index);
            json.WriteString("error"u8, message);
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteEndObject();
        await json.FlushAsync();
    }
}

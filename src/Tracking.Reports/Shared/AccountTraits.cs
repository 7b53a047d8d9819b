using System.Text.Json;

namespace Tracking.Reports.Shared;

/// <summary>An account's traits as the reports answer them: the JSON object of its latest group call.</summary>
public static class AccountTraits
{
    private static readonly JsonElement Empty = JsonDocument.Parse("{}").RootElement.Clone();

    /// <summary>The traits object; {} for a group call without traits (the collector stores only valid JSON).</summary>
    public static JsonElement Parse(string traits)
    {
        if (traits.Length == 0)
        {
            return Empty;
        }

        using var document = JsonDocument.Parse(traits);
        return document.RootElement.ValueKind == JsonValueKind.Object ? document.RootElement.Clone() : Empty;
    }

    /// <summary>The account's name: its <c>name</c> trait when that is a string, else the account id.</summary>
    public static string Name(JsonElement traits, string account) =>
        traits.TryGetProperty("name", out var name) && name.ValueKind == JsonValueKind.String ? name.GetString()! : account;
}

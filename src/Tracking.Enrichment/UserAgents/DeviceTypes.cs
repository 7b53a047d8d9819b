namespace Tracking.Enrichment;

/// <summary>Device type values stored with each event.</summary>
public static class DeviceTypes
{
    public const string Desktop = "desktop";
    public const string Mobile = "mobile";
    public const string Tablet = "tablet";
    public const string Bot = "bot";
    public const string Other = "other";

    public static readonly IReadOnlyList<string> All = [Desktop, Mobile, Tablet, Bot, Other];
}

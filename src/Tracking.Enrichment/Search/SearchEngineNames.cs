namespace Tracking.Enrichment;

/// <summary>Engine names as stored in the events table; shared constants so results never allocate them.</summary>
public static class SearchEngineNames
{
    public const string None = "";
    public const string Baidu = "baidu";
    public const string Google = "google";
    public const string Bing = "bing";
    public const string DuckDuckGo = "duckduckgo";
    public const string So360 = "360";
    public const string Sogou = "sogou";
    public const string Yandex = "yandex";
    public const string Yahoo = "yahoo";
}

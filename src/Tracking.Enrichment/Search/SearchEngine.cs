namespace Tracking.Enrichment;

/// <summary>
/// A search engine: its name, the query parameters that carry the keyword (in priority order), and whether it
/// may send GBK-encoded queries (Baidu and Sogou still do for old pages and some toolbars).
/// </summary>
internal sealed class SearchEngine(string name, string[] queryParameters, bool mayUseGbk)
{
    public string Name { get; } = name;

    public string[] QueryParameters { get; } = queryParameters;

    public bool MayUseGbk { get; } = mayUseGbk;

    public static readonly SearchEngine Baidu = new(SearchEngineNames.Baidu, ["wd", "word"], mayUseGbk: true);
    public static readonly SearchEngine Google = new(SearchEngineNames.Google, ["q"], mayUseGbk: false);
    public static readonly SearchEngine Bing = new(SearchEngineNames.Bing, ["q"], mayUseGbk: false);
    public static readonly SearchEngine DuckDuckGo = new(SearchEngineNames.DuckDuckGo, ["q"], mayUseGbk: false);
    public static readonly SearchEngine So360 = new(SearchEngineNames.So360, ["q"], mayUseGbk: false);

    // Sogou's mobile site (m.sogou.com/web/searchList.jsp) sends the keyword as "keyword" instead of "query".
    public static readonly SearchEngine Sogou = new(SearchEngineNames.Sogou, ["query", "keyword"], mayUseGbk: true);
    public static readonly SearchEngine Yandex = new(SearchEngineNames.Yandex, ["text"], mayUseGbk: false);
    public static readonly SearchEngine Yahoo = new(SearchEngineNames.Yahoo, ["p"], mayUseGbk: false);
}

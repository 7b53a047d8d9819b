namespace Tracking.Enrichment;

/// <summary>The keyword of a page view and the search engine it came from ("" when not a search referrer).</summary>
public readonly record struct KeywordResult(string Keyword, string SearchEngine);

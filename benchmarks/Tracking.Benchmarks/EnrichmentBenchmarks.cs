using BenchmarkDotNet.Attributes;
using Tracking.Enrichment;
using Tracking.Testing;

namespace Tracking.Benchmarks;

/// <summary>Keyword extraction and user-agent parsing, per call.</summary>
[MemoryDiagnoser]
public class EnrichmentBenchmarks
{
    // The referrer shapes of the landing dataset: Chinese queries from Baidu/Sogou/360, Google, Bing, no query, none.
    private static readonly string?[] Referrers =
    [
        "https://www.baidu.com/s?ie=utf-8&wd=%E5%AE%A2%E6%88%B7%E7%AE%A1%E7%90%86%E7%B3%BB%E7%BB%9F&rsv_spt=1",
        "https://m.baidu.com/s?word=%E5%85%8D%E8%B4%B9CRM",
        "https://www.sogou.com/web?query=%E8%90%A5%E9%94%80%E8%87%AA%E5%8A%A8%E5%8C%96&ie=utf8",
        "https://www.so.com/s?q=%E9%94%80%E5%94%AE%20%E6%BC%8F%E6%96%97",
        "https://www.google.com/search?q=crm+tool&hl=en",
        "https://www.bing.com/search?q=%20%20lead%20generation%20",
        "https://www.google.com/",
        "https://news.example.org/article/42",
        null,
    ];

    private static readonly string[] Agents = [LandingDataset.ChromeUa, LandingDataset.IphoneUa, LandingDataset.BotUa];

    private readonly UserAgentParser _warm = new();

    // Capacity 1 with three agents in turn: every call misses, classifies, clears the cache and inserts.
    private readonly UserAgentParser _cold = new(capacity: 1);

    [GlobalSetup]
    public void Setup()
    {
        foreach (var agent in Agents)
        {
            _warm.Parse(agent);
        }
    }

    [Benchmark(OperationsPerInvoke = 9, Description = "keyword (per referrer)")]
    public int Keyword()
    {
        var length = 0;
        foreach (var referrer in Referrers)
        {
            length += SearchKeyword.Extract(null, referrer).Keyword.Length;
        }

        return length;
    }

    [Benchmark(OperationsPerInvoke = 3, Description = "user agent, cache hit")]
    public int UserAgentHit()
    {
        var length = 0;
        foreach (var agent in Agents)
        {
            length += _warm.Parse(agent).Browser.Length;
        }

        return length;
    }

    [Benchmark(OperationsPerInvoke = 3, Description = "user agent, cache miss")]
    public int UserAgentMiss()
    {
        var length = 0;
        foreach (var agent in Agents)
        {
            length += _cold.Parse(agent).Browser.Length;
        }

        return length;
    }
}

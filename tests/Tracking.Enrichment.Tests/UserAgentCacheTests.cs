namespace Tracking.Enrichment.Tests;

public class UserAgentCacheTests
{
    private static readonly string Chrome =
        "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Safari/537.36";

    [Fact]
    public void Cache_hit_from_a_different_buffer_returns_the_same_strings()
    {
        var parser = new UserAgentParser();
        var first = parser.Parse(Chrome);

        var copy = Chrome.ToCharArray();
        var second = parser.Parse(copy);

        Assert.Equal(first, second);
        Assert.Same(first.Browser, second.Browser);
        Assert.Same(first.BrowserVersion, second.BrowserVersion);
        Assert.Same(first.Os, second.Os);
        Assert.Same(first.DeviceType, second.DeviceType);
    }

    [Fact]
    public void Versions_are_shared_strings_even_on_a_miss()
    {
        var a = new UserAgentParser().Parse(Chrome);
        var b = new UserAgentParser().Parse(Chrome);

        Assert.Same(a.BrowserVersion, b.BrowserVersion);
    }

    [Fact]
    public void Cache_hit_does_not_allocate()
    {
        var parser = new UserAgentParser();
        var buffer = Chrome.ToCharArray();
        for (var i = 0; i < 100; i++)
        {
            parser.Parse(buffer);
        }

        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 1_000; i++)
        {
            parser.Parse(buffer);
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }

    [Fact]
    public void Cache_is_bounded()
    {
        var parser = new UserAgentParser(capacity: 3);

        for (var i = 0; i < 20; i++)
        {
            parser.Parse($"Mozilla/5.0 (Windows NT 10.0) Chrome/{i}.0 Safari/537.36");
            Assert.InRange(parser.CachedCount, 1, 3);
        }
    }

    [Fact]
    public void Results_are_correct_after_the_cache_is_cleared()
    {
        var parser = new UserAgentParser(capacity: 2);

        parser.Parse("curl/8.0");
        parser.Parse("Wget/1.0");
        parser.Parse("okhttp/4.0");

        Assert.Equal("curl", parser.Parse("curl/8.0").Browser);
        Assert.Equal("Chrome", parser.Parse(Chrome).Browser);
    }

    [Fact]
    public void Concurrent_use_gives_consistent_results()
    {
        var parser = new UserAgentParser(capacity: 50);
        string[] agents = [.. Enumerable.Range(0, 200).Select(i => $"Mozilla/5.0 (Linux; Android 14) Chrome/{i}.0 Mobile Safari/537.36")];

        Parallel.For(0, 20_000, i =>
        {
            var index = i % agents.Length;
            var info = parser.Parse(agents[index]);
            Assert.Equal(index.ToString(System.Globalization.CultureInfo.InvariantCulture), info.BrowserVersion);
            Assert.Equal("mobile", info.DeviceType);
        });
    }

    [Fact]
    public void Very_long_user_agents_are_parsed_but_not_cached()
    {
        var parser = new UserAgentParser();
        var huge = Chrome + new string('x', 5_000);

        Assert.Equal("Chrome", parser.Parse(huge).Browser);
        Assert.Equal(0, parser.CachedCount);
    }
}

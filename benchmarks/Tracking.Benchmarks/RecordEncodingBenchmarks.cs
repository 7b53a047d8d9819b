using System.Text;
using BenchmarkDotNet.Attributes;
using Tracking.Events;
using Tracking.Testing;

namespace Tracking.Benchmarks;

/// <summary>Encoding one enriched event as a RowBinary event record (what the loader later inserts as is).</summary>
[MemoryDiagnoser]
public class RecordEncodingBenchmarks
{
    private const int Rows = 100;

    private readonly PooledBufferWriter _output = new(256 * 1024);
    private readonly byte[] _messageId = Encoding.UTF8.GetBytes("m-" + Guid.NewGuid().ToString("N"));
    private readonly byte[] _visitor = Encoding.UTF8.GetBytes("v-" + Guid.NewGuid().ToString("N"));
    private readonly byte[] _session = Encoding.UTF8.GetBytes("s-" + Guid.NewGuid().ToString("N"));
    private readonly byte[] _url = "https://www.example.cn/landing/spring-sale?utm_source=newsletter"u8.ToArray();
    private readonly byte[] _path = "/landing/spring-sale"u8.ToArray();
    private readonly byte[] _title = "Example /landing/spring-sale"u8.ToArray();
    private readonly byte[] _referrer = Encoding.UTF8.GetBytes("https://www.baidu.com/s?ie=utf-8&wd=%E5%85%8D%E8%B4%B9CRM");
    private readonly byte[] _userAgent = Encoding.UTF8.GetBytes(LandingDataset.ChromeUa);
    private readonly byte[] _properties = "{\"title\":\"landing\"}"u8.ToArray();

    [GlobalCleanup]
    public void Cleanup() => _output.Dispose();

    [Benchmark(OperationsPerInvoke = Rows, Description = "RowBinary record (per row)")]
    public int Encode()
    {
        _output.Reset();
        for (var i = 0; i < Rows; i++)
        {
            var row = new EventRow
            {
                ProjectId = "default",
                MessageId = _messageId,
                Type = EventTypes.Page,
                AnonymousId = _visitor,
                SessionId = _session,
                TimestampMs = 1_795_000_000_000 + i,
                ReceivedAtMs = 1_795_000_000_500 + i,
                PageUrl = _url,
                PagePath = _path,
                PageTitle = _title,
                Referrer = _referrer,
                ReferrerHost = "www.baidu.com",
                UtmSource = "newsletter"u8,
                Keyword = "免费CRM",
                SearchEngine = "baidu",
                Browser = "Chrome",
                BrowserVersion = "124",
                Os = "Windows",
                DeviceType = "desktop",
                Ip = "203.0.113.0",
                UserAgent = _userAgent,
                Locale = "zh-CN"u8,
                ScreenWidth = 1920,
                ScreenHeight = 1080,
                Properties = _properties,
            };
            EventRecordWriter.Write(_output, row);
        }

        return _output.WrittenCount;
    }
}

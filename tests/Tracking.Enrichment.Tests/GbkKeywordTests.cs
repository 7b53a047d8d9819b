using System.Text;

namespace Tracking.Enrichment.Tests;

public class GbkKeywordTests
{
    private static readonly Encoding Gb18030 = CreateGb18030();

    private static Encoding CreateGb18030()
    {
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        return Encoding.GetEncoding("GB18030");
    }

    // Percent-encodes every byte, as a GBK form submission does for non-ASCII text.
    private static string PercentEncode(byte[] bytes) =>
        string.Concat(bytes.Select(b => b < 0x80 && char.IsAsciiLetterOrDigit((char)b) ? ((char)b).ToString() : $"%{b:X2}"));

    [Fact]
    public void Gb18030_encoding_is_available_with_invariant_globalization()
    {
        Assert.Equal([0xD6, 0xD0], Gb18030.GetBytes("中"));
    }

    [Theory]
    [InlineData("ie=gbk")]
    [InlineData("ie=GBK")]
    [InlineData("ie=gb2312")]
    [InlineData("ie=gb18030")]
    public void Baidu_query_declared_gbk_is_decoded(string ie)
    {
        var referrer = $"https://www.baidu.com/s?{ie}&wd={PercentEncode(Gb18030.GetBytes("中文搜索"))}";

        Assert.Equal(new KeywordResult("中文搜索", "baidu"), SearchKeyword.Extract(null, referrer));
    }

    [Fact]
    public void Baidu_gbk_bytes_without_ie_are_detected_as_not_utf8()
    {
        var referrer = $"https://www.baidu.com/s?wd={PercentEncode(Gb18030.GetBytes("上海 酒店预订"))}";

        Assert.Equal("上海 酒店预订", SearchKeyword.Extract(null, referrer).Keyword);
    }

    [Fact]
    public void Sogou_gb2312_query_is_decoded()
    {
        var referrer = $"https://www.sogou.com/web?query={PercentEncode(Gb18030.GetBytes("广州 装修公司"))}&ie=gb2312";

        Assert.Equal(new KeywordResult("广州 装修公司", "sogou"), SearchKeyword.Extract(null, referrer));
    }

    [Fact]
    public void Gbk_with_plus_for_space_and_mixed_ascii_is_decoded()
    {
        var encoded = PercentEncode(Gb18030.GetBytes("iPhone")) + "+" + PercentEncode(Gb18030.GetBytes("价格"));
        var referrer = $"https://www.baidu.com/s?ie=gbk&wd={encoded}";

        Assert.Equal("iPhone 价格", SearchKeyword.Extract(null, referrer).Keyword);
    }

    [Fact]
    public void Utf8_query_with_ie_utf8_is_not_mistaken_for_gbk()
    {
        var referrer = $"https://www.baidu.com/s?ie=utf-8&wd={Uri.EscapeDataString("中文搜索")}";

        Assert.Equal("中文搜索", SearchKeyword.Extract(null, referrer).Keyword);
    }

    [Fact]
    public void Gbk_utm_term_in_a_landing_url_is_decoded()
    {
        var url = $"https://example.cn/landing?utm_term={PercentEncode(Gb18030.GetBytes("团购"))}";

        Assert.Equal("团购", CampaignParser.FromQuery(url).Term);
    }
}

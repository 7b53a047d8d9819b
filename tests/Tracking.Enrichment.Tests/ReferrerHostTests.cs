namespace Tracking.Enrichment.Tests;

public class ReferrerHostTests
{
    [Theory]
    [InlineData("https://WWW.Example.COM:8080/path?x=1", "www.example.com")]
    [InlineData("http://news.qq.com", "news.qq.com")]
    [InlineData("https://user:secret@host.example.org/", "host.example.org")]
    [InlineData("//cdn.example.com/x", "cdn.example.com")]
    [InlineData("example.com/page", "example.com")]
    [InlineData("android-app://com.google.android.gm/", "com.google.android.gm")]
    [InlineData("https://[2001:db8::1]:8443/", "[2001:db8::1]")]
    [InlineData("https://www.baidu.com./s?wd=x", "www.baidu.com")]
    [InlineData("https://www.baidu.com?wd=x", "www.baidu.com")]
    public void Host_is_lower_cased_without_port_or_userinfo(string referrer, string expected)
    {
        Assert.Equal(expected, SearchKeyword.ReferrerHost(referrer));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("  ")]
    [InlineData("/relative/path")]
    [InlineData("not a url")]
    [InlineData("https://")]
    [InlineData("https://exa mple.com/")]
    [InlineData("https://[::1/")]
    public void Missing_or_invalid_referrer_has_no_host(string? referrer)
    {
        Assert.Equal("", SearchKeyword.ReferrerHost(referrer));
    }
}

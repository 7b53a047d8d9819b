namespace Tracking.Enrichment.Tests;

public class SearchKeywordTests
{
    private static string Escape(string text) => Uri.EscapeDataString(text);

    [Fact]
    public void Baidu_wd_with_percent_encoded_chinese_is_decoded()
    {
        var referrer = $"https://www.baidu.com/s?ie=utf-8&f=8&wd={Escape("北京 旅游")}&rsv_spt=1";

        Assert.Equal(new KeywordResult("北京 旅游", "baidu"), SearchKeyword.Extract(null, referrer));
    }

    [Fact]
    public void Baidu_mobile_word_parameter_is_used()
    {
        var referrer = $"https://m.baidu.com/s?from=1086k&word={Escape("上海天气预报")}";

        Assert.Equal(new KeywordResult("上海天气预报", "baidu"), SearchKeyword.Extract(null, referrer));
    }

    [Fact]
    public void Baidu_bare_domain_counts_as_baidu()
    {
        var referrer = $"http://baidu.com/s?wd={Escape("英语培训")}";

        Assert.Equal(new KeywordResult("英语培训", "baidu"), SearchKeyword.Extract(null, referrer));
    }

    [Fact]
    public void Sogou_query_parameter_is_used()
    {
        var referrer = $"https://www.sogou.com/web?query={Escape("深圳房价")}&ie=utf8&_ast=1";

        Assert.Equal(new KeywordResult("深圳房价", "sogou"), SearchKeyword.Extract(null, referrer));
    }

    [Fact]
    public void Sogou_mobile_keyword_parameter_is_used()
    {
        var referrer = $"https://m.sogou.com/web/searchList.jsp?keyword={Escape("成都美食")}&pid=sogou-waps";

        Assert.Equal(new KeywordResult("成都美食", "sogou"), SearchKeyword.Extract(null, referrer));
    }

    [Theory]
    [InlineData("https://www.so.com/s?ie=utf-8&src=360sou_newhome&q=")]
    [InlineData("https://m.so.com/s?q=")]
    [InlineData("https://so.com/s?q=")]
    public void So360_q_parameter_is_used(string prefix)
    {
        var referrer = prefix + Escape("杭州 西湖");

        Assert.Equal(new KeywordResult("杭州 西湖", "360"), SearchKeyword.Extract(null, referrer));
    }

    [Fact]
    public void Google_q_with_plus_signs_reads_spaces()
    {
        var referrer = "https://www.google.com/search?q=running+shoes+for+women&hl=en";

        Assert.Equal(new KeywordResult("running shoes for women", "google"), SearchKeyword.Extract(null, referrer));
    }

    [Theory]
    [InlineData("https://www.google.co.uk/search?q=")]
    [InlineData("https://www.google.com.hk/search?q=")]
    [InlineData("https://google.de/search?q=")]
    public void Google_country_domains_are_google(string prefix)
    {
        var referrer = prefix + Escape("香港 酒店");

        Assert.Equal(new KeywordResult("香港 酒店", "google"), SearchKeyword.Extract(null, referrer));
    }

    [Fact]
    public void Bing_china_q_parameter_is_used()
    {
        var referrer = $"https://cn.bing.com/search?q={Escape("机器学习")}&form=QBLH";

        Assert.Equal(new KeywordResult("机器学习", "bing"), SearchKeyword.Extract(null, referrer));
    }

    [Fact]
    public void DuckDuckGo_q_parameter_is_used()
    {
        var referrer = "https://duckduckgo.com/?q=privacy+browser&t=h_&ia=web";

        Assert.Equal(new KeywordResult("privacy browser", "duckduckgo"), SearchKeyword.Extract(null, referrer));
    }

    [Theory]
    [InlineData("https://yandex.ru/search/?lr=213&text=")]
    [InlineData("https://yandex.com/search/?text=")]
    [InlineData("https://ya.ru/search/?text=")]
    public void Yandex_text_parameter_is_used(string prefix)
    {
        var referrer = prefix + Escape("погода москва");

        Assert.Equal(new KeywordResult("погода москва", "yandex"), SearchKeyword.Extract(null, referrer));
    }

    [Theory]
    [InlineData("https://search.yahoo.com/search?p=cheap+flights&fr=yfp-t")]
    [InlineData("https://uk.search.yahoo.com/search?fr=yfp&p=cheap+flights")]
    public void Yahoo_p_parameter_is_used(string referrer)
    {
        Assert.Equal(new KeywordResult("cheap flights", "yahoo"), SearchKeyword.Extract(null, referrer));
    }

    [Fact]
    public void Utm_term_takes_precedence_over_the_search_query_and_keeps_the_engine()
    {
        var referrer = $"https://www.baidu.com/s?wd={Escape("北京旅游")}";

        Assert.Equal(new KeywordResult("品牌词", "baidu"), SearchKeyword.Extract("  品牌词 ", referrer));
    }

    [Fact]
    public void Utm_term_with_a_non_search_referrer_has_no_engine()
    {
        Assert.Equal(new KeywordResult("spring sale", ""), SearchKeyword.Extract("spring sale", "https://weibo.com/u/1"));
        Assert.Equal(new KeywordResult("spring sale", ""), SearchKeyword.Extract("spring sale", null));
    }

    [Fact]
    public void Utm_term_is_not_url_decoded_again()
    {
        // campaign.term is already decoded text; "100%+off" is what the marketer typed.
        Assert.Equal("100%+off", SearchKeyword.Extract("100%+off", null).Keyword);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData(null)]
    public void Blank_utm_term_falls_through_to_the_referrer(string? utmTerm)
    {
        var referrer = "https://www.bing.com/search?q=tracking+pixel";

        Assert.Equal(new KeywordResult("tracking pixel", "bing"), SearchKeyword.Extract(utmTerm, referrer));
    }

    [Theory]
    [InlineData("https://www.google.com/", "google")]
    [InlineData("https://www.google.com", "google")]
    [InlineData("https://www.google.com/search?hl=en&q=", "google")]
    [InlineData("https://www.google.com/search?q=+++", "google")]
    [InlineData("https://www.baidu.com/link?url=K9wfbZ4FyD3mlo2", "baidu")]
    [InlineData("https://www.baidu.com/s?wd=&word=", "baidu")]
    [InlineData("https://www.sogou.com/", "sogou")]
    [InlineData("https://yandex.ru/", "yandex")]
    public void Search_referrer_without_a_query_is_not_provided(string referrer, string engine)
    {
        Assert.Equal(new KeywordResult("(not provided)", engine), SearchKeyword.Extract(null, referrer));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("https://example.com/page?q=shoes")]
    [InlineData("https://weibo.com/")]
    [InlineData("https://mail.google.com/mail/u/0/?q=invoice")]
    [InlineData("https://google.example.com/?q=shoes")]
    [InlineData("https://tieba.baidu.com/f?kw=abc&wd=abc")]
    [InlineData("https://notbing.com/search?q=shoes")]
    [InlineData("not a url at all")]
    [InlineData("%%%://???")]
    public void Non_search_or_empty_referrer_is_none(string? referrer)
    {
        Assert.Equal(new KeywordResult("(none)", ""), SearchKeyword.Extract(null, referrer));
    }

    [Theory]
    [InlineData("wd=%20%20seo%20tools%20", "seo tools")]
    [InlineData("wd=++seo+tools++", "seo tools")]
    [InlineData("wd=%E3%80%80seo%E3%80%80", "seo")] // ideographic spaces around the keyword
    [InlineData("wd=%09seo%0A", "seo")]
    public void Keyword_is_trimmed(string query, string expected)
    {
        Assert.Equal(expected, SearchKeyword.Extract(null, "https://www.baidu.com/s?" + query).Keyword);
    }

    [Theory]
    [InlineData("wd=100%25+off%", "100% off%")]
    [InlineData("wd=%zz%4", "%zz%4")]
    [InlineData("wd=a%2", "a%2")]
    [InlineData("wd=%", "%")]
    [InlineData("wd=50%+discount", "50% discount")]
    public void Malformed_escapes_are_kept_literally(string query, string expected)
    {
        Assert.Equal(expected, SearchKeyword.Extract(null, "https://www.baidu.com/s?" + query).Keyword);
    }

    [Theory]
    [InlineData("wd=%E4%B8")]
    [InlineData("wd=%FF%FE%FD")]
    [InlineData("wd=%ED%A0%80")]
    [InlineData("wd=%C0%AF")]
    public void Invalid_byte_sequences_never_throw(string query)
    {
        var result = SearchKeyword.Extract(null, "https://www.baidu.com/s?" + query);

        Assert.Equal("baidu", result.SearchEngine);
        Assert.NotNull(result.Keyword);
    }

    [Fact]
    public void Raw_unencoded_chinese_in_the_referrer_is_taken_as_is()
    {
        Assert.Equal("北京", SearchKeyword.Extract(null, "https://www.baidu.com/s?wd=北京").Keyword);
    }

    [Fact]
    public void Host_case_port_and_trailing_dot_do_not_matter()
    {
        var referrer = "HTTPS://WWW.BAIDU.COM.:443/s?wd=abc";

        Assert.Equal(new KeywordResult("abc", "baidu"), SearchKeyword.Extract(null, referrer));
    }

    [Fact]
    public void Google_query_in_the_fragment_is_found()
    {
        Assert.Equal("test", SearchKeyword.Extract(null, "https://www.google.com/#q=test").Keyword);
    }

    [Fact]
    public void Fragment_does_not_leak_into_the_query_value()
    {
        Assert.Equal("abc", SearchKeyword.Extract(null, "https://www.bing.com/search?q=abc#top").Keyword);
    }

    [Fact]
    public void Long_keyword_is_decoded_completely()
    {
        var keyword = string.Concat(Enumerable.Repeat("长尾关键词", 200));

        var result = SearchKeyword.Extract(null, "https://www.baidu.com/s?wd=" + Escape(keyword));

        Assert.Equal(keyword, result.Keyword);
    }

    [Fact]
    public void Emoji_outside_the_bmp_round_trips()
    {
        Assert.Equal("咖啡☕🍰", SearchKeyword.Extract(null, "https://www.google.com/search?q=" + Escape("咖啡☕🍰")).Keyword);
    }
}

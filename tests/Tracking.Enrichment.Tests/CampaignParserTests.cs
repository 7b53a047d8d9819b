namespace Tracking.Enrichment.Tests;

public class CampaignParserTests
{
    [Fact]
    public void All_utm_parameters_are_read_from_a_full_url()
    {
        var url = "https://example.com/landing?utm_source=baidu&utm_medium=cpc&utm_campaign=spring%20sale"
            + $"&utm_term={Uri.EscapeDataString("北京 旅游")}&utm_content=ad-1&gclid=xyz#pricing";

        var campaign = CampaignParser.FromQuery(url);

        Assert.Equal(new Campaign("baidu", "cpc", "spring sale", "北京 旅游", "ad-1"), campaign);
    }

    [Theory]
    [InlineData("utm_source=google&utm_medium=organic")]
    [InlineData("?utm_source=google&utm_medium=organic")]
    [InlineData("/pricing?utm_source=google&utm_medium=organic")]
    public void Bare_queries_and_relative_urls_are_accepted(string input)
    {
        Assert.Equal(new Campaign("google", "organic", null, null, null), CampaignParser.FromQuery(input));
    }

    [Theory]
    [InlineData("")]
    [InlineData("https://example.com/")]
    [InlineData("https://example.com/?q=1&utm=2&utm_=3&utm_sourcex=4")]
    public void Missing_parameters_are_null(string input)
    {
        Assert.Equal(default, CampaignParser.FromQuery(input));
    }

    [Fact]
    public void Values_are_decoded_and_trimmed_and_blank_values_are_null()
    {
        var campaign = CampaignParser.FromQuery("?utm_source=+news+letter+&utm_medium=%20&utm_campaign=&utm_term");

        Assert.Equal(new Campaign("news letter", null, null, null, null), campaign);
    }

    [Fact]
    public void Names_match_case_insensitively_and_the_first_value_wins()
    {
        var campaign = CampaignParser.FromQuery("?UTM_Source=Weibo&utm_source=wechat&Utm_Medium=social");

        Assert.Equal("Weibo", campaign.Source);
        Assert.Equal("social", campaign.Medium);
    }

    [Fact]
    public void Fragment_parameters_are_ignored()
    {
        Assert.Null(CampaignParser.FromQuery("https://example.com/?a=1#utm_source=x").Source);
    }

    [Fact]
    public void Malformed_escapes_are_kept_literally()
    {
        Assert.Equal("50%off%", CampaignParser.FromQuery("?utm_campaign=50%off%").Name);
    }
}

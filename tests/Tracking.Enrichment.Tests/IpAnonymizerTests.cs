using System.Net;

namespace Tracking.Enrichment.Tests;

public class IpAnonymizerTests
{
    [Theory]
    [InlineData("203.0.113.77", "203.0.113.0")]
    [InlineData("10.0.0.255", "10.0.0.0")]
    [InlineData("255.255.255.255", "255.255.255.0")]
    [InlineData("0.0.0.0", "0.0.0.0")]
    [InlineData("1.2.3.4", "1.2.3.0")]
    public void Ipv4_last_octet_is_zeroed(string ip, string expected)
    {
        Assert.Equal(expected, IpAnonymizer.Anonymize(IPAddress.Parse(ip)));
    }

    [Theory]
    [InlineData("2001:db8:85a3:8d3::", "2001:db8:85a3::")]
    [InlineData("2001:db8:85a3:8d3:1319:8a2e:370:7348", "2001:db8:85a3::")]
    [InlineData("2400:cb00:2048:1::c629:d7a2", "2400:cb00:2048::")]
    [InlineData("240e:3b7:3272:d8d0:db09:c067:8d59:539e", "240e:3b7:3272::")]
    [InlineData("::1", "::")]
    [InlineData("fe80::1ff:fe23:4567:890a%3", "fe80::")]
    public void Ipv6_keeps_the_first_48_bits(string ip, string expected)
    {
        Assert.Equal(expected, IpAnonymizer.Anonymize(IPAddress.Parse(ip)));
    }

    [Theory]
    [InlineData("::ffff:203.0.113.77", "203.0.113.0")]
    [InlineData("::ffff:192.168.1.20", "192.168.1.0")]
    public void Ipv4_mapped_ipv6_is_treated_as_ipv4(string ip, string expected)
    {
        Assert.Equal(expected, IpAnonymizer.Anonymize(IPAddress.Parse(ip)));
    }

    [Fact]
    public void Mapped_address_from_a_dual_stack_socket_is_treated_as_ipv4()
    {
        Assert.Equal("198.51.100.0", IpAnonymizer.Anonymize(IPAddress.Parse("198.51.100.9").MapToIPv6()));
    }

    [Fact]
    public void Null_is_empty()
    {
        Assert.Equal("", IpAnonymizer.Anonymize(null));
    }
}

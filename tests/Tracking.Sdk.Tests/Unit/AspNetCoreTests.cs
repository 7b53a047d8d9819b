using System.Net;
using System.Security.Claims;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Tracking.Sdk.AspNetCore;
using Tracking.Sdk.Tests.Support;

namespace Tracking.Sdk.Tests.Unit;

public class AspNetCoreTests
{
    [Fact]
    public void Visitor_comes_from_the_snippet_cookies_the_user_and_the_request()
    {
        var context = new DefaultHttpContext();
        context.Request.Headers.Cookie = "_trk_aid=anon-1; _trk_sid=sess-1; other=x";
        context.Request.Headers.UserAgent = "Mozilla/5.0 test";
        context.Connection.RemoteIpAddress = IPAddress.Parse("203.0.113.7");
        context.User = new ClaimsPrincipal(new ClaimsIdentity([new Claim(ClaimTypes.NameIdentifier, "user-9")], "test"));

        var visitor = context.GetTrackingVisitor();

        Assert.Equal("anon-1", visitor.AnonymousId);
        Assert.Equal("sess-1", visitor.SessionId);
        Assert.Equal("user-9", visitor.UserId);
        Assert.Equal("Mozilla/5.0 test", visitor.UserAgent);
        Assert.Equal("203.0.113.7", visitor.Ip);
        Assert.Null(visitor.GroupId);
    }

    [Fact]
    public void Anonymous_request_without_cookies_has_no_ids()
    {
        var visitor = new DefaultHttpContext().GetTrackingVisitor();
        Assert.Null(visitor.AnonymousId);
        Assert.Null(visitor.UserId);
        Assert.Null(visitor.SessionId);
    }

    [Fact]
    public async Task AddTracking_binds_options_and_key_paths_from_configuration()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Tracking:Endpoint"] = "http://127.0.0.1:9/",
            ["Tracking:WriteKey"] = "wk_cfg",
            ["Tracking:MaxQueueSize"] = "123",
            ["Tracking:KeyPaths:onboarding:0"] = "signed_up",
            ["Tracking:KeyPaths:onboarding:1"] = "invite_sent",
            ["Tracking:Request:GroupIdCookie"] = "ignored",
            ["Tracking:Request:SessionIdCookie"] = "my_sid",
        }).Build();
        var services = new ServiceCollection().AddLogging();
        services.AddTracking(configuration.GetSection("Tracking"), o => o.ShutdownTimeout = TimeSpan.Zero);
        await using var provider = services.BuildServiceProvider();

        var options = provider.GetRequiredService<IOptions<TrackingOptions>>().Value;
        Assert.Equal(new Uri("http://127.0.0.1:9/"), options.Endpoint);
        Assert.Equal("wk_cfg", options.WriteKey);
        Assert.Equal(123, options.MaxQueueSize);
        Assert.Equal(["signed_up", "invite_sent"], options.KeyPaths["onboarding"]);
        Assert.True(options.ThrowOnInvalidEvents);
        Assert.Equal("my_sid", provider.GetRequiredService<IOptions<TrackingRequestOptions>>().Value.SessionIdCookie);

        var client = provider.GetRequiredService<ITrackingClient>();
        Assert.Same(client, provider.GetRequiredService<TrackingClient>());
        Assert.True(client.Step("onboarding", "invite_sent", Visitor.User("u1")));
    }

    [Fact]
    public async Task Request_tracker_records_with_the_current_visitor()
    {
        await using var collector = await TestCollector.StartAsync();
        var services = new ServiceCollection().AddLogging();
        services.AddTracking(o =>
        {
            o.Endpoint = collector.BaseAddress;
            o.WriteKey = "wk";
        });
        await using var provider = services.BuildServiceProvider();
        var context = new DefaultHttpContext { RequestServices = provider };
        context.Request.Headers.Cookie = "_trk_aid=anon-2; _trk_sid=sess-2";
        provider.GetRequiredService<IHttpContextAccessor>().HttpContext = context;

        using var scope = provider.CreateScope();
        var tracker = scope.ServiceProvider.GetRequiredService<IRequestTracker>();
        Assert.Equal("anon-2", tracker.Visitor.AnonymousId);
        Assert.Equal("sess-2", tracker.Visitor.SessionId);
        Assert.True(tracker.Track("clicked"));
        await provider.GetRequiredService<ITrackingClient>().FlushAsync().WaitAsync(TimeSpan.FromSeconds(20));

        var recorded = Assert.Single(collector.AcceptedEvents);
        Assert.Equal("track", recorded.GetProperty("type").GetString());
        Assert.Equal("clicked", recorded.GetProperty("event").GetString());
        Assert.Equal("anon-2", recorded.GetProperty("anonymousId").GetString());
        Assert.Equal("sess-2", recorded.GetProperty("context").GetProperty("sessionId").GetString());
    }
}

using Tracking.Sdk.Tests.Support;
using Tracking.Testing;

namespace Tracking.Sdk.Tests.Unit;

public class ValidationTests
{
    private static TrackingOptions Options(bool throwOnInvalid = true)
    {
        var options = Clients.Options(new Uri($"http://127.0.0.1:{FreePort.Next()}/"));
        options.ThrowOnInvalidEvents = throwOnInvalid;
        options.ShutdownTimeout = TimeSpan.Zero;
        options.AddKeyPath("onboarding", "signed_up", "invite_sent", "first_report");
        return options;
    }

    [Fact]
    public async Task Undeclared_step_throws_a_message_naming_the_declared_steps()
    {
        await using var client = Clients.Create(Options());
        var error = Assert.Throws<ArgumentException>(() => client.Step("onboarding", "invite_accepted", Visitor.User("u1")));
        Assert.Contains("'invite_accepted' is not declared on key path 'onboarding'", error.Message, StringComparison.Ordinal);
        Assert.Contains("signed_up, invite_sent, first_report", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Undeclared_key_path_throws_a_message_naming_the_declared_paths()
    {
        await using var client = Clients.Create(Options());
        var error = Assert.Throws<ArgumentException>(() => client.Step("checkout", "paid", Visitor.User("u1")));
        Assert.Contains("Key path 'checkout' is not declared", error.Message, StringComparison.Ordinal);
        Assert.Contains("onboarding", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Event_without_user_or_anonymous_id_throws()
    {
        await using var client = Clients.Create(Options());
        Assert.Throws<ArgumentException>(() => client.Track("x", new Visitor { SessionId = "s" }));
        Assert.Throws<ArgumentException>(() => client.Track("", Visitor.User("u1")));
    }

    [Fact]
    public async Task With_throwing_off_invalid_events_are_dropped_and_counted()
    {
        await using var client = Clients.Create(Options(throwOnInvalid: false));
        Assert.False(client.Step("onboarding", "nope", Visitor.User("u1")));
        Assert.False(client.Track("x", default));
        Assert.True(client.Step("onboarding", "invite_sent", Visitor.User("u1")));
        var stats = client.GetStatistics();
        Assert.Equal(2, stats.DroppedFor(DropReason.Invalid));
        Assert.Equal(1, stats.Queued);
    }

    [Fact]
    public void Key_path_declarations_are_checked_at_construction()
    {
        var options = Options();
        options.AddKeyPath("dup", "a", "b", "a");
        var error = Assert.Throws<ArgumentException>(() => new TrackingClient(options));
        Assert.Contains("declares step 'a' twice", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Options_without_endpoint_or_write_key_are_refused()
    {
        Assert.Throws<ArgumentException>(() => new TrackingClient(new TrackingOptions { WriteKey = "k" }));
        Assert.Throws<ArgumentException>(() => new TrackingClient(new TrackingOptions { Endpoint = new Uri("http://127.0.0.1/") }));
    }
}

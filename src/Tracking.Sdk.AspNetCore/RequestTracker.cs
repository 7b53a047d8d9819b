using Microsoft.AspNetCore.Http;

namespace Tracking.Sdk.AspNetCore;

/// <summary>The scoped <see cref="IRequestTracker"/>: the singleton client plus the visitor read once per request.</summary>
internal sealed class RequestTracker : IRequestTracker
{
    private readonly ITrackingClient _client;
    private readonly IHttpContextAccessor _accessor;
    private Visitor? _visitor;

    public RequestTracker(ITrackingClient client, IHttpContextAccessor accessor)
    {
        _client = client;
        _accessor = accessor;
    }

    public Visitor Visitor => _visitor ??= _accessor.HttpContext?.GetTrackingVisitor() ?? default;

    public bool Track(string eventName, IReadOnlyDictionary<string, object?>? properties = null) => _client.Track(eventName, Visitor, properties);

    public bool Step(string keyPath, string step, IReadOnlyDictionary<string, object?>? properties = null) => _client.Step(keyPath, step, Visitor, properties);

    public bool Lead(IReadOnlyDictionary<string, object?>? properties = null) => _client.Lead(Visitor, properties);

    public bool Identify(IReadOnlyDictionary<string, object?>? traits = null) => _client.Identify(Visitor, traits);

    public bool Group(string groupId, IReadOnlyDictionary<string, object?>? traits = null) => _client.Group(groupId, Visitor, traits);
}

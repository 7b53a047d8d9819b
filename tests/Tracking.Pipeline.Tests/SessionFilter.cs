using Tracking.Testing;

namespace Tracking.Pipeline.Tests;

/// <summary>A report filter with a value the dataset has, and which generated sessions it keeps.</summary>
public sealed record SessionFilter(string Name, string Value, Func<GeneratedSession, bool> Matches)
{
    private static readonly SessionFilter[] All =
    [
        new("keyword", "免费CRM", s => s.ExpectedKeyword == "免费CRM"),
        new("page", "/pricing", s => s.LandingPage == "/pricing"),
        new("source", "baidu", s => s.ExpectedSource == "baidu"),
        new("device", "mobile", s => s.Device == "mobile"),
    ];

    public static TheoryData<string> Names => [.. All.Select(f => f.Name)];

    public string Query => $"{Name}={Uri.EscapeDataString(Value)}";

    public static SessionFilter Named(string name) => All.Single(f => f.Name == name);
}

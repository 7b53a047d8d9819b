namespace Tracking.Testing;

/// <summary>What the generator decided about a session: the truth the report is checked against.</summary>
public sealed record GeneratedSession(
    int Index,
    string Visitor,
    string LandingPage,
    string ExpectedKeyword,
    string ExpectedSource,
    string ExpectedSearchEngine,
    string Device,
    bool IsBot,
    DateTimeOffset Start,
    DateTimeOffset End,
    int PageViews,
    int Interactions,
    bool HasLead)
{
    public bool Bounced => PageViews == 1 && Interactions == 0;
}

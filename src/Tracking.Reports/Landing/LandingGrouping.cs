namespace Tracking.Reports.Landing;

/// <summary>What the landing report groups sessions by.</summary>
[Flags]
public enum LandingGrouping
{
    Keyword = 1,
    Page = 2,
    KeywordAndPage = Keyword | Page,
}

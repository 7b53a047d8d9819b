namespace Tracking.Enrichment;

/// <summary>
/// What a User-Agent says about the client. BrowserVersion is the major version ("" when unknown); DeviceType is
/// one of <see cref="DeviceTypes"/>. For bots, Browser names the bot.
/// </summary>
public readonly record struct UserAgentInfo(string Browser, string BrowserVersion, string Os, string DeviceType, bool IsBot);

using Tracking.Testing;
using Xunit;

namespace Tracking.Pipeline.Tests;

/// <summary>One real host loaded with a generated B2B dataset (feature alias configured), shared by the account report tests.</summary>
public sealed class AccountsFixture : IAsyncLifetime
{
    private readonly TempDirectory _data = new("tracking-accounts");

    public AccountsFixture()
    {
        var settings = new Dictionary<string, string> { ["Loader__FlushInterval"] = "00:00:00.200" };
        foreach (var (name, feature) in B2bDataset.Aliases)
        {
            settings[$"Reports__Features__{name}"] = feature;
        }

        Host = new HostProcess(_data.Path, settings);
    }

    public HostProcess Host { get; }

    /// <summary>Risk is judged at this time; usage is generated up to 42 days and more before it and a little after.</summary>
    public DateTimeOffset To { get; } = new(DateTimeOffset.UtcNow.AddDays(-2).UtcDateTime.Date.AddHours(12), TimeSpan.Zero);

    public B2bDataset Dataset { get; private set; } = null!;

    internal B2bExpected Expected { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Dataset = B2bDataset.Generate(seed: 20261204, To);
        Expected = new B2bExpected(Dataset.Events, B2bDataset.Aliases);
        await DatasetLoading.StartAndLoadAsync(Host, Dataset.Events, resent: Dataset.Events.Where((_, i) => i % 7 == 0).ToList());
    }

    public async Task DisposeAsync()
    {
        await Host.DisposeAsync();
        _data.Dispose();
    }
}

[CollectionDefinition(Name)]
public sealed class AccountsDatasetCollection : ICollectionFixture<AccountsFixture>
{
    public const string Name = "accounts dataset";
}

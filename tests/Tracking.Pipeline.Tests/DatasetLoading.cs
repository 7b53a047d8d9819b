using System.Text.Json.Nodes;
using Tracking.Testing;
using Xunit;

namespace Tracking.Pipeline.Tests;

/// <summary>How the shared report fixtures load their generated dataset into a started host.</summary>
internal static class DatasetLoading
{
    /// <summary>
    /// Starts the host, sends <paramref name="events"/>, then <paramref name="resent"/> again (a client that lost the responses:
    /// each messageId must still count once), each batch acknowledged, and waits until the loader stored them all
    /// (the marker goes after the copies). A failure carries the host's output.
    /// </summary>
    public static async Task StartAndLoadAsync(HostProcess host, IReadOnlyList<JsonObject> events, IReadOnlyList<JsonObject> resent)
    {
        try
        {
            await host.StartAsync();
            using var http = host.CreateClient();
            Assert.Equal(events.Count, await CollectorClient.SendAllAsync(http, host.WriteKey, events));
            Assert.Equal(resent.Count, await CollectorClient.SendAllAsync(http, host.WriteKey, resent));
            await LoadMarker.SendAndWaitAsync(host);
        }
        catch (Exception e)
        {
            throw new InvalidOperationException($"loading the dataset failed: {e.Message}\n--- host output ---\n{host.Output}", e);
        }
    }
}

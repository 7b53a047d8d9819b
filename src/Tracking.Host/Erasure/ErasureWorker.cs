using System.Threading.Channels;
using Tracking.ClickHouse.Erasure;

namespace Tracking.Host.Erasure;

/// <summary>
/// Runs the erasure requests one at a time: finds the person's ids, records them (from then on the loader
/// drops their events, <see cref="ErasedIds"/>), removes their rows, records the counts. At start it runs
/// again the requests a stop interrupted; a request that fails is recorded failed with the error.
/// </summary>
public sealed partial class ErasureWorker(ErasureRequests requests, PersonErasure erasure, ErasedIds erasedIds, TimeProvider clock, ILogger<ErasureWorker> logger) : BackgroundService
{
    private readonly Channel<ErasureRequest> _queue = Channel.CreateUnbounded<ErasureRequest>(new UnboundedChannelOptions { SingleReader = true });

    /// <summary>Queues a request recorded as pending.</summary>
    public void Enqueue(ErasureRequest request) => _queue.Writer.TryWrite(request);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            foreach (var interrupted in await requests.UnfinishedAsync(stoppingToken))
            {
                LogResumed(logger, interrupted.Id, interrupted.Status);
                Enqueue(interrupted);
            }

            await foreach (var request in _queue.Reader.ReadAllAsync(stoppingToken))
            {
                await RunAsync(request, stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Host shutdown, also one that ends a start that failed (a port in use): not an error to report.
        }
    }

    private async Task RunAsync(ErasureRequest request, CancellationToken stoppingToken)
    {
        try
        {
            var ids = await erasure.StitchedIdsAsync(request.ProjectId, request.SubjectKind, request.Subject, stoppingToken);
            var running = request with { Status = ErasureRequest.Running, ErasedIds = [.. request.ErasedIds.Union(ids)] };
            await requests.SaveAsync(running, stoppingToken);
            await erasedIds.AddAsync(running.ProjectId, running.ErasedIds, stoppingToken);
            var removed = await erasure.RemoveAsync(running.ProjectId, running.ErasedIds, stoppingToken);
            await requests.SaveAsync(running with { Status = ErasureRequest.Done, RowsRemoved = removed, FinishedAt = clock.GetUtcNow() }, stoppingToken);
            LogDone(logger, request.Id, running.ErasedIds.Count, removed.Values.Sum());
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Left pending or running: the next start runs it again.
        }
        catch (Exception e)
        {
            LogFailed(logger, e, request.Id);
            await requests.SaveAsync(request with { Status = ErasureRequest.Failed, FinishedAt = clock.GetUtcNow(), Error = e.Message }, CancellationToken.None);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Erasure request {Id} was {Status} when the host stopped; running it again")]
    private static partial void LogResumed(ILogger logger, string id, string status);

    [LoggerMessage(Level = LogLevel.Information, Message = "Erasure request {Id} done: {Ids} ids, {Rows} rows removed")]
    private static partial void LogDone(ILogger logger, string id, int ids, long rows);

    [LoggerMessage(Level = LogLevel.Error, Message = "Erasure request {Id} failed")]
    private static partial void LogFailed(ILogger logger, Exception exception, string id);
}

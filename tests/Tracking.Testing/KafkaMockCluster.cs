using System.Runtime.InteropServices;
using System.Text;
using Confluent.Kafka;

namespace Tracking.Testing;

/// <summary>
/// librdkafka's in-memory mock Kafka cluster, reached by P/Invoke. It speaks the real protocol on
/// 127.0.0.1 (idempotent producer, consumer groups, offset commits), so Confluent.Kafka clients in
/// this process, or in others (kcat), connect to <see cref="BootstrapServers"/> as to any broker.
/// Nothing is kept on disk; it lives until disposed or until this process exits.
/// </summary>
/// <remarks>
/// The mock does not implement CreateTopics: create topics with <see cref="CreateTopic"/> (unknown
/// topics are otherwise auto-created on first metadata request with the mock's default partition
/// count). librdkafka marks this API experimental; signatures are those of rdkafka_mock.h 2.x.
/// </remarks>
public sealed unsafe class KafkaMockCluster : IDisposable
{
    /// <summary>Broker id meaning "every broker" for <see cref="SetBrokerDown"/> and friends.</summary>
    public const int AllBrokers = -1;

    private static readonly int RdKafkaProducer = 0;

    private readonly Lock _lock = new();
    private IntPtr _rk;
    private IntPtr _cluster;

    private KafkaMockCluster(IntPtr rk, IntPtr cluster, int brokers)
    {
        _rk = rk;
        _cluster = cluster;
        Brokers = brokers;
        BootstrapServers = Marshal.PtrToStringUTF8(Native.Bootstraps(cluster))
            ?? throw new InvalidOperationException("The mock cluster has no bootstrap address.");
    }

    /// <summary>host:port list of the mock brokers (ids 1..<see cref="Brokers"/>).</summary>
    public string BootstrapServers { get; }

    public int Brokers { get; }

    /// <summary>The librdkafka file that Confluent.Kafka and this harness share (see <see cref="KafkaNative"/>).</summary>
    public static string NativeLibraryPath => KafkaNative.LoadedPath;

    /// <summary>Starts a mock cluster with <paramref name="brokers"/> brokers on 127.0.0.1.</summary>
    public static KafkaMockCluster Start(int brokers = 3)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(brokers);

        // The mock needs an rd_kafka_t for bookkeeping; a bare producer handle that never connects.
        var conf = Native.ConfNew();
        Set(conf, "client.id", "tracking-mock-cluster");
        Set(conf, "log_level", "3");
        var error = stackalloc byte[512];
        var rk = Native.New(RdKafkaProducer, conf, error, 512);
        if (rk == IntPtr.Zero)
        {
            throw new InvalidOperationException("rd_kafka_new failed: " + Marshal.PtrToStringUTF8((IntPtr)error));
        }

        var cluster = Native.ClusterNew(rk, brokers);
        if (cluster == IntPtr.Zero)
        {
            Native.Destroy(rk);
            throw new InvalidOperationException("rd_kafka_mock_cluster_new failed");
        }

        return new KafkaMockCluster(rk, cluster, brokers);
    }

    /// <summary>Creates a topic, as an operator would (the mock has no CreateTopics API).</summary>
    public void CreateTopic(string topic, int partitions, int replicationFactor = 1) =>
        Check(WithUtf8(topic, name => Native.TopicCreate(Cluster, name, partitions, replicationFactor)), $"create topic {topic}");

    /// <summary>Disconnects the broker(s) and refuses new connections. Leadership does not move.</summary>
    public void SetBrokerDown(int brokerId = AllBrokers) => Check(Native.BrokerSetDown(Cluster, brokerId), $"set broker {brokerId} down");

    public void SetBrokerUp(int brokerId = AllBrokers) => Check(Native.BrokerSetUp(Cluster, brokerId), $"set broker {brokerId} up");

    /// <summary>Delays every response of the broker(s) by <paramref name="rttMs"/>.</summary>
    public void SetBrokerRtt(int brokerId, int rttMs) => Check(Native.BrokerSetRtt(Cluster, brokerId, rttMs), $"set broker {brokerId} rtt");

    /// <summary>Moves a partition's leadership (-1: leaderless).</summary>
    public void SetPartitionLeader(string topic, int partition, int brokerId) =>
        Check(WithUtf8(topic, name => Native.PartitionSetLeader(Cluster, name, partition, brokerId)), $"move leader of {topic}/{partition}");

    /// <summary>
    /// The next <paramref name="errors"/>.Length requests of <paramref name="apiKey"/>, to any broker,
    /// fail with these errors in order, without being processed.
    /// </summary>
    public void PushRequestErrors(KafkaApiKey apiKey, params ErrorCode[] errors)
    {
        var codes = errors.Select(e => (int)e).ToArray();
        fixed (int* p = codes)
        {
            Native.PushRequestErrorsArray(Cluster, (short)apiKey, (nuint)codes.Length, p);
        }
    }

    /// <summary>
    /// The next request of <paramref name="apiKey"/> to <paramref name="brokerId"/> is answered with
    /// <paramref name="error"/> after <paramref name="rttMs"/>. With <see cref="ErrorCode.NoError"/> the
    /// request is processed (a produce is appended) and only the answer is late.
    /// </summary>
    /// <remarks>
    /// Mock quirks seen with librdkafka 2.16.0: a late answer past the client's socket.timeout.ms makes
    /// the idempotent producer resend the batch with the same sequence, and the mock appends it a
    /// second time (a real broker answers DUPLICATE_SEQUENCE_NUMBER), so it cannot show idempotence.
    /// Broker-level entries also take precedence over <see cref="PushRequestErrors"/>, which then
    /// were not applied at all in that run: do not mix the two in one test.
    /// </remarks>
    public void PushBrokerRequestErrorRtt(int brokerId, KafkaApiKey apiKey, ErrorCode error, int rttMs)
    {
        // rd_kafka_mock_broker_push_request_error_rtts is variadic; on x86-64 System V a call with a
        // fixed prototype passes these integer arguments exactly where va_arg reads them.
        if (RuntimeInformation.ProcessArchitecture != Architecture.X64)
        {
            throw new PlatformNotSupportedException("Variadic mock call is only wired for x86-64.");
        }

        Check(Native.BrokerPushRequestErrorRtts(Cluster, brokerId, (short)apiKey, 1, (int)error, rttMs), "push broker error");
    }

    /// <summary>Forgets queued injected errors of <paramref name="apiKey"/>.</summary>
    public void ClearRequestErrors(KafkaApiKey apiKey) => Native.ClearRequestErrors(Cluster, (short)apiKey);

    public void Dispose()
    {
        lock (_lock)
        {
            if (_cluster == IntPtr.Zero)
            {
                return;
            }

            Native.ClusterDestroy(_cluster);
            Native.Destroy(_rk);
            _cluster = IntPtr.Zero;
            _rk = IntPtr.Zero;
        }
    }

    private IntPtr Cluster
    {
        get
        {
            var cluster = _cluster;
            ObjectDisposedException.ThrowIf(cluster == IntPtr.Zero, this);
            return cluster;
        }
    }

    private static void Set(IntPtr conf, string name, string value)
    {
        var error = stackalloc byte[512];
        var result = WithUtf8(name, n => WithUtf8(value, v => Native.ConfSet(conf, n, v, error, 512)));
        if (result != 0)
        {
            throw new InvalidOperationException($"rd_kafka_conf_set {name}: " + Marshal.PtrToStringUTF8((IntPtr)error));
        }
    }

    private static void Check(int errorCode, string what)
    {
        if (errorCode != 0)
        {
            throw new InvalidOperationException($"Mock cluster could not {what}: {(ErrorCode)errorCode}");
        }
    }

    private static int WithUtf8(string text, Func<IntPtr, int> call)
    {
        var bytes = Encoding.UTF8.GetBytes(text + "\0");
        fixed (byte* p = bytes)
        {
            return call((IntPtr)p);
        }
    }

    /// <summary>Entry points of rdkafka.h / rdkafka_mock.h, resolved from the library Confluent.Kafka loaded.</summary>
    private static class Native
    {
        public static readonly delegate* unmanaged<IntPtr> ConfNew =
            (delegate* unmanaged<IntPtr>)KafkaNative.Export("rd_kafka_conf_new");

        public static readonly delegate* unmanaged<IntPtr, IntPtr, IntPtr, byte*, nuint, int> ConfSet =
            (delegate* unmanaged<IntPtr, IntPtr, IntPtr, byte*, nuint, int>)KafkaNative.Export("rd_kafka_conf_set");

        public static readonly delegate* unmanaged<int, IntPtr, byte*, nuint, IntPtr> New =
            (delegate* unmanaged<int, IntPtr, byte*, nuint, IntPtr>)KafkaNative.Export("rd_kafka_new");

        public static readonly delegate* unmanaged<IntPtr, void> Destroy =
            (delegate* unmanaged<IntPtr, void>)KafkaNative.Export("rd_kafka_destroy");

        public static readonly delegate* unmanaged<IntPtr, int, IntPtr> ClusterNew =
            (delegate* unmanaged<IntPtr, int, IntPtr>)KafkaNative.Export("rd_kafka_mock_cluster_new");

        public static readonly delegate* unmanaged<IntPtr, void> ClusterDestroy =
            (delegate* unmanaged<IntPtr, void>)KafkaNative.Export("rd_kafka_mock_cluster_destroy");

        public static readonly delegate* unmanaged<IntPtr, IntPtr> Bootstraps =
            (delegate* unmanaged<IntPtr, IntPtr>)KafkaNative.Export("rd_kafka_mock_cluster_bootstraps");

        public static readonly delegate* unmanaged<IntPtr, IntPtr, int, int, int> TopicCreate =
            (delegate* unmanaged<IntPtr, IntPtr, int, int, int>)KafkaNative.Export("rd_kafka_mock_topic_create");

        public static readonly delegate* unmanaged<IntPtr, IntPtr, int, int, int> PartitionSetLeader =
            (delegate* unmanaged<IntPtr, IntPtr, int, int, int>)KafkaNative.Export("rd_kafka_mock_partition_set_leader");

        public static readonly delegate* unmanaged<IntPtr, int, int> BrokerSetDown =
            (delegate* unmanaged<IntPtr, int, int>)KafkaNative.Export("rd_kafka_mock_broker_set_down");

        public static readonly delegate* unmanaged<IntPtr, int, int> BrokerSetUp =
            (delegate* unmanaged<IntPtr, int, int>)KafkaNative.Export("rd_kafka_mock_broker_set_up");

        public static readonly delegate* unmanaged<IntPtr, int, int, int> BrokerSetRtt =
            (delegate* unmanaged<IntPtr, int, int, int>)KafkaNative.Export("rd_kafka_mock_broker_set_rtt");

        public static readonly delegate* unmanaged<IntPtr, short, nuint, int*, void> PushRequestErrorsArray =
            (delegate* unmanaged<IntPtr, short, nuint, int*, void>)KafkaNative.Export("rd_kafka_mock_push_request_errors_array");

        public static readonly delegate* unmanaged<IntPtr, int, short, nuint, int, int, int> BrokerPushRequestErrorRtts =
            (delegate* unmanaged<IntPtr, int, short, nuint, int, int, int>)KafkaNative.Export("rd_kafka_mock_broker_push_request_error_rtts");

        public static readonly delegate* unmanaged<IntPtr, short, void> ClearRequestErrors =
            (delegate* unmanaged<IntPtr, short, void>)KafkaNative.Export("rd_kafka_mock_clear_request_errors");
    }
}

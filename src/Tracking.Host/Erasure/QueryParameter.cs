using ClickHouse.Driver.ADO.Parameters;

namespace Tracking.Host.Erasure;

/// <summary>
/// A value for a <c>{name:Type}</c> placeholder. Every erasure statement takes its values this way, mutations
/// included: chDB 26.5 (and ClickHouse) bind them in <c>ALTER … DELETE</c> and store the bound command.
/// </summary>
internal static class QueryParameter
{
    public static ClickHouseDbParameter Of(string name, object? value) => new() { ParameterName = name, Value = value };
}

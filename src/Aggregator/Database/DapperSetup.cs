using System.Data;
using Dapper;

namespace Aggregator.Database;

public static class DapperSetup
{
    static int configured;

    /// <summary>snake_case columns onto PascalCase properties; timestamptz read as UTC DateTimeOffset.</summary>
    public static void Configure()
    {
        if (Interlocked.Exchange(ref configured, 1) == 1)
            return;
        DefaultTypeMap.MatchNamesWithUnderscores = true;
        SqlMapper.AddTypeHandler(new DateTimeOffsetHandler());
        SqlMapper.AddTypeHandler(new NullableDateTimeOffsetHandler());
    }

    sealed class DateTimeOffsetHandler : SqlMapper.TypeHandler<DateTimeOffset>
    {
        public override void SetValue(IDbDataParameter parameter, DateTimeOffset value) => parameter.Value = value.ToUniversalTime();
        public override DateTimeOffset Parse(object value) => ToOffset(value);
    }

    sealed class NullableDateTimeOffsetHandler : SqlMapper.TypeHandler<DateTimeOffset?>
    {
        public override void SetValue(IDbDataParameter parameter, DateTimeOffset? value) =>
            parameter.Value = value is null ? DBNull.Value : value.Value.ToUniversalTime();
        public override DateTimeOffset? Parse(object value) => value is null or DBNull ? null : ToOffset(value);
    }

    static DateTimeOffset ToOffset(object value) => value switch
    {
        DateTimeOffset o => o,
        DateTime d => new DateTimeOffset(DateTime.SpecifyKind(d, DateTimeKind.Utc)),
        _ => throw new DataException($"Cannot read {value.GetType().Name} as a timestamp"),
    };
}

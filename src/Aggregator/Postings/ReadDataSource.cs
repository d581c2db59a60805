using Npgsql;

namespace Aggregator.Postings;

/// <summary>
/// Where the readers' queries go (search, feeds): a hot standby when <c>ConnectionStrings:AggregatorRead</c> names
/// one, else the primary. Only queries that need not see a write this request made belong here; anything that writes,
/// or reads what it just wrote, takes the primary's <see cref="NpgsqlDataSource"/>. A standby replays the primary's
/// WAL a little behind it, so an answer from one can be that much older than the primary's.
/// </summary>
public sealed class ReadDataSource(NpgsqlDataSource db)
{
    public NpgsqlDataSource Db => db;
}

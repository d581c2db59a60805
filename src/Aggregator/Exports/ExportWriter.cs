using System.Data;
using System.Text;
using Npgsql;
using Parquet;
using Parquet.Schema;

namespace Aggregator.Exports;

public enum ExportFormat { Parquet, Csv }

/// <summary>
/// Writes one table of an export to a stream: Parquet row group by row group as the rows arrive (one streaming reader,
/// buffers of at most two row groups, each bounded in bytes, so memory stays flat however many rows and however wide),
/// or CSV straight from PostgreSQL's COPY.
/// </summary>
public static class ExportWriter
{
    /// <summary>Most rows in a Parquet row group: a reader fetching a date range reads only the groups that hold it.</summary>
    public const int RowGroupSize = 100_000;

    /// <summary>
    /// Most bytes a row group's values take in memory while it is filled (UTF-16 text and array slots). A group ends at
    /// whichever comes first, this or <see cref="RowGroupSize"/>: at a million generated jobs, groups of about 5,000 jobs
    /// (about 3 KB a row in memory), 30,000 locations or changes. The export's memory is a few times this, whatever the row count.
    /// </summary>
    public const long RowGroupBytes = 16 << 20;

    public static string Extension(ExportFormat format) => format == ExportFormat.Parquet ? "parquet" : "csv";

    public static string ContentType(ExportFormat format) => format == ExportFormat.Parquet ? "application/vnd.apache.parquet" : "text/csv; charset=utf-8";

    /// <summary>Writes the rows the connection's <c>export_jobs</c> selects; returns how many.</summary>
    public static async Task<long> WriteAsync(NpgsqlConnection conn, ExportTable table, ExportFormat format, Stream output, CancellationToken ct, int rowGroupSize = RowGroupSize, long rowGroupBytes = RowGroupBytes)
    {
        if (format == ExportFormat.Csv)
        {
            using (var copy = await conn.BeginTextExportAsync($"copy ({table.Select}) to stdout with (format csv, header true)", ct))
            await using (var writer = new StreamWriter(output, new UTF8Encoding(false), 1 << 16, leaveOpen: true))
            {
                var block = new char[1 << 16];
                int read;
                while ((read = await copy.ReadAsync(block, ct)) > 0)
                    await writer.WriteAsync(block.AsMemory(0, read), ct);
            }
            // COPY says nothing of its rows, and lines are no count (a quoted value may hold a line break).
            return await CountAsync(conn, table, ct);
        }
        return await WriteParquetAsync(conn, table, output, rowGroupSize, rowGroupBytes, ct);
    }

    public static async Task<long> CountAsync(NpgsqlConnection conn, ExportTable table, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand($"select count(*) {table.From}", conn) { CommandTimeout = 0 };
        return (long)(await cmd.ExecuteScalarAsync(ct))!;
    }

    static async Task<long> WriteParquetAsync(NpgsqlConnection conn, ExportTable table, Stream output, int rowGroupSize, long rowGroupBytes, CancellationToken ct)
    {
        var fields = table.Columns.Select(Field).ToArray();
        // Two sets of row-group buffers: while one row group is encoded and compressed on the thread pool, the reader
        // fills the other, so reading rows and writing Parquet use both cores. Memory stays at two row groups of RowGroupBytes.
        var filling = table.Columns.Select(c => ColumnBuffer.For(c.Type)).ToArray();
        var spare = table.Columns.Select(c => ColumnBuffer.For(c.Type)).ToArray();
        var slotBytes = filling.Sum(c => c.SlotBytes);
        // Parquet's footer is written at the end and offsets are counted as written: any forward-only stream will do.
        // Parquet.Net writes some parts (page headers, the footer) synchronously: they collect in the sink's buffer,
        // which goes to the output asynchronously after each row group, so an HTTP response never blocks a thread.
        var sink = new PositionStream(output);
        // ZSTD's default level: the smallest-size level costs about ten times the CPU for a few percent of bytes.
        var writer = await ParquetWriter.CreateAsync(new ParquetSchema(fields), sink,
            new ParquetOptions
            {
                CompressionMethod = CompressionMethod.Zstd,
                CompressionLevel = System.IO.Compression.CompressionLevel.Optimal,
                // Whether a text column is worth a dictionary is told by its first values: a column of distinct values
                // (urls, titles, ids) is not scanned whole to find out, one of few values (roles, countries) still gets one.
                DictionaryEncodingSampleSize = 10_000,
            },
            cancellationToken: ct);
        var writing = Task.CompletedTask;
        try
        {
            await using var cmd = new NpgsqlCommand(table.Select, conn) { CommandTimeout = 0 };
            await using var reader = await cmd.ExecuteReaderAsync(CommandBehavior.SequentialAccess, ct);
            long rows = 0;
            var count = 0;
            long bytes = 0;
            while (await reader.ReadAsync(ct))
            {
                for (var i = 0; i < filling.Length; i++)
                    bytes += filling[i].Set(count, reader, i);
                bytes += slotBytes;
                count++;
                rows++;
                if (count == rowGroupSize || bytes >= rowGroupBytes)
                {
                    await HandOverAsync(count);
                    count = 0;
                    bytes = 0;
                }
            }
            if (count > 0)
                await HandOverAsync(count);
            await writing;
            await writer.DisposeAsync();
            await sink.DrainAsync(ct);
            return rows;
        }
        finally
        {
            // A failed read must not leave a row group being written into a stream the caller is about to close.
            await writing.ContinueWith(_ => { }, CancellationToken.None, TaskContinuationOptions.None, TaskScheduler.Default);
        }

        async Task HandOverAsync(int rowCount)
        {
            await writing;
            (filling, spare) = (spare, filling);
            var full = spare;
            writing = Task.Run(async () =>
            {
                using (var group = writer.CreateRowGroup())
                {
                    for (var i = 0; i < full.Length; i++)
                        await full[i].WriteAsync(group, fields[i], rowCount, ct);
                }
                await sink.DrainAsync(ct);
            }, ct);
        }
    }

    static DataField Field(ExportColumn column) => column.Type switch
    {
        ExportType.BigInt => new DataField<long?>(column.Name),
        ExportType.Count => new DataField<int?>(column.Name),
        ExportType.Boolean => new DataField<bool?>(column.Name),
        ExportType.Real => new DataField<double?>(column.Name),
        ExportType.Money => new DecimalDataField(column.Name, 14, 2, isNullable: true),
        ExportType.Timestamp => new DateTimeDataField(column.Name, DateTimeFormat.Timestamp, isAdjustedToUTC: true, unit: DateTimeTimeUnit.Micros, isNullable: true),
        _ => new DataField<string>(column.Name, true),
    };

    /// <summary>One column's values for the row group being filled. Its array grows as rows come, up to the group's row count.</summary>
    abstract class ColumnBuffer
    {
        /// <summary>Reads the row's value; returns how many bytes of memory the value takes beyond its slot.</summary>
        public abstract int Set(int row, NpgsqlDataReader reader, int ordinal);
        public abstract Task WriteAsync(ParquetRowGroupWriter group, DataField field, int count, CancellationToken ct);
        /// <summary>Bytes of one row's slot in the array.</summary>
        public abstract int SlotBytes { get; }

        public static ColumnBuffer For(ExportType type) => type switch
        {
            ExportType.BigInt => new Values<long>(),
            ExportType.Count => new Values<int>(),
            ExportType.Boolean => new Values<bool>(),
            ExportType.Real => new Values<double>(),
            ExportType.Money => new Values<decimal>(),
            ExportType.Timestamp => new Values<DateTime>(),
            _ => new Texts(),
        };

        protected static void Fit<TItem>(ref TItem[] values, int row)
        {
            if (row >= values.Length)
                Array.Resize(ref values, Math.Max(4096, values.Length * 2));
        }
    }

    sealed class Values<T> : ColumnBuffer where T : struct
    {
        T?[] values = [];

        public override int SlotBytes { get; } = System.Runtime.CompilerServices.Unsafe.SizeOf<T?>();

        public override int Set(int row, NpgsqlDataReader reader, int ordinal)
        {
            Fit(ref values, row);
            values[row] = reader.IsDBNull(ordinal) ? null : reader.GetFieldValue<T>(ordinal);
            return 0;
        }

        public override Task WriteAsync(ParquetRowGroupWriter group, DataField field, int count, CancellationToken ct) =>
            group.WriteAsync<T>(field, new ReadOnlyMemory<T?>(values, 0, count), null, null, ct);
    }

    sealed class Texts : ColumnBuffer
    {
        string?[] values = [];

        public override int SlotBytes => IntPtr.Size;

        public override int Set(int row, NpgsqlDataReader reader, int ordinal)
        {
            Fit(ref values, row);
            if (reader.IsDBNull(ordinal))
            {
                values[row] = null;
                return 0;
            }
            var value = reader.GetString(ordinal);
            values[row] = value;
            // The string's header and UTF-16 characters, and what the Parquet writer holds for each text value while it
            // encodes the group (its UTF-8 bytes, offsets, the dictionary's entries): measured, about 64 bytes beyond the text.
            return 64 + 22 + 2 * value.Length;
        }

        public override Task WriteAsync(ParquetRowGroupWriter group, DataField field, int count, CancellationToken ct) =>
            group.WriteAsync(field, new ArraySegment<string>(values!, 0, count), null);
    }

    /// <summary>
    /// A write-only stream that knows how much went through it, over one that may not (an HTTP response). Writes collect
    /// in a buffer (at most one compressed row group) until <see cref="DrainAsync"/> sends them on asynchronously.
    /// </summary>
    sealed class PositionStream(Stream inner) : Stream
    {
        readonly MemoryStream pending = new();
        long position;

        public async Task DrainAsync(CancellationToken ct)
        {
            if (pending.Length == 0)
                return;
            await inner.WriteAsync(pending.GetBuffer().AsMemory(0, (int)pending.Length), ct);
            pending.SetLength(0);
            await inner.FlushAsync(ct);
        }

        public override bool CanRead => false;
        public override bool CanSeek => false;
        public override bool CanWrite => true;
        public override long Length => position;
        public override long Position { get => position; set => throw new NotSupportedException(); }
        public override void Flush() { }
        public override Task FlushAsync(CancellationToken ct) => Task.CompletedTask;
        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count)
        {
            pending.Write(buffer, offset, count);
            position += count;
        }
        public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken ct = default)
        {
            pending.Write(buffer.Span);
            position += buffer.Length;
            return ValueTask.CompletedTask;
        }
        public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken ct) => WriteAsync(buffer.AsMemory(offset, count), ct).AsTask();
    }
}

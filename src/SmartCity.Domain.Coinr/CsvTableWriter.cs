using System.Globalization;

namespace SmartCity.Domain.Coinr;

/// <summary>
/// Formats a CSV table (a header, then rows written by a callback) into blocks of text: each number straight into a
/// char buffer in shortest round-trip form (no string per cell), text cells through <see cref="CsvField.Escape"/>,
/// <c>\r\n</c> line ends. Large tables are formatted a few blocks at a time in parallel; the blocks come out in order,
/// so the text is the same as formatted one row after another.
/// </summary>
internal sealed class CsvTableWriter
{
    private const int BlockCells = 1 << 14;
    private const int ParallelCells = 1 << 17;

    private readonly IReadOnlyList<string> _header;
    private readonly int _rows;
    private readonly int _width;
    private readonly Action<int, CsvRowWriter> _writeRow;

    public CsvTableWriter(IReadOnlyList<string> header, int rows, int width, Action<int, CsvRowWriter> writeRow)
    {
        _header = header;
        _rows = rows;
        _width = Math.Max(1, width);
        _writeRow = writeRow;
    }

    /// <summary>Returns the text in blocks; each block is valid until the next is asked for.</summary>
    public IEnumerable<ReadOnlyMemory<char>> Render()
    {
        var head = new CsvRowWriter();
        foreach (var h in _header)
        {
            head.Text(h);
        }

        head.EndRow();
        yield return head.Content;

        var rowsPerBlock = Math.Max(1, BlockCells / _width);
        var blocks = (_rows + rowsPerBlock - 1) / rowsPerBlock;
        var parallel = (long)_rows * _width >= ParallelCells ? Math.Max(1, Environment.ProcessorCount) * 2 : 1;
        var batch = Math.Min(parallel, Math.Max(1, blocks));
        if (parallel == 1 || blocks <= batch)
        {
            // Small tables (or a single batch): formatted here, batch by batch.
            var writers = NewWriters(batch);
            for (var first = 0; first < blocks; first += batch)
            {
                FormatBatch(writers, first, rowsPerBlock, blocks);
                for (var i = 0; i < Math.Min(batch, blocks - first); i++)
                {
                    yield return writers[i].Content;
                }
            }

            yield break;
        }

        // Large tables: two sets of writers, so that the next batch is formatted on the pool while the caller writes
        // this one (formatting and writing overlap instead of taking turns).
        var sets = new[] { NewWriters(batch), NewWriters(batch) };
        var pending = Task.Run(() => FormatBatch(sets[0], 0, rowsPerBlock, blocks));
        var current = 0;
        try
        {
            for (var first = 0; first < blocks; first += batch)
            {
                pending.GetAwaiter().GetResult();
                var ready = sets[current];
                var count = Math.Min(batch, blocks - first);
                current ^= 1;
                var next = first + batch;
                var target = sets[current];
                pending = next < blocks ? Task.Run(() => FormatBatch(target, next, rowsPerBlock, blocks)) : Task.CompletedTask;
                for (var i = 0; i < count; i++)
                {
                    yield return ready[i].Content;
                }
            }
        }
        finally
        {
            // Left early (the caller's write failed): the batch in flight writes only into this enumeration's buffers, but
            // it is waited for, so that no formatting outlives the enumeration.
            if (!pending.IsCompleted)
            {
                try
                {
                    pending.Wait();
                }
                catch (AggregateException)
                {
                    // The caller's own failure is the one that propagates.
                }
            }
        }
    }

    private static CsvRowWriter[] NewWriters(int count)
    {
        var writers = new CsvRowWriter[count];
        for (var i = 0; i < count; i++)
        {
            writers[i] = new CsvRowWriter();
        }

        return writers;
    }

    /// <summary>Formats blocks <paramref name="firstBlock"/> … into <paramref name="writers"/>, one block each, over the cores when there are several.</summary>
    private void FormatBatch(CsvRowWriter[] writers, int firstBlock, int rowsPerBlock, int blocks)
    {
        var count = Math.Min(writers.Length, blocks - firstBlock);
        void Format(int i)
        {
            var w = writers[i];
            w.Clear();
            var start = (firstBlock + i) * rowsPerBlock;
            var end = Math.Min(_rows, start + rowsPerBlock);
            for (var r = start; r < end; r++)
            {
                _writeRow(r, w);
                w.EndRow();
            }
        }

        if (count == 1)
        {
            Format(0);
        }
        else
        {
            Parallel.For(0, count, Format);
        }
    }
}

/// <summary>Appends the cells of CSV rows to a growing char buffer.</summary>
internal sealed class CsvRowWriter
{
    private char[] _buffer = new char[1 << 12];
    private double?[] _scratch = [];
    private int _length;
    private bool _rowStarted;

    /// <summary>Gets the text written since the last <see cref="Clear"/>.</summary>
    public ReadOnlyMemory<char> Content => _buffer.AsMemory(0, _length);

    public void Clear()
    {
        _length = 0;
        _rowStarted = false;
    }

    /// <summary>Writes a text cell (neutralised and quoted as <see cref="CsvField.Escape"/> says).</summary>
    public void Text(string? value)
    {
        Separator();
        if (string.IsNullOrEmpty(value))
        {
            return;
        }

        Append(CsvField.Escape(value));
    }

    /// <summary>Writes a cell of the library's own vocabulary (such as COINr's treatment flags <c>+log_CT</c>) as it is, quoted only when RFC 4180 needs it.</summary>
    public void Literal(string? value)
    {
        Separator();
        if (string.IsNullOrEmpty(value))
        {
            return;
        }

        Append(CsvField.NeedsQuoting(value) ? string.Concat("\"", value.Replace("\"", "\"\"", StringComparison.Ordinal), "\"") : value);
    }

    /// <summary>
    /// Writes a number in shortest round-trip form, as <c>ToString(CultureInfo.InvariantCulture)</c> writes it (by
    /// <see cref="ShortestDouble"/>, several times faster); <see langword="null"/> or NaN is an empty cell.
    /// </summary>
    public void Number(double? value)
    {
        Separator();
        if (value is not { } v || double.IsNaN(v))
        {
            return;
        }

        if (double.IsInfinity(v))
        {
            Append(v.ToString(CultureInfo.InvariantCulture)); // Infinity, -Infinity: as before, as .NET writes them
            return;
        }

        Ensure(ShortestDouble.MaxLength);
        _length += ShortestDouble.Format(v, _buffer.AsSpan(_length));
    }

    /// <summary>
    /// Writes a row's numbers, each as <see cref="Number"/> writes it, with one check of the buffer's room for the whole
    /// span instead of one per cell.
    /// </summary>
    public void Numbers(ReadOnlySpan<double?> values)
    {
        Ensure(values.Length * (ShortestDouble.MaxLength + 1));
        var buffer = _buffer;
        var length = _length;
        var started = _rowStarted;
        foreach (var value in values)
        {
            if (started)
            {
                buffer[length++] = ',';
            }

            started = true;
            if (value is not { } v || double.IsNaN(v))
            {
                continue;
            }

            if (double.IsInfinity(v))
            {
                var text = v.ToString(CultureInfo.InvariantCulture); // Infinity, -Infinity: as Number writes them
                text.CopyTo(buffer.AsSpan(length));
                length += text.Length;
                continue;
            }

            length += ShortestDouble.Format(v, buffer.AsSpan(length));
        }

        _length = length;
        _rowStarted = started;
    }

    /// <summary>Returns this writer's scratch buffer of at least <paramref name="length"/> values (for a row's cells before they are written).</summary>
    public Span<double?> Scratch(int length)
    {
        if (_scratch.Length < length)
        {
            _scratch = new double?[length];
        }

        return _scratch.AsSpan(0, length);
    }

    public void EndRow()
    {
        Append("\r\n");
        _rowStarted = false;
    }

    private void Separator()
    {
        if (_rowStarted)
        {
            Ensure(1);
            _buffer[_length++] = ',';
        }

        _rowStarted = true;
    }

    private void Append(string text)
    {
        Ensure(text.Length);
        text.CopyTo(_buffer.AsSpan(_length));
        _length += text.Length;
    }

    private void Ensure(int more)
    {
        if (_length + more > _buffer.Length)
        {
            Array.Resize(ref _buffer, Math.Max(_buffer.Length * 2, _length + more));
        }
    }
}

namespace SmartCity.Domain.Coinr;

/// <content>The parallel part of a large read: the numbers parsed over the cores while the text is read.</content>
internal sealed partial class DatasetRows
{
    /// <summary>Starts parsing the numbers of the records from here on over the cores; see <see cref="Pipeline"/>.</summary>
    /// <param name="csv">The reader, whose stray quotes are from now on recorded by block.</param>
    /// <returns>The pipeline.</returns>
    public Pipeline StartParallel(CsvRecordReader csv) => new(this, csv);

    /// <summary>
    /// The numbers of a large read parsed over the cores. The reading thread stays sequential (RFC 4180 quotes can hold
    /// line breaks, so only it knows where a record ends): it tokenises each record, checks its width and unit code,
    /// gives it its row in the row blocks and keeps its attributes, as <see cref="Add"/> does, then copies the record's
    /// text and cell bounds into a block of records. A full block is parsed on the thread pool, straight into its rows,
    /// while the next one is read.
    /// </summary>
    /// <remarks>
    /// Every problem is reported as the sequential read reports it: each block keeps the problems found while reading
    /// (stray quotes, ragged rows, unit codes) and those found while parsing (<c>data.not-numeric</c>), each with the
    /// record it belongs to, and the blocks are merged into the read's collector in order, record by record, reading
    /// problems first. Limits are checked while reading, as before. At most two blocks per core are in flight; the
    /// blocks (by default 128 K characters of text or 32 K cells each, <see cref="ParallelReads"/>) are reused.
    /// </remarks>
    internal sealed class Pipeline
    {
        private readonly DatasetRows _rows;
        private readonly CsvRecordReader _csv;
        private readonly Queue<Block> _inFlight = new();
        private readonly Stack<Block> _free = new();
        private readonly int _maxInFlight = Math.Max(2, 2 * Environment.ProcessorCount);
        private Block _current;

        public Pipeline(DatasetRows rows, CsvRecordReader csv)
        {
            _rows = rows;
            _csv = csv;
            _current = new Block(rows);
            csv.Errors = _current.Errors;
        }

        /// <summary>Gets where the checks of the record just read record their problems.</summary>
        public ErrorCollector Errors => _current.Errors;

        /// <summary>Gets whether the oldest block must be parsed and merged (<see cref="Oldest"/>, <see cref="Retire"/>) before more is read.</summary>
        public bool Full => _inFlight.Count >= _maxInFlight;

        /// <summary>Gets whether blocks are still to be merged.</summary>
        public bool Pending => _inFlight.Count > 0;

        /// <summary>Gets the parsing of the oldest block in flight.</summary>
        public Task Oldest => _inFlight.Peek().Parsing!;

        /// <summary>Adds the current record (its width already checked): everything but its numbers now, its numbers with its block.</summary>
        public void Add(CsvRecordReader csv)
        {
            var block = _current;
            var code = _rows.Admit(csv, block.Errors, out var values, out var row);
            block.Append(csv, code, values, row);
            if (block.IsFull)
            {
                Send();
            }
        }

        /// <summary>Sends the last block, however small (it also holds the problems of the records after its last one).</summary>
        public void Close() => Send();

        /// <summary>Waits for the oldest block to be parsed (when an asynchronous read has not awaited <see cref="Oldest"/>), merges its problems into the read's, and reuses it.</summary>
        public void Retire()
        {
            var block = _inFlight.Peek();
            block.Parsing!.GetAwaiter().GetResult(); // rethrows a failure of the parsing itself
            _inFlight.Dequeue();
            block.MergeInto(_rows._errors);
            block.Reset();
            _free.Push(block);
        }

        /// <summary>After a failure: waits for the blocks still being parsed (so nothing runs after the read returns), and gives the reader back the read's collector.</summary>
        public void Abandon()
        {
            foreach (var block in _inFlight)
            {
                try
                {
                    block.Parsing!.Wait();
                }
                catch (AggregateException)
                {
                    // the read has already failed; its own exception is the one reported
                }
            }

            _inFlight.Clear();
            _csv.Errors = _rows._errors;
        }

        /// <summary>Asynchronously; see <see cref="Abandon"/>.</summary>
        public async Task AbandonAsync()
        {
            foreach (var block in _inFlight)
            {
                await block.Parsing!.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            }

            _inFlight.Clear();
            _csv.Errors = _rows._errors;
        }

        /// <summary>Gives the reader back the read's collector once every block is merged.</summary>
        public void Done() => _csv.Errors = _rows._errors;

        private void Send()
        {
            var block = _current;
            block.Parsing = Task.Run(block.Parse);
            _inFlight.Enqueue(block);
            _current = _free.Count > 0 ? _free.Pop() : new Block(_rows);
            _csv.Errors = _current.Errors;
        }
    }

    /// <summary>A block of records: their text and cell bounds, copied out of the reader's buffer, and where their numbers go.</summary>
    private sealed class Block
    {
        private readonly DatasetRows _rows;
        private readonly ErrorCollector _numbers = new();
        private readonly int _fullChars;
        private readonly int _fullCells;
        private char[] _text;
        private int _textLength;
        private int[] _starts;
        private int[] _ends;
        private bool[] _escaped;
        private int _cells;
        private int _records;
        private int[] _cellAt = new int[16];
        private int[] _shift = new int[16];
        private int[] _line = new int[16];
        private int[] _row = new int[16];
        private int[] _checksEnd = new int[16];
        private int[] _numbersEnd = new int[16];
        private double[]?[] _values = new double[16][];
        private string?[] _codes = new string[16];
        private char[] _scratch = new char[256];

        public Block(DatasetRows rows)
        {
            _rows = rows;
            _fullChars = rows._limits.Parallel.BlockChars;
            _fullCells = rows._limits.Parallel.BlockCells;
            _text = new char[Math.Clamp(2 * _fullChars, 256, 1 << 20)];
            _starts = new int[Math.Clamp(_fullCells, 64, 1 << 16)];
            _ends = new int[_starts.Length];
            _escaped = new bool[_starts.Length];
        }

        /// <summary>Gets the problems found while reading the block's records (stray quotes, ragged rows, unit codes), in order.</summary>
        public ErrorCollector Errors { get; } = new();

        /// <summary>Gets or sets the parsing of the block's numbers once it is sent.</summary>
        public Task? Parsing { get; set; }

        public bool IsFull => _textLength >= _fullChars || _cells >= _fullCells;

        /// <summary>Copies the current record in: its text, its cells' bounds, its line and unit code, and where its numbers go.</summary>
        public void Append(CsvRecordReader csv, string code, double[] values, int row)
        {
            var text = csv.RecordText;
            if (_textLength + text.Length > _text.Length)
            {
                Array.Resize(ref _text, Math.Max(_textLength + text.Length, 2 * _text.Length));
            }

            if (_cells + csv.Count > _starts.Length)
            {
                var size = Math.Max(_cells + csv.Count, 2 * _starts.Length);
                Array.Resize(ref _starts, size);
                Array.Resize(ref _ends, size);
                Array.Resize(ref _escaped, size);
            }

            var k = _records;
            if (k == _line.Length)
            {
                var size = 2 * k;
                Array.Resize(ref _cellAt, size);
                Array.Resize(ref _shift, size);
                Array.Resize(ref _line, size);
                Array.Resize(ref _row, size);
                Array.Resize(ref _checksEnd, size);
                Array.Resize(ref _numbersEnd, size);
                Array.Resize(ref _values, size);
                Array.Resize(ref _codes, size);
            }

            text.CopyTo(_text.AsSpan(_textLength));
            csv.CopyCells(_starts, _ends, _escaped, _cells);
            _cellAt[k] = _cells;
            _shift[k] = _textLength - csv.RecordOffset;
            _line[k] = csv.Line;
            _codes[k] = code;
            _values[k] = values;
            _row[k] = row;
            _checksEnd[k] = Errors.Count;
            _textLength += text.Length;
            _cells += csv.Count;
            _records++;
        }

        /// <summary>Parses every number of the block into its row (on a worker thread), as <see cref="Add"/> does.</summary>
        public void Parse()
        {
            var m = _rows._numeric.Count;
            var index = _rows._numericIndex;
            var stride = _rows._rowsPerBlock;
            var (text, starts, ends, escaped) = (_text, _starts, _ends, _escaped); // locals: the parser call would make the fields be read again per cell
            for (var k = 0; k < _records; k++)
            {
                var values = _values[k]!;
                var at = _cellAt[k];
                var shift = _shift[k];
                for (int c = 0, v = _row[k]; c < m; c++, v += stride)
                {
                    var i = at + index[c];
                    ReadOnlySpan<char> cell = text.AsSpan(starts[i] + shift, ends[i] - starts[i]);
                    if (escaped[i])
                    {
                        cell = CsvRecordReader.Unescape(cell, ref _scratch);
                    }

                    if (!CsvTable.TryParseNumber(cell, out values[v]))
                    {
                        _rows.NotNumeric(_numbers, _line[k], c, _codes[k]!, cell);
                        values[v] = double.NaN;
                    }
                }

                _numbersEnd[k] = _numbers.Count;
            }
        }

        /// <summary>Adds the block's problems to <paramref name="errors"/> in the order of a sequential read: record by record, its reading problems, then its numbers'.</summary>
        public void MergeInto(ErrorCollector errors)
        {
            var checks = 0;
            var numbers = 0;
            for (var k = 0; k < _records; k++)
            {
                errors.AddRange(Errors, checks, _checksEnd[k]);
                errors.AddRange(_numbers, numbers, _numbersEnd[k]);
                checks = _checksEnd[k];
                numbers = _numbersEnd[k];
            }

            errors.AddRange(Errors, checks, Errors.Count);
        }

        /// <summary>Empties the block for the next records.</summary>
        public void Reset()
        {
            Array.Clear(_values, 0, _records);
            Array.Clear(_codes, 0, _records);
            _textLength = 0;
            _cells = 0;
            _records = 0;
            Errors.Clear();
            _numbers.Clear();
            Parsing = null;
        }
    }
}

using System.Buffers;
using System.Globalization;
using System.Text;
using SmartCity.Domain.Validation;

namespace SmartCity.Domain.Coinr;

/// <summary>
/// Reads CSV records one at a time (comma separated, RFC 4180 quoting, <c>\n</c>, <c>\r\n</c> or <c>\r</c> line ends,
/// empty lines skipped) from a text reader into one reusable buffer: a cell is a span of that buffer, so reading
/// allocates nothing per cell and takes time linear in the size of the text.
/// </summary>
/// <remarks>
/// <para>A stray quote (<c>"Tw"o</c>: text after a closing quote, <c>Tw"o</c>: a quote inside an unquoted cell, or a
/// quoted cell that is never closed) is recorded as <c>csv.malformed</c> with its line and the cell read literally,
/// never guessed. Text with a NUL character (a binary file, a device) raises <see cref="InputRefusedException"/>
/// (<c>input.not-text</c>), and so does more text than the limit allows (<c>input.too-large</c>).</para>
/// <para>Spans returned by <see cref="Cell"/> are valid until the next read.</para>
/// </remarks>
internal sealed class CsvRecordReader
{
    private const int InitialBuffer = 1 << 20;

    private static readonly SearchValues<char> UnquotedStops = SearchValues.Create(",\r\n\"");

    private readonly TextReader _reader;
    private readonly long _maxChars;
    private readonly List<(int Line, int Start, int End)> _stray = [];
    private char[] _buffer = new char[InitialBuffer];
    private char[] _scratch = new char[256];
    private int _start;
    private int _recordStart;
    private int _end;
    private bool _eof;
    private long _charsRead;
    private int _line = 1;
    private int[] _cellStart = new int[64];
    private int[] _cellEnd = new int[64];
    private bool[] _cellEscaped = new bool[64];

    public CsvRecordReader(TextReader reader, string name, ErrorCollector errors, long maxChars)
    {
        _reader = reader;
        Name = name;
        Errors = errors;
        _maxChars = maxChars;
    }

    /// <summary>Gets or sets where stray quotes are recorded (a parallel read gives each block of records its own).</summary>
    public ErrorCollector Errors { get; set; }

    /// <summary>Gets the name used in messages.</summary>
    public string Name { get; }

    /// <summary>Gets the number of cells of the current record.</summary>
    public int Count { get; private set; }

    /// <summary>Gets the line the current record starts on (the header is line 1).</summary>
    public int Line { get; private set; }

    /// <summary>Gets the limit on the characters read.</summary>
    public long MaxChars => _maxChars;

    /// <summary>Gets a cell of the current record, its quotes removed (not trimmed).</summary>
    public ReadOnlySpan<char> Cell(int i)
    {
        var raw = _buffer.AsSpan(_cellStart[i], _cellEnd[i] - _cellStart[i]);
        return _cellEscaped[i] ? Unescape(raw, ref _scratch) : raw;
    }

    /// <summary>Gets the text of the current record, from its first character to after its line end.</summary>
    public ReadOnlySpan<char> RecordText => _buffer.AsSpan(_recordStart, _start - _recordStart);

    /// <summary>Gets where <see cref="RecordText"/> starts in the reader's buffer, the origin of the bounds <see cref="CopyCells"/> gives.</summary>
    public int RecordOffset => _recordStart;

    /// <summary>Copies the current record's cell bounds (start, end: offsets in the reader's buffer) and whether each cell holds doubled quotes, to index <paramref name="at"/> of the arrays.</summary>
    public void CopyCells(int[] starts, int[] ends, bool[] escaped, int at)
    {
        Array.Copy(_cellStart, 0, starts, at, Count);
        Array.Copy(_cellEnd, 0, ends, at, Count);
        Array.Copy(_cellEscaped, 0, escaped, at, Count);
    }

    /// <summary>The text of a quoted cell's inside with each doubled quote made single, in <paramref name="scratch"/> (grown when needed).</summary>
    public static ReadOnlySpan<char> Unescape(ReadOnlySpan<char> raw, ref char[] scratch)
    {
        if (scratch.Length < raw.Length)
        {
            scratch = new char[Math.Max(raw.Length, scratch.Length * 2)];
        }

        var n = 0;
        for (var k = 0; k < raw.Length; k++)
        {
            scratch[n++] = raw[k];
            if (raw[k] == '"' && k + 1 < raw.Length && raw[k + 1] == '"')
            {
                k++;
            }
        }

        return scratch.AsSpan(0, n);
    }

    /// <summary>Gets a cell as a string.</summary>
    public string CellString(int i) => Cell(i).ToString();

    /// <summary>Reads the next non-empty record.</summary>
    /// <returns>Whether there was one.</returns>
    public bool Read()
    {
        while (true)
        {
            switch (TryParse())
            {
                case Parse.Record: return true;
                case Parse.End: return false;
                case Parse.Blank: continue;
                default: Fill(); break;
            }
        }
    }

    /// <summary>Reads the next non-empty record; the text is read only with <see cref="TextReader.ReadAsync(Memory{char}, CancellationToken)"/>.</summary>
    /// <param name="cancellationToken">Checked before each read of the text.</param>
    /// <returns>Whether there was one.</returns>
    public async ValueTask<bool> ReadAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            switch (TryParse())
            {
                case Parse.Record: return true;
                case Parse.End: return false;
                case Parse.Blank: continue;
                default:
                    cancellationToken.ThrowIfCancellationRequested();
                    var free = Prepare();
                    int n;
                    try
                    {
                        n = await _reader.ReadAsync(free, cancellationToken).ConfigureAwait(false);
                    }
                    catch (DecoderFallbackException)
                    {
                        throw InputRefusedException.NotText(Name, "bytes that are not UTF-8");
                    }

                    Filled(n);
                    break;
            }
        }
    }

    private enum Parse
    {
        Record,
        Blank,
        NeedMore,
        End,
    }

    private void Fill()
    {
        var free = Prepare();
        int n;
        try
        {
            n = _reader.Read(free.Span);
        }
        catch (DecoderFallbackException)
        {
            throw InputRefusedException.NotText(Name, "bytes that are not UTF-8");
        }

        Filled(n);
    }

    /// <summary>Moves the unparsed text to the start of the buffer (growing it when one record fills it) and returns the free part.</summary>
    private Memory<char> Prepare()
    {
        if (_start > 0)
        {
            Array.Copy(_buffer, _start, _buffer, 0, _end - _start);
            _end -= _start;
            _start = 0;
        }

        if (_end == _buffer.Length)
        {
            Array.Resize(ref _buffer, checked(_buffer.Length * 2));
        }

        return _buffer.AsMemory(_end);
    }

    private void Filled(int n)
    {
        if (n == 0)
        {
            _eof = true;
            return;
        }

        _charsRead += n;
        if (_charsRead > _maxChars)
        {
            throw InputRefusedException.TooLarge(Name, _maxChars);
        }

        if (_buffer.AsSpan(_end, n).Contains('\0'))
        {
            throw InputRefusedException.NotText(Name, "it holds NUL bytes");
        }

        _end += n;
    }

    private Parse TryParse()
    {
        var buf = _buffer;
        var end = _end;
        var p = _start;
        if (p == end)
        {
            return _eof ? Parse.End : Parse.NeedMore;
        }

        var line = _line;
        var count = 0;
        _stray.Clear();
        while (true)
        {
            int cellStart, cellEnd;
            var escaped = false;
            if (p < end && buf[p] == '"')
            {
                var fieldStart = p;
                var q = p + 1;
                while (true)
                {
                    var k = buf.AsSpan(q, end - q).IndexOfAny('"', '\n');
                    if (k < 0)
                    {
                        if (!_eof)
                        {
                            return Parse.NeedMore;
                        }

                        // Never closed: the rest of the text is this cell, read literally.
                        _stray.Add((line, fieldStart, end));
                        cellStart = p + 1;
                        cellEnd = end;
                        p = end;
                        break;
                    }

                    q += k;
                    if (buf[q] == '\n')
                    {
                        line++;
                        q++;
                        continue;
                    }

                    if (q + 1 == end && !_eof)
                    {
                        return Parse.NeedMore;
                    }

                    if (q + 1 < end && buf[q + 1] == '"')
                    {
                        escaped = true;
                        q += 2;
                        continue;
                    }

                    cellStart = p + 1;
                    cellEnd = q;
                    q++;
                    if (q < end && buf[q] is not (',' or '\r' or '\n'))
                    {
                        // Text after the closing quote: the cell runs on to the next comma or line end, read literally.
                        var d = buf.AsSpan(q, end - q).IndexOfAny(',', '\r', '\n');
                        if (d < 0 && !_eof)
                        {
                            return Parse.NeedMore;
                        }

                        q = d < 0 ? end : q + d;
                        _stray.Add((line, fieldStart, q));
                        cellStart = fieldStart;
                        cellEnd = q;
                        escaped = false;
                    }

                    p = q;
                    break;
                }
            }
            else
            {
                cellStart = p;
                var strayed = false;
                while (true)
                {
                    var k = buf.AsSpan(p, end - p).IndexOfAny(UnquotedStops);
                    if (k < 0)
                    {
                        if (!_eof)
                        {
                            return Parse.NeedMore;
                        }

                        p = end;
                        break;
                    }

                    p += k;
                    if (buf[p] != '"')
                    {
                        break;
                    }

                    if (!strayed)
                    {
                        strayed = true;
                        _stray.Add((line, cellStart, -1));
                    }

                    p++;
                }

                cellEnd = p;
                if (strayed)
                {
                    _stray[^1] = (line, cellStart, cellEnd);
                }
            }

            if (count == _cellStart.Length)
            {
                Array.Resize(ref _cellStart, count * 2);
                Array.Resize(ref _cellEnd, count * 2);
                Array.Resize(ref _cellEscaped, count * 2);
            }

            _cellStart[count] = cellStart;
            _cellEnd[count] = cellEnd;
            _cellEscaped[count] = escaped;
            count++;

            if (p == end)
            {
                break; // end of the text (_eof is set: every other path returned NeedMore)
            }

            var c = buf[p];
            if (c == ',')
            {
                p++;
                if (p == end && !_eof)
                {
                    return Parse.NeedMore;
                }

                if (p == end)
                {
                    AddEmptyCell(ref count, end);
                    break;
                }

                continue;
            }

            if (c == '\r')
            {
                if (p + 1 == end && !_eof)
                {
                    return Parse.NeedMore;
                }

                p++;
                if (p < end && buf[p] == '\n')
                {
                    p++;
                }
            }
            else
            {
                p++;
            }

            line++;
            break;
        }

        Line = _line;
        _line = line;
        _recordStart = _start;
        _start = p;
        Count = count;
        foreach (var (strayLine, s, e) in _stray)
        {
            var text = Shorten(buf.AsSpan(s, e - s));
            Errors.Add(
                ErrorCodes.CsvMalformed,
                string.Create(CultureInfo.InvariantCulture, $"line {strayLine}"),
                string.Create(CultureInfo.InvariantCulture, $"{Name}: line {strayLine}: a stray quote in {text}: quote the whole cell and double the quotes inside it"));
        }

        return count == 1 && _cellEnd[0] == _cellStart[0] && _stray.Count == 0 ? Parse.Blank : Parse.Record;
    }

    private void AddEmptyCell(ref int count, int at)
    {
        if (count == _cellStart.Length)
        {
            Array.Resize(ref _cellStart, count * 2);
            Array.Resize(ref _cellEnd, count * 2);
            Array.Resize(ref _cellEscaped, count * 2);
        }

        _cellStart[count] = at;
        _cellEnd[count] = at;
        _cellEscaped[count] = false;
        count++;
    }

    /// <summary>Quotes a value for a message, cut to 40 characters.</summary>
    internal static string Shorten(ReadOnlySpan<char> field) =>
        field.Length <= 40 ? $"'{field}'" : $"'{field[..40]}…' ({field.Length.ToString(CultureInfo.InvariantCulture)} characters)";
}

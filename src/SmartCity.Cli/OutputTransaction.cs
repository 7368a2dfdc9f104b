using System.CommandLine;
using System.CommandLine.Parsing;
using System.Runtime.CompilerServices;
using System.Security.Cryptography;
using System.Text.Json;

namespace SmartCity.Cli;

/// <summary>
/// The outputs of one command run, written so that no data is lost: every output is written to a temporary file or
/// folder beside its destination and moved into place by <see cref="Commit"/>; disposing without committing (a failure,
/// Ctrl-C) deletes the temporaries and leaves every destination as it was.
/// </summary>
/// <remarks>
/// <para>An output may not be an input of the run, nor hold one, nor lie inside one (paths compared after resolving
/// symbolic links; without case on Windows and macOS): that is refused before anything is read or written.</para>
/// <para>An output folder holds one complete run: the new run is written into <c>.NAME.smartcity-tmp-ID</c> beside
/// it, with a manifest (<see cref="ManifestName"/>) listing every file, its size and SHA-256. On commit the previous
/// folder is renamed aside (<c>.NAME.smartcity-old-ID</c>), the new one renamed into place, and the files the previous
/// manifest lists deleted from the set-aside folder. A folder that holds anything its manifest does not list (or
/// that is not empty and has no manifest) was not made by this tool, and is refused: its files are never deleted.</para>
/// <para>A single-file output is written to <c>.NAME.smartcity-tmp-ID</c> beside it and renamed over it (atomic on
/// one file system). A file output inside a folder output is written as part of that folder's run.</para>
/// </remarks>
internal sealed class OutputTransaction : IDisposable
{
    /// <summary>The manifest every output folder holds: which run wrote it and which files it wrote.</summary>
    public const string ManifestName = "smartcity-manifest.json";

    private static readonly ConditionalWeakTable<Option, object> s_outputOptions = [];

    private readonly List<Target> _targets = [];
    private readonly List<string> _inputs;
    private readonly string _command;
    private readonly CancellationToken _cancellation;
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, (long Length, string Sha256, DateTime Written)> _hashed = new(StringComparer.Ordinal);
    private bool _committed;

    private OutputTransaction(List<string> inputs, string command, CancellationToken cancellation)
    {
        _inputs = inputs;
        _command = command;
        _cancellation = cancellation;
    }

    /// <summary>
    /// Creates a file inside a folder returned by <see cref="Folder"/> (or replaces it) whose SHA-256 is computed as it
    /// is written, so that the manifest need not read it back (a large run's outputs are more than a gigabyte). Safe to
    /// call from several threads.
    /// </summary>
    public Stream CreateFile(string folder, string name)
    {
        var path = Path.GetFullPath(Path.Combine(folder, name));
        return new HashingFileStream(path, (length, hash, written) => _hashed[path] = (length, hash, written));
    }

    /// <summary>Marks an option as naming an output, so that it is not taken for an input of the run.</summary>
    public static T MarkOutput<T>(T option)
        where T : Option
    {
        s_outputOptions.AddOrUpdate(option, option);
        return option;
    }

    /// <summary>Starts the outputs of a run: every file or folder option of the command not marked as an output is an input.</summary>
    public static OutputTransaction Begin(ParseResult result, CliContext context)
    {
        var inputs = new List<string>();
        foreach (var child in result.CommandResult.Children.OfType<OptionResult>())
        {
            var type = child.Option.ValueType;
            var isPath = typeof(FileSystemInfo).IsAssignableFrom(type) || typeof(FileSystemInfo[]).IsAssignableFrom(type);
            if (isPath && !s_outputOptions.TryGetValue(child.Option, out _))
            {
                inputs.AddRange(child.Tokens.Select(t => t.Value));
            }
        }

        return new OutputTransaction(inputs, result.CommandResult.Command.Name, context.Cancellation);
    }

    /// <summary>Starts the outputs of a run whose inputs are given explicitly (for tests and commands without options).</summary>
    public static OutputTransaction Begin(IEnumerable<string> inputs, string command, CancellationToken cancellation = default) =>
        new([.. inputs], command, cancellation);

    /// <summary>
    /// Registers an output folder; returns the temporary folder to write its files into (a folder inside an output folder
    /// registered before, such as <c>--plot out/plots</c> beside <c>--out out</c>, is written as part of that folder's run).
    /// </summary>
    /// <exception cref="CliException">The folder is an input, holds one or lies inside one; it is a file or another output of this run; or it holds files this tool did not write.</exception>
    public string Folder(string destination)
    {
        var full = Full(destination);
        CheckNotInput(destination, full);
        if (System.IO.File.Exists(full))
        {
            throw new CliException($"{destination}: is a file; --out needs a folder");
        }

        foreach (var t in _targets)
        {
            if (Same(t.Full, full))
            {
                throw new CliException($"{destination}: is also another output of this run");
            }

            if (Inside(t.Full, full))
            {
                throw new CliException($"{destination}: holds {t.Destination}, another output of this run; write them to separate places");
            }

            if (t.IsFolder && Inside(full, t.Full))
            {
                var inside = Path.Combine(t.Temp, Path.GetRelativePath(t.Full, full));
                Directory.CreateDirectory(inside);
                return inside;
            }
        }

        ForeignFiles(destination, full);
        var temp = CreateTemp(destination, full, folder: true);
        _targets.Add(new Target(destination, full, temp, IsFolder: true));
        return temp;
    }

    /// <summary>Registers an output file; returns the temporary path to write it to (inside a registered folder's temporary folder when the file lies in that folder).</summary>
    /// <exception cref="CliException">The file is an input or a folder, or it is one of the other outputs.</exception>
    public string File(string destination)
    {
        var full = Full(destination);
        CheckNotInput(destination, full);
        foreach (var t in _targets)
        {
            if (Same(t.Full, full))
            {
                throw new CliException($"{destination}: is also another output of this run");
            }

            if (t.IsFolder && Inside(full, t.Full))
            {
                var inside = Path.Combine(t.Temp, Path.GetRelativePath(t.Full, full));
                Directory.CreateDirectory(Path.GetDirectoryName(inside)!);
                return inside;
            }
        }

        if (Directory.Exists(full))
        {
            throw new CliException($"{destination}: is a folder, not a file");
        }

        var temp = CreateTemp(destination, full, folder: false);
        _targets.Add(new Target(destination, full, temp, IsFolder: false));
        return temp;
    }

    /// <summary>
    /// Writes the manifests and moves every output into place (folders, then files); returns one line per destination
    /// saying what was written. If moving one output fails, those already moved are moved back: every destination is
    /// left with the previous run.
    /// </summary>
    /// <exception cref="OperationCanceledException">The run was cancelled before the outputs were moved into place (nothing changed).</exception>
    /// <exception cref="CliException">A destination changed meanwhile (files not written by this tool appeared) or cannot be replaced; every destination keeps its previous content.</exception>
    public IReadOnlyList<string> Commit()
    {
        ObjectDisposedException.ThrowIf(_committed, this);
        var manifests = new Dictionary<Target, List<string>>();
        foreach (var t in _targets.Where(t => t.IsFolder))
        {
            _cancellation.ThrowIfCancellationRequested();
            manifests[t] = WriteManifest(t.Temp);
            ForeignFiles(t.Destination, t.Full);
        }

        _cancellation.ThrowIfCancellationRequested();
        var done = new List<(Target Target, string? Aside)>();
        foreach (var t in _targets.OrderBy(t => t.IsFolder ? 0 : 1))
        {
            try
            {
                done.Add((t, MoveIntoPlace(t)));
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                RollBack(done);
                throw new CliException($"{t.Destination}: cannot write: {ex.Message}; no output was changed", ex);
            }
        }

        _committed = true;
        var lines = new List<string>();
        foreach (var (t, aside) in done)
        {
            if (aside is not null)
            {
                if (t.IsFolder)
                {
                    DeleteOldRun(aside);
                }
                else
                {
                    TryDelete(aside);
                }
            }
        }

        foreach (var t in _targets)
        {
            lines.Add(t.IsFolder ? $"wrote {string.Join(", ", manifests[t])} to {t.Destination} (listed in {ManifestName})" : $"wrote {t.Destination}");
        }

        return lines;
    }

    /// <summary>Moves one output into place; returns where the previous content was set aside, if there was any.</summary>
    private static string? MoveIntoPlace(Target t)
    {
        var aside = Path.Combine(Path.GetDirectoryName(t.Full)!, $".{Path.GetFileName(t.Full)}.smartcity-old-{Guid.NewGuid().ToString("N")[..8]}");
        if (t.IsFolder)
        {
            if (!Directory.Exists(t.Full))
            {
                Directory.Move(t.Temp, t.Full);
                return null;
            }

            Directory.Move(t.Full, aside);
            try
            {
                Directory.Move(t.Temp, t.Full);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                Directory.Move(aside, t.Full);
                throw;
            }

            return aside;
        }

        if (!System.IO.File.Exists(t.Full))
        {
            System.IO.File.Move(t.Temp, t.Full);
            return null;
        }

        // One rename over the old file (atomic on one file system); the old content is kept aside until every output is in place.
        System.IO.File.Replace(t.Temp, t.Full, aside, ignoreMetadataErrors: true);
        return aside;
    }

    /// <summary>Puts back the previous content of the destinations already replaced (the new content goes back to its temporary).</summary>
    private static void RollBack(List<(Target Target, string? Aside)> done)
    {
        for (var i = done.Count - 1; i >= 0; i--)
        {
            var (t, aside) = done[i];
            try
            {
                if (t.IsFolder)
                {
                    Directory.Move(t.Full, t.Temp);
                    if (aside is not null)
                    {
                        Directory.Move(aside, t.Full);
                    }
                }
                else if (aside is not null)
                {
                    System.IO.File.Move(aside, t.Full, overwrite: true);
                }
                else
                {
                    System.IO.File.Delete(t.Full);
                }
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                // Nothing more can be done here: the previous content is still in its set-aside folder or file, named in the error.
            }
        }
    }

    private static void TryDelete(string file)
    {
        try
        {
            System.IO.File.Delete(file);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // The new output is in place; the old one stays beside it.
        }
    }

    /// <summary>Deletes every temporary file and folder not moved into place.</summary>
    public void Dispose()
    {
        foreach (var t in _targets)
        {
            try
            {
                if (t.IsFolder && Directory.Exists(t.Temp))
                {
                    Directory.Delete(t.Temp, recursive: true);
                }
                else if (!t.IsFolder && System.IO.File.Exists(t.Temp))
                {
                    System.IO.File.Delete(t.Temp);
                }
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                // Best effort: a temporary that cannot be deleted is left beside the destination, never inside it.
            }
        }

        _committed = true;
    }

    /// <summary>Returns the canonical form of a path: absolute, every symbolic link along it resolved.</summary>
    internal static string Canonical(string path, int depth = 0)
    {
        var full = Path.GetFullPath(path);
        if (depth > 40)
        {
            return full;
        }

        var root = Path.GetPathRoot(full) ?? string.Empty;
        var current = root;
        foreach (var part in full[root.Length..].Split(Path.DirectorySeparatorChar, StringSplitOptions.RemoveEmptyEntries))
        {
            var next = Path.Combine(current, part);
            try
            {
                FileSystemInfo info = Directory.Exists(next) ? new DirectoryInfo(next) : new FileInfo(next);
                if (info.LinkTarget is not null && info.ResolveLinkTarget(returnFinalTarget: true) is { } target)
                {
                    next = Canonical(target.FullName, depth + 1);
                }
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                // A link loop or an unreadable link: compare the path as it is.
            }

            current = next;
        }

        return current;
    }

    private static StringComparison PathComparison =>
        OperatingSystem.IsWindows() || OperatingSystem.IsMacOS() ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal;

    private static bool Same(string a, string b) => string.Equals(a, b, PathComparison);

    private static bool Inside(string path, string folder) =>
        path.Length > folder.Length && path.StartsWith(folder.TrimEnd(Path.DirectorySeparatorChar) + Path.DirectorySeparatorChar, PathComparison);

    private static string Full(string destination)
    {
        try
        {
            return Canonical(destination);
        }
        catch (Exception ex) when (ex is ArgumentException or NotSupportedException or PathTooLongException)
        {
            throw new CliException($"{destination}: not a usable path: {ex.Message}", ex);
        }
    }

    private void CheckNotInput(string destination, string full)
    {
        foreach (var input in _inputs)
        {
            var canonical = Canonical(input);
            if (Same(canonical, full) || Inside(canonical, full) || Inside(full, canonical))
            {
                var relation = Same(canonical, full) ? "is" : Inside(canonical, full) ? "holds" : "lies inside";
                throw new CliException($"{destination}: the output {relation} the input {input}; write the output elsewhere");
            }
        }
    }

    /// <summary>Throws unless the folder is absent, empty, or holds exactly the files its manifest lists.</summary>
    private static void ForeignFiles(string destination, string full)
    {
        if (!Directory.Exists(full))
        {
            return;
        }

        var present = Directory.EnumerateFiles(full, "*", SearchOption.AllDirectories).Select(f => Path.GetRelativePath(full, f).Replace('\\', '/')).ToList();
        if (present.Count == 0)
        {
            return;
        }

        var listed = ReadManifest(Path.Combine(full, ManifestName));
        if (listed is null)
        {
            throw new CliException($"{destination}: the folder is not empty and was not written by smartcity (no {ManifestName}); give a new or empty folder");
        }

        var foreign = present.Where(p => p != ManifestName && !listed.Contains(p)).ToList();
        if (foreign.Count > 0)
        {
            throw new CliException($"{destination}: holds {foreign.Count} file(s) smartcity did not write ({string.Join(", ", foreign.Take(3))}{(foreign.Count > 3 ? ", …" : string.Empty)}); move them away or give another folder");
        }
    }

    private static HashSet<string>? ReadManifest(string path)
    {
        try
        {
            using var stream = System.IO.File.OpenRead(path);
            using var doc = JsonDocument.Parse(stream);
            if (doc.RootElement.ValueKind != JsonValueKind.Object
                || !doc.RootElement.TryGetProperty("tool", out var tool) || tool.ValueKind != JsonValueKind.String || tool.GetString() != "smartcity"
                || !doc.RootElement.TryGetProperty("files", out var files) || files.ValueKind != JsonValueKind.Array)
            {
                return null;
            }

            var names = new HashSet<string>(StringComparer.Ordinal);
            foreach (var f in files.EnumerateArray())
            {
                if (f.ValueKind != JsonValueKind.Object || !f.TryGetProperty("name", out var name) || name.ValueKind != JsonValueKind.String)
                {
                    return null;
                }

                names.Add(name.GetString()!);
            }

            return names;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or JsonException)
        {
            return null;
        }
    }

    private List<string> WriteManifest(string folder)
    {
        var files = Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(folder, f).Replace('\\', '/'))
            .Where(f => f != ManifestName)
            .Order(StringComparer.Ordinal)
            .ToList();
        try
        {
            // The files' SHA-256: as computed while they were written (CreateFile), when the file is still the one
            // written (same length and time); otherwise read back, over the cores.
            var hashes = new string[files.Count];
            var lengths = new long[files.Count];
            var failures = new Exception?[files.Count];
            Parallel.For(0, files.Count, new ParallelOptions { CancellationToken = _cancellation }, i =>
            {
                try
                {
                    var path = Path.GetFullPath(Path.Combine(folder, files[i]));
                    var info = new FileInfo(path);
                    lengths[i] = info.Length;
                    if (_hashed.TryGetValue(path, out var known) && known.Length == info.Length && known.Written == info.LastWriteTimeUtc)
                    {
                        hashes[i] = known.Sha256;
                        return;
                    }

                    using var content = System.IO.File.OpenRead(path);
                    hashes[i] = Convert.ToHexStringLower(SHA256.HashData(content));
                }
                catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
                {
                    failures[i] = ex;
                }
            });
            if (Array.Find(failures, f => f is not null) is { } failure)
            {
                System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(failure);
            }

            using var stream = System.IO.File.Create(Path.Combine(folder, ManifestName));
            using var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true });
            json.WriteStartObject();
            json.WriteString("tool", "smartcity");
            json.WriteString("version", typeof(OutputTransaction).Assembly.GetName().Version?.ToString() ?? string.Empty);
            json.WriteString("command", _command);
            json.WriteStartArray("files");
            for (var i = 0; i < files.Count; i++)
            {
                json.WriteStartObject();
                json.WriteString("name", files[i]);
                json.WriteNumber("bytes", lengths[i]);
                json.WriteString("sha256", hashes[i]);
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new CliException($"{folder}: cannot write: {ex.Message}", ex);
        }

        return files;
    }

    private static string CreateTemp(string destination, string full, bool folder)
    {
        var parent = Path.GetDirectoryName(full) ?? throw new CliException($"{destination}: cannot write to the root of a file system");
        var temp = Path.Combine(parent, $".{Path.GetFileName(full)}.smartcity-tmp-{Guid.NewGuid().ToString("N")[..8]}");
        try
        {
            Directory.CreateDirectory(parent);
            if (folder)
            {
                Directory.CreateDirectory(temp);
            }
            else
            {
                using (System.IO.File.Create(temp))
                {
                }
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or NotSupportedException)
        {
            throw new CliException($"{destination}: cannot write: {ex.Message}", ex);
        }

        return temp;
    }

    /// <summary>Deletes the files the set-aside run's manifest lists, then its empty folders; anything else stays.</summary>
    private static void DeleteOldRun(string old)
    {
        try
        {
            var listed = ReadManifest(Path.Combine(old, ManifestName)) ?? [];
            foreach (var name in listed.Append(ManifestName))
            {
                var path = Path.Combine(old, name);
                if (Inside(Path.GetFullPath(path), old) && System.IO.File.Exists(path))
                {
                    System.IO.File.Delete(path);
                }
            }

            foreach (var dir in Directory.EnumerateDirectories(old, "*", SearchOption.AllDirectories).OrderByDescending(d => d.Length).Append(old))
            {
                if (!Directory.EnumerateFileSystemEntries(dir).Any())
                {
                    Directory.Delete(dir);
                }
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // The new run is in place; what is left of the old one stays in its set-aside folder.
        }
    }

    private sealed record Target(string Destination, string Full, string Temp, bool IsFolder);
}

/// <summary>
/// A new file whose SHA-256 is computed from the bytes written to it; reported once, when it is closed. Large files are
/// streamed to disk as they are written (<see cref="StreamedWriteback"/>).
/// </summary>
internal sealed class HashingFileStream : Stream
{
    private readonly FileStream _file;
    private readonly IncrementalHash _hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
    private readonly Action<long, string, DateTime> _closed;
    private readonly StreamedWriteback? _writeback;
    private bool _disposed;

    public HashingFileStream(string path, Action<long, string, DateTime> closed)
    {
        _file = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16);
        _closed = closed;
        _writeback = StreamedWriteback.For(_file);
    }

    public override bool CanRead => false;

    public override bool CanSeek => false;

    public override bool CanWrite => true;

    public override long Length => _file.Length;

    /// <summary>The bytes handed to the disk while writing (<see cref="StreamedWriteback.Handed"/>).</summary>
    public long Streamed => _writeback?.Handed ?? 0;

    public override long Position { get => _file.Position; set => throw new NotSupportedException(); }

    public override void Flush() => _file.Flush();

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        _hash.AppendData(buffer);
        _file.Write(buffer);
        if (_writeback is not null && _writeback.Due(_file.Position))
        {
            _file.Flush();
            _writeback.Advance(_file.Position);
        }
    }

    public override void WriteByte(byte value) => Write([value]);

    protected override void Dispose(bool disposing)
    {
        if (disposing && !_disposed)
        {
            _disposed = true;
            using (_hash)
            {
                long length;
                using (_file)
                {
                    _file.Flush();
                    length = _file.Length;
                }

                // After the file is closed, so that its write time is final.
                _closed(length, Convert.ToHexStringLower(_hash.GetHashAndReset()), File.GetLastWriteTimeUtc(_file.Name));
            }
        }

        base.Dispose(disposing);
    }
}

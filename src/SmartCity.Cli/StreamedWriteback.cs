using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;

namespace SmartCity.Cli;

/// <summary>
/// Streams a large output file to disk as it is written, on Linux: every <see cref="Chunk"/> bytes the kernel is asked
/// to start writing the chunk just written (<c>sync_file_range</c>), waits for the chunk before it, and drops that one
/// from the page cache (<c>posix_fadvise(DONTNEED)</c>). A result of gigabytes then holds two chunks of the page cache
/// instead of all of it: it does not push the user's cached files out, nor pile up dirty pages for the kernel to
/// throttle, and the cache pages it uses are reused while still warm (on a VM whose host reclaims freed memory, new
/// pages cost about 3 s per GB of kernel time; measured in docs/benchmarks.md).
/// </summary>
/// <remarks>
/// Advisory only: the bytes written are the same either way. Files smaller than one chunk are never touched (no system
/// call); on other systems, or where the calls are not supported (a pipe, a file system without them, a libc without
/// <c>sync_file_range</c>), it turns itself off. A write error that the kernel reports while waiting is thrown as an
/// <see cref="IOException"/>, as the file's close would report it.
/// </remarks>
internal sealed partial class StreamedWriteback
{
    /// <summary>Bytes per chunk: 16 MB (two chunks per file in the page cache at most).</summary>
    public const long Chunk = 16L << 20;

    private const uint WaitBefore = 1;
    private const uint Write = 2;
    private const uint WaitAfter = 4;
    private const int DontNeed = 4;

    private readonly SafeFileHandle _handle;
    private readonly string _path;
    private long _start;
    private long _previousStart = -1;
    private long _previousLength;
    private bool _enabled = true;

    private StreamedWriteback(SafeFileHandle handle, string path)
    {
        _handle = handle;
        _path = path;
    }

    /// <summary>Returns a writeback for <paramref name="file"/>, or <see langword="null"/> where it does not apply (not Linux).</summary>
    public static StreamedWriteback? For(FileStream file) =>
        OperatingSystem.IsLinux() && Environment.GetEnvironmentVariable("SMARTCITY_STREAMED_WRITES") != "0"
            ? new StreamedWriteback(file.SafeFileHandle, file.Name)
            : null;

    /// <summary>The bytes handed to the disk so far (0 while the file is under a chunk, or where this is off).</summary>
    public long Handed => _start;

    /// <summary>Whether <paramref name="position"/> (bytes written so far) completes a chunk not yet handed on.</summary>
    public bool Due(long position) => _enabled && position - _start >= Chunk;

    /// <summary>
    /// Hands the bytes up to <paramref name="position"/> to the disk (the caller has flushed them to the file), and
    /// releases the chunk before them once it is written.
    /// </summary>
    public void Advance(long position)
    {
        try
        {
            if (SyncFileRange(_handle, _start, position - _start, Write) != 0)
            {
                Failed(Marshal.GetLastPInvokeError());
                return;
            }

            if (_previousStart >= 0)
            {
                if (SyncFileRange(_handle, _previousStart, _previousLength, WaitBefore | Write | WaitAfter) != 0)
                {
                    Failed(Marshal.GetLastPInvokeError());
                    return;
                }

                // Advice: its result does not change what is written.
                _ = PosixFadvise(_handle, _previousStart, _previousLength, DontNeed);
            }

            _previousStart = _start;
            _previousLength = position - _start;
            _start = position;
        }
        catch (Exception ex) when (ex is DllNotFoundException or EntryPointNotFoundException)
        {
            _enabled = false;
        }
    }

    private void Failed(int errno)
    {
        // EIO, ENOSPC: the disk refused the bytes; anything else (EINVAL, ESPIPE, ENOSYS, EOPNOTSUPP …): not supported here.
        const int EIO = 5, ENOSPC = 28;
        _enabled = false;
        if (errno is EIO or ENOSPC)
        {
            throw new IOException($"{_path}: {(errno == EIO ? "input/output error" : "no space left on device")} while writing");
        }
    }

    [LibraryImport("libc.so.6", EntryPoint = "sync_file_range", SetLastError = true)]
    private static partial int SyncFileRange(SafeFileHandle fd, long offset, long count, uint flags);

    [LibraryImport("libc.so.6", EntryPoint = "posix_fadvise")]
    private static partial int PosixFadvise(SafeFileHandle fd, long offset, long length, int advice);
}

using System.Runtime.InteropServices;
using System.Text;
using AdminServer.Engine.Native;
using Microsoft.Win32.SafeHandles;

namespace AdminServer.Engine.Processes;

/// <summary>
/// One program's captured output (Supervisor's stdout_logfile with redirect_stderr): the server reads the
/// program's stdout+stderr pipe on a thread of its own ("adminserver-log", one per running instance, never an
/// engine loop) and appends to the file; past <see cref="MaxBytes"/> the file is rotated to NAME.log.1 (older
/// ones shift up, the oldest beyond <see cref="Backups"/> is deleted; with no backups it is truncated).
/// Every member of the group writes into the same pipe, so the reader ends when the last of them has gone.
/// </summary>
public sealed unsafe class ProgramLog
{
    private readonly Lock _gate = new();
    private FileStream? _file;

    public ProgramLog(string path, long maxBytes, int backups)
    {
        Path = path;
        MaxBytes = maxBytes;
        Backups = backups;
    }

    public string Path { get; }
    public long MaxBytes { get; set; }
    public int Backups { get; set; }

    /// <summary>A pipe whose write end the program gets as stdout and stderr; the read end is drained into the file.</summary>
    internal (int ReadFd, int WriteFd) CreatePipe()
    {
        int* fds = stackalloc int[2];
        // Close-on-exec on both ends: no other child inherits them (a leaked write end would keep the reader from
        // ever seeing EOF); posix_spawn's dup2 gives the program its own copy as fd 1 and 2.
        if (LibC.Pipe2(fds, Consts.O_CLOEXEC) != 0) throw new ErrnoException("pipe2", (Errno)Marshal.GetLastPInvokeError());
        return (fds[0], fds[1]);
    }

    /// <summary>Drains <paramref name="readFd"/> into the file until every writer has closed it; owns the fd.</summary>
    internal void Drain(int readFd, string program)
    {
        var thread = new Thread(() =>
        {
            try
            {
                using var pipe = new FileStream(new SafeFileHandle(readFd, ownsHandle: true), FileAccess.Read, 0);
                var buffer = new byte[16 * 1024];
                int n;
                while ((n = pipe.Read(buffer, 0, buffer.Length)) > 0) Write(buffer.AsSpan(0, n));
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // The disk is full or the directory went away: the program keeps running, its output is lost.
                Console.Error.WriteLine($"program {program}: output capture stopped: {e.Message}");
            }
        })
        { IsBackground = true, Name = "adminserver-log" };
        thread.Start();
    }

    /// <summary>
    /// Appends output; what does not fit under the cap goes into a fresh file after a rotation, cut after the last
    /// newline that fits when there is one (so lines stay whole unless one is longer than the cap).
    /// </summary>
    public void Write(ReadOnlySpan<byte> data)
    {
        lock (_gate)
        {
            _file ??= Open();
            while (data.Length > 0)
            {
                long room = MaxBytes - _file.Length;
                if (room >= data.Length)
                {
                    _file.Write(data);
                    break;
                }
                int take = (int)Math.Max(0, room);
                int newline = data[..take].LastIndexOf((byte)'\n');
                if (newline >= 0) take = newline + 1;
                else if (_file.Length > 0) take = 0; // start the line in the next file
                _file.Write(data[..take]);
                data = data[take..];
                Rotate();
                _file = Open();
            }
            _file.Flush();
        }
    }

    private FileStream Open()
    {
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(Path)!);
        return new FileStream(Path, FileMode.Append, FileAccess.Write, FileShare.ReadWrite | FileShare.Delete);
    }

    private void Rotate()
    {
        _file!.Dispose();
        _file = null;
        if (Backups == 0)
        {
            File.WriteAllBytes(Path, []);
            return;
        }
        File.Delete($"{Path}.{Backups}");
        for (int i = Backups - 1; i >= 1; i--)
            if (File.Exists($"{Path}.{i}")) File.Move($"{Path}.{i}", $"{Path}.{i + 1}", overwrite: true);
        File.Move(Path, $"{Path}.1", overwrite: true);
    }

    /// <summary>
    /// The last <paramref name="lines"/> lines (the rotated file's end first when the current one has fewer),
    /// reading at most <paramref name="maxBytes"/> from the end of each file. Empty when nothing was written yet.
    /// </summary>
    public IReadOnlyList<string> Tail(int lines, int maxBytes = 1 << 20)
    {
        var current = TailOf(Path, lines, maxBytes);
        if (current.Count >= lines) return current;
        var older = TailOf($"{Path}.1", lines - current.Count, maxBytes);
        return [.. older, .. current];
    }

    private static List<string> TailOf(string path, int lines, int maxBytes)
    {
        if (lines <= 0) return [];
        try
        {
            using var f = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            long start = Math.Max(0, f.Length - maxBytes);
            f.Position = start;
            var bytes = new byte[f.Length - start];
            f.ReadExactly(bytes);
            var text = Encoding.UTF8.GetString(bytes);
            var all = text.Split('\n');
            // A last empty piece is the final newline; a first piece cut by maxBytes is not a whole line.
            int end = all.Length > 0 && all[^1].Length == 0 ? all.Length - 1 : all.Length;
            int first = start > 0 ? 1 : 0;
            return all[Math.Max(first, end - lines)..end].ToList();
        }
        catch (FileNotFoundException) { return []; }
        catch (DirectoryNotFoundException) { return []; }
    }
}

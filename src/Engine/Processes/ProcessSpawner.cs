using System.Runtime.InteropServices;
using System.Text;
using AdminServer.Engine.Native;

namespace AdminServer.Engine.Processes;

/// <summary>
/// Starts a program with posix_spawn as the leader of a new process group (POSIX_SPAWN_SETPGROUP
/// with pgroup 0, like Supervisor's setpgrp()), so the group can be signalled as one with kill(-pgid).
/// System.Diagnostics.Process cannot set the process group, hence the direct call.
/// </summary>
internal static unsafe class ProcessSpawner
{
    /// <summary>
    /// Spawns the program and returns its pid (which is also its pgid); throws <see cref="ErrnoException"/>.
    /// <paramref name="outputFd"/> (the write end of the server's capture pipe) becomes its stdout and stderr;
    /// -1 sends both to /dev/null.
    /// </summary>
    public static int Spawn(ProgramOptions program, int outputFd = -1)
    {
        var argv = program.EffectiveArgv;
        // posix_spawnp searches PATH only for names without a slash, as execvp does.
        bool searchPath = !argv[0].Contains('/');
        var env = BuildEnvironment(program.Environment);
        var strings = new List<nint>();
        byte* attr = stackalloc byte[LibC.PosixSpawnAttrSize];
        byte* actions = stackalloc byte[LibC.PosixSpawnFileActionsSize];
        byte* noSignals = stackalloc byte[LibC.SigSetSize];
        byte* allSignals = stackalloc byte[LibC.SigSetSize];
        Check(LibC.PosixSpawnAttrInit(attr), "posix_spawnattr_init");
        try
        {
            Check(LibC.PosixSpawnFileActionsInit(actions), "posix_spawn_file_actions_init");
            try
            {
                // The child starts with an empty signal mask and every signal at its default action:
                // the runtime ignores SIGPIPE, and ignored dispositions survive exec, which would make
                // `yes | head` spin forever in the child.
                LibC.SigEmptySet(noSignals);
                LibC.SigFillSet(allSignals);
                Check(LibC.PosixSpawnAttrSetFlags(attr, (short)(LibC.POSIX_SPAWN_SETPGROUP | LibC.POSIX_SPAWN_SETSIGMASK | LibC.POSIX_SPAWN_SETSIGDEF)), "posix_spawnattr_setflags");
                Check(LibC.PosixSpawnAttrSetPGroup(attr, 0), "posix_spawnattr_setpgroup");
                Check(LibC.PosixSpawnAttrSetSigMask(attr, noSignals), "posix_spawnattr_setsigmask");
                Check(LibC.PosixSpawnAttrSetSigDefault(attr, allSignals), "posix_spawnattr_setsigdefault");

                // Actions run in order in the child: chdir first, then stdin from /dev/null,
                // stdout+stderr to the capture pipe (dup2 clears its close-on-exec) or /dev/null, and no other fd.
                if (!string.IsNullOrEmpty(program.WorkingDirectory))
                    Check(LibC.PosixSpawnFileActionsAddChdir(actions, Utf8(program.WorkingDirectory, strings)), "posix_spawn_file_actions_addchdir_np");
                Check(LibC.PosixSpawnFileActionsAddOpen(actions, 0, Utf8("/dev/null", strings), Consts.O_RDONLY, 0), "posix_spawn_file_actions_addopen stdin");
                if (outputFd >= 0)
                    Check(LibC.PosixSpawnFileActionsAddDup2(actions, outputFd, 1), "posix_spawn_file_actions_adddup2 stdout");
                else
                    Check(LibC.PosixSpawnFileActionsAddOpen(actions, 1, Utf8("/dev/null", strings), LibC.O_WRONLY, 0), "posix_spawn_file_actions_addopen stdout");
                Check(LibC.PosixSpawnFileActionsAddDup2(actions, 1, 2), "posix_spawn_file_actions_adddup2");
                Check(LibC.PosixSpawnFileActionsAddCloseFrom(actions, 3), "posix_spawn_file_actions_addclosefrom_np");

                byte** argvp = NullTerminated(argv, strings);
                byte** envp = NullTerminated(env, strings);
                int pid;
                int rc = searchPath
                    ? LibC.PosixSpawnP(&pid, argvp[0], actions, attr, argvp, envp)
                    : LibC.PosixSpawn(&pid, argvp[0], actions, attr, argvp, envp);
                // glibc reports a failed chdir/open/exec in the child as the return value (and reaps that child).
                if (rc != 0) throw new ErrnoException($"posix_spawn {argv[0]}", (Errno)rc);
                return pid;
            }
            finally
            {
                LibC.PosixSpawnFileActionsDestroy(actions);
            }
        }
        finally
        {
            LibC.PosixSpawnAttrDestroy(attr);
            foreach (var p in strings) NativeMemory.Free((void*)p);
        }
    }

    /// <summary>The server's environment with the program's variables added or replaced.</summary>
    private static List<string> BuildEnvironment(IReadOnlyDictionary<string, string> overrides)
    {
        var env = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (System.Collections.DictionaryEntry e in Environment.GetEnvironmentVariables())
            env[(string)e.Key] = (string?)e.Value ?? "";
        foreach (var (k, v) in overrides) env[k] = v;
        return env.Select(kv => $"{kv.Key}={kv.Value}").ToList();
    }

    private static byte** NullTerminated(IReadOnlyList<string> items, List<nint> owned)
    {
        var array = (byte**)NativeMemory.AllocZeroed((nuint)(items.Count + 1), (nuint)sizeof(nint));
        owned.Add((nint)array);
        for (int i = 0; i < items.Count; i++) array[i] = Utf8(items[i], owned);
        return array;
    }

    private static byte* Utf8(string s, List<nint> owned)
    {
        int n = Encoding.UTF8.GetByteCount(s);
        var p = (byte*)NativeMemory.Alloc((nuint)n + 1);
        owned.Add((nint)p);
        Encoding.UTF8.GetBytes(s, new Span<byte>(p, n));
        p[n] = 0;
        return p;
    }

    private static void Check(int rc, string call)
    {
        if (rc != 0) throw new ErrnoException(call, (Errno)rc);
    }
}

// Stack buffers (request paths, realpath, pread chunks) are always written before they are read: the JIT need not
// zero them first, which for the HTTP path's 8 KiB path buffer would be work on every file request.
[module: System.Runtime.CompilerServices.SkipLocalsInit]

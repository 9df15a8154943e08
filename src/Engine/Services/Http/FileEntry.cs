namespace AdminServer.Engine.Services.Http;

/// <summary>
/// A file the service has looked at: its header lines encoded once (Content-Type, Content-Length,
/// Last-Modified, ETag), its validators for conditional requests, and its body when small enough to
/// keep in memory (larger ones are sent with sendfile). Immutable: a changed file gets a new entry.
/// </summary>
internal sealed record FileEntry(
    string FullPath,
    byte[] Headers,
    byte[] LastModified,
    byte[] ETag,
    long Length,
    byte[]? Body,
    DateTime WrittenUtc,
    long CheckedAtMs);

namespace AdminServer.Engine.Services.Http;

/// <summary>
/// What the parser took from one request head: spans into the received bytes (valid during the
/// session call that parsed them), the headers the service acts on, and the status to refuse it
/// with when it is malformed (0 when it is fine).
/// </summary>
internal ref struct HttpRequestHead
{
    public int Error;
    public ReadOnlySpan<byte> Method;
    public ReadOnlySpan<byte> Target;
    public bool Http11;
    public int HostCount;
    public long ContentLength; // -1: none
    public bool TransferEncoding;
    public bool ConnectionClose;
    public bool ConnectionKeepAlive;
    public ReadOnlySpan<byte> IfModifiedSince;
    public ReadOnlySpan<byte> IfNoneMatch;
}

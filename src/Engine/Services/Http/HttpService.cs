namespace AdminServer.Engine.Services.Http;

/// <summary>
/// HTTP/1.1 static files and /plaintext on the engine: one <see cref="HttpSession"/> (an incremental
/// parser and responder) per connection; keep-alive and request timeouts held in the engine's timer structure.
/// </summary>
public sealed class HttpService : IService
{
    private volatile HttpOptions _options;
    private volatile StaticFiles _files;

    public HttpService(HttpOptions options)
    {
        _options = options;
        _files = new StaticFiles(options.Root);
    }

    public string Name => "http";

    public HttpOptions Options => _options;
    internal StaticFiles Files => _files;
    internal HttpDate Date { get; } = new();
    internal HttpStats Stats { get; } = new();

    public string Root => _files.Root;

    public ISession OpenSession() => new HttpSession(this);

    public TimeSpan? IdleTimeout => TimeSpan.FromSeconds(_options.KeepAliveSeconds);

    public TimeSpan? RequestTimeout => TimeSpan.FromSeconds(_options.RequestTimeoutSeconds);

    public HttpStatsSnapshot Snapshot() => Stats.Snapshot();

    /// <summary>New limits and timeouts apply to the next request; a new root starts with an empty cache.</summary>
    public void Apply(HttpOptions options)
    {
        if (options.Root != _options.Root) _files = new StaticFiles(options.Root);
        _options = options;
    }
}

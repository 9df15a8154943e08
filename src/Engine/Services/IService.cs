namespace AdminServer.Engine.Services;

/// <summary>
/// The application behind a listener. It opens one <see cref="ISession"/> per connection; a
/// stateless service (echo, discard) may hand every connection the same session.
/// </summary>
public interface IService
{
    string Name { get; }

    ISession OpenSession();

    /// <summary>How long a connection may stay silent between requests (HTTP keep-alive); null: the engine's Engine:IdleTimeoutSeconds.</summary>
    TimeSpan? IdleTimeout => null;

    /// <summary>How long a request may take to arrive once it started (slowloris); null: no limit. Needs an <see cref="ITimedSession"/>.</summary>
    TimeSpan? RequestTimeout => null;
}

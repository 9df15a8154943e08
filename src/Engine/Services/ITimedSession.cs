namespace AdminServer.Engine.Services;

/// <summary>
/// A session with a request timeout (the service's <see cref="IService.RequestTimeout"/>): the engine's
/// timer structure holds its deadline, and when it passes with the request still incomplete the session
/// writes its answer (HTTP 408) and the connection closes.
/// </summary>
public interface ITimedSession : ISession
{
    /// <summary>0 between requests; otherwise the monotonic ms (<see cref="ISessionOutput.NowMs"/>) at which the current request started.</summary>
    long RequestStartedMs { get; }

    /// <summary>The request did not complete in time: write the answer; the engine sends what it can and closes.</summary>
    void OnRequestTimeout(ISessionOutput output);
}

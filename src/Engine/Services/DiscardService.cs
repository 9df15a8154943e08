namespace AdminServer.Engine.Services;

/// <summary>RFC 863: every byte received is thrown away. Stateless: one session serves every connection.</summary>
public sealed class DiscardService : IService, ISession
{
    public string Name => "discard";

    public ISession OpenSession() => this;

    public int OnData(ReadOnlySpan<byte> input, ISessionOutput output) => input.Length;
}

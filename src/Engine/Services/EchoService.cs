namespace AdminServer.Engine.Services;

/// <summary>RFC 862: every byte received is sent back. Stateless: one session serves every connection.</summary>
public sealed class EchoService : IService, ISession
{
    public string Name => "echo";

    public ISession OpenSession() => this;

    public int OnData(ReadOnlySpan<byte> input, ISessionOutput output)
    {
        output.Write(input);
        return input.Length;
    }
}

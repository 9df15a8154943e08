using System.Net.Sockets;
using AdminServer.Engine.Config;
using AdminServer.UnitTests.Support;

namespace AdminServer.UnitTests.Engine;

public class AdminCloseTests
{
    [Fact]
    public async Task Closing_a_connection_by_id_gives_the_client_EOF_and_records_the_reason()
    {
        await using var server = await TestEngine.StartAsync(new ConnectionMode(TriggerMode.LT, false, EventModel.Reactor));
        using var s = await LoopbackClient.ConnectAsync(server.EchoPort);
        await TestEngine.WaitUntil(() => server.Engine.GetState().Connections == 1, "the connection to appear");
        var row = Assert.Single(await server.Engine.GetConnectionsAsync());
        Assert.Equal(s.LocalEndPoint!.ToString(), row.Remote);

        Assert.True(await server.Engine.CloseConnectionAsync(row.Id));
        Assert.Equal(0, await s.ReceiveAsync(new byte[8], SocketFlags.None).WaitAsync(TimeSpan.FromSeconds(10)));
        Assert.Equal("closed by admin", server.Engine.RecentlyClosed.Single().Reason);
        Assert.False(await server.Engine.CloseConnectionAsync(row.Id));
    }
}

using System.Net;

namespace AdminServer.AdminUi.Security;

/// <summary>
/// The peer address of a request, as the key for rate limits and the "@address" of audit actors.
/// IPv4 clients of a dual-stack socket appear as ::ffff:a.b.c.d; they are the same client as a.b.c.d.
/// No forwarding header is trusted: the admin is not meant to sit behind a proxy.
/// </summary>
public static class ClientAddress
{
    public static IPAddress Of(HttpContext context)
    {
        var address = context.Connection.RemoteIpAddress ?? IPAddress.None;
        return address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address;
    }
}

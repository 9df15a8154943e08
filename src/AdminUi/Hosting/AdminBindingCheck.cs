namespace AdminServer.AdminUi.Hosting;

/// <summary>
/// The admin listens on 127.0.0.1 unless told otherwise. Listening anywhere else is allowed
/// (Admin:Url) but worth a warning at every start: the console can change the engine, signal
/// processes and read the audit trail, and only the password stands in front of it.
/// </summary>
public static class AdminBindingCheck
{
    public static void WarnIfExposed(IEnumerable<string> boundAddresses, ILogger logger)
    {
        foreach (var address in boundAddresses)
        {
            string host = AdminOptions.HostOf(address);
            if (AdminOptions.IsLoopback(host)) continue;
            logger.LogWarning("The admin console and API listen on {Address}, which is not a loopback address: anyone who can reach it " +
                "can try the password. Set Admin:Url to http://127.0.0.1:PORT unless this is intended (and set Admin:AllowedHosts).", address);
        }
    }
}

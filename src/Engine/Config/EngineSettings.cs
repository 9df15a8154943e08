using AdminServer.Engine.Demux;

namespace AdminServer.Engine.Config;

/// <summary>The three runtime-switchable choices that must fit together: pattern, connection mode, demultiplexer.</summary>
internal readonly record struct EngineSettings(ConcurrencyKind Pattern, ConnectionMode Mode, PollerKind Poller)
{
    public enum Step { Pattern, Mode, Poller }

    private static readonly Step[][] Orders =
    [
        [Step.Pattern, Step.Mode, Step.Poller], [Step.Pattern, Step.Poller, Step.Mode],
        [Step.Mode, Step.Pattern, Step.Poller], [Step.Mode, Step.Poller, Step.Pattern],
        [Step.Poller, Step.Pattern, Step.Mode], [Step.Poller, Step.Mode, Step.Pattern],
    ];

    /// <summary>
    /// An order of the three steps from <paramref name="from"/> to <paramref name="to"/> in which every
    /// intermediate combination makes sense (both ends do, so one always exists for these rules).
    /// </summary>
    public static Step[] Order(EngineSettings from, EngineSettings to)
    {
        foreach (var order in Orders)
        {
            var now = from;
            bool fine = true;
            foreach (var step in order)
            {
                now = step switch
                {
                    Step.Pattern => now with { Pattern = to.Pattern },
                    Step.Mode => now with { Mode = to.Mode },
                    _ => now with { Poller = to.Poller },
                };
                if (SettingRules.Conflict(now.Pattern, now.Mode, now.Poller) is not null) { fine = false; break; }
            }
            if (fine) return order;
        }
        return Orders[0];
    }
}

namespace AdminServer.Engine.Config;

/// <summary>The three runtime-switchable settings that decide how a connection is driven.</summary>
public readonly record struct ConnectionMode(TriggerMode Trigger, bool OneShot, EventModel Model)
{
    public override string ToString() => $"{Trigger}{(OneShot ? "+ONESHOT" : "")}/{Model}";
}

namespace AdminServer.Engine.Loop;

internal enum LoopCommandKind : byte
{
    Run,
    WorkDone,
    Returned,
}

using AdminServer.E2eTests.Support;

namespace AdminServer.E2eTests.Console;

/// <summary>
/// The console tests share one server and one Chromium (starting them is most of the cost on a
/// 2-core machine) and run one after another; each test has its own browser context.
/// </summary>
[CollectionDefinition(Name)]
public sealed class ConsoleCollection : ICollectionFixture<ConsoleFixture>
{
    public const string Name = "console";
}

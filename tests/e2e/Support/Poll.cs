namespace AdminServer.E2eTests.Support;

/// <summary>Bounded polling of what the real server reports, for state it reaches asynchronously.</summary>
public static class Poll
{
    /// <summary>
    /// Reads until <paramref name="done"/> holds or <paramref name="seconds"/> pass, and returns the
    /// last value read either way: the caller's assertions then say what was seen.
    /// </summary>
    public static async Task<T> UntilAsync<T>(Func<Task<T>> read, Func<T, bool> done, double seconds = 5)
    {
        var deadline = DateTime.UtcNow.AddSeconds(seconds);
        T value = await read();
        while (!done(value) && DateTime.UtcNow < deadline)
        {
            await Task.Delay(25);
            value = await read();
        }
        return value;
    }
}

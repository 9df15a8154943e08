using AdminServer.Engine.Buffers;

namespace AdminServer.UnitTests.Buffers;

public class ByteQueueTests
{
    [Fact]
    public void Bytes_come_out_in_the_order_they_went_in_across_segments()
    {
        var q = new ByteQueue();
        var rng = new Random(1);
        var model = new List<byte>();
        for (int step = 0; step < 2000; step++)
        {
            if (rng.Next(3) > 0)
            {
                var chunk = new byte[rng.Next(0, 40_000)];
                rng.NextBytes(chunk);
                q.Append(chunk);
                model.AddRange(chunk);
            }
            else if (!q.IsEmpty)
            {
                var head = q.Peek();
                int n = rng.Next(1, head.Length + 1);
                Assert.Equal(model.Take(n), head[..n].ToArray());
                q.Consume(n);
                model.RemoveRange(0, n);
            }
            Assert.Equal(model.Count, q.Length);
        }
        var rest = new ByteQueue();
        q.MoveTo(rest);
        Assert.True(q.IsEmpty);
        Assert.Equal(model.Count, rest.Length);
        rest.Clear();
        Assert.True(rest.IsEmpty);
    }

    [Fact]
    public void Consuming_more_than_is_queued_is_refused()
    {
        var q = new ByteQueue();
        q.Append([1, 2, 3]);
        Assert.Throws<ArgumentOutOfRangeException>(() => q.Consume(4));
    }
}

using Coo.Shared.Kernel;

namespace Coo.UnitTests;

public sealed class SnowflakeIdGeneratorTests
{
    [Fact]
    public void Ids_are_unique_and_increasing_even_many_per_millisecond()
    {
        var generator = new SnowflakeIdGenerator(7, TimeProvider.System);

        var ids = Enumerable.Range(0, 50_000).Select(_ => generator.NextId()).ToArray();

        Assert.Equal(ids.Length, ids.Distinct().Count());
        Assert.True(ids.Zip(ids.Skip(1)).All(pair => pair.First < pair.Second));
    }

    [Fact]
    public void Two_generators_with_different_numbers_never_collide()
    {
        var first = new SnowflakeIdGenerator(1, TimeProvider.System);
        var second = new SnowflakeIdGenerator(2, TimeProvider.System);

        var ids = Enumerable.Range(0, 10_000).SelectMany(_ => new[] { first.NextId(), second.NextId() }).ToArray();

        Assert.Equal(ids.Length, ids.Distinct().Count());
    }

    [Fact]
    public void Later_ids_sort_after_earlier_ones()
    {
        var clock = new ManualClock(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));
        var generator = new SnowflakeIdGenerator(SnowflakeIdGenerator.MaxGeneratorId, clock);
        var early = generator.NextId();

        clock.Now += TimeSpan.FromMilliseconds(1);

        Assert.True(generator.NextId() > early);
        Assert.True(early > 0);
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(SnowflakeIdGenerator.MaxGeneratorId + 1)]
    public void Generator_numbers_outside_the_ten_bits_are_refused(int generatorId) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new SnowflakeIdGenerator(generatorId, TimeProvider.System));

    private sealed class ManualClock(DateTimeOffset now) : TimeProvider
    {
        public DateTimeOffset Now { get; set; } = now;

        public override DateTimeOffset GetUtcNow() => Now;
    }
}

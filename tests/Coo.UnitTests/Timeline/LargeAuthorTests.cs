using Coo.Modules.Timeline.Domain;
using Microsoft.Extensions.Time.Testing;

namespace Coo.UnitTests.Timeline;

public sealed class LargeAuthorTests
{
    private static readonly TimeSpan SwitchDelay = TimeSpan.FromMinutes(1);

    [Theory]
    [InlineData(10_000, false)]
    [InlineData(10_001, true)]
    [InlineData(0, false)]
    public void An_author_is_large_with_more_followers_than_the_threshold(int followers, bool large) =>
        Assert.Equal(large, LargeAuthor.IsLarge(followers, largeAuthorFollowers: 10_000));

    [Fact]
    public void A_newly_large_author_is_still_fanned_out_until_the_switch_delay_has_passed()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 3, 29, 0, 59, 30, TimeSpan.Zero));
        var author = new LargeAuthor(7, time.GetUtcNow());

        Assert.False(SkipsFanOut(author, time));
        time.Advance(SwitchDelay - TimeSpan.FromTicks(1));
        Assert.False(SkipsFanOut(author, time));
        time.Advance(TimeSpan.FromTicks(1));
        Assert.True(SkipsFanOut(author, time));
        time.Advance(TimeSpan.FromDays(400));
        Assert.True(SkipsFanOut(author, time));
    }

    [Fact]
    public void Without_a_switch_delay_the_author_is_merged_at_read_time_at_once()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 10, 25, 1, 0, 0, TimeSpan.Zero));

        Assert.True(LargeAuthor.SkipsFanOutAt(time.GetUtcNow(), TimeSpan.Zero).Compile()(new LargeAuthor(7, time.GetUtcNow())));
    }

    [Fact]
    public void The_switch_compares_instants_whatever_offset_they_were_written_with()
    {
        var since = new DateTimeOffset(2026, 3, 29, 3, 0, 0, TimeSpan.FromHours(2)); // 01:00 UTC
        var author = new LargeAuthor(7, since);

        Assert.False(LargeAuthor.SkipsFanOutAt(new DateTimeOffset(2026, 3, 29, 1, 0, 59, TimeSpan.Zero), SwitchDelay).Compile()(author));
        Assert.True(LargeAuthor.SkipsFanOutAt(new DateTimeOffset(2026, 3, 29, 1, 1, 0, TimeSpan.Zero), SwitchDelay).Compile()(author));
    }

    private static bool SkipsFanOut(LargeAuthor author, TimeProvider time) =>
        LargeAuthor.SkipsFanOutAt(time.GetUtcNow(), SwitchDelay).Compile()(author);
}

using Coo.Shared.Kernel;

namespace Coo.UnitTests;

public sealed class UserTextTests
{
    [Fact]
    public void Clean_trims_and_composes_to_NFC()
    {
        Assert.Equal("caf\u00e9", UserText.Clean("  cafe\u0301\n"));
        Assert.Equal("", UserText.Clean(null));
    }

    [Theory]
    [InlineData("abc", 3)]
    [InlineData("👍🏽", 1)]
    [InlineData("🇳🇱🇯🇵", 2)]
    [InlineData("👩‍👩‍👧‍👦", 1)]
    [InlineData("e\u0301", 1)]
    public void Length_counts_user_perceived_characters(string text, int expected) =>
        Assert.Equal(expected, UserText.PerceivedLength(text));

    [Theory]
    [InlineData("tab\there", false, true)]
    [InlineData("two\nlines", true, false)]
    [InlineData("two\nlines", false, true)]
    [InlineData("bell\u0007", true, true)]
    [InlineData("plain", false, false)]
    public void Control_characters_are_detected(string text, bool allowLineBreaks, bool expected) =>
        Assert.Equal(expected, UserText.HasControlCharacters(text, allowLineBreaks));
}

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
    [InlineData("a\ufffe")]
    [InlineData("a\uffff ")]
    public void Clean_never_throws_and_leaves_unacceptable_text_for_the_validators(string text) =>
        Assert.Equal(text.Trim(), UserText.Clean(text));

    [Theory]
    [InlineData("abc", 3)]
    [InlineData("👍🏽", 1)]
    [InlineData("🇳🇱🇯🇵", 2)]
    [InlineData("👩‍👩‍👧‍👦", 1)]
    [InlineData("e\u0301", 1)]
    public void Length_counts_user_perceived_characters(string text, int expected) =>
        Assert.Equal(expected, UserText.PerceivedLength(text));

    [Theory]
    [InlineData("plain", false, true)]
    [InlineData("two\nlines", true, true)]
    [InlineData("two\r\nlines", true, true)]
    [InlineData("two\nlines", false, false)]
    [InlineData("tab\there", true, false)]
    [InlineData("bell\u0007", true, false)]
    [InlineData("nul\u0000", true, false)]
    [InlineData("next line\u0085", true, false)]
    [InlineData("\ufffe", true, false)]
    [InlineData("\uffff", true, false)]
    [InlineData("\ufdd0", true, false)]
    [InlineData("\ufdef", true, false)]
    [InlineData("\ud83f\udffe", true, false)]
    [InlineData("\udbff\udfff", true, false)]
    [InlineData("👩‍👩‍👧 \u200f\u05e9\u05dc\u05d5\u05dd \u202e", false, true)]
    [InlineData("\ufdcf\ufdf0\ufffd\U0010fffd", false, true)]
    public void Only_characters_people_type_are_acceptable(string text, bool allowLineBreaks, bool expected) =>
        Assert.Equal(expected, UserText.IsAcceptable(text, allowLineBreaks));

    /// <summary>Built at run time: theory data would reach the test with each lone surrogate replaced by U+FFFD.</summary>
    [Fact]
    public void Unpaired_surrogates_are_not_acceptable_and_Clean_leaves_them_to_the_validators()
    {
        var (high, low) = ((char)0xD800, (char)0xDC00);
        foreach (var text in new[] { $"high{high}", $"{low}low", $"{high}{high}", $"{low}{high}", $"a{high}b" })
        {
            Assert.False(UserText.IsAcceptable(text, allowLineBreaks: true), $"U+{(int)text[^1]:X4}");
            Assert.Equal(text, UserText.Clean($" {text} "));
        }

        Assert.True(UserText.IsAcceptable($"{high}{low}", allowLineBreaks: false));
    }
}

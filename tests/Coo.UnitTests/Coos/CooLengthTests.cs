using Coo.Modules.Coos.Contracts;
using Coo.Modules.Coos.Domain;

namespace Coo.UnitTests.Coos;

public sealed class CooLengthTests
{
    [Theory]
    [InlineData("plain words", 11)]
    [InlineData("👍🏽 and e\u0301", 7)]
    [InlineData("http://a.b", CooLimits.CharactersPerUrl)]
    [InlineData("see https://example.org/a/very/long/path/that/goes/on/and/on?with=a&query=string#and-a-fragment.", 4 + CooLimits.CharactersPerUrl + 1)]
    [InlineData("two: http://a.b https://c.d", 5 + CooLimits.CharactersPerUrl + 1 + CooLimits.CharactersPerUrl)]
    [InlineData("no link in mail@http://a.b or #taghttp://a.b", 44)]
    [InlineData("#x\u0301https://a.b", 13)]
    [InlineData("https://a.b" + ")))", CooLimits.CharactersPerUrl + 3)]
    [InlineData("(https://en.wikipedia.org/wiki/Coo_(sound))", 1 + CooLimits.CharactersPerUrl + 1)]
    public void A_link_counts_as_the_published_number_of_characters_whatever_its_length(string text, int expected)
    {
        Assert.Equal(expected, CooLength.Of(text));
    }
}

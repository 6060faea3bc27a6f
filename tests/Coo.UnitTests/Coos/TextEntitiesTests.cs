using Coo.Modules.Coos.Contracts;
using Coo.Modules.Coos.Domain;
using CsCheck;

namespace Coo.UnitTests.Coos;

public sealed class TextEntitiesTests
{
    [Fact]
    public void Mentions_hashtags_and_links_are_found_with_their_places_in_utf16_code_units()
    {
        const string text = "😀 @ada look: #Coo_2026 at https://example.org/a?b=1#frag.";

        var entities = TextEntities.Parse(text);

        Assert.Equal([new MentionEntity(3, 7, 0, "ada")], entities.Mentions);
        Assert.Equal([new HashtagEntity(14, 23, "coo_2026")], entities.Hashtags);
        Assert.Equal([new UrlEntity(27, 57, "https://example.org/a?b=1#frag")], entities.Urls);
        Assert.Equal("@ada", text[3..7]);
    }

    [Theory]
    [InlineData("mail me at ada@example.org", "")]
    [InlineData("@ada, @grace_h and @x", "ada grace_h x")]
    [InlineData("@sixteen_letters_ is too long", "")]
    [InlineData("@@ada", "")]
    [InlineData("(@ada)", "ada")]
    public void A_mention_is_a_whole_username_after_a_boundary(string text, string expected)
    {
        Assert.Equal(expected, string.Join(' ', TextEntities.Parse(text).Mentions.Select(m => m.Username)));
    }

    [Theory]
    [InlineData("#Coo #COO #ｃｏｏ", "coo coo coo")]
    [InlineData("#2026 is no tag, #2026年 is", "2026年")]
    [InlineData("Straße #Straße #नमस्ते", "straße नमस्ते")]
    [InlineData("&#39; and a#b are not tags", "")]
    [InlineData("#tag,#other.", "tag other")]
    [InlineData("#e\u0301t\u00e9", "\u00e9t\u00e9")]
    public void Hashtags_are_letters_digits_and_underscores_compared_in_one_form(string text, string expected)
    {
        Assert.Equal(expected, string.Join(' ', TextEntities.Parse(text).Hashtags.Select(t => t.Tag)));
    }

    [Fact]
    public void Normalising_refuses_what_is_no_tag_without_throwing()
    {
        Assert.Null(Hashtag.Normalize("a\uFFFEb"));
        Assert.Null(Hashtag.Normalize("a\uD800"));
        Assert.Null(Hashtag.Normalize("a\u0001"));
        Assert.Null(Hashtag.Normalize(new string('a', Hashtag.MaxLength + 1)));
        Assert.Equal("coo", Hashtag.Normalize("ＣＯＯ"));
    }

    [Theory]
    [InlineData("see https://example.org.", "https://example.org")]
    [InlineData("(see https://en.wikipedia.org/wiki/Coo_(bird))", "https://en.wikipedia.org/wiki/Coo_(bird)")]
    [InlineData("(https://example.org/a)", "https://example.org/a")]
    [InlineData("HTTP://EXAMPLE.ORG/#notatag @notamention", "HTTP://EXAMPLE.ORG/#notatag")]
    [InlineData("ftp://example.org and https:// alone", "")]
    public void A_link_ends_where_its_sentence_goes_on_and_hides_what_is_inside_it(string text, string expected)
    {
        var entities = TextEntities.Parse(text);

        Assert.Equal(expected, string.Join(' ', entities.Urls.Select(u => u.Url)));
        Assert.DoesNotContain(entities.Hashtags, t => t.Tag == "notatag");
    }

    [Fact]
    public void Only_mentions_of_existing_users_are_kept_spelled_as_the_user_spells_their_name()
    {
        var entities = TextEntities.Parse("@ADA and @nobody and @Ada").WithMentionsOf([(42, "Ada")]);

        Assert.Equal([new MentionEntity(0, 4, 42, "Ada"), new MentionEntity(21, 25, 42, "Ada")], entities.Mentions);
    }

    [Fact]
    public void Every_entity_is_the_text_at_its_place_and_none_overlap()
    {
        var pieces = Gen.OneOf(Gen.Const("@ada"), Gen.Const("#tag"), Gen.Const("https://x.org/p"), Gen.Const(" "), Gen.Const("😀"),
            Gen.Const("é"), Gen.Const("."), Gen.Const("("), Gen.Const(")"), Gen.Char.AlphaNumeric.Select(c => c.ToString()), Gen.Const("#"), Gen.Const("@"));
        pieces.Array[0, 30].Select(p => string.Concat(p)).Sample(text =>
        {
            var entities = TextEntities.Parse(text);
            var spans = entities.Mentions.Select(m => (m.Start, m.End)).Concat(entities.Hashtags.Select(t => (t.Start, t.End)))
                .Concat(entities.Urls.Select(u => (u.Start, u.End))).OrderBy(s => s.Start).ToList();
            return entities.Mentions.All(m => text[m.Start..m.End] == "@" + m.Username)
                && entities.Hashtags.All(t => text[t.Start] == '#' && Hashtag.Normalize(text[(t.Start + 1)..t.End]) == t.Tag)
                && entities.Urls.All(u => text[u.Start..u.End] == u.Url)
                && spans.Zip(spans.Skip(1)).All(pair => pair.First.End <= pair.Second.Start);
        });
    }
}

using Coo.Host.Composition;
using Coo.Shared.Infrastructure.Persistence;
using Coo.Shared.Infrastructure.Security;
using Coo.Shared.Infrastructure.Web;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Coo.UnitTests.Paging;

public sealed class PagingTests
{
    private const string List = "/api/v1/users/olga/followers";

    [Fact]
    public void Without_limit_and_cursor_a_page_is_twenty_from_the_newest()
    {
        Assert.True(Coo.Shared.Infrastructure.Web.Paging.TryRead(Request(), limit: null, cursor: null, out var size, out var before, out var problem));

        Assert.Equal(20, size);
        Assert.Null(before);
        Assert.Null(problem);
    }

    [Theory]
    [InlineData(1, true)]
    [InlineData(100, true)]
    [InlineData(0, false)]
    [InlineData(101, false)]
    [InlineData(-5, false)]
    public void A_limit_from_1_to_100_is_accepted(int limit, bool accepted)
    {
        Assert.Equal(accepted, Coo.Shared.Infrastructure.Web.Paging.TryRead(Request(), limit, cursor: null, out _, out _, out var problem));
        Assert.Equal(accepted, problem is null);
        if (problem is not null)
        {
            Assert.Equal(["limit"], problem.ProblemDetails.Errors.Keys);
        }
    }

    [Fact]
    public void A_page_shorter_than_asked_for_is_the_last_one()
    {
        var http = Request();

        var (page, next) = Coo.Shared.Infrastructure.Web.Paging.TakePage(http, [30L, 20L, 10L], pageSize: 3, key: id => id);

        Assert.Equal([30L, 20L, 10L], page);
        Assert.Null(next);
        Assert.False(http.Response.Headers.ContainsKey("Link"));
    }

    [Fact]
    public void One_row_more_than_the_page_makes_a_cursor_after_the_pages_last_item_and_a_next_link()
    {
        var http = Request();

        var (page, next) = Coo.Shared.Infrastructure.Web.Paging.TakePage(http, [40L, 30L, 20L, 10L], pageSize: 3, key: id => id);

        Assert.Equal([40L, 30L, 20L], page);
        Assert.NotNull(next);
        Assert.Equal($"<https://coo.example.org{List}?limit=3&cursor={next}>; rel=\"next\"", http.Response.Headers.Link.ToString());
        Assert.True(Coo.Shared.Infrastructure.Web.Paging.TryRead(Request(), 3, next, out _, out var before, out _));
        Assert.Equal(20, before);
    }

    [Fact]
    public void The_next_link_keeps_the_requests_filters_but_not_its_paging_whatever_their_case()
    {
        var http = Request();
        http.Request.QueryString = new QueryString("?kind=like&LIMIT=5&Cursor=old&kind=reply%20x");

        var (_, next) = Coo.Shared.Infrastructure.Web.Paging.TakePage(http, [2L, 1L], pageSize: 1, key: id => id);

        Assert.Equal($"<https://coo.example.org{List}?limit=1&kind=like&kind=reply%20x&cursor={next}>; rel=\"next\"", http.Response.Headers.Link.ToString());
    }

    [Fact]
    public void A_cursor_of_another_users_list_is_refused_and_one_of_the_same_list_in_another_case_taken()
    {
        var (_, next) = Coo.Shared.Infrastructure.Web.Paging.TakePage(Request(), [2L, 1L], pageSize: 1, key: id => id);

        Assert.False(Coo.Shared.Infrastructure.Web.Paging.TryRead(Request("/api/v1/users/ivan/followers"), null, next, out _, out _, out _));
        Assert.True(Coo.Shared.Infrastructure.Web.Paging.TryRead(Request("/api/v1/users/OLGA/followers"), null, next, out _, out var before, out _));
        Assert.Equal(2, before);
    }

    [Fact]
    public void A_cursor_of_another_list_is_a_validation_problem_on_cursor()
    {
        var http = Request();
        var (_, next) = Coo.Shared.Infrastructure.Web.Paging.TakePage(http, [2L, 1L], pageSize: 1, key: id => id);

        Assert.False(Coo.Shared.Infrastructure.Web.Paging.TryRead(Request("/api/v1/users/olga/following"), null, next, out _, out var before, out var problem));

        Assert.Null(before);
        Assert.Equal(["cursor"], problem!.ProblemDetails.Errors.Keys);
    }

    [Fact]
    public void A_bad_limit_and_a_bad_cursor_are_both_reported()
    {
        Assert.False(Coo.Shared.Infrastructure.Web.Paging.TryRead(Request(), 0, "forged", out _, out _, out var problem));

        Assert.Equal(["cursor", "limit"], problem!.ProblemDetails.Errors.Keys.Order());
    }

    private static DefaultHttpContext Request(string path = List)
    {
        var services = new ServiceCollection()
            .AddLogging()
            .AddLocalization()
            .AddSingleton<ProblemTexts>()
            .AddSingleton(new CursorProtector(AuthSettings.From(
                new ConfigurationBuilder().AddInMemoryCollection([new("Auth:SigningKey", "a-signing-key-long-enough-for-hs256-tokens")]).Build(),
                new DatabaseSettings(DatabaseProvider.PostgreSql, "Host=x", true),
                isDevelopment: false)))
            .AddSingleton(new PublicBaseUrl(new Uri("https://coo.example.org")))
            .BuildServiceProvider();
        var http = new DefaultHttpContext { RequestServices = services };
        http.Request.Path = path;
        return http;
    }
}

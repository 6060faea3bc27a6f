namespace Coo.IntegrationTests.Security;

/// <summary>The operator's <c>admin</c> command, run as a process against the database a running host uses.</summary>
[Collection(SerialCollection.Name)]
public sealed class AdminCommandTests
{
    [Fact]
    public async Task The_admin_command_grants_lists_and_revokes_existing_accounts_and_refuses_unknown_names()
    {
        await using var factory = new CooApiFactory(TestProvider.Sqlite);
        using var client = factory.CreateClient();
        await client.CreateUserAsync("ada");
        var folder = Path.GetDirectoryName(new Microsoft.Data.Sqlite.SqliteConnectionStringBuilder(factory.ConnectionString).DataSource)!;
        var settings = new Dictionary<string, string>
        {
            ["Database__Provider"] = "Sqlite",
            ["ConnectionStrings__Coo"] = factory.ConnectionString,
            ["Auth__SigningKey"] = CooApiFactory.SigningKey,
        };

        var unknown = await OperatorCommand.RunAsync(folder, settings, "admin", "grant", "nobody");
        var grant = await OperatorCommand.RunAsync(folder, settings, "admin", "grant", "Ada");
        var list = await OperatorCommand.RunAsync(folder, settings, "admin", "list");
        using var asAdmin = await client.SendAsAsync(HttpMethod.Get, "/api/v1/admin/stats", (await SignInAsync(client)).AccessToken);

        Assert.Equal(1, unknown.ExitCode);
        Assert.Contains("No account is named 'nobody'", unknown.Error, StringComparison.Ordinal);
        Assert.True(grant.ExitCode == 0, grant.Error);
        Assert.Contains("ada is now an administrator", grant.Output, StringComparison.Ordinal);
        Assert.Equal(["ada"], list.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        Assert.Equal(HttpStatusCode.OK, asAdmin.StatusCode);

        var revoke = await OperatorCommand.RunAsync(folder, settings, "admin", "revoke", "ada");
        using var afterRevoke = await client.SendAsAsync(HttpMethod.Get, "/api/v1/admin/stats", (await SignInAsync(client)).AccessToken);
        var usage = await OperatorCommand.RunAsync(folder, settings, "admin", "promote", "ada");

        Assert.True(revoke.ExitCode == 0, revoke.Error);
        Assert.Equal(HttpStatusCode.Forbidden, afterRevoke.StatusCode);
        Assert.Equal(64, usage.ExitCode);
        Assert.Contains("Usage: Coo.Host admin grant <username>", usage.Error, StringComparison.Ordinal);
    }

    private static async Task<Tokens> SignInAsync(HttpClient client)
    {
        using var response = await client.SignInAsync("ada");
        return (await response.Content.ReadFromJsonAsync<Tokens>())!;
    }
}

using System.Text.Json;
using Coo.Shared.Infrastructure.Configuration;
using Coo.Shared.Infrastructure.Security;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.JsonWebTokens;

namespace Coo.IntegrationTests.Security;

/// <summary>Administration is a role an operator grants to an existing account, carried in the access token.</summary>
[Collection(ApiCollection.Name)]
public sealed class AdminRoleTests(ApiFixture fixture)
{
    private static readonly string[] AdminOnly = ["/api/v1/admin/stats", "/metrics", "/hangfire"];

    [Theory, Providers]
    public async Task Registering_an_admin_sounding_name_grants_nothing(TestProvider provider)
    {
        using var client = (await fixture.StartAsync(provider)).CreateClient();

        // admin_user was the tests' configured administrator name: whoever registered it first became one.
        foreach (var name in new[] { "admin_user", "admin", "administrator", "root" })
        {
            var user = await client.CreateUserAsync(name);

            Assert.DoesNotContain(new JsonWebToken(user.Tokens.AccessToken).Claims, c => c.Type == CooRoles.ClaimType);
            foreach (var path in AdminOnly)
            {
                using var response = await client.SendAsAsync(HttpMethod.Get, path, user.Tokens.AccessToken);
                Assert.True(response.StatusCode == HttpStatusCode.Forbidden, $"{name} GET {path}: {(int)response.StatusCode}");
            }
        }
    }

    [Theory, Providers]
    public async Task A_granted_account_is_admin_from_its_next_token_and_a_revoked_one_no_longer(TestProvider provider)
    {
        var factory = await fixture.StartAsync(provider);
        using var client = factory.CreateClient();
        var ada = await client.CreateUserAsync("ada");

        var granted = await factory.Services.SetAdminRoleAsync("ADA");
        using var withOldToken = await client.SendAsAsync(HttpMethod.Get, "/api/v1/admin/stats", ada.Tokens.AccessToken);
        using var refreshed = await client.PostAsJsonAsync("/api/v1/auth/refresh", new { refreshToken = ada.Tokens.RefreshToken });
        var newTokens = (await refreshed.Content.ReadFromJsonAsync<Tokens>())!;

        Assert.Equal(("ada", true), (granted.Username, granted.Changed));
        Assert.Equal(HttpStatusCode.Forbidden, withOldToken.StatusCode);
        Assert.Contains(new JsonWebToken(newTokens.AccessToken).Claims, c => c.Type == CooRoles.ClaimType && c.Value == CooRoles.Admin);
        foreach (var path in AdminOnly)
        {
            using var response = await client.SendAsAsync(HttpMethod.Get, path, newTokens.AccessToken);
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"GET {path}: {(int)response.StatusCode}");
        }

        var revoked = await factory.Services.SetAdminRoleAsync("ada", isAdmin: false);
        using var signedIn = await client.SignInAsync("ada");
        var afterRevocation = (await signedIn.Content.ReadFromJsonAsync<Tokens>())!;
        using var refused = await client.SendAsAsync(HttpMethod.Get, "/api/v1/admin/stats", afterRevocation.AccessToken);

        Assert.True(revoked.Changed);
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
    }

    [Theory, Providers]
    public async Task The_own_profile_says_whether_the_account_is_an_administrator_so_the_client_can_offer_the_jobs_dashboard(TestProvider provider)
    {
        var factory = await fixture.StartAsync(provider);
        using var client = factory.CreateClient();
        var someone = await client.CreateUserAsync("someone");
        var admin = await client.CreateAdminAsync(factory.Services);

        using var asSomeone = await client.SendAsAsync(HttpMethod.Get, "/api/v1/users/me", someone.Tokens.AccessToken);
        using var asAdmin = await client.SendAsAsync(HttpMethod.Get, "/api/v1/users/me", admin.Tokens.AccessToken);

        Assert.False((await asSomeone.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("isAdmin").GetBoolean());
        Assert.True((await asAdmin.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("isAdmin").GetBoolean());
    }

    [Fact]
    public void The_retired_admin_usernames_setting_stops_the_host_instead_of_granting_silently_nothing()
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["Admin:Usernames:0"] = "ada" })
            .Build();

        var error = Assert.Throws<InvalidConfigurationException>(() => new ServiceCollection().AddCooAdminPolicy(configuration));

        Assert.StartsWith("Admin:Usernames is no longer read", error.Message, StringComparison.Ordinal);
    }
}

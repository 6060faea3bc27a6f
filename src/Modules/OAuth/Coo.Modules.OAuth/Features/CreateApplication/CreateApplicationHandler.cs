using System.Security.Cryptography;
using Mediator;
using OpenIddict.Abstractions;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace Coo.Modules.OAuth.Features.CreateApplication;

internal sealed class CreateApplicationHandler(IOpenIddictApplicationManager applications) : ICommandHandler<CreateApplication, MastodonApplication>
{
    public async ValueTask<MastodonApplication> Handle(CreateApplication command, CancellationToken cancellationToken)
    {
        // Random like Mastodon's (32 bytes, URL-safe): the id names the client, the secret authenticates it (OpenIddict keeps its hash only).
        var clientId = Base64UrlSecret();
        var clientSecret = Base64UrlSecret();
        var descriptor = new OpenIddictApplicationDescriptor
        {
            ClientId = clientId,
            ClientSecret = clientSecret,
            ClientType = ClientTypes.Confidential,
            DisplayName = command.Name,
            Permissions =
            {
                Permissions.Endpoints.Authorization,
                Permissions.Endpoints.Token,
                Permissions.Endpoints.Revocation,
                Permissions.GrantTypes.AuthorizationCode,
                Permissions.GrantTypes.RefreshToken,
                Permissions.GrantTypes.ClientCredentials,
                Permissions.GrantTypes.Password,
                Permissions.ResponseTypes.Code,
            },
        };
        foreach (var scope in command.Scopes)
        {
            descriptor.Permissions.Add(Permissions.Prefixes.Scope + scope);
        }

        foreach (var uri in command.RedirectUris)
        {
            descriptor.RedirectUris.Add(new Uri(uri, UriKind.Absolute));
        }

        if (command.Website is not null)
        {
            descriptor.Properties["website"] = System.Text.Json.JsonSerializer.SerializeToElement(command.Website);
        }

        var application = await applications.CreateAsync(descriptor, cancellationToken);
        var id = await applications.GetIdAsync(application, cancellationToken);
        return new MastodonApplication(
            id!, command.Name, command.Website, command.Scopes, string.Join('\n', command.RedirectUris), command.RedirectUris,
            clientId, clientSecret, VapidKey: "");
    }

    private static string Base64UrlSecret() => Microsoft.IdentityModel.Tokens.Base64UrlEncoder.Encode(RandomNumberGenerator.GetBytes(32));
}

using Coo.Modules.Users.Contracts;
using Coo.Shared.Infrastructure.Persistence;
using Mediator;

namespace Coo.Host.Platform.Admin;

/// <summary>
/// The operator's way to make administrators: <c>dotnet Coo.Host.dll admin grant|revoke &lt;username&gt;</c> and
/// <c>admin list</c>, run with the server's settings (environment, or arguments after the command) against its database. Only an account that exists can be granted,
/// so nobody becomes an administrator by registering a name. Exit code 0 on success, 1 when the account does not
/// exist, 64 for a usage error.
/// </summary>
internal static class AdminCommand
{
    public const int Succeeded = 0;
    public const int UnknownAccount = 1;
    public const int UsageError = 64;

    private const string Usage = "Usage: Coo.Host admin grant <username> | admin revoke <username> | admin list";

    public static bool IsRequested(string[] args) => args.Length > 0 && args[0] == "admin";

    /// <summary>The command's answer is its output: the host's informational logs would only get in the way.</summary>
    public static void QuietLogging(ConfigurationManager configuration) =>
        configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Serilog:MinimumLevel:Default"] = "Warning",
            ["Serilog:MinimumLevel:Override:Coo"] = "Warning",
            ["Serilog:MinimumLevel:Override:Microsoft.Hosting.Lifetime"] = "Warning",
        });

    public static async Task<int> RunAsync(IServiceProvider services, string[] args, TextWriter output, TextWriter error)
    {
        // Whatever follows the command is configuration (--contentRoot, --Database:Provider=…), read by the host.
        var (verb, username) = (args.ElementAtOrDefault(1), args.ElementAtOrDefault(2));
        var valid = verb switch
        {
            "grant" or "revoke" => username is { Length: > 0 } && !username.StartsWith('-'),
            "list" => true,
            _ => false,
        };
        if (!valid)
        {
            await error.WriteLineAsync(Usage);
            return UsageError;
        }

        // Like the server at start: an operator may grant the first administrator before the server ever ran.
        await ModuleMigrator.EnsureDatabaseExistsAsync(services);
        await services.GetServices<IHostedService>().OfType<ModuleMigrator>().Single().StartingAsync(CancellationToken.None);

        await using var scope = services.CreateAsyncScope();
        var sender = scope.ServiceProvider.GetRequiredService<ISender>();
        if (verb == "list")
        {
            foreach (var admin in await sender.Send(new ListAdmins()))
            {
                await output.WriteLineAsync(admin.Username);
            }

            return Succeeded;
        }

        var grant = verb == "grant";
        var result = await sender.Send(new SetAdminRole(username!, grant));
        if (!result.IsSuccess)
        {
            await error.WriteLineAsync($"No account is named '{username}': an administrator must be an existing account (register it first).");
            return UnknownAccount;
        }

        var change = result.Value;
        await output.WriteLineAsync((grant, change.Changed) switch
        {
            (true, true) => $"{change.Username} is now an administrator (from their next sign-in or token refresh).",
            (true, false) => $"{change.Username} already is an administrator.",
            (false, true) => $"{change.Username} is no longer an administrator (access tokens already issued keep the role until they expire).",
            (false, false) => $"{change.Username} is not an administrator.",
        });
        return Succeeded;
    }
}

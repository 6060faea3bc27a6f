using Coo.Shared.Infrastructure.Jobs;
using Microsoft.Extensions.Logging;
using OpenIddict.Abstractions;

namespace Coo.Modules.OAuth.Jobs;

/// <summary>
/// Recurring, every hour: OpenIddict's own pruning of the tokens and authorizations that can no longer be used
/// (revoked, redeemed, expired, or whose authorization was revoked), once they are older than
/// <see cref="KeptFor"/>, as its Quartz integration does by default. Every code and token a client is given is a row.
/// </summary>
internal sealed partial class TokenPruneJob(
    IOpenIddictTokenManager tokens,
    IOpenIddictAuthorizationManager authorizations,
    TimeProvider time,
    ILogger<TokenPruneJob> logger) : IRecurringJob
{
    /// <summary>
    /// How long a spent token or authorization stays. Until then a spent token presented again is known as spent, which
    /// OpenIddict's reuse detection acts on; after that it is refused as an unknown one is.
    /// </summary>
    public static readonly TimeSpan KeptFor = TimeSpan.FromDays(14);

    public string Id => "oauth-token-prune";

    public string Schedule => "53 * * * *";

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var threshold = time.GetUtcNow() - KeptFor;

        // Tokens first: an authorization that still has tokens is not pruned.
        var prunedTokens = await tokens.PruneAsync(threshold, cancellationToken);
        var prunedAuthorizations = await authorizations.PruneAsync(threshold, cancellationToken);
        LogPruned(prunedTokens, prunedAuthorizations);
    }

    [LoggerMessage(LogLevel.Information, "Pruned {Tokens} spent OAuth tokens and {Authorizations} authorizations")]
    private partial void LogPruned(long tokens, long authorizations);
}

using Coo.Shared.Infrastructure.Messaging;
using Coo.Shared.Infrastructure.Modules;
using Coo.Shared.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Coo.Shared.Infrastructure.Jobs;

/// <summary>
/// Recurring: deletes relayed outbox rows and processed inbox rows of every module once they are older than the
/// retention. Parked and waiting rows stay, so a requeued message still finds its consumer's record and has one effect.
/// </summary>
internal sealed partial class MessageCleanupJob(
    IServiceScopeFactory scopes,
    IEnumerable<ModuleDatabase> modules,
    IOptions<OutboxOptions> options,
    TimeProvider time,
    ILogger<MessageCleanupJob> logger) : IRecurringJob
{
    public string Id => "message-cleanup";

    public string Schedule => "0 * * * *";

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var cutoff = time.GetUtcNow() - options.Value.Retention;
        foreach (var module in modules)
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = (ModuleDbContext)scope.ServiceProvider.GetRequiredService(module.ContextType);
            var outbox = await db.OutboxMessages.Where(m => m.RelayedAt != null && m.RelayedAt < cutoff).ExecuteDeleteAsync(cancellationToken);
            var inbox = await db.InboxMessages.Where(m => m.ProcessedAt != null && m.ProcessedAt < cutoff).ExecuteDeleteAsync(cancellationToken);
            LogCleaned(module.Schema, outbox, inbox);
        }
    }

    [LoggerMessage(LogLevel.Information, "Cleaned schema {Schema}: {OutboxRows} outbox and {InboxRows} inbox rows")]
    private partial void LogCleaned(string schema, int outboxRows, int inboxRows);
}

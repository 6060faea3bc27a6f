using Coo.Modules.Users.Data;
using Coo.Shared.Infrastructure.Persistence;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Coo.IntegrationTests.Platform;

/// <summary>The turn to write to the SQLite file (<see cref="SqliteWriteGate"/>) always comes back, however a transaction ends.</summary>
[Collection(ApiCollection.Name)]
public sealed class SqliteWriteGateTests(ApiFixture fixture)
{
    [Fact]
    public async Task A_transaction_left_without_commit_on_a_connection_kept_open_gives_the_turn_back_when_the_next_one_begins()
    {
        var factory = await fixture.StartAsync(TestProvider.Sqlite);
        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<UsersDbContext>();
        var gate = SqliteWriteGate.For(new SqliteConnectionStringBuilder(db.Database.GetConnectionString()).DataSource);
        await db.Database.OpenConnectionAsync();

        // Disposed without commit or rollback: no event ends it, and the connection, opened by its caller, stays open.
        await (await db.Database.BeginTransactionAsync()).DisposeAsync();

        // The next transaction on that connection must not wait for the turn its predecessor still held (the whole
        // turn timeout, during which every other writer waits too).
        using var noWait = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        await using (var next = await db.Database.BeginTransactionAsync(noWait.Token))
        {
            await next.CommitAsync(noWait.Token);
        }

        Assert.True(await gate.EnterAsync(request: false, "a check", "the test", TimeSpan.FromSeconds(5), CancellationToken.None), "the turn is free again");
        gate.Exit();
    }

    [Fact]
    public async Task A_transaction_left_without_commit_gives_the_turn_back_when_its_context_goes_back_to_the_pool()
    {
        var factory = await fixture.StartAsync(TestProvider.Sqlite);
        SqliteWriteGate gate;
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<UsersDbContext>();
            gate = SqliteWriteGate.For(new SqliteConnectionStringBuilder(db.Database.GetConnectionString()).DataSource);
            await db.Database.OpenConnectionAsync();

            // Disposed without commit or rollback on a connection its caller opened: neither ends the turn here.
            await (await db.Database.BeginTransactionAsync()).DisposeAsync();
        }

        // The pool closes the connection of a context given back to it, without EF Core's close event.
        Assert.Null(gate.Holder);
        Assert.True(await gate.EnterAsync(request: false, "a check", "the test", TimeSpan.FromSeconds(5), CancellationToken.None), "the turn is free again");
        gate.Exit();
    }

    [Fact]
    public async Task A_transaction_whose_begin_fails_after_its_turn_came_gives_the_turn_back_at_once()
    {
        var factory = await fixture.StartAsync(TestProvider.Sqlite);
        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<UsersDbContext>();
        var gate = SqliteWriteGate.For(new SqliteConnectionStringBuilder(db.Database.GetConnectionString()).DataSource);
        await db.Database.OpenConnectionAsync();
        var connection = db.Database.GetDbConnection();

        // A transaction EF Core does not know of makes the begin fail once the turn has come, as a request cancelled
        // at that moment, or SQLite's own lock timing out, would. The connection stays open and the context alive, so
        // nothing else would end the turn for a long time.
        await ExecuteAsync(connection, "BEGIN");
        await Assert.ThrowsAsync<SqliteException>(() => db.Database.BeginTransactionAsync());
        await ExecuteAsync(connection, "ROLLBACK");

        Assert.True(await gate.EnterAsync(request: false, "a check", "the test", TimeSpan.FromSeconds(5), CancellationToken.None), "the turn is free again");
        gate.Exit();
        await db.Database.CloseConnectionAsync();
    }

    [Fact]
    public async Task A_writer_that_waits_out_the_turn_goes_on_and_logs_who_holds_it()
    {
        var factory = await fixture.StartAsync(TestProvider.Sqlite);
        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<UsersDbContext>();
        var gate = SqliteWriteGate.For(new SqliteConnectionStringBuilder(db.Database.GetConnectionString()).DataSource);
        Assert.True(await gate.EnterAsync(request: false, "a check", "the test", TimeSpan.FromSeconds(5), CancellationToken.None));
        try
        {
            await using var transaction = await db.Database.BeginTransactionAsync();
            await transaction.CommitAsync();
        }
        finally
        {
            gate.Exit();
        }

        Assert.Contains(factory.LoggedWarnings, message => message.Contains("it is held by a check of the test since", StringComparison.Ordinal));
    }

    private static async Task ExecuteAsync(System.Data.Common.DbConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync();
    }
}

using Microsoft.Data.SqlClient;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Coo.Shared.Infrastructure.Persistence;

public static class DbUpdateExceptions
{
    /// <summary>
    /// True only when the save broke a primary key or unique index, on any of the three providers: code that expects a
    /// duplicate key must not mistake a lost connection, a deadlock or a check violation for one.
    /// </summary>
    public static bool IsUniqueViolation(this DbUpdateException exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        return exception.InnerException switch
        {
            PostgresException postgres => postgres.SqlState == PostgresErrorCodes.UniqueViolation,
            SqliteException sqlite => sqlite.SqliteErrorCode == 19 && sqlite.SqliteExtendedErrorCode is 1555 or 2067, // SQLITE_CONSTRAINT_PRIMARYKEY, _UNIQUE
            SqlException sqlServer => sqlServer.Number is 2627 or 2601,
            _ => false,
        };
    }

    /// <summary>True only when the save referred to a row that is not there (a foreign key), on any of the three providers.</summary>
    public static bool IsForeignKeyViolation(this DbUpdateException exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        return exception.InnerException switch
        {
            PostgresException postgres => postgres.SqlState == PostgresErrorCodes.ForeignKeyViolation,
            SqliteException sqlite => sqlite.SqliteErrorCode == 19 && sqlite.SqliteExtendedErrorCode == 787, // SQLITE_CONSTRAINT_FOREIGNKEY
            SqlException sqlServer => sqlServer.Number == 547,
            _ => false,
        };
    }
}

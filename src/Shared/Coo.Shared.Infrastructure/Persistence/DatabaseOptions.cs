using System.ComponentModel.DataAnnotations;

namespace Coo.Shared.Infrastructure.Persistence;

/// <summary>Settings of section <c>Database</c>; the connection strings are <c>ConnectionStrings:*</c> (see <see cref="DatabaseSettings"/>).</summary>
public sealed class DatabaseOptions : IValidatableObject
{
    public const string Section = "Database";

    /// <summary>
    /// <c>Sqlite</c> (the embedded default), <c>PostgreSql</c> or <c>SqlServer</c>, in any case. Read as text so that a
    /// wrong value is named with the choices, and a number is not taken for a provider.
    /// </summary>
    public string? Provider { get; set; }

    /// <summary>Whether each module's migrations are applied at start (the embedded default and small deployments).</summary>
    public bool MigrateOnStartup { get; set; } = true;

    public DatabaseProvider ProviderKind => string.IsNullOrWhiteSpace(Provider) ? DatabaseProvider.Sqlite : Named(Provider)!.Value;

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (!string.IsNullOrWhiteSpace(Provider) && Named(Provider) is null)
        {
            yield return new ValidationResult($"{Section}:{nameof(Provider)} '{Provider}' is not one of {string.Join(", ", Enum.GetNames<DatabaseProvider>())}.");
        }
    }

    private static DatabaseProvider? Named(string name) =>
        Enum.GetValues<DatabaseProvider>().Select(p => (DatabaseProvider?)p).FirstOrDefault(p => p.ToString()!.Equals(name.Trim(), StringComparison.OrdinalIgnoreCase));
}

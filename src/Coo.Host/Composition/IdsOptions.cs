using System.ComponentModel.DataAnnotations;
using Coo.Shared.Infrastructure.Configuration;
using Coo.Shared.Infrastructure.Persistence;
using Coo.Shared.Kernel;

namespace Coo.Host.Composition;

/// <summary>Settings of section <c>Ids</c>.</summary>
internal sealed class IdsOptions : IValidatableObject
{
    public const string Section = "Ids";

    /// <summary>
    /// Each running instance needs its own id generator number: two instances with the same number could mint the
    /// same id. The single-instance embedded mode may leave it out (then 0).
    /// </summary>
    public int? GeneratorId { get; set; }

    /// <summary>The generator number, which server mode (several instances on one database) must be given.</summary>
    public int GeneratorIdFor(DatabaseSettings database)
    {
        ArgumentNullException.ThrowIfNull(database);
        return GeneratorId ?? (database.Provider == DatabaseProvider.Sqlite
            ? 0
            : throw new InvalidConfigurationException(
                $"{Section}:{nameof(GeneratorId)} is required when Database:Provider is {database.Provider}: give each instance its own number from 0 to {SnowflakeIdGenerator.MaxGeneratorId}."));
    }

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (GeneratorId is < 0 or > SnowflakeIdGenerator.MaxGeneratorId)
        {
            yield return new ValidationResult(
                $"{Section}:{nameof(GeneratorId)} '{GeneratorId}' is not a whole number from 0 to {SnowflakeIdGenerator.MaxGeneratorId}.");
        }
    }
}

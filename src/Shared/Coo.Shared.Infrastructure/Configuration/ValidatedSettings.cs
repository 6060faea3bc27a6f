using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Configuration;

namespace Coo.Shared.Infrastructure.Configuration;

public static class ValidatedSettings
{
    /// <summary>
    /// Binds and validates a settings section while services are composed, so a wrong value stops the host
    /// with one line naming it rather than a stack trace from the first service that reads it.
    /// </summary>
    public static T Read<T>(IConfiguration configuration, string section)
        where T : class, new() => Read(configuration, section, new T());

    /// <summary>
    /// Like <see cref="Read{T}(IConfiguration, string)"/>, with the defaults given as an instance: for a type whose
    /// defaults differ by section. Configured values are bound over them, so a missing file or key keeps the default.
    /// </summary>
    public static T Read<T>(IConfiguration configuration, string section, T defaults)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var settings = defaults;
        try
        {
            configuration.GetSection(section).Bind(settings);
        }
        catch (InvalidOperationException ex)
        {
            throw new InvalidConfigurationException(ex.Message);
        }

        var results = new List<ValidationResult>();
        if (!Validator.TryValidateObject(settings, new ValidationContext(settings), results, validateAllProperties: true))
        {
            var problems = results.Select(r => $"{section}:{string.Join(",", r.MemberNames)}: {r.ErrorMessage}");
            throw new InvalidConfigurationException(string.Join(" ", problems));
        }

        return settings;
    }
}

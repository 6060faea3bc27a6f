using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Configuration;

namespace Coo.Shared.Infrastructure.Configuration;

/// <summary>
/// The one way Coo reads settings: an options class whose property initializers are the defaults, bound from a
/// configuration section and validated (data annotations, then <see cref="IValidatableObject"/>) while services are
/// composed. Each problem is one line: <c>Section:Property: message</c>, or the message alone when a rule names its
/// keys itself (a <see cref="ValidationResult"/> without member names, for rules that span several keys).
/// </summary>
public static class ValidatedSettings
{
    /// <summary>
    /// Binds and validates a settings section while services are composed, so a wrong value stops the host
    /// with one line naming it rather than a stack trace from the first service that reads it.
    /// </summary>
    /// <param name="configuration">The host's configuration.</param>
    /// <param name="section">The section, or <c>""</c> for settings at the root (such as ASP.NET Core's <c>AllowedHosts</c>).</param>
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
        ArgumentNullException.ThrowIfNull(section);
        var settings = defaults;
        try
        {
            (section.Length == 0 ? configuration : configuration.GetSection(section)).Bind(settings);
        }
        catch (InvalidOperationException ex)
        {
            throw new InvalidConfigurationException(ex.Message);
        }

        var results = new List<ValidationResult>();
        if (!Validator.TryValidateObject(settings, new ValidationContext(settings), results, validateAllProperties: true))
        {
            throw new InvalidConfigurationException(string.Join(Environment.NewLine, results.Select(r => Line(section, r))));
        }

        return settings;
    }

    private static string? Line(string section, ValidationResult result)
    {
        var members = string.Join(",", result.MemberNames);
        return members.Length == 0 ? result.ErrorMessage
            : section.Length == 0 ? $"{members}: {result.ErrorMessage}"
            : $"{section}:{members}: {result.ErrorMessage}";
    }
}

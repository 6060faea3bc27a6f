namespace Coo.Shared.Infrastructure.Configuration;

/// <summary>A setting is missing or wrong. The host prints <see cref="Exception.Message"/> as one line and exits.</summary>
public sealed class InvalidConfigurationException(string message) : Exception(message);

namespace Coo.Host.Composition;

/// <summary>Coo's own setting in section <c>Logging</c> (the rest of the section is .NET's).</summary>
internal sealed class LoggingOptions
{
    public const string Section = "Logging";

    /// <summary>One JSON object per log event (for a log collector) instead of readable lines; off by default.</summary>
    public bool Json { get; set; }
}

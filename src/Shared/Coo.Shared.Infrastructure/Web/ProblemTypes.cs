namespace Coo.Shared.Infrastructure.Web;

/// <summary>Stable problem <c>type</c> URIs: clients match on these, never on the human-readable title.</summary>
public static class ProblemTypes
{
    public const string Prefix = "urn:coo:problem:";
    public const string Validation = Prefix + "validation";
    public const string MalformedRequest = Prefix + "malformed-request";
    public const string DatabaseUnavailable = Prefix + "database-unavailable";

    public static string For(string errorCode) => Prefix + errorCode;
}

using System.Text.Json;
using System.Text.Json.Serialization;

namespace Coo.Shared.Infrastructure.Web;

/// <summary>The API's JSON beside ASP.NET Core's web defaults: ids as strings, enums by name.</summary>
public static class ApiJson
{
    public static void Configure(JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Converters.Add(new Int64AsStringConverter());
        options.Converters.Add(new JsonStringEnumConverter());
    }
}

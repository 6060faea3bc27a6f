using Coo.Shared.Infrastructure.Configuration;
using Coo.Shared.Infrastructure.Persistence;
using Microsoft.Extensions.Configuration;

namespace Coo.UnitTests;

public sealed class ModuleDatabaseSettingsTests
{
    private const string Shared = "Host=db;Database=coo";

    [Fact]
    public void A_module_uses_its_own_connection_string_when_given_and_the_shared_one_otherwise()
    {
        var settings = From(("ConnectionStrings:analytics", "Host=db;Database=analytics"));

        Assert.Equal("Host=db;Database=analytics", settings.ConnectionStringFor("Analytics"));
        Assert.Equal(Shared, settings.ConnectionStringFor("users"));
    }

    [Fact]
    public void A_module_connection_string_that_names_no_module_stops_the_start_in_one_line()
    {
        var settings = From(("ConnectionStrings:Analytcs", "Host=db;Database=analytics"));

        var error = Assert.Throws<InvalidConfigurationException>(() => settings.RequireKnownModules(["users", "analytics"]));

        Assert.Equal("ConnectionStrings:Analytcs names no module; a module's own database is ConnectionStrings:<schema>, one of analytics, users.", error.Message);
    }

    [Fact]
    public void An_invalid_module_connection_string_is_named()
    {
        var error = Assert.Throws<InvalidConfigurationException>(() => From(("ConnectionStrings:Analytics", "Hots=x;;==bad")));

        Assert.StartsWith("ConnectionStrings:Analytics is not a valid PostgreSql connection string", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Redis_is_not_taken_for_a_module_database()
    {
        var settings = From(("ConnectionStrings:Redis", "localhost:6379"));

        settings.RequireKnownModules(["users"]);
        Assert.Empty(settings.ModuleConnectionStrings);
    }

    private static DatabaseSettings From(params (string Key, string Value)[] settings) =>
        DatabaseSettings.From(new ConfigurationBuilder()
            .AddInMemoryCollection([new("Database:Provider", "PostgreSql"), new("ConnectionStrings:Coo", Shared), .. settings.Select(s => new KeyValuePair<string, string?>(s.Key, s.Value))])
            .Build());
}

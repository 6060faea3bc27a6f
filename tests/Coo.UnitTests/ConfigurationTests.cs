using Coo.Shared.Infrastructure.Configuration;
using Coo.Shared.Infrastructure.Messaging;
using Coo.Shared.Infrastructure.Persistence;
using Coo.Shared.Infrastructure.Security;
using Microsoft.Extensions.Configuration;

namespace Coo.UnitTests;

public sealed class ConfigurationTests
{
    [Fact]
    public void Without_settings_the_database_is_a_SQLite_file_under_data()
    {
        var settings = DatabaseSettings.From(Configuration());

        Assert.Equal(DatabaseProvider.Sqlite, settings.Provider);
        Assert.Equal("Data Source=data/coo.db", settings.ConnectionString);
        Assert.True(settings.MigrateOnStartup);
    }

    [Theory]
    [InlineData("postgresql", DatabaseProvider.PostgreSql)]
    [InlineData("SqlServer", DatabaseProvider.SqlServer)]
    public void The_provider_name_is_read_without_regard_to_case(string name, DatabaseProvider expected)
    {
        var settings = DatabaseSettings.From(Configuration(("Database:Provider", name), ("ConnectionStrings:Coo", "Server=x;Database=y")));

        Assert.Equal(expected, settings.Provider);
    }

    [Theory]
    [InlineData("Database:Provider", "Mongo", "Database:Provider 'Mongo' is not one of Sqlite, PostgreSql, SqlServer.")]
    [InlineData("Database:Provider", "1", "Database:Provider '1' is not one of Sqlite, PostgreSql, SqlServer.")]
    [InlineData("Database:MigrateOnStartup", "sometimes", "Failed to convert configuration value 'sometimes' at 'Database:MigrateOnStartup' to type 'System.Boolean'.")]
    public void An_invalid_setting_is_named_in_one_line(string key, string value, string message)
    {
        var error = Assert.Throws<InvalidConfigurationException>(() => DatabaseSettings.From(Configuration((key, value))));

        Assert.Equal(message, error.Message);
    }

    [Fact]
    public void A_server_provider_needs_a_connection_string()
    {
        var error = Assert.Throws<InvalidConfigurationException>(() => DatabaseSettings.From(Configuration(("Database:Provider", "PostgreSql"))));

        Assert.Equal("ConnectionStrings:Coo is required when Database:Provider is PostgreSql.", error.Message);
    }

    [Fact]
    public void A_malformed_connection_string_is_refused_at_start()
    {
        var error = Assert.Throws<InvalidConfigurationException>(() =>
            DatabaseSettings.From(Configuration(("Database:Provider", "PostgreSql"), ("ConnectionStrings:Coo", "Hots=x;;==bad"))));

        Assert.StartsWith("ConnectionStrings:Coo is not a valid PostgreSql connection string", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Server_mode_needs_a_shared_signing_key_and_refuses_a_short_one()
    {
        var database = new DatabaseSettings(DatabaseProvider.PostgreSql, "Host=x", true);

        var missing = Assert.Throws<InvalidConfigurationException>(() => AuthSettings.From(Configuration(), database, isDevelopment: false));
        var tooShort = Assert.Throws<InvalidConfigurationException>(() => AuthSettings.From(Configuration(("Auth:SigningKey", "short")), database, isDevelopment: false));

        Assert.Contains("Auth:SigningKey (or Auth:SigningKeys) is required", missing.Message, StringComparison.Ordinal);
        Assert.Equal("Auth:SigningKey must be at least 32 bytes long.", tooShort.Message);
    }

    [Fact]
    public void The_embedded_mode_keeps_a_generated_signing_key_beside_its_database()
    {
        var folder = Path.Combine(Path.GetTempPath(), $"coo-unit-{Guid.NewGuid():N}");
        var database = new DatabaseSettings(DatabaseProvider.Sqlite, $"Data Source={folder}/coo.db", true);
        try
        {
            var first = AuthSettings.From(Configuration(), database, isDevelopment: false);
            var second = AuthSettings.From(Configuration(), database, isDevelopment: false);

            Assert.Equal(64, first.SigningKey.Key.Length);
            Assert.Equal(first.SigningKey.Key, second.SigningKey.Key);
            Assert.Equal(AuthSettings.DefaultKeyId, first.SigningKey.KeyId);
            Assert.Equal([first.SigningKey], first.ValidationKeys);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public void Several_signing_keys_validate_and_the_named_one_signs()
    {
        var database = new DatabaseSettings(DatabaseProvider.PostgreSql, "Host=x", true);

        var settings = AuthSettings.From(
            Configuration(
                ("Auth:SigningKey", SigningKey),
                ("Auth:SigningKeys:0:Id", "2026-12"),
                ("Auth:SigningKeys:0:Key", "a-newer-signing-key-long-enough-for-hs256"),
                ("Auth:ActiveSigningKeyId", "2026-12")),
            database,
            isDevelopment: false);

        Assert.Equal("2026-12", settings.SigningKey.KeyId);
        Assert.Equal([AuthSettings.DefaultKeyId, "2026-12"], settings.ValidationKeys.Select(k => k.KeyId));
        Assert.Equal(2, settings.DeriveKeys("purpose").Count);
        Assert.Equal(settings.DeriveKeys("purpose")[0], AuthSettings.From(
            Configuration(("Auth:SigningKeys:0:Id", "2026-12"), ("Auth:SigningKeys:0:Key", "a-newer-signing-key-long-enough-for-hs256")),
            database,
            isDevelopment: false).DeriveKeys("purpose")[0]);
    }

    [Theory]
    [InlineData("Auth:ActiveSigningKeyId", null, "Auth:ActiveSigningKeyId is required when several signing keys are configured (default, b).")]
    [InlineData("Auth:ActiveSigningKeyId", "c", "Auth:ActiveSigningKeyId 'c' is none of the configured signing keys (default, b).")]
    [InlineData("Auth:SigningKeys:0:Id", "default", "Auth:SigningKeys:0:Id 'default' names two signing keys.")]
    [InlineData("Auth:SigningKeys:0:Id", "has space", "Auth:SigningKeys:0:Id must be 1-64 of A-Z a-z 0-9 - _ . (it is the tokens' kid).")]
    [InlineData("Auth:SigningKeys:0:Key", "short", "Auth:SigningKeys:0:Key must be at least 32 bytes long.")]
    [InlineData("Auth:RefreshReuseGracePeriod", "01:00:00", "Auth:RefreshReuseGracePeriod '01:00:00' is not a time span from 00:00:00 to 00:05:00.")]
    [InlineData("Auth:AccessTokenLifetime", "-00:01:00", "Auth:AccessTokenLifetime '-00:01:00' is not a positive time span such as 00:15:00.")]
    public void Invalid_signing_keys_are_named_in_one_line(string key, string? value, string message)
    {
        var database = new DatabaseSettings(DatabaseProvider.PostgreSql, "Host=x", true);
        var values = new Dictionary<string, string>
        {
            ["Auth:SigningKey"] = SigningKey,
            ["Auth:SigningKeys:0:Id"] = "b",
            ["Auth:SigningKeys:0:Key"] = "another-signing-key-long-enough-for-hs256",
            ["Auth:ActiveSigningKeyId"] = "b",
        };
        if (value is null)
        {
            values.Remove(key);
        }
        else
        {
            values[key] = value;
        }

        var error = Assert.Throws<InvalidConfigurationException>(() =>
            AuthSettings.From(Configuration([.. values.Select(v => (v.Key, v.Value))]), database, isDevelopment: false));

        Assert.Equal(message, error.Message);
    }

    [Fact]
    public void Refresh_tokens_may_be_reused_for_30_seconds_by_default()
    {
        var database = new DatabaseSettings(DatabaseProvider.PostgreSql, "Host=x", true);

        Assert.Equal(TimeSpan.FromSeconds(30), AuthSettings.From(Configuration(("Auth:SigningKey", SigningKey)), database, isDevelopment: false).RefreshReuseGracePeriod);
    }

    [Theory]
    [InlineData("Outbox:BatchSize", "0", "Outbox:BatchSize: The field BatchSize must be between 1 and 1000.")]
    [InlineData("Outbox:PollingInterval", "soon", "Failed to convert configuration value 'soon' at 'Outbox:PollingInterval' to type 'System.TimeSpan'.")]
    public void Invalid_outbox_settings_are_named_in_one_line(string key, string value, string message)
    {
        var error = Assert.Throws<InvalidConfigurationException>(() =>
            ValidatedSettings.Read<OutboxOptions>(Configuration((key, value)), OutboxOptions.Section));

        Assert.Equal(message, error.Message);
    }

    [Theory]
    [InlineData(null, false, true)]
    [InlineData(null, true, false)]
    [InlineData("false", false, false)]
    [InlineData("true", true, true)]
    public void The_refresh_cookie_is_Secure_outside_Development_unless_configured_otherwise(string? secureCookie, bool isDevelopment, bool expected)
    {
        var database = new DatabaseSettings(DatabaseProvider.PostgreSql, "Host=x", true);
        var settings = secureCookie is null
            ? Configuration(("Auth:SigningKey", SigningKey))
            : Configuration(("Auth:SigningKey", SigningKey), ("Auth:SecureCookie", secureCookie));

        Assert.Equal(expected, AuthSettings.From(settings, database, isDevelopment).SecureCookie);
    }

    [Fact]
    public void A_SecureCookie_that_is_not_a_boolean_is_refused()
    {
        var database = new DatabaseSettings(DatabaseProvider.PostgreSql, "Host=x", true);

        var error = Assert.Throws<InvalidConfigurationException>(() =>
            AuthSettings.From(Configuration(("Auth:SigningKey", SigningKey), ("Auth:SecureCookie", "sometimes")), database, isDevelopment: false));

        Assert.StartsWith("Failed to convert configuration value 'sometimes' at 'Auth:SecureCookie'", error.Message, StringComparison.Ordinal);
    }

    private const string SigningKey = "a-signing-key-long-enough-for-hs256-tokens";

    private static IConfiguration Configuration(params (string Key, string Value)[] values) =>
        new ConfigurationBuilder().AddInMemoryCollection(values.Select(v => new KeyValuePair<string, string?>(v.Key, v.Value))).Build();
}

using Coo.Host.Composition;
using Coo.Host.Platform.Bench;
using Coo.Shared.Infrastructure.Configuration;
using Coo.Shared.Infrastructure.Messaging;
using Coo.Shared.Infrastructure.Persistence;
using Coo.Shared.Infrastructure.Security;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Coo.UnitTests;

/// <summary>Settings read the one way (<see cref="ValidatedSettings"/>): defaults in code, one line per problem.</summary>
public sealed class SettingsTests
{
    private static readonly DatabaseSettings Embedded = new(DatabaseProvider.Sqlite, "Data Source=data/coo.db", true);
    private static readonly DatabaseSettings Server = new(DatabaseProvider.PostgreSql, "Host=x", true);

    [Fact]
    public void Each_problem_is_named_on_a_line_of_its_own()
    {
        var error = Assert.Throws<InvalidConfigurationException>(() =>
            ValidatedSettings.Read<OutboxOptions>(Configuration(("Outbox:BatchSize", "0"), ("Outbox:MaxAttempts", "0")), OutboxOptions.Section));

        Assert.Equal(
            ["Outbox:BatchSize: The field BatchSize must be between 1 and 1000.", "Outbox:MaxAttempts: The field MaxAttempts must be between 1 and 100."],
            error.Message.Split(Environment.NewLine));
    }

    [Fact]
    public void The_retired_Admin_Usernames_setting_is_refused_in_one_line()
    {
        var error = Assert.Throws<InvalidConfigurationException>(() =>
            new ServiceCollection().AddCooAdminPolicy(Configuration(("Admin:Usernames:0", "ada"), ("Admin:Usernames:1", "bob"))));

        Assert.Equal(
            "Admin:Usernames is no longer read: make an existing account an administrator with 'Coo.Host admin grant <username>' (see README, Security).",
            error.Message);
        Assert.Empty(ValidatedSettings.Read<AdminOptions>(Configuration(), AdminOptions.Section).Usernames);
    }

    [Fact]
    public void The_embedded_mode_may_leave_out_the_generator_number()
    {
        Assert.Equal(0, ValidatedSettings.Read<IdsOptions>(Configuration(), IdsOptions.Section).GeneratorIdFor(Embedded));
        Assert.Equal(1023, ValidatedSettings.Read<IdsOptions>(Configuration(("Ids:GeneratorId", "1023")), IdsOptions.Section).GeneratorIdFor(Server));
    }

    [Fact]
    public void Server_mode_needs_a_generator_number_per_instance()
    {
        var error = Assert.Throws<InvalidConfigurationException>(() =>
            ValidatedSettings.Read<IdsOptions>(Configuration(), IdsOptions.Section).GeneratorIdFor(Server));

        Assert.Equal("Ids:GeneratorId is required when Database:Provider is PostgreSql: give each instance its own number from 0 to 1023.", error.Message);
    }

    [Theory]
    [InlineData("1024", "Ids:GeneratorId '1024' is not a whole number from 0 to 1023.")]
    [InlineData("-1", "Ids:GeneratorId '-1' is not a whole number from 0 to 1023.")]
    [InlineData("seven", "Failed to convert configuration value 'seven' at 'Ids:GeneratorId' to type 'System.Int32'.")]
    public void A_generator_number_outside_the_ten_bits_is_refused_in_one_line(string value, string message)
    {
        var error = Assert.Throws<InvalidConfigurationException>(() =>
            ValidatedSettings.Read<IdsOptions>(Configuration(("Ids:GeneratorId", value)), IdsOptions.Section));

        Assert.Equal(message, error.Message);
    }

    [Theory]
    [InlineData(null, null, new[] { "localhost", "127.0.0.1", "[::1]" })]
    [InlineData(null, "https://coo.example.org", new[] { "*" })]
    [InlineData(" coo.example.org ; ;www.coo.example.org", null, new[] { "coo.example.org", "www.coo.example.org" })]
    [InlineData("*", "https://coo.example.org", new[] { "*" })]
    public void Allowed_hosts_default_to_loopback_or_to_any_behind_a_public_URL(string? allowedHosts, string? publicUrl, string[] expected)
    {
        var configuration = allowedHosts is null ? Configuration() : Configuration(("AllowedHosts", allowedHosts));
        var options = ValidatedSettings.Read(configuration, AllowedHostsOptions.Section, new AllowedHostsOptions(publicUrl is null ? null : new Uri(publicUrl)));

        Assert.Equal(expected, options.HostsToAllow());
    }

    [Fact]
    public void Any_host_without_a_public_URL_is_refused_in_one_line()
    {
        var error = Assert.Throws<InvalidConfigurationException>(() =>
            ValidatedSettings.Read(Configuration(("AllowedHosts", "coo.example.org;*")), AllowedHostsOptions.Section, new AllowedHostsOptions(null)));

        Assert.Equal("AllowedHosts '*' accepts any Host header, which would then appear in the API's links: set App:PublicUrl, or name the hosts.", error.Message);
    }

    [Fact]
    public void Traces_are_exported_only_when_the_standard_OTLP_endpoint_is_set()
    {
        Assert.False(ValidatedSettings.Read<OtlpExportOptions>(Configuration(), OtlpExportOptions.Section).Exports);
        Assert.False(ValidatedSettings.Read<OtlpExportOptions>(Configuration(("OTEL_EXPORTER_OTLP_ENDPOINT", " ")), OtlpExportOptions.Section).Exports);

        var set = ValidatedSettings.Read<OtlpExportOptions>(Configuration(("OTEL_EXPORTER_OTLP_ENDPOINT", "http://collector:4317")), OtlpExportOptions.Section);

        Assert.True(set.Exports);
        Assert.Equal("http://collector:4317", set.Endpoint);
    }

    [Fact]
    public void Logs_are_lines_unless_JSON_is_asked_for()
    {
        Assert.False(ValidatedSettings.Read<LoggingOptions>(Configuration(), LoggingOptions.Section).Json);
        Assert.True(ValidatedSettings.Read<LoggingOptions>(Configuration(("Logging:Json", "true"), ("Logging:LogLevel:Default", "Debug")), LoggingOptions.Section).Json);

        var error = Assert.Throws<InvalidConfigurationException>(() => ValidatedSettings.Read<LoggingOptions>(Configuration(("Logging:Json", "yes")), LoggingOptions.Section));

        Assert.Equal("Failed to convert configuration value 'yes' at 'Logging:Json' to type 'System.Boolean'.", error.Message);
    }

    [Fact]
    public void The_benchmark_ceiling_endpoint_is_off_unless_asked_for()
    {
        Assert.False(ValidatedSettings.Read<BenchOptions>(Configuration(), BenchOptions.Section).CeilingEndpoint);
        Assert.True(ValidatedSettings.Read<BenchOptions>(Configuration(("Bench:CeilingEndpoint", "True")), BenchOptions.Section).CeilingEndpoint);
    }

    private static IConfiguration Configuration(params (string Key, string Value)[] values) =>
        new ConfigurationBuilder().AddInMemoryCollection(values.Select(v => new KeyValuePair<string, string?>(v.Key, v.Value))).Build();
}

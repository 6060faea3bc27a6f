using System.Globalization;
using Coo.Host.Composition;
using Coo.Host.Platform.Admin;
using Coo.Shared.Infrastructure.Configuration;
using Coo.Shared.Infrastructure.Persistence;
using Serilog;

// Logs only what fails before the host's own logger exists. The host keeps its logger to itself (preserveStaticLogger),
// so hosts built at the same time in one process (the integration tests) never reconfigure a shared static one.
Log.Logger = new LoggerConfiguration().WriteTo.Console(formatProvider: CultureInfo.InvariantCulture).CreateLogger();
try
{
    var builder = WebApplication.CreateBuilder(args);
    if (AdminCommand.IsRequested(args))
    {
        AdminCommand.QuietLogging(builder.Configuration);
    }

    builder.AddCoo();
    var app = builder.Build();
    if (args.Contains("--migrations-script"))
    {
        // For operators who apply schema changes themselves: print the SQL and exit.
        await Console.Out.WriteAsync(ModuleMigrator.GenerateScript(app.Services));
        return 0;
    }

    if (AdminCommand.IsRequested(args))
    {
        return await AdminCommand.RunAsync(app.Services, args, Console.Out, Console.Error);
    }

    await ModuleMigrator.EnsureDatabaseExistsAsync(app.Services);
    app.UseCoo();
    await app.RunAsync();
    return 0;
}
catch (InvalidConfigurationException ex)
{
    foreach (var problem in ex.Message.Split(Environment.NewLine))
    {
        await Console.Error.WriteLineAsync($"Invalid configuration: {problem}");
    }

    return 2;
}
catch (Exception ex) when (ex is not HostAbortedException)
{
    Log.Fatal(ex, "Coo stopped unexpectedly");
    return 1;
}
finally
{
    await Log.CloseAndFlushAsync();
}

/// <summary>The entry point, visible to the integration tests' WebApplicationFactory.</summary>
public partial class Program;

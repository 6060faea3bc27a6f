using System.Collections.Concurrent;

namespace Coo.Host.Composition;

/// <summary>
/// One logger per category, as Microsoft's own factory keeps them. Serilog's factory builds a new logger (with its own
/// event-id cache) on every call, and ASP.NET Core's authentication handlers, which are transient, ask for one on every
/// request: two loggers built per request, about 2 KiB of garbage each read.
/// </summary>
internal sealed class CategoryLoggerCache(ILoggerFactory inner) : ILoggerFactory
{
    private readonly ConcurrentDictionary<string, ILogger> _loggers = new(StringComparer.Ordinal);

    public ILogger CreateLogger(string categoryName) => _loggers.GetOrAdd(categoryName, inner.CreateLogger);

    public void AddProvider(ILoggerProvider provider) => inner.AddProvider(provider);

    public void Dispose() => inner.Dispose();

    /// <summary>Wraps the <see cref="ILoggerFactory"/> registered so far (Serilog's).</summary>
    public static void Decorate(IServiceCollection services)
    {
        var registered = services.Last(d => d.ServiceType == typeof(ILoggerFactory));
        var create = registered.ImplementationFactory
            ?? throw new InvalidOperationException("Serilog's ILoggerFactory is expected to be registered by a factory.");
        services.Remove(registered);
        services.AddSingleton<ILoggerFactory>(provider => new CategoryLoggerCache((ILoggerFactory)create(provider)));
    }
}

using System.Diagnostics;
using Coo.Host.Composition;
using Coo.Modules.Coos.Contracts;
using Coo.Modules.Timeline.Data;
using Coo.Shared.Infrastructure.Messaging;
using Coo.Shared.Infrastructure.Modules;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry.Trace;
using Serilog.Core;
using Serilog.Events;
using Serilog.Formatting.Compact;

namespace Coo.IntegrationTests.Observability;

/// <summary>
/// One trace from request to effect: the W3C context of the request that posts a coo is stored with its outbox row
/// and its fan-out jobs and restored when they run, and log lines carry its ids.
/// </summary>
[Collection(SerialCollection.Name)]
public sealed class TracingTests
{
    private const string EntityFrameworkSource = "OpenTelemetry.Instrumentation.EntityFrameworkCore";
    private const int Followers = 5;

    [Theory, Providers]
    public async Task Posting_a_coo_makes_one_trace_from_the_request_to_every_consumer_and_fan_out_batch(TestProvider provider)
    {
        var spans = new SpanCollection();
        var logs = new LogCollection();
        await using var factory = new CooApiFactory(provider, ownDatabase: provider == TestProvider.PostgreSql)
        {
            // Never a large author here: all followers are fanned out, in batches of CooApiFactory.FanOutBatchSize.
            Settings = { ["Timeline:LargeAuthorFollowers"] = "1000" },
        };
        await using var traced = factory.WithWebHostBuilder(builder => builder.ConfigureTestServices(services =>
        {
            services.ConfigureOpenTelemetryTracerProvider(tracing => tracing.AddInMemoryExporter(spans));
            services.AddSingleton<ILogEventSink>(logs);
            services.AddIntegrationEventHandler<CooPostedIntegrationEvent, LoggingCooPostedHandler, TimelineDbContext>();
        }));
        using var client = traced.CreateClient();
        var author = await client.CreateUserAsync("traced_author");
        await client.PostCooOkAsync(author, "before the follows");
        var fans = new List<TestUser>();
        for (var i = 0; i < Followers; i++)
        {
            fans.Add(await client.CreateUserAsync($"traced_fan{i}"));
            await client.FollowOkAsync(fans[^1], "traced_author");
        }

        // Timeline learns of follows from events: once each fan's timeline merged the author's earlier coo, it knows
        // all of them, so the traced post is fanned out in the expected number of batches.
        foreach (var fan in fans)
        {
            await client.HomeTimelineBecomesAsync(fan, "before the follows");
        }

        // The caller's own trace context, so that the trace id is known before anything happens.
        var traceId = ActivityTraceId.CreateRandom();
        string tracedCooId;
        using (var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/coos") { Content = JsonContent.Create(new { text = "traced" }) })
        {
            request.Authorized(author.Tokens.AccessToken);
            request.Headers.Add("traceparent", $"00-{traceId}-{ActivitySpanId.CreateRandom()}-01");
            using var posted = await client.SendAsync(request);
            Assert.Equal(HttpStatusCode.Created, posted.StatusCode);
            tracedCooId = (await posted.Content.ReadFromJsonAsync<CooItem>())!.Id;
        }

        var plainCoo = new CooPostedIntegrationEvent(Guid.Empty, default, 0, 0, [], [], null, null, []);
        var consumersOfCooPosted = traced.Services.GetServices<IIntegrationEventConsumer>()
            .Count(c => c.EventType == typeof(CooPostedIntegrationEvent) && c.Wants(plainCoo));
        var batches = provider == TestProvider.PostgreSql ? (Followers + CooApiFactory.FanOutBatchSize - 1) / CooApiFactory.FanOutBatchSize : 0;
        var trace = (await Eventually.MatchAsync(
            () => Task.FromResult(new TraceSoFar(spans.Snapshot().Where(s => s.TraceId == traceId).ToList())),
            t => t.Spans.Count(s => s.DisplayName.StartsWith("consume coos.coo-posted.v1 by ", StringComparison.Ordinal)) == consumersOfCooPosted
                && t.Spans.Count(s => s.DisplayName == "fan-out batch") == batches
                && t.Spans.Any(s => s.Kind == ActivityKind.Server),
            TimeSpan.FromSeconds(60),
            what: "the spans of the post, its delivery, consumers and fan-out batches")).Spans;

        var httpSpan = Assert.Single(trace, s => s.Kind == ActivityKind.Server);
        Assert.Equal("POST", httpSpan.GetTagItem("http.request.method"));
        Assert.Contains(trace, s => s.Source.Name == EntityFrameworkSource && s.ParentSpanId == httpSpan.SpanId);
        var delivery = Assert.Single(trace, s => s.DisplayName == "relay coos.coo-posted.v1");
        Assert.Equal(ActivityKind.Producer, delivery.Kind);
        Assert.Equal(httpSpan.SpanId, delivery.ParentSpanId); // The outbox row was written inside the request's span.
        var consumers = trace.Where(s => s.DisplayName.StartsWith("consume coos.coo-posted.v1 by ", StringComparison.Ordinal)).ToList();
        Assert.Contains(consumers, c => c.DisplayName == "consume coos.coo-posted.v1 by LoggingCooPostedHandler");
        Assert.All(consumers, c => Assert.Equal(delivery.SpanId, c.ParentSpanId));

        var fanOut = consumers.Single(c => c.DisplayName == "consume coos.coo-posted.v1 by Timeline.CooPostedHandler");
        foreach (var batch in trace.Where(s => s.DisplayName == "fan-out batch"))
        {
            var job = Assert.Single(trace, s => s.SpanId == batch.ParentSpanId);
            Assert.Equal("job FanOutBatchJob.RunAsync", job.DisplayName);
            Assert.Equal(fanOut.SpanId, job.ParentSpanId); // Enqueued by the consumer, run later by Hangfire.
            Assert.Contains(trace, s => s.Source.Name == EntityFrameworkSource && s.ParentSpanId == batch.SpanId);
        }

        // The request's own log line goes through the host's logger (its sinks), with the request's trace.
        Assert.Single(logs.Snapshot(), e => e.Properties.TryGetValue("RequestPath", out var path)
            && path is ScalarValue { Value: "/api/v1/coos" } && e.Properties["RequestMethod"] is ScalarValue { Value: "POST" }
            && e.Properties.TryGetValue("TraceId", out var trace) && trace is ScalarValue { Value: var id } && Equals(id, traceId.ToHexString()));

        var logged = Assert.Single(logs.Snapshot(), e => e.MessageTemplate.Text.StartsWith(LoggingCooPostedHandler.Message, StringComparison.Ordinal)
            && e.Properties["CooId"].ToString() == tracedCooId);
        var probeSpan = consumers.Single(c => c.DisplayName == "consume coos.coo-posted.v1 by LoggingCooPostedHandler");
        Assert.Equal(traceId.ToHexString(), ((ScalarValue)logged.Properties["TraceId"]).Value);
        Assert.Equal(probeSpan.SpanId.ToHexString(), ((ScalarValue)logged.Properties["SpanId"]).Value);
        using var json = new StringWriter(System.Globalization.CultureInfo.InvariantCulture);
        new RenderedCompactJsonFormatter().Format(logged, json);
        Assert.Contains($"\"TraceId\":\"{traceId}\"", json.ToString(), StringComparison.Ordinal);
        Assert.Contains($"\"SpanId\":\"{probeSpan.SpanId}\"", json.ToString(), StringComparison.Ordinal);
    }

    /// <summary>The spans of the trace seen so far; a timeout names them, so that a missing or extra span can be told apart.</summary>
    private sealed record TraceSoFar(List<Activity> Spans)
    {
        public override string ToString() =>
            string.Join(", ", Spans.Where(s => s.Source.Name != EntityFrameworkSource).CountBy(s => s.DisplayName).Select(c => $"{c.Key} x{c.Value}"));
    }

    [Fact]
    public async Task Without_an_OTLP_endpoint_no_exporter_is_registered()
    {
        await using var factory = new CooApiFactory(TestProvider.Sqlite);
        IReadOnlyList<ServiceDescriptor> registered = [];
        await using var host = factory.WithWebHostBuilder(builder => builder.ConfigureTestServices(services => registered = [.. services]));
        using var client = host.CreateClient();
        using var live = await client.GetAsync("/health/live");

        Assert.Equal(HttpStatusCode.OK, live.StatusCode);
        Assert.DoesNotContain(registered, IsOtlpExporterService);
    }

    [Fact]
    public async Task With_an_unreachable_OTLP_endpoint_requests_still_succeed()
    {
        await using var factory = new CooApiFactory(TestProvider.Sqlite)
        {
            Settings =
            {
                [OtlpExportOptions.EndpointSetting] = "http://127.0.0.1:9", // the discard port: nothing listens
                ["OTEL_BSP_SCHEDULE_DELAY"] = "50", // export at once, while the requests below run
                ["OTEL_EXPORTER_OTLP_TIMEOUT"] = "1000", // and give up quickly when the host stops
            },
        };
        IReadOnlyList<ServiceDescriptor> registered = [];
        await using var host = factory.WithWebHostBuilder(builder => builder.ConfigureTestServices(services => registered = [.. services]));
        using var client = host.CreateClient();

        var author = await client.CreateUserAsync("otlp_author");
        for (var i = 0; i < 3; i++)
        {
            await client.PostCooOkAsync(author, $"exported {i}");
        }

        await client.HomeTimelineBecomesAsync(author, "exported 2", "exported 1", "exported 0");
        Assert.Contains(registered, IsOtlpExporterService);
    }

    private static bool IsOtlpExporterService(ServiceDescriptor descriptor) =>
        new[] { descriptor.ServiceType }.Concat(descriptor.ServiceType.GenericTypeArguments)
            .Any(t => t.Namespace?.StartsWith("OpenTelemetry.Exporter", StringComparison.Ordinal) == true);

    /// <summary>Spans as the exporter hands them over, from its own thread.</summary>
    private sealed class SpanCollection : System.Collections.ObjectModel.Collection<Activity>
    {
        private readonly Lock _gate = new();

        public List<Activity> Snapshot()
        {
            lock (_gate)
            {
                return [.. Items];
            }
        }

        protected override void InsertItem(int index, Activity item)
        {
            lock (_gate)
            {
                base.InsertItem(index, item);
            }
        }
    }

    private sealed class LogCollection : ILogEventSink
    {
        private readonly System.Collections.Concurrent.ConcurrentQueue<LogEvent> _events = new();

        public void Emit(LogEvent logEvent) => _events.Enqueue(logEvent);

        public List<LogEvent> Snapshot() => [.. _events];
    }
}

/// <summary>A second consumer of <see cref="CooPostedIntegrationEvent"/>, which writes a log line while it consumes.</summary>
internal sealed partial class LoggingCooPostedHandler(Microsoft.Extensions.Logging.ILogger<LoggingCooPostedHandler> logger)
    : Coo.Shared.Infrastructure.Messaging.IIntegrationEventHandler<CooPostedIntegrationEvent>
{
    public const string Message = "Tracing test consumed coo";

    public Task HandleAsync(CooPostedIntegrationEvent integrationEvent, CancellationToken cancellationToken)
    {
        LogConsumed(integrationEvent.CooId);
        return Task.CompletedTask;
    }

    [Microsoft.Extensions.Logging.LoggerMessage(Microsoft.Extensions.Logging.LogLevel.Information, Message + " {CooId}")]
    private partial void LogConsumed(long cooId);
}

namespace Coo.Host.Platform.Bench;

/// <summary>Settings of section <c>Bench</c>, for the load benchmark only.</summary>
internal sealed class BenchOptions
{
    public const string Section = "Bench";

    /// <summary>Maps <c>/bench/ceiling</c> (see <see cref="CeilingEndpoint"/>); off by default.</summary>
    public bool CeilingEndpoint { get; set; }
}

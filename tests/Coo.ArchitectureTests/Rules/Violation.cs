namespace Coo.ArchitectureTests.Rules;

/// <summary>One breach of an architecture rule: what breaks it (a type, assembly or project) and how.</summary>
internal sealed record Violation(string Subject, string Problem)
{
    public override string ToString() => $"{Subject}: {Problem}";
}

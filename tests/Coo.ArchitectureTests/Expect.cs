using Coo.ArchitectureTests.Rules;

namespace Coo.ArchitectureTests;

internal static class Expect
{
    /// <summary>The rule holds: no violation (the message lists every one found).</summary>
    public static void NoViolations(IEnumerable<Violation> violations)
    {
        var found = violations.Select(v => v.ToString()).Order(StringComparer.Ordinal).ToList();
        Assert.True(found.Count == 0, $"{found.Count} architecture violation(s):{Environment.NewLine}{string.Join(Environment.NewLine, found)}");
    }

    /// <summary>The rule fails with exactly these violations, in any order.</summary>
    public static void Violations(IEnumerable<Violation> violations, params Violation[] expected) =>
        Assert.Equal(
            expected.Select(v => v.ToString()).Order(StringComparer.Ordinal),
            violations.Select(v => v.ToString()).Order(StringComparer.Ordinal));

    /// <summary>The rule fails on exactly these subjects, in any order and however often.</summary>
    public static void ViolationsOn(IEnumerable<Violation> violations, params string[] subjects) =>
        Assert.Equal(
            subjects.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal),
            violations.Select(v => v.Subject).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal));
}

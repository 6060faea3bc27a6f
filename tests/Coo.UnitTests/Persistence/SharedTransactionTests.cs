using Coo.Shared.Infrastructure.Persistence;

namespace Coo.UnitTests.Persistence;

/// <summary>The statements of a shared transaction go as one command (<see cref="SharedTransaction.Combine"/>).</summary>
public sealed class SharedTransactionTests
{
    [Fact]
    public void Each_statements_placeholders_move_past_the_parameters_of_those_before_it()
    {
        var (sql, parameters) = SharedTransaction.Combine(
        [
            new SqlStatement("INSERT INTO a (x, y) VALUES ({0}, {1})", [1L, 2]),
            new SqlStatement("INSERT INTO b (x, y, z) VALUES ({1}, {0}, NULLIF({2}, 0))", [3L, 4L, 0L]),
        ]);

        Assert.Equal("INSERT INTO a (x, y) VALUES ({0}, {1});\nINSERT INTO b (x, y, z) VALUES ({3}, {2}, NULLIF({4}, 0));\n", sql);
        Assert.Equal([1L, 2, 3L, 4L, 0L], parameters);
    }

    [Fact]
    public void A_statement_that_ends_with_its_own_semicolon_is_not_given_a_second()
    {
        var (sql, _) = SharedTransaction.Combine(
        [
            new SqlStatement("MERGE s USING n ON s.id = n.id WHEN MATCHED THEN UPDATE SET c = c + {0};\n", [1]),
            new SqlStatement("INSERT INTO b (x) VALUES ({0})", [2]),
        ]);

        Assert.Equal("MERGE s USING n ON s.id = n.id WHEN MATCHED THEN UPDATE SET c = c + {0};\nINSERT INTO b (x) VALUES ({1});\n", sql);
    }

    [Fact]
    public void Placeholders_past_nine_move_as_numbers()
    {
        var first = new SqlStatement(string.Join(", ", Enumerable.Range(0, 11).Select(i => $"{{{i}}}")), [.. Enumerable.Range(0, 11).Cast<object>()]);

        var (sql, _) = SharedTransaction.Combine([first, new SqlStatement("SELECT {10}, {0}", [.. Enumerable.Range(0, 11).Cast<object>()])]);

        Assert.EndsWith("SELECT {21}, {11};\n", sql, StringComparison.Ordinal);
    }
}

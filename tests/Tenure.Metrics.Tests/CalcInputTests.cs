using Tenure.Metrics.Catalogue;

namespace Tenure.Metrics.Tests;

/// <summary>The `tenure calc` input rules, declared once on <see cref="CalcInput"/>.</summary>
public sealed class CalcInputTests
{
    private static readonly CalcInput Start = new("customers-at-start", "S") { Kind = CalcValueKind.Count };
    private static readonly CalcInput New = new("new-customers", "N", Optional: true) { Kind = CalcValueKind.Count };
    private static readonly CalcInput Churned = new("churned", "churned") { Kind = CalcValueKind.Count, AtMostSumOf = ["customers-at-start", "new-customers"] };
    private static readonly CalcInput[] ChurnInputs = [Start, Churned, New];

    private static IReadOnlyList<string> Problems(params (string Name, decimal Value)[] values) =>
        CalcInputs.Problems(ChurnInputs, values.ToDictionary(v => v.Name, v => v.Value));

    [Fact]
    public void Problems_WithinEveryRule_IsEmpty()
    {
        Assert.Empty(Problems(("customers-at-start", 10), ("churned", 10)));            // churned = S: the bound itself
        Assert.Empty(Problems(("customers-at-start", 10), ("churned", 15), ("new-customers", 5))); // 15 <= 10 + 5
        Assert.Empty(Problems(("customers-at-start", 0), ("churned", 0)));
    }

    [Fact]
    public void Problems_AboveTheSumOfTheBoundingInputs_NamesBoth()
    {
        Assert.Equal(["--churned (16) cannot be more than --customers-at-start + --new-customers (15)."],
            Problems(("customers-at-start", 10), ("churned", 16), ("new-customers", 5)));
        // An absent optional input counts 0 in the bound.
        Assert.Equal(["--churned (11) cannot be more than --customers-at-start + --new-customers (10)."],
            Problems(("customers-at-start", 10), ("churned", 11)));
    }

    [Theory]
    [InlineData(-1, "--customers-at-start cannot be negative (was -1).")]
    [InlineData(2.5, "--customers-at-start is a count: it must be a whole number (was 2.5).")]
    public void Problems_CountNegativeOrFractional_IsNamed(double start, string message)
    {
        Assert.Equal([message], Problems(("customers-at-start", (decimal)start), ("churned", 0)));
    }

    [Fact]
    public void ProblemWith_AmountAndSigned_FollowTheirKind()
    {
        Assert.Null(new CalcInput("total-hours", "h").ProblemWith(2.5m));
        Assert.Equal("--total-hours cannot be negative (was -0.5).", new CalcInput("total-hours", "h").ProblemWith(-0.5m));
        Assert.Null(new CalcInput("revenue", "r") { Kind = CalcValueKind.Signed }.ProblemWith(-20m));
    }

    [Fact]
    public void Rule_SaysKindAndBound()
    {
        Assert.Equal("a whole number >= 0, at most --customers-at-start + --new-customers", Churned.Rule);
        Assert.Equal("a number >= 0", new CalcInput("total-hours", "h").Rule);
    }

    /// <summary>Every bound in the catalogue names inputs of the same metric, so no rule points nowhere.</summary>
    [Fact]
    public void Catalogue_EveryBound_NamesAnInputOfTheSameMetric()
    {
        foreach (var definition in MetricCatalogue.All)
        {
            var names = definition.CalcInputs.Select(i => i.Name).ToHashSet();
            foreach (var input in definition.CalcInputs)
                Assert.All(input.AtMostSumOf, bound => Assert.True(names.Contains(bound) && bound != input.Name, $"{definition.Id}: --{input.Name} is bounded by --{bound}, which it does not take"));
        }
    }
}

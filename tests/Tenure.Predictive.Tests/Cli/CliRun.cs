using Tenure.Cli;

namespace Tenure.Predictive.Tests.Cli;

/// <summary>Runs `tenure` in-process and captures what it wrote.</summary>
internal sealed record CliRun(int ExitCode, string Out, string Error)
{
    public static CliRun Of(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var code = TenureApp.Run(args, output, error);
        return new CliRun(code, output.ToString(), error.ToString());
    }

    public string[] OutLines => Out.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.TrimEnd('\r')).ToArray();

    /// <summary>Bad input: exit 2, the message on standard error, no stack trace.</summary>
    public void AssertBadInput(string expected)
    {
        Assert.True(ExitCode == 2, $"exit {ExitCode}; stderr: {Error}; stdout: {Out}");
        Assert.Contains(expected, Error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", Error, StringComparison.Ordinal);
    }
}

using System.Diagnostics;
using System.Text;

namespace Tenure.Testing;

/// <summary>Runs a program to completion, capturing stdout and stderr together for error messages.</summary>
static class ProcessRun
{
    public sealed record Result(int ExitCode, string Output);

    public static async Task<Result> RunAsync(string program, IReadOnlyList<string> arguments, TimeSpan timeout)
    {
        var start = new ProcessStartInfo(program)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }
        using var process = new Process { StartInfo = start };
        var output = new StringBuilder();
        var gate = new object();
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) { lock (gate) { output.AppendLine(e.Data); } } };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) { lock (gate) { output.AppendLine(e.Data); } } };
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        using var cts = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            lock (gate)
            {
                return new Result(-1, $"timed out after {timeout.TotalSeconds:0} s\n{output}");
            }
        }
        // The parameterless wait flushes the asynchronous output readers.
        await process.WaitForExitAsync();
        lock (gate)
        {
            return new Result(process.ExitCode, output.ToString());
        }
    }
}

using Spectre.Console;

namespace Tenure.Cli.Output;

/// <summary>A Spectre console over a writer: colours and the terminal's width for people, plain and wide for pipes.</summary>
public static class Terminal
{
    /// <summary>
    /// A console over <paramref name="writer"/>: ANSI, colours and the terminal's width when
    /// <paramref name="interactive"/>, plain text 240 columns wide otherwise. The NO_COLOR convention
    /// (https://no-color.org: the variable set to any non-empty value) turns colours off even on a terminal.
    /// </summary>
    public static IAnsiConsole For(TextWriter writer, bool interactive) =>
        For(writer, interactive, Environment.GetEnvironmentVariable);

    /// <summary>As <see cref="For(TextWriter, bool)"/>, reading the environment through <paramref name="environment"/> (tests pass their own).</summary>
    public static IAnsiConsole For(TextWriter writer, bool interactive, Func<string, string?> environment)
    {
        ArgumentNullException.ThrowIfNull(environment);
        bool colours = interactive && !NoColor(environment);
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(writer),
            Ansi = interactive ? AnsiSupport.Detect : AnsiSupport.No,
            ColorSystem = colours ? ColorSystemSupport.Detect : ColorSystemSupport.NoColors,
            Interactive = interactive ? InteractionSupport.Detect : InteractionSupport.No,
        });
        if (!interactive)
            console.Profile.Width = 240;
        return console;
    }

    /// <summary>Whether NO_COLOR asks for no colours: set to a non-empty value.</summary>
    public static bool NoColor(Func<string, string?> environment) =>
        !string.IsNullOrEmpty(environment?.Invoke("NO_COLOR"));
}

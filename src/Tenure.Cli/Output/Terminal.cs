using Spectre.Console;

namespace Tenure.Cli.Output;

/// <summary>A Spectre console over a writer: colours and the terminal's width for people, plain and wide for pipes.</summary>
public static class Terminal
{
    public static IAnsiConsole For(TextWriter writer, bool interactive)
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(writer),
            Ansi = interactive ? AnsiSupport.Detect : AnsiSupport.No,
            ColorSystem = interactive ? ColorSystemSupport.Detect : ColorSystemSupport.NoColors,
            Interactive = interactive ? InteractionSupport.Detect : InteractionSupport.No,
        });
        if (!interactive)
            console.Profile.Width = 240;
        return console;
    }
}

using Spectre.Console;

namespace SmartCity.Cli;

/// <summary>
/// A Spectre.Console progress bar on standard error for long analyses. It is drawn only on an interactive terminal:
/// never when standard error is redirected or captured (tests), never under <c>CI=true</c>, and never when Spectre does
/// not find the terminal interactive with ANSI support — so nothing is ever written in those cases.
/// </summary>
internal static class ProgressDisplay
{
    /// <summary>Returns whether a progress bar is wanted on <paramref name="error"/>.</summary>
    /// <param name="error">Where the command writes its diagnostics.</param>
    /// <param name="errorRedirected">Whether the process's standard error is redirected.</param>
    /// <param name="ci">The value of the <c>CI</c> environment variable.</param>
    public static bool IsWanted(TextWriter error, bool errorRedirected, string? ci) =>
        ReferenceEquals(TerminalText.Unwrap(error), Console.Error) && !errorRedirected && !string.Equals(ci, "true", StringComparison.OrdinalIgnoreCase);

    /// <summary>Runs <paramref name="work"/>, with a progress reporter drawing a bar of <paramref name="total"/> steps when wanted, else none.</summary>
    public static T Run<T>(CliContext context, string label, int total, Func<IProgress<int>?, T> work)
    {
        if (!IsWanted(context.Error, Console.IsErrorRedirected, Environment.GetEnvironmentVariable("CI")))
        {
            return work(null);
        }

        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Error) });
        if (!console.Profile.Capabilities.Interactive || !console.Profile.Capabilities.Ansi)
        {
            return work(null);
        }

        var result = default(T)!;
        console.Progress()
            .AutoClear(true)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn())
            .Start(ctx =>
            {
                var task = ctx.AddTask(label, maxValue: Math.Max(1, total));
                result = work(new TaskProgress(task));
                task.Value = task.MaxValue;
            });
        return result;
    }

    /// <summary>Forwards the analysis's count of finished steps (reported from worker threads) to the Spectre task, which is thread-safe.</summary>
    private sealed class TaskProgress(ProgressTask task) : IProgress<int>
    {
        public void Report(int value) => task.Value = value;
    }
}

using System.Runtime.InteropServices;
using System.Text;

namespace SmartCity.Cli;

/// <summary>Entry point of the <c>smartcity</c> tool.</summary>
internal static class Program
{
    private static int Main(string[] args)
    {
        Console.OutputEncoding = Encoding.UTF8;
        using var cancellation = new CancellationTokenSource();

        // The first Ctrl-C (or SIGTERM) asks the run to stop: it deletes its temporary outputs and changes none.
        // A second Ctrl-C ends the process at once.
        Console.CancelKeyPress += (_, e) =>
        {
            if (!cancellation.IsCancellationRequested)
            {
                e.Cancel = true;
                cancellation.Cancel();
            }
        };
        using var term = PosixSignalRegistration.Create(PosixSignal.SIGTERM, signal =>
        {
            signal.Cancel = true;
            cancellation.Cancel();
        });
        return CliApp.Run(args, Console.Out, Console.Error, cancellation.Token);
    }
}

using System.Text;

namespace SmartCity.Cli;

/// <summary>Entry point of the <c>smartcity</c> tool.</summary>
internal static class Program
{
    private static int Main(string[] args)
    {
        Console.OutputEncoding = Encoding.UTF8;
        return CliApp.Run(args, Console.Out, Console.Error);
    }
}

namespace SmartCity.Cli;

/// <summary>The command's exit codes.</summary>
internal static class ExitCodes
{
    /// <summary>Success (for validate: the input is valid; warnings may have been printed).</summary>
    public const int Ok = 0;

    /// <summary>An unexpected failure (a bug): one line on standard error.</summary>
    public const int Unexpected = 1;

    /// <summary>Invalid input: bad arguments, an unreadable or invalid file.</summary>
    public const int InvalidInput = 2;

    /// <summary>Cancelled (Ctrl-C, SIGTERM) before the outputs were moved into place: every output is as it was before the run.</summary>
    public const int Cancelled = 130;
}

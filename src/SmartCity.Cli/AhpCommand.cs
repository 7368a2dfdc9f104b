using System.CommandLine;
using System.Globalization;
using System.Text;
using System.Text.Json;
using SmartCity.Domain.Weights;

namespace SmartCity.Cli;

/// <summary><c>smartcity ahp --matrix FILE.csv [--out FILE.json]</c>: AHP weights from a pairwise-comparison matrix.</summary>
internal static class AhpCommand
{
    public static Command Create(CliContext context)
    {
        var matrix = new Option<string>("--matrix") { Description = "Square CSV: header row and first column = criterion names; cells are numbers or fractions such as 1/3.", Required = true };
        var output = new Option<string?>("--out") { Description = "Write weights, lambdaMax, consistencyIndex and consistencyRatio as JSON." };
        var method = new Option<string>("--method") { Description = "eigenvector (default) | geometric", DefaultValueFactory = _ => "eigenvector" };
        var table = new Option<string>("--ri") { Description = "Random-index table: classic (Saaty, default) | alternative", DefaultValueFactory = _ => "classic" };
        var accept = new Option<bool>("--accept-inconsistent") { Description = "Report weights even when the consistency ratio is 0.10 or more." };
        var command = new Command("ahp", "Weights from a pairwise-comparison matrix (analytic hierarchy process), with consistency.") { matrix, output, method, table, accept };
        command.SetAction(result =>
        {
            var file = result.GetValue(matrix)!;
            var (names, values) = ReadMatrix(file);
            var ahpMethod = result.GetValue(method) switch
            {
                "eigenvector" => AhpMethod.Eigenvector,
                "geometric" => AhpMethod.GeometricMean,
                var other => throw new CliException($"--method: '{other}' is not one of eigenvector, geometric"),
            };
            var riTable = result.GetValue(table) switch
            {
                "classic" => RandomIndexTable.SaatyClassic,
                "alternative" => RandomIndexTable.Alternative,
                var other => throw new CliException($"--ri: '{other}' is not one of classic, alternative"),
            };
            var ahp = ScoringInput.Unwrap(Ahp.Compute(names, values, ahpMethod, riTable, result.GetValue(accept) ? double.PositiveInfinity : 0.10), file);
            var width = Math.Max(9, names.Max(n => n.Length));
            context.Out.WriteLine($"{"criterion".PadRight(width)}  weight");
            for (var i = 0; i < names.Length; i++)
            {
                context.Out.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{names[i].PadRight(width)}  {ahp.Weights[i]:0.000000}"));
            }

            context.Out.WriteLine(string.Create(CultureInfo.InvariantCulture, $"lambdaMax {ahp.LambdaMax:0.000000}  CI {ahp.ConsistencyIndex:0.000000}  CR {ahp.ConsistencyRatio:0.000000} (RI {ahp.RandomIndex}){(ahp.ConsistencyRatio >= 0.10 ? "  INCONSISTENT (accepted)" : string.Empty)}"));
            if (result.GetValue(output) is { } outFile)
            {
                FileInput.WriteText(outFile, ToJson(ahp));
            }

            return ExitCodes.Ok;
        });
        return command;
    }

    internal static string ToJson(AhpResult ahp)
    {
        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
        {
            json.WriteStartObject();
            json.WriteStartObject("weights");
            for (var i = 0; i < ahp.Criteria.Length; i++)
            {
                json.WriteNumber(ahp.Criteria[i], ahp.Weights[i]);
            }

            json.WriteEndObject();
            json.WriteNumber("lambdaMax", ahp.LambdaMax);
            json.WriteNumber("consistencyIndex", ahp.ConsistencyIndex);
            json.WriteNumber("consistencyRatio", ahp.ConsistencyRatio);
            json.WriteNumber("randomIndex", ahp.RandomIndex);
            json.WriteString("method", ahp.Method == AhpMethod.Eigenvector ? "eigenvector" : "geometric");
            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(stream.ToArray()) + Environment.NewLine;
    }

    private static (string[] Names, double[,] Values) ReadMatrix(string file)
    {
        var lines = CsvInput.Read(file);
        if (lines.Count < 2)
        {
            throw new CliException($"{file}: expected a header row and one row per criterion");
        }

        var names = lines[0].Cells.Skip(1).ToArray();
        if (lines.Count - 1 != names.Length)
        {
            throw new CliException($"{file}: the header names {names.Length} criteria but there are {lines.Count - 1} rows; the matrix must be square");
        }

        var values = new double[names.Length, names.Length];
        for (var r = 0; r < names.Length; r++)
        {
            var (line, cells) = (lines[r + 1].Line, lines[r + 1].Cells);
            if (cells.Count != names.Length + 1)
            {
                throw new CliException($"{file}: line {line} has {cells.Count} cells; expected {names.Length + 1}");
            }

            if (cells[0] != names[r])
            {
                throw new CliException($"{file}: line {line}: the row is named '{cells[0]}' but column {r + 2} is '{names[r]}'; rows and columns must list the criteria in the same order");
            }

            for (var c = 0; c < names.Length; c++)
            {
                if (!Ahp.TryParseEntry(cells[c + 1], out values[r, c]))
                {
                    throw new CliException($"{file}: line {line}, column {names[c]}: '{cells[c + 1]}' is not a number or a fraction such as 1/3");
                }
            }
        }

        return (names, values);
    }
}
